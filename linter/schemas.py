"""JSON-Schema validation shared by rule packs and config files.

`jsonschema` is imported here only, and only when something is validated: it is the slowest import
copylint has, and built-in packs are validated by the test suite instead of at start-up.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((resources.files("linter.schema") / name).read_text(encoding="utf-8"))
    return schema


# What a value must be, said from the schema alone: for a file from outside the repository, whose
# values an error must not print (`repository.py`).
_EXPECTED = {
    "type": "must be of type {}",
    "enum": "must be one of {}",
    "const": "must be {}",
    "pattern": "must match {}",
    "minimum": "must be at least {}",
    "minLength": "must have at least {} characters",
    "minItems": "must have at least {} items",
    "minProperties": "must have at least {} keys",
}


def first_error(data: Any, schema_name: str, quote_values: bool = True) -> tuple[str, tuple[str | int, ...]] | None:
    """The most relevant validation error as (message, path of the offending value), or None.

    For an unknown key the path ends at that key, so the error can point at its line. Without
    `quote_values`, the message names keys but shows no value (what the schema expects instead).
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema(schema_name))
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return None
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        unknown = [key for key in error.instance if key not in error.schema.get("properties", {})]
        if unknown:
            return f"unknown key '{unknown[0]}'", (*path, unknown[0])
    if quote_values or error.validator in ("required", "propertyNames"):  # these name keys only
        return error.message, path
    template = _EXPECTED.get(str(error.validator))
    if template is None:
        return f"is not valid here ({error.validator})", path
    expected = error.validator_value
    return template.format(", ".join(map(str, expected)) if isinstance(expected, list) else expected), path
