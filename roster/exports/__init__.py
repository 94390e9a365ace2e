"""What leaves the system: run sheets and calendars for carers, payroll rows, and a pseudonymised
problem file for sharing. Pure functions of the provider's data, a rota and the week's report."""
