"""The Textual app: screens, widgets, modals. Calls roster.planning only."""
