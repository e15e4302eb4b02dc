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
