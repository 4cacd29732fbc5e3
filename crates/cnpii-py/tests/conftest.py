"""Shared fixtures: the repository, the CLI binary (CNPII_BIN, set by scripts/py-test.sh) and a
synthetic key (never a real one)."""

import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
SAMPLES = [ROOT / "corpora" / "sample" / "app.log", ROOT / "corpora" / "sample" / "posts.txt"]
# Synthetic test key material: 32 bytes, enough distinct values.
KEY = b"cnpii-test-key-0123456789abcdefXY"


@pytest.fixture(scope="session")
def cli():
    """Runs the `cnpii` binary built by cargo: returns stdout as bytes."""
    path = os.environ.get("CNPII_BIN") or shutil.which("cnpii")
    if not path:
        built = ROOT / "target" / "debug" / "cnpii"
        path = str(built) if built.exists() else None
    if not path:
        pytest.skip("no cnpii binary: set CNPII_BIN (scripts/py-test.sh does)")

    def run(*args, key=None, stdin=None):
        env = {k: v for k, v in os.environ.items() if k != "CNPII_KEY"}
        if key is not None:
            env["CNPII_KEY"] = key.decode()
        p = subprocess.run([path, *args], input=stdin, capture_output=True, env=env)
        if p.returncode not in (0, 1):
            raise AssertionError(f"cnpii {' '.join(args)} failed: {p.stderr.decode(errors='replace')}")
        return p.stdout

    return run


@pytest.fixture(autouse=True)
def no_env_key(monkeypatch):
    """No test sees a CNPII_KEY from the environment unless it sets one."""
    monkeypatch.delenv("CNPII_KEY", raising=False)
