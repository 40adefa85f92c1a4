"""The working group's drafts of form definitions: writing, trying in a draft training copy,
comparing and publishing."""
