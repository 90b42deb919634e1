"""Reporters: print a Report as text for people, JSON for machines, or GitHub annotations."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import TextIO

from .problems import Problem, Report


class Reporter(ABC):
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    @abstractmethod
    def report(self, report: Report, checked: str) -> None: ...


class TextReporter(Reporter):
    def report(self, report: Report, checked: str) -> None:
        for problem in report.sorted():
            print(problem, file=self.stream)
        print(summary(report, checked), file=self.stream)


def summary(report: Report, checked: str) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if errors:
        return f"✗ {_count(errors, 'erreur')}, {_count(warnings, 'avertissement')} — {checked}."
    extra = f", {_count(warnings, 'avertissement')}" if warnings else ""
    return f"✓ Tout est valide ({checked}{extra})."


class JsonReporter(Reporter):
    def report(self, report: Report, checked: str) -> None:
        payload = {
            "valid": report.ok,
            "checked": checked,
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "problems": [p.as_dict() for p in report.sorted()],
        }
        json.dump(payload, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


class GithubReporter(Reporter):
    """Workflow commands: each problem becomes an annotation on its file and line."""

    def report(self, report: Report, checked: str) -> None:
        for problem in report.sorted():
            print(_annotation(problem), file=self.stream)
        print(summary(report, checked), file=self.stream)


def _annotation(problem: Problem) -> str:
    level = "error" if problem.is_error else "warning"
    message = f"{problem.code.name} {problem.message}" + (f" — {problem.hint}" if problem.hint else "")
    message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = problem.path.replace(",", "%2C").replace(":", "%3A")
    return f"::{level} file={path},line={problem.line},col={problem.column},title={problem.code.name}::{message}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


REPORTERS: dict[str, type[Reporter]] = {"text": TextReporter, "json": JsonReporter, "github": GithubReporter}
