"""Careline HTTP API (FastAPI): entitlement checks, support hours, cases."""
