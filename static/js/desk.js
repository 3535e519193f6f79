/* The moderation desk, with a script (admin/comments/comment/desk.html).

   Without it every action is a small form that posts and comes back to the same place of the
   desk. With it the same forms are sent with fetch (their own CSRF field travels with them),
   the server answers JSON with the card as it is now ("Approved by you · Undo"), the card is
   swapped in place and focus moves to the next comment. Keys, as in WordPress: j/k next and
   previous, a approve, s spam, d remove, r reply, z undo, ? the list of keys; never while
   typing in a field, never with Ctrl, Alt or Meta. */
(function () {
  "use strict";

  var desk = document.querySelector("[data-desk]");
  var box = document.getElementById("desk-cards");
  if (!desk || !box || !window.healthsite || !window.fetch || !window.FormData) { return; }

  var live = document.getElementById("desk-live");
  var help = document.getElementById("desk-keys");
  var helpButton = desk.querySelector("[data-desk-keys-open]");
  var selectAll = desk.querySelector("[data-desk-select-all]");
  var undoForms = [];
  var current = null;
  var FAILED = desk.getAttribute("data-failed-text");
  var NOTHING_TO_UNDO = desk.getAttribute("data-nothing-to-undo-text");

  function allCards() {
    return Array.prototype.slice.call(box.querySelectorAll(".desk-card"));
  }

  function openCards() {
    return allCards().filter(function (card) { return !card.classList.contains("is-done"); });
  }

  function mark(card) {
    if (current === card) { return; }
    if (current) { current.classList.remove("is-current"); }
    current = card;
    if (card) { card.classList.add("is-current"); }
  }

  function goTo(card) {
    mark(card);
    if (!card) { return; }
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var cards = openCards();
    if (!cards.length) { return; }
    var index = cards.indexOf(current);
    if (index === -1) {
      index = step > 0 ? 0 : cards.length - 1;
    } else {
      index = Math.min(Math.max(index + step, 0), cards.length - 1);
    }
    goTo(cards[index]);
  }

  function nextAfter(card) {
    var cards = allCards();
    var index = cards.indexOf(card);
    var open = function (other) { return !other.classList.contains("is-done"); };
    var after = cards.slice(index + 1).filter(open);
    if (after.length) { return after[0]; }
    var before = cards.slice(0, index).filter(open);
    return before.length ? before[before.length - 1] : null;
  }

  function announce(text) {
    if (live) { live.textContent = text || ""; }
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function showError(form, text) {
    var card = form.closest(".desk-card");
    var place = form.querySelector(".desk-panel-error");
    if (!place && card) {
      place = card.querySelector(".desk-card-error");
      if (!place) {
        place = document.createElement("p");
        place.className = "desk-panel-error desk-card-error";
        card.insertBefore(place, card.firstChild);
      }
    }
    if (place) {
      place.setAttribute("role", "alert");
      place.textContent = text;
      place.hidden = false;
    }
    announce(text);
  }

  function setBusy(form, busy) {
    form.querySelectorAll("button").forEach(function (button) { button.disabled = busy; });
    if (busy) { form.setAttribute("aria-busy", "true"); } else { form.removeAttribute("aria-busy"); }
  }

  function swap(card, html, kind) {
    var fresh = fromHtml(html);
    if (!fresh) { return; }
    card.replaceWith(fresh);
    var undo = fresh.querySelector("form[data-desk-form=undo]");
    if (undo && kind !== "undo") { undoForms.push(undo); }
    if (kind === "undo" || kind === "edit") {
      goTo(fresh);
    } else {
      goTo(nextAfter(fresh) || fresh);
    }
  }

  function send(form) {
    var kind = form.getAttribute("data-desk-form");
    var card = form.closest(".desk-card");
    setBusy(form, true);
    window.healthsite.sendForm(form).then(function (answer) {
      if (!answer) {
        HTMLFormElement.prototype.submit.call(form);
        return;
      }
      if (!answer.ok) {
        setBusy(form, false);
        showError(form, answer.data.message || FAILED);
        return;
      }
      announce(answer.data.message);
      if (card && answer.data.card) { swap(card, answer.data.card, kind); }
    }).catch(function () {
      setBusy(form, false);
      showError(form, FAILED);
    });
  }

  box.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-desk-form]")) { return; }
    event.preventDefault();
    if (form.getAttribute("aria-busy")) { return; }
    send(form);
  });

  // The card being worked on follows the mouse and Tab too.
  box.addEventListener("focusin", function (event) {
    var card = event.target.closest(".desk-card");
    if (card) { mark(card); }
  });

  // An opened panel (reply, edit, block) puts the cursor in its first field.
  box.addEventListener("toggle", function (event) {
    var panel = event.target;
    if (!panel.open || !panel.matches("details[data-desk-panel]")) { return; }
    var field = panel.querySelector("textarea, input:not([type=hidden]), button[type=submit]");
    if (field) { field.focus(); }
  }, true);

  function press(name) {
    if (!current) { move(1); return; }
    var form = current.querySelector('form[data-desk-form="' + name + '"]');
    if (!form) { return; }
    if (form.requestSubmit) { form.requestSubmit(); } else { send(form); }
  }

  function reply() {
    if (!current) { move(1); return; }
    var panel = current.querySelector('details[data-desk-panel="reply"]');
    if (!panel) { return; }
    panel.open = true;
    var field = panel.querySelector("textarea");
    if (field) { field.focus(); }
  }

  function undoLast() {
    while (undoForms.length) {
      var form = undoForms.pop();
      if (document.body.contains(form)) {
        if (form.requestSubmit) { form.requestSubmit(); } else { send(form); }
        return;
      }
    }
    announce(NOTHING_TO_UNDO);
  }

  // Esc closes the reply, edit or block panel the cursor is in, back on its button.
  function closePanel(target) {
    var panel = target && target.closest && target.closest("details[data-desk-panel][open]");
    if (!panel) { return; }
    panel.open = false;
    panel.querySelector("summary").focus();
  }

  function showHelp() {
    if (help && !help.open && help.showModal) { help.showModal(); }
  }

  function typing(target) {
    return Boolean(target && target.closest &&
      (target.closest("input, textarea, select, [contenteditable]") || target.isContentEditable));
  }

  var KEYS = {
    j: function () { move(1); },
    k: function () { move(-1); },
    a: function () { press("approve"); },
    s: function () { press("spam"); },
    d: function () { press("remove"); },
    r: reply,
    z: undoLast,
    "?": showHelp
  };

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "Escape") { closePanel(event.target); return; }
    if (event.isComposing || typing(event.target)) { return; }
    if (help && help.open) { return; }
    var action = Object.prototype.hasOwnProperty.call(KEYS, event.key) ? KEYS[event.key] : null;
    if (!action) { return; }
    event.preventDefault();
    action();
  });

  if (help && help.showModal && helpButton) {
    helpButton.hidden = false;
    helpButton.addEventListener("click", showHelp);
  }

  if (selectAll) {
    selectAll.closest("label").hidden = false;
    selectAll.addEventListener("change", function () {
      box.querySelectorAll("input.desk-select").forEach(function (input) {
        input.checked = selectAll.checked;
      });
    });
  }

  // Arriving at a card's anchor (after an action without the script): that card is current.
  if (location.hash.indexOf("#comment-") === 0) {
    var target = document.getElementById(location.hash.slice(1));
    if (target && box.contains(target)) { mark(target); }
  }
})();
