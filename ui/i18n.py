"""Loading the interface translation chosen in the settings or from the system locale."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from vo_crf.paths import resources_dir

_installed: list[QTranslator] = []
_language = ["en"]
"""The interface language installed last (``install_translation``)."""


def tr(context: str, text: str) -> str:
    """Translate ``text`` outside a QObject (functions, tables)."""
    return QCoreApplication.translate(context, text)


def wanted_language(setting: str) -> str:
    """Return the two-letter language to use for a ``system``/``en``/``fr`` setting."""
    if setting in ("en", "fr"):
        return setting
    return QLocale.system().name().split("_")[0]


def install_translation(app: QCoreApplication, setting: str) -> str:
    """Install the translation for ``setting``; return the language actually used."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _language[0] = "en"
    language = wanted_language(setting)
    if language == "en":
        return "en"
    translator = QTranslator(app)
    if not translator.load(str(resources_dir() / "i18n" / f"vo_crf_{language}.qm")):
        return "en"
    _language[0] = language
    app.installTranslator(translator)
    _installed.append(translator)
    qt_own = QTranslator(app)  # Qt's standard buttons and dialogs (OK, Cancel, Yes, No...)
    if qt_own.load(f"qtbase_{language}",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return language


def interface_language() -> str:
    """The two-letter language of the interface installed (``en`` unless a translation is):
    the language the reports it writes are printed in."""
    return _language[0]


def interface_locale() -> QLocale:
    """The locale of the interface language (numbers written as its users write them)."""
    return QLocale(_language[0])
