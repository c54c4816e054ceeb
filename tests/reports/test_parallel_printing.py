"""A whole school's forms laid out on two cores: the same PDF a single process makes, with
progress per form and a cancel that stops both halves (the PDF read back)."""

from __future__ import annotations

import pytest

from dpo_desk.reports import parallel
from dpo_desk.reports.atomic import DocumentCancelled
from dpo_desk.reports.consent.form import consent_forms_document
from dpo_desk.reports.engine import render_pdf
from dpo_desk.reports.pages import BLANK_PAGE_NOTE
from tests.reports import pdf_reading
from tests.reports.print_samples import job, student

pytest.importorskip("pikepdf")
pytestmark = pytest.mark.timeout(120)


def stack(count: int, **changes):
    students = [student(n, f"Name{n:03d}", class_name=f"{5 + n % 3}a") for n in range(1, count + 1)]
    return job(students, **changes)


def test_the_split_stack_has_the_pages_of_the_single_one_in_the_same_order() -> None:
    forms = stack(24)
    seen: list[tuple[int, int]] = []
    split = parallel.render_split(
        consent_forms_document, forms, progress=lambda d, t: seen.append((d, t))
    )
    single = render_pdf(*consent_forms_document(forms))
    assert split.pages == single.pages == 24
    assert pdf_reading.page_texts(split.data) == pdf_reading.page_texts(single.data)
    assert len(seen) >= 24 and seen[-1] == (24, 24)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_duplex_pads_the_form_where_the_halves_meet() -> None:
    texts = pdf_reading.page_texts(
        parallel.render_split(consent_forms_document, stack(5, duplex=True)).data
    )
    assert len(texts) == 9  # five one-page forms, each but the last followed by a blank page
    assert [n for n, t in enumerate(texts, 1) if BLANK_PAGE_NOTE in t] == [2, 4, 6, 8]


def test_cancelling_stops_both_halves_and_leaves_no_pdf() -> None:
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(DocumentCancelled):
        parallel.render_split(consent_forms_document, stack(300), cancelled=cancelled)


def test_short_stacks_stay_in_one_process() -> None:
    assert not parallel.split_worthwhile(parallel.MIN_PARTS - 1)


def test_without_a_worker_process_the_second_part_is_laid_out_here(monkeypatch) -> None:
    """E.g. a frozen app that cannot start one: the PDF is the same, only slower. (The pool
    is replaced by one whose worker never starts: this machine can start real ones.)"""
    futures = parallel.concurrent.futures

    class NoWorkers:
        def __init__(self, **_settings) -> None:
            pass

        def __enter__(self):
            return self

        def __exit__(self, *_exc) -> None:
            return None

        def submit(self, *_call):
            future = futures.Future()
            future.set_exception(futures.process.BrokenProcessPool("kein Prozess"))
            return future

    monkeypatch.setattr(futures, "ProcessPoolExecutor", NoWorkers)
    forms = stack(12)
    seen: list[tuple[int, int]] = []
    split = parallel.render_split(
        consent_forms_document, forms, progress=lambda d, t: seen.append((d, t))
    )
    single = render_pdf(*consent_forms_document(forms))
    assert pdf_reading.page_texts(split.data) == pdf_reading.page_texts(single.data)
    assert seen[-1] == (12, 12)
