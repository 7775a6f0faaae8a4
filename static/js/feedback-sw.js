/* The feedback form's service worker, served from /feedback/sw.js so it controls /feedback/ and nothing else.
   It keeps only the form's own stylesheet, scripts and icon, so a page reached on weak signal needs only its
   HTML. It never keeps a page: every page of the form carries a young person's answers, a signed-in visitor's
   page carries their name, and staff pages are none of its business. Anything not on its list goes to the
   network untouched. */
"use strict";
var CACHE = "roadshow-feedback-v1";
var ASSETS = ["static/css/site.css", "static/js/site.js", "static/js/feedback.js",
  "static/js/feedback-offline.js", "static/img/favicon.svg"].map(function (path) {
  return new URL("../" + path, self.location).href;
});

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== CACHE; }).map(function (name) {
      return caches.delete(name);
    }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  url.search = "";
  if (request.method !== "GET" || ASSETS.indexOf(url.href) === -1) { return; }
  /* The network first, so a new release is seen at once; the kept copy when there is no signal. */
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(url.href, copy); });
    }
    return response;
  }, function () {
    return caches.match(url.href).then(function (kept) { return kept || Response.error(); });
  }));
});
