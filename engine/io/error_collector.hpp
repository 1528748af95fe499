#pragma once
// Gathers the input errors of independent parts of a file (each phase, each section), so one
// `tonus validate` lists every mistake rather than making the user fix them one at a time.
#include <algorithm>
#include <string>
#include <vector>

#include "io/yaml_reader.hpp"

namespace tonus::io {

class ErrorCollector {
 public:
  // Runs `read`; an InputError it throws is kept and reading goes on with the next part.
  template <class Read>
  void attempt(Read&& read) {
    try {
      read();
    } catch (const InputError& e) {
      // The same mistake met again (a phase inside a repeat) is reported once.
      if (std::find(messages_.begin(), messages_.end(), e.what()) != messages_.end()) return;
      if (messages_.size() < kMaxMessages) messages_.emplace_back(e.what());
      ++count_;
    }
  }
  bool empty() const { return count_ == 0; }
  // Throws one InputError with every kept message on its own line.
  void throwIfAny() const {
    if (empty()) return;
    std::string all;
    for (const std::string& m : messages_) all += (all.empty() ? "" : "\n") + m;
    if (count_ > messages_.size()) all += "\n... and " + std::to_string(count_ - messages_.size()) + " more errors";
    throw InputError(all);
  }

 private:
  static constexpr std::size_t kMaxMessages = 20;
  std::vector<std::string> messages_;
  std::size_t count_ = 0;
};

}  // namespace tonus::io
