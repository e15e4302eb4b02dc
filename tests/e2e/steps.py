"""Steps shared by the end-to-end tests: every one waits on a condition, never on a fixed sleep."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

PASSPHRASE = "correct horse battery staple"


def wait(driver, timeout=20):
    return WebDriverWait(driver, timeout)


def click(driver, element_id):
    element = wait(driver).until(EC.element_to_be_clickable((By.ID, element_id)))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def find(driver, css):
    """The first element matching `css`, once it is there."""
    return wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def type_into(driver, element_id, text):
    field = wait(driver).until(EC.element_to_be_clickable((By.ID, element_id)))
    field.clear()
    field.send_keys(text)


def set_value(driver, element_id, value):
    """Sets a field the way a user's input would (an `input` event), e.g. a native date picker."""
    field = wait(driver).until(EC.element_to_be_clickable((By.ID, element_id)))
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        field,
        value,
    )


def choose(driver, element_id, value):
    """Picks an option of a <select> by its value (a code the template defines)."""
    field = wait(driver).until(EC.element_to_be_clickable((By.ID, element_id)))
    Select(field).select_by_value(value)


def open_tab(driver, name):
    """Opens one of the client page's tabs (overview, channels, vendors, assessments, actions, reports)."""
    click(driver, f"tab-{name}")
    wait(driver).until(lambda d: d.find_element(By.ID, f"tab-{name}").get_attribute("aria-selected") == "true")


def open_assessment_tab(driver, name):
    """Opens one of the assessment's tabs (questions, review, reports)."""
    click(driver, f"atab-{name}")
    wait(driver).until(lambda d: d.find_element(By.ID, f"atab-{name}").get_attribute("aria-selected") == "true")


def wait_for_text(driver, element_id, expected):
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, element_id), expected))
    return driver.find_element(By.ID, element_id).text


def shot(driver, artifacts, name):
    driver.save_screenshot(str(artifacts / f"{name}.png"))


def create_vault(driver):
    wait_for_text(driver, "screen-title", "Create your vault")
    type_into(driver, "passphrase", PASSPHRASE)
    wait_for_text(driver, "passphrase-help", "Strong enough.")
    type_into(driver, "passphrase-confirm", PASSPHRASE)
    click(driver, "submit")
    wait_for_text(driver, "unlocked-status", "Vault unlocked")
