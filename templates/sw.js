// Service worker of Trust Workbook, release {{ version }}. After one visit
// the page that was open works with no network; from the next visit on,
// every page of the site does. Each release caches under its own name, and
// a page is served only its own release's files: an older release's cache
// stays while a page that may run it is open, and goes after.
const RELEASE = "{{ version }}";
const PREFIX = "trust-workbook-";
const CACHE = PREFIX + RELEASE;
// Kept in an older release's cache: the ids of the pages that may run it.
const PAGES_KEY = "__pages-of-this-release__";
// What the worksheet page needs (besides itself), kept on the first visit:
// what its page in every language loads, and what only the language of the
// page open loads (its content), by the page's folder.
const FIRST_VISIT_FILES = {{ first_visit_files | tojson }};
const FIRST_VISIT_IN_LANGUAGE = {{ first_visit_in_language | tojson }};
const PAGE_DIRS = {{ page_dirs | tojson }};
const DEFAULT_LANGUAGE = {{ default_language | tojson }};
// The rest of the site (the other language, the facilitator's page, files
// only they load), fetched on a later visit: a first visit on venue Wi-Fi
// downloads only what it uses (docs/PERFORMANCE.md).
const LATER_FILES = {{ later_files | tojson }};

// "no-cache" revalidates with the server, so files the page has just loaded
// are not downloaded a second time.
const fresh = (path) => new Request(path, { cache: "no-cache" });
const openPages = () => self.clients.matchAll({ type: "window", includeUncontrolled: true });
// Each address once: Cache.addAll() fails whole on a repeated request, as
// when the same page is open in two tabs.
const once = (paths) => [...new Set(paths.map((path) => new URL(path, self.registration.scope).href))];

const languageOf = (url) => Object.keys(PAGE_DIRS).find((language) =>
  PAGE_DIRS[language] && url.startsWith(self.registration.scope + PAGE_DIRS[language])) || DEFAULT_LANGUAGE;

async function keepFirstVisitFiles() {
  const cache = await caches.open(CACHE);
  const pageUrls = (await openPages()).map((page) => page.url.split("#")[0]);
  const ownLanguage = pageUrls.flatMap((url) => FIRST_VISIT_IN_LANGUAGE[languageOf(url)]);
  await cache.addAll(once([...FIRST_VISIT_FILES, ...ownLanguage, ...pageUrls]).map(fresh));
}

// The pages open as this release takes over were loaded under an older one:
// each older cache notes them, and stays until none of them is open.
async function notePagesOfOlderReleases() {
  const pages = JSON.stringify((await openPages()).map((page) => page.id));
  for (const name of await caches.keys()) {
    if (name !== CACHE && name.startsWith(PREFIX)) {
      await (await caches.open(name)).put(PAGES_KEY, new Response(pages));
    }
  }
}

async function dropReleasesNoPageRuns() {
  const open = new Set((await openPages()).map((page) => page.id));
  for (const name of await caches.keys()) {
    if (name === CACHE) {
      continue;
    }
    const noted = await (await caches.open(name)).match(PAGES_KEY);
    const pages = noted ? await noted.json() : [];
    if (!pages.some((id) => open.has(id))) {
      await caches.delete(name);
    }
  }
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
    notePagesOfOlderReleases().then(dropReleasesNoPageRuns).then(() => self.clients.claim()),
  );
});

// A page that opened already under this worker asks for the rest; by then
// the page it replaced is gone, and an older release may be with it.
self.addEventListener("message", (event) => {
  if (event.data === "claim") {
    event.waitUntil(self.clients.claim());
  }
  if (event.data === "keep-the-rest") {
    // The page is told once the whole site is kept: from then on every page opens offline.
    event.waitUntil(Promise.all([keepTheRest(), dropReleasesNoPageRuns()])
      .then(() => event.source && event.source.postMessage("kept-the-rest")));
  }
});

// A file a page of another release asks for (?release=…, as the page
// fetches a module on first use): from that release's cache, or refused,
// never from this release or the network, which may already hold a newer one.
async function fromOwnRelease(request, release) {
  const cached = await caches.match(request, { cacheName: PREFIX + release, ignoreSearch: true });
  return cached || new Response("", { status: 410, statusText: "Release replaced" });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  const release = url.searchParams.get("release");
  if (release && release !== RELEASE) {
    event.respondWith(fromOwnRelease(request, release));
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
