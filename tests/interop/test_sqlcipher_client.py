"""Users are never locked in: a vault made by DPO Desk opens in an independent SQLCipher 4 client
(the sqlcipher3-binary package from PyPI) with only the passphrase and SQLCipher 4's defaults."""

import os
import subprocess
from pathlib import Path

import pytest
import sqlcipher3

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery staple"


def dpodesk():
    path = Path(os.environ.get("DPODESK_BIN", ROOT / "target" / "debug" / "dpodesk"))
    if not path.is_file():
        pytest.fail(f"{path} is missing: run the suite through `cargo xtask test` (it builds it)")
    return path


def test_a_vault_opens_in_an_independent_sqlcipher_4_client(tmp_path):
    vault = tmp_path / "interop.dpvault"
    env = dict(os.environ, DPODESK_PASSPHRASE=PASSPHRASE, LANG="C")
    subprocess.run([dpodesk(), "--vault", vault, "vault", "init"], env=env, check=True)

    conn = sqlcipher3.connect(str(vault))
    # The passphrase is passed as a bound-free literal only because this is a test of the default
    # settings; the app itself keys through sqlite3_key.
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    version = conn.execute("PRAGMA cipher_version").fetchone()[0]
    assert version.startswith("4."), version
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"assessments", "answers", "audit_log", "clients"} <= tables
    actions = [row[0] for row in conn.execute("SELECT action FROM audit_log")]
    assert actions == ["vault.created"]
    conn.close()


def test_the_wrong_passphrase_fails_in_the_independent_client_too(tmp_path):
    vault = tmp_path / "interop.dpvault"
    env = dict(os.environ, DPODESK_PASSPHRASE=PASSPHRASE, LANG="C")
    subprocess.run([dpodesk(), "--vault", vault, "vault", "init"], env=env, check=True)

    conn = sqlcipher3.connect(str(vault))
    conn.execute("PRAGMA key = 'not the passphrase at all'")
    with pytest.raises(sqlcipher3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_an_erased_client_leaves_no_marker_in_any_table_the_independent_client_reads(tmp_path):
    vault = tmp_path / "interop.dpvault"
    env = dict(os.environ, DPODESK_PASSPHRASE=PASSPHRASE, LANG="C")
    marker_en, marker_zh = "qzxINTEROPqzx", "独立客户端擦除标记"
    name = f"Client {marker_en} {marker_zh}"

    def run(*args):
        return subprocess.run(
            [dpodesk(), "--vault", vault, *args], env=env, check=True, capture_output=True, text=True
        )

    run("vault", "init")
    run("client", "add", "--name", name, "--notes", f"notes {marker_en} {marker_zh}")
    run("source", "add", "--client", name, "--name", f"source {marker_zh}", "--channel", "EC")
    run("client", "add", "--name", "Other client")

    def tables_with_marker():
        conn = sqlcipher3.connect(str(vault))
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        found = set()
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if isinstance(value, str) and (marker_en in value or marker_zh in value):
                        found.add(table)
        conn.close()
        return found

    assert {"clients", "data_sources"} <= tables_with_marker()
    run("client", "erase", name, "--confirm", name)
    assert tables_with_marker() == set()
    assert run("audit", "verify").stdout.startswith("audit chain intact")
