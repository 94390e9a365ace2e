"""Scripting without a database: a versioned JSON problem (a provider's week) and solution (the
rota, its uncovered visits with reasons, the checker's findings and the report), each with a JSON
Schema. `roster solve-file` and `roster batch` read and write these files."""

FORMAT_VERSION = 1
"""Bumped on any change a reader of version 1 could not read."""
TRAVEL_VERSION = 2
"""The problem format version that adds the optional `travel` table; a problem file is written as
version 1 unless it carries one, so that readers of version 1 still read it."""
PROBLEM_VERSIONS = (FORMAT_VERSION, TRAVEL_VERSION)
PROBLEM_FORMAT = "carer-roster/problem"
SOLUTION_FORMAT = "carer-roster/solution"
