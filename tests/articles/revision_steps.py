"""An editor at an article's revisions: save through the change form, open the history,
compare, restore — each as the admin's pages draw and send them."""

from tests.markup import parse

from .editor import change_url, open_form


def revisions_url(article):
    return f"/admin/articles/article/{article.pk}/revisions/"


def compare_url(article, old, new):
    return f"{revisions_url(article)}compare/?old={old}&new={new}"


def restore_url(article, number):
    return f"{revisions_url(article)}{number}/restore/"


def preview_url(article, number):
    return f"{revisions_url(article)}{number}/preview/"


def save(client, article, submit="_save", **changes):
    """Open the change form, change some fields, press `submit`; the response, followed."""
    data = {**open_form(client, article), **changes}
    if submit != "_save":
        data.pop("_save")
        data[submit] = "pressed"
    return client.post(change_url(article), data, follow=True)


def history_rows(response):
    """Each row of the history as {"number", "when", "who", "what", "changed", "actions"}
    texts, newest first."""
    rows = []
    for row in parse(response).find_all("tr", class_="revision-row"):
        cells = [cell.text for cell in row.children if getattr(cell, "tag", "") in ("th", "td")]
        names = ("number", "when", "who", "what", "changed", "actions")
        rows.append(dict(zip(names, cells[2:], strict=True)))
    return rows


def confirm(client, url):
    """Open a confirmation page and press its first button, CSRF token and all."""
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, hidden_fields(page), follow=True)


def hidden_fields(page):
    """What a confirmation page's own form (the first without an action) sends: its hidden
    fields, CSRF token and version seen included."""
    form = parse(page).one("form", method="post", action=None)
    fields = form.find_all("input", type="hidden")
    return {field["name"]: field.get("value", "") for field in fields}
