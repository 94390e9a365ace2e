"""The headless core both front ends call: build the problem, solve, check, apply, publish."""
