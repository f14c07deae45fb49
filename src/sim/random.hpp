// random.hpp: the simulator's random numbers, identical on every platform.
//
// The engine is std::mt19937_64, whose output sequence the C++ standard fixes ([rand.predef]).
// The distributions in <random> (normal, exponential, Poisson, ...) are implementation-defined,
// so the simulator never uses them: every distribution here is our own, written out below, and
// therefore gives the same numbers under libstdc++, libc++ and any compiler.
//
// Streams: each entity draws from its own engine, seeded from the scenario seed and the entity's
// identity by `stream_seed` (a SplitMix64 hash), so that adding a sensor or a target does not
// shift the random numbers any other entity sees.
//
//   Rng rng(stream_seed(seed, StreamKind::TargetMotion, target_index));
//   double n = rng.normal();            // N(0, 1), Box-Muller
//   std::uint64_t k = rng.poisson(7.5); // Poisson, exact for any mean
#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace dewline::sim {

// What a random stream is for; part of its seed so that streams never coincide.
enum class StreamKind : std::uint64_t {
  TargetSetup = 1,    // a target's initial draws (start positions, phases, offsets)
  TargetMotion = 2,   // a target's motion noise (wander, jitter, gusts)
  Broadcast = 3,      // a cooperative target's broadcast content (GNSS noise, spoofing)
  SensorTarget = 4,   // one sensor looking at one target: detection draws and noise
  SensorClutter = 5,  // one sensor's false plots
  SensorLatency = 6,  // one sensor's delivery delays
};

// SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mix.
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

// Seed of the stream (kind, a, b) under the scenario seed. `a` and `b` are entity indices
// (sensor index, target index); unused ones are 0.
[[nodiscard]] constexpr std::uint64_t stream_seed(std::uint64_t scenario_seed, StreamKind kind,
                                                  std::uint64_t a, std::uint64_t b = 0) {
  std::uint64_t h = splitmix64(scenario_seed);
  h = splitmix64(h ^ static_cast<std::uint64_t>(kind));
  h = splitmix64(h ^ a);
  h = splitmix64(h ^ (b * 0xD1B54A32D192ED03ULL));
  return h;
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  [[nodiscard]] std::uint64_t bits() { return engine_(); }
  // Uniform in the open interval (0, 1): the top 53 bits, offset by half a unit.
  [[nodiscard]] double uniform();
  [[nodiscard]] double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n), n > 0 (rejection of the biased low values).
  [[nodiscard]] std::uint64_t below(std::uint64_t n);
  // Standard normal by the Box-Muller transform; the second value of each pair is kept for the
  // next call.
  [[nodiscard]] double normal();
  [[nodiscard]] double normal(double mean, double sigma) { return mean + sigma * normal(); }
  // Exponential with the given mean (inverse CDF).
  [[nodiscard]] double exponential(double mean);
  // Poisson with the given mean: counts the arrivals of a unit-rate Poisson process in
  // [0, mean) (exact; cost grows with the mean, which the config caps).
  [[nodiscard]] std::uint64_t poisson(double mean);
  [[nodiscard]] bool bernoulli(double p) { return uniform() < p; }
  // Index drawn from unnormalised non-negative weights (empty or all-zero -> 0).
  [[nodiscard]] std::size_t categorical(std::span<const double> weights);

 private:
  std::mt19937_64 engine_;
  double spare_normal_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace dewline::sim
