"""dpo_desk: the data protection register and consents for German schools, offline."""

__version__ = "0.1.0"
# One identity for Qt (application and organisation name, QSettings), platformdirs (the
# per-user folders) and the installers: change these together or data is not found again.
APP_NAME = "dpo_desk"
APP_AUTHOR = "dpo_desk"
APP_DOMAIN = "dpodesk.de"
# Reverse-DNS id: Linux desktop file and AppStream, macOS bundle, Windows AppUserModelID.
APP_ID = "de.dpodesk.DpoDesk"
