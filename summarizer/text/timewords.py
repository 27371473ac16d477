"""Calendar words: months, weekdays and the words for days relative to today."""

from __future__ import annotations

MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}  # fmt: skip
# Days named relative to the day of writing, with their offset in days.
RELATIVE_DAYS: dict[str, int] = {
    "day before yesterday": -2,
    "day after tomorrow": 2,
    "yesterday": -1,
    "last night": -1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tomorrow": 1,
}
# Every form above with its number: months 1–12, weekdays 0 (Monday) – 6 (Sunday).
MONTH_NUMBERS: dict[str, int] = {m: i for i, m in enumerate(MONTHS, 1)} | MONTH_ABBREVIATIONS
WEEKDAY_NUMBERS: dict[str, int] = {d: i for i, d in enumerate(WEEKDAYS)} | WEEKDAY_ABBREVIATIONS

# Words before a time that change which time it is: "next Friday" is not "Friday".
TIME_SHIFTERS = (
    "next", "last", "this", "previous", "coming", "past", "early", "late", "mid", "since",
    "until", "till", "before", "after", "by", "from", "earlier", "later",
)  # fmt: skip
