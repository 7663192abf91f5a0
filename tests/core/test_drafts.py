"""The crash-recovery draft store."""

from __future__ import annotations

import contextlib
from pathlib import Path

from vo_crf.drafts import DraftStore
from vo_crf.entry import FormKey

KEY = FormKey("01-001", "m0_arm_1", "clinical")


def test_save_load_discard(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts.sqlite", "sqlite:///a", "nurse")
    store.save(KEY, {"clin_temp": "38.5"}, 0, None)
    draft = store.load(KEY)
    assert draft is not None
    assert draft.values == {"clin_temp": "38.5"} and draft.status == 0
    assert draft.base_version is None
    store.save(KEY, {"clin_temp": "39"}, 2, 3)
    assert [d.values for d in store.list()] == [{"clin_temp": "39"}]
    assert store.load(KEY).base_version == 3
    store.discard(KEY)
    assert store.load(KEY) is None and store.list() == []


def test_drafts_are_kept_apart_by_database_and_user(tmp_path: Path) -> None:
    path = tmp_path / "drafts.sqlite"
    DraftStore(path, "sqlite:///a", "nurse").save(KEY, {"clin_temp": "37"}, 0, None)
    assert DraftStore(path, "sqlite:///b", "nurse").list() == []
    assert DraftStore(path, "sqlite:///a", "inv").list() == []
    reopened = DraftStore(path, "sqlite:///a", "nurse")
    assert [d.key for d in reopened.list()] == [KEY]


def test_write_is_atomic_on_failure(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts.sqlite", "sqlite:///a", "nurse")
    store.save(KEY, {"clin_temp": "37"}, 0, None)
    with contextlib.suppress(TypeError):
        store.save(KEY, {"clin_temp": object()}, 0, None)  # type: ignore[dict-item]
    assert store.load(KEY).values == {"clin_temp": "37"}
