"""Exports of a scoreboard and of a debrief: XLSX, CSV, JSON, Markdown, HTML, xAPI.

Pure: each takes ScoreCards (in a `Scoreboard`) and the run facts passed in and returns the
document as text or bytes; the command writes the file. Submodules are imported on demand
(openpyxl and Jinja2 only when their format is asked for).
"""
