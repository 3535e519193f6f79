/* On the admin's "logged out" page: forget the unsaved article drafts kept in this browser
   (article-editor.js keeps them under "healthsite:draft:"), so the next person to use a shared
   computer neither sees nor restores them. */
(function () {
  "use strict";
  var PREFIXES = ["healthsite:draft:", "healthsite:draft-submitted"];

  function forget(storageName) {
    var storage;
    try { storage = window[storageName]; } catch (_e) { return; }
    if (!storage) { return; }
    var names = [];
    for (var index = 0; index < storage.length; index += 1) { names.push(storage.key(index)); }
    names.forEach(function (name) {
      var ours = PREFIXES.some(function (prefix) { return name.indexOf(prefix) === 0; });
      if (ours) { storage.removeItem(name); }
    });
  }

  forget("localStorage");
  forget("sessionStorage");
})();
