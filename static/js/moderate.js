/* Moderating on the article page: the Approve and Spam buttons under a comment awaiting
   moderation (drawn only for moderators) are small forms that post to the moderation desk
   and come back to the comment. With this script they are sent with fetch instead: the
   buttons make way for what was done ("Approved by you · Undo"), and Undo puts them back. */
(function () {
  "use strict";

  if (!window.healthsite || !window.fetch || !window.FormData) { return; }

  function post(form) {
    return window.healthsite.sendForm(form).then(function (answer) {
      if (!answer || !answer.ok) { throw new Error("refused"); }
      return answer.data;
    });
  }

  function hidden(name, value) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    return input;
  }

  function doneNote(controls, form, data) {
    var note = document.createElement("p");
    note.className = "comment-moderated";
    note.setAttribute("role", "status");
    note.appendChild(document.createTextNode(data.done));
    if (data.undo) {
      var undo = document.createElement("form");
      undo.method = "post";
      undo.action = controls.getAttribute("data-undo-url");
      undo.setAttribute("data-moderate", "undo");
      undo.appendChild(hidden("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value));
      undo.appendChild(hidden("token", data.undo));
      undo.appendChild(hidden("origin", "article"));
      var button = document.createElement("button");
      button.type = "submit";
      button.className = "btn btn-link btn-sm";
      button.textContent = controls.getAttribute("data-undo-label");
      undo.appendChild(document.createTextNode(" · "));
      undo.appendChild(button);
      note.appendChild(undo);
    }
    return note;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-moderate]")) { return; }
    var item = form.closest("li.comment");
    var controls = item && item.querySelector(".comment-moderation");
    if (!controls) { return; }
    event.preventDefault();
    var action = form.getAttribute("data-moderate");
    var label = item.querySelector(".comment-awaiting-moderation");
    form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    post(form).then(function (data) {
      var note = item.querySelector(".comment-moderated");
      if (action === "undo") {
        if (note) { note.remove(); }
        controls.hidden = false;
        if (label) { label.hidden = false; }
        item.classList.add("comment-awaiting");
        item.classList.remove("comment-marked-spam");
        controls.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
        controls.querySelector("button").focus();
        return;
      }
      controls.hidden = true;
      if (label) { label.hidden = true; }
      item.classList.remove("comment-awaiting");
      if (data.status === "spam") { item.classList.add("comment-marked-spam"); }
      note = doneNote(controls, form, data);
      controls.parentNode.insertBefore(note, controls.nextSibling);
      var undoButton = note.querySelector("button");
      (undoButton || note).focus();
    }).catch(function () {
      // Not answered as expected (a session that ended, a network fault): post it plainly.
      HTMLFormElement.prototype.submit.call(form);
    });
  });
})();
