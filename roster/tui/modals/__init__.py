"""Modal dialogs: help, candidates for a visit, re-solve progress and preview."""
