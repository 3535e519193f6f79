/* The article form's writing aids (articles/admin_writing.py), all progressive enhancement:
   - a warning before leaving the page with unsaved changes (not when the form is submitted);
   - unsaved edits kept in localStorage per article, offered back on the next visit, and
     cleared once a save succeeds;
   - a live preview beside the body, rendered by the server as the public page renders it,
     with the sanitiser's notes and the word count and reading time;
   - character counts for fields with a length hint (data-length-hint);
   - a chooser of library images that inserts their Markdown at the cursor
     (static/js/media-chooser.js, loaded before this file).
   The body textarea carries the addresses and words it needs (data-* attributes). */
(function () {
  "use strict";

  var DRAFT_PREFIX = "healthsite:draft:";
  var SUBMITTED = "healthsite:draft-submitted";
  var PREVIEW_DELAY = 400;
  var DRAFT_DELAY = 500;

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, name) { return values[name]; });
  }

  function makeButton(label, className) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className || "button";
    button.textContent = label;
    return button;
  }

  function debounce(fn, delay) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, delay);
    };
  }

  function storage(kind) {
    try { return window[kind]; } catch (_e) { return null; }
  }

  /* A save that was submitted: once the next article page says it succeeded (the admin's
     success message, no form errors), the draft is done with. A form drawn again with errors
     keeps it, and so does a save that never arrived (an ended session, a refused token):
     the page after logging in again says nothing of success. */
  function settleSubmittedDraft(local) {
    var session = storage("sessionStorage");
    if (!session || !local) { return; }
    var key = session.getItem(SUBMITTED);
    if (!key) { return; }
    session.removeItem(SUBMITTED);
    var saved = document.querySelector(".messagelist .success");
    if (saved && !document.querySelector(".errornote, .errorlist")) {
      local.removeItem(DRAFT_PREFIX + key);
    }
  }

  /* The fields a draft keeps: what the editor types or picks, not hidden fields, files,
     widgets drawn by other scripts (autocomplete, the tags' two lists) or the form's own. */
  function draftFields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      if (!el.name || el.disabled) { return false; }
      if (el.tagName === "TEXTAREA") { return true; }
      if (el.tagName === "SELECT") {
        return !el.multiple && !el.classList.contains("admin-autocomplete");
      }
      if (el.tagName !== "INPUT") { return false; }
      return ["hidden", "file", "submit", "button", "reset", "image", "password"]
        .indexOf(el.type) === -1 && el.name.indexOf("__prefix__") === -1;
    });
  }

  function readValues(fields) {
    var values = {};
    fields.forEach(function (el) {
      if (el.type === "checkbox") {
        values[el.name] = el.checked;
      } else if (el.type === "radio") {
        if (el.checked) { values[el.name] = el.value; }
      } else {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  function writeValues(fields, values) {
    fields.forEach(function (el) {
      if (!Object.prototype.hasOwnProperty.call(values, el.name)) { return; }
      var value = values[el.name];
      if (el.type === "checkbox") {
        el.checked = Boolean(value);
      } else if (el.type === "radio") {
        el.checked = el.value === value;
      } else {
        el.value = value;
      }
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function differ(a, b) {
    var names = Object.keys(a).concat(Object.keys(b));
    return names.some(function (name) { return a[name] !== b[name]; });
  }

  function setUpUnsavedWork(form, body, text, local) {
    var key = body.dataset.draftKey;
    var fields = draftFields(form);
    var initial = readValues(fields);
    var submitting = false;
    // A form drawn again after a refused save holds what was typed, none of it saved yet.
    var refused = Boolean(document.querySelector(".errornote"));

    function dirty(values) { return refused || differ(values, initial); }

    window.addEventListener("beforeunload", function (event) {
      if (submitting || !dirty(readValues(fields))) { return; }
      event.preventDefault();
      event.returnValue = "";
    });

    form.addEventListener("submit", function () {
      submitting = true;
      var session = storage("sessionStorage");
      if (session) { session.setItem(SUBMITTED, key); }
    });

    if (!local) { return; }
    var saveDraft = debounce(function () {
      if (submitting) { return; }
      var values = readValues(fields);
      if (dirty(values)) {
        local.setItem(DRAFT_PREFIX + key, JSON.stringify({
          saved: Date.now(), values: values, version: seenVersion(form)
        }));
      } else {
        local.removeItem(DRAFT_PREFIX + key);
      }
    }, DRAFT_DELAY);
    form.addEventListener("input", saveDraft);
    form.addEventListener("change", saveDraft);

    offerDraft(form, fields, key, text, local);
  }

  function offerDraft(form, fields, key, text, local) {
    var draft;
    try { draft = JSON.parse(local.getItem(DRAFT_PREFIX + key) || "null"); } catch (_e) {
      draft = null;
    }
    if (!draft || !draft.values || !differ(draft.values, readValues(fields))) { return; }

    var list = document.createElement("ul");
    list.className = "messagelist draft-offer";
    var item = document.createElement("li");
    item.className = "warning";
    item.setAttribute("role", "status");
    item.appendChild(document.createTextNode(
      format(text.draftFound, { time: new Date(draft.saved).toLocaleString() }) + " "
    ));
    var restore = makeButton(text.restore);
    var discard = makeButton(text.discard);
    item.appendChild(restore);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(discard);
    list.appendChild(item);
    form.insertBefore(list, form.firstChild);

    restore.addEventListener("click", function () {
      writeValues(fields, draft.values);
      // The draft was typed over the version then saved: a save of it is checked against
      // that one, so a newer save by someone else is shown, not undone (articles.versioning).
      var seen = form.elements.namedItem("seen_version");
      if (seen && draft.version) { seen.value = draft.version; }
      list.remove();
    });
    discard.addEventListener("click", function () {
      local.removeItem(DRAFT_PREFIX + key);
      list.remove();
    });
  }

  function seenVersion(form) {
    var seen = form.elements.namedItem("seen_version");
    return seen ? seen.value : "";
  }

  function csrfToken(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  /* Below a field's row (the admin lays it out as label | widget), above its help text. */
  function placeUnder(field, element) {
    var row = field.closest(".flex-container") || field;
    row.parentNode.insertBefore(element, row.nextSibling);
  }

  /* One box where the textarea was: the chooser's button and panel, then the body beside
     its preview; its length goes under the row. */
  function setUpPreview(form, body, text) {
    var aids = document.createElement("div");
    aids.className = "writing-aids";
    body.parentNode.insertBefore(aids, body);
    var wrapper = document.createElement("div");
    wrapper.className = "writing-split";
    aids.appendChild(wrapper);
    wrapper.appendChild(body);

    var pane = document.createElement("section");
    pane.className = "body-preview";
    pane.setAttribute("aria-label", text.preview);
    var heading = document.createElement("h3");
    heading.textContent = text.preview;
    var notes = document.createElement("ul");
    notes.className = "errorlist body-preview-notes";
    notes.hidden = true;
    var content = document.createElement("div");
    content.className = "body-preview-content";
    pane.appendChild(heading);
    pane.appendChild(notes);
    pane.appendChild(content);
    wrapper.appendChild(pane);

    var length = document.createElement("div");
    length.className = "help body-length";
    length.setAttribute("aria-live", "polite");
    placeUnder(aids, length);

    var latest = 0;
    function refresh() {
      var asked = ++latest;
      var data = new FormData();
      data.append("body", body.value);
      fetch(body.dataset.previewUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken(form), Accept: "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(function (result) {
        if (asked !== latest) { return; }
        content.innerHTML = result.html; // rendered and sanitised by the server, as the page
        length.textContent = result.length;
        notes.textContent = "";
        result.notes.forEach(function (note) {
          var li = document.createElement("li");
          li.textContent = note;
          notes.appendChild(li);
        });
        notes.hidden = result.notes.length === 0;
      }).catch(function () {
        if (asked === latest) { length.textContent = text.previewFailed; }
      });
    }
    body.addEventListener("input", debounce(refresh, PREVIEW_DELAY));
    refresh();
  }

  function setUpLengthHints(form, text) {
    form.querySelectorAll("[data-length-hint]").forEach(function (field) {
      var hint = Number(field.dataset.lengthHint);
      var count = document.createElement("div");
      count.className = "help length-count";
      count.setAttribute("aria-live", "polite");
      placeUnder(field, count);
      function update() {
        var used = field.value.length;
        count.textContent = format(text.characters, { count: used, hint: hint });
        count.classList.toggle("length-over", used > hint);
      }
      field.addEventListener("input", update);
      update();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var local = storage("localStorage");
    settleSubmittedDraft(local);
    var body = document.querySelector("textarea[data-draft-key]");
    if (!body || !body.form) { return; }
    var form = body.form;
    var text = JSON.parse(body.dataset.editorText || "{}");
    setUpPreview(form, body, text);
    if (body.dataset.chooserUrl && window.healthsiteMediaChooser) {
      window.healthsiteMediaChooser(body, text, { makeButton: makeButton, debounce: debounce });
    }
    setUpLengthHints(form, text);
    setUpUnsavedWork(form, body, text, local);
  });
})();
