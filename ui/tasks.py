"""Running slow work (reports, exports, imports) off the GUI thread.

``run_task`` starts a plain function in the global QThreadPool and calls ``on_success`` or
``on_failure`` back on the GUI thread. The function never touches widgets: it gets its inputs as
arguments and returns a result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.signals import emit


class _Relay(QObject):
    """Carries the worker's outcome back to the GUI thread (queued signals)."""

    succeeded = Signal(object)
    failed = Signal(object)


OUT_OF_MEMORY = ("out of memory: the work stopped before the end and nothing was stored "
                 "(close other programs and try again)")
"""What a task that ran out of memory reports (a MemoryError has no message of its own)."""


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._work()
        except MemoryError:  # its own message is empty: say what happened
            emit(self._relay.failed, MemoryError(OUT_OF_MEMORY))
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the user
            emit(self._relay.failed, exc)
        else:
            emit(self._relay.succeeded, result)


class StepRelay(QObject):
    """Carries progress messages from a worker to the GUI thread (``step`` is queued)."""

    step = Signal(str)

    def report(self, text: str) -> None:
        """Call from the worker: the connected slot runs later on the GUI thread."""
        emit(self.step, text)


_running: set[_Relay] = set()


def run_task(parent: QWidget | None, title: str, work: Callable[[], Any],
             on_success: Callable[[Any], None], on_failure: Callable[[Exception], None],
             show_progress: bool = True, steps: StepRelay | None = None) -> None:
    """Run ``work()`` in the thread pool with a busy dialog; call back on the GUI thread.

    ``work`` may report its steps through ``steps.report(text)``: the busy dialog shows them.
    """
    relay = _Relay()
    _running.add(relay)
    progress: QProgressDialog | None = None
    if show_progress:
        progress = QProgressDialog(title, "", 0, 0, parent)
        progress.setWindowTitle(title)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setValue(0)
        if steps is not None:
            steps.step.connect(progress.setLabelText, Qt.ConnectionType.QueuedConnection)

    def finish() -> None:
        _running.discard(relay)
        if progress is not None:
            progress.reset()
            progress.deleteLater()
        relay.deleteLater()

    def succeeded(result: object) -> None:
        finish()
        on_success(result)

    def failed(error: object) -> None:
        finish()
        on_failure(error if isinstance(error, Exception) else RuntimeError(str(error)))

    relay.succeeded.connect(succeeded, Qt.ConnectionType.QueuedConnection)
    relay.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(_Job(work, relay))


def tasks_running() -> int:
    """Return how many tasks have not reported back yet (tests wait for 0)."""
    return len(_running)
