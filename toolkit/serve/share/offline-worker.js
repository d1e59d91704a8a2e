// The page's service worker: it keeps the scripts and styles whose address changes with their
// content (FILES, written above this line by toolkit/serve/worker.py) and hands them to the
// page from its cache. Scripts a service worker caches while it installs get V8's code cache
// at once, so a return visit skips compiling them. It never answers for the page itself, the
// kernels, the API or anything else: those go to the server as if it were not there.
"use strict";

const PREFIX = "workshop-static-";
const WANTED = new Set(FILES.map((f) => new URL(f, self.location).href));

self.addEventListener("install", (event) => {
  if (event.addRoutes) {
    // The page, and anything that is not a kept file, goes straight to the network without
    // waking this worker (Chromium's static routing).
    event.addRoutes([{condition: {requestMode: "navigate"}, source: "network"}]);
  }
  event.waitUntil(caches.open(CACHE)
    .then((cache) => Promise.allSettled(FILES.map((f) => cache.add(f))))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  // A new list (a file changed, or the page needs one more) is a new cache: drop the old.
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !WANTED.has(request.url)) {
    return; // not ours: the browser asks the server as usual
  }
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(request))
    .then((kept) => kept || fetch(request)));
});
