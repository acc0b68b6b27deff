"""vig — a terminal companion for Video Interaction Guidance."""

__version__ = "0.1.0"
