"""Request and response models of the HTTP API (pydantic 2), one module per resource."""
