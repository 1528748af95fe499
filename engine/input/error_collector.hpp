#pragma once
// Gathers the input errors of independent parts of a file (each phase, each section), so one
// `tonus validate` lists every mistake at once, in file order, rather than making the user fix
// them one at a time.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "input/yaml_reader.hpp"

namespace tonus::input {

class ErrorCollector {
 public:
  ErrorCollector() = default;
  // Starts with the document's keys given twice.
  explicit ErrorCollector(const YamlNode& root) { add(root.duplicateKeys()); }

  // Runs `read`; an InputError it throws is kept and reading goes on with the next part.
  template <class Read>
  void attempt(Read&& read) {
    try {
      read();
    } catch (const InputError& e) {
      add(e.entries());
    }
  }
  void add(const std::vector<InputError::Entry>& entries) {
    for (const InputError::Entry& entry : entries) {
      // The same mistake met again (a phase inside a repeat) is reported once.
      const auto same = [&](const InputError::Entry& e) { return e.message == entry.message; };
      if (std::find_if(entries_.begin(), entries_.end(), same) == entries_.end()) entries_.push_back(entry);
    }
  }
  bool empty() const { return entries_.empty(); }
  std::size_t count() const { return entries_.size(); }
  // Throws one InputError with every error, in file order, the first kMaxShown of them spelled out.
  void throwIfAny() const {
    if (empty()) return;
    std::vector<InputError::Entry> sorted = entries_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return std::tie(a.where.file, a.where.line, a.where.column) < std::tie(b.where.file, b.where.line, b.where.column);
    });
    if (sorted.size() > kMaxShown) {
      const std::size_t more = sorted.size() - kMaxShown;
      sorted.resize(kMaxShown);
      sorted.push_back({sorted.back().where, "... and " + std::to_string(more) + " more errors"});
    }
    throw InputError(std::move(sorted));
  }

 private:
  static constexpr std::size_t kMaxShown = 20;
  std::vector<InputError::Entry> entries_;
};

}  // namespace tonus::input
