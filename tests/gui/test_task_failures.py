"""A task that runs out of memory reports it in words, not as an empty "Failed:" (issue 11, 9)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.tasks import run_task


def test_a_task_out_of_memory_says_so(qtbot: QtBot) -> None:
    failures: list[Exception] = []

    def work() -> None:
        raise MemoryError

    run_task(None, "Import", work, lambda _result: None, failures.append, show_progress=False)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert "out of memory" in str(failures[0]) and "nothing was stored" in str(failures[0])
