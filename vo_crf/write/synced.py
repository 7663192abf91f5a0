"""Another node's version of a value, and the one rule that takes it over a local version.

Both sync writers use it: a change set's versions (``vo_crf.write.synced_batch``) and a
conflict resolved by keeping the remote value (``vo_crf.write.versions.LocalVersions.take``).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from vo_crf.write.synced_versions import VersionKey, VersionRow

VersionPlace = tuple[str, str, str, int, str]
"""Where a version belongs: (record id, event, form, instance, field)."""


class RemoteVersion(NamedTuple):
    """Another node's version of a value, as it arrived."""

    value: str | None
    uid: str
    base_uid: str | None
    changed_at: dt.datetime
    changed_by: str
    origin_site: str


def adopt_remote(row: VersionRow, remote: RemoteVersion, synced: bool,
                 take_base: bool = True) -> None:
    """Copy another node's version (not its value) into a version row: the one rule of both
    sync writers. ``synced`` records that the other side holds it; ``take_base`` False keeps
    the row's base uid as it was."""
    row.uid = remote.uid
    if take_base:
        row.base_uid = remote.base_uid
    row.changed_at, row.changed_by = remote.changed_at, remote.changed_by
    row.origin_site = remote.origin_site
    if synced:
        row.synced_uid = remote.uid


def remote_row(row: VersionRow | None, key: VersionKey, remote: RemoteVersion, synced: bool,
               take_base: bool = True) -> VersionRow:
    """The version row of ``key`` (``row``, or a new one when the value has none) made another
    node's version with its value (``adopt_remote``), for the caller to buffer."""
    if row is None:  # the same as adopting it into an empty row
        return VersionRow(None, *key, remote.value, remote.uid, remote.base_uid,
                          remote.changed_at, remote.changed_by, remote.origin_site,
                          remote.uid if synced else None, None)
    row.value = remote.value
    adopt_remote(row, remote, synced, take_base)
    return row
