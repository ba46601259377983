"""What happens to findings after the engine: inline suppression directives (with their reasons)
and baselines of accepted findings."""
