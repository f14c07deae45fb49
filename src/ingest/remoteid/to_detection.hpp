// to_detection.hpp: a Location message plus what its emitter said before -> a core Detection.
//
// The measurement is a PositionMeasurement in the site ENU frame (core/geodesy.hpp):
// - Horizontal position from latitude/longitude (WGS84). Its 1-sigma is the 95 % bound of the
//   horizontal accuracy category divided by 2.4477 (sqrt(-2 ln 0.05), a circular 2-D Gaussian),
//   or RemoteIdConfig::default_sigma_h_m when the category is 0 (unknown).
// - Altitude, first available of: geodetic altitude (WGS84 HAE; sigma = vertical accuracy / 1.96
//   or default_sigma_v_m); height above takeoff + operator altitude when the System message
//   gives a takeoff operator altitude; pressure altitude (baro accuracy, plus
//   baro_as_geodetic_sigma_m in quadrature); height + site origin height (plus
//   height_reference_sigma_m); else the site origin height with a 1-sigma of 100 m.
// - Velocity from speed, direction (true course, degrees clockwise from north) and vertical
//   speed (up positive), rotated from the drone's local ENU into the site axes; 1-sigma = speed
//   accuracy / 1.96 or default_sigma_speed_mps. No velocity when speed or direction is unknown;
//   vertical speed unknown -> 0 with the default sigma.
// - Time: the Location timestamp (tenths of a second since the hour) placed in the hour nearest
//   the receive time; the receive time when the timestamp is unknown or more than
//   max_timestamp_offset_s away.
// - Identity: Remote ID serial (latest Basic ID, serial number preferred), operator ID, operator
//   position (System message, site ENU, same altitude rules). sensor_object_id is the 48-bit
//   transmitter address; snr_db carries the RSSI in dBm when the capture gives it.
// - Class probabilities from the declared UA type (a claim): multirotor / fixed wing with
//   ua_type_confidence, the rest on Unknown.
#pragma once

#include <string_view>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "ingest/remoteid/emitter_table.hpp"
#include "ingest/remoteid/remoteid_config.hpp"

namespace dewline::ingest::remoteid {

// 95 % circular bound -> 1-sigma per axis: R / sqrt(-2 ln 0.05).
inline constexpr double kCircular95ToSigma = 1.0 / 2.4477468306808166;
// 95 % one-dimensional bound -> 1-sigma.
inline constexpr double kLinear95ToSigma = 1.0 / 1.959963984540054;

// Why a Location gave no detection ("no_position", "position_out_of_range").
using NoDetection = std::string_view;

class DetectionBuilder {
 public:
  DetectionBuilder(RemoteIdConfig cfg, EnuFrame site) : cfg_(std::move(cfg)), site_(site) {}

  [[nodiscard]] Result<Detection, NoDetection> build(const Location& loc,
                                                     const EmitterState& emitter,
                                                     const FrameInfo& info, Time rx_time) const;

  // The measurement time of a Location heard at rx_time (see the header comment).
  [[nodiscard]] Time measurement_time(const Location& loc, Time rx_time) const;

  [[nodiscard]] const RemoteIdConfig& config() const { return cfg_; }
  [[nodiscard]] const EnuFrame& site() const { return site_; }

 private:
  RemoteIdConfig cfg_;
  EnuFrame site_;
};

}  // namespace dewline::ingest::remoteid
