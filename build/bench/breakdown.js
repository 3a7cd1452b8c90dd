#!/usr/bin/env node
// Where claimtag's cold and warm start goes: loads the built site in headless
// Chromium through the harness's own server (same gzip and cache headers),
// cold (fresh profile) then warm (same profile, browser relaunched), as the
// harness's runner does, and reads the page's timeline: resource timing of
// the HTML, app.wasm and the index, the app's performance marks
// (claimtag-main: Go's main started, i.e. app.wasm downloaded, compiled and
// instantiated; claimtag-index-fetched; the claimtag-index-open measure;
// claimtag-search), window.searchReady and the first result of the fixed
// query; then how long the search page itself takes from a typed query to
// its results on screen. Prints a markdown table of medians (ms from navigation start);
// writes every run to the JSON file given.
//
//   cd <harness copy> && node <repo>/build/bench/breakdown.js SITE_DIR out.json [runs]
//
// Run from a copy of the harness (make bench does): it uses the harness's
// playwright-core and harness/server.js.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require(path.join(process.cwd(), 'node_modules/playwright-core'));
const { createServer } = require(path.join(process.cwd(), 'harness/server'));

const [site, outJSON, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg || process.env.RUNS || 3);
const FIXED = process.env.FIXED_QUERY_PYDOCS || 'subprocess';
// queries typed into the search page after the start (a mix of the harness's kinds)
const TYPED = ['json', 'asyncio event loop', 'dataclass', '"list comprehension"', 'os.path.join', 'regular expresion'];
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'];

function initScript(fixed) {
  if (window !== window.top) return;
  const B = window.__bd = { readyAt: null, firstAt: null, result: null, error: null, done: false };
  let value;
  Object.defineProperty(window, 'searchReady', { configurable: true, enumerable: true,
    get() { return value; },
    set(v) {
      value = v;
      if (v !== true || B.readyAt !== null) return;
      B.readyAt = performance.now();
      Promise.resolve().then(() => window.runQuery(fixed)).then(
        (r) => { B.firstAt = performance.now(); B.result = r; B.done = true; },
        (e) => { B.error = String(e); B.done = true; });
    } });
  const poll = () => { if (window.searchError) { B.error = window.searchError; B.done = true; } else if (!B.done) setTimeout(poll, 20); };
  setTimeout(poll, 20);
}

async function load(profile, url) {
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, args: FLAGS, viewport: { width: 1280, height: 800 } });
  try {
    const page = await ctx.newPage();
    await page.addInitScript(initScript, FIXED);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bd && window.__bd.done, null, { timeout: 120000, polling: 50 });
    // The search page itself: a query typed into #search, until its results
    // are on screen (the next frame after the list shows them).
    const typed = [];
    for (const q of TYPED) {
      typed.push(await page.evaluate(async (q) => {
        const box = document.querySelector('#search');
        if (!box) return null;
        const before = performance.getEntriesByName('claimtag-search').length;
        const t0 = performance.now();
        box.value = q;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        const shown = () => performance.getEntriesByName('claimtag-search').length > before &&
          new URLSearchParams(location.search).get('q') === q && document.querySelector('#total, #no-hits, #query-error');
        while (!shown()) {
          if (performance.now() - t0 > 10000) return null;
          await new Promise((r) => setTimeout(r, 2));
        }
        await new Promise((r) => requestAnimationFrame(() => r()));
        return performance.now() - t0;
      }, q));
    }
    const res = await page.evaluate(() => {
      const B0 = window.__bd && window.__bd.firstAt;
      const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);
      const nav = performance.getEntriesByType('navigation')[0] || {};
      const res = {};
      const pieces = { count: 0, transfer: 0, decoded: 0, end: null };
      for (const e of performance.getEntriesByType('resource')) {
        const p = new URL(e.name).pathname;
        const name = p.replace(/^.*\//, '');
        if (/\/web\/index\/[0-9a-f]+\.bin$/.test(p) && (B0 == null || e.startTime <= B0)) {
          // the index's pieces fetched up to the first result
          pieces.count++; pieces.transfer += e.transferSize; pieces.decoded += e.decodedBodySize;
          pieces.end = Math.max(pieces.end || 0, r1(e.responseEnd));
          continue;
        }
        if (!['app.wasm.gzip', 'manifest.bin', 'app.js', 'wasm_exec.js'].includes(name) || res[name]) continue;
        res[name] = { start: r1(e.startTime), end: r1(e.responseEnd), transfer: e.transferSize, decoded: e.decodedBodySize };
      }
      res.pieces = pieces;
      const marks = {};
      for (const e of performance.getEntriesByType('mark')) if (e.name.startsWith('claimtag')) marks[e.name] = r1(e.startTime);
      const measures = {};
      for (const e of performance.getEntriesByType('measure')) {
        if (!e.name.startsWith('claimtag')) continue;
        (measures[e.name] = measures[e.name] || []).push({ start: r1(e.startTime), ms: r1(e.duration) });
      }
      const B = window.__bd;
      return { html: r1(nav.responseEnd), dcl: r1(nav.domContentLoadedEventEnd), res, marks, measures,
        ready: r1(B.readyAt), first: r1(B.firstAt), result: B.result, error: B.error };
    });
    res.typed = typed;
    return res;
  } finally {
    await ctx.close();
  }
}

const median = (xs) => {
  const v = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

(async () => {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const srv = await createServer(site, {});
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtag-breakdown-'));
    try {
      const cold = await load(profile, srv.url);
      const warm = await load(profile, srv.url);
      runs.push({ cold, warm });
    } finally {
      await srv.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  }
  if (outJSON) fs.writeFileSync(outJSON, JSON.stringify(runs, null, 1) + '\n');
  const rows = [
    ['HTML received', (r) => r.html],
    ['DOMContentLoaded', (r) => r.dcl],
    ['manifest.bin received (preload)', (r) => r.res['manifest.bin'] && r.res['manifest.bin'].end],
    ['app.wasm.gzip received (preload)', (r) => r.res['app.wasm.gzip'] && r.res['app.wasm.gzip'].end],
    ['Go main starts (wasm compiled and instantiated)', (r) => r.marks['claimtag-main']],
    ['index bytes in Go (claimtag-index-fetched)', (r) => r.marks['claimtag-index-fetched']],
    ['index opened (end of claimtag-index-open)', (r) => { const m = (r.measures['claimtag-index-open'] || [])[0]; return m && m.start + m.ms; }],
    ['  index.Open took', (r) => { const m = (r.measures['claimtag-index-open'] || [])[0]; return m && m.ms; }],
    ['searchReady (session open)', (r) => r.ready],
    ['first result of ' + JSON.stringify(FIXED), (r) => r.first],
    ['the search page: typed query to results on screen, median of ' + TYPED.length, (r) => median(r.typed || [])],
    ['  slowest of them', (r) => Math.max(...(r.typed || []).filter((x) => x != null))],
    ['  of which index.Search (claimtag-search), median', (r) => median((r.measures['claimtag-search'] || []).map((m) => m.ms))],
    ['app.wasm.gzip bytes on the wire', (r) => r.res['app.wasm.gzip'] && r.res['app.wasm.gzip'].transfer],
    ['manifest.bin bytes on the wire', (r) => r.res['manifest.bin'] && r.res['manifest.bin'].transfer],
    ['index pieces fetched before the first result', (r) => r.res.pieces && r.res.pieces.count],
    ['  their bytes on the wire', (r) => r.res.pieces && r.res.pieces.transfer],
  ];
  const fmt = (x) => (x == null ? '–' : x >= 1e5 ? `${(x / 1e6).toFixed(2)} MB` : String(Math.round(x * 10) / 10));
  console.log(`claimtag start, median of ${RUNS} runs (ms from navigation start; harness server, net=none)\n`);
  console.log('| step | cold | warm |');
  console.log('|---|---:|---:|');
  for (const [name, f] of rows) {
    const c = median(runs.map((r) => { try { return f(r.cold); } catch { return null; } }));
    const w = median(runs.map((r) => { try { return f(r.warm); } catch { return null; } }));
    console.log(`| ${name} | ${fmt(c)} | ${fmt(w)} |`);
  }
  const errs = runs.flatMap((r) => [r.cold.error, r.warm.error]).filter(Boolean);
  if (errs.length) { console.log('\nerrors: ' + errs.join('; ')); process.exitCode = 3; }
})().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
