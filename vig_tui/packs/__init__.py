"""Prompt packs and questionnaires: everything vig asks in the room, kept as YAML data.

This package is part of the core: it never imports Textual, Rich, TinyDB or VLC,
so it can be used and tested without a terminal.

Typical use from the UI::

    from vig_tui.packs import load_packs, score

    packs = load_packs()                     # shipped packs + the user's own packs
    for warning in packs.warnings:           # broken user packs were skipped
        show_warning(warning)
    for stage in packs.shared_review.stages:
        for prompt in stage.prompts_for("adult_child"):
            family_text = prompt.text("adult_child")      # for everyone
            cue = prompt.cue("adult_child")               # practitioner only
    phq9 = packs.questionnaires["phq9"]
    result = score(phq9, {"phq9-1": 2, "phq9-2": 1, ...})
    result.total, result.band, result.alerts              # band and alerts: practitioner only

See ``docs/packs.md`` for the file formats and the override rules.
"""

from __future__ import annotations

from .errors import AnswerError, Location, PackError, ScoringError
from .loader import (
    CheckReport,
    check_paths,
    find_pack_files,
    load_packs,
    shipped_packs_dir,
    user_packs_dir,
)
from .packset import (
    Conversation,
    HelpingQuestionsGuide,
    PackInfo,
    PackSet,
    SharedReviewGuide,
    Source,
)
from .parse import load_pack, parse_pack_file, parse_pack_text
from .schema import (
    KINDS,
    VARIANTS,
    AlertRule,
    Band,
    ChainStep,
    ChangeRule,
    CycleKind,
    FinalMeetingPack,
    HelpingQuestionsPack,
    InitialMeetingPack,
    Item,
    Option,
    Pack,
    Principle,
    PrinciplesPack,
    Prompt,
    Questionnaire,
    Rating,
    ScaleAnchor,
    Section,
    SharedReviewPack,
    Subscale,
    Variant,
    VariantText,
)
from .scoring import Administration, Alert, Answer, Score, SubscaleScore, rescore, score

__all__ = [
    "KINDS",
    "VARIANTS",
    "Administration",
    "Alert",
    "AlertRule",
    "Answer",
    "AnswerError",
    "Band",
    "ChainStep",
    "ChangeRule",
    "CheckReport",
    "Conversation",
    "CycleKind",
    "FinalMeetingPack",
    "HelpingQuestionsGuide",
    "HelpingQuestionsPack",
    "InitialMeetingPack",
    "Item",
    "Location",
    "Option",
    "Pack",
    "PackError",
    "PackInfo",
    "PackSet",
    "Principle",
    "PrinciplesPack",
    "Prompt",
    "Questionnaire",
    "Rating",
    "ScaleAnchor",
    "Score",
    "ScoringError",
    "Section",
    "SharedReviewGuide",
    "SharedReviewPack",
    "Source",
    "Subscale",
    "SubscaleScore",
    "Variant",
    "VariantText",
    "check_paths",
    "find_pack_files",
    "load_pack",
    "load_packs",
    "parse_pack_file",
    "parse_pack_text",
    "rescore",
    "score",
    "shipped_packs_dir",
    "user_packs_dir",
]
