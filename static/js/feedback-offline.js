/* Sending answers through patchy signal. If "Send my answers" cannot reach us because the phone is
   offline, the sealed answers wait in this phone's local storage (never a cookie), the page says so,
   and they are sent when the connection returns. The server's one-time submission id in the sealed
   answers stores them once, however many times they arrive. Once sent, nothing is left here.
   Without this script the form still works: the check page tells people what to do. */
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
    /* The server answered but did not take the answers (closed, too many, expired): let it show why. */
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
        forget();  /* the server has answered for good: sent, or refused for a reason it will show */
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
    /* The note for phones without this script: here the page keeps the answers and sends them itself. */
    var notes = document.querySelectorAll("[data-no-signal-note]");
    notes.forEach(function (note) { note.hidden = true; });
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (!submitter || submitter.name !== "next") { return; }  /* "Change" and "Back" go as usual */
      event.preventDefault();
      var item = { action: form.action, state: form.elements.state.value };
      if (!keep(item)) {  /* no storage on this phone: send as without this script, and say so */
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
