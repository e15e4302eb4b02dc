"""The wizard answered from the keyboard in the real webview: a digit picks the n-th answer of the
focused question (and autosaves), the arrow keys move between its answers, Alt+↓ moves to the next
question and Alt+→ to the next section; the shortcuts are written under the questions."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from steps import choose, click, create_vault, find, open_tab, type_into, wait, wait_for_text


def focused_id(driver):
    return driver.execute_script("return document.activeElement && document.activeElement.id")


def test_answering_with_the_keyboard(driver):
    create_vault(driver)
    click(driver, "nav-clients")
    type_into(driver, "client-name", "Keyboard Ltd")
    click(driver, "client-add")
    open_tab(driver, "channels")
    type_into(driver, "ds-name", "Lead form")
    choose(driver, "ds-channel", "QR")
    click(driver, "ds-add")
    wait_for_text(driver, "source-list", "Lead form")
    click(driver, "new-assessment")
    type_into(driver, "na-title", "Lead form — keys")
    wait(driver).until(lambda d: d.find_element(By.ID, "na-create").is_enabled())
    click(driver, "na-create")
    wait_for_text(driver, "wizard-title", "keys")
    assert "Alt+→" in find(driver, "#wizard-keys").text

    first = find(driver, "#q-ds01_channel .answer input[type=radio]")
    driver.execute_script("arguments[0].focus();", first)
    ActionChains(driver).send_keys("2").perform()
    wait(driver).until(
        lambda d: d.execute_script(
            "const b = document.querySelectorAll('#q-ds01_channel .answer input[type=radio]')[1];"
            "return b.checked && document.activeElement === b;"
        )
    )
    wait_for_text(driver, "save-state", "Saved")

    before = focused_id(driver)
    ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
    wait(driver).until(lambda d: focused_id(d) != before)

    ActionChains(driver).key_down(Keys.ALT).send_keys(Keys.ARROW_DOWN).key_up(Keys.ALT).perform()
    wait(driver).until(
        lambda d: d.execute_script(
            "const q = document.activeElement.closest('.question');"
            "return q !== null && q.id !== 'q-ds01_channel';"
        )
    )

    title = find(driver, "#section-title").text
    ActionChains(driver).key_down(Keys.ALT).send_keys(Keys.ARROW_RIGHT).key_up(Keys.ALT).perform()
    wait(driver).until(lambda d: d.find_element(By.ID, "section-title").text != title)
    assert focused_id(driver) == "section-title"
