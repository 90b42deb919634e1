"""Reporters: print a Report as text for people, JSON for machines, or GitHub annotations.

Every command that checks something (validate, check-versions) prints through these, with its
own one-line summary.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import TextIO

from recettes.core.french import plural
from recettes.core.problems import Problem, Report


class Reporter(ABC):
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    @abstractmethod
    def report(self, report: Report, summary: str) -> None: ...


class TextReporter(Reporter):
    def report(self, report: Report, summary: str) -> None:
        for problem in report.sorted():
            print(problem, file=self.stream)
        print(summary, file=self.stream)


class JsonReporter(Reporter):
    def report(self, report: Report, summary: str) -> None:
        payload = {
            "valid": report.ok,
            "summary": summary,
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "problems": [p.as_dict() for p in report.sorted()],
        }
        json.dump(payload, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


class GithubReporter(Reporter):
    """Workflow commands: each problem becomes an annotation on its file and line."""

    def report(self, report: Report, summary: str) -> None:
        for problem in report.sorted():
            print(annotation(problem), file=self.stream)
        print(summary, file=self.stream)


def annotation(problem: Problem) -> str:
    level = "error" if problem.is_error else "warning"
    where = ",".join(f"{key}={_escape(str(value), prop=True)}" for key, value in (
        ("file", problem.path), ("line", problem.line), ("col", problem.column), ("title", problem.code.name)))
    text = f"{problem.code.name} {problem.message}" + (f"\n{problem.hint}" if problem.hint else "")
    return f"::{level} {where}::{_escape(text)}"


def _escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def validation_summary(report: Report, checked: str) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if errors:
        return f"✗ {plural(errors, 'erreur')}, {plural(warnings, 'avertissement')} — {checked}."
    extra = f", {plural(warnings, 'avertissement')}" if warnings else ""
    return f"✓ Tout est valide ({checked}{extra})."


REPORTERS: dict[str, type[Reporter]] = {"text": TextReporter, "json": JsonReporter, "github": GithubReporter}
