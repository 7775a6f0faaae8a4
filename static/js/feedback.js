/* Feedback form extras: a characters-left count and no double sending. The form works without this. */
(function () {
  "use strict";
  document.querySelectorAll(".feedback textarea[maxlength]").forEach(function (box) {
    var max = Number(box.getAttribute("maxlength"));
    var note = document.createElement("p");
    note.className = "char-count";
    note.id = box.id + "-count";
    note.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", note);
    box.setAttribute("aria-describedby", ((box.getAttribute("aria-describedby") || "") + " " + note.id).trim());
    var words = box.getAttribute("data-count") || "You have {left} characters left.";  // in the page's language
    function update() { note.textContent = words.replace("{left}", String(max - box.value.length)); }
    box.addEventListener("input", update);
    update();
  });
  document.querySelectorAll(".feedback form").forEach(function (form) {
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        form.querySelectorAll("button, input[type=submit]").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });
})();
/* A page shown again by Back or Forward from the browser's memory gets its buttons back. */
window.addEventListener("pageshow", function () {
  document.querySelectorAll(".feedback form button").forEach(function (b) { b.disabled = false; });
});
