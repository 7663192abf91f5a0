"""The outputs an investigator signs in French: the timeline PDF, the casebook and the workbook's
human texts, written for ``language="fr"`` (the GUI's language, ``vo-crf report --lang fr``).

The study's own labels stay as the study defines them; every other word printed is French, dates
day first; the workbook's sheet names and variable names (a contract with statisticians'
scripts) are the same in every language."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from printed_pdfs import pdf_text
from test_casebook import saved_ward
from test_pdf_timeline import FIXED

from vo_crf.audit.export_head import HEAD_ITEM, head_in_export
from vo_crf.audit.trail import AuditAction
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.exchange.deidentify import KeepIdentifiers
from vo_crf.project import Project
from vo_crf.reports.casebook import write_casebook
from vo_crf.reports.discordance_sheet import ABOUT_TEXT as DOUBLE_ENTRY_ABOUT
from vo_crf.reports.form_status_sheet import FORM_STATUS_ABOUT
from vo_crf.reports.patient_reports import write_patient_reports
from vo_crf.reports.repeating_sheets import REPEATING_ABOUT
from vo_crf.reports.report_texts import environment_language, report_texts
from vo_crf.reports.report_texts_fr import FRENCH
from vo_crf.reports.workbook import GENERIC_ABOUT, SHEETS, export_workbook
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import Study

ADMIN = CurrentUser("admin", Role.ADMIN)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ENGLISH_FIXED = (
    "patient timeline", "Timeline:", "Biology by visit", "Imaging findings", "Finding",
    "Modality", "Legend", "not assessable", "Clinical examination", "Outcome",
    "Infection cured", "Relapse", "Sequelae", "Total antibiotic treatment",
    "Follow-up since diagnosis", "Last follow-up", "Spinal segment", "Organism", "Diagnosis",
    "Comorbidities", "Days since", "Antibiotics", "Intravenous", "Oral", "Visit", "Day ",
    " day ", "years", "months", "courses", "Record status", "Verified by", "Locked by",
    "E-signed by", "Generated", "by", "database", "definition", "page 1 of", "Status",
    "Casebook", "every event and form", "not entered", "Field", "Value", "verified by",
    "Audit trail", "When", "Who", "Where", "Reason", "hash chain", "No change", "Complete")
"""Fixed English words of the reports (checked as whole words: "Oral" is not "Orale")."""


def _english_left(text: str, study: Study) -> list[str]:
    """The fixed English words in ``text``, but for those that are also one of the study's own
    labels (the VO study has forms named "Antibiotics" and "Outcome")."""
    own = {form.label for form in study.forms} | {f.label for f in study.fields} \
        | {e.label for e in study.events}
    return [word for word in ENGLISH_FIXED if word not in own
            and re.search(rf"(?<!\w){re.escape(word.strip())}(?!\w)", text)]


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{2,}", text)}


def _study_words(study: Study) -> set[str]:
    """Every word the study itself defines: name, labels, choices, notes, events, forms."""
    texts = [study.name, *(c.label for c in study.missing_codes)]
    for form in study.forms:
        texts += [form.name, form.label]
        for fdef in form.fields:
            texts += [fdef.name, fdef.label, fdef.note or "", fdef.section_header or "",
                      *(choice.label for choice in fdef.choices)]
    for event in study.events:
        texts += [event.label, event.unique_name]
    return _words(" ".join(texts))


def _data_words(project: Project, record_id: str) -> set[str]:
    """Every word of a record's stored values and of its audit trail (the data, not ours)."""
    from vo_crf.analysis.dataset import load_patients
    from vo_crf.audit.trail import record_history
    from vo_crf.db.engine import read_session

    [patient] = load_patients(project, [record_id])
    texts = [value for form in patient.forms.values() for value in form.values.values()]
    with read_session(project.engine) as session:
        texts += [text or "" for entry in record_history(session, record_id)
                  for text in (entry.old_value, entry.new_value, entry.reason)]
    return _words(" ".join(texts))


def _french_words() -> set[str]:
    return _words(" ".join(re.sub(r"\{[^}]*\}", " ", text) for text in FRENCH.values()))


@pytest.fixture
def ward_fr(tmp_path: Path) -> Project:
    """The casebook tests' inline two-event study, one record verified, a value changed
    (its labs first saved unverified, the change's reason in French)."""
    return saved_ward(tmp_path, first_labs_status=1, reason="relu")


def test_a_french_timeline_has_french_headings_day_first_dates_and_no_english_words(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    [path] = write_patient_reports(demo_project, users["inv"], tmp_path / "fr.pdf", ["VO-024"],
                                   generated_at=FIXED, language="fr")
    text = pdf_text(path)
    for expected in ("Patient VO-024", "chronologie du patient", "Biologie par visite",
                     "Imagerie", "Légende", "présent", "non évaluable", "Examen clinique",
                     "Évolution", "Guérison de l'infection", "Jours depuis", "Antibiotiques",
                     "Intraveineuse", "Statut du dossier", "Généré le 02/01/2024 03:04 par inv",
                     "Germe", "24,9",
                     "page 1 sur"):
        assert expected in text, expected
    assert ISO_DATE.search(text) is None, ISO_DATE.search(text)
    assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", text)  # the diagnosis, the visits
    assert _english_left(text, demo_project.study) == []
    left = (_words(text) - _study_words(demo_project.study) - _french_words()
            - _data_words(demo_project, "VO-024"))
    assert left <= {"vo", "crf", "inv", "sqlite", "demo"}, left
    english = pdf_text(write_patient_reports(demo_project, users["inv"], tmp_path / "en.pdf",
                                             ["VO-024"], generated_at=FIXED)[0])
    assert "Imaging findings" in english and "page 1 of" in english  # English unchanged


def test_a_french_casebook_prints_only_french_words_besides_the_study_s_own(
        ward_fr: Project, tmp_path: Path) -> None:
    path = write_casebook(ward_fr, ADMIN, tmp_path / "cb.pdf", ["W-1"], with_audit=True,
                          generated_at=FIXED, language="fr")
    text = pdf_text(path)
    for expected in ("Cahier d'observation — Dossier W-1", "Statut : Complet",
                     "vérifié par mon le", "non saisi", "Piste d'audit", "7.5 → 8.1", "relu",
                     "Statut du dossier", "page 1 sur", "Admission date 05-03-2024",
                     "Glucose 8,1 mmol/L"):
        assert expected in text, expected
    assert _english_left(text, ward_fr.study) == []
    before_trail = text.split("Piste d'audit")[0]  # the trail prints stored values (ISO)
    assert ISO_DATE.search(before_trail) is None
    assert re.search(r"vérifié par mon le \d{2}/\d{2}/\d{4} \d{2}:\d{2}", text)
    head = re.search(r"\d+:[0-9a-f]{64}", text)
    assert head is not None  # the chain head the trail was verified to
    left = (_words(text.replace(head.group(), "")) - _study_words(ward_fr.study)
            - _french_words() - _data_words(ward_fr, "W-1"))
    assert left <= {"mon", "admin", "vo", "crf", "ward", "sqlite"}, left


def test_every_report_text_has_its_french_with_the_same_placeholders() -> None:
    import ast

    folder = Path(__file__).resolve().parents[2] / "vo_crf" / "reports"
    used: set[str] = set()
    for module in folder.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("t", "texts") and node.args:
                first = node.args[0]
                choices = [first.body, first.orelse] if isinstance(first, ast.IfExp) \
                    else [first]
                used |= {c.value for c in choices
                         if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    assert len(used) > 100
    # the texts a builder passes by name: statuses, audit actions, the sheets' explanations
    used |= {status.label for status in FormStatus}
    used |= {action.value.replace("_", " ") for action in AuditAction}
    used |= {"diagnosis", GENERIC_ABOUT, REPEATING_ABOUT, FORM_STATUS_ABOUT,
             DOUBLE_ENTRY_ABOUT, KeepIdentifiers().description()}
    assert sorted(used - FRENCH.keys()) == []
    fields = re.compile(r"\{(\w+)\}")
    for english, french in FRENCH.items():
        assert set(fields.findall(english)) == set(fields.findall(french)), english


def test_the_language_comes_from_the_environment_english_otherwise() -> None:
    assert environment_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert environment_language({"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}) == "en"
    assert environment_language({"LANG": "de_DE.UTF-8"}) == "en"
    assert environment_language({}) == "en"
    assert report_texts("fr").date(FIXED.date()) == "02/01/2024"
    assert report_texts("de").language == "en"


def test_a_french_workbook_keeps_its_sheets_and_variables_and_explains_in_french(
        demo_project: Project, tmp_path: Path) -> None:
    export_workbook(demo_project, ADMIN, tmp_path / "en.xlsx")
    export_workbook(demo_project, ADMIN, tmp_path / "fr.xlsx", language="fr")
    english = openpyxl.load_workbook(tmp_path / "en.xlsx")
    french = openpyxl.load_workbook(tmp_path / "fr.xlsx")
    assert french.sheetnames == english.sheetnames and french.sheetnames[:len(SHEETS)] == SHEETS
    for name in french.sheetnames:
        if name == "About":
            continue
        rows = list(english[name].iter_rows(values_only=True))
        translated = list(french[name].iter_rows(values_only=True))
        if name.startswith("Table "):  # caption and notes translated; names and data same
            assert translated[0][0].startswith(f"Tableau {name[-1]} - "), translated[0]
            end = next(i for i, row in enumerate(rows) if not any(row))
            rows, translated = rows[1:end], translated[1:end]
        assert translated == rows, name
    assert any("test exact de Fisher" in str(row[0])
               for row in french["Table 3"].iter_rows(values_only=True))
    about = {row[0]: row[1] for row in french["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Étude"] == demo_project.study.name
    assert "une ligne par patient" in about["Data"]
    assert "Généré par" in about and "Données manquantes" in about
    assert about[HEAD_ITEM] == head_in_export(tmp_path / "fr.xlsx")  # still read back
    assert french["About"]["B3"].number_format == "dd/mm/yyyy hh:mm"


def test_the_cli_writes_french_with_lang_fr_or_a_french_locale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VO_CRF_PASSWORD", "demo-admin-pass-1")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    db = str(tmp_path / "demo.sqlite")
    assert main(["demo", "--db", db, "--user", "boss"]) == 0
    assert main(["report", "--db", db, "--user", "boss", "--record", "VO-002", "--lang", "fr",
                 str(tmp_path / "fr.pdf")]) == 0
    assert "Biologie par visite" in pdf_text(tmp_path / "fr.pdf")
    assert main(["report", "--db", db, "--user", "boss", "--record", "VO-002",
                 str(tmp_path / "en.pdf")]) == 0
    assert "Biology by visit" in pdf_text(tmp_path / "en.pdf")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["report", "--db", db, "--user", "boss", "--casebook", "--record", "VO-002",
                 str(tmp_path / "cb.pdf")]) == 0
    assert "Cahier d'observation" in pdf_text(tmp_path / "cb.pdf")
    assert main(["report", "--db", db, "--user", "boss", "--record", "VO-002", "--lang", "en",
                 str(tmp_path / "en2.pdf")]) == 0
    assert "Biology by visit" in pdf_text(tmp_path / "en2.pdf")
    assert main(["export", "--db", db, "--user", "boss", "--format", "xlsx", "--lang", "fr",
                 str(tmp_path / "fr.xlsx")]) == 0
    workbook = openpyxl.load_workbook(tmp_path / "fr.xlsx", read_only=True)
    assert next(workbook["About"].iter_rows(max_row=1, values_only=True))[:2] == (
        "Élément", "Valeur")
    workbook.close()


def test_a_french_page_renders_its_accents(demo_project: Project,
                                           users: dict[str, CurrentUser],
                                           tmp_path: Path) -> None:
    [path] = write_patient_reports(demo_project, users["inv"], tmp_path / "fr.pdf", ["VO-024"],
                                   generated_at=FIXED, language="fr")
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout
        assert "DejaVuSans" in fonts and "Helvetica" not in fonts
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path),
                        str(tmp_path / "page")], check=True)
        assert (tmp_path / "page-1.png").stat().st_size > 1000


NOT_PRINTED = {
    "page {number} of {total}",  # the canvas's default: the catalog's key
    "Complete", "Unverified", "Incomplete",  # the statuses' colours, by the core's name
    "Record",  # casebook_story's default word: translated as "Record {record}"
    "casebook refused", "no record to print: the study has none yet",  # refusals, not PDF
    "casebook PDF, ", " record(s)", ", with audit trail", ", with identifiers",  # audit rows
    "ReportCanvas", '<font color="',  # a class's name, markup
}
"""English literals of the PDF builders that a PDF does not print as they are."""


def test_the_pdf_builders_print_no_english_literal_but_through_the_catalog() -> None:
    import ast

    folder = Path(__file__).resolve().parents[2] / "vo_crf" / "reports"
    prose = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}|^[A-Z][a-z]+")
    found = []
    for name in ("pdf_timeline", "pdf_chart", "pdf_pages", "pdf_status", "pdf_listing",
                 "casebook"):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        skipped: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                skipped.add(id(node.value))  # docstrings
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "t" and node.args:
                skipped |= {id(part) for part in ast.walk(node.args[0])}
        found += [f"{name}:{node.lineno} {node.value!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in skipped and prose.search(node.value)
                  and node.value not in NOT_PRINTED]
    assert found == []


def test_french_blank_crfs(ward_fr: Project, tmp_path: Path) -> None:
    from vo_crf.reports.blank_crf import write_blank_crfs

    text = pdf_text(write_blank_crfs(ward_fr, ADMIN, tmp_path / "blank.pdf", generated_at=FIXED,
                                     language="fr"))
    for expected in ("CRF vierge — Patient : ____", "Recueilli à : Admission, Discharge",
                     "cocher une seule réponse", "JJ-MM-AAAA", "valide de 1 à 40",
                     "unité : mmol/L", "☐ Incomplet ☐ Non vérifié ☐ Complet", "obligatoire",
                     "☐ Surgery ☐ Medicine", "page 1 sur"):
        assert expected in text, expected
    assert _english_left(text, ward_fr.study) == []
    left = _words(text) - _study_words(ward_fr.study) - _french_words()
    assert left <= {"admin", "vo", "crf", "ward", "sqlite"}, left


def test_french_study_figures(demo_project: Project, users: dict[str, CurrentUser],
                              tmp_path: Path) -> None:
    from vo_crf.reports.figures import write_figures

    text = pdf_text(write_figures(demo_project, users["inv"], tmp_path / "figures.pdf",
                                  language="fr"))
    for expected in ("Figure 1. Antibiothérapies et visites de chaque patient",
                     "Jours depuis le diagnostic", "dernière visite", "Signes d'imagerie",
                     "médiane", "Parcours des patients", "identifiées", "page 4 sur 4"):
        assert expected in text, expected
    for english in ("Days since", "last visit", "Flow of patients", "median", "page 1 of",
                    "made", "Bars:", "identified"):
        assert re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text) is None, english
    left = _words(text) - _study_words(demo_project.study) - _french_words()
    assert left <= {"vo", "crf", "swimmer", "plot"}, left
