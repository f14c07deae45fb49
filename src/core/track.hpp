// track.hpp: the Track snapshot the tracker publishes, and the assessment the assess stage adds.
//
// A Track is a plain value: the state of one tracked object at one time, in the site ENU frame,
// with its covariance, lifecycle status, which sensors have seen it, and who it is (identity from
// cooperative reports). The tracker keeps its own filter internals (IMM per-model states) and
// fills this snapshot after each update; later stages only read it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/ids.hpp"
#include "core/target_class.hpp"
#include "core/time.hpp"

namespace dewline {

using Vec6 = Eigen::Matrix<double, 6, 1>;
using Mat6 = Eigen::Matrix<double, 6, 6>;

enum class TrackStatus : std::uint8_t {
  Tentative,  // initiated, not yet confirmed; not reported in tracks.csv
  Confirmed,  // updated recently
  Coasting,   // confirmed, missed its latest expected detections, predicted forward
  Deleted,    // final snapshot before the track is dropped
};
[[nodiscard]] std::string_view to_string(TrackStatus s);

enum class ThreatLevel : std::uint8_t { None = 0, Low, Medium, High, Critical };
[[nodiscard]] std::string_view to_string(ThreatLevel t);

// What the assess stage concludes about a track (issue 6). Default: unassessed.
struct Assessment {
  ClassProbabilities class_probabilities;  // fused, normalized
  TargetClass target_class = TargetClass::Unknown;
  ThreatLevel threat = ThreatLevel::None;
  std::string threat_reason;
  bool friendly = false;  // on an allow-list
  double time_to_zone_s = -1.0;  // < 0: not heading into any zone
  std::string zone;              // zone the time refers to
};

struct Track {
  static constexpr std::uint16_t kVersion = 1;

  TrackId id{};
  TrackStatus status = TrackStatus::Tentative;
  Time time;               // time of this state
  Time first_time;         // first detection
  Time last_update_time;   // last detection that updated it
  Vec3 position_m = Vec3::Zero();
  Vec3 velocity_mps = Vec3::Zero();
  Mat6 covariance = Mat6::Identity();  // over [x y z vx vy vz]

  // Motion model probabilities of the IMM (cv, ct, ca); all zero for a single-model filter.
  std::array<double, 3> model_probabilities{};
  std::uint32_t hits = 0;           // detections associated over its life
  std::uint32_t consecutive_misses = 0;
  double existence_probability = 0.0;
  double quality = 0.0;             // 0..1, for display

  std::vector<SensorId> sensors;    // sorted, every sensor that contributed (track/tracker.hpp)
  Identity identity;                // from cooperative reports, kept for life once seen
  std::optional<ClassProbabilities> sensor_class_probabilities;  // fused sensor opinions
  std::string spoof_reason;         // non-empty: a cooperative broadcast failed a check

  Assessment assessment;            // filled by assess/
};

}  // namespace dewline
