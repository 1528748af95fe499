// The summary panel: who the subject is, the per-phase table, the spasm episodes, and what
// drives the risk (each muscle group's time above the risk thresholds).
const fmt = (v, d = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '–');
const clock = (s) => {
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
};
export { clock };

function table(headers, rows) {
  const t = document.createElement('table');
  const head = t.createTHead().insertRow();
  for (const h of headers) head.appendChild(Object.assign(document.createElement('th'), { textContent: h }));
  const body = t.createTBody();
  for (const r of rows) {
    const row = body.insertRow();
    for (const cell of r) row.insertCell().textContent = cell;
  }
  return t;
}

export function summaryPanel(lesson) {
  const panel = document.createElement('section');
  panel.className = 'summary';
  const s = lesson.subject;
  const h = document.createElement('h3');
  h.textContent = lesson.scenario;
  panel.appendChild(h);
  const who = document.createElement('p');
  who.textContent = `Subject: ${s.sex}, ${fmt(s.height_m, 2)} m, ${fmt(s.mass_kg)} kg, ${fmt(s.age_years)} years; `
    + `${clock(lesson.summary.simulated_s)} simulated.`;
  panel.appendChild(who);
  panel.appendChild(Object.assign(document.createElement('h4'), { textContent: 'Phases (numbered as in summary.json)' }));
  panel.appendChild(table(
    ['#', 'kind', 'from', 'to', 'L4/L5 mean [N]', 'L4/L5 peak [N]', 'L4/L5 peak [MPa]', 'tone max', 'fatigue max', 'risk max'],
    lesson.summary.phases.map((p) => [
      p.index, p.kind, clock(p.start_s), clock(p.end_s),
      fmt(p.L4L5_compression_N?.mean), fmt(p.L4L5_compression_N?.peak), fmt(p.L4L5_idp_MPa?.peak, 2),
      fmt(p.tone_max, 3), fmt(p.fatigue_max, 2), fmt(p.spasm_risk_max, 2),
    ]),
  ));
  panel.appendChild(Object.assign(document.createElement('h4'), { textContent: 'Spasm episodes' }));
  const events = lesson.summary.spasm_events;
  if (!events.length) panel.appendChild(Object.assign(document.createElement('p'), { textContent: 'None.' }));
  else {
    panel.appendChild(table(['muscle', 'from', 'to'], events.map((e) => [
      e.muscle ?? e.group ?? '', clock(e.start_s ?? e.start ?? 0), clock(e.end_s ?? e.end ?? 0),
    ])));
  }
  panel.appendChild(Object.assign(document.createElement('h4'), { textContent: 'What drives the risk' }));
  panel.appendChild(table(['muscle group', 'peak risk', 'time above 0.2', 'above 0.5', 'above 0.8'],
    lesson.summary.risk_by_group.slice(0, 10).map((g) => [
      g.group, fmt(g.peak, 2), clock(g.above_0_2_s), clock(g.above_0_5_s), clock(g.above_0_8_s),
    ])));
  return panel;
}
