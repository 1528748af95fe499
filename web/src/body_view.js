// One body in a vtk.js render window: bones on their segments, muscles as tubes coloured by the
// chosen quantity, discs drawn over the muscles on their own scale, limbs, furniture, the floor
// and loads; rebuilt for any frame of the lesson. The same geometry `tonus render` draws.
import '@kitware/vtk.js/Rendering/Profiles/Geometry';
import vtkGenericRenderWindow from '@kitware/vtk.js/Rendering/Misc/GenericRenderWindow';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import vtkPolyData from '@kitware/vtk.js/Common/DataModel/PolyData';
import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';

import { MeshBuilder } from './mesh';

const BACKGROUND = [0.97, 0.97, 0.95];
const VIEWS = {
  side: { toward: [0, 0, 1], up: [0, 1, 0] },
  back: { toward: [-1, 0, 0], up: [0, 1, 0] },
  oblique: { toward: [-0.6, 0.25, 0.75], up: [0, 1, 0] },
  top: { toward: [0, 1, 0], up: [1, 0, 0] },
};

function transferFunction(stops) {
  const ctf = vtkColorTransferFunction.newInstance();
  stops.forEach((c, i) => ctf.addRGBPoint(i / (stops.length - 1), c[0], c[1], c[2]));
  return ctf;
}

function polyDataOf(builder, withValues) {
  const pd = vtkPolyData.newInstance();
  pd.getPoints().setData(Float32Array.from(builder.points), 3);
  pd.getPolys().setData(Uint32Array.from(builder.polys));
  if (withValues) {
    pd.getPointData().setScalars(
      vtkDataArray.newInstance({ name: 'value', numberOfComponents: 1, values: Float32Array.from(builder.values) }),
    );
  }
  return pd;
}

function actorOf(colour, opacity = 1, lut = null) {
  const mapper = vtkMapper.newInstance();
  const actor = vtkActor.newInstance();
  actor.setMapper(mapper);
  actor.getProperty().setColor(...colour);
  actor.getProperty().setOpacity(opacity);
  if (lut) {
    mapper.setLookupTable(lut);
    mapper.setScalarRange(0, 1);
    mapper.setScalarVisibility(true);
  } else {
    mapper.setScalarVisibility(false);
  }
  return actor;
}

// A segment's 3x3 rotation and origin at a frame, from the lesson's flat transforms.
function segmentFrame(lesson, frame, s) {
  const base = (frame * lesson.segments + s) * 12;
  const t = lesson.pose.transforms;
  return { r: t.subarray(base, base + 9), o: t.subarray(base + 9, base + 12) };
}

const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const normalise = (a) => { const n = Math.hypot(...a); return a.map((x) => x / n); };

function apply(f, p) {
  return [
    f.r[0] * p[0] + f.r[1] * p[1] + f.r[2] * p[2] + f.o[0],
    f.r[3] * p[0] + f.r[4] * p[1] + f.r[5] * p[2] + f.o[1],
    f.r[6] * p[0] + f.r[7] * p[1] + f.r[8] * p[2] + f.o[2],
  ];
}

export class BodyView {
  constructor(container, lesson) {
    this.lesson = lesson;
    this.grw = vtkGenericRenderWindow.newInstance({ background: BACKGROUND });
    this.grw.setContainer(container);
    this.grw.resize();
    this.renderer = this.grw.getRenderer();
    this.window = this.grw.getRenderWindow();
    // Discs in a layer above the body, with its camera: seen through the muscles.
    this.discLayer = vtkRenderer.newInstance();
    this.discLayer.setLayer(1);
    this.discLayer.setPreserveColorBuffer(true);
    this.discLayer.setInteractive(false);
    this.discLayer.setActiveCamera(this.renderer.getActiveCamera());
    this.window.addRenderer(this.discLayer);
    this.window.setNumberOfLayers(2);

    this.muscleLut = transferFunction(lesson.colour_maps.muscle);
    this.discLut = transferFunction(lesson.colour_maps.disc);
    this.bones = lesson.bones.map((b) => {
      const actor = actorOf([0.93, 0.9, 0.82]);
      const pd = vtkPolyData.newInstance();
      pd.getPoints().setData(b.points, 3);
      const cells = new Uint32Array((b.triangles.length / 3) * 4);
      for (let i = 0, j = 0; i < b.triangles.length; i += 3, j += 4) {
        cells[j] = 3;
        cells[j + 1] = b.triangles[i];
        cells[j + 2] = b.triangles[i + 1];
        cells[j + 3] = b.triangles[i + 2];
      }
      pd.getPolys().setData(cells);
      actor.getMapper().setInputData(pd);
      this.renderer.addActor(actor);
      return { actor, segment: b.segment };
    });
    this.muscles = actorOf([1, 1, 1], 1, this.muscleLut);
    this.muscles.getProperty().setAmbient(0.5);
    this.muscles.getProperty().setDiffuse(0.6);
    this.spasms = actorOf([0.95, 0.2, 0.85], 0.35);
    this.limbs = actorOf([0.88, 0.78, 0.68], 0.6);
    this.furniture = actorOf([0.5, 0.42, 0.35], 0.8);
    this.floor = actorOf([0.86, 0.86, 0.84]);
    this.floor.getProperty().setAmbient(1);
    this.floor.getProperty().setDiffuse(0);
    this.loads = actorOf([0.72, 0.55, 0.33]);
    this.loads.getProperty().setAmbient(0.35);
    for (const a of [this.floor, this.furniture, this.limbs, this.loads, this.spasms, this.muscles]) this.renderer.addActor(a);
    this.discs = actorOf([1, 1, 1], 1, this.discLut);
    this.discs.getProperty().setAmbient(0.6);
    this.discLayer.addActor(this.discs);
    this.quantity = 'tone';
    this.discQuantity = 'compression';
    this.frame = 0;
  }

  // The lesson's rotation of the whole body at a frame (lying down), as a function of a point.
  rootOf(frame) {
    const deg = this.lesson.pose.rootDeg[frame];
    if (!deg) return (p) => p;
    const c = Math.cos((deg * Math.PI) / 180);
    const s = Math.sin((deg * Math.PI) / 180);
    return (p) => [c * p[0] - s * p[1], s * p[0] + c * p[1], p[2]];
  }

  show(frame) {
    this.frame = frame;
    const { lesson } = this;
    const root = this.rootOf(frame);
    // Bones: each piece placed by its segment's transform (then laid down when lying).
    const deg = lesson.pose.rootDeg[frame];
    const c = Math.cos((deg * Math.PI) / 180);
    const s = Math.sin((deg * Math.PI) / 180);
    for (const bone of this.bones) {
      const f = segmentFrame(lesson, frame, bone.segment);
      const m = [
        f.r[0], f.r[1], f.r[2], f.o[0],
        f.r[3], f.r[4], f.r[5], f.o[1],
        f.r[6], f.r[7], f.r[8], f.o[2],
        0, 0, 0, 1,
      ];
      // Rz(deg) * M, then to vtk.js's column-major layout.
      const rows = [
        [c * m[0] - s * m[4], c * m[1] - s * m[5], c * m[2] - s * m[6], c * m[3] - s * m[7]],
        [s * m[0] + c * m[4], s * m[1] + c * m[5], s * m[2] + c * m[6], s * m[3] + c * m[7]],
        [m[8], m[9], m[10], m[11]],
        [0, 0, 0, 1],
      ];
      const colMajor = new Float64Array(16);
      for (let i = 0; i < 4; i += 1) for (let j = 0; j < 4; j += 1) colMajor[j * 4 + i] = rows[i][j];
      bone.actor.setUserMatrix(colMajor);
    }
    this.drawMuscles(frame, root);
    this.drawDiscs(frame, root);
    this.drawProps(frame, root);
  }

  // Every path point at a frame: on its segment, or (on a thigh) as the run placed it.
  pathPoints(frame) {
    const { paths } = this.lesson;
    const count = paths.segment.length;
    const out = new Array(count);
    for (let p = 0; p < count; p += 1) {
      const local = [paths.local[3 * p], paths.local[3 * p + 1], paths.local[3 * p + 2]];
      out[p] = apply(segmentFrame(this.lesson, frame, paths.segment[p]), local);
    }
    const thigh = this.lesson.pose.thighPoints;
    const n = paths.thigh_points.length;
    paths.thigh_points.forEach((p, k) => {
      const base = (frame * n + k) * 3;
      out[p] = [thigh[base], thigh[base + 1], thigh[base + 2]];
    });
    return out;
  }

  drawMuscles(frame, root) {
    const { lesson } = this;
    const { paths } = lesson;
    const fascicles = paths.radius.length;
    const values = lesson.values[this.quantity].data;
    const points = this.pathPoints(frame).map(root);
    const muscles = new MeshBuilder();
    const spasms = new MeshBuilder();
    for (let f = 0; f < fascicles; f += 1) {
      const value = values[frame * fascicles + f] / 255;
      const inSpasm = lesson.spasm[frame * fascicles + f] === 1;
      for (let p = paths.first[f]; p < paths.first[f + 1] - 1; p += 1) {
        muscles.tube(points[p], points[p + 1], paths.radius[f], value, 8);
        if (inSpasm) spasms.tube(points[p], points[p + 1], paths.radius[f] + 0.004, 0, 8);
      }
    }
    this.muscles.getMapper().setInputData(polyDataOf(muscles, true));
    this.spasms.getMapper().setInputData(polyDataOf(spasms, false));
    this.spasms.setVisibility(spasms.points.length > 0);
  }

  drawDiscs(frame, root) {
    const { lesson } = this;
    const scale = lesson.discValues[this.discQuantity];
    const discs = new MeshBuilder();
    lesson.discs.forEach((disc, k) => {
      const f = segmentFrame(lesson, frame, disc.segment);
      const centre = apply(f, disc.centre);
      const up = [f.r[1], f.r[4], f.r[7]];
      const h = disc.thickness / 2;
      const a = root(centre.map((x, i) => x - h * up[i]));
      const b = root(centre.map((x, i) => x + h * up[i]));
      const value = (scale.data[frame * lesson.discs.length + k] - scale.low) / (scale.high - scale.low);
      discs.tube(a, b, disc.radius, Math.min(1, Math.max(0, value)), 20);
    });
    this.discs.getMapper().setInputData(polyDataOf(discs, true));
  }

  drawProps(frame, root) {
    const { props } = this.lesson;
    const builders = [new MeshBuilder(), new MeshBuilder(), new MeshBuilder(), new MeshBuilder()];
    for (let r = props.rodFirst[frame]; r < props.rodFirst[frame + 1]; r += 1) {
      const v = props.rods.subarray(7 * r, 7 * r + 7);
      builders[props.rodKind[r]].tube(root([v[0], v[1], v[2]]), root([v[3], v[4], v[5]]), v[6], 0, 12);
    }
    for (let b = props.blockFirst[frame]; b < props.blockFirst[frame + 1]; b += 1) {
      const v = props.blocks.subarray(6 * b, 6 * b + 6);
      // Lying turns the body by a quarter turn about z: a block's x and y sizes swap.
      const size = this.lesson.pose.rootDeg[frame] ? [v[4], v[3], v[5]] : [v[3], v[4], v[5]];
      builders[props.blockKind[b]].box(root([v[0], v[1], v[2]]), size, 0);
    }
    [this.limbs, this.furniture, this.floor, this.loads].forEach((actor, k) => {
      actor.getMapper().setInputData(polyDataOf(builders[k], false));
    });
  }

  setQuantity(name) {
    this.quantity = name;
    this.show(this.frame);
  }

  setDiscQuantity(name) {
    this.discQuantity = name;
    this.show(this.frame);
  }

  // Aims the camera from a preset direction at the body and sets it back so that the body's box,
  // projected across the view, fills the picture with a 6 % margin (viz/camera_fit.cpp).
  setView(name) {
    this.viewName = name;
    const view = VIEWS[name] || VIEWS.oblique;
    const camera = this.renderer.getActiveCamera();
    const b = this.bodyBounds();
    const toward = normalise(view.toward);
    const upRaw = view.up;
    const along = dot(upRaw, toward);
    const up = normalise(upRaw.map((u, i) => u - along * toward[i]));
    const right = cross(up, toward);
    const middle = [(b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2];
    let loX = Infinity; let hiX = -Infinity; let loY = Infinity; let hiY = -Infinity; let depth = 0;
    for (let corner = 0; corner < 8; corner += 1) {
      const p = [b[corner & 1 ? 1 : 0], b[corner & 2 ? 3 : 2], b[corner & 4 ? 5 : 4]];
      const d = p.map((x, i) => x - middle[i]);
      loX = Math.min(loX, dot(d, right)); hiX = Math.max(hiX, dot(d, right));
      loY = Math.min(loY, dot(d, up)); hiY = Math.max(hiY, dot(d, up));
      depth = Math.max(depth, dot(d, toward));
    }
    const focus = middle.map((m, i) => m + 0.5 * (loX + hiX) * right[i] + 0.5 * (loY + hiY) * up[i]);
    const [width, height] = this.window.getViews()[0].getSize();
    const aspect = width > 0 && height > 0 ? width / height : 4 / 3;
    const half = (0.5 * Math.max(hiY - loY, (hiX - loX) / aspect)) / (1 - 2 * 0.06);
    const distance = half / Math.tan((15 * Math.PI) / 180) + depth;
    camera.setViewAngle(30);
    camera.setFocalPoint(...focus);
    camera.setPosition(...focus.map((f, i) => f + distance * toward[i]));
    camera.setViewUp(...up);
    this.render();
  }

  // The space the body takes over every frame lying as this one does (upright or laid down):
  // the muscles' points, the corners of each bone's box, the limbs and what the hands hold.
  // The camera frames it, so it holds still through a lift, as `tonus animate` does.
  bodyBounds() {
    const lying = this.lesson.pose.rootDeg[this.frame] !== 0;
    const key = lying ? 'lying' : 'upright';
    this.boundsCache = this.boundsCache || {};
    if (this.boundsCache[key]) return this.boundsCache[key];
    const { lesson } = this;
    const b = [Infinity, -Infinity, Infinity, -Infinity, Infinity, -Infinity];
    const grow = (p, r = 0) => {
      for (let i = 0; i < 3; i += 1) {
        b[2 * i] = Math.min(b[2 * i], p[i] - r);
        b[2 * i + 1] = Math.max(b[2 * i + 1], p[i] + r);
      }
    };
    const boxes = lesson.bones.map((bone) => {
      const lo = [Infinity, Infinity, Infinity];
      const hi = [-Infinity, -Infinity, -Infinity];
      for (let i = 0; i < bone.points.length; i += 3) {
        for (let k = 0; k < 3; k += 1) {
          lo[k] = Math.min(lo[k], bone.points[i + k]);
          hi[k] = Math.max(hi[k], bone.points[i + k]);
        }
      }
      return { segment: bone.segment, lo, hi };
    });
    const { props } = lesson;
    for (let frame = 0; frame < lesson.frameCount; frame += 1) {
      if ((lesson.pose.rootDeg[frame] !== 0) !== lying) continue;
      const root = this.rootOf(frame);
      for (const p of this.pathPoints(frame)) grow(root(p));
      for (const box of boxes) {
        const f = segmentFrame(lesson, frame, box.segment);
        for (let c = 0; c < 8; c += 1) {
          grow(root(apply(f, [c & 1 ? box.hi[0] : box.lo[0], c & 2 ? box.hi[1] : box.lo[1], c & 4 ? box.hi[2] : box.lo[2]])));
        }
      }
      for (let r = props.rodFirst[frame]; r < props.rodFirst[frame + 1]; r += 1) {
        if (props.rodKind[r] !== 0) continue;  // limbs, not furniture or floor
        const v = props.rods.subarray(7 * r, 7 * r + 7);
        grow(root([v[0], v[1], v[2]]), v[6]);
        grow(root([v[3], v[4], v[5]]), v[6]);
      }
      for (let k = props.blockFirst[frame]; k < props.blockFirst[frame + 1]; k += 1) {
        if (props.blockKind[k] !== 3) continue;  // the loads held
        const v = props.blocks.subarray(6 * k, 6 * k + 6);
        grow(root([v[0] - v[3] / 2, v[1] - v[4] / 2, v[2] - v[5] / 2]));
        grow(root([v[0] + v[3] / 2, v[1] + v[4] / 2, v[2] + v[5] / 2]));
      }
    }
    this.boundsCache[key] = b;
    return b;
  }

  render() {
    this.renderer.resetCameraClippingRange();
    this.window.render();
  }

  resize() {
    this.grw.resize();
    this.render();
  }

  // The picture as a PNG data URL (for tests and for teachers who want a still).
  capture() {
    return this.window.captureImages()[0];
  }
}
