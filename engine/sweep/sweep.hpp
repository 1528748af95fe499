#pragma once
// A sweep: a base scenario and the parameters to vary across its cases (docs/sweeps.md).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace tonus::sweep {

enum class Method { Grid, LatinHypercube };

// How one parameter varies. A conditional one (`given:`) picks its distribution by the value
// an earlier choice or grid parameter took in the same case (height given sex, say).
struct Distribution {
  enum class Kind { Uniform, Normal, Choice, Grid, Conditional };
  Kind kind = Kind::Uniform;
  double low = 0.0, high = 1.0;              // uniform; normal's bounds (min, max)
  double mean = 0.0, sd = 1.0;               // normal
  std::vector<std::string> values;           // choice and grid, as written
  std::string given;                         // conditional: the path it depends on
  std::size_t given_index = 0;               //   that variation's position in `vary`
  std::vector<std::string> levels;           //   its values, each with
  std::vector<Distribution> by_level;        //   the distribution used then
  bool listed() const { return kind == Kind::Choice || kind == Kind::Grid; }
};

struct Variation {
  std::string path;  // dotted path into the base scenario, e.g. "timeline[0].lift.load_kg"
  Distribution distribution;
  scenario::SourceRef where;  // the `vary` entry, for messages
};

struct Sweep {
  std::string name;
  std::filesystem::path file, base;  // the sweep file and the base scenario it names
  std::string text, base_text;       // the sweep file and the base scenario as written
  Method method = Method::LatinHypercube;
  int samples = 0;                   // latin_hypercube
  std::uint64_t seed = 1;
  std::vector<Variation> vary;
  std::string fingerprint;           // of the sweep and base texts: a resume must match it
};

// One case: the value of each variation, as text (numbers with 10 significant digits).
struct Case {
  int id = 0;
  std::vector<std::string> values;
};

}  // namespace tonus::sweep
