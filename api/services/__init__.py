"""Business operations behind the routes; keyword-only functions over a session."""
