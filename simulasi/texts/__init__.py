"""UI text catalogues, one module per part of the product (each with an `ID` and an `EN`
dict). `simulasi.i18n` merges them; a key belongs to exactly one part (tested)."""
