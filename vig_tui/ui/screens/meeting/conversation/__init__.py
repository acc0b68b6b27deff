"""A shared review's clip as one conversation: the stage the talk is in, the
family's words so far, a short list of prompts and a box for what they say."""

from __future__ import annotations

from .commands import ConversationCommands
from .view import ConversationView

__all__ = ["ConversationCommands", "ConversationView"]
