"""What a browser sends when the person presses a form's submit button, read from the page.

`form_data(response, "article_form")` reads the form as drawn (hidden fields, the inline
management forms, the version seen, the selected options, the checked boxes, the text of each
textarea) so that a test changes only what an editor would change, then posts the rest as
drawn. File inputs send nothing unless the test adds a file.
"""

from tests.markup import parse

_NOT_SENT = {"submit", "button", "reset", "image", "file"}


def form_data(page, form_id, submit="_save"):
    """{name: value, or [values] for a name sent more than once} of the form `form_id`."""
    root = page if hasattr(page, "find_all") else parse(page)
    form = root.one("form", id=form_id)
    pairs = []
    for element in form.iter():
        name = element.get("name")
        if not name or "disabled" in element.attrs:
            continue
        if element.tag == "input":
            kind = element.get("type", "text").lower()
            if kind in _NOT_SENT or (
                kind in ("checkbox", "radio") and "checked" not in element.attrs
            ):
                continue
            pairs.append(
                (name, element.get("value", "on" if kind in ("checkbox", "radio") else ""))
            )
        elif element.tag == "textarea":
            text = element.raw_text
            # A browser drops the newline that follows <textarea>; Django's template adds one.
            pairs.append((name, text[1:] if text.startswith("\n") else text))
        elif element.tag == "select":
            options = element.find_all("option")
            chosen = [o for o in options if "selected" in o.attrs]
            if not chosen and "multiple" not in element.attrs and options:
                chosen = options[:1]
            pairs.extend((name, o.get("value", o.text)) for o in chosen)
    if submit:
        pairs.append((submit, "Save"))
    data = {}
    for name, value in pairs:
        if name in data:
            existing = data[name]
            data[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            data[name] = value
    return data
