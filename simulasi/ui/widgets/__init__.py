"""The game's widgets, one small module each (imported from their modules, so that a screen
loads only the widgets it shows: Home's first frame does not wait for the Play screen's)."""
