// claimtag's service worker: go-app's DefaultAppWorkerJS with four
// changes. A same-origin resource missing from the cache is cached when it
// is fetched. Installing waits until every resource is cached (event.waitUntil),
// so the app works offline as soon as the worker is active. Page loads
// (navigations) match the cache ignoring the query string, so
// /doc?id=... and /?q=... open offline, and fall back to the cached app
// page. It does not claim open pages: go-app takes a worker that activates
// while a page is controlled for an update, and the first visit's page does
// not need one (the next page load is served by the worker). Push
// notifications are left out: claimtag sends none.
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  console.log("installing app worker {{.Version}}");
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll(resourcesToCache);
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(
        keys.filter((key) => key !== cacheName).map((key) => caches.delete(key))
      );
      console.log("app worker {{.Version}} is activated");
    })()
  );
});

self.addEventListener("fetch", (event) => {
  event.respondWith(fetchWithCache(event.request));
});

async function fetchWithCache(request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) {
    return cached;
  }
  if (request.mode !== "navigate") {
    // A miss (say, the index after the page dropped a damaged copy) is
    // fetched and kept, so that it is there offline next time.
    const response = await fetch(request);
    if (response.ok && request.method === "GET" && new URL(request.url).origin === self.location.origin) {
      await cache.put(request, response.clone());
    }
    return response;
  }
  const page = await cache.match(request, { ignoreSearch: true });
  if (page) {
    return page;
  }
  try {
    return await fetch(request);
  } catch (err) {
    const scope = self.registration.scope;
    const root =
      (await cache.match(scope)) || (await cache.match(scope.replace(/\/$/, "")));
    if (root) {
      return root;
    }
    throw err;
  }
}
