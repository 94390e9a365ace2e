"""Run sheets: what a carer or crew takes on the round, as text and as a printable page."""
