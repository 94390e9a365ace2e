"""The rule checker: pure functions from a rota and the provider data to violations and measures.
One checker serves the solver tests, `roster check` and the TUI flags."""
