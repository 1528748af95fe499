// Charts under the scene (uPlot): L4/L5 and L5/S1 compression with the NIOSH limits, L4/L5
// pressure, and tone, fatigue and risk of the muscle groups the user picks; a cursor line at the
// slider's time on every chart.
import uPlot from 'uplot';

import { colourAt, cssColour } from './colours';

const DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4]];

function cursorLine(state) {
  return {
    hooks: {
      draw: [
        (u) => {
          if (state.time == null) return;
          const x = u.valToPos(state.time, 'x', true);
          const { ctx } = u;
          ctx.save();
          ctx.strokeStyle = '#d4380d';
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.restore();
        },
      ],
    },
  };
}

// Horizontal reference lines named in the legend.
function flat(times, value) {
  return times.map(() => value);
}

export class Charts {
  constructor(container, lessons, width) {
    this.container = container;
    this.lessons = lessons;
    this.width = width;
    this.state = { time: 0 };
    this.plots = [];
  }

  // Draws the charts for these groups (tone, fatigue, risk each one chart).
  build(groups) {
    for (const p of this.plots) p.destroy();
    this.plots = [];
    this.container.replaceChildren();
    const lesson = this.lessons[0];
    const t = lesson.charts.time_min;
    const series = lesson.charts.series;
    const many = this.lessons.length > 1;
    // Each run's line, solid for the first and dashed for the second.
    const lines = (name, label, colourIndex, count) => this.lessons.map((l, k) => ({
      label: many ? `${label} (${l.scenario})` : label,
      data: l.charts.series[name],
      stroke: cssColour(colourAt(lesson.colour_maps.muscle, count > 1 ? colourIndex / (count - 1) : 0)),
      dash: DASHES[(k + colourIndex) % DASHES.length],
      width: Math.max(1.5, 3 - 0.4 * colourIndex),
    }));
    const compression = [
      ...lines('L4L5_compression_N', 'L4/L5', 0, 2),
      ...lines('L5S1_compression_N', 'L5/S1', 1, 2),
      { label: 'NIOSH action limit 3400 N', data: flat(t, 3400), stroke: '#555', dash: [6, 4], width: 1 },
      { label: 'NIOSH maximum 6400 N', data: flat(t, 6400), stroke: '#555', dash: [2, 3], width: 1 },
    ];
    this.add('Lumbar compression [N]', t, compression);
    this.add('L4/L5 disc pressure [MPa]', t, [
      ...lines('L4L5_idp_MPa', 'L4/L5', 0, 1),
      { label: 'Wilke 1999: relaxed standing 0.50 MPa', data: flat(t, 0.5), stroke: '#555', dash: [6, 4], width: 1 },
      { label: 'Wilke 1999: lifting 20 kg, round back 2.3 MPa', data: flat(t, 2.3), stroke: '#555', dash: [2, 3], width: 1 },
    ]);
    for (const [prefix, title] of [['tone_', 'Involuntary tone'], ['fatigue_', 'Fatigued fraction'], ['risk_', 'Spasm risk']]) {
      const picked = groups.filter((g) => series[prefix + g]);
      const all = picked.flatMap((g, i) => lines(prefix + g, g, i, picked.length));
      if (all.length) this.add(title, t, all);
    }
  }

  add(title, times, series) {
    const box = document.createElement('div');
    box.className = 'chart';
    this.container.appendChild(box);
    const opts = {
      title,
      width: this.width,
      height: 200,
      scales: { x: { time: false } },
      axes: [{ label: 'time [min]' }, {}],
      series: [{ label: 'min' }, ...series.map((s) => ({ label: s.label, stroke: s.stroke, dash: s.dash, width: s.width }))],
      plugins: [cursorLine(this.state)],
      legend: { live: false },
    };
    this.plots.push(new uPlot(opts, [times, ...series.map((s) => s.data)], box));
  }

  setTime(minutes) {
    this.state.time = minutes;
    for (const p of this.plots) p.redraw(false, false);
  }
}
