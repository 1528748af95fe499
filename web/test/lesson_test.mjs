// Opens exported lesson pages in Debian's Chromium, headless with software WebGL, as a student
// would, and checks them: the page renders a body (a picture that is not blank), its console
// stays free of errors, moving the slider changes the muscles' colours, and a comparison shows
// two bodies. Usage: node lesson_test.mjs CHROMIUM LESSON.html COMPARE.html SCREENSHOT_DIR
import puppeteer from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [chromium, lessonPath, comparePath, shots] = process.argv.slice(2);
if (!shots) {
  console.error('usage: node lesson_test.mjs CHROMIUM LESSON.html COMPARE.html SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures += 1;
};

// Pixel statistics of each body's picture, computed in the page from its PNG: the share of
// pixels unlike the background, and a histogram of the muscles' hues.
async function pictureStats(page) {
  return page.evaluate(async () => {
    const urls = await window.tonusLesson.capture();
    return Promise.all(urls.map((url) => new Promise((resolve) => {
      const img = new Image();
      img.onload = () => {
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const { data } = ctx.getImageData(0, 0, img.width, img.height);
        const bg = [data[0], data[1], data[2]];
        let ink = 0;
        const colours = {};
        for (let i = 0; i < data.length; i += 4) {
          const d = Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]);
          if (d > 30) ink += 1;
          // Saturated pixels are the muscles' (bones, limbs and floor are near grey or skin).
          const max = Math.max(data[i], data[i + 1], data[i + 2]);
          const min = Math.min(data[i], data[i + 1], data[i + 2]);
          if (max - min > 90) {
            const key = `${data[i] >> 5},${data[i + 1] >> 5},${data[i + 2] >> 5}`;
            colours[key] = (colours[key] || 0) + 1;
          }
        }
        resolve({ width: img.width, height: img.height, ink: ink / (data.length / 4), colours });
      };
      img.src = url;
    })));
  });
}

// How different two colour histograms are: half the sum of absolute share differences (0-1).
function histogramDistance(a, b) {
  const total = (h) => Object.values(h).reduce((s, v) => s + v, 0) || 1;
  const ta = total(a);
  const tb = total(b);
  let d = 0;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) d += Math.abs((a[k] || 0) / ta - (b[k] || 0) / tb);
  return d / 2;
}

async function openLesson(browser, file, name) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  // Nothing may be fetched: the page is whole.
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
  const started = Date.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForFunction(() => window.tonusLesson && window.tonusLesson.ready, { timeout: 60000 });
  console.log(`     ${name}: ready in ${Date.now() - started} ms`);
  await page.screenshot({ path: join(shots, `${name}.png`) });
  return { page, errors, requests };
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
});
try {
  const one = await openLesson(browser, lessonPath, 'lesson');
  const [start] = await pictureStats(one.page);
  check(start.ink > 0.03, `the body is drawn (${(100 * start.ink).toFixed(1)} % of the picture is not background)`);
  check(Object.keys(start.colours).length > 0, 'the muscles are coloured');
  // The colour bar is the pictures': its labels and its top colour come from the page's data.
  const bar = await one.page.evaluate(() => {
    const data = JSON.parse(document.querySelector('script[data-tonus-lesson]').textContent);
    const q = document.getElementById('quantity').value;
    return {
      labels: [...document.querySelectorAll('#muscle-bar .bar-labels span')].map((s) => s.textContent),
      ticks: data.values[q].ticks,
      ramp: getComputedStyle(document.querySelector('#muscle-bar .bar-ramp')).backgroundImage,
      top: data.colour_maps.muscle[data.colour_maps.muscle.length - 1].map((c) => Math.round(255 * c)),
    };
  });
  check(bar.labels.join(' ') === [...bar.ticks].reverse().join(' '), `the bar's labels are the data's ticks (${bar.labels.join(' ')})`);
  check(bar.ramp.includes(`rgb(${bar.top.join(', ')})`), `the bar's ramp ends in the pictures' top colour (rgb(${bar.top.join(', ')}))`);
  // Half-way through the run, the colours differ from the start's.
  await one.page.evaluate(() => {
    const slider = document.getElementById('slider');
    slider.value = String(Number(slider.max) * 0.5);
    slider.dispatchEvent(new Event('input'));
  });
  await one.page.evaluate(() => window.tonusLesson.setQuantity('fatigue'));
  const [later] = await pictureStats(one.page);
  await one.page.screenshot({ path: join(shots, 'lesson-halfway.png'), fullPage: true });
  const moved = histogramDistance(start.colours, later.colours);
  check(moved > 0.1, `moving the slider changes the muscles' colours (histogram distance ${moved.toFixed(2)})`);
  check(one.errors.length === 0, `no console errors${one.errors.length ? `: ${one.errors.join(' | ')}` : ''}`);
  check(one.requests.length === 0, `nothing fetched from the network${one.requests.length ? `: ${one.requests.join(' ')}` : ''}`);

  const two = await openLesson(browser, comparePath, 'compare');
  const bodies = await pictureStats(two.page);
  check(bodies.length === 2, `the comparison shows two bodies (${bodies.length})`);
  check(bodies.every((b) => b.ink > 0.03), `both are drawn (${bodies.map((b) => (100 * b.ink).toFixed(1)).join(' % and ')} %)`);
  check(two.errors.length === 0, `no console errors in the comparison${two.errors.length ? `: ${two.errors.join(' | ')}` : ''}`);
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
