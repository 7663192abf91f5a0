"""Crash recovery: unsaved form edits kept in a small local store until they are saved."""

from vo_crf.drafts.store import Draft, DraftStore, default_draft_path

__all__ = ["Draft", "DraftStore", "default_draft_path"]
