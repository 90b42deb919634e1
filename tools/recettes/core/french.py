"""French typography for what readers see: plurals (inclusive forms too) and numbers."""

from __future__ import annotations

NBSP = "\u00a0"  # no-break space: before « : » and inside « guillemets »
NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and between thousands


def plural(count: int, word: str) -> str:
    """``3 recettes``, ``2 ambassadeur·rices``, ``1 fiche``."""
    if count > 1:
        word = word.replace("·rice", "·rices") if word.endswith("·rice") else word + "s"
    return f"{count} {word}"


def number(value: float) -> str:
    """``12\u202f000`` or ``2,5``: French thousands and decimal separators."""
    if float(value).is_integer():
        return f"{value:,.0f}".replace(",", NNBSP)
    return f"{value:,}".replace(",", NNBSP).replace(".", ",")
