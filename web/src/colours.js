// The same colour maps as the pictures (viz/colour_map.cpp): muscles blue to red, discs near
// white to dark red-brown.
export const MUSCLE_STOPS = [
  [0.1, 0.15, 0.55], [0.1, 0.45, 0.85], [0.15, 0.75, 0.7], [0.55, 0.85, 0.25], [0.98, 0.8, 0.15], [0.85, 0.1, 0.1],
];
export const DISC_STOPS = [
  [0.96, 0.96, 0.92], [0.99, 0.88, 0.45], [0.96, 0.6, 0.2], [0.8, 0.3, 0.08], [0.45, 0.1, 0.05],
];

export function colourAt(stops, x) {
  const t = Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(t));
  const u = t - i;
  return stops[i].map((a, k) => a + u * (stops[i + 1][k] - a));
}

export const cssColour = (rgb) => `rgb(${rgb.map((c) => Math.round(255 * c)).join(',')})`;

export function gradientCss(stops) {
  const parts = stops.map((s, i) => `${cssColour(s)} ${((100 * i) / (stops.length - 1)).toFixed(1)}%`);
  return `linear-gradient(to top, ${parts.join(', ')})`;
}

// Round tick values for a bar, 4 to 6 of them, all with the same decimals (viz/colour_scale.cpp).
export function ticksFor(low, high) {
  const roundUp = (x) => {
    const p = 10 ** Math.floor(Math.log10(x));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
    return 10 * p;
  };
  const step = roundUp((high - low) / 5);
  const values = [];
  for (let v = Math.ceil(low / step - 1e-9) * step; v <= high + 1e-9 * step; v += step) values.push(v);
  const mantissa = step / 10 ** Math.floor(Math.log10(step));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (Math.abs(mantissa - 2.5) < 1e-9 ? 1 : 0));
  return values.map((v) => v.toFixed(decimals));
}
