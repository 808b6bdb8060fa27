// Service worker of Trust Workbook, release {{ version }}. It keeps a copy of
// every file of the site, so after one visit the workbook opens and works
// with no network. Each release caches under its own name and removes the
// others, so an update never mixes files of two releases.
const CACHE = "trust-workbook-{{ version }}";
const SITE_FILES = {{ site_files | tojson }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // "no-cache" revalidates with the server, so files the first visit has
      // just loaded are not downloaded a second time.
      .then((cache) => cache.addAll(SITE_FILES.map((path) => new Request(path, { cache: "no-cache" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  // Pages and files alike come from this release's cache first; what is not
  // cached comes from the network and is kept for the next offline visit.
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then((cached) =>
        cached ||
        fetch(request).then((response) => {
          if (response.ok) {
            cache.put(request, response.clone());
          }
          return response;
        }),
      ),
    ),
  );
});
