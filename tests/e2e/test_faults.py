"""A fault in the real app: the vault file is moved away while the app has it open (a USB stick
pulled, a sync tool renaming it). The next save is refused and named for what happened — never
"damaged, restore from a backup" — the text the user typed stays in its field, and once the file
is back the retry saves it. Afterwards the vault is intact for the CLI: integrity, audit chain and
the answer itself."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from steps import PASSPHRASE, choose, click, create_vault, open_tab, type_into, wait, wait_for_text

ROOT = Path(__file__).resolve().parents[2]
TYPED = "Purpose typed while the vault was gone 7731"


def dpodesk(vault, *args):
    path = Path(os.environ.get("DPODESK_BIN", ROOT / "target" / "debug" / "dpodesk"))
    if not path.is_file():
        pytest.fail(f"{path} is missing: run the suite through `cargo xtask test` (it builds it)")
    env = dict(os.environ, DPODESK_PASSPHRASE=PASSPHRASE, LANG="C")
    return subprocess.run(
        [path, "--vault", vault, *args], env=env, capture_output=True, text=True, check=True
    ).stdout


def test_a_save_to_a_vanished_vault_keeps_the_input_and_goes_through_on_retry(
    driver, stop_app, app_home
):
    create_vault(driver)
    (vault,) = (app_home / "data").rglob("*.dpvault")
    click(driver, "nav-clients")
    type_into(driver, "client-name", "Fault client")
    click(driver, "client-add")
    wait_for_text(driver, "client-title", "Fault client")
    open_tab(driver, "channels")
    type_into(driver, "ds-name", "Counter QR code")
    choose(driver, "ds-channel", "QR")
    click(driver, "ds-add")
    wait_for_text(driver, "source-list", "Counter QR code")
    click(driver, "new-assessment")
    type_into(driver, "na-title", "Fault assessment")
    wait(driver).until(lambda d: d.find_element(By.ID, "na-create").is_enabled())
    click(driver, "na-create")
    wait_for_text(driver, "wizard-title", "Fault assessment")
    # The channel comes from the register entry: the wizard does not ask it again.
    wait(driver).until(lambda d: d.find_element(By.ID, "q-ds01_channel-QR").is_selected())

    moved = vault.with_name("moved-away.dpvault")
    vault.rename(moved)
    type_into(driver, "q-ds01_purpose-input", TYPED)
    message = wait_for_text(driver, "save-error", "is gone")
    assert "damaged" not in message and "backup" not in message, message
    field = driver.find_element(By.ID, "q-ds01_purpose-input")
    assert field.get_attribute("value") == TYPED, "the typed text was lost with the failed save"

    moved.rename(vault)
    click(driver, "save-retry")
    wait_for_text(driver, "save-state", "Saved")
    assert not driver.find_elements(By.ID, "save-error")
    click(driver, "lock")
    wait_for_text(driver, "screen-title", "Unlock your vault")
    stop_app()

    assert json.loads(dpodesk(vault, "vault", "check", "--json"))["ok"] is True
    dpodesk(vault, "audit", "verify")
    hits = json.loads(dpodesk(vault, "search", "vault was gone", "--json"))["items"]
    assert any(hit["title"] == "Fault assessment" for hit in hits), hits
