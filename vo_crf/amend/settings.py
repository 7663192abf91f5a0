"""Study settings changed from the application: a settings-only protocol amendment.

Switching double data entry on or off for a form changes ``project.json``; it is stored as a
new definition version through the amendment path (diff, backup, one transaction, audit row),
so the settings in force at any time can be read back like any other definition change.
"""

from __future__ import annotations

from collections.abc import Iterable

from vo_crf.amend.analysis import prepare_from_texts
from vo_crf.amend.mapping import AmendmentMapping
from vo_crf.amend.migrate import AmendmentResult, apply_amendment
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.project import Project, stored_definition_texts

DOUBLE_ENTRY_KEY = "double_data_entry_forms"


def set_double_entry_forms(project: Project, user: CurrentUser,
                           forms: Iterable[str]) -> AmendmentResult | None:
    """Make exactly ``forms`` double-entered (admin); None when that is already the setting.

    Forms are kept in the study's form order. Forms already entered keep their values: double
    entry applies to form instances saved from now on (see ``vo_crf.dde``).
    """
    user.require(Action.AMEND_STUDY)
    wanted = set(forms)
    unknown = sorted(wanted - {f.name for f in project.study.forms})
    if unknown:
        raise ValueError(f"{', '.join(unknown)}: not a form of the study")
    ordered = [f.name for f in project.study.forms if f.name in wanted]
    if ordered == list(project.study.protocol.double_entry_forms):
        return None
    with read_session(project.engine) as session:
        texts = stored_definition_texts(session, project.definition_version)
    settings = texts.settings
    settings[DOUBLE_ENTRY_KEY] = ordered
    amendment = prepare_from_texts(project, user, texts.with_settings(settings),
                                   project.study.name)
    # the admin's choice in the double-entry settings is the explicit decision a form switched
    # off needs (any other safeguard the stored texts would drop still refuses)
    return apply_amendment(project, user, amendment,
                           AmendmentMapping(accept_setting_changes=[DOUBLE_ENTRY_KEY]))
