/* healthsite.sendForm(form): POST a form with fetch, asking for JSON, and resolve to
   {ok, status, data}, or to null when the answer is not JSON (a login page after the session
   ended: the caller then posts the form plainly). The form's own CSRF field travels in its
   body. Shared by the moderation desk (desk.js) and the article page's moderation buttons
   (moderate.js). */
(function () {
  "use strict";

  window.healthsite = window.healthsite || {};
  window.healthsite.sendForm = function (form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) { return null; }
      return response.json().then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    });
  };
})();
