"""What the PyInstaller bundle leaves out: parts of Qt, Pillow and Python dpo_desk never loads.

Used by ``dpo_desk.spec`` (during the build) and checked by ``build.py`` afterwards. Each
entry is here because nothing in the app reaches it; the smoke test (window, demo, check,
printing a PDF) and the library check of ``build.py`` prove the rest still works.
"""

from __future__ import annotations

from pathlib import PurePath

# Python modules: never imported by the app (tests, Tk, other Qt modules, image codecs the
# reports never meet).
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "test",
    "idlelib",
    "lib2to3",
    "pytest",
    "_pytest",
    "pytestqt",
    "pygments",
    "IPython",
    "numpy",
    # No network connections: no TLS (Python's ssl and libssl stay out).
    "ssl",
    "_ssl",
    "readline",
    # Build tools and help texts some libraries mention but never import at run time.
    "setuptools",
    "pkg_resources",
    "distutils",
    "_distutils_hack",
    "packaging",
    "pydoc_data",
    # East Asian text encodings: roster files are UTF-8, UTF-16 or Windows-1252.
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_cn",
    "_codecs_tw",
    "_codecs_hk",
    "_codecs_iso2022",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL.AvifImagePlugin",
    "PIL._avif",
    "PIL.WebPImagePlugin",
    "PIL._webp",
    # Pillow's text drawing and colour management (FreeType, HarfBuzz, LittleCMS): the
    # reports draw text with ReportLab; Pillow only decodes a school's logo.
    "PIL._imagingft",
    "PIL._imagingcms",
    "PIL.ImageCms",
    *(
        f"PySide6.{module}"
        for module in (
            "QtQml",
            "QtQuick",
            "QtQuickWidgets",
            "QtQuickControls2",
            "QtVirtualKeyboard",
            "QtWebEngineCore",
            "QtWebEngineWidgets",
            "QtWebChannel",
            "QtWebSockets",
            "Qt3DCore",
            "QtMultimedia",
            "QtMultimediaWidgets",
            "QtCharts",
            "QtDataVisualization",
            "QtGraphs",
            "QtOpenGLWidgets",
            "QtSql",
            "QtTest",
            "QtDesigner",
            "QtUiTools",
            "QtHelp",
            "QtBluetooth",
            "QtPositioning",
            "QtLocation",
            "QtSensors",
            "QtSerialPort",
            "QtSpatialAudio",
            "QtTextToSpeech",
            # Their libraries stay (QtPdf needs libQt6Network); the Python modules are unused.
            "QtNetwork",
            "QtDBus",
        )
    ),
]

# Qt plugin folders of which nothing is needed: embedded-device input and displays,
# network status, TLS (the app makes no network connections).
EXCLUDED_PLUGIN_TYPES = {
    "egldeviceintegrations",
    "generic",
    "networkinformation",
    "tls",
    "sqldrivers",
    "qmltooling",
    "position",
    "multimedia",
}
# Single plugins: the on-screen keyboard (pulls in QtQuick and QML, 17 MB), the GTK theme
# (pulls in GTK; the desktop portal theme gives native file dialogs), framebuffer, VNC and
# embedded displays, image formats the app never reads.
EXCLUDED_PLUGINS = {
    "qtvirtualkeyboardplugin",
    "qgtk3",
    "qeglfs",
    "qlinuxfb",
    "qvnc",
    "qvkkhrdisplay",
    "qminimalegl",
    "qtiff",
    "qwebp",
    "qtga",
    "qwbmp",
    "qicns",
}
# Linux: libraries tied to the system's own services and configuration (printing via CUPS,
# Kerberos, TLS, systemd). Every desktop that prints has them, and a bundled copy that does
# not match the system's daemons does more harm than good. Without CUPS the app still
# writes PDFs; only the printer list stays empty.
LINUX_SYSTEM_LIBRARIES = (
    "libcups.",
    "libavahi-",
    "libgnutls.",
    "libp11-kit.",
    "libtasn1.",
    "libidn2.",
    "libunistring.",
    "libnettle.",
    "libhogweed.",
    "libgmp.",
    "libkrb5.",
    "libkrb5support.",
    "libgssapi_krb5.",
    "libk5crypto.",
    "libcom_err.",
    "libkeyutils.",
    "libsystemd.",
    "libgcrypt.",
    "libgpg-error.",
    "liblz4.",
    "libcap.",
)
# Qt's translations: German (the UI language) and English only.
KEPT_LANGUAGES = ("de", "en")
# Libraries that only the left-out plugins and modules use; the build fails if one turns up.
UNWANTED_LIBRARIES = ("Qt6Quick", "Qt6Qml", "Qt6VirtualKeyboard", "Qt6EglFS", "gtk-3", "libavif")


def plugin_name(path: str) -> str:
    """``.../libqgtk3.so`` and ``qwindows.dll`` → ``qgtk3``, ``qwindows``."""
    stem = PurePath(path).name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_plugin(plugin_type: str, path: str) -> bool:
    return plugin_type not in EXCLUDED_PLUGIN_TYPES and plugin_name(path) not in EXCLUDED_PLUGINS


def keep_data_file(dest: str) -> bool:
    """Qt translations other than German and English stay out, and ReportLab's own fonts
    (Vera, Type 1 samples): the reports embed DejaVu from resources/fonts."""
    path = PurePath(dest)
    if path.suffix == ".qm" and "translations" in path.parts:
        return path.stem.rsplit("_", 1)[-1] in KEPT_LANGUAGES
    return path.parts[:2] != ("reportlab", "fonts")


def keep_binary(dest: str, system: str) -> bool:
    if system.startswith("linux"):
        return not PurePath(dest).name.startswith(LINUX_SYSTEM_LIBRARIES)
    return True


def unwanted(names: list[str]) -> list[str]:
    return sorted(n for n in names if any(part in n for part in UNWANTED_LIBRARIES))
