"""The moderation desk: an admin page where moderators work through the comments (views.py),
with its filters, its page of cards, its actions and the answers they give."""
