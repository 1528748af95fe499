// Triangle meshes built by hand, so every frame's muscles, limbs and furniture are plain arrays:
// tubes between two points, balls and boxes, with an optional value per point for colouring.
export class MeshBuilder {
  constructor() {
    this.points = [];
    this.polys = [];
    this.values = [];
  }

  vertex(x, y, z, value) {
    this.points.push(x, y, z);
    this.values.push(value);
    return this.points.length / 3 - 1;
  }

  // A capped tube of `sides` faces from a to b.
  tube(a, b, radius, value = 0, sides = 8) {
    const d = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    const length = Math.hypot(d[0], d[1], d[2]);
    if (length < 1e-9) return this.ball(a, radius, value);
    const u = d.map((c) => c / length);
    // Two unit vectors square to the tube's axis.
    const helper = Math.abs(u[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
    const v = normalise(cross(u, helper));
    const w = cross(u, v);
    const first = this.points.length / 3;
    for (let k = 0; k < sides; k += 1) {
      const angle = (2 * Math.PI * k) / sides;
      const c = Math.cos(angle) * radius;
      const s = Math.sin(angle) * radius;
      for (const end of [a, b]) {
        this.vertex(end[0] + c * v[0] + s * w[0], end[1] + c * v[1] + s * w[1], end[2] + c * v[2] + s * w[2], value);
      }
    }
    for (let k = 0; k < sides; k += 1) {
      const i = first + 2 * k;
      const j = first + 2 * ((k + 1) % sides);
      this.polys.push(3, i, j, i + 1, 3, j, j + 1, i + 1);
    }
    // Caps: a fan at each end.
    const ca = this.vertex(a[0], a[1], a[2], value);
    const cb = this.vertex(b[0], b[1], b[2], value);
    for (let k = 0; k < sides; k += 1) {
      const i = first + 2 * k;
      const j = first + 2 * ((k + 1) % sides);
      this.polys.push(3, ca, j, i, 3, cb, i + 1, j + 1);
    }
    return this;
  }

  // A ball of `rings` latitude bands.
  ball(c, radius, value = 0, rings = 8) {
    const first = this.points.length / 3;
    const around = 2 * rings;
    for (let i = 0; i <= rings; i += 1) {
      const theta = (Math.PI * i) / rings;
      for (let j = 0; j < around; j += 1) {
        const phi = (2 * Math.PI * j) / around;
        this.vertex(
          c[0] + radius * Math.sin(theta) * Math.cos(phi),
          c[1] + radius * Math.cos(theta),
          c[2] + radius * Math.sin(theta) * Math.sin(phi),
          value,
        );
      }
    }
    for (let i = 0; i < rings; i += 1) {
      for (let j = 0; j < around; j += 1) {
        const a = first + i * around + j;
        const b = first + i * around + ((j + 1) % around);
        this.polys.push(3, a, b, a + around, 3, b, b + around, a + around);
      }
    }
    return this;
  }

  // A box square to the axes, centred at c with edge lengths size.
  box(c, size, value = 0) {
    const first = this.points.length / 3;
    for (let k = 0; k < 8; k += 1) {
      this.vertex(
        c[0] + (k & 1 ? 0.5 : -0.5) * size[0],
        c[1] + (k & 2 ? 0.5 : -0.5) * size[1],
        c[2] + (k & 4 ? 0.5 : -0.5) * size[2],
        value,
      );
    }
    const faces = [[0, 2, 3, 1], [4, 5, 7, 6], [0, 1, 5, 4], [2, 6, 7, 3], [0, 4, 6, 2], [1, 3, 7, 5]];
    for (const [a, b, c2, d] of faces) this.polys.push(3, first + a, first + b, first + c2, 3, first + a, first + c2, first + d);
    return this;
  }
}

function cross(a, b) {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function normalise(a) {
  const n = Math.hypot(a[0], a[1], a[2]);
  return a.map((c) => c / n);
}
