"""The role × action matrix, checked against the core services themselves (not the GUI)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from dde_study import adjudicate_new_double_entry

from vo_crf.amend import apply_amendment, prepare_amendment
from vo_crf.auth.permissions import PERMISSIONS, Action, PermissionDenied, Role
from vo_crf.auth.record_view import record_view
from vo_crf.auth.users import CurrentUser, create_user, set_role
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock, sign, unlock, verify
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.paths import default_study_dir
from vo_crf.project import Project
from vo_crf.queries import FieldKey, QueryService
from vo_crf.reports.patient_reports import write_patient_reports
from vo_crf.reports.timeline_data import build_patient_timeline
from vo_crf.reports.workbook import export_workbook

RECORD = "01-001"
MICRO = FormKey(RECORD, "m0_arm_1", "microbiology")
COURSE = FormKey(RECORD, "m0_arm_1", "antibiotics", 1)
ORGANISM = FieldKey(RECORD, "m0_arm_1", "microbiology", "micro_organism")
IMPORT = ("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
          "clin_date,clinical_complete\n02-001,m0_arm_1,,,2001-01-01,0\n")

Operation = Callable[[Project, CurrentUser, Path], object]

OPERATIONS: dict[Action, Operation] = {
    Action.VIEW_DATA: lambda p, u, _: EntryService(p, u).open_form(_as_seen(p, u, MICRO)),
    Action.EDIT_DATA: lambda p, u, _: EntryService(p, u).save_form(
        MICRO, {"micro_organism": "4"}, 2, reason="matrix test"),
    Action.CREATE_RECORD: lambda p, u, _: create_record(p, u, "2"),
    Action.DELETE_INSTANCE: lambda p, u, _: EntryService(p, u).delete_instance(COURSE, "dup"),
    Action.IMPORT: lambda p, u, _: import_redcap_text(p, u, IMPORT, "m.csv"),
    Action.VERIFY: lambda p, u, _: verify(p, u, MICRO),
    Action.LOCK: lambda p, u, _: lock(p, u, RECORD, MICRO),
    Action.ESIGN: lambda p, u, _: _sign_as(p, u),
    Action.UNLOCK: lambda p, u, _: unlock(p, u, RECORD, "monitor query", MICRO),
    Action.EXPORT_IDENTIFIED: lambda p, u, d: export_redcap_csv(p, u, d / "i.csv"),
    Action.EXPORT_DEIDENTIFIED: lambda p, u, d: export_redcap_csv(p, u, d / "d.csv",
                                                                  deidentified=True),
    Action.REPORT: lambda p, u, d: write_patient_reports(
        p, u, d / "r.pdf", [_as_seen(p, u, MICRO).record_id]),
    Action.VIEW_AUDIT: lambda p, u, _: EntryService(p, u).field_history(MICRO, "micro_organism"),
    Action.MANAGE_USERS: lambda p, u, _: create_user(p.engine, u, "newcomer", "harbour-lamp-123",
                                                     Role.NURSE),
    Action.RAISE_QUERY: lambda p, u, _: QueryService(p, u).open_query(ORGANISM, "sure?"),
    Action.ANSWER_QUERY: lambda p, u, _: QueryService(p, u).answer(_query_by(p, "admin"), "ok"),
    Action.CLOSE_QUERY: lambda p, u, _: QueryService(p, u).close(_query_by(p, u.username)),
    Action.ADJUDICATE: lambda p, u, _: adjudicate_new_double_entry(p, u),
    Action.AMEND_STUDY: lambda p, u, _: apply_amendment(
        p, u, prepare_amendment(p, CurrentUser("admin", Role.ADMIN), default_study_dir())),
}


def _sign_as(project: Project, user: CurrentUser) -> object:
    """E-sign as ``user``; a role allowed to sign gets an account first (signing re-checks the
    password), a role that may not is refused before any password is looked at."""
    if user.can(Action.ESIGN):
        create_user(project.engine, CurrentUser("admin", Role.ADMIN), user.username,
                    "harbour-lamp-123", user.role)
    return sign(project, user, RECORD, MICRO, password="harbour-lamp-123")


def _as_seen(project: Project, user: CurrentUser, key: FormKey) -> FormKey:
    """The form as ``user`` names it (by pseudonym without VIEW_IDENTIFIERS)."""
    shown = record_view(project, user).shown_id(key.record_id)
    return FormKey(shown, key.event, key.form, key.instance)


def _query_by(project: Project, opener: str) -> int:
    """Open a query on the organism as ``opener`` (so that only the role is being tested)."""
    return QueryService(project, CurrentUser(opener, Role.ADMIN)).open_query(ORGANISM, "sure?")


@pytest.fixture
def seeded(project: Project, users: dict[str, CurrentUser]) -> Project:
    """One patient with a Complete microbiology form and one antibiotic course."""
    nurse = users["nurse"]
    create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(MICRO, {"micro_organism": "1"}, 2)
    service.save_form(COURSE, {"abx_drug": "2", "abx_route": "1",
                               "abx_start": "2001-01-01"}, 0)
    return project


def test_every_action_has_a_service_check() -> None:
    assert set(OPERATIONS) | {Action.VIEW_IDENTIFIERS, Action.EXPORT_DEIDENTIFIED} == set(Action)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(OPERATIONS))
def test_service_allows_exactly_what_the_matrix_says(seeded: Project, tmp_path: Path,
                                                     role: Role, action: Action) -> None:
    if action is Action.UNLOCK:
        lock(seeded, CurrentUser("admin", Role.ADMIN), RECORD, MICRO)
    user = CurrentUser(f"someone-{role.value}", role)
    if action in PERMISSIONS[role]:
        OPERATIONS[action](seeded, user, tmp_path)
    else:
        with pytest.raises(PermissionDenied, match=action.value.replace("_", " ")):
            OPERATIONS[action](seeded, user, tmp_path)


@pytest.mark.parametrize("role", list(Role))
def test_identifiers_in_reports_only_for_allowed_roles(
        seeded: Project, users: dict[str, CurrentUser], role: Role) -> None:
    EntryService(seeded, users["nurse"]).save_form(
        FormKey(RECORD, "m0_arm_1", "enrolment"), {"initials": "ZQ"}, 0)
    user = CurrentUser("x", role)
    timeline = build_patient_timeline(seeded, user, _as_seen(seeded, user, MICRO).record_id,
                                      show_identifiers=True)
    shown = " ".join(value for _, value in timeline.header.identifiers)
    assert ("ZQ" in shown) == (Action.VIEW_IDENTIFIERS in PERMISSIONS[role])


def test_statistician_workbook_is_always_deidentified(seeded: Project, tmp_path: Path) -> None:
    statistician = CurrentUser("stat", Role.STATISTICIAN)
    with pytest.raises(PermissionDenied):
        export_workbook(seeded, statistician, tmp_path / "w.xlsx")
    assert export_workbook(seeded, statistician, tmp_path / "w.xlsx", deidentified=True) == 1


def test_role_change_takes_effect_at_next_login(seeded: Project,
                                                users: dict[str, CurrentUser]) -> None:
    from accounts import PASSWORDS

    from vo_crf.auth.users import authenticate

    set_role(seeded.engine, users["admin"], "nurse", Role.INVESTIGATOR)
    promoted = authenticate(seeded.engine, "nurse", PASSWORDS["nurse"])
    verify(seeded, promoted, MICRO)


# ----- the de-identified view: every read path of a role without VIEW_IDENTIFIERS ----------
DEIDENTIFIED_ROLES = [r for r in Role if Action.VIEW_IDENTIFIERS not in PERMISSIONS[r]]
REAL_DATES = ("1941-07-14", "2005-03-10", "2005-06-20", "2005-09-01")
SENTINEL = "Jean DUPONT tel 0612345678"
ENROLMENT = FormKey(RECORD, "m0_arm_1", "enrolment")
IMAGING = FormKey(RECORD, "m0_arm_1", "imaging")
BIRTH = FieldKey(RECORD, "m0_arm_1", "enrolment", "birth_date")


def _leaks(text: str) -> list[str]:
    """What of the identified data shows in ``text``: real ids, real dates, free text."""
    found = [RECORD] if RECORD in text else []
    found += [d for d in REAL_DATES if d in text]
    return found + [s for s in ("ZQ", "DUPONT", "0612345678") if s in text]


@pytest.fixture
def identified(seeded: Project, users: dict[str, CurrentUser]) -> Project:
    """The seeded patient with initials, real dates, free text and a query on the birth date."""
    from vo_crf.db.engine import write_transaction
    from vo_crf.db.models import ProjectSecret
    from vo_crf.exchange.deidentify import PSEUDONYM_SECRET

    with write_transaction(seeded.engine) as session:  # a key whose date shift is not 0
        session.merge(ProjectSecret(name=PSEUDONYM_SECRET, value="42" * 32))
    service = EntryService(seeded, users["nurse"])
    service.save_form(ENROLMENT, {"initials": "ZQ", "birth_date": REAL_DATES[0],
                                  "diagnosis_date": REAL_DATES[1]}, 0)
    service.save_form(IMAGING, {"img_date": REAL_DATES[2], "img_comment": SENTINEL}, 0,
                      confirmations={"img_date": f"late: {SENTINEL}"})
    service.save_form(COURSE, {"abx_start": REAL_DATES[3]}, 0,
                      confirmations={"abx_start": "late"})
    admin = CurrentUser("admin", Role.ADMIN)
    query = QueryService(seeded, admin).open_query(BIRTH, f"born {REAL_DATES[0]}? {SENTINEL}")
    QueryService(seeded, users["nurse"]).answer(query, f"yes, {SENTINEL}")
    return seeded


def _pseudonym(project: Project) -> str:
    from vo_crf.exchange.deidentify import Deidentifier
    return Deidentifier(project).record_id(RECORD)


@pytest.mark.parametrize("role", list(Role))
def test_core_reads_show_identified_data_only_to_allowed_roles(
        identified: Project, tmp_path: Path, role: Role) -> None:
    from pypdf import PdfReader

    from vo_crf.dashboard import list_records, load_rows
    from vo_crf.quality import run_quality_checks
    from vo_crf.queries import list_queries

    user = CurrentUser(f"someone-{role.value}", role)
    allowed_identified = Action.VIEW_IDENTIFIERS in PERMISSIONS[role]
    shown_id = RECORD if allowed_identified else _pseudonym(identified)
    service = EntryService(identified, user)
    enrolment = service.open_form(FormKey(shown_id, "m0_arm_1", "enrolment"))
    imaging = service.open_form(FormKey(shown_id, "m0_arm_1", "imaging"))
    queries = list_queries(identified, user)
    findings = run_quality_checks(identified, user)
    write_patient_reports(identified, user, tmp_path / "one.pdf", [shown_id])
    pdf = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "one.pdf").pages)
    view = record_view(identified, user)  # what the GUI's dashboard asks with
    dashboard = load_rows(identified, list_records(identified, view=view), view=view)
    shown = "\n".join([repr(enrolment), repr(imaging), repr(queries), repr(findings), pdf,
                       repr(dashboard)])
    assert findings and queries and enrolment.exists
    if allowed_identified:
        assert {RECORD, REAL_DATES[0], "ZQ", "DUPONT"} <= set(_leaks(shown))
    else:
        assert _leaks(shown) == []
        assert enrolment.key.record_id == shown_id and shown_id in pdf
        assert queries[0].record_id == shown_id and queries[0].value_at_open == ""
        assert {f.record_id for f in findings} == {shown_id}
        assert [row.record_id for row in dashboard.values()] == [shown_id]
        assert enrolment.values.get("diagnosis_date", "").startswith("2005-")


@pytest.mark.parametrize("role", DEIDENTIFIED_ROLES)
def test_a_real_record_id_is_no_record_for_a_deidentified_role(identified: Project,
                                                               role: Role) -> None:
    from vo_crf.entry.errors import NotFoundError
    from vo_crf.reports.timeline_data import RecordNotFound

    user = CurrentUser("someone", role)
    with pytest.raises(NotFoundError):
        EntryService(identified, user).open_form(ENROLMENT)
    with pytest.raises(RecordNotFound):
        build_patient_timeline(identified, user, RECORD)


@pytest.mark.parametrize("role", DEIDENTIFIED_ROLES)
def test_cli_listings_and_reports_are_deidentified(
        identified: Project, tmp_path: Path, role: Role, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    from vo_crf.cli import main

    create_user(identified.engine, CurrentUser("admin", Role.ADMIN), "reader",
                "reader-pass-12345", role)
    monkeypatch.setenv("VO_CRF_PASSWORD", "reader-pass-12345")
    db = ["--db", str(identified.url.removeprefix("sqlite:///")), "--user", "reader"]
    outputs = []
    for command in (["queries"], ["quality"], ["report", "--all", str(tmp_path / "all")],
                    ["report", "--all", "--combined", str(tmp_path / "all.pdf")]):
        assert main([command[0], *db, *command[1:]]) == 0
        captured = capsys.readouterr()
        outputs.append(captured.out + captured.err)
    pdfs = [tmp_path / "all.pdf", *(tmp_path / "all").glob("*.pdf")]
    assert len(pdfs) == 2 and pdfs[1].stem == _pseudonym(identified)
    outputs += [page.extract_text() for pdf in pdfs for page in PdfReader(pdf).pages]
    assert _pseudonym(identified) in outputs[0] and _pseudonym(identified) in outputs[1]
    assert [_leaks(text) for text in outputs] == [[]] * len(outputs), outputs


# ----- the core reads × every role: allowed by the matrix, and the de-identified view ---------
def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _seen_id(project: Project, user: CurrentUser) -> str:
    return record_view(project, user).shown_id(RECORD)


def _dashboard(project: Project, user: CurrentUser) -> str:
    from vo_crf.dashboard import list_records, load_rows

    view = record_view(project, user)  # the dashboard is given the user's view
    return repr(load_rows(project, list_records(project, view=view), view=view))


def _queries_tooltip(project: Project, user: CurrentUser) -> str:
    from vo_crf.queries import live_queries

    return repr(live_queries(project, _seen_id(project, user),
                             view=record_view(project, user)))


def _read(name: str) -> Callable[[Project, CurrentUser, Path], str]:
    """The core read ``name`` as ``user`` (records named as the user names them)."""
    from vo_crf.dde import discordance_report, pending_double_entries
    from vo_crf.quality import run_quality_checks
    from vo_crf.queries import form_queries, list_queries
    from vo_crf.sync.conflicts import list_conflicts

    def seen(p: Project, u: CurrentUser, key: FormKey) -> FormKey:
        return _as_seen(p, u, key)

    reads: dict[str, Callable[[Project, CurrentUser, Path], object]] = {
        "open_form": lambda p, u, _: [EntryService(p, u).open_form(seen(p, u, k))
                                      for k in (ENROLMENT, IMAGING, COURSE)],
        "instances": lambda p, u, _: EntryService(p, u).instances(
            _seen_id(p, u), "m0_arm_1", "antibiotics"),
        "field_history": lambda p, u, _: [
            (e.at, e.username, e.action, e.record_id, e.field, e.old_value, e.new_value,
             e.reason) for k, f in ((ENROLMENT, "birth_date"), (IMAGING, "img_date"),
                                    (IMAGING, "img_comment"))
            for e in EntryService(p, u).field_history(seen(p, u, k), f)],
        "queries listing": lambda p, u, _: list_queries(p, u),
        "form queries (field marks)": lambda p, u, _: form_queries(
            p, u, _seen_id(p, u), "m0_arm_1", "enrolment"),
        "dashboard": lambda p, u, _: _dashboard(p, u),
        "dashboard queries tooltip": lambda p, u, _: _queries_tooltip(p, u),
        "quality listing": lambda p, u, _: run_quality_checks(p, u),
        "timeline": lambda p, u, _: build_patient_timeline(p, u, _seen_id(p, u),
                                                           show_identifiers=True),
        "report PDF": lambda p, u, d: _pdf_text(write_patient_reports(
            p, u, d / "one.pdf", [_seen_id(p, u)], show_identifiers=True)[0]),
        "sync conflicts": lambda p, u, _: list_conflicts(p, u, include_resolved=True),
        "double-entry worklist": lambda p, u, _: pending_double_entries(p, u),
        "double-entry report": lambda p, u, _: discordance_report(p, u),
    }
    read = reads[name]

    def text(project: Project, user: CurrentUser, folder: Path) -> str:
        shown = read(project, user, folder)
        return shown if isinstance(shown, str) else repr(shown)

    return text


READS: dict[str, Action] = {
    "open_form": Action.VIEW_DATA, "instances": Action.VIEW_DATA,
    "field_history": Action.VIEW_AUDIT, "queries listing": Action.VIEW_DATA,
    "form queries (field marks)": Action.VIEW_DATA, "dashboard": Action.VIEW_DATA,
    "dashboard queries tooltip": Action.VIEW_DATA, "quality listing": Action.VIEW_DATA,
    "timeline": Action.REPORT, "report PDF": Action.REPORT, "sync conflicts": Action.VIEW_DATA,
    "double-entry worklist": Action.VIEW_DATA, "double-entry report": Action.REPORT,
}
"""Every core read a screen or a command shows, with the permission it needs."""


@pytest.fixture
def in_double_entry(identified: Project) -> Project:
    """The identified patient with biology at M0 in double entry (one nurse's entry made)."""
    from dataclasses import replace

    from vo_crf.dde import DoubleEntryService

    study = identified.study
    identified.study = replace(study, protocol=replace(study.protocol,
                                                       double_entry_forms=("biology",)))
    DoubleEntryService(identified, CurrentUser("nurse", Role.NURSE)).save_entry(
        FormKey(RECORD, "m0_arm_1", "biology"), {"bio_date": REAL_DATES[1], "bio_crp": "12"}, 2)
    return identified


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", list(READS))
def test_core_reads_follow_the_matrix_and_the_view(in_double_entry: Project, tmp_path: Path,
                                                  role: Role, name: str) -> None:
    user = CurrentUser(f"someone-{role.value}", role)
    read = _read(name)
    if READS[name] not in PERMISSIONS[role]:
        with pytest.raises(PermissionDenied, match=READS[name].value.replace("_", " ")):
            read(in_double_entry, user, tmp_path)
        return
    shown = read(in_double_entry, user, tmp_path)
    names_no_patient = name in ("sync conflicts", "double-entry report",
                                "dashboard queries tooltip")  # no id (or nothing to list)
    if Action.VIEW_IDENTIFIERS in PERMISSIONS[role]:
        assert names_no_patient or RECORD in shown
        assert name in ("sync conflicts", "double-entry report") or _leaks(shown)
    else:
        assert _leaks(shown) == [], shown
        assert names_no_patient or _pseudonym(in_double_entry) in shown
