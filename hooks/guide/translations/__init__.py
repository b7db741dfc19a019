"""Translations: each language's fields over the English, its build, what has gone stale."""
