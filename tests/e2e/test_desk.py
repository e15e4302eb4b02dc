"""The DPO's desk in the real app, on the CLI's demo vault: Home's figures match the list under
them and the audit log; the client overview shows every channel, vendor and PIA with its ratings
and next step, and the portfolio the same across clients; an assessment's findings are counted by
severity, headed by a short fix-first list and grouped (collapsible) by root cause."""

import re

from selenium.webdriver.common.by import By

from steps import PASSPHRASE, click, find, type_into, wait, wait_for_text


def unlock(driver):
    wait_for_text(driver, "screen-title", "Unlock your vault")
    type_into(driver, "passphrase", PASSPHRASE)
    click(driver, "submit")
    wait_for_text(driver, "unlocked-status", "Vault unlocked")


def press(driver, element):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def test_overview_portfolio_and_grouped_findings(demo_vault, driver):
    unlock(driver)

    # Home: the figures count what the list shows, and the audit log as it stands.
    approved = int(wait_for_text(driver, "count-approved", "3"))
    listed = [r.text for r in driver.find_elements(By.CSS_SELECTOR, ".assessment-table tbody tr")]
    assert sum("Approved" in r for r in listed) == approved, listed
    assert int(find(driver, "#home-audit-entries").text) > 300
    assert "Schema version" not in driver.find_element(By.ID, "home").text

    # The portfolio: every entry of every active client, with its client.
    click(driver, "nav-clients")
    portfolio = find(driver, "#portfolio")
    rows = portfolio.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == 6
    assert all("Lanhai Electronics" in r.text for r in rows)

    # The client's overview: one row per channel, vendor and PIA.
    press(driver, find(driver, "#client-list .entry-link"))
    overview = find(driver, "#client-overview")
    kinds = [r.get_attribute("data-kind") for r in overview.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert kinds == ["data_source"] * 4 + ["vendor", "pia"]
    bought = next(r for r in overview.find_elements(By.CSS_SELECTOR, "tbody tr") if "Bought EU" in r.text)
    assert "Purchased or rented list" in bought.text, "the channel by its label, not its code"
    assert "prohibited" in bought.text and "Required questions answered" in overview.text
    vendor = overview.find_element(By.CSS_SELECTOR, "tbody tr[data-kind='vendor']")
    assert "Approved" in vendor.text and "2026-06-30" in vendor.text
    assert vendor.find_element(By.CSS_SELECTOR, "button[data-step]").get_attribute("data-step") == "open"

    # Continue the bought list: its findings, counted, fix-first, grouped.
    press(driver, bought.find_element(By.CSS_SELECTOR, "button[data-step='continue']"))
    wait_for_text(driver, "wizard-title", "Bought EU")
    find(driver, "#severity-counts [data-severity='critical']")
    fix_first = driver.find_elements(By.CSS_SELECTOR, "#fix-first li")
    assert 1 <= len(fix_first) <= 5
    groups = driver.find_elements(By.CSS_SELECTOR, "#findings details.finding-group")
    # A closed group draws its findings only when opened: count them from the groups' headings.
    headings = [g.find_element(By.TAG_NAME, "summary").text for g in groups]
    findings = sum(int(re.search(r"· (\d+) findings? ·", h).group(1)) for h in headings)
    assert 1 < len(groups) < findings, (len(groups), findings, headings)
    assert groups[0].get_attribute("open") is not None
    assert not any("-" in h.split(" · ")[0] and " " not in h.split(" · ")[0] for h in headings), headings

    # A group collapses, and "fix first" opens the group that holds the finding it names.
    first = groups[0]
    press(driver, first.find_element(By.TAG_NAME, "summary"))
    wait(driver).until(lambda d: first.get_attribute("open") is None)
    assert not any(f.is_displayed() for f in first.find_elements(By.CSS_SELECTOR, ".finding"))
    press(driver, fix_first[0].find_element(By.TAG_NAME, "button"))
    wait(driver).until(
        lambda d: any(
            f.is_displayed() for f in d.find_elements(By.CSS_SELECTOR, "#findings details[open] .finding")
        )
    )


def test_search_finds_findings_and_opens_them(demo_vault, driver):
    """"consent", the search box's own example: hits labelled by what they are, the match marked,
    and a finding opens its assessment with that finding's group open and in view."""
    unlock(driver)
    type_into(driver, "search-input", "consent")
    results = find(driver, "#search-results")
    wait(driver).until(lambda d: results.find_elements(By.CSS_SELECTOR, "li"))
    items = results.find_elements(By.CSS_SELECTOR, "li")
    labels = {i.find_element(By.CSS_SELECTOR, ".tag").text for i in items}
    assert {"Finding", "Question"} <= labels, labels
    marks = [m.text.lower() for m in results.find_elements(By.CSS_SELECTOR, "mark")]
    assert marks and all(m == "consent" for m in marks), marks

    # The last finding hit: likely not in the group open by default.
    finding = [i for i in items if i.get_attribute("data-kind") == "finding"][-1]
    finding_id = finding.get_attribute("data-finding")
    # Called by the finding's own title, with the assessment it lies in named beside it.
    title = finding.find_element(By.TAG_NAME, "strong").text
    assessment = finding.find_element(By.CSS_SELECTOR, "strong + .muted").text.strip(" ·")
    press(driver, finding.find_element(By.TAG_NAME, "button"))
    wait_for_text(driver, "wizard-title", assessment)
    shown = wait(driver).until(lambda d: d.find_element(By.ID, f"finding-{finding_id}"))
    wait(driver).until(lambda d: shown.is_displayed())
    assert title in shown.text, (title, shown.text)

    # In Chinese, a two-character term, labelled in Chinese.
    click(driver, "nav-home")
    click(driver, "lang-zh")
    type_into(driver, "search-input", "同意")
    results = find(driver, "#search-results")
    wait(driver).until(lambda d: results.find_elements(By.CSS_SELECTOR, "li .tag"))
    labels = {t.text for t in results.find_elements(By.CSS_SELECTOR, "li .tag")}
    assert "发现项" in labels and "问题" in labels, labels


def overflow(driver, selector):
    """How far an element's content runs past its box, sideways, in pixels (0 when it fits)."""
    return driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e.scrollWidth - e.clientWidth;", selector
    )


def nav_home_below_the_bar(driver):
    return driver.execute_script(
        "const bar = document.querySelector('.topbar').getBoundingClientRect();"
        "const home = document.getElementById('nav-home').getBoundingClientRect();"
        "return home.top >= bar.bottom - 1 && home.bottom <= window.innerHeight;"
    )


def test_at_1024_by_700_the_tables_fit_and_the_navigation_stays_below_the_bar(demo_vault, driver):
    """The 1024×700 screenshots showed the action plan's last column pushed off the page in
    Chinese, the overview's last columns under its sticky next-step column, and the side
    navigation losing its first item under the top bar once a page scrolled."""
    unlock(driver)
    driver.set_window_size(1024, 700)
    for lang in ("zh", "en"):
        click(driver, f"lang-{lang}")
        click(driver, "nav-actions")
        find(driver, "#action-list tbody tr")
        assert overflow(driver, "html") <= 0, f"the action plan scrolls sideways ({lang})"
        assert overflow(driver, ".table-scroll:has(> #action-list)") <= 0, f"the action plan is cut ({lang})"

        click(driver, "nav-clients")
        find(driver, "#portfolio tbody tr")
        driver.execute_script("document.getElementById('portfolio').scrollIntoView({block: 'end'});")
        wait(driver).until(lambda d: d.execute_script("return window.scrollY") > 0)
        assert nav_home_below_the_bar(driver), f"Home is under the top bar ({lang})"
        assert overflow(driver, ".table-scroll:has(> #portfolio)") <= 0, f"the portfolio is cut ({lang})"

        click(driver, "nav-assessments")
        find(driver, ".assessment-table tbody tr")
        assert overflow(driver, "html") <= 0, f"the assessment list scrolls sideways ({lang})"
        assert overflow(driver, ".table-scroll:has(> .assessment-table)") <= 0, f"the assessment list is cut ({lang})"
