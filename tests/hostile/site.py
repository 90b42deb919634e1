"""What the hostile-input tests assert about a built site: nothing runs, nothing leaks.

``assert_site_safe`` parses every HTML page of a built site with ``tests.site.scan`` (scripts,
event handler attributes, dangerous URLs, embedding elements) and reads every published file for
the given forbidden strings (a secret written outside the repository, a payload that must not be
published verbatim). ``outside_secret`` writes such a secret beside the repository.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from ..site.scan import scan

TEXT_SUFFIXES = {".html", ".htm", ".xml", ".json", ".js", ".css", ".txt", ".csv", ".svg", ".md", ".yml"}


def site_problems(site: Path, forbidden: tuple[str, ...] = ()) -> list[str]:
    """Every unsafe thing in ``site`` (a built ``site/`` folder), as ``path: what`` strings.

    A page's problems are those of ``tests.site.scan.Scan`` plus its foreign scripts; any file
    (text or binary, compared as UTF-8 bytes) containing one of ``forbidden`` is a problem too."""
    assert site.is_dir(), f"no built site at {site}"
    found: list[str] = []
    needles = [text.encode("utf-8") for text in forbidden]
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            page = scan(path)
            found += [f"{name}: {problem}" for problem in page.problems]
            found += [f"{name}: script {script!r}" for script in page.foreign_scripts()]
        data = path.read_bytes()
        found += [f"{name}: contient {needle.decode()!r}" for needle in needles if needle in data]
    return found


def assert_site_safe(site: Path, forbidden: tuple[str, ...] = ()) -> None:
    problems = site_problems(site, forbidden)
    assert not problems, "\n".join(problems)


def outside_secret(tmp_path: Path) -> str:
    """A random token written in ``tmp_path/secret.txt`` (keep the repository in a sub-folder):
    a site that contains it published a file from outside the repository."""
    token = f"SECRET-{secrets.token_hex(8)}"
    (tmp_path / "secret.txt").write_text(token + "\n", encoding="utf-8")
    return token
