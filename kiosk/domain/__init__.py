"""Pure hub logic: money, bays, sessions. Standard library only, never reads the clock."""
