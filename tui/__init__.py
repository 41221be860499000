"""diplotui's terminal interface: the CLI and the Textual app. Never writes SQL."""
