# English dates as the publication writes them: "March 5, 2026", "3:07 PM" and "March 5, 2026
# at 3:07 PM" (Django's own English formats say "Mar. 5, 2026" and "3:07 p.m.").
DATE_FORMAT = "F j, Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = r"F j, Y \a\t g:i A"
