"""Linting many files in parallel processes (--jobs), with the same results in the same order.

A pool only pays for itself on a larger batch: a pre-commit run on a few files stays in one
process. Workers are forked where the platform allows it, so they inherit the loaded engine instead
of loading and compiling the packs again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, cast

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_FILES_PER_JOB = 4  # below this many files per worker, process start-up costs more than it saves

_worker_function: Callable[[Any], Any] | None = None


def default_jobs() -> int:
    return os.cpu_count() or 1


def ordered_map(function: Callable[[Item], Result], items: list[Item], jobs: int) -> Iterator[Result]:
    """`map(function, items)`, spread over up to `jobs` processes when the batch is large enough."""
    jobs = min(jobs, len(items) // MIN_FILES_PER_JOB)
    if jobs <= 1:
        yield from map(function, items)
        return
    import multiprocessing  # imported here: a one-file run never needs them, and they are slow to import
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_set_worker, initargs=(function,)) as pool:
        yield from cast("Iterator[Result]", pool.map(_call_worker, items, chunksize=max(1, len(items) // (jobs * 8))))


def _set_worker(function: Callable[[Any], Any]) -> None:
    global _worker_function
    _worker_function = function


def _call_worker(item: object) -> object:
    assert _worker_function is not None
    return _worker_function(item)
