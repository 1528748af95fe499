#pragma once
// Procedural shapes for the body, in ground coordinates at a pose: the pelvis (iliac wings,
// pubic rami, sacrum), each lumbar vertebra (body and processes), the thoracic column with its
// ribs and sternum, the head and neck, the discs, and held or carried loads. Built
// from the model's landmarks, so they follow the subject's size and the run's posture. No
// meshes come from elsewhere.
#include <vtkSmartPointer.h>

#include <vector>

#include "body/kinematics.hpp"
#include "body/loads.hpp"
#include "body/spine_model.hpp"
#include "figure.hpp"

class vtkPolyData;

namespace tonus::viz {

vtkSmartPointer<vtkPolyData> skeletonMesh(const body::SpineModel& model, const body::Kinematics& kin);
// The bones one segment carries (empty for a segment with none drawn), in ground.
vtkSmartPointer<vtkPolyData> boneMeshOf(const body::SpineModel& model, const body::Kinematics& kin, int segment);
// One short cylinder per disc joint, with a point scalar "value" from `values` (per segment).
vtkSmartPointer<vtkPolyData> discsMesh(const body::SpineModel& model, const body::Kinematics& kin,
                                       const std::vector<double>& values);
// A block for each held or carried load (labels starting "load" or "backpack"), sized by its
// mass; a load split between both hands is one carton held between them, never below `floor_y`.
vtkSmartPointer<vtkPolyData> loadsMesh(const std::vector<body::PointLoad>& loads, double gravity, double floor_y);
// The same as blocks (figure.hpp), for drawings that build their own meshes.
Props loadsProps(const std::vector<body::PointLoad>& loads, double gravity, double floor_y);

}  // namespace tonus::viz
