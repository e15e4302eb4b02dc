"""From a prohibited channel to a signed report, through the real webview: a data-source assessment
of a bought list made "prohibited", an action created from its finding and tracked on the client's
page, submit for review (open required questions listed first), an approval refused by core
without the attestations and accepted with them, a bilingual report and the bilingual client memo
saved through the test-only dialog hook (DPODESK_TEST_SAVE_PATH, debug builds only) and read back
with pdftotext, a re-open as version 2 — then Lock → Unlock, and the answers are still there."""

import hashlib
import subprocess
import zipfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from steps import PASSPHRASE, choose, click, create_vault, find, open_assessment_tab, open_tab, set_value, shot, type_into, wait, wait_for_text


def pdf_text(path):
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def wait_for_new_file(driver, path, previous_sha=None):
    """Waits until `path` exists and (if given) differs from an earlier version; returns its hash."""

    def written(_):
        if not path.is_file():
            return False
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        return sha if sha != previous_sha else False

    return wait(driver, 60).until(written)


def test_action_review_report_memo_and_relock(driver, artifacts, save_path):
    create_vault(driver)

    # A client with a bought list, assessed: prohibited.
    click(driver, "nav-clients")
    type_into(driver, "client-name", "华东商贸有限公司")
    click(driver, "client-add")
    wait_for_text(driver, "client-title", "华东商贸有限公司")
    open_tab(driver, "actions")
    assert "No actions yet" in wait_for_text(driver, "actions-card", "No actions yet")
    open_tab(driver, "channels")
    type_into(driver, "ds-name", "Purchased lead list")
    choose(driver, "ds-channel", "BUY")
    click(driver, "ds-add")
    wait_for_text(driver, "source-list", "Purchased lead list")
    click(driver, "new-assessment")
    type_into(driver, "na-title", "Bought list — Q3 campaign")
    wait(driver).until(lambda d: d.find_element(By.ID, "na-create").is_enabled())
    click(driver, "na-create")
    wait_for_text(driver, "wizard-title", "Bought list")
    # The channel comes from the register entry: the wizard does not ask it again.
    wait(driver).until(lambda d: d.find_element(By.ID, "q-ds01_channel-BUY").is_selected())
    click(driver, "section-scope")
    click(driver, "q-ds02_regime-prc")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "rating-prc")))
    # A finding needs an explicit answer: the list's provenance cannot be traced.
    click(driver, "section-high_risk_sources")
    click(driver, "q-ds17_provenance-no")
    wait_for_text(driver, "save-state", "Saved")
    click(driver, "section-scope")
    assert "prohibited" in wait_for_text(driver, "rating-overall", "prohibited")
    assert "Draft" in driver.find_element(By.ID, "assessment-status").text

    # An action from the first finding: owner and due date.
    finding = find(driver, "#findings .finding")
    finding_title = finding.find_element(By.CSS_SELECTOR, ".finding-title").text
    button = finding.find_element(By.CSS_SELECTOR, ".create-action")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    wait(driver).until(lambda d: d.find_element(By.ID, "action-title").get_attribute("value").strip())
    type_into(driver, "action-owner", "Li Wei")
    set_value(driver, "action-due", "2030-06-30")
    click(driver, "action-save")
    created = wait(driver).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, "#findings .finding-action"))
    )
    assert created.text.startswith("✓ Action: ") and "(open) · Li Wei · 2030-06-30" in created.text
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", created)
    shot(driver, artifacts, "finding-action-en")

    # Submit for review: the open required questions come first, from core's outcome.
    open_assessment_tab(driver, "review")
    click(driver, "submit-review")
    unanswered = wait(driver).until(EC.visibility_of_element_located((By.ID, "submit-unanswered")))
    assert unanswered.find_elements(By.TAG_NAME, "li"), "core lists the open required questions"
    driver.execute_script("document.getElementById('submit-check').scrollIntoView({block: 'center'});")
    shot(driver, artifacts, "submit-check-en")
    click(driver, "submit-confirm")
    wait_for_text(driver, "assessment-status", "In review")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "signoff-form")))
    open_assessment_tab(driver, "questions")
    assert not find(driver, "#q-ds02_regime-prc").is_enabled()
    open_assessment_tab(driver, "review")

    # Approval without the attestations: core refuses, and says why.
    type_into(driver, "signoff-name", "王律师")
    type_into(driver, "signoff-role", "DPO")
    type_into(driver, "signoff-comment", "Stop using the purchased list.")
    click(driver, "signoff-submit")
    assert "attestations" in wait_for_text(driver, "review-error", "attestations")
    shot(driver, artifacts, "signoff-refused-en")
    for key in ("processing_accurate", "risks_understood", "actions_endorsed", "implementation_committed"):
        click(driver, f"attest-{key}")
    # Decisive points are still open: approving over them is refused until chosen explicitly,
    # with the open points listed beside the choice.
    assert driver.find_elements(By.CSS_SELECTOR, "#signoff-open-points li")
    click(driver, "signoff-submit")
    refusal = wait_for_text(driver, "review-error", "reservations")
    assert "approve with reservations" in refusal, refusal
    assert "--with-reservations" not in refusal, "a command-line flag in the app's message"
    click(driver, "signoff-with-reservations")
    click(driver, "signoff-submit")
    wait_for_text(driver, "assessment-status", "Approved")
    assert "王律师" in wait_for_text(driver, "signoffs", "Stop using the purchased list.")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "reopen")))
    assert driver.find_elements(By.ID, "review-error") == []

    # The assessment's report in both languages, saved through the hook.
    open_assessment_tab(driver, "reports")
    click(driver, "report-lang-bi")
    click(driver, "report-generate")
    report_sha = wait_for_new_file(driver, save_path)
    assert "report.pdf" in wait_for_text(driver, "report-saved", "report.pdf")
    text = pdf_text(save_path)
    assert "prohibited" in text and "禁止" in text
    history = wait_for_text(driver, "report-history", "Bilingual")
    assert report_sha in history, "the history shows the saved file's SHA-256"
    driver.execute_script(
        "document.getElementById('report-panel').scrollIntoView({block: 'center'});"
    )
    shot(driver, artifacts, "review-approved-report-en")

    # The same report as a Word file: a real .docx whose body carries the rating in both languages.
    click(driver, "report-format-docx")
    click(driver, "report-generate")
    docx_sha = wait_for_new_file(driver, save_path, previous_sha=report_sha)
    with zipfile.ZipFile(save_path) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "prohibited" in body and "禁止" in body
    assert docx_sha in wait_for_text(driver, "report-history", "DOCX")
    click(driver, "report-format-pdf")
    report_sha = docx_sha

    # Re-open as version 2: a draft with the same answers.
    open_assessment_tab(driver, "review")
    click(driver, "reopen")
    wait_for_text(driver, "assessment-version", "Version 2")
    wait_for_text(driver, "assessment-status", "Draft")
    click(driver, "section-prescreen")
    wait(driver).until(lambda d: d.find_element(By.ID, "q-ds01_channel-BUY").is_selected())

    # The client's page: the action with its status, and the bilingual memo.
    click(driver, "nav-clients")
    find(driver, "#client-list .entry-link").click()
    open_tab(driver, "actions")
    actions = wait(driver).until(EC.visibility_of_element_located((By.ID, "action-list")))
    assert "Li Wei" in actions.text and "2030-06-30" in actions.text
    status = Select(actions.find_element(By.CSS_SELECTOR, "select.action-status"))
    assert status.first_selected_option.text == "Open"
    status.select_by_value("in_progress")
    wait(driver).until(
        lambda d: Select(d.find_element(By.CSS_SELECTOR, "select.action-status")).first_selected_option.text
        == "In progress"
    )
    shot(driver, artifacts, "client-actions-en")
    open_tab(driver, "reports")
    click(driver, "memo-lang-bi")
    click(driver, "memo-generate")
    memo_sha = wait_for_new_file(driver, save_path, previous_sha=report_sha)
    wait_for_text(driver, "memo-saved", "report.pdf")
    text = pdf_text(save_path)
    assert "prohibited" in text and "禁止" in text
    assert memo_sha in wait_for_text(driver, "memo-history", "Memo")
    shot(driver, artifacts, "client-memo-en")
    click(driver, "lang-zh")
    wait_for_text(driver, "memo-panel-title", "客户备忘录")
    shot(driver, artifacts, "client-memo-zh")
    open_tab(driver, "actions")
    wait_for_text(driver, "actions-title", "整改措施")
    click(driver, "lang-en")

    # Lock → Unlock: the status change, the versions and the answers are all still there.
    click(driver, "lock")
    wait_for_text(driver, "screen-title", "Unlock your vault")
    type_into(driver, "passphrase", PASSPHRASE)
    click(driver, "submit")
    wait_for_text(driver, "unlocked-status", "Vault unlocked")
    click(driver, "nav-clients")
    find(driver, "#client-list .entry-link").click()
    open_tab(driver, "actions")
    actions = wait(driver).until(EC.visibility_of_element_located((By.ID, "action-list")))
    wait(driver).until(
        lambda d: Select(d.find_element(By.CSS_SELECTOR, "select.action-status")).first_selected_option.text
        == "In progress"
    )
    open_tab(driver, "assessments")
    find(driver, ".assessment-table")
    rows = driver.find_elements(By.CSS_SELECTOR, ".assessment-table tbody tr")
    assert len(rows) == 2
    draft = next(r for r in rows if "Draft" in r.text)
    assert "Approved" in next(r for r in rows if r is not draft).text
    draft.find_element(By.CSS_SELECTOR, "button.link").click()
    wait_for_text(driver, "assessment-version", "Version 2")
    channel = wait(driver).until(EC.presence_of_element_located((By.ID, "q-ds01_channel-BUY")))
    assert channel.is_selected(), "the channel answer is shown as selected after unlocking"
    assert "prohibited" in wait_for_text(driver, "rating-overall", "prohibited")
    assert finding_title in driver.find_element(By.ID, "findings").text
    shot(driver, artifacts, "wizard-after-unlock-en")
