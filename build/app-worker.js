// claimtag's service worker: go-app's DefaultAppWorkerJS with these
// changes. A same-origin resource missing from the cache is cached when it
// is fetched. Installing waits until every resource is cached (event.waitUntil),
// so the app works offline as soon as the worker is active. Page loads
// (navigations) match the cache ignoring the query string, so
// /doc?id=... and /?q=... open offline, and fall back to the cached app
// page. It does not claim open pages: go-app takes a worker that activates
// while a page is controlled for an update, and the first visit's page does
// not need one (the next page load is served by the worker). Push
// notifications are left out: claimtag sends none.
//
// The index comes in pieces named by the hash of their bytes (build/index.go,
// index.Split). They live in one cache shared by every version of the site,
// are served from it first (a piece never changes), are cached when fetched
// only if their bytes match their name, and are saved all at once by the
// page after its first search (chrome.SaveOffline), which then drops the
// pieces of earlier versions.
const cacheName = "app-" + "{{.Version}}";
// go-app lists app.wasm; the site ships it gzipped (build/site.go, WasmFile).
const resourcesToCache = {{.ResourcesToCache}}.map((r) => (r === "__CLAIMTAG_WASM__" ? "__CLAIMTAG_WASM_FILE__" : r));
const piecesPath = "__CLAIMTAG_PIECES__";
const pieceCache = "__CLAIMTAG_PIECE_CACHE__";

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
        keys
          .filter((key) => key !== cacheName && key !== pieceCache)
          .map((key) => caches.delete(key))
      );
      console.log("app worker {{.Version}} is activated");
    })()
  );
});

function pieceName(url) {
  return new URL(url).pathname.split("/").pop();
}

function isPiece(request) {
  const u = new URL(request.url);
  return (
    request.method === "GET" &&
    u.origin === self.location.origin &&
    u.pathname.startsWith(piecesPath) &&
    /^[0-9a-f]{16}\.bin$/.test(pieceName(request.url))
  );
}

// unpacked returns what body unpacks to if it is a gzip stream (a piece's
// file holds the piece gzipped), else body.
async function unpacked(body) {
  const head = new Uint8Array(body, 0, Math.min(2, body.byteLength));
  if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) {
    return body;
  }
  const stream = new Response(body).body.pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
}

// intact reports whether the SHA-256 of the piece that body holds starts
// with the hex digits of the piece's name.
async function intact(url, body) {
  let piece;
  try {
    piece = await unpacked(body);
  } catch (e) {
    return false; // damaged or cut short
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", piece));
  let hex = "";
  for (const b of digest.slice(0, 8)) {
    hex += b.toString(16).padStart(2, "0");
  }
  return pieceName(url) === hex + ".bin";
}

// saveHeader marks the page's own fetches for the offline save
// (browser.SaveHeader): the page looked in the cache before, and checks
// and stores what it fetches itself.
const saveHeader = "__CLAIMTAG_SAVE_HEADER__";

// fetchPiece answers a piece from whichever cache holds it (the pieces'
// cache, or the app's, which holds those opening the index reads): one
// look-up, since a search waits for a dozen pieces or more at once. A piece
// from the network is answered at once, and kept afterwards if its bytes
// match its name (event.waitUntil), so that the search does not wait for
// the check.
async function fetchPiece(event) {
  const request = event.request;
  if (request.headers.has(saveHeader)) {
    return fetch(request);
  }
  const cached = await caches.match(request);
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok) {
    event.waitUntil(keepPiece(request, response.clone()));
  }
  return response;
}

// keepPiece stores a fetched piece in the pieces' cache if it is intact.
async function keepPiece(request, response) {
  const body = await response.arrayBuffer();
  if (await intact(request.url, body)) {
    const pieces = await caches.open(pieceCache);
    await pieces.put(request, new Response(body, { headers: { "Content-Type": "application/octet-stream" } }));
  }
}

self.addEventListener("fetch", (event) => {
  event.respondWith(isPiece(event.request) ? fetchPiece(event) : fetchWithCache(event.request));
});

async function fetchWithCache(request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) {
    return cached;
  }
  if (request.mode !== "navigate") {
    // A miss (say, the manifest after the page dropped a damaged copy) is
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
