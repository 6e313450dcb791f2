"""The hub engine: the single writer that turns events into state, rows, commands and snapshots."""
