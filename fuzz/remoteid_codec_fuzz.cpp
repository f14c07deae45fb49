// remoteid_codec_fuzz.cpp: libFuzzer target for the Open Drone ID message codec alone: the bytes
// after a transport's message counter (a message pack or one 25-byte message). Every message that
// decodes must survive encode -> decode unchanged, and a pack re-encoded from the decoded
// messages must decode to the same list (a mismatch aborts: a finding). The decoded messages also
// go through the emitter table (identities, authentication page reassembly).
//
// Seeds: fuzz/corpus/remoteid_codec (synthetic, committed) and build/fuzz/seeds/remoteid_codec
// (containers cut from the real captures by fuzz/seeds.d/remoteid.sh).
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "core/log.hpp"
#include "ingest/remoteid/emitter_table.hpp"
#include "ingest/remoteid/odid_codec.hpp"
#include "ingest/remoteid/odid_units.hpp"

namespace {

namespace rid = dewline::ingest::remoteid;

void check(bool ok) {
  if (!ok) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dewline::log().set_level(spdlog::level::off);
  const std::span<const std::byte> in(reinterpret_cast<const std::byte*>(data), size);

  rid::MessageList list;
  (void)rid::decode_container(in, 0, list);
  rid::EmitterTable table(2);
  rid::FrameInfo info;
  std::vector<rid::Message> decoded;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const rid::Message& m = list.message(i);
    decoded.push_back(m);
    const rid::EncodedMessage e = rid::encode_message(m);
    auto again = rid::decode_message(e);
    check(again.has_value() && *again == m);
    info.transmitter.octets[5] = static_cast<std::uint8_t>(i & 1U);
    table.update(info, dewline::Time{static_cast<std::int64_t>(i)}, m);
    if (const auto* l = std::get_if<rid::Location>(&m.body)) {
      (void)rid::direction_deg(*l);
      (void)rid::speed_horizontal_mps(*l);
      (void)rid::speed_vertical_mps(*l);
      (void)rid::horizontal_accuracy_m(l->horizontal_accuracy);
      (void)rid::timestamp_s_since_hour(*l);
    }
  }
  if (!decoded.empty()) {
    std::array<std::byte, 3 + rid::kMessageSize * rid::kPackMaxMessages> buf{};
    const std::size_t n = rid::encode_pack(decoded, buf);
    check(n == 3 + rid::kMessageSize * decoded.size());
    rid::MessageList back;
    check(rid::decode_container(std::span<const std::byte>(buf).first(n), 0, back));
    check(back.size() == decoded.size() && back.errors().empty());
    for (std::size_t i = 0; i < back.size(); ++i) {
      check(back.message(i) == decoded[i]);
    }
  }
  for (const auto& e : table.all()) {
    (void)e.auth.complete();
    (void)e.several_identities();
  }
  // A single message at the start, whatever the type nibble says.
  (void)rid::decode_message(in);
  return 0;
}
