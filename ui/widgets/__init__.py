"""Widgets every feature shares: tables, forms, prompts, printing, sounds."""
