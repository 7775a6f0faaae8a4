// Progressive enhancement only: every page works without this file.
// Move focus to a form's error summary so screen reader and keyboard users hear it first.
(function () {
  "use strict";
  var summary = document.querySelector("[data-autofocus]");
  if (summary) {
    summary.focus();
  }
})();
