// The lesson page: one body (or two side by side with --compare) on one slider, a phase strip,
// charts with a cursor at the slider's time, colour bars, and the summary. Everything it shows
// comes from the data `tonus export-web` put in the page; it fetches nothing.
import 'uplot/dist/uPlot.min.css';

import { BodyView } from './body_view';
import { Charts } from './charts';
import { gradientCss } from './colours';
import { decodeLesson } from './decode';
import { clock, summaryPanel } from './summary';

const $ = (id) => document.getElementById(id);

function readLessons() {
  return [...document.querySelectorAll('script[type="application/json"][data-tonus-lesson]')].map((s) => decodeLesson(JSON.parse(s.textContent)));
}

// A colour bar as HTML: the gradient, its title above, the pictures' round labels beside it.
function colourBar(element, scale, stops) {
  element.replaceChildren();
  element.appendChild(Object.assign(document.createElement('div'), { className: 'bar-title', textContent: scale.title }));
  const body = Object.assign(document.createElement('div'), { className: 'bar-body' });
  const ramp = Object.assign(document.createElement('div'), { className: 'bar-ramp' });
  ramp.style.background = gradientCss(stops);
  const labels = Object.assign(document.createElement('div'), { className: 'bar-labels' });
  for (const t of [...scale.ticks].reverse()) labels.appendChild(Object.assign(document.createElement('span'), { textContent: t }));
  body.append(ramp, labels);
  element.appendChild(body);
}

// The phase strip: each phase a block as wide as it lasts, named with its number and kind;
// clicking one moves the slider to its start.
function phaseStrip(element, lesson, onPick) {
  element.replaceChildren();
  const total = lesson.times[lesson.times.length - 1] || 1;
  for (const p of lesson.phases) {
    const length = p.end_s - p.start_s;
    if (length <= 0) continue;
    const block = Object.assign(document.createElement('button'), {
      className: `phase phase-${p.index % 2}`,
      textContent: `${p.index} ${p.kind}`,
      title: `phase ${p.index}: ${p.kind}, ${clock(p.start_s)}–${clock(p.end_s)}`,
    });
    block.style.flexGrow = String(length / total);
    block.dataset.phase = p.index;
    block.addEventListener('click', () => onPick(p.start_s));
    element.appendChild(block);
  }
}

function frameAtTime(lesson, seconds) {
  const { times } = lesson;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= seconds + 1e-9) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function start() {
  // Where the opening time goes, for docs/performance.md: ms since navigation at each stage.
  const timings = { script_started: performance.now() };
  const lessons = readLessons();
  timings.data_decoded = performance.now();
  const first = lessons[0];
  document.title = lessons.map((l) => l.scenario).join(' vs ');
  $('title').textContent = lessons.length > 1 ? `${lessons[0].scenario} vs ${lessons[1].scenario}` : first.scenario;
  const views = lessons.map((lesson, k) => {
    const box = document.createElement('div');
    box.className = 'body';
    box.id = `body-${k}`;
    const label = Object.assign(document.createElement('div'), { className: 'body-label' });
    box.appendChild(label);
    const canvas = Object.assign(document.createElement('div'), { className: 'body-canvas' });
    box.appendChild(canvas);
    $('bodies').appendChild(box);
    const view = new BodyView(canvas, lesson);
    view.label = label;
    return view;
  });
  const quantities = Object.keys(first.values);
  for (const q of quantities) $('quantity').appendChild(new Option(q, q, q === 'tone', q === 'tone'));
  for (const q of Object.keys(first.discValues)) $('disc').appendChild(new Option(q, q));
  const groups = [...new Set(first.paths.groups)].filter((g) => first.charts.series[`tone_${g}`]);
  // The groups charted first: the three whose tone peaks highest.
  const peak = (g) => Math.max(...first.charts.series[`tone_${g}`].filter((v) => v != null));
  const chosen = new Set([...groups].sort((a, b) => peak(b) - peak(a)).slice(0, 3));
  for (const g of groups) {
    const item = document.createElement('label');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', checked: chosen.has(g), value: g });
    item.append(box, ` ${g}`);
    $('groups').appendChild(item);
  }
  const charts = new Charts($('charts'), lessons, Math.min(1100, document.body.clientWidth - 40));
  const pickedGroups = () => [...$('groups').querySelectorAll('input:checked')].map((i) => i.value);
  $('groups').addEventListener('change', () => {
    charts.build(pickedGroups());
    charts.setTime(state.time / 60);
  });
  for (const lesson of lessons) $('summaries').appendChild(summaryPanel(lesson));

  const longest = Math.max(...lessons.map((l) => l.times[l.times.length - 1]));
  const slider = $('slider');
  slider.max = String(longest);
  slider.step = String(Math.max(1e-3, longest / 5000));
  const state = { time: 0, playing: false };

  const bars = () => {
    const q = $('quantity').value;
    const d = $('disc').value;
    colourBar($('muscle-bar'), first.values[q], first.colour_maps.muscle);
    colourBar($('disc-bar'), first.discValues[d], first.colour_maps.disc);
  };
  const show = (seconds, draw = true) => {
    state.time = Math.min(longest, Math.max(0, seconds));
    slider.value = String(state.time);
    views.forEach((view) => {
      const frame = frameAtTime(view.lesson, state.time);
      const wasLying = view.lesson.pose.rootDeg[view.frame] !== 0;
      view.show(frame);
      // The camera moves only when the body lies down or gets up.
      if (draw && (view.lesson.pose.rootDeg[frame] !== 0) !== wasLying) view.setView(view.viewName || 'side');
      const t = view.lesson.times[frame];
      const phase = view.lesson.phases.find((p) => t >= p.start_s && t < p.end_s) || view.lesson.phases[view.lesson.phases.length - 1];
      view.label.textContent = `${view.lesson.scenario} — ${clock(t)}, phase ${phase.index}: ${phase.kind}`;
      if (draw) view.render();
    });
    $('clock').textContent = clock(state.time);
    charts.setTime(state.time / 60);
    for (const b of document.querySelectorAll('.phase')) {
      const p = first.phases[Number(b.dataset.phase)];
      b.classList.toggle('current', state.time >= p.start_s && state.time < p.end_s);
    }
  };
  phaseStrip($('phases'), first, show);
  slider.addEventListener('input', () => show(Number(slider.value)));
  $('quantity').addEventListener('change', () => {
    views.forEach((v) => { v.quantity = $('quantity').value; });
    bars();
    show(state.time);
  });
  $('disc').addEventListener('change', () => {
    views.forEach((v) => { v.discQuantity = $('disc').value; });
    bars();
    show(state.time);
  });
  for (const b of document.querySelectorAll('[data-view]')) {
    b.addEventListener('click', () => views.forEach((v) => v.setView(b.dataset.view)));
  }
  // Play: the slider crosses the whole run in the chosen number of seconds.
  let last = null;
  const tick = (now) => {
    if (!state.playing) return;
    if (last != null) {
      const runSecondsPerSecond = longest / Number($('speed').value);
      const next = state.time + ((now - last) / 1000) * runSecondsPerSecond;
      if (next >= longest) {
        state.playing = false;
        $('play').textContent = 'Play';
      }
      show(next >= longest ? longest : next);
    }
    last = now;
    requestAnimationFrame(tick);
  };
  $('play').addEventListener('click', () => {
    state.playing = !state.playing;
    $('play').textContent = state.playing ? 'Pause' : 'Play';
    last = null;
    if (state.playing) {
      if (state.time >= longest) show(0);
      requestAnimationFrame(tick);
    }
  });
  window.addEventListener('resize', () => views.forEach((v) => v.resize()));
  bars();
  // Every body built, its window at its final size, framed and drawn; the charts after it, so
  // the body is on screen first.
  show(0, false);
  views.forEach((v) => v.grw.resize());
  views.forEach((v) => v.setView('side'));
  timings.bodies_drawn = performance.now();
  charts.build(pickedGroups());
  charts.setTime(0);
  timings.charts_drawn = performance.now();
  // For tests and for a teacher's still: the page's state and a picture of each body.
  window.tonusLesson = {
    lessons,
    show,
    frameCount: () => lessons.map((l) => l.frameCount),
    capture: () => Promise.all(views.map((v) => v.capture())),
    setQuantity: (q) => { $('quantity').value = q; $('quantity').dispatchEvent(new Event('change')); },
    timings,
    ready: true,
  };
}

window.addEventListener('DOMContentLoaded', start);
