"""What every page of every PDF report carries, and the one way reports are rendered.

Each page names the patient (the id, or the pseudonym a role without identified access sees),
the study and "page x of y" at the top, and at the foot when, by whom and from which database
the file was made. A story marks where each patient starts with :class:`PatientMark`: the mark
sets the running header and adds the patient's bookmark (the outline of a combined PDF). Every
text, the canvas's default font included, is in the embedded DejaVu Sans.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, SimpleDocTemplate
from reportlab.platypus.flowables import Flowable
from sqlalchemy.engine import make_url

from vo_crf import __version__
from vo_crf.private_files import create_private
from vo_crf.reports.fonts import BOLD, REGULAR, register_fonts
from vo_crf.reports.report_texts import ReportTexts, report_texts

MARGIN = 15 * mm
TOP_MARGIN = 17 * mm
CONTENT_WIDTH = A4[0] - 2 * MARGIN
LINE = colors.HexColor("#c5ccd6")
MUTED = colors.HexColor("#666666")


@dataclass(frozen=True)
class ReportContext:
    """What the footer says: when, by whom, from which database and definition version."""

    generated_by: str
    database: str
    definition_version: int
    generated_at: dt.datetime
    language: str = "en"
    """The language of the report's fixed texts (``en``/``fr``)."""

    @property
    def texts(self) -> ReportTexts:
        """The fixed texts of the report, in its language."""
        return report_texts(self.language)

    @property
    def footer(self) -> str:
        """Return the left part of the footer."""
        t = self.texts
        return t("Generated {moment} by {user} · database {database} · definition "
                 "v{version} · vo-crf {app}", moment=t.moment(self.generated_at),
                 user=self.generated_by, database=self.database,
                 version=self.definition_version, app=__version__)


def database_name(url: str) -> str:
    """Return a short, password-free name of the database (the file name for SQLite)."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        return Path(parsed.database or "memory").name
    return parsed.render_as_string(hide_password=True)


class PatientMark(Flowable):
    """Zero-size flowable: from here on pages name ``patient`` of ``study``; adds a bookmark.

    ``patient`` is the text of the running header ("Patient VO-004", "Record P-1a2b…",
    "Blank CRF — patient: ______"); ``bookmark`` the outline entry (none when empty).
    """

    def __init__(self, patient: str, study: str, bookmark: str = "") -> None:
        super().__init__()
        self.patient, self.study, self.bookmark = patient, study, bookmark
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803, ARG002 - reportlab's signature
        """Take no room."""
        return 0, 0

    def draw(self) -> None:
        """Set the canvas's running header; register the bookmark of this page."""
        canvas = self.canv
        canvas.running_patient = self.patient  # type: ignore[attr-defined]
        canvas.running_study = self.study  # type: ignore[attr-defined]
        if self.bookmark:
            canvas.page_bookmarks.append(self.bookmark)  # type: ignore[attr-defined]


class PagedCanvas(Canvas):
    """Draws the header (patient, study, page x of y) and footer once the page count is known;
    places the bookmarks; defaults to the embedded font (no unembedded Helvetica)."""

    footer_text = ""
    page_text = "page {number} of {total}"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self.running_patient = ""
        self.running_study = ""
        self.page_bookmarks: list[str] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        """Keep the page until the total is known."""
        self._pages.append(dict(self.__dict__))
        self.page_bookmarks = []
        self._startPage()  # type: ignore[attr-defined]  # reportlab's, not in its stubs

    def save(self) -> None:
        """Draw every page's header and footer, then write the file."""
        total = len(self._pages)
        width, height = A4
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            for index, title in enumerate(self.page_bookmarks):
                key = f"patient-{number}-{index}"
                self.bookmarkPage(key)
                self.addOutlineEntry(title, key, level=0)
            self.setStrokeColor(LINE)
            self.setLineWidth(0.5)
            self.setFillColor(colors.HexColor("#1d3557"))
            self.setFont(BOLD, 8)
            self.drawString(MARGIN, height - 10 * mm, self.running_patient)
            self.setFillColor(MUTED)
            self.setFont(REGULAR, 7.5)
            page = self.page_text.format(number=number, total=total)
            self.drawRightString(width - MARGIN, height - 10 * mm, page)
            study_x = MARGIN + self.stringWidth(self.running_patient, BOLD, 8) + 12
            room = width - MARGIN - self.stringWidth(page, REGULAR, 7.5) - 12 - study_x
            self.drawString(study_x, height - 10 * mm, _fit(self.running_study, room, self))
            self.line(MARGIN, height - 12 * mm, width - MARGIN, height - 12 * mm)
            self.setFont(REGULAR, 7)
            self.line(MARGIN, 11 * mm, width - MARGIN, 11 * mm)
            self.drawString(MARGIN, 7.5 * mm, self.footer_text)
            self.drawRightString(width - MARGIN, 7.5 * mm, page)
            super().showPage()
        super().save()


def _fit(text: str, room: float, canvas: Canvas) -> str:
    """Return ``text`` shortened with '…' to fit ``room`` points at the current font."""
    if canvas.stringWidth(text, REGULAR, 7.5) <= room:
        return text
    while text and canvas.stringWidth(text + "…", REGULAR, 7.5) > room:
        text = text[:-1]
    return text + "…"


@contextlib.contextmanager
def invariant_output(enabled: bool) -> Iterator[None]:
    """Make reportlab's output byte-identical from run to run (fixed ids and dates) when
    ``enabled``; always write binary streams (no ASCII85 pass over the embedded fonts: about
    a tenth of a report's time, the file a little smaller)."""
    previous, previous_a85 = rl_config.invariant, rl_config.useA85
    rl_config.invariant = 1 if enabled else previous
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.invariant, rl_config.useA85 = previous, previous_a85


def render_stories(stories: Sequence[list[Flowable]], path: Path, context: ReportContext,
                   title: str, invariant: bool = False) -> Path:
    """Write one PDF of several stories (each starts a new page), headers and footers drawn.

    Each story should start with a :class:`PatientMark` naming its patient.
    """
    register_fonts()
    story: list[Flowable] = []
    for index, part in enumerate(stories):
        if index:
            story.append(PageBreak())
        story += part
    t = context.texts
    canvas_class = type("ReportCanvas", (PagedCanvas,), {
        "footer_text": context.footer, "page_text": t("page {number} of {total}")})
    create_private(path)  # identified data: readable by its owner only (0600)
    with invariant_output(invariant):
        document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN,
                                     rightMargin=MARGIN, topMargin=TOP_MARGIN,
                                     bottomMargin=14 * mm, title=title,
                                     author=context.generated_by, creator="vo-crf",
                                     initialFontName=REGULAR)
        document.build(story, canvasmaker=canvas_class)  # type: ignore[arg-type]
    return Path(path)
