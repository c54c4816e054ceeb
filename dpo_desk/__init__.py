"""dpo_desk: the data protection register and consents for German schools, offline."""

__version__ = "0.1.0"
APP_NAME = "dpo_desk"
APP_AUTHOR = "dpo_desk"
