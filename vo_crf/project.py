"""A study database opened for work: its engine and the study definition stored in it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, make_url, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from vo_crf.audit.chain_check import ChainReport, verify_engine
from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import SYSTEM_USER, CurrentUser, create_user
from vo_crf.db.engine import make_engine, read_session, write_transaction
from vo_crf.db.migrate import upgrade_to_head
from vo_crf.db.models import StudyDefinitionRow, User
from vo_crf.db.restore import check_at_open
from vo_crf.db.study_identity import ensure_study_identity
from vo_crf.paths import default_study_dir, sqlite_file, to_database_url
from vo_crf.storage import refuse_unusable_storage
from vo_crf.study import loader
from vo_crf.study.files import StudyFiles, with_analysis_plan  # noqa: F401 - re-exported
from vo_crf.study.model import Study


class ProjectError(Exception):
    """The database cannot be used as a study database (message says why and what to do)."""


class AuditTrailBroken(ProjectError):
    """The audit trail was changed outside vo-crf: the message names the first broken row."""

    def __init__(self, report: ChainReport, what: str) -> None:
        super().__init__(f"{what}: {report.summary()}")
        self.report = report


def require_intact_audit(engine: Engine, what: str, quick: bool = False) -> ChainReport:
    """Verify the audit chain and triggers; raise AuditTrailBroken (``what`` was refused).

    ``quick`` starts after the last full verification (see verify_audit); a break it finds is
    then located by a full verification, so the message names the first broken row.
    """
    report = verify_engine(engine, quick)
    if not report.ok and not report.full:
        report = verify_engine(engine)
    if not report.ok:
        raise AuditTrailBroken(report, what)
    return report


@dataclass
class Project:
    """An open study database."""

    url: str
    engine: Engine
    study: Study
    definition_version: int

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def study_files_from_folder(folder: Path) -> StudyFiles:
    """Read the study definition files of ``folder`` (``StudyFiles.read``: the analysis plan
    goes inside ``project.json``, stored and amended with the rest)."""
    return StudyFiles.read(folder)


def study_from_files(texts: Mapping[str, str], fallback_name: str) -> Study:
    """Build the study from stored file texts."""
    return loader.study_from_files(texts, fallback_name)


def init_project(path_or_url: str, admin_username: str, admin_password: str,
                 study_dir: Path | None = None,
                 study_texts: Mapping[str, str] | None = None) -> Project:
    """Create a new study database from a definition folder (or its files' texts), with its
    first admin. The folder is read once and the definition parsed once."""
    url = to_database_url(path_or_url)
    folder = Path(study_dir) if study_dir else default_study_dir()
    files = StudyFiles.of(study_texts) if study_texts else StudyFiles.read(folder)
    study = study_from_files(files, folder.name)  # refuse a broken definition first
    if study.analysis_plan is not None:
        from vo_crf.analysis.plan import load_analysis_plan

        load_analysis_plan(study)  # AnalysisPlanError: a plan naming unknown fields
    engine = make_engine(url)
    upgrade_to_head(engine)
    with read_session(engine) as session:
        if session.scalar(select(func.count()).select_from(User)):
            raise ProjectError(f"{url} already holds a study database; open it instead")
    version = store_definition(engine, files, study, SYSTEM_USER)
    create_user(engine, SYSTEM_USER, admin_username, admin_password, Role.ADMIN)
    engine.dispose()  # PostgreSQL: leave no idle connection behind (CREATE DATABASE ... TEMPLATE)
    return open_project(url, parsed=(version, study))


def store_definition(engine: Engine, files: Mapping[str, str], study: Study,
                     actor: CurrentUser) -> int:
    """Store a new version of the study definition (``study``: its files parsed); return its
    version number."""
    with write_transaction(engine) as session:
        return add_definition(session, files, study, actor)


def add_definition(session: Session, texts: Mapping[str, str], study: Study,
                   actor: CurrentUser) -> int:
    """Add the next definition version (with its audit row) in the caller's transaction."""
    latest = session.scalar(select(func.max(StudyDefinitionRow.version))) or 0
    version = latest + 1
    session.add(StudyDefinitionRow(
        version=version, name=study.name, dictionary_csv=texts[loader.DICTIONARY],
        events_csv=texts[loader.EVENTS], mapping_csv=texts[loader.MAPPING],
        repeating_csv=texts.get(loader.REPEATING, ""),
        project_json=texts.get(loader.PROJECT) or "{}", loaded_by=actor.username))
    write_audit(session, actor.username, AuditAction.DEFINITION_LOAD,
                new_value=f"version {version}", reason=study.name)
    return version


def stored_definition_texts(session: Session, version: int | None = None) -> StudyFiles:
    """Return the file texts of a stored definition version (default: the newest)."""
    statement = select(StudyDefinitionRow)
    if version is None:
        statement = statement.order_by(StudyDefinitionRow.version.desc()).limit(1)
    else:
        statement = statement.where(StudyDefinitionRow.version == version)
    row = session.scalar(statement)
    if row is None:
        raise ProjectError("the database holds no such study definition version")
    return _files_of(row)


def _files_of(row: StudyDefinitionRow) -> StudyFiles:
    return StudyFiles(dictionary=row.dictionary_csv, events=row.events_csv,
                      mapping=row.mapping_csv, repeating=row.repeating_csv,
                      project=row.project_json)


def integrity_problem(url: str) -> str | None:
    """Run the open-time quick check of an SQLite file; return the message, None if sound.

    Encrypted and server databases return None (they are checked when opened). A drive that
    is full, read-only or not writable raises StorageUnavailable instead (not damage).
    """
    database_file = sqlite_file(url)
    if database_file is None or is_encrypted_url(url) or not database_file.exists():
        return None
    return check_at_open(database_file, not _read_only_url(url))


def _read_only_url(url: str) -> bool:
    """True for an SQLite URI opened read-only (``file:...?mode=ro``): nothing is written."""
    return "mode=ro" in url or "immutable=1" in url


def is_encrypted_url(url: str) -> bool:
    """True for an SQLCipher database (``sqlite+pysqlcipher://:passphrase@/path``)."""
    return make_url(url).get_driver_name() == "pysqlcipher"


def _check_encrypted(engine: Engine, database_file: Path | None) -> None:
    """Open an SQLCipher database with its passphrase and run the quick check through it."""
    try:
        with engine.connect() as connection:
            result = [str(r[0]) for r in connection.exec_driver_sql("PRAGMA quick_check")]
    except DatabaseError as exc:
        engine.dispose()
        raise ProjectError(f"cannot open the encrypted study database {database_file}: wrong "
                           f"passphrase, or the file is damaged ({exc.orig})") from None
    if result != ["ok"]:
        engine.dispose()
        raise ProjectError(f"the encrypted study database {database_file} is damaged: "
                           f"{'; '.join(result[:3])}; restore a backup")


def open_project(path_or_url: str, check_integrity: bool = True,
                 check_audit: bool = True, parsed: tuple[int, Study] | None = None) -> Project:
    """Open an existing study database (migrating its schema) with its newest definition.

    An SQLite file first gets ``PRAGMA quick_check``; a damaged one raises ProjectError naming
    the latest good backup. ``check_integrity=False`` leaves that check to the caller, who must
    run :func:`integrity_problem` before anything is written (the GUI runs it while the login
    window is already on screen). A full, read-only or forbidden drive raises
    StorageUnavailable before SQLite touches anything. The audit trail's hash chain and
    append-only triggers are verified (``check_audit``): a broken trail raises AuditTrailBroken
    naming the first broken row (``vo-crf audit verify`` opens with ``check_audit=False``).
    ``parsed`` (version, study): the newest definition, already parsed by the caller (init).
    """
    url = to_database_url(path_or_url)
    database_file = sqlite_file(url)
    if database_file is not None and not database_file.exists():
        raise ProjectError(f"no study database at {database_file}: "
                           "create one with 'vo-crf init' or 'vo-crf demo'")
    encrypted = is_encrypted_url(url)
    writing = not _read_only_url(url)
    if database_file is not None and writing:
        refuse_unusable_storage(database_file)
    if database_file is not None and not encrypted and check_integrity:
        # PRAGMA quick_check at open; names the latest good backup
        damaged = check_at_open(database_file, writing)
        if damaged:
            raise ProjectError(damaged)
    engine = make_engine(url)
    if encrypted:
        _check_encrypted(engine, database_file)
    upgrade_to_head(engine)
    if check_audit:
        try:
            require_intact_audit(engine, f"the study database {database_file or url} cannot be "
                                         "used", quick=True)
        except AuditTrailBroken:
            engine.dispose()
            raise
    with read_session(engine) as session:
        row = session.scalar(
            select(StudyDefinitionRow).order_by(StudyDefinitionRow.version.desc()).limit(1))
    if row is None:
        engine.dispose()
        raise ProjectError(f"{url} holds no study definition: create it with 'vo-crf init'")
    if parsed is not None and parsed[0] == row.version:
        study = parsed[1]
    else:
        study = study_from_files(_files_of(row), row.name)
    ensure_study_identity(engine)  # lets a restore tell this study's backups from others
    return Project(url=url, engine=engine, study=study, definition_version=row.version)
