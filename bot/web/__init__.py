"""The public entry point: serves the website widget and forwards its messages and the webhooks to Rasa."""
