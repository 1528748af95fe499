// The lesson's number arrays travel as base64 of little-endian bytes (viz/lesson_data.cpp).
function bytesOf(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export const floats = (text) => new Float32Array(bytesOf(text).buffer);
export const uints = (text) => new Uint32Array(bytesOf(text).buffer);
export const bytes = (text) => bytesOf(text);

// The lesson's data, decoded once: typed arrays where the page reads numbers every frame.
export function decodeLesson(raw) {
  const lesson = { ...raw };
  lesson.bones = raw.bones.map((b) => ({ segment: b.segment, points: floats(b.points), triangles: uints(b.triangles) }));
  lesson.paths = { ...raw.paths, local: floats(raw.paths.local) };
  lesson.pose = {
    transforms: floats(raw.pose.transforms),
    thighPoints: floats(raw.pose.thigh_points),
    rootDeg: floats(raw.pose.root_deg),
  };
  lesson.props = {
    rods: floats(raw.props.rods),
    rodKind: bytes(raw.props.rod_kind),
    rodFirst: raw.props.rod_first,
    blocks: floats(raw.props.blocks),
    blockKind: bytes(raw.props.block_kind),
    blockFirst: raw.props.block_first,
  };
  lesson.values = Object.fromEntries(Object.entries(raw.values).map(([k, v]) => [k, { ...v, data: bytes(v.data) }]));
  lesson.discValues = Object.fromEntries(
    Object.entries(raw.disc_values).map(([k, v]) => [k, { ...v, data: floats(v.data) }]),
  );
  lesson.spasm = bytes(raw.spasm);
  // Charts' series: float32, NaN where the run has none (uPlot draws a gap at null).
  const series = (text) => Array.from(floats(text), (v) => (Number.isNaN(v) ? null : v));
  lesson.charts = {
    ...raw.charts,
    time_min: series(raw.charts.time_min),
    series: Object.fromEntries(Object.entries(raw.charts.series).map(([k, v]) => [k, series(v)])),
  };
  lesson.frameCount = raw.times.length;
  return lesson;
}
