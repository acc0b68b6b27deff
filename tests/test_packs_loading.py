"""Loading, validation, located errors and user overrides for prompt packs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import vig_tui
from vig_tui.packs import (
    KINDS,
    PackError,
    PackSet,
    Questionnaire,
    SharedReviewPack,
    check_paths,
    find_pack_files,
    load_pack,
    load_packs,
    parse_pack_file,
    parse_pack_text,
    shipped_packs_dir,
    user_packs_dir,
)

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "prompts"


@pytest.fixture(scope="module")
def shipped() -> PackSet:
    return load_packs(include_user=False)


def errors_of(text: str, name: str = "pack.yaml") -> list[PackError]:
    pack, errors = parse_pack_text(text, name)
    assert pack is None, "expected the pack to be refused"
    assert errors, "a refused pack must come with at least one error"
    return errors


def only_error(text: str, name: str = "pack.yaml") -> PackError:
    errors = errors_of(text, name)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


HEADER = "schema: 1\nkind: shared_review\nid: test-review\nversion: 1\ntitle: Test\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- shipped packs


def test_shipped_dir_is_the_repo_prompts_folder() -> None:
    assert shipped_packs_dir() == SHIPPED
    assert len(find_pack_files(SHIPPED)) == 9


def test_shipped_dir_prefers_bundled_copy_in_a_wheel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_pkg = tmp_path / "site-packages" / "vig_tui"
    (fake_pkg / "_prompts").mkdir(parents=True)
    monkeypatch.setattr(vig_tui, "__file__", str(fake_pkg / "__init__.py"))
    assert shipped_packs_dir() == (fake_pkg / "_prompts").resolve()


def test_every_shipped_pack_validates() -> None:
    report = check_paths()
    assert [str(e) for e in report.errors] == []
    assert report.files == report.packs_ok == 9
    for path in find_pack_files(SHIPPED):
        pack, errors = parse_pack_file(path)
        assert errors == [] and pack is not None, path


def test_shipped_set_has_every_kind_and_no_warnings(shipped: PackSet) -> None:
    assert shipped.warnings == [] and shipped.errors == []
    assert {p.kind for p in shipped.packs} == set(KINDS)
    assert all(p.origin == "shipped" for p in shipped.packs)
    assert sorted(shipped.questionnaires) == ["checkin", "gad7", "goal-rating", "phq9"]


def test_shipped_principles(shipped: PackSet) -> None:
    ids = [p.id for p in shipped.principles]
    assert ids == ["attentive", "encouraging", "receiving", "attuning", "guiding", "deepening"]
    for p in shipped.principles:
        assert 3 <= len(p.behaviours) <= 7, p.id
        assert p.description and p.family_name
    colours = [p.colour.lower() for p in shipped.principles]
    assert len(set(colours)) == 6
    assert [s.id for s in shipped.chain] == [
        "initiative",
        "reception",
        "response",
        "other-reception",
        "other-response",
    ]
    assert {c.id for c in shipped.cycles} == {"attuned", "discordant"}


def test_shipped_meetings_ask_the_two_descriptions_twice(shipped: PackSet) -> None:
    child = shipped.initial_meeting.prompt("describe-child")
    relationship = shipped.initial_meeting.prompt("describe-relationship")
    assert child is not None and relationship is not None
    assert child.text("adult_child") == "How would you describe your child?"
    assert "child" not in child.text("adult_adult")
    repeats = {p.repeats for p in shipped.final_meeting.prompts() if p.repeats}
    assert repeats == {"describe-child", "describe-relationship"}


def test_shipped_helping_questions(shipped: PackSet) -> None:
    hq = shipped.helping_questions
    assert hq.max_questions == 3
    assert hq.rating is not None
    assert (hq.rating.min, hq.rating.max) == (0, 10)
    assert {a.value for a in hq.rating.anchors} >= {0, 10}
    assert hq.rating.where_now.id == "rate-where-now"
    assert any(s.startswith("How can I") for s in hq.starters)
    assert all(e.endswith("?") for e in hq.examples)
    assert any(p.activity == "set_helping_questions" for p in hq.prompts())


def test_shipped_shared_review_stages_and_variants(shipped: PackSet) -> None:
    sr = shipped.shared_review
    assert [s.id for s in sr.stages] == [
        "seeing",
        "inside",
        "made-possible",
        "helping-question",
        "what-next",
    ]
    assert sr.prompt("keep-doing") is not None
    principle_ids = {p.id for p in shipped.principles}
    named = {p.principle for p in sr.prompts() if p.principle}
    assert named == principle_ids  # every principle has at least one prompt
    notice = sr.prompt("notice-other")
    assert notice is not None
    assert "your child" in notice.text("adult_child")
    assert "the other person" in notice.text("adult_adult")
    # A prompt only for adult-adult work is left out of the adult-child list.
    made = sr.stage("made-possible")
    assert made is not None
    assert "worked-out" in [p.id for p in made.prompts_for("adult_adult")]
    assert "worked-out" not in [p.id for p in made.prompts_for("adult_child")]
    # Family wording and practitioner cues are kept apart.
    cue = sr.prompt("just-after")
    assert cue is not None and cue.cue() and cue.cue() != cue.text()


def test_shipped_prompts_have_wording_for_every_variant_they_serve(shipped: PackSet) -> None:
    everything = [
        *shipped.initial_meeting.prompts(),
        *shipped.helping_questions.prompts(),
        *shipped.shared_review.prompts(),
        *shipped.final_meeting.prompts(),
    ]
    assert len(everything) > 40
    for prompt in everything:
        for variant in prompt.variants:
            # a professional's wording is optional: it falls back to the adult–child one
            assert prompt.family.get(variant) or variant == "professional", (prompt.id, variant)
            assert prompt.text(variant).strip(), (prompt.id, variant)


def test_phq9_and_gad7_cite_their_source_and_licensed_instruments_are_absent() -> None:
    for name in ("phq9.yaml", "gad7.yaml"):
        text = (SHIPPED / "questionnaires" / name).read_text(encoding="utf-8")
        assert "Kroenke" in text and "Spitzer" in text and "Pfizer" in text
    every_word = " ".join(p.read_text(encoding="utf-8") for p in find_pack_files(SHIPPED))
    for name in ("SDQ", "WEMWBS", "EPDS", "Edinburgh", "Warwick", "Strengths and Difficulties"):
        assert name not in every_word


def test_packs_core_never_imports_ui_or_storage_libraries() -> None:
    forbidden = {"textual", "rich", "tinydb", "vlc"}
    for path in (REPO / "vig_tui" / "packs").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in forbidden, (path.name, name)
    # And nothing pulls them in indirectly either.
    probe = (
        "import sys, vig_tui.packs, vig_tui.cli.packs\n"
        "bad = [m for m in ('textual', 'rich', 'tinydb', 'vlc') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == ""


# --------------------------------------------------------------------------- located errors


def test_error_string_is_file_line_col_message() -> None:
    err = PackError("a.yaml", 3, 7, "something is wrong")
    assert str(err) == "a.yaml:3:7: something is wrong"
    assert (err.file, err.line, err.col, err.message) == ("a.yaml", 3, 7, "something is wrong")
    assert isinstance(err, Exception)


def test_yaml_syntax_error_is_located() -> None:
    err = only_error("schema: 1\nkind: shared_review\nid: [oops\n", "bad.yaml")
    assert str(err).startswith("bad.yaml:4:1: YAML layout problem:")


def test_bad_indentation_is_located() -> None:
    err = only_error(HEADER + "stages:\n  - id: a\n   title: b\n")
    assert (err.line, err.col) == (8, 4)
    assert "does not line up" in err.message


def test_tabs_are_explained() -> None:
    err = only_error("schema: 1\n\tkind: x\n")
    assert (err.line, err.col) == (2, 1)
    assert "tabs cannot be used" in err.message


def test_unknown_key_is_rejected_with_allowed_keys() -> None:
    text = (
        HEADER
        + "stages:\n  - id: seeing\n    title: T\n    prompts:\n"
        + "      - id: a\n        famly: Hello\n        family: Hi\n"
    )
    err = only_error(text)
    assert (err.line, err.col) == (11, 9)
    assert "unknown key 'famly'" in err.message
    assert "family" in err.message and "practitioner" in err.message


def test_unknown_top_level_key() -> None:
    err = only_error(HEADER + "colour: red\n")
    assert (err.line, err.col) == (6, 1)
    assert "unknown key 'colour'" in err.message


def test_missing_required_field_is_located_at_its_parent() -> None:
    text = (
        HEADER
        + "stages:\n  - id: seeing\n    title: T\n    prompts:\n"
        + "      - id: a\n        practitioner: cue only\n"
    )
    err = only_error(text)
    assert (err.line, err.col) == (10, 9)
    assert "missing required key 'family'" in err.message


def test_missing_header_fields() -> None:
    err = only_error("schema: 1\nkind: final_meeting\n")
    assert (err.line, err.col) == (1, 1)
    assert "'id'" in err.message and "'version'" in err.message and "'title'" in err.message


def test_wrong_types_are_located_at_the_value() -> None:
    text = HEADER + "stages:\n  - id: seeing\n    title: [a, b]\n    prompts: nothing\n"
    errors = errors_of(text)
    assert [(e.line, e.col) for e in errors] == [(8, 12), (9, 14)]
    assert "'title' should be text" in errors[0].message
    assert "'prompts' should be a list" in errors[1].message


def test_wrong_value_in_a_list() -> None:
    text = (
        "schema: 1\nkind: principles\nid: p\nversion: 1\ntitle: P\nprinciples:\n"
        "  - id: a\n    name: A\n    description: D\n    colour: '#112233'\n"
        "    behaviours:\n      - fine\n      - {oops: 1}\n"
    )
    err = only_error(text)
    assert (err.line, err.col) == (13, 9)
    assert "entry 2 of 'behaviours' should be text" in err.message


def test_bad_colour_and_bad_id() -> None:
    text = (
        "schema: 1\nkind: principles\nid: has space\nversion: 1\ntitle: P\nprinciples:\n"
        "  - id: a\n    name: A\n    description: D\n    colour: red\n    behaviours: [x]\n"
    )
    errors = errors_of(text)
    assert [(e.line, e.col) for e in errors] == [(3, 5), (10, 13)]
    assert "should be an id" in errors[0].message
    assert "colour" in errors[1].message


def test_unknown_kind_and_schema() -> None:
    err = only_error("schema: 1\nkind: sdq\n")
    assert (err.line, err.col) == (2, 7) and "unknown kind 'sdq'" in err.message
    err = only_error("schema: 2\nkind: principles\n")
    assert (err.line, err.col) == (1, 9) and "schema: 1" in err.message
    err = only_error("kind: principles\n")
    assert "schema" in err.message


def test_duplicate_ids_within_a_file_name_both_places() -> None:
    text = (
        HEADER + "stages:\n  - id: seeing\n    title: T\n    prompts:\n"
        "      - id: same\n        family: One\n      - id: same\n        family: Two\n"
    )
    err = only_error(text)
    assert (err.line, err.col) == (12, 13)
    assert "duplicate prompt id 'same'" in err.message
    assert "line 10, column 13" in err.message


def test_duplicate_ids_across_sections_in_a_file() -> None:
    text = (
        HEADER
        + "stages:\n  - id: a\n    title: A\n    prompts:\n      - id: same\n        family: One\n"
        "end_of_review:\n  - id: b\n    title: B\n    prompts:\n"
        "      - id: same\n        family: Two\n"
    )
    err = only_error(text)
    assert err.line == 16 and "line 10" in err.message


def test_duplicate_yaml_keys_are_caught() -> None:
    err = only_error(HEADER + "title: Again\n")
    assert (err.line, err.col) == (6, 1)
    assert "'title' appears twice" in err.message and "line 5" in err.message


def test_empty_file_non_mapping_and_aliases() -> None:
    assert "empty" in only_error("").message
    assert "empty" in only_error("# only a comment\n").message
    assert "key: value" in only_error("- a list\n").message
    err = only_error("schema: 1\nkind: &k principles\nid: *k\n")
    assert (err.line, err.col) == (3, 1) and "aliases" in err.message


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("schema: 1\ntitle: caf\xe9\n".encode("latin-1"))
    pack, errors = parse_pack_file(path)
    assert pack is None
    assert [(e.line, e.col) for e in errors] == [(2, 11)]
    assert "UTF-8" in errors[0].message


def test_unreadable_path_is_a_pack_error(tmp_path: Path) -> None:
    pack, errors = parse_pack_file(tmp_path)  # a folder, not a file
    assert pack is None and errors[0].line == 1 and "cannot read" in errors[0].message
    with pytest.raises(PackError):
        load_pack(tmp_path / "missing.yaml")


def test_version_written_as_decimal_number_is_refused() -> None:
    err = only_error(HEADER.replace("version: 1", "version: 1.2"))
    assert (err.line, err.col) == (4, 10)
    assert "quotes" in err.message


def test_plain_words_and_numbers_work_as_text() -> None:
    # "No", "yes", numbers and True are kept exactly as written where text is expected.
    text = (
        HEADER + "stages:\n  - id: a\n    title: 1.10\n    prompts:\n"
        "      - id: p\n        family: yes\n      - id: q\n        family: No\n"
        "      - id: r\n        family: True\n      - id: s\n        family: 007\n"
    )
    pack, errors = parse_pack_text(text)
    assert errors == []
    assert isinstance(pack, SharedReviewPack)
    stage = pack.stages[0]
    assert stage.title is not None and stage.title.best("adult_child") == "1.10"
    assert [p.text() for p in stage.prompts] == ["yes", "No", "True", "007"]


def test_true_false_still_work_where_expected() -> None:
    q = QUESTIONNAIRE.replace("validated: false", "validated: no")
    err = only_error(q)
    assert "'validated' should be true or false" in err.message


QUESTIONNAIRE = """\
schema: 1
kind: questionnaire
id: tiny
version: 1
title: Tiny
validated: false
notice: Test only.
items:
  - id: q1
    kind: choice
    text: One
    options:
      - score: 0
        label: No
      - score: 1
        label: Yes
  - id: q2
    kind: choice
    text: Two
    options:
      - score: 0
        label: No
      - score: 1
        label: Yes
scoring:
  bands:
    - min: 0
      max: 0
      label: None
    - min: 1
      max: 2
      label: Some
"""


def test_small_questionnaire_is_valid() -> None:
    pack, errors = parse_pack_text(QUESTIONNAIRE)
    assert errors == [] and isinstance(pack, Questionnaire)
    assert pack.item("q1") is not None and pack.where is not None
    assert (pack.where.line, pack.where.col) == (3, 5)


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("    - min: 1\n      max: 2", "    - min: 2\n      max: 2", 30, "gap: no band covers 1"),
        (
            "      max: 2\n      label: Some",
            "      max: 3\n      label: Some",
            31,
            "should end at 2",
        ),
        ("    - min: 1\n", "    - min: 0\n", 30, "overlaps"),
        ("notice: Test only.\n", "", 6, "needs a 'notice'"),
        (
            "        label: Yes\n  - id: q2",
            "        label: Yes\n  - id: q1",
            17,
            "duplicate item id 'q1'",
        ),
        (
            "      - score: 1\n        label: Yes\n  - id: q2",
            "      - score: 0\n        label: Yes\n  - id: q2",
            15,
            "share the score 0",
        ),
        (
            "    kind: choice\n    text: Two",
            "    kind: choice\n    subscale: nope\n    text: Two",
            19,
            "no subscale called 'nope'",
        ),
        (
            "    kind: choice\n    text: Two",
            "    kind: scale\n    text: Two",
            17,
            "only choice items have options",
        ),
        ("scoring:\n", "scoring:\n  max_missing: 2\n", 26, "max_missing must be below"),
    ],
)
def test_questionnaire_rules(old: str, new: str, line: int, words: str) -> None:
    assert old in QUESTIONNAIRE
    errors = errors_of(QUESTIONNAIRE.replace(old, new, 1))
    assert any(e.line == line and words in e.message for e in errors), [str(e) for e in errors]


def test_alert_must_watch_a_scored_item() -> None:
    text = (
        QUESTIONNAIRE
        + "  alerts:\n    - id: a\n      item: q9\n      at_least: 1\n      message: M\n"
    )
    err = only_error(text)
    assert (err.line, err.col) == (35, 13) and "q9" in err.message
    text = (
        QUESTIONNAIRE
        + "  alerts:\n    - id: a\n      item: q1\n      at_least: 5\n      message: M\n"
    )
    err = only_error(text)
    assert err.line == 36 and "at most 1" in err.message


# --------------------------------------------------------------------------- folders and user packs


def test_user_packs_dir_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VIG_CONFIG_DIR", str(tmp_path))
    assert user_packs_dir() == tmp_path / "packs"
    monkeypatch.delenv("VIG_CONFIG_DIR")
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_config_dir", lambda name: str(tmp_path / "cfg" / name))
    assert user_packs_dir() == tmp_path / "cfg" / "vig" / "packs"


def test_missing_user_folder_is_fine(tmp_path: Path) -> None:
    packs = load_packs(tmp_path / "does-not-exist")
    assert packs.warnings == []
    assert len(packs.packs) == 9


OVERRIDE_REVIEW = """\
schema: 1
kind: shared_review
id: our-review
version: "2024.1"
title: Our service's review wording
stages:
  - id: seeing
    prompts:
      - id: notice-other
        family:
          adult_child: What is your little one doing here?
          adult_adult: What is your colleague doing here?
        principle: attentive
      - id: our-extra
        family: What catches your eye first?
  - id: our-stage
    title: Our extra stage
    prompts:
      - id: our-stage-prompt
        family: Anything else you spotted?
"""


def test_user_pack_overrides_a_shipped_prompt_by_id(tmp_path: Path) -> None:
    write(tmp_path, "review.yaml", OVERRIDE_REVIEW)
    packs = load_packs(tmp_path)
    assert packs.warnings == []
    seeing = packs.shared_review.stage("seeing")
    assert seeing is not None
    ids = [p.id for p in seeing.prompts]
    assert ids[0] == "notice-other"  # replaced where it stood
    assert ids[-1] == "our-extra"  # new prompt added at the end of the stage
    assert ids.count("notice-other") == 1
    assert seeing.title is not None and seeing.title.best("adult_child") == "What we see"  # kept
    replaced = packs.shared_review.prompt("notice-other")
    assert replaced is not None
    assert replaced.text("adult_child") == "What is your little one doing here?"
    assert [s.id for s in packs.shared_review.stages][-1] == "our-stage"
    src = packs.source("shared_review", "notice-other")
    assert src is not None and src.origin == "user" and src.file.endswith("review.yaml")
    assert src.location.line == 9
    shipped_src = packs.source("shared_review", "notice-self")
    assert shipped_src is not None and shipped_src.origin == "shipped"
    info = packs.packs[-1]
    assert (info.id, info.origin, info.version) == ("our-review", "user", "2024.1")
    assert info.overrides == ["notice-other"]


def test_user_pack_overrides_questionnaire_and_principle(tmp_path: Path) -> None:
    phq9 = (SHIPPED / "questionnaires" / "phq9.yaml").read_text(encoding="utf-8")
    write(tmp_path, "q/phq9-local.yaml", phq9.replace("version: 1\n", 'version: "1-local"\n'))
    write(
        tmp_path,
        "principles.yaml",
        "schema: 1\nkind: principles\nid: our-principles\nversion: 1\ntitle: Ours\n"
        "principles:\n  - id: attentive\n    name: Paying attention\n    description: D\n"
        "    colour: '#000000'\n    behaviours: [Looking, Listening, Waiting]\n",
    )
    packs = load_packs(tmp_path)
    assert packs.warnings == []
    assert packs.questionnaires["phq9"].version == "1-local"
    attentive = packs.principle("attentive")
    assert attentive is not None and attentive.colour == "#000000"
    assert packs.principles[0].id == "attentive"  # same place as before
    assert len(packs.principles) == 6


def test_broken_user_pack_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", OVERRIDE_REVIEW)
    bad = write(tmp_path, "bad.yaml", HEADER.replace("test-review", "bad-one") + "stages: [oops\n")
    write(tmp_path, ".hidden.yaml", "not: a pack")
    write(tmp_path, "notes.txt", "ignored")
    packs = load_packs(tmp_path)
    assert len(packs.warnings) == 1
    warning = packs.warnings[0]
    assert warning.startswith(f"{bad}:7:1: ")
    assert "skipped" in warning
    assert packs.errors[0].file == str(bad)
    assert packs.shared_review.prompt("our-extra") is not None  # the good pack still loaded
    assert "bad-one" not in [p.id for p in packs.packs]


def test_duplicate_ids_across_user_files_name_both_places(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", OVERRIDE_REVIEW)
    second = write(
        tmp_path,
        "b.yaml",
        HEADER
        + "stages:\n  - id: seeing\n    prompts:\n      - id: our-extra\n        family: Again\n",
    )
    packs = load_packs(tmp_path)
    assert len(packs.errors) == 1
    err = packs.errors[0]
    assert (err.file, err.line, err.col) == (str(second), 9, 13)
    assert f"{first}:14:13" in err.message
    assert packs.shared_review.prompt("our-extra") is not None
    assert packs.shared_review.prompt("our-extra").text() == "What catches your eye first?"  # type: ignore[union-attr]


def test_duplicate_questionnaire_ids_across_user_files(tmp_path: Path) -> None:
    write(tmp_path, "one.yaml", QUESTIONNAIRE)
    second = write(tmp_path, "two.yaml", QUESTIONNAIRE)
    packs = load_packs(tmp_path)
    assert len(packs.errors) == 1
    assert packs.errors[0].file == str(second)
    assert "duplicate pack id 'tiny'" in packs.errors[0].message
    assert str(tmp_path / "one.yaml") in packs.errors[0].message
    assert "tiny" in packs.questionnaires


def test_user_pack_referring_to_unknown_principle_or_prompt(tmp_path: Path) -> None:
    write(
        tmp_path,
        "review.yaml",
        HEADER + "stages:\n  - id: seeing\n    prompts:\n      - id: p\n        family: F\n"
        "        principle: kindness\n",
    )
    write(
        tmp_path,
        "final.yaml",
        "schema: 1\nkind: final_meeting\nid: f\nversion: 1\ntitle: F\nsections:\n"
        "  - id: looking-back\n    prompts:\n      - id: again\n        family: F\n"
        "        repeats: describe-dog\n",
    )
    packs = load_packs(tmp_path)
    messages = sorted(e.message for e in packs.errors)
    assert len(messages) == 2
    assert "principle 'kindness'" in messages[1] or "principle 'kindness'" in messages[0]
    assert any("describe-dog" in m for m in messages)
    assert packs.shared_review.prompt("p") is None


def test_new_user_section_needs_a_title(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "review.yaml",
        HEADER + "stages:\n  - id: brand-new\n    prompts:\n      - id: p\n        family: F\n",
    )
    packs = load_packs(tmp_path)
    assert len(packs.errors) == 1
    assert (packs.errors[0].file, packs.errors[0].line) == (str(path), 7)
    assert "needs a 'title'" in packs.errors[0].message


def test_env_var_is_used_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    write(tmp_path / "packs", "review.yaml", OVERRIDE_REVIEW)
    monkeypatch.setenv("VIG_CONFIG_DIR", str(tmp_path))
    packs = load_packs()
    assert packs.source("shared_review", "our-extra") is not None


@pytest.mark.parametrize("blank", ["\\u200b\\u200b", "\\ufeff", " \\u2060 "])
def test_text_with_nothing_to_see_is_refused_at_its_line(blank: str) -> None:
    """Zero-width characters alone read as a blank entry in the room's lists."""
    text = HEADER + "stages:\n  - id: seeing\n    title: T\n    prompts:\n"
    text += f'      - id: a\n        family: "{blank}"\n'
    err = only_error(text)
    assert "empty" in err.message
    assert err.line == 11
