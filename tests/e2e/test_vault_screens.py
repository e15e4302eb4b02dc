"""The vault screens through the real webview: create a vault, lock it, fail to unlock with a
wrong passphrase, unlock with the right one — asserting what the screen says at each step, in
English and in Chinese."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

PASSPHRASE = "correct horse battery staple"
WRONG = "violet tugboat juggles seven lanterns"


def wait(driver, timeout=20):
    return WebDriverWait(driver, timeout)


def text_of(driver, element_id):
    return wait(driver).until(EC.visibility_of_element_located((By.ID, element_id))).text


def wait_for_text(driver, element_id, expected):
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, element_id), expected))
    return driver.find_element(By.ID, element_id).text


def type_into(driver, element_id, text):
    field = wait(driver).until(EC.element_to_be_clickable((By.ID, element_id)))
    field.clear()
    field.send_keys(text)


def submit(driver):
    wait(driver).until(EC.element_to_be_clickable((By.ID, "submit"))).click()


def test_create_lock_and_unlock(driver, app_home, artifacts):
    assert wait_for_text(driver, "screen-title", "Create your vault") == "Create your vault"
    vault_path = text_of(driver, "vault-path")
    assert vault_path.endswith("org.dpodesk.desktop/vault.dpvault"), vault_path
    assert vault_path.startswith(str(app_home / "data")), vault_path

    # A weak passphrase is refused by core, with its reason, before anything is created.
    type_into(driver, "passphrase", "password1234")
    assert "commonly used password" in wait_for_text(driver, "passphrase-help", "commonly used password")
    assert not driver.find_element(By.ID, "submit").is_enabled()

    type_into(driver, "passphrase", PASSPHRASE)
    wait_for_text(driver, "passphrase-help", "Strong enough.")
    type_into(driver, "passphrase-confirm", PASSPHRASE)
    submit(driver)

    assert wait_for_text(driver, "unlocked-status", "Vault unlocked") == "Vault unlocked"
    vault_file = app_home / "data" / "org.dpodesk.desktop" / "vault.dpvault"
    assert vault_file.is_file()
    assert vault_file.read_bytes()[:16] != b"SQLite format 3\x00"
    driver.save_screenshot(str(artifacts / "home-en.png"))

    wait(driver).until(EC.element_to_be_clickable((By.ID, "lock"))).click()
    assert wait_for_text(driver, "screen-title", "Unlock your vault") == "Unlock your vault"
    driver.save_screenshot(str(artifacts / "unlock-en.png"))
    assert driver.find_elements(By.ID, "lock") == []

    type_into(driver, "passphrase", WRONG)
    submit(driver)
    assert text_of(driver, "error") == "wrong passphrase, or not a DPO Desk vault"
    assert driver.find_element(By.ID, "passphrase").get_attribute("value") == ""
    driver.save_screenshot(str(artifacts / "unlock-wrong-passphrase-en.png"))

    type_into(driver, "passphrase", PASSPHRASE)
    submit(driver)
    assert wait_for_text(driver, "unlocked-status", "Vault unlocked") == "Vault unlocked"


def test_unlock_screen_speaks_chinese(driver, app_home, artifacts):
    wait_for_text(driver, "screen-title", "Create your vault")
    driver.save_screenshot(str(artifacts / "create-en.png"))

    wait(driver).until(EC.element_to_be_clickable((By.ID, "lang-zh"))).click()
    assert wait_for_text(driver, "screen-title", "创建保险库") == "创建保险库"
    assert driver.find_element(By.ID, "lang-zh").get_attribute("aria-pressed") == "true"

    # Core words its verdicts in the chosen language too.
    type_into(driver, "passphrase", "数据保护")
    assert "太短或太简单" in wait_for_text(driver, "passphrase-help", "太短或太简单")

    type_into(driver, "passphrase", PASSPHRASE)
    wait_for_text(driver, "passphrase-help", "强度足够")
    type_into(driver, "passphrase-confirm", PASSPHRASE)
    submit(driver)
    assert wait_for_text(driver, "unlocked-status", "保险库已解锁") == "保险库已解锁"

    wait(driver).until(EC.element_to_be_clickable((By.ID, "lock"))).click()
    assert wait_for_text(driver, "screen-title", "解锁保险库") == "解锁保险库"
    driver.save_screenshot(str(artifacts / "unlock-zh.png"))
    type_into(driver, "passphrase", WRONG)
    submit(driver)
    assert text_of(driver, "error") == "密码错误，或该文件不是 DPO Desk 保险库"
    driver.save_screenshot(str(artifacts / "unlock-wrong-passphrase-zh.png"))

    # The choice is remembered outside the vault (prefs.json holds only the language).
    prefs = (app_home / "config" / "org.dpodesk.desktop" / "prefs.json").read_text()
    assert '"zh"' in prefs
    assert PASSPHRASE not in prefs
