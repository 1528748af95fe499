#include "sweep_support/mpi_cases.hpp"

#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "sweep/case_result_json.hpp"

namespace tonus::cli {
namespace {

// Message tags: a rank asks for a case, is answered, sends a result, or says it is done.
enum Tag : int { kRequest = 1, kReply = 2, kResult = 3, kDone = 4 };

}  // namespace

bool MpiWorld::launched() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"}) {
    if (std::getenv(variable) != nullptr) return true;
  }
  return false;
}

MpiWorld::MpiWorld() {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  // Rank 0 calls MPI only from its serving thread, other ranks from several threads in turn.
  if (provided < MPI_THREAD_SERIALIZED && size_ > 1) {
    if (rank_ == 0) std::fprintf(stderr, "tonus: error: this MPI library cannot be called from threads (MPI_THREAD_SERIALIZED)\n");
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
}

MpiWorld::~MpiWorld() { MPI_Finalize(); }

int MpiWorld::broadcast(int value) const {
  MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return value;
}

void MpiWorld::abort(int code) const {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::abort();
}

void serveRanks(const MpiWorld& world, const std::function<std::optional<int>()>& take,
                const std::function<void(const sweep::CaseResult&)>& deliver, const std::atomic<int>& abort_request) {
  int running = world.size() - 1;
  std::string buffer;
  while (running > 0) {
    if (const int code = abort_request.load(); code != 0) world.abort(code);
    int waiting = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
    // Polling leaves this thread's core to the case threads; a request waits at most 2 ms.
    if (!waiting) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    int bytes = 0;
    MPI_Get_count(&status, MPI_CHAR, &bytes);
    buffer.resize(static_cast<std::size_t>(bytes));
    MPI_Recv(buffer.data(), bytes, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (status.MPI_TAG == kRequest) {
      const std::optional<int> next = take();
      const int answer = next ? *next : -1;
      MPI_Send(&answer, 1, MPI_INT, status.MPI_SOURCE, kReply, MPI_COMM_WORLD);
    } else if (status.MPI_TAG == kResult) {
      deliver(sweep::caseResultFromJson(nlohmann::json::parse(buffer)));
    } else if (status.MPI_TAG == kDone) {
      --running;
    }
  }
}

sweep::RunnerOptions rankRunnerOptions(const MpiWorld&, int threads, bool keep_series) {
  // One conversation with rank 0 at a time (MPI_THREAD_SERIALIZED): a request and its reply
  // are never split by another thread's message.
  auto talking = std::make_shared<std::mutex>();
  sweep::RunnerOptions options;
  options.threads = threads;
  options.keep_series = keep_series;
  options.next_case = [talking]() -> std::optional<int> {
    const std::lock_guard<std::mutex> lock(*talking);
    char ask = 0;
    MPI_Send(&ask, 1, MPI_CHAR, 0, kRequest, MPI_COMM_WORLD);
    int answer = -1;
    MPI_Recv(&answer, 1, MPI_INT, 0, kReply, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (answer < 0) return std::nullopt;
    return answer;
  };
  options.deliver = [talking](const sweep::CaseResult& result) {
    const std::string text = sweep::toJson(result).dump();
    const std::lock_guard<std::mutex> lock(*talking);
    MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kResult, MPI_COMM_WORLD);
  };
  return options;
}

void sayDone(const MpiWorld&) {
  char done = 0;
  MPI_Send(&done, 1, MPI_CHAR, 0, kDone, MPI_COMM_WORLD);
}

}  // namespace tonus::cli
