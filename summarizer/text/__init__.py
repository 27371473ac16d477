"""The one vocabulary of news English that every rule reads: number words, hedges, months,
weekdays, relative days and currencies. Word lists only, no behaviour: ``normalize`` parses
with them, the offline extractor finds with them, cleaning and evaluation recognise with them,
so a word added here is known everywhere at once."""
