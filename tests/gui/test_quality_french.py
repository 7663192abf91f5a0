"""The data-quality panel in French: the built-in checks' messages are translated, not English."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from gui_helpers import open_main_window
from PySide6.QtCore import Qt
from raw_values import store_raw
from redcap_studies import ADMIN, DD_HEADER, init_study

from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import tasks_running
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.study.loader import CLASSIC_EVENT


def _visits_study() -> dict[str, str]:
    """A classic study: a required visit date, a haemoglobin with a range, a stop date that
    may not precede the visit."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DD_HEADER)
    blank = [""] * 18
    for name, kind, label, validation, low, high, required in (
            ("pid", "text", "Participant", "", "", "", ""),
            ("visit_date", "text", "Visit date", "date_ymd", "", "", "y"),
            ("hb", "text", "Haemoglobin (g/dL)", "number", "3", "25", ""),
            ("stop_date", "text", "Treatment stop", "date_ymd", "", "", "")):
        row = list(blank)
        row[0], row[1], row[3], row[4] = name, "visit", kind, label
        row[7], row[8], row[9], row[12] = validation, low, high, required
        writer.writerow(row)
    return {"data_dictionary.csv": out.getvalue(),
            "project.json": '{"name": "Visits", "date_order_rules": '
                            '[{"field": "stop_date", "not_before": "visit_date"}]}\n'}


def test_the_french_quality_panel_shows_the_findings_in_french(
        tmp_path: Path, qtbot, french: Settings) -> None:  # noqa: ANN001
    project = init_study(tmp_path, _visits_study())
    first, second = (create_record(project, ADMIN, "1") for _ in range(2))
    service = EntryService(project, ADMIN)
    service.save_form(FormKey(first, CLASSIC_EVENT, "visit"), {"hb": "31"}, 0,
                      confirmations={"hb": "as written in the lab report"})
    service.save_form(FormKey(second, CLASSIC_EVENT, "visit"),
                      {"visit_date": "2024-03-10", "stop_date": "2024-03-12"}, 0)
    store_raw(project, second, CLASSIC_EVENT, "visit", "stop_date", "2024-03-01")  # as synced
    window = open_main_window(qtbot, AppSession(project, ADMIN, french,
                                                tmp_path / "drafts.sqlite"))

    qtbot.mouseClick(window.dashboard.quality_button, Qt.MouseButton.LeftButton)
    panel = window.quality.panel
    assert panel is not None and panel.isVisible()
    qtbot.waitUntil(lambda: not panel.running and tasks_running() == 0)

    shown = {panel.proxy.index(row, 0).data(): panel.proxy.index(row, 6).data()
             for row in range(panel.proxy.rowCount())}
    assert shown == {
        "Valeur obligatoire manquante": "Visit date est obligatoire",
        "Hors limites": "Haemoglobin (g/dL) : 31 est au-dessus du maximum 25",
        "Dates dans le désordre": "Treatment stop (2024-03-01) ne doit pas précéder "
                                  "Visit date (2024-03-10)",
    }
    tips = [panel.proxy.index(row, 6).data(Qt.ItemDataRole.ToolTipRole)
            for row in range(panel.proxy.rowCount())]
    assert all(tip.splitlines()[0] in shown.values() for tip in tips)
    project.close()
