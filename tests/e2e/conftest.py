"""Fixtures for the end-to-end suite: a private Xvfb display for the whole run, and for each test a
fresh tauri-driver (and so a fresh app) whose data and config folders are temporary, so every test
starts on the create-vault screen and leaves nothing behind.

Everything waits on conditions (a display number written by Xvfb, a port that accepts
connections, an element that appears), never on fixed sleeps.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(timeout=10)


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
    port, native_port = _free_port(), _free_port()
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
        session = webdriver.Remote(command_executor=connection, options=options)
        try:
            yield session
        finally:
            session.quit()
    finally:
        _stop_group(bridge)
        log.close()


def _stop_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
