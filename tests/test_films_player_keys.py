"""Player keys work where the player's hints name them (issue 12, the room findings).

UI unit tests with FakePlayer: the keys, focus and per-clip settings are the screens'
business; real playback is tested in test_films_formats.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.journey_helpers import Players, add_demo, make_app, past_read_back
from tests.test_clip_prep import PrepApp, screen_of
from vig_tui.playback.fake import FakePlayer
from vig_tui.store import Store
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.widgets.player_panel import PlayerPanel


async def go_to(pilot: Pilot[int], screen: MeetingScreen, key: str) -> None:
    screen.go(next(i for i, s in enumerate(screen.steps) if s.key == key))
    await pilot.pause()


async def test_r_and_l_work_on_the_shared_review_step_that_names_them(store: Store) -> None:
    family_id = add_demo(store)
    players = Players()
    app = make_app(store, players)
    clips = store.family(family_id).record.clips_for(1)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("r")  # the dashboard's review
        await past_read_back(pilot)
        await pilot.pause()
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        await pilot.press("ctrl+t")  # the step-by-step view has a step just for watching
        await pilot.pause()
        await go_to(pilot, meeting, f"clip:{clips[0].id}:watch")
        player = players.player
        assert player is not None
        player.advance(0)
        player.advance(5000)  # to the clip's end: the panel says "press F6 ... or F8 ..."
        await pilot.pause(0.3)
        panel = meeting.query_one(PlayerPanel)
        assert "Press F6" in panel.message and "F8 to loop" in panel.message
        before = len(player.calls)
        await pilot.press("f6")
        await pilot.pause()
        assert "replay" in player.calls[before:], player.calls[before:]
        await pilot.press("f8", "f8")  # loop on and off again
        await pilot.pause()
        assert not player.loop
        before = len(player.calls)
        await pilot.press("r")
        await pilot.pause()
        assert "replay" in player.calls[before:], player.calls[before:]
        await pilot.press("l")
        await pilot.pause()
        assert player.loop


async def test_in_the_familys_words_box_the_hints_name_keys_that_work(store: Store) -> None:
    """Try-out: the hint said "Press r ... or l" while the focus was in the family's
    words box, where r and l type letters. The hints name F6/F8 (which work anywhere),
    and the bar shows the time within the moment, not within the whole film."""
    family_id = add_demo(store)
    players = Players()
    app = make_app(store, players)
    clip = store.family(family_id).record.clips_for(1)[0]
    assert clip.end_ms is not None
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("r")
        await past_read_back(pilot)
        await pilot.pause()
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        await go_to(pilot, meeting, f"clip:{clip.id}:talk")  # the default conversation
        player = players.player
        assert player is not None
        assert isinstance(app.focused, (Input, TextArea)), app.focused  # the family's words
        player.advance(0)
        player.advance(2000)  # two seconds into the moment
        await pilot.pause(0.3)
        panel = meeting.query_one(PlayerPanel)
        span_s = (clip.end_ms - clip.start_ms) // 1000
        assert span_s > 2
        assert f"0:02 / 0:{span_s:02d}" in panel.status_line, panel.status_line
        player.advance(span_s * 1000)  # to the clip's end
        await pilot.pause(0.3)
        assert "Press F6" in panel.message and "F8 to loop" in panel.message, panel.message
        assert "Press r" not in panel.message
        assert "F6 to watch it again" in panel.status_line, panel.status_line
        await pilot.press("f8")
        await pilot.pause()
        assert player.loop and "press F8 again" in panel.message, panel.message


async def test_after_ctrl_s_the_player_keys_work_again() -> None:
    fake = FakePlayer()
    app = PrepApp(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("space")
        fake.advance(0)
        fake.advance(1000)
        await pilot.press("left_square_bracket")
        fake.advance(3000)
        await pilot.press("right_square_bracket")
        screen.query_one("#cp-title").focus()
        await pilot.press(*"Peekaboo")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.saved and screen.start_ms is None
        position = fake.position_ms()
        await pilot.press("right")  # one second on, for the next clip
        await pilot.pause()
        assert fake.position_ms() == position + 1000
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.start_ms == position + 1000


def test_speed_and_loop_start_fresh_for_each_clip() -> None:
    from tests.conftest_playback import SAMPLE_FILM

    player = FakePlayer()
    player.open(SAMPLE_FILM)
    player.play_clip(1000, 5000)
    player.set_rate(0.5)
    player.set_loop(True)
    player.replay()  # the same clip again keeps them
    assert (player.rate, player.loop) == (0.5, True)
    player.play_clip(6000, 9000)  # the next clip (or another family's) does not
    assert (player.rate, player.loop) == (1.0, False)
