"""Every main screen of the app, saved as a picture: run by `cargo xtask screenshots` (not part of
the test suite). The app opens a demo vault made by the CLI, and each screen is saved in English
and Chinese at 1280x800 and 1024x700 into $DPODESK_SCREENSHOTS, to be looked at for cut labels,
overflow and wording before a layout change is called done."""

import os
from pathlib import Path

from selenium.webdriver.common.by import By

from steps import PASSPHRASE, click, find, open_assessment_tab, open_tab, type_into, wait, wait_for_text

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1280, 800), (1024, 700)]


def settle(driver):
    """Waits until no screen is still loading, and scrolls to the top."""
    wait(driver).until(lambda d: not d.find_elements(By.XPATH, "//*[normalize-space()='Loading…' or normalize-space()='正在加载…']"))
    driver.execute_script("window.scrollTo(0, 0); document.querySelector('.content')?.scrollTo?.(0, 0);")


def press(driver, element):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def row_button(driver, kind, text):
    """The step button of the overview row of `kind` whose name contains `text`."""
    for row in driver.find_elements(By.CSS_SELECTOR, f"#client-overview tr[data-kind='{kind}']"):
        if text in row.text:
            return row.find_element(By.CSS_SELECTOR, "button[data-step]")
    raise AssertionError(f"no {kind} row with {text!r}")


def test_every_main_screen(demo_vault, driver):
    out = Path(os.environ.get("DPODESK_SCREENSHOTS", ROOT / "target" / "screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    wait_for_text(driver, "screen-title", "Unlock your vault")
    for lang in ("en", "zh"):
        click(driver, f"lang-{lang}")
        for width, height in SIZES:
            driver.set_window_size(width, height)
            click(driver, "choice-vault")
            find(driver, "#passphrase")
            driver.save_screenshot(str(out / f"00-start-vault-{lang}-{width}x{height}.png"))
            click(driver, "choice-team")
            find(driver, "#team-conninfo")
            driver.save_screenshot(str(out / f"00-start-team-{lang}-{width}x{height}.png"))
    click(driver, "lang-en")
    click(driver, "choice-vault")
    type_into(driver, "passphrase", PASSPHRASE)
    click(driver, "submit")
    wait_for_text(driver, "unlocked-status", "Vault unlocked")

    for lang in ("en", "zh"):
        click(driver, f"lang-{lang}")
        for width, height in SIZES:
            driver.set_window_size(width, height)

            def save(name):
                settle(driver)
                driver.save_screenshot(str(out / f"{name}-{lang}-{width}x{height}.png"))

            click(driver, "nav-home")
            find(driver, "#home-audit-entries")
            save("01-home")

            click(driver, "nav-clients")
            find(driver, "#portfolio")
            save("02-clients")
            driver.execute_script("document.getElementById('portfolio').scrollIntoView({block: 'start'});")
            driver.save_screenshot(str(out / f"03-portfolio-{lang}-{width}x{height}.png"))

            press(driver, find(driver, "#client-list .entry-link"))
            find(driver, "#client-overview")
            save("04-client-overview")
            for tab, name in (("channels", "05-client-channels"), ("vendors", "06-client-vendors"),
                              ("actions", "07-client-actions"), ("reports", "08-client-reports")):
                open_tab(driver, tab)
                save(name)

            open_tab(driver, "overview")
            press(driver, row_button(driver, "data_source", "Bought EU"))
            find(driver, "#wizard")
            save("09-wizard-data-source")
            driver.execute_script("document.getElementById('findings').scrollIntoView({block: 'start'});")
            driver.save_screenshot(str(out / f"10-findings-{lang}-{width}x{height}.png"))
            open_assessment_tab(driver, "review")
            save("11-review")
            open_assessment_tab(driver, "reports")
            save("12-reports")

            click(driver, "nav-clients")
            press(driver, find(driver, "#client-list .entry-link"))
            find(driver, "#client-overview")
            press(driver, row_button(driver, "vendor", "Emerald"))
            find(driver, "#wizard")
            save("13-wizard-vendor")

            click(driver, "nav-clients")
            press(driver, find(driver, "#client-list .entry-link"))
            find(driver, "#client-overview")
            press(driver, row_button(driver, "pia", "WhatsApp"))
            find(driver, "#wizard")
            save("14-wizard-pia")

            click(driver, "nav-assessments")
            find(driver, ".assessment-table")
            save("15-assessments")

            click(driver, "nav-settings")
            save("16-settings")

            click(driver, "nav-actions")
            save("17-actions")

            # Search: the placeholder's own example, in the language of the screen.
            click(driver, "nav-home")
            find(driver, "#home-audit-entries")
            type_into(driver, "search-input", "consent" if lang == "en" else "同意")
            find(driver, "#search-results")
            driver.execute_script("document.getElementById('search-input').scrollIntoView({block: 'start'});")
            driver.save_screenshot(str(out / f"18-search-{lang}-{width}x{height}.png"))
            find(driver, "#search-input").clear()
