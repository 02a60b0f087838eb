"""samverkan-cli: survey import, scoring and reports on collaboration in Swedish addiction care."""

__version__ = "0.1.0"

__all__ = ["__version__"]
