// sapient_ids.hpp: the identifier formats of SAPIENT (BSI Flex 335 v2.0). Nodes are named by
// UUIDs (RFC 4122 text, 8-4-4-4-12 hex digits); reports, objects, tasks, alerts and regions by
// ULIDs (26 characters of Crockford base 32: 48-bit millisecond time + 80 random bits).
//
//   is_uuid("a8654cdf-4328-47de-81fa-c495589e30c8") == true
//   is_ulid("01GGYFBAXH4VYRQYEX7S3XGK3H") == true
//   std::uint64_t id = ulid_to_u64("01GGYFBAXH4VYRQYEX7S3XGK3H");   // Detection::sensor_object_id
//
// The encoder side makes deterministic ids (no wall clock, no global random state) so that the
// simulator's output is the same on every run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace dewline::ingest::sapient {

// RFC 4122 text forms: "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", the 32 digits alone, or either
// wrapped in {} or (). Case-insensitive.
[[nodiscard]] bool is_uuid(std::string_view s);
// 26 Crockford base-32 characters (no I, L, O, U; case-insensitive), first one 0-7 (128 bits).
[[nodiscard]] bool is_ulid(std::string_view s);

// The 128-bit value of a ULID folded to 64 bits (high half XOR low half): a stable number for
// Detection::sensor_object_id. nullopt when `s` is not a ULID. Inverse of ulid_from_u64.
[[nodiscard]] std::optional<std::uint64_t> ulid_to_u64(std::string_view s);
// A ULID whose 64-bit fold is `v` (time field zero): the encoder's object ids.
[[nodiscard]] std::string ulid_from_u64(std::uint64_t v);

// Deterministic ULIDs: the millisecond time of `t` and 80 bits from a seeded counter, unique for
// one generator. Same seed and times, same ids.
class UlidGenerator {
 public:
  explicit UlidGenerator(std::uint64_t seed = 0) : state_(seed) {}
  [[nodiscard]] std::string next(Time t);

 private:
  std::uint64_t state_;
  std::uint64_t counter_ = 0;
};

// A fixed UUID for a dewline sensor id (version-4 layout, "de411e00-..." prefix), so that the
// simulator's nodes keep their identity across runs.
[[nodiscard]] std::string node_uuid_for(SensorId id);

}  // namespace dewline::ingest::sapient
