#include "ingest/remoteid/errors.hpp"

namespace dewline::ingest::remoteid {

std::string_view to_string(ErrorCode c) {
  switch (c) {
    case ErrorCode::TruncatedLinkHeader:
      return "truncated_link_header";
    case ErrorCode::BadLinkHeader:
      return "bad_link_header";
    case ErrorCode::BadFcs:
      return "bad_fcs";
    case ErrorCode::BadCrc:
      return "bad_crc";
    case ErrorCode::TruncatedFrame:
      return "truncated_frame";
    case ErrorCode::TruncatedElement:
      return "truncated_element";
    case ErrorCode::BadServiceInfo:
      return "bad_service_info";
    case ErrorCode::BadMessageSize:
      return "bad_message_size";
    case ErrorCode::BadPackCount:
      return "bad_pack_count";
    case ErrorCode::TruncatedMessage:
      return "truncated_message";
    case ErrorCode::NestedPack:
      return "nested_pack";
    case ErrorCode::ReservedMessageType:
      return "reserved_message_type";
  }
  return "unknown";
}

}  // namespace dewline::ingest::remoteid
