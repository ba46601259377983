"""Linting many files in parallel processes (--jobs), with the same results in the same order.

A pool only pays for itself on a larger batch: a pre-commit run on a few files stays in one
process, and more processes than cores only make each file's time budget run out sooner. Workers
are forked where the platform allows it, so they inherit the loaded engine instead of loading and
compiling the packs again; the patterns a worker compiles come back with its results, so the main
process saves them to the cache for the next run. A worker that dies (killed for memory, crashed)
costs only the files it held: each is tried again alone, and one that kills its process again
becomes `lost(item)`.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from .cache import NewEntries, PatternCache

Item = TypeVar("Item")
Result = TypeVar("Result")

INTERRUPTED = 130  # the exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it
MIN_FILES_PER_JOB = 4  # below this many files per worker, process start-up costs more than it saves

_worker_function: Callable[[Any], Any] | None = None
_worker_started: Any = None  # a shared byte per item, set when a worker takes it up
_worker_cache: PatternCache | None = None  # the function's pattern cache, as this worker has it


def default_jobs() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def pool_size(jobs: int, items: int, per_job: int = MIN_FILES_PER_JOB) -> int:
    """How many processes `ordered_map` uses for `items` items (1: none, it maps in this one)."""
    return max(1, min(jobs, default_jobs(), items // per_job))


def ordered_map(
    function: Callable[[Item], Result],
    items: list[Item],
    jobs: int,
    lost: Callable[[Item], Result],
    per_job: int = MIN_FILES_PER_JOB,
    cache: PatternCache | None = None,
) -> Iterator[Result]:
    """`map(function, items)`, spread over up to `jobs` processes (at most one per core) when each
    gets at least `per_job` items; `lost(item)` stands for an item whose process died. What the
    workers add to `cache` (the one `function` compiles its patterns into) is added to it here."""
    jobs = pool_size(jobs, len(items), per_job)
    if jobs <= 1:
        yield from map(function, items)
        return
    yield from _Batch(function, items, lost, cache).run(jobs)


class _Batch(Generic[Item, Result]):
    """Items spread over pools: a pool that breaks is replaced, its unfinished items tried again."""

    def __init__(
        self,
        function: Callable[[Item], Result],
        items: list[Item],
        lost: Callable[[Item], Result],
        cache: PatternCache | None,
    ) -> None:
        from multiprocessing.sharedctypes import RawArray  # slow to import: only batches need it

        self.function, self.items, self.lost, self.cache = function, items, lost, cache
        self.started = RawArray("b", len(items))
        self.done: dict[int, Result] = {}  # finished, not yet yielded
        self.position = 0  # the next item to yield

    def run(self, jobs: int) -> Iterator[Result]:
        """Results in item order, each as soon as it and all before it are done."""
        from concurrent.futures.process import BrokenProcessPool

        todo = list(range(len(self.items)))
        while todo:
            with _Pool(jobs, self.function, self.started, self.cache) as pool:
                futures: dict[int, Future[tuple[Result, NewEntries | None]]] = {}
                try:
                    for i in todo:  # a worker may die on the first item before the last is handed in
                        futures[i] = self._submit(pool, i)
                    for i in todo:
                        self.done[i] = self._result(futures[i])
                        yield from self._ready()
                    todo = []
                except BrokenProcessPool:
                    todo = self._after_break(todo, futures)
        yield from self._ready()

    def _submit(self, pool: ProcessPoolExecutor, i: int) -> Future[tuple[Result, NewEntries | None]]:
        return cast("Future[tuple[Result, NewEntries | None]]", pool.submit(_call_worker, i, self.items[i]))

    def _result(self, future: Future[tuple[Result, NewEntries | None]]) -> Result:
        """An item's result; what its worker compiled on the way goes into the cache."""
        result, compiled = future.result()
        if compiled is not None and self.cache is not None:
            self.cache.add(compiled)
        return result

    def _ready(self) -> Iterator[Result]:
        while self.position in self.done:
            yield self.done.pop(self.position)
            self.position += 1

    def _after_break(self, todo: list[int], futures: dict[int, Future[tuple[Result, NewEntries | None]]]) -> list[int]:
        """Keep what finished; run each item a dead worker may have held alone; the rest is still to do."""
        unfinished = []
        for i in todo:
            future = futures.get(i)  # None: never handed in
            if i < self.position or i in self.done:
                continue
            if future is not None and future.done() and future.exception() is None:
                self.done[i] = self._result(future)
            else:
                unfinished.append(i)
        for i in (i for i in unfinished if self.started[i]):
            self.done[i] = self._alone(i)
        return [i for i in unfinished if not self.started[i]]

    def _alone(self, i: int) -> Result:
        from concurrent.futures.process import BrokenProcessPool

        with _Pool(1, self.function, self.started, self.cache) as pool:
            try:
                return self._result(self._submit(pool, i))
            except BrokenProcessPool:
                return self.lost(self.items[i])


class _Pool:
    """A process pool whose workers exit quietly on Ctrl-C, and which stops at once when its user
    is interrupted: an interrupted run ends with one line, not one traceback per worker."""

    def __init__(self, jobs: int, function: Callable[[Any], Any], started: Any, cache: PatternCache | None) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        initargs = (function, started, cache)
        self.pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_set_worker, initargs=initargs)

    def __enter__(self) -> ProcessPoolExecutor:
        return self.pool

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        interrupted = kind is not None and not issubclass(kind, Exception)  # Ctrl-C, or the caller stopped
        self.pool.shutdown(wait=not interrupted, cancel_futures=True)


def _set_worker(function: Callable[[Any], Any], started: Any, cache: PatternCache | None) -> None:
    global _worker_function, _worker_started, _worker_cache
    signal.signal(signal.SIGINT, _leave)
    _worker_function, _worker_started, _worker_cache = function, started, cache
    if cache is not None:
        cache.take_new()  # what came with the fork, the main process has already


def _leave(*_: object) -> None:
    """A worker's Ctrl-C: stop at once and quietly (the main process reports the interruption)."""
    os._exit(INTERRUPTED)


def _call_worker(index: int, item: object) -> tuple[object, NewEntries | None]:
    assert _worker_function is not None
    _worker_started[index] = 1
    result = _worker_function(item)
    return result, None if _worker_cache is None else _worker_cache.take_new()
