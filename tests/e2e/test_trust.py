"""Trust through the real app: a whole session — client, data source, an assessment's title,
answer, note and evidence file (name and content), a report, a lock — under strace, then

* no marker (Latin or Chinese, in UTF-8 or UTF-16) is found in any file the app, WebKit or the
  driver left behind: the vault's -wal and -shm, WebKit's local storage, IndexedDB and caches
  under the app's data, config and cache folders, its temp folder, and the driver's log;
* no process opened an AF_INET/AF_INET6 connection except on loopback to the WebDriver ports the
  test opened, or to a port that one of the traced processes itself bound on loopback (WebKit's
  automation channel between WebKitWebDriver and the app); AF_UNIX for X11 and D-Bus is fine.
"""

import re

import pytest
from selenium.webdriver.common.by import By

from steps import choose, click, create_vault, open_assessment_tab, open_tab, type_into, wait, wait_for_text

LATIN = "QZXMARKER7731"
CHINESE = "蓝鲸标记词"
MARKERS = [LATIN, CHINESE]


@pytest.fixture(autouse=True)
def open_path(tmp_path, monkeypatch):
    """The evidence file the open dialog answers with (debug builds' test hook)."""
    path = tmp_path / "chosen" / f"{LATIN}-{CHINESE}.txt"
    path.parent.mkdir()
    path.write_text(f"Evidence body {LATIN} {CHINESE}\n", encoding="utf-8")
    monkeypatch.setenv("DPODESK_TEST_OPEN_PATH", str(path))
    return path


def encodings(marker):
    return [marker.encode("utf-8"), marker.encode("utf-16-le")]


def files_with_markers(folder):
    """(file, marker) for every marker found in any file under `folder`, and how many files were
    read."""
    hits, scanned = [], 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        data = path.read_bytes()
        scanned += 1
        for marker in MARKERS:
            if any(needle in data for needle in encodings(marker)):
                hits.append((str(path.relative_to(folder)), marker))
    return hits, scanned


CONNECT = re.compile(r"connect\(\d+, \{sa_family=(AF_INET6?),(.*?)\}")
BIND = re.compile(r"bind\(\d+, \{sa_family=(AF_INET6?),(.*?)\}")
PORT = re.compile(r"sin6?_port=htons\((\d+)\)")
ADDRESS = re.compile(r'inet_(?:addr|pton)\((?:AF_INET6?, )?"([^"]+)"')


def network_calls(strace_dir, pattern):
    """Every AF_INET/AF_INET6 call matching `pattern` in the traces, as (address, port, file)."""
    found = []
    for trace in sorted(strace_dir.glob("trace.*")):
        for line in trace.read_text(errors="replace").splitlines():
            match = pattern.search(line)
            if match:
                rest = match.group(2)
                port = PORT.search(rest)
                address = ADDRESS.search(rest)
                found.append(
                    (address.group(1) if address else "?", int(port.group(1)) if port else -1, trace.name)
                )
    return found


@pytest.mark.strace
def test_no_plaintext_outside_the_vault_and_no_network(
    open_path, driver, stop_app, app_home, strace_log, save_path
):
    create_vault(driver)
    click(driver, "nav-clients")
    type_into(driver, "client-name", f"{LATIN} 客户 {CHINESE}")
    click(driver, "client-add")
    wait_for_text(driver, "client-title", LATIN)
    click(driver, "edit-client")
    type_into(driver, "client-edit-notes", f"note {LATIN} {CHINESE}")
    click(driver, "client-edit-save")
    open_tab(driver, "channels")
    type_into(driver, "ds-name", f"{CHINESE} source {LATIN}")
    choose(driver, "ds-channel", "QR")
    click(driver, "ds-add")
    wait_for_text(driver, "source-list", CHINESE)

    click(driver, "new-assessment")
    type_into(driver, "na-title", f"Assessment {LATIN} {CHINESE}")
    wait(driver).until(lambda d: d.find_element(By.ID, "na-create").is_enabled())
    click(driver, "na-create")
    wait_for_text(driver, "wizard-title", LATIN)
    # The channel comes from the register entry: the wizard does not ask it again.
    wait(driver).until(lambda d: d.find_element(By.ID, "q-ds01_channel-QR").is_selected())
    type_into(driver, "q-ds01_purpose-input", f"purpose {LATIN} {CHINESE}")
    click(driver, "q-ds01_dataflow_evidence-attach")
    wait_for_text(driver, "q-ds01_dataflow_evidence-files", LATIN)
    wait_for_text(driver, "save-state", "Saved")

    open_assessment_tab(driver, "reports")
    click(driver, "report-generate")
    # No profile in this vault: the first report asks for one once; go on without it.
    click(driver, "profile-prompt-later")
    wait(driver, 60).until(lambda _: save_path.is_file())
    click(driver, "lock")
    wait_for_text(driver, "screen-title", "Unlock your vault")
    # Only a settled tree is scanned: every process of the app, WebKit and the driver has exited,
    # so nothing is still writing (or about to write) a file the scan reads.
    stop_app()

    # Everything the app, WebKit and the driver wrote: data (vault, WebKit storage), config
    # (prefs.json), cache, temp and the driver's log. The saved report is the user's own export
    # and lives outside this tree.
    hits, scanned = files_with_markers(app_home)
    driver_log = (app_home.parent / "tauri-driver.log").read_bytes()
    log_hits = [m for m in MARKERS if any(n in driver_log for n in encodings(m))]
    assert scanned >= 3, f"only {scanned} files were written: the scan would prove nothing"
    assert hits == [], f"markers found outside the vault: {hits}"
    assert log_hits == [], f"markers found in the driver's log: {log_hits}"
    vaults = list((app_home / "data").rglob("*.dpvault"))
    assert len(vaults) == 1

    loopback = ("127.0.0.1", "::1", "::ffff:127.0.0.1")
    ports = {int(p) for p in (strace_log / "ports").read_text().split()}
    ports |= {port for address, port, _ in network_calls(strace_log, BIND) if address in loopback and port > 0}
    connects = network_calls(strace_log, CONNECT)
    assert connects, "strace saw no connect at all: the trace did not work"
    outside = [c for c in connects if c[0] not in loopback or c[1] not in ports]
    assert outside == [], f"connections other than to local WebDriver ports {sorted(ports)}: {outside}"
