"""What kind of change a save of a handed-out template version is.

Shown in the template editor while the current version was already printed or used: the
person says whether the change is an editorial fix (spelling, layout: printed forms and
given consents stay valid) or a new wording, and for a new wording whether consents to
the old wording must be given again ("neu einzuholen"). Without a choice the service
refuses the save with a German message; an unchanged text makes no version either way.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QCheckBox, QGroupBox, QRadioButton, QVBoxLayout

from dpo_desk.core.consent.values import ChangeKind


class ChangeKindBox(QGroupBox):
    def __init__(self, parent=None) -> None:
        super().__init__("Art der Änderung (Version wurde schon ausgegeben)", parent)
        self.setObjectName("consentChangeKind")
        self.setAccessibleName("Art der Änderung")
        self.editorial = QRadioButton(
            "Re&daktionelle Korrektur: Rechtschreibung, Gestaltung – ausgegebene Formulare "
            "und erteilte Einwilligungen bleiben gültig"
        )
        self.editorial.setObjectName("consentChangeEditorial")
        self.editorial.setAccessibleName("Redaktionelle Korrektur")
        self.wording = QRadioButton("Neue Fassung: der &Wortlaut ändert sich inhaltlich")
        self.wording.setObjectName("consentChangeWording")
        self.wording.setAccessibleName("Neue Fassung")
        self.renew = QCheckBox(
            "Einwilligungen zur bisherigen Fassung müssen neu einge&holt werden "
            "(Stand „neu einzuholen“, Erinnerungen und Formulare)"
        )
        self.renew.setObjectName("consentChangeRenew")
        self.renew.setAccessibleName("Einwilligungen neu einholen")
        self.renew.setEnabled(False)
        self.group = QButtonGroup(self)
        self.group.addButton(self.editorial)
        self.group.addButton(self.wording)
        self.wording.toggled.connect(self.renew.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editorial)
        layout.addWidget(self.wording)
        layout.addWidget(self.renew)

    def reset(self, needed: bool) -> None:
        """No choice made; shown only when the current version was handed out."""
        self.group.setExclusive(False)
        self.editorial.setChecked(False)
        self.wording.setChecked(False)
        self.group.setExclusive(True)
        self.renew.setChecked(False)
        self.setVisible(needed)

    def choice(self) -> tuple[ChangeKind | None, bool]:
        """The kind chosen (None: none) and whether old consents must be given again."""
        if self.editorial.isChecked():
            return ChangeKind.EDITORIAL, False
        if self.wording.isChecked():
            return ChangeKind.WORDING, self.renew.isChecked()
        return None, False
