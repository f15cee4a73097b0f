"""Cross-cutting pieces of the API: settings, errors, logging."""
