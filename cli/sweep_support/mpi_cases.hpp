#pragma once
// Sharing a sweep's cases across MPI ranks (`mpirun -n N tonus sweep ...`). Rank 0 owns the
// queue of cases and the results store: a thread on it hands out one case number at a time to
// whichever rank asks (dynamic load balancing) and stores the results the ranks send back.
// Every rank, rank 0 included, runs cases on its own threads. The ranks read the sweep file
// from the same path, so they need a shared file system (as on a cluster's home directory).
#include <atomic>
#include <functional>
#include <optional>

#include "sweep/case_result.hpp"
#include "sweep/runner.hpp"

namespace tonus::cli {

class MpiWorld {
 public:
  // True when this process was started by mpirun/srun (so MPI can be initialised).
  static bool launched();
  MpiWorld();   // MPI_Init_thread, asking for MPI_THREAD_SERIALIZED
  ~MpiWorld();  // MPI_Finalize
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  // Rank 0's value of `value`, on every rank.
  int broadcast(int value) const;
  // Stops every rank: for failures one rank meets while the others run.
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0, size_ = 1;
};

// Rank 0: serves the other ranks until each has said it is done. `take` gives the next case
// number or nothing; `deliver` keeps a result. Both are called from this (one) thread. When
// `abort_request` becomes non-zero (a failure on rank 0's case threads), this thread stops
// every rank with that code: it is the only thread of rank 0 that calls MPI.
void serveRanks(const MpiWorld& world, const std::function<std::optional<int>()>& take,
                const std::function<void(const sweep::CaseResult&)>& deliver, const std::atomic<int>& abort_request);

// Other ranks: runner callbacks that ask rank 0 for cases and send it the results; call
// `sayDone` after the runner returns.
sweep::RunnerOptions rankRunnerOptions(const MpiWorld& world, int threads, bool keep_series);
void sayDone(const MpiWorld& world);

}  // namespace tonus::cli
