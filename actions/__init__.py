"""Rasa action server: thin adapters between Rasa and the `bot` package."""
