"""The message check: its word patterns, each language's phrases, its rules file and learned model."""
