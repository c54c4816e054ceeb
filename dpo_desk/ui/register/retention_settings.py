"""Settings → "Verarbeitungsverzeichnis": how many years an archived entry is kept with its
released versions (the default of "aufbewahren bis" when archiving)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QSpinBox

from dpo_desk.services import settings
from dpo_desk.services.context import ServiceContext
from dpo_desk.ui.common.fields import plain_label
from dpo_desk.ui.signals import AppSignals


class RegisterRetentionSettings(QGroupBox):
    def __init__(self, ctx: ServiceContext, signals: AppSignals) -> None:
        super().__init__()
        self.ctx, self.signals = ctx, signals
        self.setTitle(self.tr("Verarbeitungsverzeichnis"))
        setting = settings.REGISTER_RETENTION_YEARS
        self.years = QSpinBox()
        self.years.setObjectName("registerRetentionYears")
        self.years.setAccessibleName(self.tr(setting.label))
        self.years.setRange(setting.minimum or 1, setting.maximum or 99)
        self.years.setSuffix(self.tr(" Jahre"))
        self.years.setFocusPolicy(Qt.StrongFocus)
        self.years.setValue(settings.read(ctx, setting))
        save = QPushButton(self.tr("Aufbewahrung &übernehmen"))
        save.setObjectName("saveRetentionButton")
        save.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.years)
        row.addWidget(save)
        row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.tr("Archivierte Einträge aufbewahren:"), row)
        form.addRow(
            plain_label(
                self.tr(
                    "Vorschlag für „aufbewahren bis“ beim Archivieren. Ein Gesetz legt die "
                    "Frist nicht fest; drei Jahre decken die übliche Verjährung von Ansprüchen."
                )
            )
        )

    def save(self) -> None:
        years = self.years.value()
        done = self.signals.operations.run(
            lambda: settings.write(self.ctx, settings.REGISTER_RETENTION_YEARS, years),
            parent=self,
            initiator=self,
        )
        if done is not None:
            self.signals.status_message.emit(self.tr("Aufbewahrungsfrist gespeichert."))
