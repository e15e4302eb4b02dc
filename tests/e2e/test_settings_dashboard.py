"""Settings, registers and the dashboard through the real webview: the profile becomes the audit
actor, a client is edited, a data source archived and brought back, the dashboard lists a vendor
review that is due and finds a client by a two-character Chinese term, the audit chain verifies,
a backup is written through the save-dialog hook, the passphrase is changed (the old one stops
working), and the vault locks itself after the idle time (one "minute" shortened to 2 s by the
debug-only hook) and says so."""

import datetime

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from steps import PASSPHRASE, choose, click, create_vault, find, open_tab, shot, type_into, wait, wait_for_text

NEW_PASSPHRASE = "violet tugboat juggles seven lanterns"


def unlock(driver, passphrase):
    wait_for_text(driver, "screen-title", "Unlock your vault")
    type_into(driver, "passphrase", passphrase)
    click(driver, "submit")


def click_label(driver, label):
    button = find(driver, f'button[aria-label="{label}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()


def test_registers_dashboard_search_and_settings(driver, artifacts, save_path):
    create_vault(driver)

    # Profile first: from now on the profile name is who did what.
    click(driver, "nav-settings")
    wait_for_text(driver, "settings-title", "Settings")
    type_into(driver, "profile-name", "王丽")
    type_into(driver, "profile-role", "DPO")
    click(driver, "profile-save")
    wait_for_text(driver, "profile-saved", "Saved.")
    shot(driver, artifacts, "settings-en")

    # A client, edited; a data source archived (hidden) and restored; a vendor due for review.
    click(driver, "nav-clients")
    type_into(driver, "client-name", "华东贸易")
    click(driver, "client-add")
    wait_for_text(driver, "client-title", "华东贸易")
    click(driver, "edit-client")
    type_into(driver, "client-edit-matter", "Private-domain marketing review")
    click(driver, "client-edit-save")
    wait_for_text(driver, "client-facts", "Private-domain marketing review")

    open_tab(driver, "channels")

    type_into(driver, "ds-name", "Tmall orders")
    choose(driver, "ds-channel", "EC")
    click(driver, "ds-add")
    wait_for_text(driver, "source-list", "Tmall orders")
    assert "Not assessed yet" in driver.find_element(By.ID, "source-list").text
    click_label(driver, "Archive: Tmall orders")
    wait_for_text(driver, "sources-title", "Data sources")
    wait(driver).until(EC.invisibility_of_element_located((By.ID, "source-list")))
    click(driver, "show-archived-entries")
    wait_for_text(driver, "source-list", "Archived")
    click_label(driver, "Restore: Tmall orders")
    wait(driver).until(lambda d: "Archived" not in d.find_element(By.ID, "source-list").text)

    review = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    open_tab(driver, "vendors")
    type_into(driver, "vendor-name", "SMS Cloud")
    driver.execute_script(
        "const f = document.getElementById('vendor-review'); f.value = arguments[0];"
        "f.dispatchEvent(new Event('input', {bubbles: true}));",
        review,
    )
    click(driver, "vendor-add")
    wait_for_text(driver, "vendor-list", "SMS Cloud")

    # The dashboard: the vendor review is due; "华东" (two characters) finds the client.
    click(driver, "nav-home")
    wait_for_text(driver, "due-vendors", "SMS Cloud")
    assert "in 10 days" in driver.find_element(By.ID, "due-vendors").text
    assert driver.find_element(By.ID, "count-clients").text == "1"
    type_into(driver, "search-input", "华东")
    wait_for_text(driver, "search-results", "华东贸易")
    shot(driver, artifacts, "home-dashboard-en")
    click(driver, "lang-zh")
    wait_for_text(driver, "due-vendors-title", "供应商复核")
    shot(driver, artifacts, "home-dashboard-zh")
    click(driver, "nav-settings")
    wait_for_text(driver, "settings-title", "设置")
    shot(driver, artifacts, "settings-zh")
    click(driver, "lang-en")

    # At 1024×700 neither screen needs sideways scrolling.
    driver.set_window_size(1024, 700)
    wait(driver).until(lambda d: d.execute_script("return window.innerWidth") <= 1024)
    for screen in ("nav-home", "nav-settings"):
        click(driver, screen)
        wait(driver).until(
            lambda d: d.execute_script(
                "return document.documentElement.scrollWidth <= window.innerWidth"
            )
        )
        shot(driver, artifacts, f"{screen[4:]}-en-1024")
    driver.set_window_size(1280, 800)

    # The audit chain verifies; a backup is written where the (preset) save dialog says.
    click(driver, "nav-settings")
    click(driver, "verify-audit")
    assert "Intact" in wait_for_text(driver, "audit-result", "entries")
    click(driver, "backup-now")
    wait_for_text(driver, "backup-result", "Backup saved as")
    backup = save_path.read_bytes()
    assert len(backup) >= 4096 and not backup.startswith(b"SQLite format 3")
    assert "华东贸易".encode() not in backup and b"Tmall orders" not in backup

    # The passphrase change needs the current one; afterwards only the new one unlocks.
    type_into(driver, "current-passphrase", PASSPHRASE)
    type_into(driver, "new-passphrase", NEW_PASSPHRASE)
    wait_for_text(driver, "new-passphrase-verdict", "Strong enough.")
    type_into(driver, "repeat-passphrase", NEW_PASSPHRASE)
    click(driver, "passphrase-change")
    wait_for_text(driver, "passphrase-changed", "Passphrase changed")
    click(driver, "lock")
    unlock(driver, PASSPHRASE)
    wait_for_text(driver, "error", "wrong passphrase")
    unlock(driver, NEW_PASSPHRASE)
    wait_for_text(driver, "unlocked-status", "Vault unlocked")


@pytest.mark.minute_seconds(2)
def test_the_vault_locks_itself_after_the_idle_time(driver, artifacts):
    # One "minute" lasts 2 s in this test (debug-only hook), so 1 minute of idle is 2 s.
    create_vault(driver)
    click(driver, "nav-settings")
    type_into(driver, "auto-lock-minutes", "1")
    click(driver, "auto-lock-save")
    wait_for_text(driver, "auto-lock-saved", "Saved.")
    # The shell locks on its own; the UI notices on its next poll and says why.
    wait_for_text_long(driver, "locked-idle", "locked after 1 min")
    assert "Unlock your vault" in driver.find_element(By.ID, "screen-title").text
    shot(driver, artifacts, "locked-idle-en")
    unlock(driver, PASSPHRASE)
    wait_for_text(driver, "unlocked-status", "Vault unlocked")


def wait_for_text_long(driver, element_id, expected):
    wait(driver, 60).until(EC.text_to_be_present_in_element((By.ID, element_id), expected))



@pytest.fixture
def other_vault(tmp_path, monkeypatch):
    """The file the open dialog answers with (debug builds' test hook): a vault not yet made."""
    path = tmp_path / "elsewhere" / "matter-b.dpvault"
    path.parent.mkdir()
    monkeypatch.setenv("DPODESK_TEST_OPEN_PATH", str(path))
    return path


def test_another_vault_file_is_chosen_through_the_open_dialog(other_vault, driver, artifacts):
    create_vault(driver)
    click(driver, "lock")
    wait_for_text(driver, "screen-title", "Unlock your vault")
    click(driver, "open-other-vault")
    wait_for_text(driver, "vault-path", "matter-b.dpvault")
    # Nothing is there yet, so the screen offers to create it; the first vault is untouched.
    wait_for_text(driver, "screen-title", "Create your vault")
    create_vault(driver)
    assert other_vault.is_file()
    click(driver, "nav-settings")
    wait_for_text(driver, "storage", "matter-b.dpvault")


@pytest.fixture
def backup_as_open_answer(save_path, monkeypatch):
    """The backup the save hook writes is also what the open hook answers with."""
    monkeypatch.setenv("DPODESK_TEST_OPEN_PATH", str(save_path))
    return save_path


def test_a_backup_is_restored_from_the_unlock_screen(backup_as_open_answer, driver, artifacts):
    create_vault(driver)
    click(driver, "nav-clients")
    type_into(driver, "client-name", "Before the backup")
    click(driver, "client-add")
    wait_for_text(driver, "client-title", "Before the backup")
    click(driver, "nav-settings")
    click(driver, "backup-now")
    wait_for_text(driver, "backup-result", "Backup saved as")
    click(driver, "nav-clients")
    type_into(driver, "client-name", "After the backup")
    click(driver, "client-add")
    wait_for_text(driver, "client-title", "After the backup")
    click(driver, "lock")
    wait_for_text(driver, "screen-title", "Unlock your vault")

    # A wrong passphrase for the backup is refused and nothing is replaced.
    click(driver, "restore-toggle")
    type_into(driver, "backup-passphrase", "not the backup passphrase at all")
    click(driver, "restore-submit")
    wait_for_text(driver, "restore-error", "wrong passphrase")
    type_into(driver, "backup-passphrase", PASSPHRASE)
    click(driver, "restore-submit")
    wait_for_text(driver, "home-notice", "kept as")
    shot(driver, artifacts, "restored-en")
    click(driver, "nav-clients")
    names = wait_for_text(driver, "client-list", "Before the backup")
    assert "After the backup" not in names
