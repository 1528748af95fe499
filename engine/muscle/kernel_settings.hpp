#pragma once
// Bank-wide constants the kernels read, and the signature every kernel range function has.
#include "muscle/muscle_arrays.hpp"

namespace tonus::muscle::kernel {

struct Settings {
  double minimum_activation;
  double activation_smoothing;
};

// Evaluates muscles [begin, end), both multiples of simd::kLanes.
using RangeFunction = void (*)(const MuscleParameters&, const Settings&, const MuscleInputs&,
                               const MuscleState&, MuscleOutputs&, int begin, int end);

// Fibre lengths beyond this many optimal lengths are reported as overstretched
// (the upper end of the De Groote 2016 curves' calibrated domain).
inline constexpr double kOverstretchedNormFibreLength = 1.8;

}  // namespace tonus::muscle::kernel
