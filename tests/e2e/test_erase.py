"""Forget on request, in the real app: a client whose keep-until date has passed is listed on the
dashboard; its erase action opens the client's confirmation, which names what goes and erases only
once the client's exact name is typed. Afterwards the CLI finds nothing of the client — no client,
no search hit, nothing due — another client is untouched, and the audit chain verifies.

The decrypted-page check (no marker in any page of the file, free pages included) is the
integration test tests/it/erasure.rs; this test drives the same erasure through the app's screens."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from steps import PASSPHRASE, choose, click, create_vault, find, open_tab, set_value, type_into, wait, wait_for_text

ROOT = Path(__file__).resolve().parents[2]
MARKER = "qzxE2EERASEqzx"
NAME = f"Former client {MARKER}"
KEPT = "Kept client"


def dpodesk(vault, *args):
    path = Path(os.environ.get("DPODESK_BIN", ROOT / "target" / "debug" / "dpodesk"))
    if not path.is_file():
        pytest.fail(f"{path} is missing: run the suite through `cargo xtask test` (it builds it)")
    env = dict(os.environ, DPODESK_PASSPHRASE=PASSPHRASE, LANG="C")
    return subprocess.run(
        [path, "--vault", vault, *args], env=env, capture_output=True, text=True, check=True
    ).stdout


def add_client(driver, name):
    click(driver, "nav-clients")
    type_into(driver, "client-name", name)
    click(driver, "client-add")
    wait_for_text(driver, "client-title", name)


def test_a_client_past_its_keep_until_date_is_erased_from_the_dashboard_after_confirmation(
    driver, stop_app, app_home
):
    create_vault(driver)
    (vault,) = (app_home / "data").rglob("*.dpvault")
    add_client(driver, KEPT)
    add_client(driver, NAME)
    open_tab(driver, "channels")
    type_into(driver, "ds-name", f"Channel {MARKER}")
    choose(driver, "ds-channel", "QR")
    click(driver, "ds-add")
    wait_for_text(driver, "source-list", MARKER)

    # A keep-until date in the past puts the client on the dashboard's retention list.
    open_tab(driver, "overview")
    set_value(driver, "keep-until-client", "2020-01-10")
    click(driver, "keep-until-save-client")
    wait_for_text(driver, "keep-until-saved-client", "Kept until 2020-01-10.")
    click(driver, "nav-home")
    listed = wait_for_text(driver, "due-erasure", NAME)
    assert "keep until 2020-01-10" in listed, listed

    # The erase action opens the confirmation; nothing is erased until the exact name is typed.
    erase = find(driver, "#due-erasure .erase-due")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", erase)
    erase.click()
    counts = wait_for_text(driver, "erase-counts", "Data sources: 1")
    assert NAME in counts, counts
    type_into(driver, "erase-confirm-name", NAME[:-1])
    assert not driver.find_element(By.ID, "erase-confirm").is_enabled()
    type_into(driver, "erase-confirm-name", NAME)
    click(driver, "erase-confirm")
    wait_for_text(driver, "clients-title", "Clients")
    wait_for_text(driver, "client-list", KEPT)
    wait(driver).until(lambda d: MARKER not in d.find_element(By.ID, "client-list").text)

    click(driver, "nav-home")
    wait_for_text(driver, "nothing-due", "Nothing due.")
    assert not driver.find_elements(By.ID, "due-erasure")
    click(driver, "lock")
    wait_for_text(driver, "screen-title", "Unlock your vault")
    stop_app()

    clients = json.loads(dpodesk(vault, "client", "list", "--all", "--json"))["items"]
    assert [c["name"] for c in clients] == [KEPT], clients
    assert json.loads(dpodesk(vault, "search", MARKER, "--all", "--json"))["items"] == []
    assert json.loads(dpodesk(vault, "client", "due-for-erasure", "--json"))["items"] == []
    dpodesk(vault, "audit", "verify")
    assert json.loads(dpodesk(vault, "vault", "check", "--json"))["ok"] is True
