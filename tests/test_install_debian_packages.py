"""scripts/install-debian-packages.sh: as root or through sudo, else it says how (and fails in CI)."""

import os
import stat
import subprocess
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "install-debian-packages.sh"


def fake_command(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text(f"#!/usr/bin/env bash\n{script}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def run(tmp_path: Path, uid: str, sudo_works: bool, ci: str) -> subprocess.CompletedProcess:
    """The script with fake `id`, `sudo` and `apt-get` that log what they are asked to do."""
    log = tmp_path / "calls.log"
    fake_command(tmp_path, "id", f"echo {uid}")
    fake_command(tmp_path, "sudo", f'[ "$1" = -n ] && [ "$2" = true ] && exit {0 if sudo_works else 1}; "$@"')
    fake_command(tmp_path, "apt-get", f'echo "apt-get $*" >> {log}')
    environment = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}", "CI": ci}
    return subprocess.run(
        ["bash", str(SCRIPT), "chromium"], env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("uid, sudo_works", [("0", False), ("1000", True)])
def test_installs_as_root_or_through_sudo(tmp_path, uid, sudo_works):
    result = run(tmp_path, uid, sudo_works, ci="")
    assert result.returncode == 0
    calls = (tmp_path / "calls.log").read_text().splitlines()
    assert calls == ["apt-get update -q", "apt-get install -y -q --no-install-recommends chromium"]


@pytest.mark.parametrize("ci, code", [("", 0), ("true", 1)])
def test_without_root_or_sudo_it_says_what_to_run_and_fails_only_in_ci(tmp_path, ci, code):
    result = run(tmp_path, "1000", sudo_works=False, ci=ci)
    assert result.returncode == code
    assert "sudo apt-get install chromium" in result.stderr
    assert not (tmp_path / "calls.log").exists()
