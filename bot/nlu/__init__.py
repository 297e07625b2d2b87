"""Custom Rasa graph components: language identification and language-aware tokens."""
