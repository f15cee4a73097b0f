"""Careline's custom actions, served by the Rasa SDK action server.

One module per concern (`session.py`, ...); calls to other systems go through the
typed clients in `actions.clients`. Run with
`python -m rasa_sdk --actions actions --port 5055` from the repository root.
"""
