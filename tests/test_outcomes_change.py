"""What the service learns: reliable and clinically significant change with
thresholds from the packs, and outcome numbers that survive erasure without
identity."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.test_desk_records import SECRETS, _phq9, full_record
from tests.test_privacy_support import files_containing
from vig_tui.desk import count_stages, service_overview
from vig_tui.domain import Administration, FamilyRecord
from vig_tui.export.outcomes_csv import outcomes_csv
from vig_tui.outcomes.kept import KEPT_NAME, read_kept
from vig_tui.packs import load_packs, parse_pack_text, shipped_packs_dir
from vig_tui.packs.change import Reliable, classify
from vig_tui.packs.schema import ChangeRule
from vig_tui.privacy.erase import erase_family
from vig_tui.store import Store

PACKS = load_packs(include_user=False)
UP, DOWN, SAME = Reliable.IMPROVED, Reliable.DETERIORATED, Reliable.NO_CHANGE


def _rule(kind: str) -> ChangeRule:
    if kind == "goal":
        assert PACKS.helping_questions.rating is not None
        rule = PACKS.helping_questions.rating.change
    else:
        rule = PACKS.questionnaires[kind].scoring.change
    assert rule is not None and rule.source.strip()
    return rule


# Worked by hand from the packs' figures: PHQ-9 reliable change 6, clinical from 10;
# GAD-7 reliable change 4, clinical from 8; helping-question ratings 2.45, no cut-off.
# (measure, first, last, class, started clinical, ended clinical, left range, recovered)
TABLE = [
    ("phq9", 16, 10, UP, True, True, False, False),  # exactly 6 down, still at the cut-off
    ("phq9", 15, 9, UP, True, False, True, True),  # 6 down and below 10: recovered
    ("phq9", 15, 10, SAME, True, True, False, False),  # 5 down: not reliable
    ("phq9", 14, 9, SAME, True, False, True, False),  # left the range, but only 5 points
    ("phq9", 10, 4, UP, True, False, True, True),  # starts exactly at the cut-off
    ("phq9", 9, 3, UP, False, False, False, False),  # reliable, never in the range
    ("phq9", 9, 15, DOWN, False, True, False, False),  # exactly 6 up
    ("phq9", 9, 14, SAME, False, True, False, False),  # 5 up
    ("phq9", 10, 10, SAME, True, True, False, False),
    ("gad7", 12, 8, UP, True, True, False, False),  # 4 down, still at the cut-off
    ("gad7", 11, 7, UP, True, False, True, True),
    ("gad7", 11, 8, SAME, True, True, False, False),  # 3 down
    ("gad7", 8, 4, UP, True, False, True, True),  # starts exactly at the cut-off
    ("gad7", 7, 11, DOWN, False, True, False, False),  # 4 up
    ("gad7", 7, 10, SAME, False, True, False, False),
    ("goal", 3, 5, SAME, None, None, False, False),  # 2 < 2.45
    ("goal", 3, 6, UP, None, None, False, False),  # 3 ≥ 2.45
    ("goal", 6, 3, DOWN, None, None, False, False),
    ("goal", 6, 4, SAME, None, None, False, False),
    ("goal", 0, 10, UP, None, None, False, False),
]


@pytest.mark.parametrize("row", TABLE, ids=lambda r: f"{r[0]}-{r[1]}-{r[2]}")
def test_reliable_change_against_the_hand_worked_table(
    row: tuple[str, int, int, Reliable, bool | None, bool | None, bool, bool],
) -> None:
    kind, first, last, reliable, started, ended, left, recovered = row
    change = classify(first, last, _rule(kind))
    assert change.reliable is reliable
    assert (change.started_clinical, change.ended_clinical) == (started, ended)
    assert (change.left_clinical_range, change.recovered) == (left, recovered)


def test_a_rule_must_name_its_source() -> None:
    text = (shipped_packs_dir() / "questionnaires" / "gad7.yaml").read_text()
    without = text.replace(
        "    source: >\n      The reliable change (4", "    xsource: >\n      The (4"
    )
    pack, errors = parse_pack_text(without, "gad7.yaml")
    assert pack is None and any("source" in str(e) for e in errors)


def _with_phq(record: FamilyRecord, first: int, last: int) -> FamilyRecord:
    record.administrations = [a for a in record.administrations if a.questionnaire_id != "phq9"] + [
        Administration(
            questionnaire_id="phq9",
            version="1",
            timepoint=point,
            completed=True,
            at=at,
            answers=_phq9(value),
        )
        for point, at, value in (
            ("baseline", "2026-01-10T10:00:00+00:00", first),
            ("final", "2026-03-01T10:00:00+00:00", last),
        )
    ]
    return record


def test_service_overview_counts_each_class() -> None:
    # PHQ-9 per item 2 → 16, 1 → 8, 0 → 0; ratings from full_record: 2→8 and 4→7
    a = _with_phq(full_record("A"), 2, 1)  # 16 → 8: improved, left the range
    b = _with_phq(full_record("B"), 1, 2)  # 8 → 16: deteriorated
    ov = service_overview([a, b], PACKS)
    phq = next(q for q in ov.questionnaires if q.questionnaire_id == "phq9")
    assert phq.counts is not None
    assert phq.counts.as_dict() == {
        "n": 2,
        "reliable_improvement": 1,
        "reliable_deterioration": 1,
        "no_reliable_change": 0,
        "started_in_clinical_range": 1,
        "left_clinical_range": 1,
        "reliable_recovery": 1,
    }
    assert ov.rating_counts is not None
    # each family: 2→8 (+6, improved) and 4→7 (+3, improved)
    assert (ov.rating_counts.improved, ov.rating_counts.n) == (4, 4)


# -- erasure keeps the numbers, never the identity -------------------------------------------
LABEL = "Zebediah-Quill family"
WORDS = ["Alex", "Mo", "teatime", "puzzle", "whirlwind", "How can I help", *SECRETS.values()]


def test_erasure_keeps_only_deidentified_numbers(store_root: Path) -> None:
    record = _with_phq(full_record(LABEL), 2, 1)
    family_id = record.family.id
    with Store.open(store_root) as store:
        store.create_family(record)
        store.create_family(full_record("Other family"))
        before = service_overview([store.read_family(s.id) for s in store.summaries()], PACKS)
        stages_before = count_stages([store.read_family(s.id) for s in store.summaries()])
        result = erase_family(store, LABEL, LABEL)
        assert result.numbers_kept
        kept = read_kept(store.root, store.codec)
        records = [store.read_family(s.id) for s in store.summaries()]
    # nothing names them anywhere in the store (the audit log keeps only the bare id, by
    # design); the kept numbers hold neither the id nor any of their words
    assert files_containing(store_root, LABEL) == []
    raw = (store_root / KEPT_NAME).read_text()
    assert [w for w in [family_id, *WORDS] if w in raw] == []
    assert "2026-01-10" not in raw and "2026-01" in raw  # dates cut to the month
    (entry,) = json.loads(raw)["erased_families"].values()
    assert entry["erased"] is True and entry["key"].startswith("erased-")
    # the figures and the practitioner's counts do not fall
    after = service_overview(records, PACKS, kept=kept)
    assert (after.families, after.erased) == (1, 1)
    assert after.cycles_completed == before.cycles_completed == 2
    assert after.journeys_completed == before.journeys_completed
    assert after.mean_rating_change == before.mean_rating_change
    phq_before = next(q for q in before.questionnaires if q.questionnaire_id == "phq9")
    phq_after = next(q for q in after.questionnaires if q.questionnaire_id == "phq9")
    assert (phq_after.firsts, phq_after.lasts) == (phq_before.firsts, phq_before.lasts)
    stages_after = count_stages(records, kept)
    assert len(stages_after.cycles) == len(stages_before.cycles) == 2
    assert stages_after.families == 2
    # the outcomes CSV includes them, marked erased, without item answers
    rows = list(csv.DictReader(io.StringIO(outcomes_csv(records, PACKS, kept))))
    erased = [r for r in rows if r["erased"] == "TRUE"]
    assert erased and all(r["family_id"].startswith("erased-") for r in erased)
    assert all(len(r["date"]) == 7 and r["record_id"] == "" for r in erased)
    assert all(r["phq9_phq9_1"] == "" for r in erased if r["instrument"] == "phq9")
    assert {r["erased"] for r in rows} == {"TRUE", "FALSE"}


def test_a_demo_family_leaves_no_numbers(store_root: Path) -> None:
    with Store.open(store_root) as store:
        store.create_family(full_record("Demo family", demo=True))
        result = erase_family(store, "Demo family", "Demo family")
        assert not result.numbers_kept
        assert read_kept(store.root, store.codec) == []
