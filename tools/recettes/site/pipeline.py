"""The handbook build, step by step, in one place: validate the repository, read git history
once into the catalog (with older versions), and write the generated tree.

``mkdocs build``/``serve`` (through the plugin's ``on_pre_build``) and ``recettes generate``
both call ``build_handbook`` with the same ``Options``, so both produce the same handbook.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from recettes.catalog.catalog import Catalog
from recettes.catalog.lineage import lineage_problems
from recettes.catalog.network import read_catalog
from recettes.catalog.snapshots import Note
from recettes.core.problems import Report
from recettes.history.maintenance import Maintenance
from recettes.read.checks import validate_repository
from recettes.site.generate import Generated, generate
from recettes.site.page import DEFAULT_OPTIONS, Options


@dataclass
class HandbookBuild:
    """What one build produced: every problem (``report``), the catalog, the written tree, and
    the messages to show with their logging level (``notes``, in order)."""

    report: Report
    catalog: Catalog
    generated: Generated
    notes: list[Note] = field(default_factory=list)


def build_handbook(root: Path, out: Path | None = None, options: Options = DEFAULT_OPTIONS,
                   docs: Path | None = None, maintenance: Maintenance | None = None) -> HandbookBuild:
    """Validate ``root``, build its catalog and write the handbook under ``out``.

    Content problems never raise: they are in ``report`` (and in ``notes``, errors at WARNING
    level so ``mkdocs build --strict`` fails, warnings at INFO), with git and generation notes. ``maintenance`` says which commits
    credit nobody (see ``history.history.Maintenance``). With ``network.yml``, the catalog is the
    union of the repository and its sources (``catalog.network.read_catalog``). An adaptation's
    ``adapted_from.version`` is checked against its original's history here (R275,
    ``catalog.lineage``, with the catalog's history; ``recettes validate`` checks it with
    ``check_declared_versions``).
    """
    repo, report = validate_repository(root, docs=docs)
    notes: list[Note] = [(logging.WARNING if p.is_error else logging.INFO, str(p)) for p in report.sorted()]
    catalog, history_notes, network_problems = read_catalog(root, repo, maintenance)
    found = network_problems + lineage_problems(catalog)  # those that need the catalog's history
    report.problems += found
    notes += history_notes
    notes += [(logging.WARNING if p.is_error else logging.INFO, str(p)) for p in found]
    generated = generate(catalog, root, out, options, docs)
    notes += [(logging.INFO, f"docs/{uri} remplace la page générée du même nom") for uri in generated.shadowed]
    notes += [(logging.WARNING if p.is_error else logging.INFO, str(p)) for p in generated.problems]
    return HandbookBuild(report, catalog, generated, notes)
