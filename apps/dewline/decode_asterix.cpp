// dewline decode --format asterix: prints every ASTERIX record of a pcap/pcapng capture, a raw
// block file or a live UDP feed (udp://HOST:PORT, multicast joined; "?interface=IP" to pick the
// interface), one JSON object per line with --json, else one short text line per record.
//
// The stable interface (issue 4): each CAT048/CAT034 record gives `cat`, `sac`, `sic`,
// `time_of_day_s`; CAT048 adds `rho_nm`, `theta_deg`, `mode3a` (4 octal digits), `flight_level`,
// `address` (6 lowercase hex digits), `callsign`, `track_number` where present; CAT034 adds
// `message_type` (I034/000 value) and `sector_deg` where present. Every bad record, block or
// stretch of garbage, and every block of a category not decoded, is one object with `error`
// ("<kind>: <reason>") and `offset`. `offset` is a byte offset in the UDP payload (pcap, UDP,
// with `frame` the capture frame / datagram number) or in the file (raw blocks).
// Exit code: 0 when everything decoded, 1 when anything was reported or the input failed.
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "apps/dewline/decode_formats.hpp"
#include "core/reject_counter.hpp"
#include "ingest/asterix/datagram_decoder.hpp"
#include "ingest/asterix/input_source.hpp"

namespace dewline::app {
namespace {

namespace ax = ingest::asterix;
using Json = nlohmann::ordered_json;

std::string hex6(std::uint32_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06x", v & 0xFFFFFFU);
  return buf;
}

std::string hhmmss(double tod) {
  const auto ms = static_cast<long long>(tod * 1000.0 + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%03lld", ms / 3600000, ms / 60000 % 60,
                ms / 1000 % 60, ms % 1000);
  return buf;
}

Json item_list(const ax::Uap& uap, const ax::RecordLayout& l) {
  Json items = Json::array();
  for (std::size_t frn = 1; frn <= uap.frn_count; ++frn) {
    if (l.has(frn)) {
      items.push_back(std::string(uap.frn[frn].name));
    }
  }
  return items;
}

class Printer final : public ax::RecordSink {
 public:
  Printer(bool json, bool raw_file) : json_(json), raw_file_(raw_file) {}

  void set_frame(std::uint64_t frame) { frame_ = frame; }
  [[nodiscard]] std::uint64_t records() const { return records_; }
  [[nodiscard]] const RejectCounter& errors() const { return errors_; }
  void set_sensor(const std::string& s) { sensor_ = s; }

  void set_limit(std::uint64_t n) { limit_ = n; }
  [[nodiscard]] bool full() const { return limit_ > 0 && records_ >= limit_; }

  void on_cat048(const ax::Cat048Record& r, const ax::RecordContext& c) override {
    if (full()) {
      return;
    }
    ++records_;
    Json j = header(c);
    if (r.i010) {
      j["sac"] = r.i010->sac;
      j["sic"] = r.i010->sic;
    }
    if (r.i140) {
      j["time_of_day_s"] = *r.i140;
    }
    if (r.i020) {
      j["typ"] = r.i020->typ;
      j["sim"] = r.i020->sim;
      j["spi"] = r.i020->spi;
      j["rab"] = r.i020->rab;
    }
    if (r.i040) {
      j["rho_nm"] = r.i040->rho_nm;
      j["theta_deg"] = r.i040->theta_deg;
    }
    if (r.i070) {
      const auto o = r.i070->octal();
      j["mode3a"] = std::string(o.begin(), o.end());
      j["mode3a_v"] = r.i070->v;
      j["mode3a_g"] = r.i070->g;
      j["mode3a_l"] = r.i070->l;
    }
    if (r.i090) {
      j["flight_level"] = r.i090->fl;
      j["flight_level_v"] = r.i090->v;
      j["flight_level_g"] = r.i090->g;
    }
    if (r.i220) {
      j["address"] = hex6(*r.i220);
    }
    if (r.i240) {
      j["callsign"] = std::string(r.i240->trimmed());
    }
    if (r.i161) {
      j["track_number"] = *r.i161;
    }
    if (r.i042) {
      j["x_nm"] = r.i042->x_nm;
      j["y_nm"] = r.i042->y_nm;
    }
    if (r.i200) {
      j["groundspeed_kt"] = r.i200->gsp_nm_s * 3600.0;
      j["heading_deg"] = r.i200->hdg_deg;
    }
    if (r.i110) {
      j["height_3d_ft"] = *r.i110;
    }
    if (r.i120 && r.i120->cal) {
      j["doppler_mps"] = r.i120->cal->cal_mps;
      j["doppler_doubtful"] = r.i120->cal->d;
    }
    if (r.i170) {
      j["track_status"] = {{"cnf", r.i170->cnf}, {"rad", r.i170->rad}, {"dou", r.i170->dou},
                           {"mah", r.i170->mah}, {"cdm", r.i170->cdm}, {"tre", r.i170->tre},
                           {"gho", r.i170->gho}};
    }
    if (r.i130) {
      Json p = Json::object();
      if (r.i130->srl_deg) {
        p["srl_deg"] = *r.i130->srl_deg;
      }
      if (r.i130->srr) {
        p["srr"] = *r.i130->srr;
      }
      if (r.i130->sam_dbm) {
        p["sam_dbm"] = *r.i130->sam_dbm;
      }
      if (r.i130->prl_deg) {
        p["prl_deg"] = *r.i130->prl_deg;
      }
      if (r.i130->pam_dbm) {
        p["pam_dbm"] = *r.i130->pam_dbm;
      }
      if (r.i130->rpd_nm) {
        p["rpd_nm"] = *r.i130->rpd_nm;
      }
      if (r.i130->apd_deg) {
        p["apd_deg"] = *r.i130->apd_deg;
      }
      j["plot_characteristics"] = std::move(p);
    }
    if (r.i250) {
      Json b = Json::array();
      for (std::size_t i = 0; i < r.i250->rep; ++i) {
        const ax::BdsRegister reg = r.i250->at(i);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%X%X:%014llx", reg.bds1, reg.bds2,
                      static_cast<unsigned long long>(reg.mbdata));
        b.push_back(buf);
      }
      j["bds"] = std::move(b);
    }
    j["items"] = item_list(ax::cat048_uap(), *c.layout);
    if (json_) {
      emit(j);
      return;
    }
    std::string line = prefix(c) + "CAT048";
    if (r.i010) {
      line += " " + std::to_string(r.i010->sac) + "/" + std::to_string(r.i010->sic);
    }
    if (r.i140) {
      line += " " + hhmmss(*r.i140);
    }
    if (r.i040) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " rho %.3f NM theta %.3f deg", r.i040->rho_nm,
                    r.i040->theta_deg);
      line += buf;
    }
    if (r.i070) {
      line += " A" + j["mode3a"].get<std::string>();
    }
    if (r.i090) {
      line += " FL" + fmt_num(r.i090->fl);
    }
    if (r.i220) {
      line += " " + hex6(*r.i220);
    }
    if (r.i240 && !r.i240->trimmed().empty()) {
      line += " " + std::string(r.i240->trimmed());
    }
    if (r.i161) {
      line += " track " + std::to_string(*r.i161);
    }
    std::printf("%s\n", line.c_str());
  }

  void on_cat034(const ax::Cat034Record& r, const ax::RecordContext& c) override {
    if (full()) {
      return;
    }
    ++records_;
    Json j = header(c);
    if (r.i010) {
      j["sac"] = r.i010->sac;
      j["sic"] = r.i010->sic;
    }
    if (r.i030) {
      j["time_of_day_s"] = *r.i030;
    }
    if (r.i000) {
      j["message_type"] = *r.i000;
      j["message_type_name"] = std::string(ax::message_type_name(*r.i000));
    }
    if (r.i020) {
      j["sector_deg"] = *r.i020;
    }
    if (r.i041) {
      j["antenna_rotation_period_s"] = *r.i041;
    }
    if (r.i120) {
      j["radar_position"] = {
          {"lat_deg", r.i120->lat_deg}, {"lon_deg", r.i120->lon_deg}, {"height_m", r.i120->hgt_m}};
    }
    if (r.i050) {
      Json s = Json::object();
      if (r.i050->com) {
        const auto& m = *r.i050->com;
        s["com"] = {{"nogo", m.nogo},     {"rdpc", m.rdpc}, {"rdpr", m.rdpr}, {"ovlrdp", m.ovlrdp},
                    {"ovlxmt", m.ovlxmt}, {"msc", m.msc},   {"tsv", m.tsv}};
      }
      if (r.i050->psr) {
        const auto& m = *r.i050->psr;
        s["psr"] = {{"ant", m.ant}, {"chab", m.chab}, {"ovl", m.ovl}, {"msc", m.msc}};
      }
      if (r.i050->ssr) {
        const auto& m = *r.i050->ssr;
        s["ssr"] = {{"ant", m.ant}, {"chab", m.chab}, {"ovl", m.ovl}, {"msc", m.msc}};
      }
      if (r.i050->mds) {
        const auto& m = *r.i050->mds;
        s["mds"] = {{"ant", m.ant}, {"chab", m.chab}, {"ovlsur", m.ovlsur}, {"msc", m.msc},
                    {"scf", m.scf}, {"dlf", m.dlf},   {"ovlscf", m.ovlscf}, {"ovldlf", m.ovldlf}};
      }
      j["system_configuration"] = std::move(s);
    }
    if (r.i060) {
      Json s = Json::object();
      if (r.i060->com) {
        s["com"] = {{"redrdp", r.i060->com->redrdp}, {"redxmt", r.i060->com->redxmt}};
      }
      if (r.i060->psr) {
        s["psr"] = {
            {"pol", r.i060->psr->pol}, {"redrad", r.i060->psr->redrad}, {"stc", r.i060->psr->stc}};
      }
      if (r.i060->ssr) {
        s["ssr"] = {{"redrad", r.i060->ssr->redrad}};
      }
      if (r.i060->mds) {
        s["mds"] = {{"redrad", r.i060->mds->redrad}, {"clu", r.i060->mds->clu}};
      }
      j["processing_mode"] = std::move(s);
    }
    if (r.i090) {
      j["collimation_error"] = {{"rng_nm", r.i090->rng_nm}, {"azm_deg", r.i090->azm_deg}};
    }
    j["items"] = item_list(ax::cat034_uap(), *c.layout);
    if (json_) {
      emit(j);
      return;
    }
    std::string line = prefix(c) + "CAT034";
    if (r.i010) {
      line += " " + std::to_string(r.i010->sac) + "/" + std::to_string(r.i010->sic);
    }
    if (r.i030) {
      line += " " + hhmmss(*r.i030);
    }
    if (r.i000) {
      line += " " + std::string(ax::message_type_name(*r.i000));
    }
    if (r.i020) {
      line += " sector " + fmt_num(*r.i020) + " deg";
    }
    if (r.i120) {
      char buf[96];
      std::snprintf(buf, sizeof buf, " radar at %.6f %.6f %.0f m", r.i120->lat_deg, r.i120->lon_deg,
                    r.i120->hgt_m);
      line += buf;
    }
    std::printf("%s\n", line.c_str());
  }

  void on_error(const ax::AsterixError& e) override {
    const std::string_view key = ax::reason_key(e.code());
    errors_.count(sensor_, key);
    const std::string text = std::string(key) + ": " + std::string(e.reason());
    if (json_) {
      Json j = Json::object();
      if (!raw_file_) {
        j["frame"] = frame_;
      }
      j["offset"] = e.offset();
      j["error"] = text;
      emit(j);
    } else {
      std::printf("%s+%zu ERROR %s\n", frame_prefix().c_str(), e.offset(), text.c_str());
    }
  }

 private:
  static std::string fmt_num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
  }
  Json header(const ax::RecordContext& c) const {
    Json j = Json::object();
    if (!raw_file_) {
      j["frame"] = frame_;
    }
    j["offset"] = c.record_offset;
    j["block"] = c.block_index;
    j["record"] = c.record_index;
    j["cat"] = c.category;
    return j;
  }
  std::string frame_prefix() const {
    return raw_file_ ? std::string() : "frame " + std::to_string(frame_) + " ";
  }
  std::string prefix(const ax::RecordContext& c) const {
    return frame_prefix() + "+" + std::to_string(c.record_offset) + " ";
  }
  static void emit(const Json& j) { std::printf("%s\n", j.dump().c_str()); }

  bool json_;
  bool raw_file_;
  std::uint64_t frame_ = 0;
  std::uint64_t records_ = 0;
  std::uint64_t limit_ = 0;
  RejectCounter errors_;
  std::string sensor_;
};

}  // namespace

int decode_asterix(const DecodeArgs& a) {
  ax::SourceOptions opt;
  auto src = ax::open_asterix_source(a.input, opt);
  if (!src) {
    std::fprintf(stderr, "dewline decode: %s\n", src.error().c_str());
    return 1;
  }
  ax::DatagramSource& source = **src;
  ax::AsterixDecoder decoder;
  std::unique_ptr<Printer> printer;
  double idle_s = 0.0;
  const double step_s = opt.receive_timeout.seconds();
  for (;;) {
    auto d = source.next();
    if (!d) {
      if (source.at_end()) {
        break;
      }
      idle_s += step_s;
      if (a.timeout_s > 0.0 && idle_s >= a.timeout_s) {
        break;
      }
      continue;
    }
    idle_s = 0.0;
    if (!printer) {
      // Raw block files have no capture time; their offsets are file offsets.
      printer = std::make_unique<Printer>(a.json, !d->capture_time.has_value());
      printer->set_sensor(a.sensor);
      printer->set_limit(a.max_records);
    }
    printer->set_frame(d->frame);
    decoder.decode(d->bytes, *printer, d->base_offset);
    if (printer->full()) {
      break;
    }
  }
  std::uint64_t records = printer ? printer->records() : 0;
  std::uint64_t errors = printer ? printer->errors().total() : 0;
  std::fprintf(stderr, "dewline decode: %s: %llu records, %llu errors", a.input.c_str(),
               static_cast<unsigned long long>(records), static_cast<unsigned long long>(errors));
  if (printer) {
    for (const auto& e : printer->errors().entries()) {
      std::fprintf(stderr, ", %s %llu", e.reason.c_str(), static_cast<unsigned long long>(e.count));
    }
  }
  std::fprintf(stderr, "\n");
  if (!source.error().empty()) {
    std::fprintf(stderr, "dewline decode: %s: %s\n", a.input.c_str(), source.error().c_str());
    return 1;
  }
  return errors > 0 ? 1 : 0;
}

}  // namespace dewline::app
