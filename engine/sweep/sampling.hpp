#pragma once
// The cases of a sweep. A grid runs every combination of its lists. A Latin hypercube
// (McKay, Beckman & Conover 1979) splits each parameter's probability range into `samples`
// equal strata and takes each stratum exactly once, in a random pairing across parameters:
// uniform and normal (truncated to [min, max]) through their inverse distribution functions,
// choice and grid lists as equal strata of their values. A seeded, portable generator
// (SplitMix64) makes the cases the same on every machine.
#include <cstdint>
#include <vector>

#include "sweep/sweep.hpp"

namespace tonus::sweep {

std::vector<Case> casesOf(const Sweep& sweep);

// Pieces, for the tests: the standard normal's distribution function and its inverse.
double normalCdf(double x);
double normalQuantile(double p);  // 0 < p < 1

}  // namespace tonus::sweep
