"""The terminal quiz: a session (pure logic), the terminal front, and the progress store."""
