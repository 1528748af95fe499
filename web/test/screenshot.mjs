// A screenshot of a lesson page at a time in the run, as docs/visualisation.md shows it:
// node screenshot.mjs CHROMIUM LESSON.html OUT.png [SECONDS] [QUANTITY]
import puppeteer from 'puppeteer-core';
import { pathToFileURL } from 'node:url';

const [chromium, lesson, out, seconds = '0', quantity = 'tone'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node screenshot.mjs CHROMIUM LESSON.html OUT.png [SECONDS] [QUANTITY]');
  process.exit(2);
}
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
await page.goto(pathToFileURL(lesson).href, { waitUntil: 'load' });
await page.waitForFunction(() => window.tonusLesson && window.tonusLesson.ready);
await page.evaluate((q, t) => {
  window.tonusLesson.setQuantity(q);
  window.tonusLesson.show(t);
}, quantity, Number(seconds));
await page.screenshot({ path: out });
await browser.close();
