"""Team mode from the start screen: a private PostgreSQL cluster with DPO Desk set up and a member
added through the CLI (`team init`, `team member add`), then the app connects to it as that
member — a wrong password refused in the user's language first — shows who is signed in, creates
a client on the team database and lists it, and on disconnecting returns to the start screen,
which offers the same connection again without its password."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from steps import click, find, shot, type_into, wait, wait_for_text
from team_cluster import Cluster

ROOT = Path(__file__).resolve().parents[2]
DBNAME = "dpo_team"
DBA = "e2e_dba"
DBA_PASSWORD = "dba-correct-horse"
MEMBER = "ann"
MEMBER_PASSWORD = "ann-battery-staple"


def _cli(cluster, user, *args, **env):
    cli = Path(os.environ.get("DPODESK_BIN", ROOT / "target" / "debug" / "dpodesk"))
    if not cli.is_file():
        pytest.fail(f"{cli} is missing: run the suite through `cargo xtask test` (it builds it)")
    done = subprocess.run(
        [str(cli), "--team", cluster.conninfo(DBNAME, user), *args],
        env=dict(os.environ, LANG="C", **env),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, f"dpodesk {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout


@pytest.fixture
def team_db():
    """A running cluster with DPO Desk set up in DBNAME by its DBA, and MEMBER an author; stopped
    and deleted at the end. Name it before `driver`, so the app starts after it and stops first."""
    cluster = Cluster().start()
    try:
        cluster.superuser_sql(f"CREATE ROLE {DBA} LOGIN CREATEROLE PASSWORD '{DBA_PASSWORD}'")
        # Alone: CREATE DATABASE refuses to run inside the transaction of a multi-statement -c.
        cluster.superuser_sql(f"CREATE DATABASE {DBNAME} OWNER {DBA}")
        _cli(cluster, DBA, "team", "init", PGPASSWORD=DBA_PASSWORD)
        _cli(
            cluster, DBA, "team", "member", "add", MEMBER, "--role", "author",
            PGPASSWORD=DBA_PASSWORD, DPODESK_MEMBER_PASSWORD=MEMBER_PASSWORD,
        )
        yield cluster
    finally:
        cluster.stop()


def _connect(driver, conninfo, password):
    type_into(driver, "team-conninfo", conninfo)
    type_into(driver, "team-user", MEMBER)
    type_into(driver, "team-password", password)
    click(driver, "team-connect")


def test_the_app_connects_to_the_team_database_as_a_member(team_db, driver, app_home, artifacts):
    conninfo = team_db.conninfo(DBNAME)
    wait_for_text(driver, "choice-team", "Connect to a team database")
    click(driver, "choice-team")

    # A wrong password, in Chinese first: the refusal is the server's, worded in the user's language.
    click(driver, "lang-zh")
    wait_for_text(driver, "team-title", "连接团队数据库")
    _connect(driver, conninfo, "not the password")
    assert "服务器拒绝了 ann 的用户名或密码" in wait_for_text(driver, "team-error", "服务器拒绝了")
    assert driver.find_element(By.ID, "team-password").get_attribute("value") == ""
    click(driver, "lang-en")
    _connect(driver, conninfo, "still not the password")
    wait_for_text(driver, "team-error", "the server refused the user name or password of ann")

    _connect(driver, conninfo, MEMBER_PASSWORD)
    wait_for_text(driver, "unlocked-status", "Connected to the team database")
    assert wait_for_text(driver, "team-member", "Signed in as ann (author)").startswith("Team database")
    # The dashboard reads the team database: nothing is granted to ann yet.
    wait_for_text(driver, "count-clients", "0")
    shot(driver, artifacts, "team-connected-en")
    click(driver, "lang-zh")
    wait_for_text(driver, "team-member", "已登录：ann（撰写人）")
    shot(driver, artifacts, "team-connected-zh")
    click(driver, "lang-en")

    click(driver, "nav-clients")
    type_into(driver, "client-name", "华东商贸有限公司")
    click(driver, "client-add")
    wait_for_text(driver, "client-title", "华东商贸有限公司")
    click(driver, "nav-clients")
    wait_for_text(driver, "client-list", "华东商贸有限公司")
    # The client is in PostgreSQL, granted to its creator, who sees it in plain SQL as well.
    rows = team_db.sql(DBNAME, MEMBER, MEMBER_PASSWORD, "SELECT name FROM dpodesk.clients")
    assert rows.split() == ["华东商贸有限公司"]
    grants = team_db.sql(DBNAME, MEMBER, MEMBER_PASSWORD, "SELECT member FROM dpodesk.client_grants")
    assert grants.split() == [MEMBER]
    # The dashboard counts it, and search finds it by two Chinese characters.
    click(driver, "nav-home")
    wait_for_text(driver, "count-clients", "1")
    type_into(driver, "search-input", "华东")
    wait_for_text(driver, "search-results", "华东商贸有限公司")

    click(driver, "lock")
    wait_for_text(driver, "team-title", "Connect to your team's database")
    assert driver.find_element(By.ID, "team-conninfo").get_attribute("value") == conninfo
    assert driver.find_element(By.ID, "team-user").get_attribute("value") == MEMBER
    assert driver.find_element(By.ID, "team-password").get_attribute("value") == ""
    prefs = json.loads((app_home / "config" / "org.dpodesk.desktop" / "prefs.json").read_text())
    assert prefs["last_team"] == {"conninfo": conninfo, "user": MEMBER}
    assert MEMBER_PASSWORD not in json.dumps(prefs)
    wait(driver).until(lambda d: not d.find_elements(By.ID, "team-member"))
