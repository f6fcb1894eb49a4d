"""simulasi: a crisis-communication exercise engine for Indonesian government workshops."""

#: The version, in one place: the package's metadata takes it from here (pyproject.toml).
__version__ = "0.1.0"
