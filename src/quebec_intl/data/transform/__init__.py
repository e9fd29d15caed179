"""Builders, one per tidy table: source columns in, the project's fields out, validated against the schema."""
