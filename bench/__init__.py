"""Public benchmarks: our routing core beside PyVRP and VROOM on Solomon, Gehring-Homberger and
the Mankowska et al. (2014) home-health-care instances. Not part of the installed package."""
