"""The PDF timeline as drawn (issue 14 item 2, issue 16): no label collides with a line or
another label; the axis of a patient entered by hand starts at day 0 with every visit;
intravenous days are calendar days; WBC, comorbidities, visit dates and coded-missing values
are shown."""

from __future__ import annotations

import itertools
from pathlib import Path

from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from test_pdf_timeline import FIXED

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record, list_record_ids
from vo_crf.project import Project
from vo_crf.reports.fonts import register_fonts
from vo_crf.reports.patient_reports import write_patient_reports
from vo_crf.reports.pdf_chart import GRID, IV_COLOUR, ORAL_COLOUR, timeline_drawing
from vo_crf.reports.timeline_data import build_patient_timeline

Box = tuple[float, float, float, float]
WIDTH = 510.0


def drawn_box(string: String) -> Box:
    """The box of a drawn string: advance width by the font's ascent (0.76) and descent."""
    width = stringWidth(string.text, string.fontName, string.fontSize)
    left = {"start": string.x, "middle": string.x - width / 2,
            "end": string.x - width}[string.textAnchor]
    return left, string.y - 0.24 * string.fontSize, left + width, string.y + 0.76 * string.fontSize


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def crosses(box: Box, x1: float, y1: float, x2: float, y2: float) -> bool:
    """True when the segment passes through the inside of ``box`` (sampled every 0.2 pt)."""
    steps = max(2, int(max(abs(x2 - x1), abs(y2 - y1)) / 0.2))
    return any(box[0] < x1 + (x2 - x1) * i / steps < box[2]
               and box[1] < y1 + (y2 - y1) * i / steps < box[3] for i in range(steps + 1))


def segments(drawing: Drawing) -> list[tuple[float, float, float, float]]:
    found = []
    for shape in drawing.contents:
        if isinstance(shape, Line) and shape.strokeColor != GRID:
            found.append((shape.x1, shape.y1, shape.x2, shape.y2))
        elif isinstance(shape, PolyLine):
            points = list(zip(shape.points[::2], shape.points[1::2], strict=True))
            found += [(a[0], a[1], b[0], b[1]) for a, b in zip(points, points[1:], strict=False)]
    return found


def collisions(drawing: Drawing) -> list[str]:
    strings = [s for s in drawing.contents if isinstance(s, String)]
    boxes = [(s.text, drawn_box(s)) for s in strings]
    bad = [f"{a!r} overlaps {b!r}" for (a, box_a), (b, box_b)
           in itertools.combinations(boxes, 2) if overlap(box_a, box_b)]
    for text, box in boxes:
        bad += [f"{text!r} crossed by a line at x={s[0]:.1f}" for s in segments(drawing)
                if crosses(box, *s)]
    bars = [s for s in drawing.contents if isinstance(s, Rect)
            and s.fillColor in (IV_COLOUR, ORAL_COLOUR) and s.width > 14]
    for string, (text, box) in zip(strings, boxes, strict=True):
        for bar in bars:
            inside = (bar.x <= box[0] and box[2] <= bar.x + bar.width and bar.y <= box[1]
                      and box[3] <= bar.y + bar.height)
            if overlap(box, (bar.x, bar.y, bar.x + bar.width, bar.y + bar.height)) and not (
                    inside and string.fillColor == colors.white):
                bad.append(f"{text!r} half over a bar")
    return bad


def test_no_label_of_any_demo_timeline_collides_with_a_line_or_another_label(
        demo_project: Project, users: dict[str, CurrentUser]) -> None:
    register_fonts()
    found = {}
    for record_id in list_record_ids(demo_project):
        drawing = timeline_drawing(build_patient_timeline(demo_project, users["inv"],
                                                          record_id), WIDTH)
        bad = collisions(drawing)
        if bad:
            found[record_id] = bad
    assert found == {}


def _hand_entered(project: Project, user: CurrentUser, diagnosis: str = "") -> str:
    record_id = create_record(project, user, "1")
    service = EntryService(project, user)
    if diagnosis:
        service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                          {"diagnosis_date": diagnosis, "comorb": "1,4"}, 0)
    service.save_form(FormKey(record_id, "m0_arm_1", "clinical"),
                      {"clin_date": "2024-03-01", "clin_temp": "38.5"}, 0)
    service.save_form(FormKey(record_id, "m3_arm_1", "clinical"),
                      {"clin_date": "2024-06-01", "clin_temp": "37"}, 0)
    return record_id


def test_a_patient_entered_by_hand_gets_an_axis_from_day_0_with_every_visit(
        demo_project: Project, users: dict[str, CurrentUser]) -> None:
    register_fonts()
    record_id = _hand_entered(demo_project, users["inv"])  # only M0 and M3, no diagnosis date
    timeline = build_patient_timeline(demo_project, users["inv"], record_id)
    assert [(v.label, v.study_day) for v in timeline.visits] == [("M0", 0), ("M3", 92)]
    drawing = timeline_drawing(timeline, WIDTH)
    strings = {s.text: s for s in drawing.contents if isinstance(s, String)}
    ticks = sorted((s for s in drawing.contents if isinstance(s, String)
                    and s.text.lstrip("-").isdigit() and s.textAnchor == "middle"),
                   key=lambda s: s.x)
    assert ticks[0].text == "0"  # the axis starts at day 0
    per_day = (ticks[1].x - ticks[0].x) / (int(ticks[1].text) - int(ticks[0].text))
    assert strings["M0"].x == ticks[0].x
    assert abs(strings["M3"].x - (ticks[0].x + 92 * per_day)) < 0.01
    visit_lines = {round(s.x1, 2) for s in drawing.contents if isinstance(s, Line)
                   and s.strokeDashArray == [3, 2] and s.x1 == s.x2 and s.y2 - s.y1 > 0}
    assert {round(strings["M0"].x, 2), round(strings["M3"].x, 2)} <= visit_lines
    assert "Days since M0 visit" in strings
    assert collisions(drawing) == []


def test_intravenous_days_are_calendar_days_and_new_facts_are_shown(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    inv = users["inv"]
    record_id = _hand_entered(demo_project, inv, diagnosis="2024-03-01")
    service = EntryService(demo_project, inv)
    for instance, (start, stop) in enumerate((("2024-03-01", "2024-03-11"),
                                              ("2024-03-06", "2024-03-21")), start=1):
        service.save_form(FormKey(record_id, "m0_arm_1", "antibiotics", instance),
                          {"abx_drug": "1", "abx_route": "1", "abx_start": start,
                           "abx_stop": stop}, 2)
    service.save_form(FormKey(record_id, "m0_arm_1", "biology"),
                      {"bio_date": "2024-03-01", "bio_crp": "ND", "bio_esr": "60",
                       "bio_wbc": "12.5"}, 2)
    timeline = build_patient_timeline(demo_project, inv, record_id)
    assert timeline.intravenous_days == 21  # days 0-20, the overlap counted once (not 10 + 15)
    crp = timeline.marker("bio_crp")
    assert crp is not None and crp.points == () and crp.missing == (("M0", "Not done (ND)"),)
    path = tmp_path / "hand.pdf"
    write_patient_reports(demo_project, inv, path, [record_id], generated_at=FIXED)
    flat = " ".join(" ".join((p.extract_text() or "").split())
                    for p in PdfReader(str(path)).pages)
    assert "2 courses, 21 days intravenous" in flat
    assert "Diabetes mellitus, Chronic renal failure" in flat  # comorbidities
    assert "M0 2024-03-01, day 0; M3 2024-06-01, day 92" in flat  # visit dates
    assert "White blood cell count" in flat and "12.5" in flat  # WBC
    assert "CRP at M0: Not done (ND)" in flat  # coded missing noted, not dropped
