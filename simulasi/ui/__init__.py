"""The Textual game: the app, its screens, widgets and styles.

Only this package (and the `play` command that opens it) imports Textual; the core packages
never do.
"""
