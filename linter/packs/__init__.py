"""Rule packs: the rule model, reading packs from YAML (built-in and the user's), turning their match
terms into patterns, and choosing rules by id, pack or category. Depends on nothing above it."""
