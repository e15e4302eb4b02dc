"""The action plan, the profile asked for once and the auto-lock setting, through the real webview:
an action made from a finding keeps the finding's words in both languages, a finding offers
"Open action" (never a second "Create action") once it has one, every field of an action is edited
and survives Lock → Unlock, the cross-client Actions screen links back to the assessment; the first
report asks for the profile and prints its name; auto-lock 0 is refused with core's reason and the
old time is kept."""

import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from steps import (
    PASSPHRASE,
    choose,
    click,
    create_vault,
    find,
    open_assessment_tab,
    open_tab,
    set_value,
    shot,
    type_into,
    wait,
    wait_for_text,
)


def pdf_text(path):
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def field_value(driver, element_id):
    return wait(driver).until(EC.presence_of_element_located((By.ID, element_id))).get_attribute("value")


def prohibited_assessment(driver):
    """A client with a bought list, assessed as prohibited; leaves the wizard on screen."""
    click(driver, "nav-clients")
    type_into(driver, "client-name", "华东商贸有限公司")
    click(driver, "client-add")
    wait_for_text(driver, "client-title", "华东商贸有限公司")
    open_tab(driver, "channels")
    type_into(driver, "ds-name", "Purchased lead list")
    choose(driver, "ds-channel", "BUY")
    click(driver, "ds-add")
    wait_for_text(driver, "source-list", "Purchased lead list")
    click(driver, "new-assessment")
    type_into(driver, "na-title", "Bought list")
    wait(driver).until(lambda d: d.find_element(By.ID, "na-create").is_enabled())
    click(driver, "na-create")
    wait_for_text(driver, "wizard-title", "Bought list")
    # The channel comes from the register entry.
    wait(driver).until(lambda d: d.find_element(By.ID, "q-ds01_channel-BUY").is_selected())
    click(driver, "section-scope")
    click(driver, "q-ds02_regime-prc")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "rating-prc")))
    click(driver, "section-high_risk_sources")
    click(driver, "q-ds17_provenance-no")
    wait_for_text(driver, "save-state", "Saved")
    click(driver, "section-scope")
    wait_for_text(driver, "rating-overall", "prohibited")


def first_finding(driver):
    return find(driver, "#findings .finding")


def press(driver, parent, css):
    button = wait(driver).until(lambda _: parent.find_element(By.CSS_SELECTOR, css))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()


def test_actions_are_editable_linked_and_one_per_finding(driver, artifacts, save_path):
    create_vault(driver)
    prohibited_assessment(driver)

    # From the first finding, its recommendation left as it is: kept in both languages.
    finding = first_finding(driver)
    recommendation_en = finding.find_element(By.CSS_SELECTOR, ".finding-recommendation").text
    press(driver, finding, ".create-action")
    wait(driver).until(lambda d: field_value(d, "action-title").strip())
    type_into(driver, "action-owner", "Li Wei")
    set_value(driver, "action-due", "2030-06-30")
    click(driver, "action-save")
    line = wait(driver).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, "#findings .finding .finding-action"))
    )
    assert line.text.startswith("✓ Action: ") and "(open) · Li Wei · 2030-06-30" in line.text
    finding = first_finding(driver)
    assert not finding.find_elements(By.CSS_SELECTOR, ".create-action"), "a second Create action"
    assert finding.find_elements(By.CSS_SELECTOR, ".open-action")
    assert finding.find_elements(By.CSS_SELECTOR, ".add-another-action")

    # The same action in Chinese: the finding's words, not a frozen English title.
    click(driver, "lang-zh")
    line = wait(driver).until(
        lambda d: next(
            (e for e in d.find_elements(By.CSS_SELECTOR, "#findings .finding .finding-action") if "整改措施：" in e.text),
            None,
        )
    )
    recommendation = first_finding(driver).find_element(By.CSS_SELECTOR, ".finding-recommendation")
    label = recommendation.find_element(By.CSS_SELECTOR, ".label").text
    words_zh = recommendation.text.removeprefix(label).strip(" :：")
    assert words_zh and words_zh in line.text, (words_zh, line.text)
    shot(driver, artifacts, "finding-action-zh")
    click(driver, "lang-en")
    wait(driver).until(lambda d: "Action: " in first_finding(d).find_element(By.CSS_SELECTOR, ".finding-action").text)

    # Open it and edit every field.
    press(driver, first_finding(driver), ".open-action")
    assert field_value(driver, "action-title").strip() in recommendation_en
    type_into(driver, "action-title", "Delete the bought list")
    type_into(driver, "action-owner", "Wang Fang")
    set_value(driver, "action-due", "2030-07-31")
    type_into(driver, "action-note", "Ask marketing for the supplier contract")
    click(driver, "action-save")
    wait(driver).until(
        lambda d: "Action: Delete the bought list (open) · Wang Fang · 2030-07-31"
        in first_finding(d).find_element(By.CSS_SELECTOR, ".finding-action").text
    )

    # Lock → Unlock: everything was saved in the vault.
    click(driver, "lock")
    wait_for_text(driver, "screen-title", "Unlock your vault")
    type_into(driver, "passphrase", PASSPHRASE)
    click(driver, "submit")
    wait_for_text(driver, "unlocked-status", "Vault unlocked")

    # The cross-client Actions screen: client, assessment link, every field.
    click(driver, "nav-actions")
    wait_for_text(driver, "actions-screen-title", "Action plan")
    row = find(driver, "#action-list tbody tr")
    for text in ("Delete the bought list", "Ask marketing for the supplier contract", "华东商贸有限公司", "Bought list", "Wang Fang", "2030-07-31"):
        assert text in row.text, (text, row.text)
    shot(driver, artifacts, "actions-screen-en")
    press(driver, row, ".edit-action")
    assert field_value(driver, "action-title") == "Delete the bought list"
    assert field_value(driver, "action-owner") == "Wang Fang"
    assert field_value(driver, "action-due") == "2030-07-31"
    assert field_value(driver, "action-note") == "Ask marketing for the supplier contract"
    press(driver, find(driver, "#action-form"), "button[type=button]")

    # Back to the assessment and its finding, which names the action.
    press(driver, find(driver, "#action-list tbody tr"), ".action-assessment")
    wait_for_text(driver, "wizard-title", "Bought list")
    wait(driver).until(
        lambda d: "Delete the bought list" in first_finding(d).find_element(By.CSS_SELECTOR, ".finding-action").text
    )

    # A second action on the same finding only on purpose.
    press(driver, first_finding(driver), ".add-another-action")
    type_into(driver, "action-title", "Tell the shops to stop using the list")
    click(driver, "action-save")
    wait(driver).until(lambda d: len(first_finding(d).find_elements(By.CSS_SELECTOR, ".finding-action")) == 2)

    # The first report asks for the profile once; its name is the report's author.
    open_assessment_tab(driver, "reports")
    click(driver, "report-lang-en")
    click(driver, "report-generate")
    wait_for_text(driver, "profile-prompt-title", "Who is this from?")
    shot(driver, artifacts, "profile-prompt-en")
    type_into(driver, "profile-prompt-name", "Wang Fang")
    type_into(driver, "profile-prompt-role", "Data protection officer")
    type_into(driver, "profile-prompt-firm", "Huadong Law")
    click(driver, "profile-prompt-save")
    wait(driver, 60).until(lambda _: save_path.is_file())
    wait_for_text(driver, "report-saved", "report.pdf")
    text = pdf_text(save_path)
    assert "Wang Fang" in text
    assert "author not recorded" not in text
    assert "DPO Desk user" not in text
    click(driver, "nav-settings")
    wait(driver).until(lambda d: field_value(d, "profile-name") == "Wang Fang")


def test_auto_lock_zero_is_refused_with_a_reason_and_the_old_time_kept(driver, artifacts):
    create_vault(driver)
    click(driver, "nav-settings")
    wait_for_text(driver, "settings-title", "Settings")
    assert field_value(driver, "auto-lock-minutes") == "10"
    type_into(driver, "auto-lock-minutes", "0")
    click(driver, "auto-lock-save")
    refusal = wait_for_text(driver, "auto-lock-error", "cannot be turned off")
    assert "from 1 to 480 minutes" in refusal
    assert not driver.find_elements(By.ID, "auto-lock-saved")
    shot(driver, artifacts, "auto-lock-refused-en")

    type_into(driver, "auto-lock-minutes", "25")
    click(driver, "auto-lock-save")
    wait_for_text(driver, "auto-lock-saved", "Saved")
    click(driver, "nav-home")
    click(driver, "nav-settings")
    wait(driver).until(lambda d: field_value(d, "auto-lock-minutes") == "25")
