
// claimtag: app.wasm ships gzipped in a file of its own, web/app.wasm.gzip
// (build/site.go), and the browser unpacks it with DecompressionStream while
// it compiles. Any static host then sends about 3.1 MB instead of 12.5 MB
// without compressing anything itself: hosts that compress on every request
// spend most of a second on it (the bench harness's server: 0.7 s), and
// hosts that do not compress send it whole. The file is read through
// go-app's fetchWithProgress, so the loading line counts its bytes; a host
// that sends it with Content-Encoding: gzip has it unpacked by the browser
// already, which the first bytes tell (a wasm module starts with "\0asm").
async function claimtagFetchWasm(url, progress) {
  const response = await fetchWithProgress(url, progress);
  if (!response.ok) {
    throw new Error(`loading ${url}: HTTP ${response.status} ${response.statusText}`);
  }
  if (typeof DecompressionStream === "undefined") {
    throw new Error("this browser cannot unpack app.wasm (it has no DecompressionStream): use a current browser");
  }
  const [sniff, body] = response.body.tee();
  const reader = sniff.getReader();
  const { value } = await reader.read();
  reader.cancel();
  const gzipped = value !== undefined && value.length >= 2 && value[0] === 0x1f && value[1] === 0x8b;
  return new Response(gzipped ? body.pipeThrough(new DecompressionStream("gzip")) : body, {
    headers: { "Content-Type": "application/wasm" },
  });
}
