"""Use cases with no Textual: the only layer screens call to change anything."""
