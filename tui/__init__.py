"""diplotui's terminal interface: the CLI and the Textual app. Never writes SQL."""

import os

# Textual paints at most TEXTUAL_FPS times a second, and after a paint its timer waits one
# to two frames before the next. At the default 60, a keystroke's results waited 17-33 ms
# behind the paint of the key's echo in the search box; at 120 they wait 8-17 ms. Read
# when Textual is first imported, which is why it is set here; a user's own value wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
