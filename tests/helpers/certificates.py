"""A self-signed certificate for a test mail server on 127.0.0.1, made by openssl."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """The certificate's file and its key's, valid for 127.0.0.1 for a day (skips without openssl)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl program to make a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key
