"""The week in figures: what commissioners, payroll and carers are told. Pure functions of the
provider's data, a rota and the rule checker's findings; nothing here reads or writes the database."""
