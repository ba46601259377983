"""copylint: finds risky FDA/FTC claims in regenerative-medicine marketing copy."""

__version__ = "0.1.0"  # first: modules imported below read it

from .api import lint_paths, lint_text, load_engine, result_store
from .errors import CopylintError
from .findings import Finding, LintResult

__all__ = [
    "CopylintError",
    "Finding",
    "LintResult",
    "__version__",
    "lint_paths",
    "lint_text",
    "load_engine",
    "result_store",
]
