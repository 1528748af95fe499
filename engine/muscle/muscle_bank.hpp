#pragma once
// A MuscleBank is the read-only description of N musculotendon units packed as
// struct-of-arrays, plus the two operations on them: the batch evaluation (every muscle's
// forces and state derivatives in one vectorised pass, split over OpenMP threads in blocks
// when the bank is large enough to pay for them) and the equilibrium initialisation. What changes in time lives in MuscleState, owned by the
// caller, so one bank can serve many runs on many threads at once.
#include <cstdint>
#include <string>
#include <vector>

#include "muscle/muscle_arrays.hpp"
#include "muscle/muscle_spec.hpp"

namespace tonus::muscle {

// Fewest muscle evaluations worth a thread of their own: one trunk (178 fascicles, ~3.5 us)
// costs less than waking a second thread, so runs stay serial and parallelism comes from running
// many cases at once (sweeps).
inline constexpr int kMusclesPerThread = 512;

enum class EquilibriumStatus : std::uint8_t {
  Converged,
  FibreAtMinimumLength,  // path too short for this unit: fibre held at its shortest length
  FibreOverstretched,    // solved, but the fibre sits beyond 1.8 optimal lengths
  NotConverged,          // iteration cap reached (should not happen; reported, never thrown)
};
const char* toString(EquilibriumStatus status);

class MuscleBank;

struct EquilibriumReport {
  int threads = 1;                        // threads that took part
  std::vector<EquilibriumStatus> status;  // per muscle, size()
  std::vector<int> iterations;            // per muscle, size()
  std::vector<double> residual;           // |tendon force - fibre force along tendon| / Fmax

  int count(EquilibriumStatus s) const;
  // One line per muscle that did not simply converge, naming it; empty when all did.
  std::string describe(const MuscleBank& bank) const;
};

class MuscleBank {
 public:
  // Validates every parameter (throws ParameterError naming the muscle, rule and value).
  explicit MuscleBank(std::vector<MuscleSpec> specs, BankOptions options = {});

  int size() const { return size_; }
  int paddedSize() const { return padded_size_; }
  const BankOptions& options() const { return options_; }
  const MuscleParameters& parameters() const { return params_; }
  const MuscleSpec& spec(int i) const { return specs_[static_cast<std::size_t>(i)]; }
  const std::string& name(int i) const { return spec(i).name; }

  // Buffers of the right (padded) size. Inputs start at each unit's slack length
  // (optimal fibre along the tendon plus slack tendon), state at minimum activation.
  MuscleInputs makeInputs() const;
  MuscleState makeState() const;
  MuscleOutputs makeOutputs() const;

  // All muscles' forces, fibre kinematics and state derivatives, on at most `threads` OpenMP
  // threads (<= 0: OpenMP's default), each taking at least kMusclesPerThread muscles: a bank
  // under 1,024 muscles stays on one. Returns how many threads took part. Results are
  // bit-identical whatever the thread count.
  int evaluate(const MuscleInputs& in, const MuscleState& state, MuscleOutputs& out, int threads = 0) const;

  // Sets each muscle's tendon-force state so that tendon force equals fibre force along
  // the tendon at the given length, velocity and the state's activation (the fibre takes
  // the whole lengthening velocity). Never throws on extreme lengths: clamps and reports.
  // A solve costs ~30 evaluations, so from 35 muscles up it uses several threads.
  EquilibriumReport equilibrate(const MuscleInputs& in, MuscleState& state, int threads = 0) const;

 private:
  void checkSizes(const MuscleInputs& in, const MuscleState& state) const;

  std::vector<MuscleSpec> specs_;
  BankOptions options_;
  int size_ = 0;
  int padded_size_ = 0;
  MuscleParameters params_;
};

// Ranges every MuscleSpec must respect; documented in docs/muscle.md.
void validate(const MuscleSpec& spec, int index);
void validate(const BankOptions& options);

}  // namespace tonus::muscle
