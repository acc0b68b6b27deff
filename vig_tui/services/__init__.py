"""Use cases with no Textual: what screens and commands call (see ARCHITECTURE.md)."""
