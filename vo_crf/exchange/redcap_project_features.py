"""What a REDCap project XML's ``GlobalVariables`` hold that only a REDCap server can do.

Surveys, alerts, user roles, reports, data quality rules, randomization... are named, one
sentence each, so that opening a project offline never drops them silently.
"""

from __future__ import annotations

import base64
import re

from lxml import etree

REDCAP_NS = "https://projectredcap.org"


def rc(name: str) -> str:
    """Return the qualified name of a ``redcap:`` attribute or element."""
    return f"{{{REDCAP_NS}}}{name}"


_FEATURE_GROUPS = {
    "SurveysGroup": "surveys (survey settings, invitations, survey queue): offline, every "
                    "instrument is entered as a form",
    "SurveysSchedulerGroup": "automated survey invitations",
    "AlertsGroup": "alerts & notifications (nothing is sent offline)",
    "UserRolesGroup": "user roles (vo-crf has its own users and roles: add them with "
                      "'vo-crf user add')",
    "UsersGroup": "users and their rights (add them with 'vo-crf user add')",
    "ReportsGroup": "reports (use export, the workbook and the record PDF)",
    "DataQualityRulesGroup": "custom data quality rules (quality_rules of project.json "
                             "can hold them)",
    "ProjectDashboardsGroup": "project dashboards",
    "ProjectBookmarksGroup": "project bookmarks",
    "DescriptivePopupsGroup": "descriptive popups",
    "FormDisplayLogicConditionsGroup": "form display logic",
}
_FEATURE_FLAGS = {
    "SurveysEnabled": "surveys (survey settings, invitations, survey queue): offline, every "
                      "instrument is entered as a form",
    "RandomizationEnabled": "randomization (the allocation table stays on the server)",
    "SchedulingEnabled": "the scheduling calendar",
    "MyCapEnabled": "MyCap (participant app)",
    "DataMartProjectEnabled": "Clinical Data Mart (EHR) fetching",
}
_IGNORED_GROUPS = {"RepeatingInstrumentsAndEvents", "DataAccessGroupsGroup",
                   "MultilanguageSettingsGroup", "MycapThemesGroup"}


def server_features(gv: etree._Element) -> list[str]:
    """The project-wide features of the REDCap server that stay behind, one sentence each."""
    found: list[str] = []

    def note(sentence: str) -> None:
        if sentence not in found:
            found.append(sentence)

    for element in gv:
        if not isinstance(element.tag, str) or not element.tag.startswith(f"{{{REDCAP_NS}}}"):
            continue
        local = etree.QName(element).localname
        if local in _FEATURE_FLAGS and (element.text or "").strip() == "1":
            note(_FEATURE_FLAGS[local])
        elif local.endswith("Group") and local not in _IGNORED_GROUPS and _has_content(element):
            note(_FEATURE_GROUPS.get(local, _words(local.removesuffix("Group"))))
        elif local == "MultilanguageSettingsGroup" and _has_languages(element):
            note("the translations of the multi-language management")
    return found


def _has_content(element: etree._Element) -> bool:
    return any(len(child.attrib) or (child.text or "").strip()
               for child in element.iterdescendants() if isinstance(child.tag, str))


def _has_languages(element: etree._Element) -> bool:
    for child in element.iterdescendants():
        settings = child.get("settings") if isinstance(child.tag, str) else None
        if settings:
            try:
                decoded = base64.b64decode(settings).decode("utf-8", "replace")
            except ValueError:
                return True
            return 's:5:"langs";a:0:' not in decoded
    return False


def _words(camel: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", camel).lower()
