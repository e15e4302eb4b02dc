"""Linking a transfer assessment in the app. A client's data-source assessment sends data abroad
and links no transfer assessment, so core raises "Transfer not assessed"; the finding points to
the "Linked assessments" panel, where the client's transfer assessment (made with the CLI, as
another DPO at the desk would) is linked: the finding goes and the route core names for the
transfer shows in the wizard, in English and in Chinese. A refusal is core's, in the user's
words: nothing of another client is offered."""

import os
import subprocess

import pytest
from selenium.webdriver.common.by import By

from conftest import DEFAULT_VAULT, ROOT, _require_file
from steps import PASSPHRASE, choose, click, find, shot, type_into, wait, wait_for_text

CLIENT = "Huadong Trading Co."

# A Shenzhen seller sending 150,000 buyers' data to its Dutch subsidiary for marketing: the
# standard contract or certification on the PRC side, the 2021 SCCs on the EU side.
TRANSFER = """
tr01_regime = "both"
tr01_exporter = "Example (Shenzhen) Trading Co., Ltd."
tr01_exporter_country = "China"
tr01_recipient = "Example Europe B.V."
tr01_eu_recipient = "Example (Shenzhen) Trading Co., Ltd."
tr01_recipient_country = "Netherlands"
tr01_eu_recipient_country = "China"
tr01_purpose = "Marketing"
tr02_categories = "Name, phone, orders"
tr11_security_measures = "yes"
tr11_onward = "no"
tr11_authority_laws = "Counsel's memo on the destination's access laws"
tr11_laws_checked_on = "2026-11-20"
tr11_laws_impinge = "no"
tr02_personal_info = "yes"
tr02_important_data = "no"
tr02_ciio = "no"
tr02_origin = "in_prc"
tr02_count_nonsensitive = 150000
tr02_count_sensitive = 0
tr03_purposes = ["marketing"]
tr03_ftz = "no"
tr04_mechanism = "none"
tr05_notice = "yes"
tr05_separate_consent = "yes"
tr06_pipia = "no"
tr07_recipient_outside = "yes"
tr07_collection = "via_eu"
tr07_recipient_gdpr = "no"
tr08_adequacy = "no"
tr08_exporter_role = "controller"
tr08_importer_role = "processor"
tr08_scc_signed = "none"
tr09_tia = "no"
tr09_supplementary = "none"
tr10_systematic = "yes"
tr10_explicit_consent = "no"
tr10_contract_needed = "no"
tr10_relied_on = "none"
"""

# The channel: both regimes, its data going abroad.
CHANNEL = """
ds02_regime = "both"
ds27_abroad = "yes"
"""


@pytest.fixture
def seeded(app_home, tmp_path):
    """A vault where the app looks for it, before the app starts: the client, its data-source
    assessment (data abroad, nothing linked), its transfer assessment, and another client's
    transfer assessment that must never be offered. Returns the ids."""
    cli = _require_file("DPODESK_BIN", ROOT / "target" / "debug" / "dpodesk")
    vault = app_home / "data" / DEFAULT_VAULT
    vault.parent.mkdir(parents=True)
    env = dict(os.environ, DPODESK_PASSPHRASE=PASSPHRASE, LANG="C")

    def run(*args):
        done = subprocess.run(
            [str(cli), "--vault", str(vault), *args], check=True, env=env, capture_output=True, text=True
        )
        return done.stdout.strip()

    def answer(assessment, text, name):
        path = tmp_path / f"{name}.toml"
        path.write_text(text)
        run("assess", "answer", assessment, "--file", str(path))

    run("vault", "init")
    run("client", "add", "--name", CLIENT)
    run("client", "add", "--name", "Other Co.")
    channel = run("assess", "new", "--template", "data-source", "--title", "WeChat leads", "--client", CLIENT)
    answer(channel, CHANNEL, "channel")
    transfer = run("assess", "new", "--template", "transfer", "--title", "Buyers to NL", "--client", CLIENT)
    answer(transfer, TRANSFER, "transfer")
    other = run("assess", "new", "--template", "transfer", "--title", "Other Co. to US", "--client", "Other Co.")
    return {"channel": channel, "transfer": transfer, "other": other}


def unlock(driver):
    wait_for_text(driver, "screen-title", "Unlock your vault")
    type_into(driver, "passphrase", PASSPHRASE)
    click(driver, "submit")
    wait_for_text(driver, "unlocked-status", "Vault unlocked")


def show(driver, element_id):
    """Scrolls an element to the top of the view, clear of the sticky top bar (its scroll margin)."""
    driver.execute_script(
        "document.getElementById(arguments[0]).scrollIntoView({block: 'start'});", element_id
    )


def test_a_transfer_assessment_linked_in_the_app_clears_the_finding_and_shows_its_route(
    seeded, driver, artifacts
):
    unlock(driver)
    click(driver, "nav-assessments")
    row = find(driver, f"tr[data-assessment='{seeded['channel']}'] button")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", row)
    row.click()
    wait_for_text(driver, "wizard-title", "WeChat leads")

    # Data abroad, nothing linked: core's finding, with the hint toward the panel.
    findings = wait_for_text(driver, "findings", "Transfer not assessed")
    assert "Link the transfer assessment under" in findings
    assert "Nothing linked yet." in wait_for_text(driver, "linked-assessments", "Nothing linked yet.")
    assert driver.find_elements(By.CSS_SELECTOR, "#linked-assessments .transfer-route") == []

    # Only this client's transfer assessment is offered, not the other client's.
    select = find(driver, "#link-select")
    offered = [o.get_attribute("value") for o in select.find_elements(By.TAG_NAME, "option")]
    assert offered == ["", seeded["transfer"]], offered
    assert "Cross-border transfer · Buyers to NL · v1" in select.text
    hint = find(driver, "#findings .link-hint button")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", hint)
    hint.click()
    wait(driver).until(lambda d: d.switch_to.active_element.get_attribute("id") == "linked-assessments")
    for width, height in [(1280, 800), (1024, 700)]:
        driver.set_window_size(width, height)
        show(driver, "linked-assessments")
        shot(driver, artifacts, f"link-panel-before-{width}x{height}")

    # Linked: the finding goes, the link is listed and the route shows.
    choose(driver, "link-select", seeded["transfer"])
    click(driver, "link-add")
    listed = wait_for_text(driver, "links-list", "Buyers to NL")
    assert "Cross-border transfer" in listed and "v1" in listed
    wait(driver).until(
        lambda d: "Transfer not assessed" not in d.find_element(By.ID, "findings").text
    )
    route = find(driver, "#linked-assessments .transfer-route")
    assert route.get_attribute("data-linked") == seeded["transfer"]
    assert "Buyers to NL · v1 · current version, not signed off" in route.text
    prc = route.find_element(By.CSS_SELECTOR, "[data-side='prc'] .route-text").text
    assert prc.startswith("Standard contract or certification, at the exporter's choice"), prc
    eu = route.find_element(By.CSS_SELECTOR, "[data-side='eu'] .route-text").text
    assert "The 2021 SCCs, Module 2" in eu, eu
    assert "this client has no other assessment to link" in find(driver, "#links-nothing").text.lower()
    for width, height in [(1280, 800), (1024, 700)]:
        driver.set_window_size(width, height)
        show(driver, "linked-assessments")
        shot(driver, artifacts, f"link-panel-linked-{width}x{height}")

    # In Chinese: the panel, the listed link and the route in Chinese words.
    click(driver, "lang-zh")
    wait_for_text(driver, "linked-assessments-title", "关联评估")
    assert "跨境传输" in driver.find_element(By.ID, "links-list").text
    route = find(driver, "#linked-assessments .transfer-route")
    wait(driver).until(lambda d: "当前版本，尚未签批" in route.text)
    prc_zh = route.find_element(By.CSS_SELECTOR, "[data-side='prc'] .route-text").text
    assert "标准合同" in prc_zh, prc_zh
    assert "出境未经跨境传输评估" not in driver.find_element(By.ID, "findings").text
    show(driver, "linked-assessments")
    shot(driver, artifacts, "link-panel-linked-zh-1024x700")
    click(driver, "lang-en")
