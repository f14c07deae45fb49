// dewline_sapient_frames: SAPIENT messages in the protobuf JSON mapping -> binary, each with its
// 4-byte little-endian length prefix (BSI Flex 335 v2.0 TCP framing). For fuzz seeds and for
// replaying recorded messages at a fusion node.
//
//   dewline_sapient_frames OUT.bin FILE.json...          all messages into one stream
//   dewline_sapient_frames --each OUTDIR FILE.json...    one OUTDIR/<name>.bin per message
//   --no-validate: also convert messages that break the standard's rules (only JSON/protobuf
//   errors are refused)
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/sapient/sapient_codec.hpp"

namespace {

bool write_file(const std::filesystem::path& p, const std::vector<std::byte>& b) {
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  namespace sp = dewline::ingest::sapient;
  bool each = false;
  bool validate = true;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--each") == 0) {
      each = true;
    } else if (std::strcmp(argv[i], "--no-validate") == 0) {
      validate = false;
    } else {
      args.emplace_back(argv[i]);
    }
  }
  if (args.size() < 2) {
    std::fprintf(stderr, "usage: dewline_sapient_frames [--each] [--no-validate] OUT FILE.json...\n");
    return 2;
  }
  const std::filesystem::path out(args[0]);
  if (each) {
    std::filesystem::create_directories(out);
  }
  std::vector<std::byte> stream;
  int bad = 0;
  sapient_pb::SapientMessage msg;
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::ifstream in(args[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto r = validate ? sp::parse_json(ss.str(), msg) : sp::parse_json_unvalidated(ss.str(), msg);
    if (!r) {
      std::fprintf(stderr, "%s: %s\n", args[i].c_str(), r.error().message().c_str());
      ++bad;
      continue;
    }
    if (each) {
      std::vector<std::byte> one;
      sp::encode_frame(msg, one);
      if (!write_file(out / (std::filesystem::path(args[i]).stem().string() + ".bin"), one)) {
        std::fprintf(stderr, "cannot write into %s\n", out.c_str());
        return 1;
      }
    } else {
      sp::encode_frame(msg, stream);
    }
  }
  if (!each && !write_file(out, stream)) {
    std::fprintf(stderr, "cannot write %s\n", out.c_str());
    return 1;
  }
  return bad == 0 ? 0 : 1;
}
