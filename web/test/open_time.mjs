// How long lesson pages take to open in Chromium (headless, software WebGL): the page's own
// stage times (ms since navigation: script started, data decoded, bodies drawn, charts drawn)
// and when it was ready, `rounds` times each, for docs/performance.md. Not a test: the figures
// depend on the machine.  node open_time.mjs CHROMIUM ROUNDS LESSON.html...
import puppeteer from 'puppeteer-core';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

const [chromium, rounds, ...pages] = process.argv.slice(2);
if (!pages.length) {
  console.error('usage: node open_time.mjs CHROMIUM ROUNDS LESSON.html...');
  process.exit(2);
}
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
for (const file of pages) {
  for (let round = 0; round < Number(rounds); round += 1) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForFunction(() => window.tonusLesson && window.tonusLesson.ready);
    const t = await page.evaluate(() => window.tonusLesson.timings);
    const mb = (statSync(file).size / 1e6).toFixed(1);
    console.log(`${basename(file)} (${mb} MB): script ${Math.round(t.script_started)} ms, data ${Math.round(t.data_decoded)} ms, `
      + `bodies drawn ${Math.round(t.bodies_drawn)} ms, charts ${Math.round(t.charts_drawn)} ms`);
    await page.close();
  }
}
await browser.close();
