"""copylint: finds risky FDA/FTC claims in regenerative-medicine marketing copy."""

from .api import lint_paths, lint_text, load_engine
from .errors import CopylintError
from .findings import Finding, LintResult

__all__ = ["CopylintError", "Finding", "LintResult", "lint_paths", "lint_text", "load_engine"]
__version__ = "0.1.0"
