"""An import's refusal, line by line, in French: a column the study does not know, a value its
field refuses (the form's own wording) and an unknown event, as the import's preview shows
them."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_steps import import_refusal_shown, reports_menu

HEAD = ("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
        "bio_date,bio_crp,bio_esr,bio_wbc,biology_complete")


@pytest.mark.parametrize(("head", "row", "said"), [
    (HEAD + ",bogus", "01-001,m0_arm_1,,,2003-02-09,12,,,,x",
     "ligne 1, colonne 10 (bogus) : colonne inconnue"),
    (HEAD, "01-001,m0_arm_1,,,2003-02-09,abc,,,",
     "ligne 2, colonne 6 (bio_crp) : C-reactive protein : 'abc' n'est pas un nombre "
     "(séparateur décimal : point ou virgule, p. ex. 38,5) [règle : type]"),
    (HEAD, "01-001,m9_arm_1,,,2003-02-09,12,,,",
     "ligne 2, colonne 2 (redcap_event_name) : événement inconnu 'm9_arm_1'"),
    (HEAD, "01 001!,m0_arm_1,,,2003-02-09,12,,,",
     "ligne 2, colonne 1 (record_id) : identifiant '01 001!' : lettres, chiffres, '-', '_' ou "
     "'.' seulement, 100 caractères au plus"),
], ids=["unknown-column", "refused-value", "unknown-event", "invalid-record-id"])
def test_an_import_refusal_is_said_in_french(head: str, row: str, said: str, project, users,
                                             make_session, french, qtbot, on_named_modal,
                                             monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    csv = tmp_path / "data.csv"
    csv.write_text(f"{head}\n{row}\n", encoding="utf-8")
    menu = reports_menu(qtbot, make_session(users["nurse"]))
    text = import_refusal_shown(qtbot, on_named_modal, monkeypatch, menu, csv, "Importer")
    assert text.startswith("Échec : import refusé, rien n’a été enregistré :\n"), text
    assert said in text.splitlines(), text
