"""git on repositories that are not ours: the sources of a network (``history.network``) and
the repositories ``recettes import`` reads (``history.sources``). One runner, one set of rules:

- ``ext::`` and other helper transports are refused (``protocol.allow``); https, http, ssh, git
  and file stay allowed;
- hooks are off (``core.hooksPath``), git never asks for a password (``GIT_TERMINAL_PROMPT``,
  ``GIT_ASKPASS``), and the environment's ``GIT_DIR`` / ``GIT_WORK_TREE`` are ignored;
- paths are written as they are (``core.quotepath=off``) and output is read as UTF-8, an
  undecodable byte replaced (names in a stranger's history);
- each call has a time limit (``GIT_TIMEOUT``).

Errors raised: ``RemoteGitError`` with git's own « fatal: » line, or a French message when git
is missing or too slow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

GIT_TIMEOUT = 900  # seconds for one git call (a first fetch of a large source)
_SAFE = ["-c", "protocol.allow=never", "-c", "protocol.https.allow=always", "-c", "protocol.http.allow=always",
         "-c", "protocol.ssh.allow=always", "-c", "protocol.git.allow=always", "-c", "protocol.file.allow=always",
         "-c", "core.hooksPath=/dev/null", "-c", "advice.detachedHead=false", "-c", "core.quotepath=off"]


class RemoteGitError(Exception):
    """git failed on an untrusted repository; the message is git's « fatal: » line or French."""


def run_git(cwd: Path, *args: str) -> str:
    """The output of ``git <args>`` run in ``cwd`` under the rules of the module."""
    if shutil.which("git") is None:
        raise RemoteGitError("git est introuvable\u00a0: installez git (paquet «\u00a0git\u00a0»).")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "LC_ALL": "C"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    try:
        done = subprocess.run(["git", *_SAFE, *args], cwd=cwd, capture_output=True, check=True,
                              timeout=GIT_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise RemoteGitError(f"git {args[0]}\u00a0: plus de {GIT_TIMEOUT // 60} minutes") from None
    except (OSError, subprocess.CalledProcessError) as error:
        raw = getattr(error, "stderr", b"") or b""
        lines = raw.decode("utf-8", "replace").strip().splitlines()
        fatal = next((line for line in lines if line.startswith(("fatal:", "error:"))), lines[-1] if lines else "")
        raise RemoteGitError(fatal.removeprefix("fatal: ").removeprefix("error: ")
                             or f"git {args[0]} a échoué") from None
    return done.stdout.decode("utf-8", "replace")
