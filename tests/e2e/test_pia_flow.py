"""A PIA through the real webview: two risks added from core's catalogue and one custom risk, their
impact and likelihood set before and after measures, and the heat map drawn from core's GB/T 39335
matrix shows each one in the right cell on both grids. Evidence is attached through the open dialog
(the test-only hook DPODESK_TEST_OPEN_PATH of debug builds answers it): a 60 MB file is refused with
core's message before it is read, a small one is listed with its name, size and SHA-256. The PIA
report saved through the save hook names the three risks."""

import hashlib
import re
import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from steps import click, create_vault, find, open_assessment_tab, shot, type_into, wait, wait_for_text

EVIDENCE = b"MFA is enforced on every CRM account (policy IT-07, 2026-01-05).\n"


@pytest.fixture(autouse=True)
def open_path(tmp_path, monkeypatch):
    """The file the open dialog answers with: the app inherits this variable when the `driver`
    fixture starts it (autouse fixtures come first)."""
    path = tmp_path / "chosen" / "mfa-policy.txt"
    path.parent.mkdir()
    monkeypatch.setenv("DPODESK_TEST_OPEN_PATH", str(path))
    return path


def pdf_words(path):
    """The PDF's text with every run of whitespace made one space, so wrapped cells read whole."""
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return re.sub(r"\s+", " ", text)


def choose(driver, element_id, value):
    """Picks an option of a <select> the way a user would, then waits for any save to settle."""
    field = wait(driver).until(EC.element_to_be_clickable((By.ID, element_id)))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
    Select(field).select_by_value(str(value))
    wait(driver).until(lambda d: "Saving" not in d.find_element(By.ID, "save-state").text)


def show(driver, element_id):
    """Scrolls an element to just below the sticky header and waits until it stays there (a late
    re-render may move the page), or as far as the page scrolls when it ends before that."""

    def placed(d):
        return d.execute_script(
            "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
            "if (r.top >= 70 && r.top <= 90) return true;"
            "const end = document.scrollingElement;"
            "if (r.top > 90 && r.top < window.innerHeight"
            "    && end.scrollTop + end.clientHeight >= end.scrollHeight - 1) return true;"
            "window.scrollBy(0, r.top - 80); return false;",
            element_id,
        )

    wait(driver).until(placed)


def risks_in(driver, cell_id):
    return driver.find_element(By.ID, cell_id).get_attribute("data-risks")


def add_from_catalogue(driver, index):
    Select(find(driver, "#q-pia10_risks-catalogue")).select_by_value(str(index))
    click(driver, "q-pia10_risks-add-catalogue")


def test_pia_risks_heat_map_evidence_and_report(driver, artifacts, save_path, open_path):
    create_vault(driver)

    click(driver, "nav-clients")
    type_into(driver, "client-name", "华东商贸有限公司")
    click(driver, "client-add")
    wait_for_text(driver, "client-title", "华东商贸有限公司")
    click(driver, "new-assessment")
    click(driver, "na-template-pia")
    type_into(driver, "na-title", "Loyalty programme PIA")
    wait(driver).until(lambda d: d.find_element(By.ID, "na-create").is_enabled())
    click(driver, "na-create")
    wait_for_text(driver, "wizard-title", "Loyalty programme PIA")

    # The risk register, empty; the heat map says how to place a risk.
    click(driver, "section-risks")
    wait_for_text(driver, "q-pia10_risks-empty", "No rows yet.")
    wait_for_text(driver, "heat-empty", "Rate a risk")

    # Risk 1 from the catalogue (CRM account takeover): impact 3 × likelihood 3 (high), after
    # measures 2 × 1 (low). Likelihood is required: the row says so until it is set.
    add_from_catalogue(driver, 2)
    title_1 = find(driver, "#q-pia10_risks-1-title").get_attribute("value")
    assert title_1.startswith("CRM/SCRM account taken over")
    assert "Likelihood" in wait_for_text(driver, "q-pia10_risks-1-incomplete", "Likelihood")
    choose(driver, "q-pia10_risks-1-impact", 3)
    choose(driver, "q-pia10_risks-1-likelihood", 3)
    wait(driver).until(lambda d: d.find_elements(By.ID, "q-pia10_risks-1-incomplete") == [])
    choose(driver, "q-pia10_risks-1-residual_impact", 2)
    choose(driver, "q-pia10_risks-1-residual_likelihood", 1)

    # Risk 2 from the catalogue (leaked list used for fraud): 4 × 2 (high), after measures only
    # the likelihood drops: 4 × 1 (medium).
    add_from_catalogue(driver, 4)
    title_2 = find(driver, "#q-pia10_risks-2-title").get_attribute("value")
    assert "phone fraud" in title_2
    choose(driver, "q-pia10_risks-2-impact", 4)
    choose(driver, "q-pia10_risks-2-likelihood", 2)
    choose(driver, "q-pia10_risks-2-residual_likelihood", 1)

    # Risk 3, custom: 2 × 4 (high), no measures yet, so it stays where it is.
    click(driver, "q-pia10_risks-add")
    type_into(driver, "q-pia10_risks-3-title", "Agency reuses the lead list for other clients")
    choose(driver, "q-pia10_risks-3-category", "unlawful_list_trading")
    choose(driver, "q-pia10_risks-3-impact", 2)
    choose(driver, "q-pia10_risks-3-likelihood", 4)
    wait_for_text(driver, "save-state", "Saved")

    # Core's heat map: each risk in its cell, before and after measures.
    expected = {
        "heat-before-3-3": "1",
        "heat-after-2-1": "1",
        "heat-before-4-2": "2",
        "heat-after-4-1": "2",
        "heat-before-2-4": "3",
        "heat-after-2-4": "3",
    }
    for cell, risk in expected.items():
        wait(driver).until(lambda d, cell=cell, risk=risk: risks_in(d, cell) == risk)
    assert risks_in(driver, "heat-after-3-3") == ""
    assert driver.find_element(By.ID, "heat-before-3-3").get_attribute("data-level") == "high"
    assert driver.find_element(By.ID, "heat-after-4-1").get_attribute("data-level") == "medium"
    assert driver.find_element(By.ID, "heat-after-2-1").get_attribute("data-level") == "low"
    listed = wait_for_text(driver, "heat-risks", "Agency reuses the lead list")
    assert "Before measures: 3×3 High → After measures: 2×1 Low" in listed
    # The residual risks that stay high become findings.
    assert "Agency reuses the lead list" in wait_for_text(driver, "findings", "Agency reuses")
    show(driver, "heat-map")
    shot(driver, artifacts, "pia-heat-map-en")

    # Evidence: a 60 MB file is refused from its size, with core's message; nothing is listed.
    with open(open_path, "wb") as big:
        big.truncate(60 * 1024 * 1024)
    click(driver, "q-pia11_measures_evidence-attach")
    refused = wait_for_text(driver, "q-pia11_measures_evidence-evidence-error", "limited to 50 MB")
    assert "60 MB" in refused
    assert driver.find_elements(By.ID, "q-pia11_measures_evidence-files") == []

    # A small file is attached and listed with its name, size and SHA-256.
    open_path.write_bytes(EVIDENCE)
    click(driver, "q-pia11_measures_evidence-attach")
    files = wait_for_text(driver, "q-pia11_measures_evidence-files", "mfa-policy.txt")
    assert hashlib.sha256(EVIDENCE).hexdigest() in files
    assert f"{len(EVIDENCE)} B" in files
    assert driver.find_elements(By.ID, "q-pia11_measures_evidence-evidence-error") == []
    show(driver, "q-pia11_measures_evidence")
    shot(driver, artifacts, "pia-evidence-en")

    # In Chinese: the grids, the legend and the register speak Chinese (CJK drawn as glyphs).
    click(driver, "lang-zh")
    wait_for_text(driver, "heat-map-title", "风险热力图")
    assert "采取措施前" in driver.find_element(By.ID, "heat-before").text
    show(driver, "q-pia10_risks")
    shot(driver, artifacts, "pia-register-zh")
    show(driver, "heat-map")
    shot(driver, artifacts, "pia-heat-map-zh")
    click(driver, "lang-en")

    # The PIA report, saved through the hook, names every risk.
    open_assessment_tab(driver, "reports")
    click(driver, "report-lang-en")
    click(driver, "report-generate")
    # No profile in this vault: the first report asks for one once; go on without it.
    click(driver, "profile-prompt-later")
    wait(driver, 60).until(lambda _: save_path.is_file())
    wait_for_text(driver, "report-saved", "report.pdf")
    words = pdf_words(save_path)
    for title in (title_1, title_2, "Agency reuses the lead list for other clients"):
        assert title in words, f"the report names the risk {title!r}"
