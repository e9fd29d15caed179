"""The analysis layer: metrics, the frames a report reads computed once, number formatting, text and narrative."""
