"""The meeting screen: a screen (navigation, view mode, player slot) and one
widget per kind of step (`steps/`)."""

from .screen import MeetingScreen

__all__ = ["MeetingScreen"]
