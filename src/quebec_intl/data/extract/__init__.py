"""Readers, one per source format: the source's own columns, as text, with no renaming and no logic."""
