"""Schüler & Klassen: classes with counts, every student a keystroke away, the import."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.services.changes import Area
from dpo_desk.services.roster import students as roster
from dpo_desk.ui.pages.base import Page
from dpo_desk.ui.roster.student_table import ID_ROLE, StudentFilterProxy, StudentTableModel

ALL_CLASSES = None


class RosterPage(Page):
    title = "Schüler & Klassen"
    object_name = "rosterPage"
    areas = frozenset({Area.ROSTER})

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.model = StudentTableModel(self)
        self.proxy = StudentFilterProxy(self.model, self)

        self.year_label = QLabel()
        self.year_label.setTextFormat(Qt.PlainText)
        self.year_label.setObjectName("schoolYearLabel")
        self.classes = QListWidget()
        self.classes.setObjectName("classList")
        self.classes.setAccessibleName(self.tr("Klassen"))
        self.classes.currentItemChanged.connect(self._class_chosen)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.year_label)
        left_layout.addWidget(self.classes, 1)

        self.search = QLineEdit()
        self.search.setObjectName("studentSearch")
        self.search.setAccessibleName(self.tr("Schüler suchen"))
        self.search.setPlaceholderText(self.tr("Suchen nach Name, Klasse oder ID … (Strg+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.show_left = QCheckBox(self.tr("Ab&gegangene zeigen"))
        self.show_left.setObjectName("showLeftStudents")
        self.show_left.setAccessibleName(self.tr("Abgegangene zeigen"))
        self.show_left.toggled.connect(self.refresh)
        self.import_button = QPushButton(self.tr("Liste &importieren …"))
        self.import_button.setObjectName("importRosterButton")
        self.import_button.setAccessibleName(self.tr("Schülerliste importieren"))
        self.import_button.clicked.connect(self.open_import)
        self.new_year_button = QPushButton(self.tr("&Neues Schuljahr …"))
        self.new_year_button.setObjectName("newSchoolYearButton")
        self.new_year_button.setAccessibleName(self.tr("Neues Schuljahr beginnen"))
        self.new_year_button.setToolTip(
            self.tr(
                "Neue Schülerliste für das nächste Schuljahr importieren; die bisherigen "
                "Klassen bleiben als Verlauf erhalten, Abgänge werden markiert."
            )
        )
        self.new_year_button.clicked.connect(lambda: self.open_import(new_school_year=True))
        self.edit_button = QPushButton(self.tr("&Bearbeiten …"))
        self.edit_button.setObjectName("editStudentButton")
        self.edit_button.setAccessibleName(self.tr("Schüler bearbeiten"))
        self.edit_button.clicked.connect(self.open_current_student)

        self.table = QTableView()
        self.table.setObjectName("studentTable")
        self.table.setAccessibleName(self.tr("Schüler"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((70, 200, 200, 100, 90)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.Interactive)
        # Enter and double-click both "activate" a row: one signal, one editor.
        self.table.activated.connect(self._open_index)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.PlainText)
        self.count_label.setObjectName("studentCount")
        self.erase_button = QPushButton(self.tr("&Löschen …"))
        self.erase_button.setObjectName("eraseStudentButton")
        self.erase_button.setAccessibleName(self.tr("Schüler mit allen Daten löschen"))
        self.erase_button.clicked.connect(self.erase_current_student)
        self.leavers_button = QPushButton(self.tr("Abgänge lö&schen …"))
        self.leavers_button.setObjectName("eraseLeaversButton")
        self.leavers_button.setAccessibleName(
            self.tr("Abgegangene nach Ablauf der Aufbewahrungsfrist löschen")
        )
        self.leavers_button.clicked.connect(self.erase_leavers)

        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.show_left)
        tools.addWidget(self.edit_button)
        tools.addWidget(self.import_button)
        tools.addWidget(self.new_year_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(tools)
        right_layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.erase_button)
        bottom.addWidget(self.leavers_button)
        right_layout.addLayout(bottom)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 800])
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("<h2>Schüler & Klassen</h2>"))
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence.Find, self, self.search.setFocus)
        self.search.returnPressed.connect(self._to_table)
        QWidget.setTabOrder(self.search, self.table)
        self._update_enabled()

    # --- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.school_id is None:
            self.model.set_students([])
            self.classes.clear()
            self.year_label.setText(self.tr("Keine Schule gewählt."))
            self._update_enabled()
            return
        chosen = self.current_class()
        students = roster.list_students(
            self.ctx, self.school_id, include_left=self.show_left.isChecked()
        )
        self.model.set_students(students)
        year = roster.school_year_of_school(self.ctx, self.school_id)
        self.year_label.setText(
            self.tr("Schuljahr %1").replace("%1", year)
            if year
            else self.tr("Noch keine Schülerliste importiert.")
        )
        self.classes.blockSignals(True)
        self.classes.clear()
        total = QListWidgetItem(self.tr("Alle Klassen (%1)").replace("%1", str(len(students))))
        total.setData(Qt.UserRole, ALL_CLASSES)
        self.classes.addItem(total)
        selected = total
        for summary in roster.list_classes(self.ctx, self.school_id):
            item = QListWidgetItem(f"{summary.name} ({summary.student_count})")
            item.setData(Qt.UserRole, summary.name)
            self.classes.addItem(item)
            if summary.name == chosen:
                selected = item
        self.classes.setCurrentItem(selected)
        self.classes.blockSignals(False)
        self.proxy.set_class(selected.data(Qt.UserRole))
        self._update_enabled()

    def current_class(self) -> str | None:
        item = self.classes.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def _class_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        self.proxy.set_class(item.data(Qt.UserRole) if item is not None else None)
        self._update_count()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _to_table(self) -> None:
        """Enter in the search box jumps to the first match; Enter again opens it."""
        if self.proxy.rowCount():
            self.table.setFocus()
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.total
        self.count_label.setText(
            self.tr("%1 von %2 Schülern").replace("%1", str(shown)).replace("%2", str(total))
        )

    def _update_enabled(self) -> None:
        has_school = self.school_id is not None
        self.import_button.setEnabled(has_school)
        self.new_year_button.setEnabled(has_school and self.model.total > 0)
        self.edit_button.setEnabled(has_school and self.model.total > 0)
        self.erase_button.setEnabled(has_school and self.model.total > 0)
        self.leavers_button.setEnabled(has_school)
        self._update_count()

    # --- actions --------------------------------------------------------------------------

    def open_target(self, target) -> None:
        """The import (first steps) or a student (the change log)."""
        if target.place == "import":
            self.open_import()
        elif target.entity_type == "student" and target.entity_id is not None:
            self.open_student(target.entity_id)

    def open_import(self, new_school_year: bool = False) -> None:
        from dpo_desk.ui.roster.import_wizard import RosterImportWizard

        if self.school_id is None:
            return
        wizard = RosterImportWizard(
            self.ctx, self.signals, self.school_id, self, new_school_year=new_school_year
        )
        self.wizard = wizard
        wizard.open()

    def selected_student_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.proxy.data(index, ID_ROLE))

    def open_current_student(self) -> None:
        student_id = self.selected_student_id()
        if student_id is None and self.proxy.rowCount() > 0:
            self.table.selectRow(0)
            student_id = self.selected_student_id()
        if student_id is not None:
            self.open_student(student_id)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_student(int(self.proxy.data(index, ID_ROLE)))

    def open_student(self, student_id: int) -> None:
        from dpo_desk.ui.roster.student_dialog import StudentDialog

        self.student_dialog = self.operations.editors.open(
            ("student", student_id),
            lambda: StudentDialog(self.ctx, self.signals, student_id, self),
        )

    # --- erasure --------------------------------------------------------------------------

    def erase_current_student(self) -> None:
        from dpo_desk.services.erasure.service import erase_student, erasure_plan
        from dpo_desk.ui.roster.erasure_dialog import ErasureDialog

        student_id = self.selected_student_id()
        if student_id is None:
            return
        plan = self.operations.run(lambda: erasure_plan(self.ctx, student_id), parent=self)
        if plan is None:
            return
        self.erasure_dialog = self.operations.editors.open(
            ("erase_student", student_id),
            lambda: ErasureDialog(
                self.signals,
                self.tr("Person löschen"),
                plan.lines(),
                lambda: erase_student(self.ctx, student_id, expected_version=plan.row_version),
                self,
            ),
        )

    def erase_leavers(self) -> None:
        from dpo_desk.services.erasure.leavers import due_leavers, erase_due_leavers
        from dpo_desk.ui.operations import message
        from dpo_desk.ui.roster.erasure_dialog import ErasureDialog

        school_id = self.school_id
        if school_id is None:
            return
        due = due_leavers(self.ctx, school_id)
        if not due:
            self.erasure_dialog = message(
                self,
                self.tr("Abgänge löschen"),
                self.tr("Bei keiner abgegangenen Person ist die Aufbewahrungsfrist abgelaufen."),
                "noLeaversDue",
            )
            return
        lines = [
            self.tr("%1 Abgegangene, deren Aufbewahrungsfrist abgelaufen ist:").replace(
                "%1", str(len(due))
            )
        ] + [
            f"  • {d.name} (abgegangen {d.left_on:%d.%m.%Y}, aufzubewahren bis "
            f"{d.kept_until:%d.%m.%Y})"
            for d in due
        ]
        lines.append(
            self.tr(
                "Mit allen Daten: Stammdaten, Klassenzuordnungen, Einwilligungen mit Nachweis; "
                "ihre Werte im Änderungsprotokoll werden geleert."
            )
        )
        self.erasure_dialog = self.operations.editors.open(
            ("erase_leavers", school_id),
            lambda: ErasureDialog(
                self.signals,
                self.tr("Abgänge löschen"),
                lines,
                lambda: erase_due_leavers(self.ctx, school_id, due),
                self,
            ),
        )
