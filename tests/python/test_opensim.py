"""`tonus export-osim`: the model as an OpenSim 4 model, checked three ways.

1. The format: every element is one OpenSim 4 (document version 40000) knows, under the parent
   that owns it, with the values its type needs (the classes' properties, as opensim-core's
   headers declare them: Model, Body, CustomJoint, Coordinate, PhysicalOffsetFrame,
   SpatialTransform, TransformAxis, GeometryPath, PathPoint, DeGrooteFregly2016Muscle,
   Ligament); every socket names a frame or body that exists; the joints form a tree.
2. The numbers round-trip: masses, inertias, joint centres and ranges, Hill parameters and path
   points read back from the file equal the engine's, bit for bit (shortest decimals).
3. The joints mean what Tonus's mean: moment arms computed from the file alone (its frames, its
   rotation axes composed body-fixed as a CustomJoint composes them, -dL/dq by central
   differences) equal `Model.moment_arms` in a bent, twisted and side-bent posture.
"""
import math
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import support  # noqa: E402
import tonus  # noqa: E402

NUMBER, VEC3, VEC6, PAIR, BOOL, TEXT, ANY = "number", "vec3", "vec6", "pair", "bool", "text", "any"

# What each element may hold: child tag -> (what it holds, required). Elements not listed here
# (objects, groups, coordinates, frames) are containers checked through their parents.
FORMAT = {
    "Model": {"Ground": (ANY, True), "gravity": (VEC3, True), "credits": (TEXT, False),
              "publications": (TEXT, False), "length_units": (TEXT, True), "force_units": (TEXT, True),
              "BodySet": (ANY, True), "JointSet": (ANY, True), "ForceSet": (ANY, True)},
    "Body": {"mass": (NUMBER, True), "mass_center": (VEC3, True), "inertia": (VEC6, True)},
    "CustomJoint": {"socket_parent_frame": (TEXT, True), "socket_child_frame": (TEXT, True),
                    "coordinates": (ANY, True), "frames": (ANY, True), "SpatialTransform": (ANY, True)},
    "Coordinate": {"default_value": (NUMBER, True), "default_speed_value": (NUMBER, False), "range": (PAIR, True),
                   "clamped": (BOOL, True), "locked": (BOOL, True)},
    "PhysicalOffsetFrame": {"socket_parent": (TEXT, True), "translation": (VEC3, True), "orientation": (VEC3, True)},
    "TransformAxis": {"coordinates": (TEXT, True), "axis": (VEC3, True), "LinearFunction": (ANY, False),
                      "Constant": (ANY, False)},
    "LinearFunction": {"coefficients": (PAIR, True)},
    "Constant": {"value": (NUMBER, True)},
    "GeometryPath": {"PathPointSet": (ANY, True)},
    "PathPoint": {"socket_parent_frame": (TEXT, True), "location": (VEC3, True)},
    "DeGrooteFregly2016Muscle": {
        "min_control": (NUMBER, False), "max_control": (NUMBER, False), "GeometryPath": (ANY, True),
        "max_isometric_force": (NUMBER, True), "optimal_fiber_length": (NUMBER, True),
        "tendon_slack_length": (NUMBER, True), "pennation_angle_at_optimal": (NUMBER, True),
        "max_contraction_velocity": (NUMBER, True), "ignore_tendon_compliance": (BOOL, True),
        "ignore_activation_dynamics": (BOOL, True), "activation_time_constant": (NUMBER, True),
        "deactivation_time_constant": (NUMBER, True), "default_activation": (NUMBER, True),
        "active_force_width_scale": (NUMBER, True), "fiber_damping": (NUMBER, True),
        "ignore_passive_fiber_force": (BOOL, True), "passive_fiber_strain_at_one_norm_force": (NUMBER, True),
        "tendon_strain_at_one_norm_force": (NUMBER, True)},
    "Ligament": {"GeometryPath": (ANY, True), "resting_length": (NUMBER, True), "pcsa_force": (NUMBER, True),
                 "SimmSpline": (ANY, True)},
    "SimmSpline": {"x": (TEXT, True), "y": (TEXT, True)},
}
SIZES = {VEC3: 3, VEC6: 6, PAIR: 2, NUMBER: 1}
AXIS_NAMES = ("flexion", "lateral_bending", "axial_rotation")


def numbers(element):
    return [float(v) for v in element.text.split()]


def export(*args):
    out = os.path.join(tempfile.mkdtemp(prefix="tonus_osim_"), "spine.osim")
    support.cli("export-osim", *args, "--out", out)
    return out, ET.parse(out).getroot()


def rotation(angle, axis):
    """Rodrigues: the rotation by `angle` about the unit `axis`."""
    x, y, z = axis / np.linalg.norm(axis)
    c, s = math.cos(angle), math.sin(angle)
    return np.array([[c + x * x * (1 - c), x * y * (1 - c) - z * s, x * z * (1 - c) + y * s],
                     [y * x * (1 - c) + z * s, c + y * y * (1 - c), y * z * (1 - c) - x * s],
                     [z * x * (1 - c) - y * s, z * y * (1 - c) + x * s, c + z * z * (1 - c)]])


class OsimModel:
    """The .osim as read: bodies, joints with their frames and rotation axes, muscles."""

    def __init__(self, root):
        model = root.find("Model")
        self.bodies = {b.get("name"): b for b in model.find("BodySet/objects")}
        self.joints = list(model.find("JointSet/objects"))
        self.muscles = {m.get("name"): m for m in model.find("ForceSet/objects") if m.tag == "DeGrooteFregly2016Muscle"}
        self.ligaments = {m.get("name"): m for m in model.find("ForceSet/objects") if m.tag == "Ligament"}

    def frames(self, joint):
        return {f.get("name"): f for f in joint.find("frames")}

    def pose(self, q):
        """Each body's rotation and origin in ground, for coordinate values q (by name)."""
        placed = {"ground": (np.eye(3), np.zeros(3))}
        for joint in self.joints:  # parents come first
            frames = self.frames(joint)
            parent_frame = frames[joint.find("socket_parent_frame").text]
            child_frame = frames[joint.find("socket_child_frame").text]
            parent = parent_frame.find("socket_parent").text.split("/")[-1]
            child = child_frame.find("socket_parent").text.split("/")[-1]
            R_parent, o_parent = placed[parent]
            R = R_parent.copy()
            # Rotations about successive body-fixed axes, as a CustomJoint composes them.
            for axis in joint.find("SpatialTransform"):
                if axis.get("name").startswith("rotation"):
                    R = R @ rotation(q[axis.find("coordinates").text], np.array(numbers(axis.find("axis"))))
            origin = o_parent + R_parent @ np.array(numbers(parent_frame.find("translation")))
            placed[child] = (R, origin - R @ np.array(numbers(child_frame.find("translation"))))
        return placed

    def length(self, muscle, q):
        placed = self.pose(q)
        points = []
        for p in muscle.find("GeometryPath/PathPointSet/objects"):
            R, o = placed[p.find("socket_parent_frame").text.split("/")[-1]]
            points.append(o + R @ np.array(numbers(p.find("location"))))
        return sum(np.linalg.norm(b - a) for a, b in zip(points, points[1:]))


class Format(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.path, cls.root = export()

    def check_element(self, element, where):
        rules = FORMAT.get(element.tag)
        if rules is None:
            return
        tags = [c.tag for c in element]
        for tag, (kind, required) in rules.items():
            if required:
                self.assertIn(tag, tags, f"{where}: {element.tag} lacks <{tag}>")
        for child in element:
            self.assertIn(child.tag, rules, f"{where}: <{child.tag}> is not a property of {element.tag}")
            self.assertEqual(tags.count(child.tag), 1, f"{where}: <{child.tag}> twice")
            kind = rules[child.tag][0]
            if kind in SIZES:
                values = numbers(child)
                self.assertEqual(len(values), SIZES[kind], f"{where}/{child.tag}: {child.text}")
                self.assertTrue(all(math.isfinite(v) for v in values), f"{where}/{child.tag}")
            elif kind == BOOL:
                self.assertIn(child.text, ("true", "false"), f"{where}/{child.tag}")

    def test_document(self):
        self.assertEqual(self.root.tag, "OpenSimDocument")
        self.assertEqual(self.root.get("Version"), "40000")
        self.assertEqual([c.tag for c in self.root], ["Model"])
        with open(self.path) as f:
            head = f.read(2048)
        self.assertIn("generator: Tonus export-osim", head)  # so Tonus may replace it, and only it

    def test_every_element_is_opensims(self):
        for element in self.root.iter():
            self.check_element(element, element.get("name") or element.tag)

    def test_sockets_and_tree(self):
        model = OsimModel(self.root)
        children = []
        for joint in model.joints:
            frames = model.frames(joint)
            for socket in ("socket_parent_frame", "socket_child_frame"):
                self.assertIn(joint.find(socket).text, frames, joint.get("name"))
            for frame in frames.values():
                target = frame.find("socket_parent").text
                self.assertTrue(target == "/ground" or target.split("/")[-1] in model.bodies, target)
            children.append(frames[joint.find("socket_child_frame").text].find("socket_parent").text.split("/")[-1])
            names = [c.get("name") for c in joint.find("coordinates")]
            transform = joint.find("SpatialTransform")
            self.assertEqual([a.get("name") for a in transform],
                             ["rotation1", "rotation2", "rotation3", "translation1", "translation2", "translation3"])
            axes = [np.array(numbers(a.find("axis"))) for a in transform][:3]
            for i in range(3):  # OpenSim refuses collinear rotation axes
                self.assertGreater(np.linalg.norm(np.cross(axes[i], axes[(i + 1) % 3])), 0.5)
            self.assertEqual([a.find("coordinates").text for a in transform][:3], names)
            for c in joint.find("coordinates"):
                low, high = numbers(c.find("range"))
                self.assertLess(low, high, c.get("name"))
        self.assertEqual(sorted(children), sorted(model.bodies), "each body is the child of exactly one joint")
        for muscle in list(model.muscles.values()) + list(model.ligaments.values()):
            points = muscle.find("GeometryPath/PathPointSet/objects")
            self.assertGreaterEqual(len(points), 2, muscle.get("name"))
            for p in points:
                self.assertIn(p.find("socket_parent_frame").text.split("/")[-1], model.bodies)

    def test_names_as_tonus_writes_them(self):
        model = OsimModel(self.root)
        tonus_model = tonus.Model.default()
        coordinates = [c.get("name") for j in model.joints for c in j.find("coordinates")]
        self.assertEqual(coordinates, [d.replace(".", "_") for d in tonus_model.dof_names])
        # The muscles carry activations.sto's column names.
        with tempfile.TemporaryDirectory() as out:
            support.cli("run", "--out", out, "--quiet")
            with open(os.path.join(out, "activations.sto")) as f:
                header = next(line for line in f if line.startswith("time\t"))
        self.assertEqual(list(model.muscles), header.split()[1:])


class Numbers(unittest.TestCase):
    """What the file says equals what the engine holds, for a subject other than the reference."""

    @classmethod
    def setUpClass(cls):
        cls.path, cls.root = export("--sex", "female", "--height", "1.62", "--mass", "58")
        cls.osim = OsimModel(cls.root)
        cls.model = tonus.Model.default(sex="female", height=1.62, mass=58)

    def test_bodies_and_joints(self):
        joints = {j.find("frames")[1].find("socket_parent").text.split("/")[-1]: j for j in self.osim.joints}
        for body in self.model.bodies():
            b = self.osim.bodies[body["name"]]
            self.assertEqual(float(b.find("mass").text), body["mass_kg"])
            self.assertEqual(numbers(b.find("mass_center")), body["centre_of_mass_m"])
            I = body["inertia_kg_m2"]
            self.assertEqual(numbers(b.find("inertia")), [I[0, 0], I[1, 1], I[2, 2], I[0, 1], I[0, 2], I[1, 2]])
            joint = joints[body["name"]]
            self.assertEqual(joint.get("name"), body["joint"])
            self.assertEqual(numbers(joint.find("frames")[0].find("translation")), body["joint_centre_in_parent_m"])
            ranges = [numbers(c.find("range")) for c in joint.find("coordinates")]
            self.assertEqual([r[0] for r in ranges], body["range_min_rad"])
            self.assertEqual([r[1] for r in ranges], body["range_max_rad"])
        total = sum(float(b.find("mass").text) for b in self.osim.bodies.values())
        info = self.model.info()
        self.assertAlmostEqual(total + info["arms_mass_kg"], info["total_mass_kg"], places=9)

    def test_muscles(self):
        pairs = {"max_isometric_force": "max_isometric_force_N", "optimal_fiber_length": "optimal_fibre_length_m",
                 "tendon_slack_length": "tendon_slack_length_m", "pennation_angle_at_optimal": "pennation_at_optimal_rad",
                 "max_contraction_velocity": "max_contraction_velocity",
                 "activation_time_constant": "activation_time_constant_s",
                 "deactivation_time_constant": "deactivation_time_constant_s",
                 "tendon_strain_at_one_norm_force": "tendon_strain_at_max_force",
                 "passive_fiber_strain_at_one_norm_force": "passive_strain_at_max_force"}
        fascicles = self.model.fascicles()
        self.assertEqual(len(fascicles), len(self.osim.muscles))
        for f in fascicles:
            m = self.osim.muscles[f["name"]]
            for tag, key in pairs.items():
                self.assertEqual(float(m.find(tag).text), f[key], f"{f['name']}: {tag}")
            points = m.find("GeometryPath/PathPointSet/objects")
            self.assertEqual([p.find("socket_parent_frame").text for p in points],
                             ["/bodyset/" + p["body"] for p in f["path"]])
            self.assertEqual([numbers(p.find("location")) for p in points], [p["location_m"] for p in f["path"]])

    def test_ligaments(self):
        bands = sum(g["bands"] for g in self.model.info()["ligament_groups"])
        self.assertEqual(len(self.osim.ligaments), bands)
        for name, ligament in self.osim.ligaments.items():
            x = numbers(ligament.find("SimmSpline/x"))
            y = numbers(ligament.find("SimmSpline/y"))
            self.assertEqual(y[:2], [0.0, 0.0], name)  # slack up to the resting length
            self.assertEqual(x[1], 1.0, name)
            self.assertTrue(all(b > a for a, b in zip(x, x[1:])) and all(b >= a for a, b in zip(y, y[1:])), name)
            # The exponential toe: one length scale past rest, e - 1 times the force scale.
            rest = float(ligament.find("resting_length").text)
            scale = (x[5] - 1.0) * rest
            self.assertAlmostEqual(y[5], math.e - 1, places=12)
            self.assertGreater(scale, 0)


class SameJoints(unittest.TestCase):
    """Moment arms from the file's geometry alone equal the engine's."""

    POSTURE = {"trunk_flexion_deg": 35, "axial_rotation_deg": 12, "lateral_bend_deg": 8}

    def test_moment_arms_from_the_file(self):
        _, root = export()
        osim = OsimModel(root)
        model = tonus.Model.default()
        q0 = dict(zip([d.replace(".", "_") for d in model.dof_names], model.joint_angles(**self.POSTURE)))
        fascicles = {f["name"]: f for f in model.fascicles()}
        for level in ("L4_L5", "T12_L1"):
            engine = model.moment_arms(level, **self.POSTURE)
            rows = {(g, s): i for i, (g, s) in enumerate(zip(engine["group"], engine["side"]))}
            sums = {}
            for name, muscle in osim.muscles.items():
                # The file has no thighs: a femur's point rides on the pelvis, so the psoas's
                # lever arms differ once the pelvis tilts (the only place they may).
                if any(p["on_thigh"] for p in fascicles[name]["path"]):
                    continue
                fmax = float(muscle.find("max_isometric_force").text)
                arms = []
                for axis in AXIS_NAMES:
                    c = f"{level}_{axis}"
                    h = 1e-6
                    up, down = dict(q0), dict(q0)
                    up[c] += h
                    down[c] -= h
                    arms.append(-(osim.length(muscle, up) - osim.length(muscle, down)) / (2 * h))
                # A fascicle that does not cross the joint moves rigidly: only rounding changes its length.
                if not any(abs(a) > 1e-7 for a in arms):
                    continue
                key = (fascicles[name]["group"], fascicles[name]["side"])
                total = sums.setdefault(key, [0.0, np.zeros(3)])
                total[0] += fmax
                total[1] += fmax * np.array(arms)
            self.assertGreater(len(sums), 5)
            for key, (fmax, moment) in sums.items():
                i = rows[key]
                for a, axis in enumerate(AXIS_NAMES):
                    # [cm]; central differences of lengths leave ~1e-8 m.
                    self.assertAlmostEqual(100 * moment[a] / fmax, engine["moment_arm_cm_" + axis][i], delta=1e-4,
                                           msg=f"{level} {key} {axis}")


class CommandLine(unittest.TestCase):
    def test_mistakes_and_motion(self):
        with tempfile.TemporaryDirectory() as tmp:
            mine = os.path.join(tmp, "mine.osim")
            with open(mine, "w") as f:
                f.write("<OpenSimDocument/>")
            done = support.cli("export-osim", "--out", mine, check=False)
            self.assertEqual(done.returncode, 2)
            self.assertIn("Tonus did not write it", done.stderr)
            with open(mine) as f:
                self.assertEqual(f.read(), "<OpenSimDocument/>")
            done = support.cli("export-osim", "--out", os.path.join(tmp, "spine.xml"), check=False)
            self.assertEqual((done.returncode, "ending .osim" in done.stderr), (2, True))
            run = os.path.join(tmp, "run")
            lifting = os.path.join(support.SCENARIOS, "lifting-squat.yaml")
            support.cli("run", lifting, "--out", run, "--quiet")
            done = support.cli("export-osim", "--motion", run, "--sex", "female", "--out", os.path.join(tmp, "a.osim"),
                               check=False)
            self.assertEqual(done.returncode, 2)
            self.assertIn("leave out MODEL, --sex", done.stderr)
            out = os.path.join(tmp, "lift.osim")
            support.cli("export-osim", "--motion", run, "--out", out)
            support.cli("export-osim", "--motion", run, "--out", out)  # its own files: replaced
            osim = OsimModel(ET.parse(out).getroot())
            with open(os.path.join(tmp, "lift.mot")) as f:
                lines = f.read().splitlines()
            header = lines.index("endheader")
            self.assertIn("inDegrees=yes", lines[:header])
            columns = lines[header + 1].split("\t")
            coordinates = {c.get("name"): numbers(c.find("range")) for j in osim.joints for c in j.find("coordinates")}
            self.assertEqual(columns[1:], list(coordinates))
            rows = np.array([[float(v) for v in line.split("\t")] for line in lines[header + 2:]])
            times = np.genfromtxt(os.path.join(run, "timeseries.csv"), delimiter=",", skip_header=1, usecols=0)
            np.testing.assert_array_equal(rows[:, 0], times)
            # A squat lift bends the spine, within every coordinate's range.
            self.assertGreater(rows[:, 1 + list(coordinates).index("pelvis_flexion")].max(), 10)
            for i, (low, high) in enumerate(coordinates.values()):
                self.assertTrue(np.all(np.radians(rows[:, 1 + i]) >= low - 1e-9), columns[1 + i])
                self.assertTrue(np.all(np.radians(rows[:, 1 + i]) <= high + 1e-9), columns[1 + i])


if __name__ == "__main__":
    unittest.main()
