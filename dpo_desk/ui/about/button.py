"""The way to „Über dpo_desk“: a button at the right end of the main window's tool bar.

The dialog (and the licence collection behind it) is imported on the first click, not at
start-up.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QSizePolicy, QToolBar, QWidget


def add_about_button(toolbar: QToolBar, window: QWidget) -> QPushButton:
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
    toolbar.addWidget(spacer)
    button = QPushButton(window.tr("Über dpo_desk …"))
    button.setObjectName("aboutButton")
    button.setAccessibleName(window.tr("Über dpo_desk"))

    def show() -> None:
        from dpo_desk.ui.about.dialog import AboutDialog

        ctx = getattr(window, "ctx", None)
        AboutDialog(ctx.paths.data_dir if ctx is not None else None, window).exec()

    button.clicked.connect(show)
    toolbar.addWidget(button)
    return button
