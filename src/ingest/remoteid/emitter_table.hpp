// emitter_table.hpp: what each Remote ID transmitter has said so far, keyed by its address.
//
// A Location message alone carries no identity: the serial number comes in Basic ID messages,
// the operator's position in System messages, the operator registration in Operator ID
// messages, often in other frames (the Parrot Anafi sends Basic ID + System + Operator ID in one
// pack of three and Location alone in the others). The table keeps, per transmitter address
// (802.11 TA, BLE AdvA), the latest of each so every Location can become a Detection carrying
// the identity, and reassembles Authentication pages.
//
// It also records every distinct UAS ID an emitter has sent. F3411-22a allows up to two Basic ID
// messages with different ID types (a serial number and a session ID, say); two different IDs
// of the same ID type from one address is a spoofing sign that later stages read through
// `several_identities()` (the checks themselves live in assess/).
//
// Memory is bounded: at most `max_emitters` entries (the least recently heard is evicted) and
// kMaxIdentities identities per emitter (later ones are counted, not stored).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "ingest/remoteid/link_types.hpp"
#include "ingest/remoteid/odid_message.hpp"

namespace dewline::ingest::remoteid {

struct IdentityRecord {
  std::uint8_t id_type = 0;
  FixedText<20> uas_id;
  Time first_seen;
  Time last_seen;
};

// Authentication pages (F3411-22a Authentication message: page 0 gives the last page index and
// the data length; pages 1..15 continue the data, 17 + 15 * 23 bytes at most).
class AuthAssembly {
 public:
  static constexpr std::size_t kMaxPages = 16;
  static constexpr std::size_t kMaxBytes = 17 + 15 * 23;

  void add(const Auth& a);
  // The authentication data once pages 0..last_page_index have arrived with one auth type;
  // `length` bytes (capped at what the pages hold).
  [[nodiscard]] std::optional<std::span<const std::uint8_t>> complete() const;
  [[nodiscard]] std::uint8_t auth_type() const { return auth_type_; }
  [[nodiscard]] std::uint32_t timestamp() const { return timestamp_; }

 private:
  std::array<std::uint8_t, kMaxBytes> data_{};
  std::uint16_t received_ = 0;  // bit per page
  std::uint8_t auth_type_ = 0;
  std::uint8_t last_page_ = 0;
  std::uint8_t length_ = 0;
  std::uint32_t timestamp_ = 0;
  bool have_page0_ = false;
};

struct EmitterState {
  static constexpr std::size_t kMaxIdentities = 8;

  MacAddress address;
  Transport transport = Transport::WifiBeacon;  // of the latest frame
  Time first_seen;
  Time last_seen;
  std::uint64_t messages = 0;

  std::array<IdentityRecord, kMaxIdentities> identities{};
  std::size_t identity_count = 0;
  std::uint64_t identities_not_stored = 0;  // distinct IDs beyond kMaxIdentities
  std::optional<Location> location;
  Time location_time;
  std::optional<System> system;
  Time system_time;
  std::optional<OperatorId> operator_id;
  std::optional<SelfId> self_id;
  AuthAssembly auth;
  std::optional<std::uint8_t> ua_type;  // from the latest Basic ID

  // The UAS ID to put on a track: the latest serial number (ID type 1), else the latest ID of
  // any type; empty when no Basic ID has arrived.
  [[nodiscard]] std::string_view remote_id() const;
  // Number of distinct (ID type, UAS ID) pairs heard from this address.
  [[nodiscard]] std::size_t distinct_identities() const {
    return identity_count + identities_not_stored;
  }
  // Two or more different UAS IDs of the same ID type from this one address.
  [[nodiscard]] bool several_identities() const;

  void note_basic_id(const BasicId& b, Time t);
};

class EmitterTable {
 public:
  explicit EmitterTable(std::size_t max_emitters = 4096) : max_emitters_(max_emitters) {}

  // Applies one decoded message heard at `t`; returns the emitter's updated state. A frame
  // without a transmitter address (BT5 PDU without AdvA) is keyed by address 00:..:00.
  EmitterState& update(const FrameInfo& info, Time t, const Message& m);

  [[nodiscard]] const EmitterState* find(const MacAddress& a) const;
  // All emitters, sorted by address.
  [[nodiscard]] std::span<const EmitterState> all() const { return emitters_; }
  // Forgets emitters not heard since `now - max_age`; returns how many were dropped.
  std::size_t expire(Time now, Duration max_age);
  [[nodiscard]] std::uint64_t evicted() const { return evicted_; }

 private:
  std::vector<EmitterState> emitters_;  // sorted by address key
  std::size_t max_emitters_;
  std::uint64_t evicted_ = 0;
};

}  // namespace dewline::ingest::remoteid
