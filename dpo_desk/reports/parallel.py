"""A long stack (the consent forms of a whole school) laid out on two cores and joined.

One process lays out the first half of the parts, a second process (started fresh, so that
no Qt or database state is copied) the second half; the halves are then joined page by page
into one PDF with pikepdf (qpdf). Progress is reported part by part for the whole stack,
and a cancellation stops both halves within a part. Where pikepdf does not install, or the
machine has one core, or the stack is short (starting a process costs more than it saves),
everything is laid out here as before (``split_worthwhile``).

The layout function and the job are sent to the worker by reference and by value: the
function must be a module-level one taking the job, and the job picklable plain values.
"""

from __future__ import annotations

import concurrent.futures
import io
import multiprocessing
import os
import queue
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol

from dpo_desk.reports.atomic import DocumentCancelled
from dpo_desk.reports.engine import (
    CancelCheck,
    DocumentInfo,
    DocumentPart,
    ProgressCallback,
    RenderedPdf,
    render_pdf,
)

MIN_PARTS = 300
"""Below this many parts one process is quicker than starting a second one (~0.5 s)."""
OWN_SHARE = 0.55
"""The part of the stack laid out here: the worker starts half a second later (a fresh
interpreter loading ReportLab), so it gets a little less and both end together."""
POLL_SECONDS = 0.05


class SplittableJob(Protocol):
    students: Sequence[Any]


Layout = Callable[[Any], tuple[DocumentInfo, list[DocumentPart]]]

_progress_queue: Any = None
_stop: Any = None


def split_worthwhile(parts: int) -> bool:
    """Whether laying out ``parts`` parts in two processes pays off here."""
    if parts < MIN_PARTS or (os.cpu_count() or 1) < 2:
        return False
    try:
        import pikepdf  # noqa: F401
    except ImportError:
        return False
    return True


def render_split(
    layout: Layout,
    job: SplittableJob,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> RenderedPdf:
    """``render_pdf(*layout(job))`` with the students split in two, the second part laid
    out in a worker process; the same PDF pages in the same order."""
    students = list(job.students)
    half = round(len(students) * OWN_SHARE)
    first = replace(job, students=tuple(students[:half]))  # type: ignore[type-var]
    second = replace(job, students=tuple(students[half:]))  # type: ignore[type-var]
    total = len(students)
    context = multiprocessing.get_context("spawn")
    messages = context.Queue()
    stop = context.Event()
    state = {"mine": 0, "theirs": 0}

    def report() -> None:
        """Pass on what the worker finished, one call per part; stop it if asked."""
        if cancelled is not None and cancelled():
            stop.set()
            raise DocumentCancelled()
        while True:
            try:
                messages.get_nowait()
            except queue.Empty:
                return
            state["theirs"] += 1
            if progress is not None:
                progress(state["mine"] + state["theirs"], total)

    def stopping() -> bool:
        return stop.is_set() or (cancelled is not None and cancelled())

    def mine(done: int, _of: int) -> None:
        state["mine"] = done
        if progress is not None and done < total:
            progress(state["mine"] + state["theirs"], total)
        report()

    with concurrent.futures.ProcessPoolExecutor(
        max_workers=1, mp_context=context, initializer=_worker_setup, initargs=(messages, stop)
    ) as pool:
        theirs = pool.submit(_render_worker, layout, second)
        try:
            info, parts = layout(continued(first))
            own = render_pdf(info, parts, progress=mine, cancelled=stopping)
            other: RenderedPdf | None = None
            while True:
                report()
                try:
                    other = theirs.result(timeout=POLL_SECONDS)
                    break
                except concurrent.futures.TimeoutError:
                    continue
                except concurrent.futures.process.BrokenProcessPool:
                    break  # e.g. a frozen app without freeze_support: see below
            report()
        except BaseException:
            stop.set()
            raise
    if other is None:  # no worker could be started: the rest is laid out here
        other = render_pdf(
            *layout(second), progress=lambda d, t: mine(half + d, t), cancelled=stopping
        )
    joined = join_pdfs([own.data, other.data])
    if progress is not None:
        progress(total, total)
    warnings = tuple(dict.fromkeys(own.warnings + other.warnings))
    return RenderedPdf(joined, own.pages + other.pages, warnings)


def continued(job: Any) -> Any:
    """The job marked as followed by more parts (duplex: its last part is padded too)."""
    return replace(job, continued=True)


def join_pdfs(documents: Sequence[bytes]) -> bytes:
    """The pages of ``documents`` in order as one PDF (the first one's metadata)."""
    import pikepdf

    opened = [pikepdf.Pdf.open(io.BytesIO(data)) for data in documents]
    target = opened[0]
    for other in opened[1:]:
        target.pages.extend(other.pages)
    out = io.BytesIO()
    target.save(
        out,
        compress_streams=False,  # already compressed by ReportLab; kept as they are
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        object_stream_mode=pikepdf.ObjectStreamMode.preserve,
    )
    for pdf in opened:
        pdf.close()
    return out.getvalue()


def _worker_setup(messages: Any, stop: Any) -> None:
    global _progress_queue, _stop
    _progress_queue, _stop = messages, stop


def _render_worker(layout: Layout, job: Any) -> RenderedPdf:
    info, parts = layout(job)

    def progress(done: int, total: int) -> None:
        if done < total:
            _progress_queue.put(done)

    return render_pdf(info, parts, progress=progress, cancelled=_stop.is_set)
