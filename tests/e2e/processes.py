"""Knowing every process a test started, and waiting until each has really exited.

WebKit's web and network processes outlive the app that spawned them for a moment: when the app
exits they are re-parented, keep writing their storage, and only then exit. A fixture that waits
for the process-group leader alone lets the next step read files that are still being written.
So the test runner makes itself the child subreaper (`PR_SET_CHILD_SUBREAPER`): every orphan of the
tree is re-parented to it instead of to init, stays visible as its descendant, and can be waited
for. Waiting uses pidfds (`pidfd_open` + `poll`), which become readable when the process exits: a
wait on the event itself, never on a clock, and immune to pid reuse once the pidfd is open.
"""

import ctypes
import os
import select
import signal
import time
from dataclasses import dataclass
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> None:
    """Makes this process the subreaper of everything it starts (Linux 3.4+)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    name: str
    state: str


def _read_proc(pid: int) -> Proc | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # The name sits in parentheses and may itself hold spaces or parentheses.
    open_paren, close_paren = stat.index("("), stat.rindex(")")
    fields = stat[close_paren + 2 :].split()
    return Proc(pid, int(fields[1]), stat[open_paren + 1 : close_paren], fields[0])


def _all_processes() -> list[Proc]:
    procs = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            proc = _read_proc(int(entry))
            if proc is not None:
                procs.append(proc)
    return procs


# Servers a test starts for the app to talk to (a private PostgreSQL). Daemons re-parented here
# like the app's orphans, but never part of an app's tree: the test that started one stops it.
SERVICE_PIDS: set[int] = set()


def descendants(root: int, exclude: set[int] = frozenset()) -> list[Proc]:
    """The living descendants of `root` (zombies count as exited), leaving out the subtrees of
    `exclude`."""
    children: dict[int, list[Proc]] = {}
    for proc in _all_processes():
        children.setdefault(proc.ppid, []).append(proc)
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            if child.pid in exclude:
                continue
            if child.state != "Z":
                found.append(child)
            stack.append(child.pid)
    return found


class Watch:
    """Processes being waited for, each held by a pidfd so a reused pid can never be mistaken."""

    def __init__(self, owned: set[int] = frozenset()):
        # Children that a Popen object reaps itself: reaping them here would steal their status.
        self._owned = set(owned)
        self._fds: dict[int, tuple[int, Proc]] = {}

    def add(self, procs) -> None:
        for proc in procs:
            if proc.pid in self._fds:
                continue
            try:
                fd = os.pidfd_open(proc.pid)
            except ProcessLookupError:
                continue  # already gone
            self._fds[proc.pid] = (fd, proc)

    def signal(self, signum: int) -> None:
        for fd, _ in self._fds.values():
            try:
                signal.pidfd_send_signal(fd, signum)
            except ProcessLookupError:
                pass

    def wait(self, timeout: float) -> list[Proc]:
        """Waits until every watched process has exited or `timeout` seconds have passed; returns
        the ones still running. Exited children of this process are reaped."""
        deadline = time.monotonic() + timeout
        poller = select.poll()
        for fd, _ in self._fds.values():
            poller.register(fd, select.POLLIN)
        pending = dict(self._fds)
        while pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            for fd, _ in poller.poll(remaining * 1000):
                poller.unregister(fd)
                pid = next(pid for pid, (f, _) in pending.items() if f == fd)
                del pending[pid]
                self._close(pid)
        return [proc for _, proc in pending.values()]

    def _close(self, pid: int) -> None:
        fd, _ = self._fds.pop(pid)
        os.close(fd)
        if pid in self._owned:
            return
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass  # not our child: its own parent reaps it

    def close(self) -> None:
        for pid in list(self._fds):
            self._close(pid)


def reap_zombies(owned: set[int]) -> None:
    """Reaps this process's exited children that no Popen object owns: orphans re-parented here
    that exited before anyone watched them."""
    me = os.getpid()
    for proc in _all_processes():
        if proc.ppid == me and proc.state == "Z" and proc.pid not in owned:
            try:
                os.waitpid(proc.pid, os.WNOHANG)
            except ChildProcessError:
                pass


def describe(procs) -> str:
    return ", ".join(f"{p.name} (pid {p.pid})" for p in procs)
