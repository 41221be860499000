"""diplotui's data layer: the store, importers, extraction, search and facets.

Never imports Textual: the CLI and scripts use it without paying for a UI.
"""
