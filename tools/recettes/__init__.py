"""Recettes libres: validated, versioned recipes of social innovations."""

__version__ = "0.1.0"
