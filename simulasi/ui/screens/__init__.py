"""The game's screens and modals, one per module."""
