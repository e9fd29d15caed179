"""Québec International Report: sourced, bilingual reports on Québec's international trade and relations."""

__version__ = "0.1.0"
