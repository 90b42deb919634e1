"""``recettes init``: a territory's repository that validates and builds as is; hooks and CI files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from recettes.cli.main import cli
from recettes.read.checks import validate_repository
from recettes.scaffold.starter import CI_FILES, package_requirement

from .conftest import RunLine, invoke
from .site.conftest import mkdocs
from .support.commands import commands_in_shell, unknown

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "tools" / "recettes" / "scaffold" / "templates"


class _Permissive(yaml.SafeLoader):
    """Reads mkdocs.yml even with !!python/name tags (they become None)."""


_Permissive.add_multi_constructor("", lambda loader, suffix, node: None)


def hook_commands(hooks: list[dict[str, str]]) -> set[str]:
    """The ``recettes`` commands that pre-commit hooks run."""
    return {command for hook in hooks for command in commands_in_shell(hook["entry"])}


def _shell_lines(path: Path) -> list[str]:
    """What a CI file runs: ``run:`` and ``script:`` values of a workflow, or a whole script."""
    if path.suffix != ".yml":
        return path.read_text(encoding="utf-8").splitlines()
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("run", "script", "before_script"):
                    found.extend([value] if isinstance(value, str) else value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(_yaml(path))
    return found


def _yaml(path: Path) -> Any:
    text = path.read_text(encoding="utf-8").replace("%%NAME%%", "Nom")
    return yaml.load(text, Loader=_Permissive)


@pytest.fixture(scope="module")
def territory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("init") / "pays-exemple"
    result = invoke("init", str(dest), "--name", "Recettes du pays d’exemple")
    assert "make test" in result.output and "make serve" in result.output
    return dest


class TestInit:
    def test_output_validates(self, territory: Path) -> None:
        """The example recipe and ambassador are published and valid, with no warning."""
        repo, report = validate_repository(territory)
        assert [] == [str(p) for p in report.problems]
        assert ["exemple-atelier-de-reparation"] == sorted(repo.recipes)
        assert "published" == repo.recipes["exemple-atelier-de-reparation"].meta.status.value

    @pytest.mark.build
    def test_output_builds_strict(self, territory: Path, tmp_path: Path) -> None:
        proc = mkdocs(territory, "--strict", "--site-dir", str(tmp_path / "site"))
        assert 0 == proc.returncode, proc.stderr
        assert "Recettes du pays d’exemple" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")

    def test_files_of_a_repository(self, territory: Path) -> None:
        for name in ["README.md", "Makefile", ".gitignore", "requirements.txt", ".pre-commit-config.yaml",
                     "schema/recipe.schema.json", "schema/ambassador.schema.json", *CI_FILES.values()]:
            assert (territory / name).is_file(), name
        readme = (territory / "README.md").read_text(encoding="utf-8")
        assert "make serve" in readme and "make test" in readme
        assert package_requirement() in (territory / "requirements.txt").read_text(encoding="utf-8")
        assert (territory / ".git").is_dir()

    def test_refuses_a_non_empty_folder(self, territory: Path, run_line: RunLine) -> None:
        before = (territory / "README.md").read_text(encoding="utf-8")
        result = run_line("init", str(territory), code=1)
        assert "n’est pas vide" in result.output
        assert before == (territory / "README.md").read_text(encoding="utf-8")


class TestTemplatesFollowTheRepository:
    """Generated copies must not drift from this repository's own files."""

    def test_vocabularies_are_the_networks(self) -> None:
        for path in (ROOT / "schema" / "vocabularies").glob("*.yml"):
            copy = TEMPLATES / "init" / "schema" / "vocabularies" / path.name
            assert path.read_text(encoding="utf-8") == copy.read_text(encoding="utf-8"), (
                f"copiez {path.name} dans {copy.parent}")

    def test_mkdocs_config_matches(self) -> None:
        """Same theme, extensions and plugins; the repository's own maintenance identities
        (``maintenance_authors``) are not the territory's and stay out of the template, nor do
        the documents to print (``printable``), which need the ``site_url`` a territory fills in."""
        ours, theirs = _yaml(ROOT / "mkdocs.yml"), _yaml(TEMPLATES / "init" / "mkdocs.yml")
        for key in ("theme", "markdown_extensions", "docs_dir"):
            assert ours.get(key) == theirs.get(key), key
        assert _plugins(ours) == _plugins(theirs)


def _plugins(config: dict[str, Any]) -> list[Any]:
    """The plugins and their options, without the recettes plugin's ``maintenance_authors`` and
    ``printable``."""
    found: list[Any] = []
    for plugin in config.get("plugins", []):
        name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
        options = {k: v for k, v in (options or {}).items() if k not in ("maintenance_authors", "printable")}
        found.append({name: options})
    return found


class TestHooksAndCi:
    def test_hooks_run_existing_commands(self) -> None:
        """Both hooks, published and local, run a command that exists."""
        hooks = _yaml(ROOT / ".pre-commit-hooks.yaml")
        assert {"recettes-validate", "recettes-check-versions"} == {h["id"] for h in hooks}
        local = _yaml(ROOT / ".pre-commit-config.yaml")["repos"][0]["hooks"]
        assert {h["id"] for h in hooks} == {h["id"] for h in local}
        assert [["validate"], ["check-versions"]] == [sorted(commands_in_shell(h["entry"])) for h in hooks]
        assert [["validate"], ["check-versions"]] == [sorted(commands_in_shell(h["entry"])) for h in local]
        assert [] == unknown(hook_commands(hooks + local), cli.commands)

    def test_a_hook_running_a_made_up_command_is_caught(self) -> None:
        """The check above fails on a hook whose command does not exist."""
        hooks = [{"id": "x", "entry": "recettes validate"}, {"id": "y", "entry": ".venv/bin/recettes publier --vite"}]
        assert ["publier"] == unknown(hook_commands(hooks), cli.commands)

    @pytest.mark.parametrize("path", [TEMPLATES / "ci" / "github.yml", TEMPLATES / "ci" / "gitlab-ci.yml",
                                      ROOT / ".ci" / "run", ROOT / "Makefile"],
                             ids=["github.yml", "gitlab-ci.yml", ".ci/run", "Makefile"])
    def test_ci_runs_existing_commands(self, path: Path) -> None:
        """Each `recettes x` that CI and make run exists, and at least one is run."""
        cited = commands_in_shell("\n".join(_shell_lines(path)))
        assert cited and [] == unknown(cited, cli.commands)

    def test_ci_templates_validate_build_and_publish(self) -> None:
        github = _yaml(TEMPLATES / "ci" / "github.yml")
        steps = " ".join(s.get("run", "") for s in github["jobs"]["check"]["steps"])
        for command in ("recettes validate", "recettes check-versions", "mkdocs build --strict"):
            assert command in steps
        assert "actions/deploy-pages@v4" == github["jobs"]["deploy"]["steps"][0]["uses"]
        gitlab = _yaml(TEMPLATES / "ci" / "gitlab-ci.yml")
        assert {"validate", "check-versions", "build", "pages"} <= set(gitlab)
        assert ["public"] == gitlab["pages"]["artifacts"]["paths"]
        # The previous site is the cache of an incremental (--dirty) build, with its keys.
        cache = next(s for s in github["jobs"]["check"]["steps"] if s.get("uses") == "actions/cache@v4")
        assert {"site", "build/handbook/rendu.json"} == set(cache["with"]["path"].split())
        assert "mkdocs build --strict --dirty" in steps
        assert {"public", "build/handbook/rendu.json"} <= {p for c in gitlab["pages"]["cache"] for p in c["paths"]}
        assert "--dirty --site-dir public" in " ".join(gitlab["pages"]["script"])
        own = _yaml(ROOT / ".github" / "workflows" / "ci.yml")
        assert "bash .ci/run" in [s.get("run") for s in own["jobs"]["ci"]["steps"]]
