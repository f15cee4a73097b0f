"""Custom Rasa components (NLU) of the Careline bot."""
