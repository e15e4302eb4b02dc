"""Custom templates through the real app: a folder chosen in the settings (the debug-only open
hook answers the folder picker) holds a valid questionnaire of the firm's own and a broken file;
the settings list the custom one beside the bundled ones and name the broken file with its
problem; a new assessment starts from the custom template."""

from pathlib import Path

import pytest

from steps import click, create_vault, type_into, wait, wait_for_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def template_folder(tmp_path, monkeypatch):
    folder = tmp_path / "firm-templates"
    folder.mkdir()
    text = (ROOT / "assets" / "templates" / "data-source.toml").read_text(encoding="utf-8")
    text = text.replace('id = "data-source"', 'id = "firm-lead-forms"', 1)
    text = text.replace(
        'title = { zh = "数据来源/收集渠道合规评估", en = "Data-source and collection-channel assessment" }',
        'title = { zh = "本所线索表单评估", en = "Firm lead-form review" }',
        1,
    )
    (folder / "firm-lead-forms.toml").write_text(text, encoding="utf-8")
    (folder / "broken.toml").write_text('id = "half"\nversion = \n', encoding="utf-8")
    monkeypatch.setenv("DPODESK_TEST_OPEN_PATH", str(folder))
    return folder


def test_a_custom_template_folder_is_listed_checked_and_used(template_folder, driver, artifacts):
    create_vault(driver)
    click(driver, "nav-settings")
    wait_for_text(driver, "template-list", "Data-source and collection-channel assessment")
    click(driver, "template-folder-choose")
    wait_for_text(driver, "template-folder", "firm-templates")
    listed = wait_for_text(driver, "template-list", "Firm lead-form review")
    assert "Custom" in listed and "Bundled" in listed
    problems = wait_for_text(driver, "template-problems", "broken.toml")
    assert "line" in problems
    driver.execute_script("document.getElementById('templates-card').scrollIntoView({block: 'start'});")
    driver.save_screenshot(str(artifacts / "settings-templates-en.png"))

    click(driver, "nav-clients")
    type_into(driver, "client-name", "Template Co")
    click(driver, "client-add")
    wait_for_text(driver, "client-title", "Template Co")
    click(driver, "new-assessment")
    click(driver, "na-template-firm-lead-forms")
    type_into(driver, "na-title", "Spring lead forms")
    wait(driver).until(lambda d: d.find_element("id", "na-create").is_enabled())
    click(driver, "na-create")
    wait_for_text(driver, "wizard-title", "Spring lead forms")
    assert "Firm lead-form review" in driver.find_element("css selector", ".wizard-heading").text
