"""carer-roster: build, show and adjust the weekly rota of a home-care provider."""

__version__ = "0.1.0"
