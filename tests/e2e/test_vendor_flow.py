"""A vendor through the real webview: a client and its SMS vendor, a vendor-entrustment assessment
answered so that core rates it — a processor in China and the EU whose transfer no linked transfer assessment covers, a
signed contract with one clause present and one partial — and the screen shows core's tier
(high), clause coverage (75 % of the clauses checked), rating and finding at each step. The vendor report is saved
through the test-only save hook and read back with pdftotext (it states the same tier and
coverage). Then review, approval, a re-opened version 2 with one clause now present, and the
side-by-side comparison with version 1."""

import hashlib
import re
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from steps import click, create_vault, find, open_assessment_tab, open_tab, shot, type_into, wait, wait_for_text


def pdf_text(path):
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def wait_for_file(driver, path):
    def written(_):
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else False

    return wait(driver, 60).until(written)


def answer(driver, question, value):
    """Chooses one option of a question (a radio, checkbox or segmented button) and waits for
    core to confirm the save."""
    click(driver, f"q-{question}-{value}")
    wait_for_text(driver, "save-state", "Saved")


def test_vendor_assessment_tier_coverage_report_and_version_diff(driver, artifacts, save_path):
    create_vault(driver)

    # A client and its vendor.
    click(driver, "nav-clients")
    type_into(driver, "client-name", "Huadong Trading Co.")
    click(driver, "client-add")
    wait_for_text(driver, "client-title", "Huadong Trading Co.")
    open_tab(driver, "vendors")
    type_into(driver, "vendor-name", "SwiftSMS Ltd")
    type_into(driver, "vendor-country", "Ireland")
    type_into(driver, "vendor-service", "SMS gateway")
    click(driver, "vendor-add")
    assert "SwiftSMS Ltd" in wait_for_text(driver, "vendor-list", "SwiftSMS Ltd")

    # A vendor-entrustment assessment of it.
    click(driver, "new-assessment")
    click(driver, "na-template-vendor-entrustment")
    type_into(driver, "na-title", "SwiftSMS due diligence")
    wait(driver).until(
        lambda d: "SwiftSMS" in d.find_element(By.ID, "na-subject").text
        and d.find_element(By.ID, "na-subject").get_attribute("value") not in ("", None)
    )
    click(driver, "na-create")
    wait_for_text(driver, "wizard-title", "SwiftSMS due diligence")

    # Unanswered, nothing is known yet: a blank raises no tier and checks no clause, and both say so.
    assert "low (provisional)" in wait_for_text(driver, "vendor-tier", "provisional")
    assert "not yet checked" in wait_for_text(driver, "clause-coverage", "not yet checked")

    # Relationship: an entrusted processor, PRC rules.
    answer(driver, "ve01_classification", "entrusted_processor")
    answer(driver, "ve01_regime", "prc")
    # Due diligence: data held in China and the EU, no transfer assessment linked — high ("transfer
    # not assessed": the route is the transfer assessment's to name).
    click(driver, "section-due_diligence")
    answer(driver, "ve05_locations", "prc")
    answer(driver, "ve05_locations", "eu_eea")
    answer(driver, "ve05_mechanism", "missing")
    assert "high" in wait_for_text(driver, "vendor-tier", "high")
    assert "high risk" in wait_for_text(driver, "rating-overall", "high risk")
    findings = wait_for_text(driver, "findings", "transfer")
    assert "Transfer not assessed" in findings or "transfer not assessed" in findings.lower()

    # The contract: signed, purpose clause present, term clause partial → 1.5 of the 2 clauses
    # checked; the other 10 are not yet checked, never "missing".
    click(driver, "section-contract")
    answer(driver, "ve06_signed", "yes")
    answer(driver, "ve07_purpose_clause", "yes")
    answer(driver, "ve08_term_clause", "partial")
    coverage = wait_for_text(
        driver, "clause-coverage", "75.0 % of the 2 clauses checked; 10 not yet checked"
    )
    assert "12 mandatory clauses" in coverage and "1 present" in coverage and "1 partial" in coverage
    summary = driver.find_element(By.ID, "vendor-summary")
    toggle = summary.find_element(By.CSS_SELECTOR, "details.coverage-open summary")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", toggle)
    toggle.click()
    open_clauses = wait(driver).until(EC.visibility_of_element_located((By.ID, "coverage-open")))
    assert "partial" in open_clauses.text and "not yet checked" in open_clauses.text
    assert "missing" not in open_clauses.text
    driver.execute_script("document.getElementById('wizard').scrollIntoView({block: 'start'});")
    shot(driver, artifacts, "vendor-wizard-en")

    # The vendor report, saved through the hook: it states core's tier and coverage.
    open_assessment_tab(driver, "reports")
    click(driver, "report-lang-en")
    click(driver, "report-generate")
    # No profile in this vault: the first report asks for one once; go on without it.
    click(driver, "profile-prompt-later")
    wait_for_file(driver, save_path)
    wait_for_text(driver, "report-saved", "report.pdf")
    text = pdf_text(save_path)
    assert re.search(r"Tier\s+high", text), "the report states the vendor's tier"
    # The value may wrap inside its table cell: compare with the line breaks folded.
    assert "Clause coverage 75.0 % of the 2 clauses checked; 10 not yet checked" in " ".join(
        text.split()
    )
    assert "SwiftSMS" in text

    # In Chinese, the same result in Chinese words.
    open_assessment_tab(driver, "questions")
    click(driver, "lang-zh")
    assert "高" in wait_for_text(driver, "vendor-tier", "高")
    wait_for_text(driver, "vendor-summary", "条款覆盖率")
    driver.execute_script("window.scrollTo(0, 0);")
    wait(driver).until(lambda d: d.execute_script("return window.scrollY") == 0)
    shot(driver, artifacts, "vendor-wizard-zh")
    click(driver, "lang-en")

    # Submit, approve, re-open as version 2 and make the term clause present.
    open_assessment_tab(driver, "review")
    click(driver, "submit-review")
    click(driver, "submit-confirm")
    wait_for_text(driver, "assessment-status", "In review")
    type_into(driver, "signoff-name", "Wang Li")
    type_into(driver, "signoff-role", "DPO")
    for key in ("processing_accurate", "risks_understood", "actions_endorsed", "implementation_committed"):
        click(driver, f"attest-{key}")
    # Clauses not yet checked are open decisive points: approve with them as reservations.
    click(driver, "signoff-with-reservations")
    click(driver, "signoff-submit")
    wait_for_text(driver, "assessment-status", "Approved")
    click(driver, "reopen")
    wait_for_text(driver, "assessment-version", "Version 2")
    click(driver, "section-contract")
    answer(driver, "ve08_term_clause", "yes")
    wait_for_text(driver, "clause-coverage", "100.0 % of the 2 clauses checked; 10 not yet checked")

    # Version 2 beside version 1: the changed answer, old and new, as core words them.
    open_assessment_tab(driver, "review")
    click(driver, "compare-previous")
    wait_for_text(driver, "diff-title", "Changes from version 1 to version 2")
    row = find(driver, "#diff-answers tr[data-question='ve08_term_clause']")
    assert row.find_element(By.CSS_SELECTOR, ".diff-before").text.strip() == "partial"
    assert row.find_element(By.CSS_SELECTOR, ".diff-after").text.strip() == "yes"
    assert len(driver.find_elements(By.CSS_SELECTOR, "#diff-answers tbody tr")) == 1
    removed = wait_for_text(driver, "diff-removed", "")
    assert removed.strip(), "the partial-term finding is gone in version 2"
    rating = driver.find_element(By.ID, "diff-rating").text
    assert rating.count("high risk") == 2, "still high risk: the transfer is not assessed"
    driver.execute_script("document.getElementById('diff-view').scrollIntoView({block: 'start'});")
    shot(driver, artifacts, "vendor-diff-en")
    click(driver, "diff-close")
    wait(driver).until(lambda d: d.find_elements(By.ID, "diff-view") == [])
