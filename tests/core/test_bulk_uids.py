"""Uids for sync are time-ordered, unique and UUID-shaped; bulk timestamps match SQLAlchemy's."""

from __future__ import annotations

import datetime as dt
import time
import uuid

from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.sqlite import DATETIME

from vo_crf.db.models import new_uid
from vo_crf.entry.bulk_sql import UidPool, sqlite_datetime
from vo_crf.entry.values import CheckCache, check_value
from vo_crf.study.model import FieldDef, FieldType, ValidationType


def _is_uuid7(uid: str) -> bool:
    parsed = uuid.UUID(uid)
    return len(uid) == 32 and uid == parsed.hex and parsed.version == 7 \
        and parsed.variant == uuid.RFC_4122


def test_new_uid_is_a_time_ordered_uuid7() -> None:
    first = new_uid()
    time.sleep(0.002)
    later = [new_uid() for _ in range(1000)]
    assert all(_is_uuid7(uid) for uid in [first, *later])
    assert len(set(later)) == len(later)
    assert all(first < uid for uid in later)
    stamp_ms = int(first[:12], 16)
    assert abs(stamp_ms - time.time() * 1000) < 60_000


def test_uid_pool_hands_out_ascending_unique_uuid7s() -> None:
    pool = UidPool()
    uids = [pool.take() for _ in range(20_000)]  # several batches, growing to the largest
    assert uids == sorted(uids)
    assert len(set(uids)) == len(uids)
    assert all(_is_uuid7(uid) for uid in uids)
    assert abs(int(uids[0][:12], 16) - int(new_uid()[:12], 16)) < 1000  # same clock
    other = UidPool()
    assert not set(uids) & {other.take() for _ in range(5000)}


def test_sqlite_datetime_is_what_sqlalchemy_stores() -> None:
    bind = DATETIME().bind_processor(sqlite.dialect())
    for value in (dt.datetime(2026, 11, 25, 13, 4, 5, 6), dt.datetime(2026, 1, 2, 3, 4, 5),
                  dt.datetime(999, 1, 1, 0, 0, 0, 10), dt.datetime.now()):
        assert sqlite_datetime(value) == bind(value)


def test_check_cache_answers_as_check_value() -> None:
    number = FieldDef(name="temp", form="f", field_type=FieldType.TEXT, label="Temp",
                      validation=ValidationType.NUMBER, min_value="34", max_value="42")
    day = FieldDef(name="day", form="f", field_type=FieldType.TEXT, label="Day",
                   validation=ValidationType.DATE_YMD, max_value="today")
    cache = CheckCache(frozenset({"UNK"}), limit=3)
    today = dt.date(2026, 11, 25)
    for _ in range(2):
        for fdef, value in ((number, "38.5"), (number, "50"), (number, "abc"), (number, "UNK"),
                            (day, "2026-11-26"), (day, "2026-02-30"), (number, "")):
            expected = tuple(check_value(fdef, value, frozenset({"UNK"}), today))
            assert cache.check(fdef, value, today) == expected
    assert cache.check(day, "2026-11-26", today + dt.timedelta(days=1)) == ()
