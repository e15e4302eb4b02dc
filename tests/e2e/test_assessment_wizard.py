"""The assessment wizard through the real webview: create a vault, add a client and a data source,
start a data-source assessment, answer the channel ("bought list") and the routing question, and
see core's rating, findings and citations appear — in English, then in Chinese. Screenshots of
each main screen land in tests/e2e/artifacts/ at 1280×800 and 1024×700."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from steps import choose, click, create_vault, find, open_tab, shot, type_into, wait, wait_for_text


def test_data_source_assessment_shows_core_findings_live(driver, artifacts):
    create_vault(driver)
    shot(driver, artifacts, "home-empty-en")

    # A client, then a data source on its page.
    click(driver, "nav-clients")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "clients-empty")))
    shot(driver, artifacts, "clients-empty-en")
    type_into(driver, "client-name", "华东商贸有限公司")
    type_into(driver, "client-matter", "2026 marketing review")
    click(driver, "client-add")
    assert wait_for_text(driver, "client-title", "华东商贸有限公司")

    open_tab(driver, "channels")

    type_into(driver, "ds-name", "Purchased lead list")
    choose(driver, "ds-channel", "BUY")
    click(driver, "ds-add")
    assert "Purchased or rented list" in wait_for_text(driver, "source-list", "Purchased lead list")
    shot(driver, artifacts, "client-page-en")

    # A data-source assessment of it.
    click(driver, "new-assessment")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "na-title")))
    assert driver.find_element(By.ID, "na-template-data-source").is_selected()
    type_into(driver, "na-title", "Bought list — Q3 campaign")
    wait(driver).until(
        lambda d: d.find_element(By.ID, "na-subject").get_attribute("value") not in ("", None)
    )
    wait(driver).until(lambda d: d.find_element(By.ID, "na-create").is_enabled())
    shot(driver, artifacts, "new-assessment-en")
    click(driver, "na-create")

    # The wizard: first section's questions, nothing rated worse than compliant yet.
    wait_for_text(driver, "wizard-title", "Bought list")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "q-ds01_channel")))
    assert driver.find_elements(By.ID, "q-ds17_provenance") == []
    # The channel comes from the register entry: answered already, never asked twice. The
    # channel alone states no fact: its typical risk is what the open gates could reach.
    wait(driver).until(lambda d: d.find_element(By.ID, "q-ds01_channel-BUY").is_selected())
    assert "prohibited" in wait_for_text(driver, "rating-overall", "prohibited")
    assert driver.find_element(By.ID, "rating-overall").get_attribute("data-certainty") != "settled"
    assert "Channel pre-screen default" not in driver.find_element(By.ID, "findings").text

    # A typed number autosaves when the field is left, and counts toward progress.
    type_into(driver, "q-ds01_volume-input", "1200")
    click(driver, "q-ds01_purpose-input")
    wait_for_text(driver, "overall-progress-label", "2/")
    wait_for_text(driver, "save-state", "Saved")

    # An explicit answer to a gate: the list's provenance cannot be traced.
    click(driver, "section-high_risk_sources")
    click(driver, "q-ds17_provenance-no")
    wait_for_text(driver, "save-state", "Saved")
    assert "prohibited" in wait_for_text(driver, "rating-overall", "prohibited")

    # The routing question: PRC only, so the EU rating disappears and the PRC one shows.
    click(driver, "section-scope")
    click(driver, "q-ds02_regime-prc")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "rating-prc")))
    wait(driver).until(lambda d: d.find_elements(By.ID, "rating-eu") == [])
    assert "prohibited" in driver.find_element(By.ID, "rating-prc").text

    # Findings with citations; a citation opens its provision from the law register.
    findings = driver.find_element(By.ID, "findings")
    assert "List provenance cannot be traced" in findings.text
    chips = findings.find_elements(By.CSS_SELECTOR, ".cite-chip")
    assert chips, "a finding shows its citation chips"
    shot(driver, artifacts, "wizard-en")

    chip = chips[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", chip)
    chip.click()
    panel = wait(driver).until(EC.visibility_of_element_located((By.ID, "citation-panel")))
    wait(driver).until(lambda d: d.find_element(By.ID, "citation-gist").text.strip() != "")
    assert panel.find_element(By.ID, "citation-title").text.strip()
    shot(driver, artifacts, "citation-panel-en")
    panel.find_element(By.CSS_SELECTOR, ".panel-head button").click()
    wait(driver).until(lambda d: d.find_elements(By.ID, "citation-panel") == [])

    # Chinese: the same screen, core's text in Chinese too.
    click(driver, "lang-zh")
    assert "禁止" in wait_for_text(driver, "rating-overall", "禁止")
    wait_for_text(driver, "findings-title", "发现项")
    shot(driver, artifacts, "wizard-zh")

    # The gate questions of a bought list appeared once the channel was chosen.
    click(driver, "section-high_risk_sources")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "q-ds17_provenance")))
    shot(driver, artifacts, "wizard-gates-zh")

    # The narrower window keeps everything reachable.
    driver.set_window_size(1024, 700)
    wait(driver).until(lambda d: d.execute_script("return window.innerWidth") <= 1024)
    assert driver.find_element(By.ID, "rating-overall").is_displayed()
    shot(driver, artifacts, "wizard-zh-1024")
    click(driver, "lang-en")
    wait_for_text(driver, "findings-title", "Findings")
    shot(driver, artifacts, "wizard-en-1024")

    # The list screens in both languages.
    click(driver, "nav-assessments")
    wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".assessment-table")))
    assert "prohibited" in driver.find_element(By.CSS_SELECTOR, ".assessment-table").text
    shot(driver, artifacts, "assessments-en-1024")
    driver.set_window_size(1280, 800)
    click(driver, "nav-home")
    wait_for_text(driver, "count-draft", "1")
    shot(driver, artifacts, "home-en")
    click(driver, "lang-zh")
    wait_for_text(driver, "home-title", "首页")
    shot(driver, artifacts, "home-zh")
    click(driver, "nav-clients")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "client-list")))
    shot(driver, artifacts, "clients-zh")
    driver.find_element(By.CSS_SELECTOR, "#client-list .entry-link").click()
    wait_for_text(driver, "client-title", "华东商贸有限公司")
    assert "禁止" in find(driver, "#client-overview").text
    open_tab(driver, "assessments")
    wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".assessment-table")))
    assert "禁止" in driver.find_element(By.CSS_SELECTOR, ".assessment-table").text
    shot(driver, artifacts, "client-page-zh")
    click(driver, "new-assessment")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "na-title")))
    shot(driver, artifacts, "new-assessment-zh")
