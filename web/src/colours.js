// Colour maps as the pictures draw them: the stops come with the page's data (viz/colour_map.cpp
// through viz/lesson_data.cpp), evenly spaced over [0, 1].
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
