#include "sim/jsonl_emitter.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ingest/exchange/native_json.hpp"

namespace dewline::sim {
namespace {

class JsonlEmitter final : public Emitter {
 public:
  explicit JsonlEmitter(std::filesystem::path path) : path_(std::move(path)) {}
  ~JsonlEmitter() override {
    if (file_ != nullptr && file_ != stdout) {
      std::fclose(file_);
    }
  }
  JsonlEmitter(const JsonlEmitter&) = delete;
  JsonlEmitter& operator=(const JsonlEmitter&) = delete;

  [[nodiscard]] std::string_view name() const override { return "jsonl"; }

  Result<void, std::string> open(const EmitterContext& /*ctx*/) override {
    if (path_ == "-") {
      file_ = stdout;
      return {};
    }
    std::error_code ec;
    if (path_.has_parent_path()) {
      std::filesystem::create_directories(path_.parent_path(), ec);
    }
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) {
      return unexpected(
          fmt::format("{}: cannot open for writing: {}", path_.string(), std::strerror(errno)));
    }
    return {};
  }

  Result<void, std::string> detection(const SensorInfo& /*sensor*/, const Detection& d,
                                      const ScanRef* /*scan*/) override {
    line_ = ingest::to_json(d).dump();
    line_ += '\n';
    if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) {
      return unexpected(fmt::format("{}: write failed", path_.string()));
    }
    return {};
  }

  Result<void, std::string> close() override {
    if (file_ == nullptr) {
      return {};
    }
    const bool ok = file_ == stdout ? std::fflush(file_) == 0 : std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok) {
      return unexpected(fmt::format("{}: write failed", path_.string()));
    }
    return {};
  }

 private:
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::string line_;
};

}  // namespace

std::unique_ptr<Emitter> make_jsonl_emitter(const std::filesystem::path& path) {
  return std::make_unique<JsonlEmitter>(path);
}

}  // namespace dewline::sim
