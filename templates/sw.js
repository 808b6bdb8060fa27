// Service worker of Trust Workbook, release {{ version }}. After one visit
// the page that was open works with no network; from the next visit on,
// every page of the site does. Each release caches under its own name and
// removes the others, so an update never mixes files of two releases.
const CACHE = "trust-workbook-{{ version }}";
// What the worksheet page needs (besides itself), kept on the first visit.
const FIRST_VISIT_FILES = {{ first_visit_files | tojson }};
// The rest of the site (the other language, the facilitator's page, files
// only they load), fetched on a later visit: a first visit on venue Wi-Fi
// downloads only what it uses (docs/PERFORMANCE.md).
const LATER_FILES = {{ later_files | tojson }};

// "no-cache" revalidates with the server, so files the page has just loaded
// are not downloaded a second time.
const fresh = (path) => new Request(path, { cache: "no-cache" });

async function keepFirstVisitFiles() {
  const cache = await caches.open(CACHE);
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const pageUrls = pages.map((page) => page.url.split("#")[0]);
  await cache.addAll([...FIRST_VISIT_FILES, ...pageUrls].map(fresh));
}

async function keepTheRest() {
  const cache = await caches.open(CACHE);
  const kept = new Set((await cache.keys()).map((request) => request.url));
  const missing = LATER_FILES.filter((path) => !kept.has(new URL(path, self.registration.scope).href));
  await cache.addAll(missing.map(fresh));
}

self.addEventListener("install", (event) => {
  event.waitUntil(keepFirstVisitFiles().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// A page that opened already under this worker asks for the rest.
self.addEventListener("message", (event) => {
  if (event.data === "keep-the-rest") {
    event.waitUntil(keepTheRest());
  }
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
