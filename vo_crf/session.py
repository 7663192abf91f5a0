"""One logged-in user working on one open study: the services every screen uses.

The GUI holds one ``StudySession`` (``ui.session.AppSession`` adds its settings and drafts);
its services are made on first use and then shared, instead of each screen building its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from vo_crf.auth.record_view import RecordView
from vo_crf.auth.users import CurrentUser
from vo_crf.dde import DoubleEntryService
from vo_crf.entry import EntryService
from vo_crf.project import Project
from vo_crf.queries.service import QueryService
from vo_crf.study.model import Study


@dataclass(eq=False)
class StudySession:
    """The open study, the user, and the core services acting for that user."""

    project: Project
    user: CurrentUser

    @property
    def study(self) -> Study:
        """The study definition."""
        return self.project.study

    @cached_property
    def entry(self) -> EntryService:
        """Open, assess and save forms."""
        return EntryService(self.project, self.user)

    @cached_property
    def queries(self) -> QueryService:
        """Raise, answer, close and re-open data queries."""
        return QueryService(self.project, self.user)

    @cached_property
    def double_entry(self) -> DoubleEntryService:
        """Enter, compare and adjudicate double-entered forms."""
        return DoubleEntryService(self.project, self.user)

    @property
    def view(self) -> RecordView:
        """What the user is shown (core's ``record_view``): a role without VIEW_IDENTIFIERS
        sees pseudonyms, shifted dates, and no identifiers or free text."""
        return self.entry.view
