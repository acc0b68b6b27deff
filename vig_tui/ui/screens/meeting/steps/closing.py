"""The review's clips, notes, the practitioner's own reflection, and the end of
a meeting: celebrating, first and last side by side, finishing."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Button

from .....domain.goals import TOGETHER, RatingKind, when_first
from .....domain.rules.counts import counted
from .....flows import StepKind, gather_celebration
from .....outcomes import first_and_latest
from ....text import literal
from ....widgets.autosave import AutosaveTextArea
from ....widgets.ratings_chart import ratings_line
from ....widgets.sized_by_layout import LaidOutButton, LaidOutColumn, LaidOutLabel, LaidOutText
from ..moment_notes import preparation
from ..progress import answers_today
from .base import StepView


class WatchView(StepView):
    KIND = StepKind.WATCH

    def compose(self) -> ComposeResult:
        meeting = self.meeting
        clip = meeting.clip(self.step.clip_id)
        if clip is None:
            yield LaidOutText("This clip is no longer there.")
            return
        clips = meeting.record.clips_for(clip.cycle)
        number = [c.id for c in clips].index(clip.id) + 1
        yield LaidOutText(Text(f"Moment {number} of {len(clips)}", style="dim"))
        yield LaidOutText(literal(clip.title or "A moment"), classes="prompt-text")
        yield LaidOutText("Let's watch this moment together. Watch it as many times as you like.")
        yield LaidOutText(
            Text("F5 play or pause · F6 again · F7 slower · F8 loop · F9 freeze", style="dim")
        )
        for line in preparation(meeting, clip.id):
            line.stylize("italic")
            yield LaidOutText(line, classes="private cue")


class NotesView(StepView):
    KIND = StepKind.NOTES

    def compose(self) -> ComposeResult:
        meeting = self.meeting
        yield LaidOutText("Anything else to note from today?", classes="prompt-text")
        yield LaidOutLabel("Notes for the family's record")
        yield AutosaveTextArea(
            meeting.session.shared_notes,
            meeting.savers.meeting("shared_notes"),
            id="shared-notes",
            classes="family-words",
        )
        yield LaidOutColumn(
            LaidOutLabel("Private notes (practitioner only)"),
            AutosaveTextArea(
                meeting.session.private_notes,
                meeting.savers.meeting("private_notes"),
                id="session-private-notes",
                classes="private-note",
            ),
            classes="private private-box",
        )


class GuidanceView(StepView):
    KIND = StepKind.GUIDANCE

    def compose(self) -> ComposeResult:
        meeting = self.meeting
        yield LaidOutText(
            Text(
                "This step is for the practitioner alone, after the family has gone. "
                "Press F2 for the practitioner view.",
                style="dim",
            ),
            classes="together-only",
        )
        yield LaidOutColumn(
            LaidOutText("Your own guidance, for supervision", classes="prompt-text"),
            LaidOutText(
                Text(
                    "When did the family become active? What did you do that "
                    "helped — or got in the way?",
                    style="dim",
                )
            ),
            AutosaveTextArea(
                meeting.session.guidance_reflection,
                meeting.savers.meeting("guidance_reflection"),
                id="guidance",
                classes="family-words",
            ),
            classes="private private-box",
        )


class CelebrateView(StepView):
    KIND = StepKind.CELEBRATE

    def compose(self) -> ComposeResult:
        celebration = gather_celebration(self.meeting.packs, self.meeting.record)
        yield LaidOutText("Look at what you have done", classes="prompt-text")
        if celebration.keep_doing:
            yield LaidOutText(Text("What you wanted to keep doing:", style="bold"))
            for words in celebration.keep_doing:
                yield LaidOutText(literal(f"  “{words}”"))
        if celebration.strengths:
            yield LaidOutText(Text("Strengths we saw in your films:", style="bold"))
            for name, count in celebration.strengths:
                more = f"  ({counted(count, 'moment')})" if count > 1 else ""
                yield LaidOutText(literal(f"  ★ {name}{more}"))
        if celebration.words:
            yield LaidOutText(Text("In your own words:", style="bold"))
            for where, words in celebration.words:
                line = literal(f"  “{words}”")
                line.append(f"  — {where}", style="dim")
                yield LaidOutText(line)
        if not (celebration.words or celebration.strengths or celebration.keep_doing):
            yield LaidOutText(
                Text("Nothing from the reviews has been written down yet.", style="dim")
            )


class CompareView(StepView):
    KIND = StepKind.COMPARE

    def compose(self) -> ComposeResult:
        meeting = self.meeting
        yield LaidOutText("Your helping questions, from first to last", classes="prompt-text")
        record = meeting.record
        for question in map(record.rated, record.questions_to_rate(meeting.session)):
            yield LaidOutText(literal(question.text), classes="question-text")
            series = question.by_rater()
            if len(series) > 1:  # each adult's own first and now (theirs alone, or together)
                for rater, ratings in series.items():
                    line = literal(f"  {rater or TOGETHER}: ", style="bold")
                    start, end = ratings[0], ratings[-1]
                    if start.kind == RatingKind.START:
                        line.append(f"first {start.value}  →  now {end.value}")
                    else:  # this adult first rated it after the start: not a baseline
                        line.append(f"{start.value} {when_first(start)}")
                        if end is not start:
                            line.append(f"  →  now {end.value}")
                    yield LaidOutText(line)
                continue
            first, last = question.first(), question.latest()
            line = Text()
            if first and last:
                line.append(f"  first {first.value}  →  now {last.value}   ", style="bold")
            line.append_text(ratings_line(question))
            yield LaidOutText(line)
        pairs = first_and_latest(meeting.packs, meeting.record)
        if pairs:
            lines = [LaidOutText(Text("Questionnaires (practitioner only)", style="bold"))]
            for first_score, latest_score in pairs:
                text = Text(f"  {first_score.title}: first {first_score.summary}")
                if latest_score is not None:
                    text.append(f" → latest {latest_score.summary}")
                lines.append(LaidOutText(text))
            yield LaidOutColumn(*lines, classes="private private-box")


class FinishView(StepView):
    KIND = StepKind.FINISH

    class Finish(Message):
        """The practitioner finishes the meeting."""

    def compose(self) -> ComposeResult:
        meeting = self.meeting
        today = answers_today(meeting.record, meeting.session.id)
        written = LaidOutText(
            f"Written down today, in the family's own words: {today}. Everything is saved."
        )
        if meeting.session.completed:
            # one state at a time: a finished meeting says so and offers the way on
            yield LaidOutText("This meeting is finished", classes="prompt-text")
            yield written
            yield LaidOutText(  # it is read back: see FamilySession.meeting_to_open
                Text(
                    "It is read back as it was kept: nothing in it can change. To add to it, "
                    "close it and continue it today from the dashboard.",
                    style="dim",
                )
            )
            # what comes next in the journey, for the practitioner (the family's
            # closing screen tells them in their own words)
            yield LaidOutText(
                literal(f"Next for this family: {meeting.record.next_step().text}"),
                classes="private",
            )
            yield LaidOutButton("Close the meeting", id="close-finished", action="screen.leave")
            return
        yield LaidOutText("Thank you", classes="prompt-text")
        yield written
        yield LaidOutButton("Finish the meeting", id="finish", variant="success")

    @on(Button.Pressed, "#finish")
    def _finish(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Finish())
