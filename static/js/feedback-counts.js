// Progressive enhancement only: the session page shows its counts without this file.
// While a session is running, a facilitator can leave the page open: the received / counted / held
// counts are fetched again every 15 seconds, and the text changes only when a number does.
(function () {
  "use strict";
  var counts = document.querySelector("[data-counts-url]");
  if (!counts || !window.fetch) {
    return;
  }
  function refresh() {
    if (document.hidden) {
      return;
    }
    fetch(counts.getAttribute("data-counts-url"), { credentials: "same-origin", cache: "no-store" })
      .then(function (reply) { return reply.ok ? reply.json() : null; })
      .then(function (data) {
        if (data && data.text && data.text !== counts.textContent) {
          counts.textContent = data.text;
        }
      })
      .catch(function () { /* keep the last counts shown */ });
  }
  window.setInterval(refresh, 15000);
})();
