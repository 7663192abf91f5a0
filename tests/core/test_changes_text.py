"""A form save's ``changes`` column is the compact JSON ``json.dumps`` writes, to the byte.

``encode_changes`` builds it with one JSON encoder made once (an import encodes a change list
per form save); whatever the strings hold (quotes, backslashes, control characters, accents,
emoji, a lone surrogate) and whatever the items are, the text must be ``json.dumps``'s: the
audit chain hashes it and readers parse it.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from vo_crf.audit.trail import AuditAction, encode_changes

_ITEM = st.one_of(st.none(), st.text(max_size=12),
                  st.sampled_from(['"', "\\", "\n", "\x00", "\ud800", "é", "😀", "null"]))


def _dumps(changes: object) -> str:
    return json.dumps(changes, ensure_ascii=False, separators=(",", ":"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_ITEM, _ITEM, _ITEM, _ITEM, _ITEM), max_size=6))
def test_changes_text_is_json_dumps(changes: list[tuple[str | None, ...]]) -> None:
    assert encode_changes(changes) == _dumps(changes)
    assert encode_changes(changes) == _dumps(changes)  # again: nothing kept between calls


def test_changes_text_of_enum_members_numbers_and_other_shapes() -> None:
    for changes in ([(AuditAction.VALUE_INSERT, "f", None, "1", None)],
                    [["value_update", "g", "1", "2", "r"]], [("a", 1, 2.5, True, None)],
                    [("a", "b")], []):
        assert encode_changes(changes) == _dumps(changes)  # type: ignore[arg-type]
