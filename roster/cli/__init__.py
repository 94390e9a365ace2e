"""Command-line front end (click)."""
