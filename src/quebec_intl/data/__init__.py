"""The data layer: sources -> raw files -> tidy, validated tables, and the read side the reports use."""
