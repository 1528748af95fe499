#pragma once
// A fixed-step history of per-fascicle signals, for reflex loops that see the body as it was
// a loop delay ago. Before anything was pushed, and for delays longer than the history, it
// answers with the oldest value it holds (the body before the event was still).
#include <Eigen/Core>
#include <vector>

namespace tonus::sim {

class DelayLine {
 public:
  // `steps`: how many steps back the longest delay reaches.
  DelayLine(int steps, Eigen::Index size) : buffer_(static_cast<std::size_t>(steps) + 1, Eigen::VectorXd::Zero(size)) {}

  // Fills the whole history with one value (the state before the first step).
  void fill(const Eigen::VectorXd& value) {
    for (Eigen::VectorXd& v : buffer_) v = value;
  }
  void push(const Eigen::VectorXd& value) {
    head_ = (head_ + 1) % buffer_.size();
    buffer_[head_] = value;
  }
  // The value pushed `steps` pushes ago (0: the latest).
  const Eigen::VectorXd& ago(int steps) const {
    const std::size_t back = std::min(static_cast<std::size_t>(std::max(steps, 0)), buffer_.size() - 1);
    return buffer_[(head_ + buffer_.size() - back) % buffer_.size()];
  }

 private:
  std::vector<Eigen::VectorXd> buffer_;
  std::size_t head_ = 0;
};

}  // namespace tonus::sim
