"""Hostile reproduction reports: every contributed string of a report (metadata and account) is
refused by the validator where it carries markup, and built anyway (without ``--strict``) nothing
of it runs on any page of the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from .recipes import build_site
from .site import site_problems

PAYLOAD = "<img src=x onerror=alert(1)>"
REPORT = f"""---
schema_version: 1
report: reproduction
title: "Compost {PAYLOAD} {{#md-header .md-header}}"
organisation: "<script>alert(2)</script> & Cie"
territory:
  place: plouarzel
date: "2024"
version: 1.2.0
adaptations:
  - what: "[clic](javascript:alert(3))"
    why: "**{PAYLOAD}**"
outcome: "<iframe src=https://evil.example></iframe>"
obstacles: ["<svg onload=alert(4)>"]
---

Un récit {PAYLOAD} avec [un lien](javascript:alert(5)) et ![image](https://evil.example/pixel.png).

<script>alert(6)</script>

## <b onmouseover=alert(7)>Titre</b> {{: onclick="alert(8)" }}

Texte.
"""


@pytest.mark.build
class TestHostileReport:
    def test_nothing_of_a_hostile_report_runs_on_the_site(self, tmp_path: Path) -> None:
        site = build_site(tmp_path / "depot", {"recipes/compost-partage/reproductions/hostile.md": REPORT})
        page = (site / "recettes" / "compost-partage" / "index.html").read_text(encoding="utf-8")
        assert 'id="reproduction-hostile"' in page  # the report is published…
        assert [] == site_problems(site)  # … and nothing in it runs, on any page
        assert "Compost &lt;img src=x onerror=alert(1)&gt;" in page  # shown as text
        article = page[page.index("<article"):page.index("</article>")]
        assert 'class="md-header' not in article and 'id="md-header' not in article  # no theme class or id
        assert "{#md-header .md-header}" in article  # the attribute list stays text
