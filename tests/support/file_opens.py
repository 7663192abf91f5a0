"""Seeing which files of a folder get opened (Linux inotify, through ctypes).

Any ``open()`` of a file in the watched folder, by any code of any process, is reported by name;
opening the folder itself (listing it) is reported with an empty name.
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys
from pathlib import Path
from types import TracebackType

IN_OPEN = 0x00000020
_HEADER = struct.Struct("iIII")  # wd, mask, cookie, len


class FileOpenWatcher:
    """Collects the names of files opened in ``folder`` while the watcher is active."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.opened: list[str] = []
        self._fd = -1

    @staticmethod
    def available() -> bool:
        """True where inotify exists (Linux)."""
        return sys.platform.startswith("linux")

    def __enter__(self) -> FileOpenWatcher:
        libc = ctypes.CDLL(None, use_errno=True)
        self._fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        if libc.inotify_add_watch(self._fd, os.fsencode(self.folder), IN_OPEN) < 0:
            raise OSError(ctypes.get_errno(), f"inotify_add_watch failed on {self.folder}")
        return self

    def collect(self) -> list[str]:
        """Read the events so far; return every file name opened since the start."""
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return self.opened
            offset = 0
            while offset < len(data):
                _wd, _mask, _cookie, length = _HEADER.unpack_from(data, offset)
                offset += _HEADER.size
                name = data[offset:offset + length].rstrip(b"\0").decode()
                offset += length
                if name:
                    self.opened.append(name)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.collect()
        os.close(self._fd)
