"""The matching engine: runs rules over a Document (literal prefilter, compiled term sets, then the
negation, reported-speech and question filters) and turns surviving matches into Findings."""

from .run import DEFAULT_TIMEOUT, Engine, Part

__all__ = ["DEFAULT_TIMEOUT", "Engine", "Part"]
