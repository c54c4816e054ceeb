"""Where a record of the change log is shown (the one ``Target`` every "open" uses)."""

from __future__ import annotations

from dpo_desk.core.places import Target, record_target


def test_a_record_of_the_change_log_opens_on_its_page() -> None:
    assert record_target("tom", 7, "update") == Target("processorsPage", "tom", 7)
    assert record_target("student", 3) == Target("rosterPage", "student", 3)


def test_a_deleted_record_or_one_without_a_page_opens_nothing() -> None:
    assert record_target("activity", 4, "delete") is None
    assert record_target("student", 3, "erase") is None
    assert record_target("setting", 1, "update") is None
    assert record_target("activity", None) is None
