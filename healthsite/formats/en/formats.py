# English dates as the publication writes them: "March 5, 2026" and "March 5, 2026 at 3:07 PM"
# (Django's own English formats abbreviate months: "Mar. 5, 2026").
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = r"F j, Y \a\t g:i A"
