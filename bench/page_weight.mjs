// Page weight on a phone (issue 15): `make bench-web`.
//
// Against a running release server (`PAKTA_BENCH_URL`, started by `bench/page_weight.sh` on the
// demo city), for each page below:
//   - first visit: a fresh browser context (empty cache), every byte received for the page and
//     everything it loads until the network is idle (the wasm included): the encoded (compressed)
//     bytes Chromium's network log reports, headers included;
//   - repeat visit: the same page again in that context;
//   - wasm: the compressed bytes of the .wasm fetched, if any;
//   - Lighthouse (default: mobile, simulated slow 4G and 4x CPU): performance and accessibility
//     scores, time to interactive, total blocking time and largest contentful paint.
// Prints one Markdown table (kept in the README).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';

const base = process.env.PAKTA_BENCH_URL ?? 'http://127.0.0.1:3000';
const password = 'pakta-demo';
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const runs = Number(process.env.PAKTA_BENCH_LIGHTHOUSE_RUNS ?? 1);

async function login(username) {
  const res = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      origin: base,
    },
    body: `username=${encodeURIComponent(username)}&password=${encodeURIComponent(password)}`,
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.includes('pakta_session='));
  if (!cookie) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  return cookie;
}

async function html(path, cookie) {
  const res = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} });
  return res.text();
}

// The demo accounts the login page lists (demo mode): the head of agency, then the pengawas.
async function demoNips() {
  const page = await html('/masuk');
  const nips = [...page.matchAll(/<code>(\d{18})<\/code>/g)].map((m) => m[1]);
  if (nips.length < 2) throw new Error('the demo NIPs are not on /masuk: is the server in demo mode?');
  return { superior: nips[0], official: nips[1] };
}

async function measure(browser, url, cookie) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 390, height: 844, isMobile: true, deviceScaleFactor: 2 });
  if (cookie) {
    const [name, value] = cookie.split(/=(.*)/s);
    await context.setCookie({ name, value, domain: new URL(base).hostname, path: '/' });
  }
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  const urls = new Map();
  let bytes = 0;
  let wasm = 0;
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    if ((urls.get(e.requestId) ?? '').endsWith('.wasm')) wasm += e.encodedDataLength;
  });
  const visit = async () => {
    bytes = 0;
    wasm = 0;
    await page.goto(url, { waitUntil: 'networkidle0', timeout: 120000 });
    return { bytes, wasm };
  };
  const first = await visit();
  const repeat = await visit();
  await context.close();
  return { first, repeat };
}

async function audit(url, cookie) {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const best = { performance: 0, accessibility: 0 };
    let tti = null, tbt = null, lcp = null;
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        extraHeaders: cookie ? { Cookie: cookie } : undefined,
      });
      const lhr = result.lhr;
      const perf = Math.round((lhr.categories.performance.score ?? 0) * 100);
      if (perf >= best.performance) {
        best.performance = perf;
        best.accessibility = Math.round((lhr.categories.accessibility.score ?? 0) * 100);
        tti = lhr.audits.interactive?.numericValue ?? null;
        tbt = lhr.audits['total-blocking-time']?.numericValue ?? null;
        lcp = lhr.audits['largest-contentful-paint']?.numericValue ?? null;
      }
    }
    return { ...best, tti, tbt, lcp };
  } finally {
    await chrome.kill();
  }
}

const kb = (n) => (n / 1024).toFixed(1);
const secs = (ms) => (ms == null ? 'n/a' : (ms / 1000).toFixed(1) + ' s');

const { superior, official } = await demoNips();
const admin = await login('admin');
const sheets = await html('/admin/realisasi?tahun=2026&tw=3', admin);
const sheet = sheets.match(/\/admin\/realisasi\/[0-9a-f-]{36}\/\d/)?.[0];
if (!sheet) throw new Error('no realisation sheet linked from /admin/realisasi');
const pages = [
  ['/masuk', '/masuk', null],
  ['/saya (official)', '/saya', await login(official)],
  ['/saya/tim (superior)', '/saya/tim', await login(superior)],
  ['/dprd', '/dprd', await login('dprd')],
  ['/admin', '/admin', admin],
  ['realisation sheet', sheet, admin],
];

const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
const rows = [];
for (const [name, path, cookie] of pages) {
  const weight = await measure(browser, base + path, cookie);
  const scores = await audit(base + path, cookie);
  rows.push({ name, ...weight, ...scores });
  process.stderr.write(`${name}: ${kb(weight.first.bytes)} KB first, ${kb(weight.repeat.bytes)} KB repeat\n`);
}
await browser.disconnect();
await chrome.kill();

console.log('| Page | First visit | Repeat visit | of which wasm (first) | Performance | Accessibility | TTI | TBT | LCP |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${kb(r.first.bytes)} KB | ${kb(r.repeat.bytes)} KB | ${kb(r.first.wasm)} KB | ${r.performance} | ${r.accessibility} | ${secs(r.tti)} | ${r.tbt == null ? 'n/a' : Math.round(r.tbt) + ' ms'} | ${secs(r.lcp)} |`,
  );
}
