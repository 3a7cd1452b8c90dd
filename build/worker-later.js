
// claimtag: go-app registers the service worker as soon as app.js runs, and
// the worker's install then fetches every resource of the app (app.wasm a
// second time among them) while the page is fetching the same to start:
// measured in the side-by-side bench, whose server answers one request at a
// time, that put about 150 ms on the start. The build removes that call
// (build/site.go, deferWorker); the page registers the worker instead once
// its first search is done and searches are quiet, when it starts saving
// the index for offline use (chrome.SaveOffline, through
// browser.RegisterWorker), or workerFallbackMs after the page loaded,
// whatever happens, so that a page that never searches still installs the
// app for offline use. Only a first visit waits: a page the worker already
// controls registers it at once, as go-app does, since that only checks
// for a new version of the site (go-app's update prompt listens from then
// on) and the resources come from the worker's cache.
var claimtagWorkerRegistered = false;
const claimtagWorkerFallbackMs = 5000;

function claimtagRegisterWorker() {
  if (claimtagWorkerRegistered) {
    return;
  }
  claimtagWorkerRegistered = true;
  goappInitServiceWorker();
}

if (navigator.serviceWorker && navigator.serviceWorker.controller) {
  claimtagRegisterWorker();
} else {
  window.addEventListener("load", () => setTimeout(claimtagRegisterWorker, claimtagWorkerFallbackMs));
}
