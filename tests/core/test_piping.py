"""Piping of ``[field]`` and ``[event][field]`` into labels, notes and choice labels (issue 13)."""

from __future__ import annotations

from pathlib import Path

from redcap_studies import dictionary, init_study

from vo_crf.study.piping import BLANK, pipe

PIPED = {
    "data_dictionary.csv": dictionary([
        ("pid", "visit", "text", "Patient"),
        ("seen", "visit", "text", "Seen on", "", "date_dmy"),
        ("mood", "visit", "radio", "Mood", "1, Good | 2, Bad"),
        ("signs", "visit", "checkbox", "Signs", "1, Rash | 2, Fever"),
    ]),
    "events.csv": "event_name,arm_num,day_offset,offset_min,offset_max,unique_event_name\n"
                  "Day 0,1,0,0,0,day_0_arm_1\nDay 7,1,7,1,1,day_7_arm_1\n",
    "instrument_event_mapping.csv": "arm_num,unique_event_name,form\n"
                                    "1,day_0_arm_1,visit\n1,day_7_arm_1,visit\n",
    "project.json": '{"name": "Piped"}\n',
}


def test_fields_and_event_fields_are_piped_as_shown(tmp_path: Path) -> None:
    project = init_study(tmp_path, PIPED, "piped")
    stored = {(None, "seen"): "2024-11-03", (None, "mood"): "2", (None, "signs"): "1,2",
              ("day_0_arm_1", "seen"): "2024-10-27"}

    def value_of(event: str | None, name: str) -> str:
        return stored.get((event, name), "")

    text = ("Since [day_0_arm_1][seen] (now [seen]): [mood] = [mood:value], [signs]; "
            "[nothing] [seen_x] [day_0_arm_1][mood] [day_9_arm_1][seen]")
    assert pipe(project.study, text, value_of) == (
        f"Since 27-10-2024 (now 03-11-2024): Bad = 2, Rash, Fever; [nothing] [seen_x] {BLANK} "
        "[day_9_arm_1]03-11-2024")
    project.close()
