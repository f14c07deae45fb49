#include "ingest/adsb/aircraft_state.hpp"

namespace dewline::ingest::adsb {

std::optional<std::uint8_t> nic_of(std::uint8_t tc, bool nic_a, bool nic_b) {
  switch (tc) {
    // Airborne, barometric altitude (table 2-14).
    case 9: return 11;
    case 10: return 10;
    case 11: return (nic_a && nic_b) ? 9 : 8;
    case 12: return 7;
    case 13: return 6;  // Rc < 0.3, 0.5 or 0.6 NM depending on the supplements: NIC 6 always
    case 14: return 5;
    case 15: return 4;
    case 16: return (nic_a && nic_b) ? 3 : 2;
    case 17: return 1;
    // Airborne, GNSS height.
    case 20: return 11;
    case 21: return 10;
    // Surface (2.2.3.2.4.1, NIC supplement C not tracked: the larger radius is used).
    case 5: return 11;
    case 6: return 10;
    case 7: return 8;
    case 8: return 0;
    default: return std::nullopt;
  }
}

std::optional<double> nic_containment_m(std::uint8_t nic) {
  switch (nic) {
    case 11: return 7.5;
    case 10: return 25.0;
    case 9: return 75.0;
    case 8: return 185.2;    // 0.1 NM
    case 7: return 370.4;    // 0.2 NM
    case 6: return 1111.2;   // 0.6 NM (the largest radius NIC 6 may mean)
    case 5: return 1852.0;   // 1 NM
    case 4: return 3704.0;   // 2 NM
    case 3: return 7408.0;   // 4 NM
    case 2: return 14816.0;  // 8 NM
    case 1: return 37040.0;  // 20 NM
    default: return std::nullopt;
  }
}

std::optional<double> nac_p_epu_m(std::uint8_t nac_p) {
  switch (nac_p) {
    case 11: return 3.0;
    case 10: return 10.0;
    case 9: return 30.0;
    case 8: return 92.6;     // 0.05 NM
    case 7: return 185.2;    // 0.1 NM
    case 6: return 555.6;    // 0.3 NM
    case 5: return 926.0;    // 0.5 NM
    case 4: return 1852.0;   // 1 NM
    case 3: return 3704.0;   // 2 NM
    case 2: return 7408.0;   // 4 NM
    case 1: return 18520.0;  // 10 NM
    default: return std::nullopt;
  }
}

std::optional<double> nac_v_bound_mps(std::uint8_t nac_v) {
  switch (nac_v) {
    case 1: return 10.0;
    case 2: return 3.0;
    case 3: return 1.0;
    case 4: return 0.3;
    default: return std::nullopt;
  }
}

}  // namespace dewline::ingest::adsb
