"""An import's refusal, line by line, in French: a column the study does not know, a value its
field refuses (the form's own wording) and an unknown event, as the import's preview shows
them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from report_steps import menu_entry, reports_menu

HEAD = ("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
        "bio_date,bio_crp,bio_esr,bio_wbc,biology_complete")


def _refusal_shown(qtbot, on_named_modal, menu, monkeypatch, csv: Path) -> str:  # noqa: ANN001
    """Reports → Importer…: the preview of ``csv`` says why it is refused; Cancel."""
    monkeypatch.setattr("ui.reports_menu.ask_open_path", lambda *a, **k: csv)
    said: list[str] = []

    def read_and_cancel(dialog) -> None:  # noqa: ANN001
        said.append(dialog.heading.text())
        assert not dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                         Qt.MouseButton.LeftButton)

    on_named_modal("importPreview", read_and_cancel)
    menu_entry(menu.menu, "Importer").trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=30_000)
    return said[0]


@pytest.mark.parametrize(("head", "row", "said"), [
    (HEAD + ",bogus", "01-001,m0_arm_1,,,2003-02-09,12,,,,x",
     "ligne 1, colonne 10 (bogus) : colonne inconnue"),
    (HEAD, "01-001,m0_arm_1,,,2003-02-09,abc,,,",
     "ligne 2, colonne 6 (bio_crp) : C-reactive protein : 'abc' n'est pas un nombre "
     "(séparateur décimal : point ou virgule, p. ex. 38,5) [règle : type]"),
    (HEAD, "01-001,m9_arm_1,,,2003-02-09,12,,,",
     "ligne 2, colonne 2 (redcap_event_name) : événement inconnu 'm9_arm_1'"),
], ids=["unknown-column", "refused-value", "unknown-event"])
def test_an_import_refusal_is_said_in_french(head: str, row: str, said: str, project, users,
                                             make_session, french, qtbot, on_named_modal,
                                             monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    csv = tmp_path / "data.csv"
    csv.write_text(f"{head}\n{row}\n", encoding="utf-8")
    menu = reports_menu(qtbot, make_session(users["nurse"]))
    text = _refusal_shown(qtbot, on_named_modal, menu, monkeypatch, csv)
    assert text.startswith("Échec : import refusé, rien n’a été enregistré :\n"), text
    assert said in text.splitlines(), text
