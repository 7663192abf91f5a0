"""No two menus of the menu bar share an Alt key, in English and in French (French
"&Administration" and "&Aide" both took Alt+A: the second could not be reached by it)."""

from __future__ import annotations

import re

import pytest
from gui_helpers import open_main_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu


def _mnemonic(text: str) -> str:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    assert found, f"no Alt key in {text!r}"
    return found.group(1).lower()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_menu_has_its_own_alt_key(language: str, project, users, make_session, qtbot,
                                        request) -> None:  # noqa: ANN001
    if language == "fr":
        request.getfixturevalue("french")
    window = open_main_window(qtbot, make_session(users["admin"]))
    texts = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert len(texts) >= 7, texts  # File, Patient, Form, Reports, Tools, Admin, Help
    keys = [_mnemonic(text) for text in texts]
    assert len(set(keys)) == len(keys), dict(zip(texts, keys, strict=True))
    # the last menu (Help / Aide) opens with its Alt key
    last = window.menuBar().actions()[-1]
    qtbot.keyClick(window, keys[-1], Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    assert QApplication.activePopupWidget() is last.menu()
    QApplication.activePopupWidget().close()
