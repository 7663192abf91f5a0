"""What every window needs: the open study, the logged-in user, the settings and the drafts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ui.settings import Settings
from vo_crf.auth.users import CurrentUser
from vo_crf.drafts import DraftStore, default_draft_path
from vo_crf.entry import EntryService
from vo_crf.project import Project


@dataclass
class AppSession:
    """One logged-in user working on one study database."""

    project: Project
    user: CurrentUser
    settings: Settings
    draft_path: Path = field(default_factory=default_draft_path)

    def __post_init__(self) -> None:
        self.service = EntryService(self.project, self.user)
        self.view = self.service.view
        """What the user is shown (core's ``record_view``): a role without VIEW_IDENTIFIERS
        sees pseudonyms, shifted dates, and no identifiers or free text."""
        self.drafts = DraftStore(self.draft_path, self.project.url, self.user.username)

    @property
    def study(self):  # noqa: ANN201 - vo_crf.study.model.Study
        """The study definition."""
        return self.project.study
