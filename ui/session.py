"""What every window needs: the open study, the logged-in user, the settings and the drafts.

``AppSession`` is the GUI's one ``vo_crf.session.StudySession``: screens reach the core's
services through it (``session.entry``, ``session.queries``, ``session.double_entry``) and never
build their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ui.settings import Settings
from vo_crf.drafts import DraftStore, default_draft_path
from vo_crf.entry import EntryService
from vo_crf.session import StudySession


@dataclass(eq=False)
class AppSession(StudySession):
    """One logged-in user working on one study database, with their settings and drafts."""

    settings: Settings
    draft_path: Path = field(default_factory=default_draft_path)

    def __post_init__(self) -> None:
        self.drafts = DraftStore(self.draft_path, self.project.url, self.user.username)

    @property
    def service(self) -> EntryService:
        """The entry service (the same object as ``entry``)."""
        return self.entry
