"""The built-in rule packs (YAML data; this file makes the folder importable as linter.builtin_rules)."""
