"""The registry of form definitions: the YAML files in forms/, their fields and answer rules,
comparisons and plain language."""
