"""The Qt layer of vo-crf (PySide6); see ``ui.qt_refcounts`` for the one thing done on import."""

from ui.qt_refcounts import keep_singletons_alive

keep_singletons_alive()
