"""Loading the interface translation chosen in the settings or from the system locale."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from vo_crf.paths import resources_dir

_installed: list[QTranslator] = []


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
    language = wanted_language(setting)
    if language == "en":
        return "en"
    translator = QTranslator(app)
    if not translator.load(str(resources_dir() / "i18n" / f"vo_crf_{language}.qm")):
        return "en"
    app.installTranslator(translator)
    _installed.append(translator)
    qt_own = QTranslator(app)  # Qt's standard buttons and dialogs (OK, Cancel, Yes, No...)
    if qt_own.load(f"qtbase_{language}",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return language
