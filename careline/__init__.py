"""Careline's domain package: pure, typed rules shared by the API and the Rasa side.

Standard library and Babel only (no pydantic, SQLAlchemy or FastAPI), importable
under Python 3.10 (Rasa venv) and 3.11 (API venv):

- `careline.languages`: the supported languages and language-name recognition;
- `careline.countries`: country recognition in six languages, names, time zones;
- `careline.identifiers`: serial/product numbers, case IDs, failure IDs, PINs;
- `careline.dates`: month arithmetic;
- `careline.entitlement`: the entitlement engine (rules R1-R16).
"""
