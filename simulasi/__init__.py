"""simulasi: a crisis-communication exercise engine for Indonesian government workshops."""

__version__ = "0.1.0"
