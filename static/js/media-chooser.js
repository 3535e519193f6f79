/* The article form's chooser of library images (articles/admin_media.py chooser_view): a
   panel listing the newest images, or those matching a search, each inserting its Markdown
   at the cursor. Started by static/js/article-editor.js, which passes its helpers. */
(function () {
  "use strict";

  /* Where the Markdown goes: at the cursor, on lines of its own (an image alone in its
     paragraph is drawn as a figure with its caption). */
  function insertAtCursor(textarea, markdown) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var before = textarea.value.slice(0, start);
    var after = textarea.value.slice(end);
    var lead = before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var tail = after === "" || /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    textarea.setRangeText(lead + markdown + tail, start, end, "end");
    textarea.focus();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function setUpChooser(body, text, helpers) {
    var makeButton = helpers.makeButton;
    var debounce = helpers.debounce;
    var open = makeButton(text.insertImage, "button media-chooser-open");
    open.setAttribute("aria-expanded", "false");
    var panel = document.createElement("div");
    panel.className = "media-chooser";
    panel.hidden = true;
    var search = document.createElement("input");
    search.type = "search";
    search.className = "vTextField";
    search.setAttribute("aria-label", text.search);
    search.placeholder = text.search;
    var close = makeButton(text.close);
    var results = document.createElement("ul");
    results.className = "media-chooser-results";
    panel.appendChild(search);
    panel.appendChild(close);
    panel.appendChild(results);
    var split = body.closest(".writing-split");
    split.parentNode.insertBefore(open, split);
    split.parentNode.insertBefore(panel, split);

    var cursor = { start: 0, end: 0 };
    function show(items) {
      results.textContent = "";
      if (!items.length) {
        var none = document.createElement("li");
        none.textContent = text.noImages;
        results.appendChild(none);
      }
      items.forEach(function (item) {
        var li = document.createElement("li");
        var choose = makeButton("", "media-choice");
        choose.dataset.id = item.id;
        if (item.thumbnail) {
          var img = document.createElement("img");
          img.src = item.thumbnail;
          img.alt = "";
          img.width = 80;
          choose.appendChild(img);
        }
        var label = document.createElement("span");
        label.textContent = item.caption ? item.alt + " — " + item.caption : item.alt;
        choose.appendChild(label);
        choose.addEventListener("click", function () {
          body.setSelectionRange(cursor.start, cursor.end);
          insertAtCursor(body, item.markdown);
          hide();
        });
        li.appendChild(choose);
        results.appendChild(li);
      });
    }
    function load() {
      var url = body.dataset.chooserUrl + "?q=" + encodeURIComponent(search.value);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) { show(data.results); })
        .catch(function () { show([]); });
    }
    function hide() {
      panel.hidden = true;
      open.setAttribute("aria-expanded", "false");
    }
    open.addEventListener("click", function () {
      cursor = { start: body.selectionStart, end: body.selectionEnd };
      panel.hidden = !panel.hidden;
      open.setAttribute("aria-expanded", String(!panel.hidden));
      if (!panel.hidden) { load(); search.focus(); }
    });
    close.addEventListener("click", hide);
    search.addEventListener("input", debounce(load, 250));
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hide(); open.focus(); }
    });
  }

  window.healthsiteMediaChooser = setUpChooser;
})();
