/* Patchy signal: if "Send my answers" cannot reach us, the sealed answers wait in local storage (never a
   cookie) and go when the signal returns; the one-time submission id inside stores them once. */
(function () {
  "use strict";
  var KEY = "roadshow.feedback.unsent";
  var RETRY_MS = 15000;
  var sending = false;
  var form = document.querySelector("form[data-send-offline]");
  var status = document.querySelector("[data-offline-status]");

  function waiting() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { return null; }
  }
  function keep(item) {
    try { window.localStorage.setItem(KEY, JSON.stringify(item)); return true; } catch (e) { return false; }
  }
  function forget() {
    try { window.localStorage.removeItem(KEY); } catch (e) { /* storage off: nothing was kept */ }
  }
  function buttons(disabled) {
    if (form) { form.querySelectorAll("button").forEach(function (b) { b.disabled = disabled; }); }
  }
  function onThisPage(item) {
    return Boolean(form && item && item.action === form.action && item.state === form.elements.state.value);
  }
  function sendPlainly() {
    /* answered, not taken (closed, too many, expired): let the server say why */
    var next = document.createElement("input");
    next.type = "hidden"; next.name = "next"; next.value = "next";
    form.appendChild(next);
    HTMLFormElement.prototype.submit.call(form);
  }

  function send(item) {
    if (sending || !item) { return; }
    sending = true;
    buttons(true);
    var body = new URLSearchParams();
    body.set("state", item.state);
    body.set("next", "next");
    window.fetch(item.action, { method: "POST", body: body, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        sending = false;
        forget();  /* answered for good */
        var here = onThisPage(item);
        if (response.ok && response.redirected) {
          if (here) { window.location.assign(response.url); }
        } else if (here) {
          sendPlainly();
        }
      }, function () {
        sending = false;
        buttons(false);
        if (onThisPage(item) && status) { status.textContent = status.dataset.saved; }
      });
  }

  if (form) {
    /* the note is for phones without this script */
    var notes = document.querySelectorAll("[data-no-signal-note]");
    notes.forEach(function (note) { note.hidden = true; });
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (!submitter || submitter.name !== "next") { return; }  /* "Change" and "Back" go as usual */
      event.preventDefault();
      var item = { action: form.action, state: form.elements.state.value };
      if (!keep(item)) {  /* no storage: send plainly, with the note */
        notes.forEach(function (note) { note.hidden = false; });
        sendPlainly();
        return;
      }
      send(item);
    });
  }
  function retry() { send(waiting()); }
  window.addEventListener("online", retry);
  window.setInterval(function () { if (waiting()) { retry(); } }, RETRY_MS);
  if (waiting()) {
    if (onThisPage(waiting()) && status) { status.textContent = status.dataset.saved; }
    retry();
  }

  var script = document.currentScript;
  if ("serviceWorker" in navigator && script && script.dataset.worker) {
    navigator.serviceWorker.register(script.dataset.worker)  /* its scope: /feedback/ */
      .catch(function () { /* the form works without it */ });
  }
})();
