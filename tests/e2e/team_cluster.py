"""A private PostgreSQL cluster for the team-mode end-to-end test, started the way the Rust tests
start theirs (crates/team/src/cluster): `initdb --locale=C.UTF-8` into a temporary directory, a
Unix socket in that directory and no TCP port, SCRAM-SHA-256 for every login, `pg_ctl start -w`
(which returns once the server accepts connections) and `pg_ctl stop -m fast -w`. As root the
server's programs run as the `postgres` user through `runuser`, since initdb and postgres refuse
to run as root. The superuser's password reaches initdb through a file only its user can read.
"""

import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from processes import SERVICE_PIDS

SUPERUSER = "postgres"


def _bin_dir() -> Path:
    """`DPODESK_PG_BINDIR`, else the newest Debian `/usr/lib/postgresql/<major>/bin`, 15 or later."""
    if os.environ.get("DPODESK_PG_BINDIR"):
        return Path(os.environ["DPODESK_PG_BINDIR"])
    root = Path("/usr/lib/postgresql")
    majors = sorted(int(p.name) for p in root.iterdir() if p.name.isdigit()) if root.is_dir() else []
    majors = [m for m in majors if m >= 15]
    if not majors:
        raise RuntimeError("PostgreSQL 15 or later is missing: run the suite through `cargo xtask test` (it installs it)")
    return root / str(majors[-1]) / "bin"


class Cluster:
    def __init__(self):
        self.bin = _bin_dir()
        self.owner = None
        if os.geteuid() == 0:
            entry = pwd.getpwnam(SUPERUSER)
            self.owner = (entry.pw_uid, entry.pw_gid)
        # Under /tmp, not pytest's deeper folder: a socket's path must stay under 108 bytes.
        self.dir = Path(tempfile.mkdtemp(prefix="dpodesk-pg-e2e-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.password = "pw-" + secrets.token_hex(12)
        self.pid = None

    def _chown(self, path: Path) -> None:
        if self.owner is not None:
            os.chown(path, *self.owner)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.owner is not None:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        done = subprocess.run(command, cwd=self.dir, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stdout}{done.stderr}\n{self.server_log()}")

    def server_log(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def start(self) -> "Cluster":
        self._chown(self.dir)
        pwfile = self.dir / "superuser.pw"
        pwfile.write_text(self.password)
        pwfile.chmod(0o600)
        self._chown(pwfile)
        try:
            self._run(
                "initdb", "-D", str(self.data), "--locale=C.UTF-8", "--encoding=UTF8",
                "--auth=scram-sha-256", "--username", SUPERUSER, f"--pwfile={pwfile}",
                "--no-sync", "--no-instructions",
            )
        finally:
            pwfile.unlink()
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\n# dpodesk e2e cluster\nport = 5432\nunix_socket_directories = '{self.dir}'\n"
                "listen_addresses = ''\nfsync = off\nfull_page_writes = off\nsynchronous_commit = off\n"
            )
        self._run("pg_ctl", "-D", str(self.data), "start", "-w", "-t", "120", "-l", str(self.log))
        # The server outlives pg_ctl and is re-parented to the runner (its subreaper): kept out
        # of the app's tree, or stopping the app would wait for it and then kill it.
        self.pid = int((self.data / "postmaster.pid").read_text().split()[0])
        SERVICE_PIDS.add(self.pid)
        return self

    def stop(self) -> None:
        try:
            if self.pid is not None:
                self._run("pg_ctl", "-D", str(self.data), "stop", "-m", "fast", "-w")
                try:
                    os.waitpid(self.pid, 0)  # reaped here if it was re-parented to the runner
                except ChildProcessError:
                    pass
                SERVICE_PIDS.discard(self.pid)
                self.pid = None
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def conninfo(self, dbname: str, user: str | None = None) -> str:
        text = f"host={self.dir} port=5432 dbname={dbname}"
        return f"{text} user={user}" if user else text

    def superuser_sql(self, sql: str) -> str:
        """Runs `sql` as the superuser through psql over the socket."""
        return self.sql("postgres", SUPERUSER, self.password, sql)

    def sql(self, dbname: str, user: str, password: str, sql: str) -> str:
        """Runs `sql` as `user` through psql over the socket (the password in psql's environment,
        never on a command line); returns the rows, unaligned."""
        done = subprocess.run(
            [str(self.bin / "psql"), "-X", "-v", "ON_ERROR_STOP=1", "-q", "-A", "-t",
             "-d", self.conninfo(dbname, user), "-c", sql],
            env=dict(os.environ, PGPASSWORD=password),
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"psql failed: {done.stderr}")
        return done.stdout
