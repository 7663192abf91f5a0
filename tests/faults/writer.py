"""A writer process for fault tests: saves and imports in a loop, reporting each commit.

Usage: python writer.py DB_PATH MODE   (MODE: save or import). Prints "saved N" / "imported N"
after each committed transaction, flushed, so the parent knows what must survive a kill.
"""

from __future__ import annotations

import sys

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import open_project

HEADER = ("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
          "clin_date,clin_temp,clin_pain_vas,clinical_complete\n")
BATCH = 5


def batch_csv(number: int) -> str:
    """Return an import of BATCH new records whose ids start with the batch number."""
    lines = [f"{number:04d}-{k},m0_arm_1,,,2001-01-01,37.{k},{k},1\n" for k in range(BATCH)]
    return HEADER + "".join(lines)


def main() -> None:
    """Loop until killed."""
    path, mode = sys.argv[1], sys.argv[2]
    project = open_project(path)
    nurse = CurrentUser("nurse", Role.NURSE)
    service = EntryService(project, nurse)
    key = FormKey(sys.argv[3] if len(sys.argv) > 3 else "01-001", "m3_arm_1", "imaging")
    number = 0
    while True:
        number += 1
        if mode == "save":
            service.save_form(key, {"img_date": "2001-04-01", "img_comment": f"save {number}"}, 0,
                              confirmations={"img_date": "fault test"})
            print(f"saved {number}", flush=True)
        else:
            import_redcap_text(project, nurse, batch_csv(number), f"batch{number}.csv")
            print(f"imported {number}", flush=True)


if __name__ == "__main__":
    main()
