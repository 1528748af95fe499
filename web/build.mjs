// Builds the lesson page's parts for `tonus export-web`: the app and its libraries bundled into
// one script (esbuild), its styles into one sheet, and the page template, into OUT_DIR.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'lesson.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15'],
  outfile: join(out, 'lesson.js'),
  legalComments: 'inline',
  logLevel: 'warning',
});
// esbuild writes the imported uPlot styles beside the script; the page's own follow them.
const styles = readFileSync(join(out, 'lesson.css'), 'utf8') + readFileSync(join(here, 'src', 'lesson.css'), 'utf8');
writeFileSync(join(out, 'lesson.css'), styles);
copyFileSync(join(here, 'src', 'lesson.html'), join(out, 'lesson.html'));
