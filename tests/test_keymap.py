"""Keys people can change: every binding has an id, and a keymap in the
user's config file moves keys; a bad keymap is refused with a clear message
naming the file, the binding and what is wrong, and the usual keys stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding

from vig_tui.domain import Family
from vig_tui.services.session import create_family
from vig_tui.store import Store
from vig_tui.ui.keymap import KeymapError, config_path, load_keymap, places

from .journey_helpers import make_app, screen_text


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_every_binding_has_an_id_and_each_id_is_one_binding() -> None:
    seen: dict[str, tuple[str, str]] = {}
    for place in places():
        for binding in place.bindings:
            assert isinstance(binding, Binding)
            assert binding.id, f"{place.name}: the binding for {binding.key} has no id"
            what = (binding.key, binding.action)
            assert seen.setdefault(binding.id, what) == what, f"{binding.id} is used twice"
    assert len(seen) > 60, len(seen)


def test_the_config_file_lives_in_the_users_config_folder(tmp_path: Path) -> None:
    # conftest points VIG_CONFIG_DIR at the test's own folder
    assert config_path() == tmp_path / "config" / "config.yaml"
    assert load_keymap() == {}  # no file: the usual keys


def test_a_good_keymap_is_read_and_normalised() -> None:
    write_config("keymap:\n  meeting.next: ctrl+right\n  help: 'f10, ?'\n")
    assert load_keymap() == {"meeting.next": "ctrl+right", "help": "f10,question_mark"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "keymap:\n  meeting.nxt: ctrl+n\n",
            "“meeting.nxt” is not a binding vig has (did you mean meeting.next?)",
        ),
        ("keymap:\n  meeting.next: ctrl+nokey\n", "meeting.next: “ctrl+nokey” is not a key name"),
        ("keymap:\n  meeting.next: hyperctrl+n\n", "meeting.next: “hyperctrl+n” has a modifier"),
        ("keymap:\n  dashboard.review: c\n", "dashboard.review and dashboard.consent both use c"),
        ("keymap:\n  dashboard.letter: ctrl+q\n", "quit and dashboard.letter both use ctrl+q"),
        ("keymap:\n  meeting.next: [1, 2]\n", "meeting.next: give the key as text"),
        ("keymap: ctrl+n\n", "“keymap:” should list binding ids"),
        ("colour: blue\n", "“colour” is not a setting vig knows"),
        ("keymap:\n  help: [f1\n", "not readable YAML at line"),
    ],
)
def test_a_bad_keymap_is_refused_with_a_clear_message(text: str, expected: str) -> None:
    path = write_config(text)
    with pytest.raises(KeymapError) as caught:
        load_keymap()
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert expected in message, message
    assert "Traceback" not in message


def test_moving_a_key_to_a_key_the_same_place_frees_is_no_clash() -> None:
    write_config("keymap:\n  dashboard.review: c\n  dashboard.consent: shift+c\n")
    assert load_keymap() == {"dashboard.review": "c", "dashboard.consent": "shift+c"}


async def test_the_app_uses_the_keymap(tmp_path: Path) -> None:
    from vig_tui.ui.dialogs.help import HelpScreen

    write_config("keymap:\n  help: f10\n")
    with Store.open(tmp_path / "store") as store:
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(3):
                await pilot.pause()
            # help still leads the footer, under its new key
            assert screen_text(app).splitlines()[-1].startswith(" f10 Help"), screen_text(app)
            await pilot.press("f1")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)


async def test_a_refused_keymap_is_told_and_the_usual_keys_stay(tmp_path: Path) -> None:
    from vig_tui.ui.dialogs.help import HelpScreen

    path = write_config("keymap:\n  help: f10\n  nosuch.thing: x\n")
    with Store.open(tmp_path / "store") as store:
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(3):
                await pilot.pause()
            told = [n.message for n in app._notifications]
            assert any(str(path) in m and "nosuch.thing" in m for m in told), told
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)


def test_the_readme_names_only_real_binding_ids() -> None:
    import re

    from vig_tui.ui.keymap import all_bindings

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    section = readme.split("## Your own keys", 1)[1].split("\n## ", 1)[0]
    listed = section.split("The ids, by screen", 1)[1]
    named = set(re.findall(r"`([a-z_][a-z0-9_.-]*)` ", listed))
    known = set(all_bindings())
    assert len(named) > 60, named
    assert named <= known, sorted(named - known)
    assert "config.yaml" in section


def test_the_readme_example_is_a_good_keymap() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    section = readme.split("## Your own keys", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    write_config(example)
    assert load_keymap()["meeting.next"] == "ctrl+right"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("keymap:\n  meeting.view: e\n", "meeting.view: “e” types a character"),
        ("keymap:\n  quit: z\n", "quit: “z” types a character"),
        ("keymap:\n  letter.redraft: space\n", "letter.redraft: “space” types a character"),
        ("keymap:\n  meeting.next: n\n", "meeting.next: “n” types a character"),
        ("keymap:\n  room.desk: y\n", "room.desk: “y” types a character"),
        ("keymap:\n  room.desk: shift+y\n", "room.desk: “shift+y” types a character"),
        ("keymap:\n  room.desk: '?'\n", "room.desk: “question_mark” types a character"),
        ("keymap:\n  meeting.next: '5'\n", "meeting.next: “5” types a character"),
        ("keymap:\n  dashboard.erase: ctrl+m\n", "dashboard.erase: “ctrl+m” reaches vig as enter"),
        ("keymap:\n  dashboard.erase: ctrl+i\n", "dashboard.erase: “ctrl+i” reaches vig as tab"),
        ("keymap:\n  dashboard.erase: ctrl+j\n", "dashboard.erase: “ctrl+j” reaches vig as enter"),
        ("keymap:\n  dashboard.erase: ctrl+h\n", "“ctrl+h” reaches vig as backspace"),
        ("keymap:\n  dashboard.erase: ctrl+[\n", "“ctrl+[” reaches vig as escape"),
    ],
)
def test_a_key_that_types_or_is_another_key_is_refused(text: str, expected: str) -> None:
    path = write_config(text)
    with pytest.raises(KeymapError) as caught:
        load_keymap()
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert expected in message, message
    assert "choose" in message, message


def test_typing_keys_are_fine_where_a_text_box_comes_first() -> None:
    # not priority bindings: a focused text box takes the character first
    write_config("keymap:\n  dashboard.erase: z\n  help: 'f10, ?'\n  meeting.view: ctrl+y\n")
    assert load_keymap() == {
        "dashboard.erase": "z",
        "help": "f10,question_mark",
        "meeting.view": "ctrl+y",
    }


async def test_typing_in_the_room_cannot_flip_the_view_or_quit(tmp_path: Path) -> None:
    from vig_tui.domain import Family
    from vig_tui.ui.screens.meeting import MeetingScreen

    path = write_config("keymap:\n  meeting.view: e\n  quit: z\n")
    with Store.open(tmp_path / "store") as store:
        repo = store.create_family(Family(label="Larch"))
        app = make_app(store)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            for _ in range(3):
                await pilot.pause()
            told = [n.message for n in app._notifications]
            assert any(str(path) in m and "meeting.view" in m for m in told), told
            app.open_family(repo.id)
            await pilot.pause()
            await pilot.press("i")
            await pilot.pause()
            await pilot.pause()
            meeting = app.screen
            assert isinstance(meeting, MeetingScreen) and app.together
            box = meeting.query("Input, TextArea").first()
            box.focus()
            await pilot.pause()
            await pilot.press("space", "S", "h", "e", "z")
            await pilot.pause()
            assert app.is_running and app.screen is meeting
            assert app.together, "typing flipped the room to the practitioner's view"
            typed = str(getattr(box, "value", None) or getattr(box, "text", ""))
            assert "Shez" in typed, typed


async def test_help_names_the_keys_the_keymap_moved_on_that_screen(tmp_path: Path) -> None:
    from vig_tui.ui.dialogs.help import HelpScreen

    write_config("keymap:\n  help: f10\n  dashboard.review: shift+r\n  meeting.next: ctrl+right\n")
    with Store.open(tmp_path / "store") as store:
        family = create_family(store, Family(label="Oak"))
        app = make_app(store)
        async with app.run_test(size=(100, 40)) as pilot:
            for _ in range(3):
                await pilot.pause()
            app.open_family(family.id)
            await pilot.pause()
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = " ".join(screen_text(app).split())
            assert "Your keymap changes these keys here" in text, text
            assert "Help: F10 (instead of F1 or" in text, text
            assert "Review: Shift+R (instead of r)" in text, text
            assert "Ctrl+Right" not in text  # a meeting's key, not this screen's


def test_symbol_keys_are_keys_by_name_or_as_typed() -> None:
    # vig's own clip-preparation keys use these names
    write_config(
        "keymap:\n  dashboard.review: minus\n  dashboard.consent: '+'\n"
        "  dashboard.letter: underscore, backslash\n"
    )
    assert load_keymap() == {
        "dashboard.review": "minus",
        "dashboard.consent": "plus",
        "dashboard.letter": "underscore,backslash",
    }


def test_help_without_a_keymap_looks_nothing_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding every binding imports every screen: help does it only when a
    keymap moved something."""
    import vig_tui.ui.keymap as keymap

    def walked() -> None:
        raise AssertionError("every screen was imported to find no change")

    monkeypatch.setattr(keymap, "places", walked)
    assert keymap.changes_in({}, {"DashboardScreen"}) == []
