
// claimtag: claimtagFetchPieces is how the app reads the index's pieces
// (app/browser.FetchPieces calls it; it is appended to go-app's app.js).
// It fetches every url at once and unpacks each gzipped body with the
// browser's DecompressionStream as soon as it arrives, then hands Go every
// body in one buffer: one promise for Go to wait for and one copy into
// Go's memory per batch, however many pieces there are (each call between
// Go and JavaScript costs the page's thread, and each promise Go waits
// for a turn of the event loop). A body that does not unpack is handed
// over as it came: the index unpacks it, or says what is wrong with it.
//
// It also checks each piece against its name with the browser's SHA-256
// (claimtagChecksName), many times faster than Go's in wasm.
//
// It resolves to {data, meta, errors}: data holds the bodies back to back;
// meta (an Int32Array) holds per url its body's length (-1 for none), the
// HTTP status (0 when fetch failed) and 1 if the body is the piece its
// name says, else 0 (Go then checks it); errors holds per url "" or what
// went wrong.
async function claimtagFetchPieces(urls) {
  const one = async (url) => {
    try {
      const response = await fetch(url);
      if (!response.ok) {
        return { status: response.status, error: `HTTP ${response.status} ${response.statusText}` };
      }
      const buf = await claimtagUnpackPiece(await response.arrayBuffer());
      return { status: response.status, buf, checked: await claimtagChecksName(url, buf) };
    } catch (e) {
      return { status: 0, error: String((e && e.message) || e) };
    }
  };
  const got = await Promise.all(Array.from(urls, one));
  let total = 0;
  for (const g of got) {
    total += g.buf ? g.buf.byteLength : 0;
  }
  const data = new Uint8Array(total);
  const meta = new Int32Array(3 * got.length);
  const errors = [];
  let at = 0;
  got.forEach((g, i) => {
    meta[3 * i] = g.buf ? g.buf.byteLength : -1;
    meta[3 * i + 1] = g.status;
    meta[3 * i + 2] = g.checked ? 1 : 0;
    errors.push(g.error || "");
    if (g.buf) {
      data.set(new Uint8Array(g.buf), at);
      at += g.buf.byteLength;
    }
  });
  return { data, meta: new Uint8Array(meta.buffer), errors };
}

// claimtagUnpackPiece resolves to what buf (an ArrayBuffer holding a piece
// file) unpacks to if it is gzipped, else to buf itself; a file that does
// not unpack is handed over as it came. The offline save calls it too
// (app/browser's unpack): it stores a file as it came and checks the piece.
async function claimtagUnpackPiece(buf) {
  const head = new Uint8Array(buf, 0, Math.min(2, buf.byteLength));
  if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b || typeof DecompressionStream === "undefined") {
    return buf;
  }
  try {
    // A Response's body streams the buffer as it is; a Blob copies it
    // into the browser's blob storage first.
    const stream = new Response(buf).body.pipeThrough(new DecompressionStream("gzip"));
    return await new Response(stream).arrayBuffer();
  } catch (e) {
    return buf;
  }
}

// claimtagChecksName resolves to whether buf (an ArrayBuffer) is the piece
// the file name at the end of url says: the first 16 hex digits of its
// SHA-256. It resolves to false where it cannot tell (no SubtleCrypto
// outside a secure context, a url that names no piece): Go checks then.
async function claimtagChecksName(url, buf) {
  const name = /\/([0-9a-f]{16})\.bin$/.exec(url);
  if (!name || typeof crypto === "undefined" || !crypto.subtle) {
    return false;
  }
  try {
    const sum = new Uint8Array(await crypto.subtle.digest("SHA-256", buf), 0, 8);
    let hex = "";
    for (const b of sum) {
      hex += b.toString(16).padStart(2, "0");
    }
    return hex === name[1];
  } catch (e) {
    return false;
  }
}
