// decode_adsb.cpp: placeholder until this protocol's decoder lands (README status table).
#include <cstdio>

#include "apps/dewline/decode_formats.hpp"

namespace dewline::app {

int decode_beast(const DecodeArgs& a) {
  std::fprintf(stderr, "dewline decode: format '%s' is not implemented yet\n", a.format.c_str());
  return 2;
}

int decode_sbs(const DecodeArgs& a) {
  std::fprintf(stderr, "dewline decode: format '%s' is not implemented yet\n", a.format.c_str());
  return 2;
}

int decode_modes_hex(const DecodeArgs& a) {
  std::fprintf(stderr, "dewline decode: format '%s' is not implemented yet\n", a.format.c_str());
  return 2;
}

}  // namespace dewline::app
