#include "ingest/adsb/mode_s_decoder.hpp"

#include <algorithm>
#include <cstring>

#include "ingest/adsb/crc.hpp"

namespace dewline::ingest::adsb {
namespace {

AdsbError error(AdsbErrorCode c, std::string_view reason) { return AdsbError{c, reason, 0}; }

bool assigned_df(unsigned df) {
  switch (df) {
    case 0: case 4: case 5: case 11: case 16: case 17: case 18: case 19: case 20: case 21:
    case 22: case 24:
      return true;
    default:
      return false;
  }
}

}  // namespace

void Callsign::assign(std::string_view s) {
  text.fill('\0');
  size = 0;
  valid = true;
  const std::size_t n = std::min<std::size_t>(s.size(), 8);
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
    if (!ok) {
      valid = false;
      c = '#';
    }
    text[i] = c;
  }
  std::size_t len = n;
  while (len > 0 && text[len - 1] == ' ') {
    text[--len] = '\0';
  }
  size = static_cast<std::uint8_t>(len);
}

char ais_char(std::uint32_t code) {
  code &= 0x3Fu;
  if (code >= 1 && code <= 26) {
    return static_cast<char>('A' + (code - 1));
  }
  if (code == 32) {
    return ' ';
  }
  if (code >= 48 && code <= 57) {
    return static_cast<char>('0' + (code - 48));
  }
  return '#';
}

Callsign decode_callsign(const MessageBytes& m, unsigned first_bit) {
  Callsign cs;
  for (unsigned i = 0; i < 8; ++i) {
    const char c = ais_char(get_bits(m, first_bit + 6 * i, first_bit + 6 * i + 5));
    if (c == '#') {
      cs.valid = false;
    }
    cs.text[i] = c;
  }
  std::size_t len = 8;
  while (len > 0 && cs.text[len - 1] == ' ') {
    cs.text[--len] = '\0';
  }
  cs.size = static_cast<std::uint8_t>(len);
  return cs;
}

Result<void, AdsbError> decode_mode_s(std::span<const std::byte> bytes, ModeSMessage& out,
                                      const ModeSDecodeOptions& options) {
  return decode_mode_s(
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                    bytes.size()),
      out, options);
}

Result<void, AdsbError> decode_mode_s(std::span<const std::uint8_t> bytes, ModeSMessage& out,
                                      const ModeSDecodeOptions& options) {
  out = ModeSMessage{};
  if (bytes.size() != kShortBytes && bytes.size() != kLongBytes) {
    return unexpected(error(AdsbErrorCode::BadLength, "Mode S message is neither 56 nor 112 bits"));
  }
  std::copy(bytes.begin(), bytes.end(), out.bytes.begin());
  out.length = static_cast<std::uint8_t>(bytes.size());
  if (std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; })) {
    return unexpected(error(AdsbErrorCode::AllZeros, "all-zero Mode S message"));
  }
  const MessageBytes& m = out.bytes;
  unsigned df = get_bits(m, 1, 5);
  if (df >= 24) {
    df = 24;  // Comm-D: only the first two bits (11) are the format (Annex 10 3.1.2.7.3)
  }
  out.df = static_cast<std::uint8_t>(df);
  if (!assigned_df(df)) {
    return unexpected(error(AdsbErrorCode::UnknownDf, "unassigned downlink format"));
  }
  const std::size_t expected = df >= 16 ? kLongBytes : kShortBytes;
  if (bytes.size() != expected) {
    return unexpected(error(AdsbErrorCode::BadLength,
                            df >= 16 ? "long DF in a 56-bit message" : "short DF in a 112-bit message"));
  }
  out.syndrome = mode_s_syndrome(out.bytes, out.length);

  switch (df) {
    case 17:
    case 18: {
      if (out.syndrome != 0) {
        const auto bit = options.fix_single_bit ? single_bit_error(out.syndrome, out.length)
                                                : std::nullopt;
        if (!bit || *bit < 5) {
          return unexpected(error(AdsbErrorCode::BadCrc, "extended squitter parity check failed"));
        }
        out.bytes[*bit / 8] = static_cast<std::uint8_t>(out.bytes[*bit / 8] ^ (0x80u >> (*bit % 8)));
        out.corrected_bit = *bit;
        out.syndrome = 0;
      }
      out.parity_checked = true;
      out.icao = get_bits(m, 9, 32);
      out.icao_source = IcaoSource::AddressAnnounced;
      break;
    }
    case 11: {
      // PI = parity XOR (II or SI code in the low 7 bits); the rest must match.
      if ((out.syndrome & 0xFFFF80u) != 0) {
        return unexpected(error(AdsbErrorCode::BadCrc, "all-call reply parity check failed"));
      }
      out.parity_checked = true;
      out.ii = static_cast<std::uint8_t>(out.syndrome & 0x7Fu);
      out.icao = get_bits(m, 9, 32);
      out.icao_source = IcaoSource::AddressAnnounced;
      break;
    }
    default:
      // Address/Parity: the syndrome is the address if the message is intact.
      out.icao = out.syndrome;
      out.icao_source = IcaoSource::AddressParity;
      break;
  }

  switch (df) {
    case 0:
    case 16:
      out.vs = static_cast<std::uint8_t>(get_bits(m, 6, 6));
      if (df == 0) {
        out.cc = static_cast<std::uint8_t>(get_bits(m, 7, 7));
      }
      out.sl = static_cast<std::uint8_t>(get_bits(m, 9, 11));
      out.ri = static_cast<std::uint8_t>(get_bits(m, 14, 17));
      out.altitude = decode_ac13(get_bits(m, 20, 32));
      break;
    case 4:
    case 5:
    case 20:
    case 21:
      out.fs = static_cast<std::uint8_t>(get_bits(m, 6, 8));
      out.dr = static_cast<std::uint8_t>(get_bits(m, 9, 13));
      out.um = static_cast<std::uint8_t>(get_bits(m, 14, 19));
      if (df == 4 || df == 20) {
        out.altitude = decode_ac13(get_bits(m, 20, 32));
      } else {
        const std::uint32_t id = get_bits(m, 20, 32);
        if (id != 0) {
          out.squawk = decode_id13(id);
        }
      }
      if (df >= 20) {
        decode_comm_b(out);
      }
      break;
    case 11:
      out.ca = static_cast<std::uint8_t>(get_bits(m, 6, 8));
      break;
    case 17:
      out.ca = static_cast<std::uint8_t>(get_bits(m, 6, 8));
      decode_extended_squitter(out);
      break;
    case 18:
      out.cf = static_cast<std::uint8_t>(get_bits(m, 6, 8));
      // CF 0: ADS-B, ICAO address; 1: ADS-B, other address; 6: ADS-R. These share the DF17 ME
      // formats (DO-260B 2.2.3.2.1.6). TIS-B and others are not decoded.
      if (*out.cf == 0 || *out.cf == 1 || *out.cf == 6) {
        decode_extended_squitter(out);
      }
      break;
    default:
      break;
  }
  return {};
}

void decode_comm_b(ModeSMessage& out) {
  const MessageBytes& m = out.bytes;
  if (get_bits(m, 33, 40) != 0x20) {
    return;
  }
  Callsign cs = decode_callsign(m, 41);
  if (!cs.valid || cs.empty()) {
    return;
  }
  out.comm_b_callsign = cs;
}

}  // namespace dewline::ingest::adsb
