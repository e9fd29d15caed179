"""The visual layer: the house theme, chart builders, map geometries and the blocks a report section shows."""
