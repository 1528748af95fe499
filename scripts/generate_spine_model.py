#!/usr/bin/env python3
"""Writes models/spine.yaml, Tonus's default spine model, from anatomical rules.

The model file is what the engine reads and what a researcher edits; this script records how
its numbers were laid out, so the geometry can be regenerated after changing a rule (a
different lordosis, vertebral spacing, attachment, or a muscle's cross-section). Every table
below names its source, or says ASSUMPTION; docs/model.md discusses them.

Frames: x anterior, y superior, z right, metres. Ground and pelvis frames have their origin
at the midpoint of the hip joint centres. Each segment's frame has its origin at the centre of
rotation of the joint below it and is aligned with ground in upright standing.

Usage: python3 scripts/generate_spine_model.py > models/spine.yaml
"""
import math
import sys

DEG = math.pi / 180.0


def add(*vs):
    return tuple(sum(c) for c in zip(*vs))


def sub(a, b):
    return tuple(x - y for x, y in zip(a, b))


def mul(k, v):
    return tuple(k * x for x in v)


def norm(v):
    return math.sqrt(sum(x * x for x in v))


def up(phi):
    """Unit vector along a vertebra's long axis when its endplates face phi forward of up."""
    return (math.sin(phi), math.cos(phi), 0.0)


def forward(phi):
    """Unit vector along that vertebra's endplate, pointing anteriorly."""
    return (math.cos(phi), -math.sin(phi), 0.0)


def anatomical(centre, phi, a):
    """Point a = (anterior, along the axis, right) in a vertebra's own frame."""
    return add(centre, mul(a[0], forward(phi)), mul(a[1], up(phi)), (0.0, 0.0, a[2]))


# ---------------------------------------------------------------------------------------------
# Reference subject and pelvis (ASSUMPTION unless noted)
# ---------------------------------------------------------------------------------------------
HEIGHT, MASS = 1.75, 75.0
ASIS_WIDTH = 0.245  # inter-ASIS breadth of an adult male (M: anthropometric surveys)
# Hip joint centre from the ASIS midpoint: 19% posterior, 30% inferior, 36% lateral of the
# inter-ASIS width (Bell, Pedersen & Brand 1990, J Biomech 23:617; M).
MID_ASIS = (0.19 * ASIS_WIDTH, 0.30 * ASIS_WIDTH, 0.0)
SACRAL_SLOPE = 40 * DEG  # Vialle et al. 2005 mean 39.9 deg (M)
# L5/S1 centre of rotation from the hip centre midpoint (ASSUMPTION: Christophy et al. 2012
# place L5/S1 ~0.098 m posterior and 0.022 m superior of the ASIS midpoint for a 1.70 m man).
L5S1 = (MID_ASIS[0] - 0.100, MID_ASIS[1] + 0.025, 0.0)

# ---------------------------------------------------------------------------------------------
# Lumbar column. Segmental lordosis in standing (ASSUMPTION built to match T12-S1 ~50 deg and
# L4-S1 ~34 deg, Asian Spine J 2019 (A); increasing caudally, Bernhardt & Bridwell 1989 (A)).
# Vertebral bodies are not wedged; each disc carries its level's lordosis (ASSUMPTION).
# ---------------------------------------------------------------------------------------------
LORDOSIS = {"L5_S1": 20, "L4_L5": 15, "L3_L4": 10, "L2_L3": 7, "L1_L2": 4, "T12_L1": 1}  # deg
LEVEL = 0.038       # joint-to-joint spacing: body 27 mm + disc ~11 mm (Zhang 2018 (A); M)
DISC_HALF = 0.011   # centre of rotation to the body above: disc height (ASSUMPTION)
BODY_HALF = 0.0135  # half a lumbar body height (Panjabi 1992, ~27 mm; M)
ICR_POSTERIOR = 0.005  # rotation centre behind the endplate centre (Pearcy & Bogduk 1988; M/A)

LUMBAR = ["L5", "L4", "L3", "L2", "L1"]
JOINT_BELOW = {"L5": "L5_S1", "L4": "L4_L5", "L3": "L3_L4", "L2": "L2_L3", "L1": "L1_L2", "thorax": "T12_L1"}

phi = SACRAL_SLOPE
joint_pos = {"L5_S1": L5S1}
vertebra_phi = {}
position = L5S1
for name in LUMBAR:
    phi -= LORDOSIS[JOINT_BELOW[name]] * DEG
    vertebra_phi[name] = phi
    position = add(position, mul(LEVEL, up(phi)))
    above = {"L5": "L4_L5", "L4": "L3_L4", "L3": "L2_L3", "L2": "L1_L2", "L1": "T12_L1"}[name]
    joint_pos[above] = position


def lumbar_centre(name):
    """Vertebral body centre of a lumbar vertebra, in ground (standing)."""
    p = vertebra_phi[name]
    return add(joint_pos[JOINT_BELOW[name]], mul(ICR_POSTERIOR, forward(p)), mul(DISC_HALF + BODY_HALF, up(p)))


# Sacrum: S1 endplate centre and the dorsal sacral surface, straight along the sacral slope
# (ASSUMPTION: sacral curvature ignored; body height 25 mm per sacral level, dorsal surface
# 50 mm behind the body axis).
S1_CENTRE = add(L5S1, mul(ICR_POSTERIOR, forward(SACRAL_SLOPE)))


def sacral(level, a):
    centre = add(S1_CENTRE, mul(-(0.014 + 0.025 * (level - 1)), up(SACRAL_SLOPE)))
    return anatomical(centre, SACRAL_SLOPE, a)


# ---------------------------------------------------------------------------------------------
# Thoracic column: a circular arc from T12/L1 to C7/T1 (ASSUMPTION: kyphosis 35 deg over
# T1-T12, between Nishida 2020 (S) 24 deg and Bernhardt & Bridwell 1989 (M) 36 deg; 12 levels
# of 23 mm). The arc starts along L1's axis.
# ---------------------------------------------------------------------------------------------
KYPHOSIS = 35 * DEG
THORACIC_LEVEL = 0.023
THORACIC_LENGTH = 12 * THORACIC_LEVEL
PHI_T12 = vertebra_phi["L1"]  # T12/L1 carries no lordosis


def arc(s):
    """Position and axis angle along the thoracic arc, distance s above T12/L1 (ground)."""
    k = -KYPHOSIS / THORACIC_LENGTH  # the axis turns forward going up (phi grows)
    phi_s = PHI_T12 - k * s
    if abs(k) < 1e-12:
        return add(joint_pos["T12_L1"], mul(s, up(PHI_T12))), phi_s
    # integral of (sin phi, cos phi) ds with phi linear in s
    x = (math.cos(PHI_T12) - math.cos(phi_s)) / (-k)
    y = (math.sin(phi_s) - math.sin(PHI_T12)) / (-k)
    return add(joint_pos["T12_L1"], (x, y, 0.0)), phi_s


joint_pos["C7_T1"] = arc(THORACIC_LENGTH)[0]


def thoracic(level, a):
    """Point a in the frame of thoracic vertebra T<level> (centre of its body)."""
    p, phi_s = arc((12 - level + 0.5) * THORACIC_LEVEL)
    centre = add(p, mul(ICR_POSTERIOR, forward(phi_s)))
    return anatomical(centre, phi_s, a)


def neck(a):
    """Point relative to the C7/T1 centre (research coordinates, x ant, y sup, z right)."""
    return add(joint_pos["C7_T1"], a)


# ---------------------------------------------------------------------------------------------
# Landmarks, in ground at standing (converted to segment frames on output)
# ---------------------------------------------------------------------------------------------
landmarks = {"pelvis": {}, "thorax": {}, "head_neck": {}}
for v in LUMBAR:
    landmarks[v] = {}

P = landmarks["pelvis"]
P["asis_r"] = add(MID_ASIS, (0, 0, ASIS_WIDTH / 2))
P["psis_r"] = (MID_ASIS[0] - 0.165, MID_ASIS[1] + 0.015, 0.045)  # pelvic depth ~16.5 cm (ASSUMPTION)
P["iliac_crest_medial_r"] = (-0.110, 0.105, 0.050)   # above the PSIS: longissimus pars lumborum
P["iliac_crest_dorsal_r"] = (-0.100, 0.125, 0.075)   # lateral to the PSIS: iliocostalis
P["iliac_crest_posterior_r"] = (-0.075, 0.145, 0.100)  # posterior third: latissimus, QL
P["iliac_tubercle_r"] = (-0.020, 0.160, 0.130)       # highest lateral point: QL, obliques
P["iliac_crest_anterior_r"] = (0.025, 0.125, 0.130)
P["pubic_crest_r"] = (0.055, 0.005, 0.030)
P["pubic_tubercle_r"] = (0.052, 0.000, 0.050)
P["iliopectineal_r"] = (0.045, 0.035, 0.075)         # pelvic brim: psoas turns here
# Points on the femurs, in the pelvis's frame with the hips at 0 deg; the engine turns them
# with the hips' flexion (docs/model.md, "Points on the thighs").
landmarks["thigh"] = {"lesser_trochanter_r": (-0.010, -0.055, 0.075)}  # psoas insertion
P["s1_mammillary_r"] = sacral(1, (-0.040, 0.012, 0.022))
for level in (1, 2, 3, 4):
    P[f"s{level}_dorsal_r"] = sacral(level, (-0.050, 0.0, 0.022))
    P[f"s{level}_spinous"] = sacral(level, (-0.056, 0.0, 0.0))

# Lumbar vertebrae, in each body's own frame (ASSUMPTION, research note A 2.3: body half-depth
# 17 mm, canal 17 mm, lamina 10 mm, spinous process 30-35 mm; transverse processes longest at L3).
TRANSVERSE_HALF_SPAN = {"L1": 0.035, "L2": 0.042, "L3": 0.048, "L4": 0.045, "L5": 0.045}
for v in LUMBAR:
    c, p = lumbar_centre(v), vertebra_phi[v]
    L = landmarks[v]
    L["spinous_tip"] = anatomical(c, p, (-0.075 if v == "L5" else -0.080, -0.010, 0.0))
    L["transverse_tip_r"] = anatomical(c, p, (-0.025, -0.005 if v == "L5" else 0.0, TRANSVERSE_HALF_SPAN[v]))
    L["mammillary_r"] = anatomical(c, p, (-0.045, 0.008, 0.022))
    L["accessory_r"] = anatomical(c, p, (-0.035, 0.002, 0.028))
    L["lamina_r"] = anatomical(c, p, (-0.050, -0.005, 0.012))
    L["body_anterolateral_r"] = anatomical(c, p, (0.005, 0.010, 0.020))   # psoas, upper body margin
    L["transverse_anterior_r"] = anatomical(c, p, (-0.015, 0.0, 0.030))   # psoas slip
    # Points the long muscles of the back and the abdominal wall pass, carried by the vertebra
    # so their lines follow the spine (ASSUMPTION: erector spinae aponeurosis 6 cm behind the
    # body, McGill et al. 1988 (V) erector moment arm 5.9 cm at L4/L5; rectus abdominis 8.5-9.8 cm
    # in front of the discs, Jorgensen et al. 2005 (V)).
    L["erector_aponeurosis_r"] = anatomical(c, p, (-0.070, 0.0, 0.028))
    L["iliocostalis_line_r"] = anatomical(c, p, (-0.065, 0.0, 0.065))
    # Psoas runs down the sides of the vertebral bodies, level with their centres (Bogduk,
    # Pearcy & Hadfield 1992 (V): tiny sagittal moment arms; McGill 1988 (V) 0.58 cm at L4/L5).
    L["psoas_line_r"] = anatomical(c, p, (0.0, 0.0, 0.045))
    L["rectus_line_r"] = anatomical(c, p, (0.085, 0.0, 0.045))
    L["linea_semilunaris_r"] = anatomical(c, p, (0.060, 0.0, 0.095))

# Thorax (ASSUMPTION from typical adult male dimensions; research notes A, B, C).
T = landmarks["thorax"]
for level in range(1, 13):
    T[f"t{level}_spinous"] = thoracic(level, (-0.065, -0.020, 0.0))
    T[f"t{level}_transverse_r"] = thoracic(level, (-0.035, 0.005, 0.040))
for level in range(5, 13):
    T[f"rib{level}_angle_r"] = thoracic(level, (-0.045, 0.0, 0.060 + 0.002 * (level - 5)))
T["rib12_medial_r"] = thoracic(12, (-0.030, -0.020, 0.045))
T["rib12_middle_r"] = thoracic(12, (-0.028, -0.030, 0.065))
T["rib12_lateral_r"] = thoracic(12, (-0.025, -0.040, 0.085))
T["rib12_tip_r"] = thoracic(12, (-0.020, -0.045, 0.110))
T["rib11_tip_r"] = thoracic(11, (0.000, -0.050, 0.130))
# The costal margin reaches the L3 level at the 10th rib (subcostal plane, M: standard anatomy).
T["rib10_costal_r"] = add(lumbar_centre("L3"), (0.080, 0.0, 0.125))
T["costal_margin_r"] = thoracic(10, (0.120, -0.040, 0.100))   # 8th-9th cartilages: internal oblique
T["rib9_lateral_r"] = thoracic(10, (0.050, -0.030, 0.145))
# The external oblique's slip from the 10th rib arises from its outer surface on the flank, between
# the 9th rib's slip and the 11th rib's tip (standard anatomy: the slips interdigitate with serratus
# anterior and latissimus dorsi along an oblique line; ASSUMPTION: halfway).
T["rib10_lateral_r"] = thoracic(11, (0.025, -0.040, 0.140))
T["rib8_lateral_r"] = thoracic(9, (0.070, -0.020, 0.145))
T["rib6_lateral_r"] = thoracic(7, (0.095, -0.010, 0.135))
T["costal_cartilage_5_7_r"] = thoracic(9, (0.140, 0.0, 0.070))  # rectus abdominis insertion
# The linea alba, where the obliques' anterior fibres meet from both sides: its upper part
# below the xiphoid moves with the thorax, its part at the umbilicus (L3/L4 level) with the
# pelvis, to which the rectus sheath ties the lower abdominal wall (ASSUMPTION).
T["linea_alba_upper"] = (joint_pos["L5_S1"][0] + 0.128, 0.300, 0.0)
T["latissimus_wrap_r"] = thoracic(10, (-0.020, 0.0, 0.120))     # posterolateral ribs 9-10
T["humerus_latissimus_r"] = thoracic(4, (0.035, 0.0, 0.155))    # intertubercular groove, arm at the side
T["shoulder_r"] = thoracic(3, (0.020, 0.0, 0.170))              # glenohumeral centre
T["acromion_r"] = neck((0.0, -0.035, 0.180))                    # where a shoulder strap bears
T["trapezius_clavicle_r"] = neck((0.010, -0.045, 0.160))        # lateral clavicle / acromion
T["scapula_superior_angle_r"] = neck((-0.060, -0.050, 0.080))
T["manubrium_r"] = neck((0.065, -0.045, 0.015))
T["clavicle_medial_r"] = neck((0.060, -0.030, 0.045))
T["c7_t3_spinous_r"] = neck((-0.065, -0.025, 0.008))
T["t3_transverse_r"] = neck((-0.045, -0.070, 0.030))
T["t1_t4_transverse_r"] = neck((-0.040, -0.045, 0.025))
T["t1_t3_anterior_r"] = neck((0.020, -0.040, 0.012))
T["t12_body_anterolateral_r"] = thoracic(12, (0.005, -0.010, 0.020))  # psoas, T12/L1 bundle
T["erector_t12_r"] = thoracic(12, (-0.060, 0.0, 0.028))          # erector spinae aponeurosis, T12
T["iliocostalis_t12_r"] = thoracic(12, (-0.055, 0.0, 0.062))

# Head and neck, relative to C7/T1 (research note C (a), ASSUMPTION +-1.5-2 cm; splenius and
# semispinalis moved 1 cm towards the spine as the note advises, to stay within the 0-4 cm
# extensor moment arms of Vasavada, Li & Delp 1998 figures (S)).
H = landmarks["head_neck"]
H["occiput_r"] = neck((-0.065, 0.165, 0.025))
H["neck_posterolateral_r"] = neck((-0.050, 0.030, 0.055))
H["c1_c4_transverse_r"] = neck((-0.005, 0.090, 0.035))
H["mastoid_r"] = neck((-0.015, 0.130, 0.050))
H["nuchal_line_r"] = neck((-0.045, 0.155, 0.025))
H["mastoid_front_r"] = neck((-0.005, 0.130, 0.050))
H["mastoid_lateral_r"] = neck((-0.010, 0.135, 0.055))
H["c2_c4_lamina_r"] = neck((-0.040, 0.070, 0.010))
H["c1_c2_anterior_r"] = neck((0.025, 0.100, 0.012))

# ---------------------------------------------------------------------------------------------
# Segments: masses (% body mass), centres of mass and radii of gyration
# ---------------------------------------------------------------------------------------------
# de Leva 1996 (V) trunk 43.46 % (male) / 42.57 % (female), split by Pearsall, Reid & Livingston
# 1996 (S) per-level masses scaled to de Leva's total (x1.045 male, x1.023 female); the pelvis
# takes the remainder (= de Leva's lower trunk, 11.17 % male). Arms (2 x 4.94 % / 4.49 %) are
# carried separately; head+neck 6.94 / 6.68 % (de Leva, V).
PEARSALL_LUMBAR = {"L1": 2.4, "L2": 2.4, "L3": 2.3, "L4": 2.6, "L5": 2.6}
PEARSALL_THORACIC = 18.6


def percent(value_male_basis, scale_male=43.46 / 41.6, scale_female=42.57 / 41.6):
    return (round(value_male_basis * scale_male, 2), round(value_male_basis * scale_female, 2))


mass_percent = {v: percent(PEARSALL_LUMBAR[v]) for v in LUMBAR}
mass_percent["thorax"] = percent(PEARSALL_THORACIC)
lumbar_thoracic = [sum(mass_percent[s][i] for s in LUMBAR + ["thorax"]) for i in (0, 1)]
mass_percent["pelvis"] = (round(43.46 - lumbar_thoracic[0], 2), round(42.57 - lumbar_thoracic[1], 2))
mass_percent["head_neck"] = (6.94, 6.68)

# Centres of mass: lumbar slices 1-2 cm in front of the vertebral body (Pearsall 1996 (A/S));
# the thorax about 4.5 cm in front of T8 (Pearsall: upper trunk 4 cm in front of T7/T8 (A));
# the pelvis 6 cm above the hips (de Leva lower-trunk CM at 61% of OMPH-MIDH (V)); head+neck
# (+3.5, +13) cm from C7/T1 (research notes A and C: 3-4.5 cm forward, 12.5-13 cm up).
com = {
    "pelvis": (0.0, 0.060, 0.0),
    "L5": add(lumbar_centre("L5"), (0.010, 0, 0)),
    "L4": add(lumbar_centre("L4"), (0.010, 0, 0)),
    "L3": add(lumbar_centre("L3"), (0.010, 0, 0)),
    "L2": add(lumbar_centre("L2"), (0.015, 0, 0)),
    "L1": add(lumbar_centre("L1"), (0.020, 0, 0)),
    "thorax": thoracic(8, (0.045, 0.0, 0.0)),
    "head_neck": neck((0.035, 0.130, 0.0)),
}
# Radii of gyration (ASSUMPTION): lumbar slices as elliptical plates 20 x 32 cm, 3.8 cm thick;
# thorax as a 22 x 32 x 30 cm block; pelvis de Leva lower trunk (r/L 0.615, 0.587, 0.551 of
# 0.147 m); head+neck de Leva (0.303, 0.261, 0.315 of 0.243 m).
gyration = {
    "pelvis": (0.090, 0.086, 0.081),
    "thorax": (0.127, 0.112, 0.107),
    "head_neck": (0.074, 0.063, 0.077),
}
for v in LUMBAR:
    gyration[v] = (0.081, 0.094, 0.051)

# ---------------------------------------------------------------------------------------------
# Joints: ranges, disc areas and inclinations, passive stiffness
# ---------------------------------------------------------------------------------------------
# Passive moment-angle law M = A (exp(c theta/theta10) - 1), A = 0.3453 N m, c = 3.40, through
# 1 N m at 0.4 theta10 and 10 N m at theta10 (ASSUMPTION, research note A 5.2); theta10 = the
# rotation at 10 N m from Yamamoto, Panjabi, Crisco & Oxland 1989, Spine 14:1256 (M).
THETA10 = {  # flexion, extension, lateral bending, axial rotation (deg)
    "L1_L2": (6.0, 4.0, 5.5, 2.0),
    "L2_L3": (6.5, 4.0, 6.0, 2.0),
    "L3_L4": (7.5, 4.0, 5.5, 2.5),
    "L4_L5": (9.0, 5.0, 5.5, 2.2),
    "L5_S1": (10.0, 6.0, 5.0, 1.5),
    "T12_L1": (6.0, 4.0, 15.0, 25.0),  # ASSUMPTION: lumps the thoracic spine's bending and twist
    "C7_T1": (None, None, 40.0, 65.0), # ASSUMPTION: lumps the whole cervical column (note A 5.3);
}                                      # flexion and extension: NECK_SAGITTAL below
# The whole cervical column (C0-T1) bends about the lumped C7/T1 joint: seven segments in series,
# each ~1 N m/deg in its stiff region (Voo, Pintar, Yoganandan & Liu 1998, J Biomech Eng 120:693
# (V)), so ~0.15 N m/deg for the column and much less in its neutral zone. Law M = 0.05 N m
# (exp(0.085 theta/deg) - 1): 0.6 N m at 30 deg, 3.5 at 50, 8 at 60 (research note C (e), ASSUMPTION);
# extension the same over a range 20 % smaller (facet contact). Below the head's gravity moment up to
# ~55 deg, so the extensors hold a bent head, as EMG shows.
NECK_SAGITTAL = (0.05, 0.085, 0.8)  # A [N m], k [1/deg], extension range factor
# The nucleus's own (swelling) pressure with no load on the disc, added to Nachemson's 1.5 F/A.
# CALIBRATED: the mean of Wilke et al. 1999's three lying pressures (0.10, 0.10, 0.12 MPa) less
# the model's lying pressures without it (0.082, 0.074, 0.055 MPa). Checked against Urban &
# McMullin 1988 (Spine 13:179, abstract (V)): nucleus tissue at post-mortem hydration holds a
# swelling pressure of 0.10-0.23 MPa, the unloaded disc's pressure at equilibrium; the model's
# lying total (0.09-0.12 MPa) sits at the low end. One value for every disc (ASSUMPTION: no age,
# level, degeneration or time-of-day dependence; Wilke measured 0.10 -> 0.24 MPa over a night).
DISC_SWELLING_PRESSURE_MPA = 0.036
# Disc endplate areas (ASSUMPTION: ramp anchored on Wilke et al. 1999's 1800 mm2 at L4/L5 (S));
# C7/T1 ~380 mm2 (ASSUMPTION).
DISC_AREA_CM2 = {"T12_L1": 14.0, "L1_L2": 15.0, "L2_L3": 16.0, "L3_L4": 17.0, "L4_L5": 18.0, "L5_S1": 17.5,
                 "C7_T1": 3.8}
RANGE_DEG = {  # [min, max] per axis: flexion, lateral bending, axial rotation (ASSUMPTION, note A 4.1)
    # The pelvis's axial range stands for the legs' turning under it, feet planted: Montgomery,
    # Boocock & Hing 2011 (Clin Biomech 26:707 (V, abstract)) measured ~64 deg at maximal standing rotation.
    "pelvis": ((-40, 70), (-20, 20), (-65, 65)),
    "L5_S1": ((-6, 11), (-4, 4), (-3, 3)),
    "L4_L5": ((-5, 15), (-7, 7), (-3, 3)),
    "L3_L4": ((-5, 15), (-8, 8), (-3, 3)),
    "L2_L3": ((-5, 13), (-8, 8), (-3, 3)),
    "L1_L2": ((-6, 11), (-7, 7), (-3, 3)),
    "T12_L1": ((-6, 9), (-15, 15), (-35, 35)),
    "C7_T1": ((-60, 60), (-40, 40), (-65, 65)),
}


# Posterior ligaments. Of a lumbar joint's resistance to flexion, the capsular ligaments give 39 %,
# the disc 29 %, the supra- and interspinous ligaments 19 % and the ligamentum flavum 13 % (Adams,
# Hutton & Stott 1980, Spine 5:245 (S)); the SSL/ISL split is an ASSUMPTION. The joint's own flexion
# curve keeps the disc's share; each ligament is a band across the disc, perpendicular to its
# mid-plane, at its distance behind the disc centre (ASSUMPTION from typical L4 dimensions: endplate
# depth ~35 mm, canal depth ~17 mm, Panjabi et al. 1992, Spine 17:299 (M)). Each band's law gives
# its share of the same in-vitro curve (THETA10) as the joint's stretch d x theta: force scale
# share x A / d, length scale d x theta10 / c.
LUMBAR_JOINTS = ("L5_S1", "L4_L5", "L3_L4", "L2_L3", "L1_L2")
DISC_FLEXION_SHARE = 0.29
POSTERIOR_LIGAMENTS = {  # name: (share of flexion resistance, distance behind the disc centre [m])
    "capsular": (0.39, 0.035),
    "ligamentum_flavum": (0.13, 0.035),
    "interspinous": (0.09, 0.050),
    "supraspinous": (0.10, 0.062),
}
LIGAMENT_HALF_SPAN = 0.008  # [m] above and below the disc mid-plane (ASSUMPTION)
# Thoracolumbar fascia, posterior layer with the erector aponeurosis: a band on each side from the
# lower thorax over the lumbar spinous region to the sacrum (Willard et al. 2012, J Anat 221:507
# (M)). Its law is CALIBRATED: with the posterior ligaments, the discs and the stretched muscles,
# the reference man's passive extension moment at L4/L5 reaches ~120 N m at full flexion (Dolan,
# Mannion & Adams 1994, J Biomech 27:1077 (V)); the flexion-relaxation angle is left to validate it.
FASCIA_PATH = ["thorax.erector_t12_r", "L1.erector_aponeurosis_r", "L2.erector_aponeurosis_r",
               "L3.erector_aponeurosis_r", "L4.erector_aponeurosis_r", "L5.erector_aponeurosis_r",
               "pelvis.s2_spinous"]
FASCIA_LAW = (8.4, 0.015)  # force scale [N], length scale [m]


def flexion_theta10(joint):
    """Flexion theta10 of a lumbar joint: Yamamoto's mean, shared out in proportion to the rhythm.

    Yamamoto et al.'s per-level values (THETA10) put L3/L4 at 1.6 theta10 and L5/S1 at 0.8 in full
    flexion with Pearcy's in-vivo ranges (the rhythm), so the mid-lumbar joints would carry three
    times L5/S1's passive moment where gravity asks the reverse. ASSUMPTION: every lumbar level
    reaches the same fraction of its curve at full flexion (its stiffness scales with its in-vivo
    range); the mean over L1-S1 stays Yamamoto's 7.8 deg.
    """
    if joint not in LUMBAR_JOINTS:
        return THETA10[joint][0]
    mean_theta10 = sum(THETA10[j][0] for j in LUMBAR_JOINTS) / len(LUMBAR_JOINTS)
    mean_share = sum(RHYTHM["flexion"][j] for j in LUMBAR_JOINTS) / len(LUMBAR_JOINTS)
    return round(mean_theta10 * RHYTHM["flexion"][joint] / mean_share, 2)


# Intra-abdominal pressure acts over an effective diaphragm area of 465 cm2 (Morris, Lucas & Bresler
# 1961; Chaffin's static lifting model (M)) along a line 7 cm in front of the L5/S1 and T12/L1
# joint centres: 5.4-7.5 cm in front of the lumbar joints, within the 4-11 cm those models use
# (ASSUMPTION, research note G 3). Its ends: the diaphragm's centre on the thorax, the pelvic
# floor's on the pelvis.
ABDOMEN_AREA_CM2 = 465
ABDOMEN_LINE_X = joint_pos["L5_S1"][0] + 0.07
landmarks["pelvis"]["linea_alba_umbilicus"] = (joint_pos["L5_S1"][0] + 0.113, joint_pos["L3_L4"][1], 0.0)
landmarks["thorax"]["diaphragm_centre"] = (ABDOMEN_LINE_X, 0.31, 0.0)
landmarks["pelvis"]["pelvic_floor_centre"] = (ABDOMEN_LINE_X, 0.0, 0.0)


def ligament_bands():
    """(name, group, [(segment, local point)], force_scale N, length_scale m) per posterior ligament."""
    a, c = FSU_LAW
    bands = []
    for joint in LUMBAR_JOINTS:
        child = next(name for name, _, j, _ in SEGMENTS if j == joint)
        parent = next(p for name, p, j, _ in SEGMENTS if j == joint)
        incl = math.radians(disc_inclination(joint))
        anterior, normal = (math.cos(incl), -math.sin(incl), 0.0), (math.sin(incl), math.cos(incl), 0.0)
        centre = joint_pos[joint]
        theta10 = math.radians(flexion_theta10(joint))
        for name, (share, d) in POSTERIOR_LIGAMENTS.items():
            behind = tuple(centre[i] - d * anterior[i] for i in range(3))
            upper = tuple(behind[i] + LIGAMENT_HALF_SPAN * normal[i] for i in range(3))
            lower = tuple(behind[i] - LIGAMENT_HALF_SPAN * normal[i] for i in range(3))
            bands.append((f"{name}_{joint}", name, [(child, local(child, upper)), (parent, local(parent, lower))],
                          share * a / d, d * theta10 / c))
    return bands


def disc_inclination(joint):
    """Disc mid-plane: halfway between the endplates it joins (deg, normal forward of up)."""
    if joint == "C7_T1":
        return math.degrees(arc(THORACIC_LENGTH)[1])
    below = {"L5_S1": SACRAL_SLOPE, "L4_L5": vertebra_phi["L5"], "L3_L4": vertebra_phi["L4"],
             "L2_L3": vertebra_phi["L3"], "L1_L2": vertebra_phi["L2"], "T12_L1": vertebra_phi["L1"]}[joint]
    return math.degrees(below - 0.5 * LORDOSIS[joint] * DEG)


def neck_sagittal_table():
    a, k, ext = NECK_SAGITTAL
    rows = []
    for deg in (-60, -50, -40, -30, -20, -10, 0, 10, 20, 30, 40, 50, 60, 70):
        span = deg if deg >= 0 else deg / ext
        moment = a * (math.exp(k * abs(span)) - 1.0)
        rows.append((deg, round(math.copysign(moment, deg) if deg else 0.0, 3)))
    return rows


FSU_LAW = (0.3453, 3.40)  # A [N m], c of the law above


def stiffness_table(theta10_pos, theta10_neg, positive_share=1.0, extent=1.2):
    """The law as points from -extent to +extent theta10 (the engine continues it linearly)."""
    a, c = FSU_LAW
    rows = []
    steps = round(extent / 0.2)
    for r in [0.2 * k for k in range(-steps, steps + 1)]:
        t10 = theta10_pos if r > 0 else theta10_neg
        moment = a * (math.exp(c * abs(r)) - 1.0) * (positive_share if r > 0 else 1.0)
        rows.append((round(r * t10, 2), round(math.copysign(moment, r) if r else 0.0, 3)))
    return rows


def axial_rhythm():
    """Shares of a standing twist: the pelvis (the legs turning under it) takes two thirds, as at
    maximal standing rotation (Montgomery, Boocock & Hing 2011 (V, abstract): 20 men, the pelvis
    ~64 deg and the thorax on the pelvis ~33 deg, read from its reported changes of 25.5 deg = 40 %
    and 6.2 deg = 19 %). Of the thorax's turn on the pelvis the lumbar joints take 1.2-1.7 deg
    each at 45 deg (Fujii et al. 2007, Eur Spine J 16:1867 (V, abstract); ASSUMPTION: the pelvis
    held): each takes the mean, 1.45 deg per 45 deg; the lumped thoracic joint takes the rest. The
    shares are the same at every angle (ASSUMPTION)."""
    pelvis = 0.66
    per_lumbar_level = round((1.0 - pelvis) * 1.45 / 45.0, 4)
    shares = {"pelvis": pelvis}
    for joint in LUMBAR_JOINTS:
        shares[joint] = per_lumbar_level
    shares["T12_L1"] = round(1.0 - sum(shares.values()), 4)
    return shares


# Lumbar rhythm: share of a whole-trunk angle taken by each joint (ASSUMPTION, research note A
# 4.2-4.3: pelvis ~1/3 of forward bending; lumbar levels in proportion to Pearcy 1984's flexion
# ranges (M); lateral bending mostly lumbar and thoracic (lumped at T12/L1); axial rotation as
# axial_rhythm() says).
RHYTHM = {
    "flexion": {"pelvis": 0.33, "L5_S1": 0.10, "L4_L5": 0.14, "L3_L4": 0.14, "L2_L3": 0.12, "L1_L2": 0.10,
                "T12_L1": 0.07},
    "lateral_bending": {"pelvis": 0.15, "L5_S1": 0.06, "L4_L5": 0.11, "L3_L4": 0.15, "L2_L3": 0.15,
                        "L1_L2": 0.13, "T12_L1": 0.25},
    "axial_rotation": axial_rhythm(),
}

# In deep forward bends the lumbar spine saturates and the hips take the rest. CALIBRATED on
# Kippers & Parker 1984 (Spine 9:740 (V)): at the flexion-relaxation angle (trunk 80 +/- 13 deg)
# the spine above the pelvis is flexed 48 +/- 6 deg, 89 % of its maximum (~54 deg). The smooth
# minimum L = x / (1 + (x / 56)^6)^(1/6) of the linear share x = 0.67 trunk gives 48.7 deg at
# trunk 80 and 54.8 at 115 (the tanh saturation used before gave 41 and 48).
LUMBAR_FLEXION_LIMIT = 56
LUMBAR_FLEXION_ORDER = 6

SEGMENTS = [  # name, parent, joint, joint position in ground
    ("pelvis", "ground", "pelvis", (0.0, 0.0, 0.0)),
    ("L5", "pelvis", "L5_S1", joint_pos["L5_S1"]),
    ("L4", "L5", "L4_L5", joint_pos["L4_L5"]),
    ("L3", "L4", "L3_L4", joint_pos["L3_L4"]),
    ("L2", "L3", "L2_L3", joint_pos["L2_L3"]),
    ("L1", "L2", "L1_L2", joint_pos["L1_L2"]),
    ("thorax", "L1", "T12_L1", joint_pos["T12_L1"]),
    ("head_neck", "thorax", "C7_T1", joint_pos["C7_T1"]),
]
origin = {name: pos for name, _, _, pos in SEGMENTS}

# ---------------------------------------------------------------------------------------------
# Muscles
# ---------------------------------------------------------------------------------------------
# Each group: (name, region, standing normalised fibre length, pennation deg, rule for optimal
# fibre length, fascicles). A fascicle is (name, [points], PCSA cm2); a point is "segment.landmark".
# Optimal fibre length rule: ("fraction", f) -> f x standing path length; ("cm", x) -> fixed.


def fascicles_multifidus():
    # Macintosh & Bogduk 1986 (M), Bogduk 1992 (V via review): from each lumbar spinous process
    # and lamina to the mammillary processes 2-5 levels below, the sacrum and the PSIS. Bands grow
    # caudally (12/16/20/24/28 % of 23.9 cm2, Ward et al. 2009 (V) total; split ASSUMPTION).
    caudal = {
        "L1": ["L3.mammillary_r", "L4.mammillary_r", "L5.mammillary_r", "pelvis.s1_mammillary_r"],
        "L2": ["L4.mammillary_r", "L5.mammillary_r", "pelvis.s1_mammillary_r", "pelvis.psis_r"],
        "L3": ["L5.mammillary_r", "pelvis.s1_mammillary_r", "pelvis.s2_dorsal_r", "pelvis.psis_r"],
        "L4": ["pelvis.s1_mammillary_r", "pelvis.s2_dorsal_r", "pelvis.s3_dorsal_r", "pelvis.iliac_crest_medial_r"],
        "L5": ["pelvis.s1_dorsal_r", "pelvis.s2_dorsal_r", "pelvis.s3_dorsal_r", "pelvis.s4_dorsal_r"],
    }
    share = {"L1": 0.12, "L2": 0.16, "L3": 0.20, "L4": 0.24, "L5": 0.28}
    out = []
    for v in ["L1", "L2", "L3", "L4", "L5"]:
        for i, target in enumerate(caudal[v]):
            origin_lm = f"{v}.lamina_r" if i == 0 else f"{v}.spinous_tip"
            kind = "laminar" if i == 0 else "spinous"
            short = target.replace("pelvis.", "").replace(".", "_").replace("_r", "")
            out.append((f"multifidus_{v}_{kind}_{short}", [origin_lm, target], round(23.9 * share[v] / 4, 3)))
    return out


def fascicles_longissimus_lumborum():
    # Bogduk 1980 (V), Macintosh & Bogduk 1987 (M): accessory and transverse processes of L1-L5
    # to the ilium next to the PSIS. PCSA: 55 % of the 15.9 cm2 lumbar erector at L4/L5
    # (McGill et al. 1988 (V); split ASSUMPTION, research note B 4.2).
    pcsa = {"L1": 1.2, "L2": 1.4, "L3": 1.6, "L4": 1.8, "L5": 2.0}
    return [(f"longissimus_lumborum_{v}", [f"{v}.accessory_r", "pelvis.psis_r" if v in ("L4", "L5")
             else "pelvis.iliac_crest_medial_r"], pcsa[v]) for v in ["L1", "L2", "L3", "L4", "L5"]]


def fascicles_iliocostalis_lumborum():
    # Bogduk 1980 (V): tips of the L1-L4 transverse processes to the iliac crest lateral to the PSIS.
    pcsa = {"L1": 1.5, "L2": 1.6, "L3": 1.7, "L4": 1.8}
    return [(f"iliocostalis_lumborum_{v}", [f"{v}.transverse_tip_r", "pelvis.iliac_crest_dorsal_r"], pcsa[v])
            for v in ["L1", "L2", "L3", "L4"]]


def fascicles_longissimus_thoracis():
    # Macintosh & Bogduk 1987 (M): from the transverse processes and ribs of T1-T12 by long caudal
    # tendons (the erector spinae aponeurosis) to the lumbar and sacral spinous processes; higher
    # fascicles reach lower. 8 lines stand for 12 fascicles, 8.0 cm2 in all (ASSUMPTION).
    plan = [("T2", "pelvis.s3_spinous"), ("T4", "pelvis.s2_spinous"), ("T5", "pelvis.s2_spinous"),
            ("T6", "pelvis.s1_dorsal_r"), ("T7", "pelvis.s1_dorsal_r"), ("T8", "L5.spinous_tip"),
            ("T10", "L4.spinous_tip"), ("T12", "L3.spinous_tip")]
    out = []
    for level, insertion in plan:
        n = int(level[1:])
        path = [f"thorax.t{n}_transverse_r", "thorax.erector_t12_r"] if n < 12 else [f"thorax.t{n}_transverse_r"]
        # Lower down the aponeurosis runs over L3 (and L1) before it inserts.
        if insertion.startswith("pelvis") or insertion.startswith("L5") or insertion.startswith("L4"):
            path += ["L1.erector_aponeurosis_r", "L3.erector_aponeurosis_r"]
        elif insertion.startswith("L3"):
            path += ["L1.erector_aponeurosis_r"]
        out.append((f"longissimus_thoracis_{level}", path + [insertion], 1.0))
    return out


def fascicles_thoracolumbar_transversospinalis():
    # The deep extensors that cross the thoracolumbar junction, which the lumped T12/L1 joint
    # would otherwise lack: thoracic multifidus (mammillary processes of L1-L3 to the spinous
    # processes 2-3 levels up) and spinalis thoracis (upper lumbar spinous processes to mid-thoracic
    # ones) (standard anatomy, M). 5 lines, 6.0 cm2 per side (ASSUMPTION: of the order of the
    # lumbar multifidus's upper bands; no PCSA was found for these muscles).
    return [
        ("multifidus_thoracis_L1_T10", ["L1.mammillary_r", "thorax.t10_spinous"], 1.2),
        ("multifidus_thoracis_L2_T11", ["L2.mammillary_r", "thorax.t11_spinous"], 1.2),
        ("multifidus_thoracis_L3_T12", ["L3.mammillary_r", "thorax.t12_spinous"], 1.2),
        ("spinalis_thoracis_L1_T8", ["L1.spinous_tip", "thorax.t8_spinous"], 1.2),
        ("spinalis_thoracis_L2_T6", ["L2.spinous_tip", "thorax.t6_spinous"], 1.2),
    ]


def fascicles_iliocostalis_thoracis():
    # Macintosh & Bogduk 1987 (M): angles of ribs 5-12 by long tendons to the PSIS and iliac crest;
    # no lumbar attachment. 6 lines for 8 fascicles, 5.0 cm2 (ASSUMPTION).
    out = []
    for rib in (7, 8, 9, 10, 11, 12):
        path = [f"thorax.rib{rib}_angle_r"]
        if rib < 12:
            path.append("thorax.iliocostalis_t12_r")
        path += ["L1.iliocostalis_line_r", "L3.iliocostalis_line_r", "pelvis.iliac_crest_dorsal_r"]
        out.append((f"iliocostalis_thoracis_rib{rib}", path, round(5.0 / 6, 3)))
    return out


def fascicles_quadratus_lumborum():
    # Three sets of fibres (Phillips, Mercer & Bogduk 2008 (M); standard anatomy (V)).
    # PCSA 4.0 cm2 in all, raised from Delp et al. 2001's cadaveric 2.8 (V) (ASSUMPTION).
    out = [
        ("quadratus_lumborum_iliocostal_medial", ["pelvis.iliac_crest_posterior_r", "thorax.rib12_medial_r"], 0.6),
        ("quadratus_lumborum_iliocostal_middle", ["pelvis.iliac_crest_posterior_r", "thorax.rib12_middle_r"], 0.6),
        ("quadratus_lumborum_iliocostal_lateral", ["pelvis.iliac_tubercle_r", "thorax.rib12_lateral_r"], 0.6),
    ]
    for v in ["L1", "L2", "L3", "L4"]:
        out.append((f"quadratus_lumborum_iliolumbar_{v}", ["pelvis.iliac_crest_posterior_r", f"{v}.transverse_tip_r"], 0.35))
    # Lumbocostal fibres from L2-L4 (L1's transverse process sits against the 12th rib).
    for v in ["L2", "L3", "L4"]:
        out.append((f"quadratus_lumborum_lumbocostal_{v}", [f"{v}.transverse_tip_r", "thorax.rib12_medial_r"], 0.27))
    return out


def fascicles_psoas():
    # Bogduk, Pearcy & Hadfield 1992 (V): one bundle per segment T12/L1-L4/L5 plus L5, all the
    # same length, over the pelvic brim to the lesser trochanter. 15 cm2 in equal shares
    # (ASSUMPTION between McGill 1988's 17.6 (V) and cadaveric ~7.7 (M)). The insertion rides on
    # the thigh and turns with the hips' flexion.
    below = {"T12": ["L2", "L4", "L5"], "L1": ["L3", "L4", "L5"], "L2": ["L4", "L5"], "L3": ["L4", "L5"],
             "L4": ["L5"], "L5": []}
    out = []
    for v in ["T12", "L1", "L2", "L3", "L4", "L5"]:
        origin_lm = "thorax.t12_body_anterolateral_r" if v == "T12" else f"{v}.body_anterolateral_r"
        vias = [f"{b}.psoas_line_r" for b in below[v]]
        out.append((f"psoas_{v}", [origin_lm] + vias + ["pelvis.iliopectineal_r", "thigh.lesser_trochanter_r"], 2.5))
    return out


def fascicles_rectus_abdominis():
    # Pubic crest to costal cartilages 5-7, curving with the abdominal wall (via points carried by
    # L4 and L2). PCSA 6.0 cm2 between McGill 1988 (7.9, V) and Delp 2001 (2.6, V) (ASSUMPTION).
    return [("rectus_abdominis", ["pelvis.pubic_crest_r", "L4.rectus_line_r", "L2.rectus_line_r",
                                  "thorax.costal_cartilage_5_7_r"], 6.0)]


def fascicles_external_oblique():
    # Ribs 5-12 inferomedially to the iliac crest and, by aponeurosis, the pubis (standard anatomy;
    # Urquhart 2005 (V)); 6 slips, 9.4 cm2 (McGill 1988 (V)).
    s = round(9.4 / 6, 3)
    return [
        ("external_oblique_posterior_rib12", ["thorax.rib12_tip_r", "pelvis.iliac_tubercle_r"], s),
        ("external_oblique_posterior_rib11", ["thorax.rib11_tip_r", "pelvis.iliac_crest_anterior_r"], s),
        ("external_oblique_lateral_rib10", ["thorax.rib10_lateral_r", "pelvis.asis_r"], s),
        ("external_oblique_lateral_rib9", ["thorax.rib9_lateral_r", "pelvis.asis_r"], s),
        # The anterior fibres run inferomedially across the front of the abdomen to the linea alba,
        # meeting the other side's internal oblique there: the twisting sling (Urquhart 2005 (V)).
        ("external_oblique_anterior_rib8", ["thorax.rib8_lateral_r", "pelvis.linea_alba_umbilicus"], s),
        ("external_oblique_anterior_rib6", ["thorax.rib6_lateral_r", "pelvis.linea_alba_umbilicus"], s),
    ]


def fascicles_internal_oblique():
    # Iliac crest (and thoracolumbar fascia) superomedially to ribs 10-12 and the rectus sheath
    # (standard anatomy; Urquhart 2005 (V)); 6 slips, 8.1 cm2 (McGill 1988 (V)). Each slip rises
    # forward from a point of the crest behind its insertion: up and forward, across the external
    # oblique's down-and-forward fibres, so that both turn the trunk toward the internal oblique's
    # side (before the fifth stop of issue 12 the slips to ribs 11 and 9 rose backward, from crest
    # points in front of their ribs, and turned it the other way). The internal oblique reaches
    # the ribs' cartilages, not rib 9's shaft: its lateral slip ends on the 10th cartilage.
    s = round(8.1 / 6, 3)
    return [
        ("internal_oblique_posterior_rib12", ["pelvis.iliac_crest_posterior_r", "thorax.rib12_tip_r"], s),
        ("internal_oblique_posterior_rib11", ["pelvis.iliac_crest_posterior_r", "thorax.rib11_tip_r"], s),
        ("internal_oblique_lateral_rib10", ["pelvis.iliac_tubercle_r", "thorax.rib10_costal_r"], s),
        ("internal_oblique_lateral_margin", ["pelvis.iliac_tubercle_r", "thorax.costal_margin_r"], s),
        # The anterior fibres run superomedially from the iliac crest to the linea alba.
        ("internal_oblique_anterior_sheath", ["pelvis.asis_r", "thorax.linea_alba_upper"], s),
        ("internal_oblique_anterior_asis", ["pelvis.iliac_crest_anterior_r", "thorax.linea_alba_upper"], s),
    ]


def fascicles_latissimus():
    # Lumbar and sacral spinous processes (via the thoracolumbar fascia) and the posterior iliac
    # crest, around the ribs to the humerus (standard anatomy (V); Bogduk, Johnson & Spalding
    # 1998 (M)). The thoracic fascicles never cross a modelled joint and are left out; the humerus
    # is fixed to the thorax, arms at the side. PCSAs ASSUMPTION (research note B 4.11).
    out = []
    for name, origin_lm, pcsa in [("L1", "L1.spinous_tip", 0.8), ("L3", "L3.spinous_tip", 0.8),
                                  ("L5", "L5.spinous_tip", 0.7), ("iliac", "pelvis.iliac_crest_posterior_r", 1.2)]:
        out.append((f"latissimus_dorsi_{name}", [origin_lm, "thorax.latissimus_wrap_r", "thorax.humerus_latissimus_r"], pcsa))
    return out


MUSCLES = [
    # group, region, standing fibre length / optimal, pennation deg, optimal length rule, fascicles
    # Multifidus fascicles are fleshy along their length (Macintosh & Bogduk 1986 (M)): the fibres take
    # the path's whole stretch beside a short tendon (capped at 0.85 of the standing path below).
    # Checked on Ward et al. 2009: sarcomeres 2.27 um standing, ~2.7 um (optimal) in surgical flexion.
    ("multifidus", "lumbar", 0.84, 0, ("fraction", 1.0), fascicles_multifidus()),
    ("longissimus_thoracis_pars_lumborum", "lumbar", 0.88, 0, ("fraction", 0.75), fascicles_longissimus_lumborum()),
    ("iliocostalis_lumborum_pars_lumborum", "lumbar", 0.88, 0, ("fraction", 0.75), fascicles_iliocostalis_lumborum()),
    ("longissimus_thoracis_pars_thoracis", "thoracic", 0.88, 0, ("cm", 9.0), fascicles_longissimus_thoracis()),
    ("iliocostalis_lumborum_pars_thoracis", "thoracic", 0.88, 0, ("cm", 12.0), fascicles_iliocostalis_thoracis()),
    ("thoracolumbar_transversospinalis", "thoracic", 0.9, 0, ("fraction", 0.5), fascicles_thoracolumbar_transversospinalis()),
    ("quadratus_lumborum", "lumbar", 1.0, 0, ("fraction", 0.75), fascicles_quadratus_lumborum()),
    ("psoas_major", "lumbar", 1.1, 10.6, ("cm", 11.7), fascicles_psoas()),
    ("rectus_abdominis", "abdominal", 1.2, 0, ("cm", 28.3), fascicles_rectus_abdominis()),
    ("external_oblique", "abdominal", 1.1, 0, ("fraction", 0.7), fascicles_external_oblique()),
    ("internal_oblique", "abdominal", 1.1, 0, ("fraction", 0.7), fascicles_internal_oblique()),
    ("latissimus_dorsi", "thoracic", 1.0, 0, ("fraction", 0.65), fascicles_latissimus()),
    # Neck and upper back: PCSAs from Kamibayashi & Richmond 1998 as tabulated by Vasavada (S);
    # geometry research note C (ASSUMPTION); deep groups ASSUMPTION so that extension and flexion
    # strength approach 51 and 30 N m (Ann Biomed Eng 2014 (V)).
    ("upper_trapezius", "neck", 1.0, 0, ("fraction", 0.55),
     [("upper_trapezius", ["thorax.trapezius_clavicle_r", "head_neck.neck_posterolateral_r", "head_neck.occiput_r"], 1.96)]),
    ("levator_scapulae", "neck", 1.0, 0, ("fraction", 0.75),
     [("levator_scapulae", ["thorax.scapula_superior_angle_r", "head_neck.c1_c4_transverse_r"], 2.18)]),
    ("splenius_capitis", "neck", 1.0, 0, ("fraction", 0.75),
     [("splenius_capitis", ["thorax.c7_t3_spinous_r", "head_neck.mastoid_r"], 2.84)]),
    ("semispinalis_capitis", "neck", 1.0, 0, ("fraction", 0.45),
     [("semispinalis_capitis", ["thorax.t3_transverse_r", "head_neck.nuchal_line_r"], 5.40)]),
    ("sternocleidomastoid", "neck", 1.0, 0, ("fraction", 0.6),
     [("sternocleidomastoid_sternal", ["thorax.manubrium_r", "head_neck.mastoid_front_r"], 2.23),
      ("sternocleidomastoid_clavicular", ["thorax.clavicle_medial_r", "head_neck.mastoid_lateral_r"], 1.49)]),
    ("deep_neck_extensors", "neck", 1.0, 0, ("fraction", 0.5),
     [("deep_neck_extensors", ["thorax.t1_t4_transverse_r", "head_neck.c2_c4_lamina_r"], 4.0)]),
    ("deep_neck_flexors", "neck", 1.0, 0, ("fraction", 0.6),
     [("deep_neck_flexors", ["thorax.t1_t3_anterior_r", "head_neck.c1_c2_anterior_r"], 4.0)]),
]


def ground_of(point):
    segment, landmark = point.split(".")
    return landmarks[segment][landmark]


def path_length(points):
    return sum(norm(sub(ground_of(b), ground_of(a))) for a, b in zip(points, points[1:]))


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
def fmt(v):
    return "[" + ", ".join(f"{x:.4f}" for x in v) + "]"


def local(segment, p):
    return sub(p, origin[segment])


def emit():
    w = sys.stdout.write
    w("# Tonus default spine model. GENERATED by scripts/generate_spine_model.py from the anatomical\n"
      "# rules and tables written there; docs/model.md gives every source and says which values are\n"
      "# assumptions. Edit here for a one-off change, or change the rules and regenerate.\n"
      "# Frames: x anterior, y superior, z right (m). Each segment's origin is the centre of its joint\n"
      "# to the parent; frames are aligned with ground in upright standing (all angles zero).\n")
    w("format: tonus-model/1\nname: tonus-spine\n")
    w("description: >\n  Pelvis with sacrum, L5-L1, thorax (T1-T12, rib cage; arms hang from it) and head+neck,\n"
      "  joined by 3-degree-of-freedom joints at L5/S1 ... T12/L1 and C7/T1, with the paraspinal,\n"
      "  abdominal and neck muscles as bilateral fascicles. Reference subject: 50th-percentile man.\n")
    w(f"reference_subject: {{sex: male, height_m: {HEIGHT}, mass_kg: {MASS}}}\n")
    w("gravity_m_per_s2: 9.80665\n")
    w("muscle_strength:\n"
      "  # ASSUMPTION: one value for all groups, so that the reference man's lumbar extensors reach\n"
      "  # ~220 N m and flexors ~150 N m at L4/L5, and his neck 65 / 25 N m in extension / flexion\n"
      "  # (docs/model.md, strength check); reported values span 30-100 N/cm2 (Burkhart et al. 2018 (V)).\n"
      "  specific_tension_N_per_cm2: 50\n"
      "  # Female/male force per unit of mass-scaled PCSA (Cooper et al. 1992 (V): offset at equal\n"
      "  # body weight; 0.85 for the paraspinals, research note B 2 (ASSUMPTION)).\n"
      "  female_to_male_ratio: 0.85\n"
      "  # PCSA grows in proportion to body mass (muscle volume ~ height x mass, fibre length ~ height:\n"
      "  # Handsfield et al. 2014 (M); trunk strength ~ height x mass, Keller & Roy 2002 (V/M)).\n"
      "  body_mass_exponent: 1.0\n")
    w("segments:\n")
    for name, parent, joint, pos in SEGMENTS:
        parent_origin = (0.0, 0.0, 0.0) if parent == "ground" else origin[parent]
        w(f"  - name: {name}\n    parent: {parent}\n    joint:\n      name: {joint}\n")
        w(f"      centre_m: {fmt(sub(pos, parent_origin))}\n")
        if joint != "pelvis":
            w(f"      disc: {{area_cm2: {DISC_AREA_CM2[joint]}, inclination_deg: {disc_inclination(joint):.1f}, "
              f"swelling_pressure_MPa: {DISC_SWELLING_PRESSURE_MPA}}}\n")
        rng = RANGE_DEG[joint]
        w("      range_deg: {" + ", ".join(f"{axis}: [{r[0]}, {r[1]}]" for axis, r in
                                          zip(("flexion", "lateral_bending", "axial_rotation"), rng)) + "}\n")
        if joint in THETA10:
            f, e, lb, ar = THETA10[joint]
            f = flexion_theta10(joint) if f is not None else None
            w("      stiffness:  # [angle_deg, moment_Nm]\n")
            for axis, pos_t, neg_t in (("flexion", f, e), ("lateral_bending", lb, lb), ("axial_rotation", ar, ar)):
                lumbar_flexion = axis == "flexion" and joint in LUMBAR_JOINTS
                # Full flexion reaches ~1.3 theta10: the lumbar flexion curves run to 1.6 before going straight.
                table = neck_sagittal_table() if pos_t is None else stiffness_table(
                    pos_t, neg_t, DISC_FLEXION_SHARE if lumbar_flexion else 1.0, 1.6 if lumbar_flexion else 1.2)
                rows = ", ".join(f"[{a}, {m}]" for a, m in table)
                w(f"        {axis}: [{rows}]\n")
        w(f"    mass_percent: {{male: {mass_percent[name][0]}, female: {mass_percent[name][1]}}}\n")
        w(f"    centre_of_mass_m: {fmt(local(name, com[name]))}\n")
        w(f"    radii_of_gyration_m: {fmt(gyration[name])}\n")
        w("    landmarks:\n")
        for lm, p in landmarks[name].items():
            w(f"      {lm}: {fmt(local(name, p))}\n")
    w("arms:\n"
      "  # Both arms: de Leva 1996 (V) upper arm + forearm + hand, 2 x 4.94 % (male), 2 x 4.49 % (female);\n"
      "  # shoulder to grip 0.61 m, centre of mass 49 % of the way (derived from de Leva's segments).\n"
      "  hang_from: thorax\n  shoulder: shoulder_r\n  mass_percent: {male: 9.88, female: 8.98}\n"
      "  length_m: 0.61\n  com_from_shoulder: 0.49\n")
    w("neck_joint: C7_T1  # takes the neck angles of a posture; the rhythm shares out the trunk's\n")
    w("rhythm:  # share of a whole-trunk angle taken by each joint (docs/model.md, lumbar rhythm)\n")
    for axis, shares in RHYTHM.items():
        w(f"  {axis}: {{" + ", ".join(f"{j}: {s}" for j, s in shares.items()) + "}\n")
    w(f"  lumbar_flexion_limit_deg: {LUMBAR_FLEXION_LIMIT}  # the spine above the pelvis bends at most this far\n")
    w(f"  lumbar_flexion_order: {LUMBAR_FLEXION_ORDER}  # how sharply it approaches that limit\n")
    w("thighs:  # points on the femurs, in the pelvis's frame standing; they turn with the hips' flexion\n")
    w("  landmarks:\n")
    for lm, p in landmarks["thigh"].items():
        w(f"    {lm}: {fmt(p)}\n")
    w("muscle_defaults:\n  max_contraction_velocity: 10\n  activation_time_constant_s: 0.015\n"
      "  deactivation_time_constant_s: 0.060\n  tendon_strain_at_max_force: 0.049\n"
      "  passive_strain_at_max_force: 0.6\n"
      "  passive_from_optimal_length: true  # no passive force at or below optimal length (Zajac 1989)\n"
      "  tendon_slack_cm: auto  # from the standing path length\n")
    w("muscles:\n")
    for group, region, standing, pennation, rule, fascicles in MUSCLES:
        w(f"  - group: {group}\n    region: {region}\n    side: bilateral\n")
        w(f"    standing_norm_fibre_length: {standing}\n")
        if region == "abdominal":
            # The abdominal wall's fibres work long and stretch far in bending and twisting
            # (Brown et al. 2011 (V): in-situ sarcomeres longer than optimal): a more compliant
            # passive curve, reaching max force at 1.9 optimal lengths (ASSUMPTION).
            w("    passive_strain_at_max_force: 0.9\n")
        if pennation:
            w(f"    pennation_deg: {pennation}\n")
        w("    fascicles:\n")
        for name, points, pcsa in fascicles:
            length = path_length(points)
            lopt = rule[1] / 100.0 if rule[0] == "cm" else rule[1] * length
            lopt = min(lopt, 0.85 * length / max(standing, 1.0))
            w(f"      - {{name: {name}, pcsa_cm2: {pcsa}, optimal_fibre_length_cm: {100 * lopt:.2f},\n"
              f"         path: [{', '.join(points)}]}}\n")
    w("abdomen:  # intra-abdominal pressure pushes these apart (docs/model.md)\n"
      f"  diaphragm: thorax.diaphragm_centre\n  pelvic_floor: pelvis.pelvic_floor_centre\n"
      f"  area_cm2: {ABDOMEN_AREA_CM2}\n")
    w("ligaments:  # tension-only bands, taut from standing: T = force_scale (exp(stretch / length_scale) - 1)\n")
    w("  # Posterior ligaments of each lumbar joint (Adams, Hutton & Stott 1980 shares; docs/model.md)\n")
    for name, group, points, force, length in ligament_bands():
        path = ", ".join(f"{{segment: {seg}, at_m: {fmt(p)}}}" for seg, p in points)
        w(f"  - {{name: {name}, group: {group}, side: midline, force_scale_N: {force:.2f}, "
          f"length_scale_mm: {1000 * length:.3f},\n     path: [{path}]}}\n")
    w("  # Thoracolumbar fascia, posterior layer (CALIBRATED on Dolan et al. 1994; docs/model.md)\n")
    w(f"  - {{name: thoracolumbar_fascia, group: thoracolumbar_fascia, side: bilateral, "
      f"force_scale_N: {FASCIA_LAW[0]}, length_scale_mm: {1000 * FASCIA_LAW[1]:.1f},\n"
      f"     path: [{', '.join(FASCIA_PATH)}]}}\n")


if __name__ == "__main__":
    emit()
