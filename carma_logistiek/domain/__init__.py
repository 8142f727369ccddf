"""Domain rules as plain Python: no database, no Qt."""
