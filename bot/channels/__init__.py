"""Rasa input and output channels of the assistant."""
