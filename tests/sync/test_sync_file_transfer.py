"""A file arriving by sync is checked against its SHA-256 as the receiver reads it back from
the change set's temporary file; a forged one is refused and nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from redcap_studies import FILE_FIELDS, init_study

from vo_crf.attachments.spool import FileSpool
from vo_crf.attachments.store import AttachmentError
from vo_crf.attachments.transfer import SentFile, copy_files
from vo_crf.db.engine import write_transaction
from vo_crf.project import Project


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Project]:
    project = init_study(tmp_path, FILE_FIELDS, "receiver")
    yield project
    project.close()


def test_a_file_whose_bytes_do_not_match_its_sha256_is_refused(receiver: Project) -> None:
    """The receiver checks every file as it reads it back from the change set's spool."""
    with FileSpool() as spool:
        forged = SentFile("0" * 64, "application/pdf", "consent.pdf", spool.add(b"%PDF-1.4 x"))
        with pytest.raises(AttachmentError, match="consent.pdf received does not match"), \
                write_transaction(receiver.engine) as session:
            copy_files(session, [forged])
    with receiver.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM attachments").scalar_one() == 0
