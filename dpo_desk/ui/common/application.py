"""What the application object gets before the first window: German Qt texts and the wheel
rule. The app start and the UI tests both call ``prepare_application``."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from dpo_desk.ui.common.german import install_german_qt_texts
from dpo_desk.ui.common.wheel import install_wheel_guard


def prepare_application(app: QApplication) -> None:
    install_german_qt_texts(app)
    install_wheel_guard(app)
