"""`make bench`: this project measured against Rasa's default configuration."""
