"""The reports, one module per kind (partner, overview, region, relations): a frozen data object computed once by
`load`, and section functions `(data, ctx) -> Section` that the kind's notebook calls in order."""
