/* healthsite: progressive enhancement only. Every feature here works without it. */
(function () {
  "use strict";

  function announce(root, text) {
    var status = root.querySelector(".share-status");
    if (status) { status.textContent = text; }
  }

  // Copy link: the button carries the plain article address.
  document.querySelectorAll(".share-copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy-url");
      var root = button.closest(".share-buttons") || document;
      var done = function () {
        var label = button.textContent;
        button.textContent = "Link copied";
        announce(root, "Link copied to the clipboard");
        window.setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(done, function () { window.prompt("Copy this link:", url); });
      } else {
        window.prompt("Copy this link:", url);
      }
    });
  });

  // The Web Share API, where the browser offers it.
  if (navigator.share) {
    document.querySelectorAll(".share-native").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({
          title: button.getAttribute("data-share-title"),
          url: button.getAttribute("data-share-url")
        }).catch(function () { /* the reader cancelled */ });
      });
    });
  }
})();
