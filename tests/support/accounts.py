"""The test users of the template database: names, roles and passwords."""

from __future__ import annotations

from vo_crf.auth.permissions import Role

PASSWORDS = {
    "admin": "admin-pass-1",
    "inv": "investigator-pass-1",
    "nurse": "nurse-pass-1",
    "stat": "statistician-pass-1",
    "mon": "monitor-pass-1",
}
ROLES = {"admin": Role.ADMIN, "inv": Role.INVESTIGATOR, "nurse": Role.NURSE,
         "stat": Role.STATISTICIAN, "mon": Role.MONITOR}
