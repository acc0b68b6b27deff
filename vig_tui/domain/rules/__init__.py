"""The rules of the work, one copy each: screens and services ask these."""
