"""Fixtures for the end-to-end suite: a private Xvfb display for the whole run, and for each test a
fresh tauri-driver (and so a fresh app) whose data and config folders are temporary, so every test
starts on the create-vault screen and leaves nothing behind.

Everything waits on conditions (a display number written by Xvfb, a port that accepts
connections, an element that appears, a process's exit), never on fixed sleeps. The runner is the
child subreaper of everything it starts (processes.py), so a test stops only once every process of
the app's tree — the app, WebKit's web and network processes, WebKitWebDriver, tauri-driver — has
really exited, and the next step never reads files they are still writing.
"""

import os
import random
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from processes import SERVICE_PIDS, Watch, become_subreaper, descendants, describe, reap_zombies
from steps import PASSPHRASE
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"


def _require_file(env_var: str, default: Path) -> Path:
    path = Path(os.environ.get(env_var, default))
    if not path.is_file():
        pytest.fail(f"{path} is missing: run the suite through `cargo xtask test` (it builds it)")
    return path


def _free_ports(count: int) -> list[int]:
    """`count` distinct free ports, below the kernel's ephemeral range. Ports bound with 0 come from
    that range, where two calls can return the same port (tauri-driver then forwarded to itself
    until it ran out of files) and any process's outgoing connection can take one before the
    driver binds it. All are held at once, so they differ."""
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    held: list[socket.socket] = []
    try:
        while len(held) < count:
            sock = socket.socket()
            try:
                sock.bind(("127.0.0.1", random.randrange(10000, low)))
            except OSError:
                sock.close()
                continue
            held.append(sock)
        return [sock.getsockname()[1] for sock in held]
    finally:
        for sock in held:
            sock.close()


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tauri-driver exited early with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"tauri-driver did not listen on port {port} within {timeout} s")


@pytest.fixture(scope="session")
def display():
    """A private X display; Xvfb writes its number to the pipe once it accepts clients."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is missing: run the suite through `cargo xtask test` (it installs it)")
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        pytest.fail("Xvfb did not start")
    XVFB_PIDS.add(xvfb.pid)
    OWNED_PIDS.add(xvfb.pid)
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(timeout=10)
    XVFB_PIDS.discard(xvfb.pid)
    OWNED_PIDS.discard(xvfb.pid)
    leftovers = descendants(os.getpid())
    assert not leftovers, f"processes outlived the end-to-end run: {describe(leftovers)}"


# The display outlives every test; it is never part of an app's tree.
XVFB_PIDS: set[int] = set()
# Children reaped by their own Popen object (the display, each test's bridge), never by a watch.
OWNED_PIDS: set[int] = set()
# Names of the bridge's own processes (comm is cut at 15 characters); everything else under it
# belongs to the app.
DRIVER_NAMES = {"strace", "tauri-driver", "WebKitWebDrive", "WebKitWebDriver"}
# How long a tree may take to exit once asked; far above what it needs, it only bounds a hang.
EXIT_TIMEOUT = 60.0


@pytest.fixture
def app_home(tmp_path):
    """The app's private data and config folders for one test."""
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    (home / "config").mkdir(parents=True)
    return home


@pytest.fixture
def save_path(tmp_path):
    """Where the app saves a report: the test-only hook of debug builds (DPODESK_TEST_SAVE_PATH)
    presets the save dialog's answer to this file in the test's own folder."""
    folder = tmp_path / "saved"
    folder.mkdir()
    return folder / "report.pdf"


def pytest_configure(config):
    become_subreaper()
    config.addinivalue_line(
        "markers",
        "minute_seconds(n): make one auto-lock minute last n seconds (debug builds' test hook)",
    )
    config.addinivalue_line(
        "markers",
        "strace: run tauri-driver and everything it starts under strace, logging connect/bind/sendto",
    )


@pytest.fixture
def strace_log(app_home):
    """Where a test marked `strace` finds the system calls of tauri-driver, WebKitWebDriver and
    the app (one file per process)."""
    return app_home.parent / "strace"


@pytest.fixture
def driver(request, display, app_home, save_path):
    app = _require_file("DPODESK_APP", ROOT / "target" / "debug" / "dpodesk-app")
    tauri_driver = os.environ.get("TAURI_DRIVER") or shutil.which("tauri-driver")
    if not tauri_driver:
        pytest.fail("tauri-driver is missing: run the suite through `cargo xtask test`")
    port, native_port = _free_ports(2)
    env = dict(
        os.environ,
        DISPLAY=display,
        XDG_DATA_HOME=str(app_home / "data"),
        XDG_CONFIG_HOME=str(app_home / "config"),
        XDG_CACHE_HOME=str(app_home / "cache"),
        LANG="en_US.UTF-8",
        LC_ALL="",
        DPODESK_TEST_SAVE_PATH=str(save_path),
        TMPDIR=str(app_home / "tmp"),
    )
    (app_home / "tmp").mkdir(exist_ok=True)
    minute = request.node.get_closest_marker("minute_seconds")
    if minute is not None:
        env["DPODESK_TEST_MINUTE_SECONDS"] = str(minute.args[0])
    log = (app_home.parent / "tauri-driver.log").open("wb")
    command = [tauri_driver, "--port", str(port), "--native-port", str(native_port)]
    if request.node.get_closest_marker("strace") is not None:
        if shutil.which("strace") is None:
            pytest.fail("strace is missing: run the suite through `cargo xtask test` (it installs it)")
        (app_home.parent / "strace").mkdir(exist_ok=True)
        (app_home.parent / "strace" / "ports").write_text(f"{port} {native_port}\n")
        command = [
            "strace", "-f", "-ff", "-qq", "-e", "trace=connect,bind,sendto,sendmsg",
            "-o", str(app_home.parent / "strace" / "trace"),
        ] + command
    bridge = subprocess.Popen(
        command,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        # Its own process group, so stopping it also stops WebKitWebDriver and the app (and, under
        # strace, the traced processes rather than leaving them detached).
        start_new_session=True,
    )
    OWNED_PIDS.add(bridge.pid)
    try:
        # tauri-driver forwards to WebKitWebDriver: both must accept connections before a session
        # is asked for, or the first request can be dropped.
        _wait_for_port(native_port, bridge)
        _wait_for_port(port, bridge)
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": str(app)})
        url = f"http://127.0.0.1:{port}"
        connection = RemoteConnection(client_config=ClientConfig(remote_server_addr=url))
        session = Session(command_executor=connection, options=options)
    except BaseException:
        _stop_tree(bridge)
        log.close()
        raise
    app = AppRun(session, bridge, log)
    request.node.app_run = app
    try:
        yield session
    finally:
        app.stop()


# Provokes repaints while a screenshot is taken (see `Session`): an empty, fixed 1x1 element whose
# text colour flips every frame. It has no text, border or background, so it changes no pixel.
_REPAINT_START = """
const probe = document.createElement('div');
probe.id = 'e2e-repaint-probe';
probe.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none';
document.documentElement.appendChild(probe);
let flip = false;
const tick = () => {
  flip = !flip;
  probe.style.color = flip ? 'red' : 'blue';
  window.__e2eRepaint = requestAnimationFrame(tick);
};
tick();
"""
_REPAINT_STOP = """
cancelAnimationFrame(window.__e2eRepaint);
document.getElementById('e2e-repaint-probe')?.remove();
"""


class Session(webdriver.Remote):
    """A WebDriver session whose screenshots return on an idle page.

    The app runs WebKitGTK without accelerated compositing (src-tauri/src/webview.rs). WebKitGTK's
    WebDriver takes a screenshot only after the page's next painted frame, and without compositing
    a page where nothing changes paints no frame: the screenshot never returned (a focused field's
    blinking caret was enough to unblock it, which is why only some tests hung). So each screenshot
    is taken while the page repaints a spot that changes no pixel, and the spot is removed after."""

    def get_screenshot_as_base64(self) -> str:
        self.execute_script(_REPAINT_START)
        try:
            return super().get_screenshot_as_base64()
        finally:
            self.execute_script(_REPAINT_STOP)


class AppRun:
    """One app under one WebDriver session, and how to stop all of it."""

    def __init__(self, session, bridge: subprocess.Popen, log):
        self.session, self.bridge, self.log = session, bridge, log
        self.stopped = False

    def stop(self) -> None:
        """Ends the session and returns once every process of the app's tree and of the bridge
        has exited: the app first (quitting closes it, and WebKit's helpers follow it), then
        tauri-driver and WebKitWebDriver. Fails, naming them, if any is still alive after
        EXIT_TIMEOUT seconds."""
        if self.stopped:
            return
        self.stopped = True
        try:
            try:
                self.session.quit()
            except WebDriverException:
                pass  # the session already ended (the app crashed or was closed): stop the rest
            _wait_for_exit(
                lambda: [p for p in _tree() if p.name not in DRIVER_NAMES],
                "the app's processes after the session ended",
            )
            _stop_tree(self.bridge)
        finally:
            self.log.close()


def _tree():
    """Every living process this runner started, but the display and the servers a test started:
    the bridge, the app and any orphan of theirs (re-parented here, since the runner is their
    subreaper)."""
    reap_zombies(owned=OWNED_PIDS)
    return descendants(os.getpid(), exclude=XVFB_PIDS | SERVICE_PIDS)


def _wait_for_exit(find, what: str, owned=frozenset()) -> None:
    """Waits until `find()` names no living process. It is asked again after each wait, since a
    process may start another while it shuts down."""
    deadline = time.monotonic() + EXIT_TIMEOUT
    while procs := find():
        watch = Watch(owned)
        watch.add(procs)
        try:
            alive = watch.wait(max(0.0, deadline - time.monotonic()))
            if alive:
                watch.signal(signal.SIGKILL)
                watch.wait(EXIT_TIMEOUT)
                pytest.fail(f"{what}: still running after {EXIT_TIMEOUT:.0f} s: {describe(alive)}")
        finally:
            watch.close()


def _stop_tree(bridge: subprocess.Popen) -> None:
    """Asks the bridge's process group to stop, then waits for it and everything it left."""
    try:
        os.killpg(bridge.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    _wait_for_exit(_tree, "tauri-driver, WebKitWebDriver or the app", owned=OWNED_PIDS)
    bridge.wait(timeout=EXIT_TIMEOUT)
    OWNED_PIDS.discard(bridge.pid)


@pytest.fixture
def stop_app(request, driver):
    """Ends the test's app session and waits until all its processes have exited: for a test that
    must read what the app left behind only once nothing can still be writing it."""
    return request.node.app_run.stop


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


# The app's default vault: the platform data folder of its identifier (tauri.conf.json).
DEFAULT_VAULT = Path("org.dpodesk.desktop") / "vault.dpvault"


@pytest.fixture
def demo_vault(app_home, tmp_path):
    """The CLI's demo vault (under the e2e passphrase), put where the app looks for its vault,
    before the app starts: name it before `driver` in a test's arguments."""
    cli = _require_file("DPODESK_BIN", ROOT / "target" / "debug" / "dpodesk")
    out = tmp_path / "demo"
    env = dict(os.environ, DPODESK_PASSPHRASE=PASSPHRASE, LANG="C")
    subprocess.run([str(cli), "demo", "--out", str(out)], check=True, env=env, capture_output=True)
    target = app_home / "data" / DEFAULT_VAULT
    target.parent.mkdir(parents=True)
    shutil.copy(out / "demo.dpvault", target)
    return target
