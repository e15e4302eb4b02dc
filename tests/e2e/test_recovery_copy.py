"""The app's recovery copy, the one remedy for a lost passphrase: Settings writes a copy of the
vault under a separate recovery passphrase, typed twice. A weak one is refused before anything is
written; the copy the app writes opens with the recovery passphrase — the CLI reads the client
entered in the app from it — and not with the vault's own passphrase."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from steps import PASSPHRASE, click, create_vault, type_into, wait, wait_for_text

ROOT = Path(__file__).resolve().parents[2]
RECOVERY = "violet tugboat juggles seven lanterns"
CLIENT = "Recovery client 恢复"


def dpodesk(vault, passphrase, *args):
    path = Path(os.environ.get("DPODESK_BIN", ROOT / "target" / "debug" / "dpodesk"))
    if not path.is_file():
        pytest.fail(f"{path} is missing: run the suite through `cargo xtask test` (it builds it)")
    env = dict(os.environ, DPODESK_PASSPHRASE=passphrase, LANG="C")
    return subprocess.run(
        [path, "--vault", vault, *args], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )


def test_the_recovery_copy_opens_with_the_recovery_passphrase_only(driver, stop_app, save_path):
    create_vault(driver)
    click(driver, "nav-clients")
    type_into(driver, "client-name", CLIENT)
    click(driver, "client-add")
    wait_for_text(driver, "client-title", CLIENT)
    click(driver, "nav-settings")

    type_into(driver, "recovery-passphrase", "short")
    type_into(driver, "recovery-repeat", "short")
    click(driver, "recovery-save")
    refusal = wait_for_text(driver, "recovery-error", "too weak")
    assert "short" not in refusal, "the passphrase was echoed"
    assert not save_path.exists(), "a weak recovery passphrase wrote a copy"

    type_into(driver, "recovery-passphrase", RECOVERY)
    type_into(driver, "recovery-repeat", RECOVERY[:-1])
    assert not driver.find_element(By.ID, "recovery-save").is_enabled()
    type_into(driver, "recovery-repeat", RECOVERY)
    click(driver, "recovery-save")
    wait_for_text(driver, "recovery-result", "Recovery copy saved")
    wait(driver).until(lambda d: d.find_element(By.ID, "recovery-passphrase").get_attribute("value") == "")
    click(driver, "lock")
    wait_for_text(driver, "screen-title", "Unlock your vault")
    stop_app()

    opened = dpodesk(save_path, RECOVERY, "client", "list", "--json")
    assert opened.returncode == 0, opened.stderr
    assert [c["name"] for c in json.loads(opened.stdout)["items"]] == [CLIENT]
    refused = dpodesk(save_path, PASSPHRASE, "client", "list", "--json")
    assert refused.returncode == 3, (refused.returncode, refused.stderr)
    assert dpodesk(save_path, RECOVERY, "audit", "verify").returncode == 0
