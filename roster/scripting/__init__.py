"""Scripting without a database: a versioned JSON problem (a provider's week) and solution (the
rota, its uncovered visits with reasons, the checker's findings and the report), each with a JSON
Schema. `roster solve-file` and `roster batch` read and write these files."""

FORMAT_VERSION = 1
"""Bumped on any change a reader of version 1 could not read."""
PROBLEM_FORMAT = "carer-roster/problem"
SOLUTION_FORMAT = "carer-roster/solution"
