"""More of the core's words reach a French user in French: a query step the core refuses, the
data-quality list's decimals (a comma, as the French form writes them) and the dashboard's
query tooltip (a space before a colon, French typography)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from gui_helpers import open_main_window, seed_complete_biology
from PySide6.QtCore import Qt
from query_steps import answer_by_right_click, biology_window, write_correction
from redcap_studies import ADMIN, DD_HEADER, init_study

from ui.dashboard.model import QUERIES_COLUMN
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import tasks_running
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.queries import FieldKey, QueryService
from vo_crf.study.loader import CLASSIC_EVENT

CRP = FieldKey("01-001", "m0_arm_1", "biology", "bio_crp")


def _raised(project, users) -> int:  # noqa: ANN001
    """Patient 01-001's Complete M0 biology (CRP 120), a query on its CRP raised by the
    monitor; the query's number."""
    seed_complete_biology(project, users)
    return QueryService(project, users["mon"]).open_query(CRP, "CRP 120: check the lab report")


def _answer_refused(qtbot, on_modal, on_popup, window, before=None) -> str:  # noqa: ANN001
    """Answer the CRP's query with a correction to 120 (right-click, the answer dialog);
    ``before()`` runs once the dialog is open. The dialog's refusal."""
    crp = window.patient.editor.rows["bio_crp"]
    shown: list[str] = []

    def write(dialog) -> None:  # noqa: ANN001
        if before is not None:
            before()
        write_correction(qtbot, dialog, "Checked", "120", "lab report")
        qtbot.waitUntil(dialog.error.isVisible)
        shown.append(dialog.error.text())
        dialog.reject()

    answer_by_right_click(qtbot, on_modal, on_popup, crp.label, write)
    qtbot.waitUntil(lambda: bool(shown))
    return shown[0]


def test_a_correction_to_the_value_already_stored_is_refused_in_french(
        project, users, make_session, french, qtbot, on_modal, on_popup) -> None:  # noqa: ANN001
    _raised(project, users)
    window = biology_window(make_session, qtbot, users["nurse"])
    assert _answer_refused(qtbot, on_modal, on_popup, window) == (
        "bio_crp contient déjà '120' : répondez sans correction")


def test_answering_a_query_closed_meanwhile_is_refused_in_french(
        project, users, make_session, french, qtbot, on_modal, on_popup) -> None:  # noqa: ANN001
    number = _raised(project, users)
    window = biology_window(make_session, qtbot, users["nurse"])

    def closed_by_the_monitor() -> None:
        QueryService(project, users["mon"]).close(number, "seen")

    assert _answer_refused(qtbot, on_modal, on_popup, window, closed_by_the_monitor) == (
        f"la requête n° {number} est clôturée : seule une requête ouverte peut recevoir une "
        "réponse")


def test_the_dashboard_query_tooltip_has_a_space_before_its_colon_in_french(
        project, users, make_session, french, qtbot) -> None:  # noqa: ANN001
    _raised(project, users)
    window = open_main_window(qtbot, make_session(users["nurse"]))
    model = window.dashboard.model
    tip = model.data(model.index(0, QUERIES_COLUMN), Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[1].endswith("(ouverte) : CRP 120: check the lab report"), tip


def _lab_study() -> dict[str, str]:
    """A classic study: a haemoglobin with decimal bounds."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DD_HEADER)
    for name, label, validation, low, high in (("pid", "Participant", "", "", ""),
                                               ("hb", "Haemoglobin (g/dL)", "number", "3.0",
                                                "25.0")):
        row = [""] * 18
        row[0], row[1], row[3], row[4] = name, "lab", "text", label
        row[7], row[8], row[9] = validation, low, high
        writer.writerow(row)
    return {"data_dictionary.csv": out.getvalue(),
            "project.json": '{"name": "Lab"}\n'}


def test_the_french_quality_list_writes_decimals_with_a_comma(
        tmp_path: Path, qtbot, french: Settings) -> None:  # noqa: ANN001
    project = init_study(tmp_path, _lab_study())
    record = create_record(project, ADMIN, "1")
    EntryService(project, ADMIN).save_form(FormKey(record, CLASSIC_EVENT, "lab"),
                                           {"hb": "30.0"}, 0,
                                           confirmations={"hb": "as in the lab report"})
    window = open_main_window(qtbot, AppSession(project, ADMIN, french,
                                                tmp_path / "drafts.sqlite"))
    qtbot.mouseClick(window.dashboard.quality_button, Qt.MouseButton.LeftButton)
    panel = window.quality.panel
    assert panel is not None
    qtbot.waitUntil(lambda: not panel.running and tasks_running() == 0)
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 5).data() == "30,0"
    assert panel.proxy.index(0, 6).data() == (
        "Haemoglobin (g/dL) : 30,0 est au-dessus du maximum 25,0")
    project.close()


def test_a_field_history_the_role_may_not_see_is_refused_in_french(
        project, users, make_session, french, qtbot, on_popup) -> None:  # noqa: ANN001
    from gui_helpers import focused, press, show_active
    from report_steps import read_message_box

    from ui.forms.editor import FormEditor

    seed_complete_biology(project, users)
    session = make_session(users["stat"])
    pseudonym = session.service.view.shown_id("01-001")  # the statistician's view
    editor = FormEditor(session, FormKey(pseudonym, "m0_arm_1", "biology"))
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    editor.rows["bio_crp"].editor.focus_widget().setFocus()
    boxes: list[list[str]] = []

    def choose_history(menu) -> None:  # noqa: ANN001
        boxes.append(read_message_box())
        entries = [a for a in menu.actions() if a.text() == "Historique du champ…"]
        assert len(entries) == 1, [a.text() for a in menu.actions()]
        while menu.activeAction() is not entries[0]:
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    on_popup(choose_history)
    assert focused() is editor.rows["bio_crp"].editor.focus_widget()
    press(qtbot, Qt.Key.Key_Menu)
    qtbot.waitUntil(lambda: bool(boxes and boxes[0]))
    shown = boxes[0]
    assert shown[0] == "stat (Statisticien) n’a pas le droit de voir la piste d’audit", shown
