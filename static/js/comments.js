/* healthsite discussion: "Reply" moves the comment form under the comment being answered, as
   readers know from WordPress. Without this script the same links reload the page with
   ?replyto=ID, and the server sets up the reply. The form's button works once, and a form
   sent back with errors keeps its place and the focus on its error summary. */
(function () {
  "use strict";

  var respond = document.getElementById("respond");
  var form = document.getElementById("comment-form");
  if (!respond || !form) { return; }

  var parentInput = form.querySelector("input[name=parent]");
  var replyingTo = respond.querySelector(".replying-to");
  var replyingToName = respond.querySelector(".replying-to-name");
  var cancel = document.getElementById("cancel-comment-reply-link");
  var home = document.createElement("div");
  home.id = "respond-home";
  home.hidden = true;
  respond.parentNode.insertBefore(home, respond);

  function focusBody() {
    var body = form.querySelector("textarea[name=body]");
    if (body) { body.focus(); }
  }

  function replyTo(link) {
    var comment = link.closest("li.comment");
    var body = comment && comment.querySelector(".comment-body");
    if (!body || !parentInput) { return false; }
    body.parentNode.insertBefore(respond, body.nextSibling);
    parentInput.value = link.getAttribute("data-comment-id");
    replyingToName.textContent = link.getAttribute("data-author");
    replyingTo.hidden = false;
    focusBody();
    return true;
  }

  function cancelReply() {
    home.parentNode.insertBefore(respond, home.nextSibling);
    if (parentInput) { parentInput.value = ""; }
    replyingTo.hidden = true;
    replyingToName.textContent = "";
    focusBody();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".comment-reply-link");
    if (link && replyTo(link)) {
      event.preventDefault();
    }
  });

  if (cancel) {
    cancel.addEventListener("click", function (event) {
      event.preventDefault();
      cancelReply();
    });
  }

  // One click sends the form once: the button is disabled as it goes (the server also stores
  // one comment from one form, whatever arrives).
  form.addEventListener("submit", function (event) {
    if (form.hasAttribute("data-sent")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sent", "");
    form.querySelectorAll("[type=submit]").forEach(function (button) {
      button.disabled = true;
    });
  });

  // Arriving with ?replyto=ID (no-JS link or a shared URL): put the form under that comment.
  if (parentInput && parentInput.value) {
    var link = document.querySelector('.comment-reply-link[data-comment-id="' + parentInput.value + '"]');
    if (link) {
      var comment = link.closest("li.comment");
      var body = comment && comment.querySelector(".comment-body");
      if (body) { body.parentNode.insertBefore(respond, body.nextSibling); }
    }
  }

  // A form sent back with errors: the page opens at its error summary, which the browser
  // focuses by itself (autofocus). Moving the form above takes focus away, and a browser may
  // not autofocus: focus it here too. Its links focus their field with the label in view.
  var summary = document.getElementById("error-summary");
  if (summary) {
    if (document.activeElement !== summary) { summary.focus(); }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      event.preventDefault();
      var label = target.id && form.querySelector('label[for="' + target.id + '"]');
      (label || target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }
})();
