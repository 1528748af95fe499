#pragma once
// Procedural shapes for the body, in ground coordinates at a pose: the pelvis (iliac wings,
// pubic rami, sacrum), each lumbar vertebra (body and processes), the thoracic column with its
// ribs and sternum, the head and neck, the arms, the discs, and held or carried loads. Built
// from the model's landmarks, so they follow the subject's size and the run's posture. No
// meshes come from elsewhere.
#include <vtkSmartPointer.h>

#include <vector>

#include "body/kinematics.hpp"
#include "body/loads.hpp"
#include "body/spine_model.hpp"

class vtkPolyData;

namespace tonus::viz {

vtkSmartPointer<vtkPolyData> skeletonMesh(const body::SpineModel& model, const body::Kinematics& kin);
vtkSmartPointer<vtkPolyData> armsMesh(const body::SpineModel& model, const body::Kinematics& kin,
                                      const body::HandPositions& hands);
// Legs for context (not part of the mechanics): thigh 0.245 and shank 0.246 of stature
// (Drillis & Contini), straight when standing or lying, thighs forward on a seat when sitting.
vtkSmartPointer<vtkPolyData> legsMesh(const body::SpineModel& model, const body::Kinematics& kin, bool sitting);
vtkSmartPointer<vtkPolyData> seatMesh(const body::SpineModel& model, const body::Kinematics& kin);

// One short cylinder per disc joint, with a point scalar "value" from `values` (per segment).
vtkSmartPointer<vtkPolyData> discsMesh(const body::SpineModel& model, const body::Kinematics& kin,
                                       const std::vector<double>& values);
// A box for each held or carried load (labels starting "load" or "backpack"), sized by its
// mass; a load split between both hands is one box between them.
vtkSmartPointer<vtkPolyData> loadsMesh(const std::vector<body::PointLoad>& loads, double gravity);

}  // namespace tonus::viz
