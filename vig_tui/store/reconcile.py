"""The index as the family folders say it should be, read as the store opens.

The index (`index.json`) holds a line per family, for Home; each family's
data is in its own folder. The two can disagree after a crash, a copy or a
hand in the folder:

- a folder with a record but no line (a create or import cut short after
  writing the record) gets its line;
- a folder without a record (cut short before) is removed by a writer;
- a line whose folder is gone (deleted by hand, a partial copy, a sync tool)
  is a *missing family*. It is not listed (there is nothing to open), the
  practitioner is told which family and which folder, and its line is KEPT in
  the index as it is: the line is the only place the family's name is still
  held, so dropping it would lose, on the next save, what the practitioner
  needs to find the folder again in a backup. Nothing marks it in the file:
  "missing" is what the folder listing says at each open, so a folder put
  back is simply found again, with no step to undo.

The usual case — the folder holds exactly the families the index lists —
takes one read of the folder and no look at any family.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.ids import now_iso
from ..domain.summary import FamilySummary
from .codec import Codec
from .errors import StoreError
from .layout import ERASING_PREFIX, RECORD_NAME, family_folder, family_folders, folder_names


@dataclass
class Reconciled:
    #: the families to list: a line and a folder each
    found: dict[str, FamilySummary] = field(default_factory=dict)
    #: index lines whose folder is gone (kept in the index, never listed)
    missing: dict[str, FamilySummary] = field(default_factory=dict)
    #: what is in the store but could not be listed as a family, for `vig doctor`
    unlisted: list[str] = field(default_factory=list)
    #: families/ entries of erasures cut short, for the writer to finish
    erasing: list[str] = field(default_factory=list)

    @property
    def lines(self) -> dict[str, FamilySummary]:
        """Every line the index keeps: the families found and the missing ones."""
        return {**self.found, **self.missing}


def missing_folder_note(summary: FamilySummary, folder: Path) -> str:
    """What the practitioner is told about a family whose folder is gone: the
    one wording, at the desk and in `vig doctor`."""
    return (
        f"The family “{summary.label}” could not be found: its folder {folder} is missing, "
        "so it is not listed. Put the folder back there, or copy it from a backup "
        "(`vig restore ARCHIVE DIR` unpacks one into a new folder); vig lists the "
        "family again as soon as its folder is back. If it is gone for good, "
        "`vig erase` removes its name too."
    )


def reconcile(
    root: Path, listed: dict[str, FamilySummary], codec: Codec, *, writable: bool
) -> Reconciled:
    """The index as the family folders say it should be (see the module)."""
    names = folder_names(root)
    if listed.keys() == set(names):
        return Reconciled(found=dict(listed))
    out = Reconciled(erasing=sorted(n for n in names if n.startswith(ERASING_PREFIX)))
    folders, strays = family_folders(root)
    out.unlisted = [f"{p} is not a family folder" for p in strays if p.name not in listed]
    for family_id, summary in listed.items():
        if family_id in folders or os.path.lexists(family_folder(root, family_id)):
            out.found[family_id] = summary
        elif ERASING_PREFIX + family_id not in out.erasing:
            out.missing[family_id] = summary  # an erasure cut short is finished instead
    for family_id in sorted(folders - out.found.keys()):
        folder = family_folder(root, family_id)
        if not (folder / RECORD_NAME).exists():
            if writable and not any(folder.glob(RECORD_NAME + "*")):
                shutil.rmtree(folder)  # a create cut short before its record was written
            else:
                out.unlisted.append(f"{folder} holds no {RECORD_NAME}")
            continue
        try:
            from .family_repo import read_record

            record = read_record(folder, codec)
        except StoreError as err:
            out.unlisted.append(str(err))
            continue
        if record.family.id != family_id:
            out.unlisted.append(f"{folder} holds the record of another family")
            continue
        out.found[family_id] = FamilySummary.of(record, now_iso())
    return out
