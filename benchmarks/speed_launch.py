"""Run one command for benchmarks/speed.py; print its wall time, its own peak RSS and how it ended.

    python -I -S benchmarks/speed_launch.py '{"command": [...], "time_limit": 120, ...}'

Why a separate, small process: on Linux a child's ru_maxrss also counts the memory of the copy of
its parent that it was forked from (or, with vfork, the parent's peak), before exec replaced it.
Children forked straight from the benchmark, which holds the corpus and later the linter, would all
report at least the benchmark's own size. This launcher is a bare Python (-I -S, standard library
only, about 10 MB): it forks the command into a session of its own (so a timeout also ends the
command's workers), waits for it with os.wait4, and prints one JSON line.
"""

import contextlib
import json
import os
import resource
import select
import signal
import sys
import time


def main() -> int:
    spec = json.loads(sys.argv[1])
    command, time_limit, memory_mb = spec["command"], spec["time_limit"], spec["memory_mb"]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        _exec(command, memory_mb, spec.get("cwd"), spec["stderr"])
    signal.signal(signal.SIGINT, lambda *_: _stop(pid, KeyboardInterrupt))
    signal.signal(signal.SIGTERM, lambda *_: _stop(pid, SystemExit))
    timed_out = not _wait_for_exit(pid, time_limit)
    if timed_out:
        os.killpg(pid, signal.SIGKILL)  # still unreaped, so the id cannot have been reused
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # reaped: its id is no longer ours to signal
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    maxrss_kb = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)
    result = {"seconds": seconds, "maxrss_kb": maxrss_kb, "exit": os.waitstatus_to_exitcode(status)}
    print(json.dumps({**result, "timed_out": timed_out}))
    return 0


def _exec(command: list, memory_mb: int, cwd: str, stderr_path: str) -> None:
    """In the forked child: own session, memory limit, quiet stdout, stderr to a file; then exec."""
    try:
        os.setsid()
        if memory_mb > 0:
            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if cwd:
            os.chdir(cwd)
        devnull = os.open(os.devnull, os.O_RDWR)
        stderr = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)
        os.dup2(stderr, 2)
        os.execvp(command[0], command)
    except BaseException as exc:
        os.write(2, f"cannot run {command[0]}: {exc}\n".encode())
    os._exit(127)


def _wait_for_exit(pid: int, time_limit: float) -> bool:
    """True when the process exited within `time_limit` seconds (it is left for os.wait4 to reap)."""
    try:
        descriptor = os.pidfd_open(pid)
    except (AttributeError, OSError):  # no pidfd (not Linux, or an old kernel): poll
        deadline = time.monotonic() + time_limit
        while time.monotonic() < deadline:
            if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                return True
            time.sleep(0.001)
        return False
    try:
        return bool(select.select([descriptor], [], [], time_limit)[0])
    finally:
        os.close(descriptor)


def _stop(pid: int, exception: type[BaseException]) -> None:
    """Interrupted: end the command (and its workers) too, since it runs in a session of its own."""
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)
    raise exception


if __name__ == "__main__":
    sys.exit(main())
