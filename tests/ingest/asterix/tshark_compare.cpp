#include "tests/ingest/asterix/tshark_compare.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace dewline::test {
namespace {

namespace ax = ingest::asterix;

// Leaf fields are named "<item>_<FIELD>" except the repetition counter ("asterix.counter"),
// which belongs to the item being listed (set by item()).
class Fields {
 public:
  void item(const std::string& name) { item_ = name; }
  void num(const std::string& name, double v) { out_.push_back({item_of(name), name, v, {}}); }
  void text(const std::string& name, const std::string& v) {
    out_.push_back({item_of(name), name, {}, v});
  }
  std::vector<ExpectedField> take() { return std::move(out_); }

 private:
  std::string item_of(const std::string& name) const {
    return name == "asterix.counter" ? item_ : name.substr(0, 15);  // "asterix.048_040"
  }
  std::vector<ExpectedField> out_;
  std::string item_;
};

std::string hex(unsigned long long v, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "0x%0*llx", digits, v);
  return buf;
}

// tshark's item field name for FRN `frn` of the UAP: "I048/040" -> "asterix.048_040".
std::string tshark_item_name(const ax::Uap& uap, std::size_t frn) {
  const std::string n(uap.frn[frn].name);  // "I048/040" or "I048/SP"
  return "asterix." + n.substr(1, 3) + "_" + n.substr(5);
}

}  // namespace

std::vector<ExpectedField> expected_fields(const ax::Cat048Record& r) {
  Fields f;
  const std::string p = "asterix.048_";
  if (r.i010) {
    f.num(p + "010_SAC", r.i010->sac);
    f.num(p + "010_SIC", r.i010->sic);
  }
  if (r.i140) {
    f.num(p + "140_VALUE", *r.i140);
  }
  if (r.i020) {
    const auto& d = *r.i020;
    f.num(p + "020_TYP", d.typ);
    f.num(p + "020_SIM", d.sim);
    f.num(p + "020_RDP", d.rdp);
    f.num(p + "020_SPI", d.spi);
    f.num(p + "020_RAB", d.rab);
    if (d.octets >= 2) {
      f.num(p + "020_TST", d.tst);
      f.num(p + "020_ERR", d.err);
      f.num(p + "020_XPP", d.xpp);
      f.num(p + "020_ME", d.me);
      f.num(p + "020_MI", d.mi);
      f.num(p + "020_FOEFRI", d.foefri);
    }
    if (d.octets >= 3) {  // tshark shows each EP/VAL pair as one 2-bit field
      f.num(p + "020_ADSB", d.adsb_ep * 2 + d.adsb_val);
      f.num(p + "020_SCN", d.scn_ep * 2 + d.scn_val);
      f.num(p + "020_PAI", d.pai_ep * 2 + d.pai_val);
    }
  }
  if (r.i040) {
    f.num(p + "040_RHO", r.i040->rho_nm);
    f.num(p + "040_THETA", r.i040->theta_deg);
  }
  if (r.i070) {
    f.num(p + "070_V", r.i070->v);
    f.num(p + "070_G", r.i070->g);
    f.num(p + "070_L", r.i070->l);
    f.num(p + "070_MODE3A", r.i070->mode3a);
  }
  if (r.i090) {
    f.num(p + "090_V", r.i090->v);
    f.num(p + "090_G", r.i090->g);
    f.num(p + "090_FL", r.i090->fl);
  }
  if (r.i130) {
    const auto& c = *r.i130;
    if (c.srl_deg) {
      f.num(p + "130_SRL_VALUE", *c.srl_deg);
    }
    if (c.srr) {
      f.num(p + "130_SRR_VALUE", *c.srr);
    }
    if (c.sam_dbm) {
      f.num(p + "130_SAM_VALUE", *c.sam_dbm);
    }
    if (c.prl_deg) {
      f.num(p + "130_PRL_VALUE", *c.prl_deg);
    }
    if (c.pam_dbm) {
      f.num(p + "130_PAM_VALUE", *c.pam_dbm);
    }
    if (c.rpd_nm) {
      f.num(p + "130_RPD_VALUE", *c.rpd_nm);
    }
    if (c.apd_deg) {
      f.num(p + "130_APD_VALUE", *c.apd_deg);
    }
  }
  if (r.i220) {
    f.num(p + "220_VALUE", *r.i220);
  }
  if (r.i240) {
    f.text(p + "240_VALUE", std::string(r.i240->chars.begin(), r.i240->chars.end()));
  }
  if (r.i250) {
    f.item(p + "250");
    f.num("asterix.counter", r.i250->rep);
    for (std::size_t i = 0; i < r.i250->rep; ++i) {
      const ax::BdsRegister b = r.i250->at(i);
      f.text(p + "250_MBDATA", hex(b.mbdata, 16));
      f.num(p + "250_BDS1", b.bds1);
      f.num(p + "250_BDS2", b.bds2);
    }
  }
  if (r.i161) {
    f.num(p + "161_TRN", *r.i161);
  }
  if (r.i042) {
    f.num(p + "042_X", r.i042->x_nm);
    f.num(p + "042_Y", r.i042->y_nm);
  }
  if (r.i200) {
    f.num(p + "200_GSP", r.i200->gsp_nm_s);
    f.num(p + "200_HDG", r.i200->hdg_deg);
  }
  if (r.i170) {
    const auto& t = *r.i170;
    f.num(p + "170_CNF", t.cnf);
    f.num(p + "170_RAD", t.rad);
    f.num(p + "170_DOU", t.dou);
    f.num(p + "170_MAH", t.mah);
    f.num(p + "170_CDM", t.cdm);
    if (t.octets >= 2) {
      f.num(p + "170_TRE", t.tre);
      f.num(p + "170_GHO", t.gho);
      f.num(p + "170_SUP", t.sup);
      f.num(p + "170_TCC", t.tcc);
    }
  }
  if (r.i210) {
    f.num(p + "210_SIGX", r.i210->sigx_nm);
    f.num(p + "210_SIGY", r.i210->sigy_nm);
    f.num(p + "210_SIGV", r.i210->sigv_nm_s);
    f.num(p + "210_SIGH", r.i210->sigh_deg);
  }
  if (r.i110) {
    f.num(p + "110_3DH", *r.i110);
  }
  if (r.i120) {
    if (r.i120->cal) {
      f.num(p + "120_CAL_D", r.i120->cal->d);
      f.num(p + "120_CAL_CAL", r.i120->cal->cal_mps);
    }
    if (r.i120->rds_rep) {
      f.item(p + "120");
      f.num("asterix.counter", *r.i120->rds_rep);
      for (std::size_t i = 0; i < *r.i120->rds_rep; ++i) {
        const auto e = r.i120->rds(i);
        f.num(p + "120_RDS_DOP", e.dop_mps);
        f.num(p + "120_RDS_AMB", e.amb_mps);
        f.num(p + "120_RDS_FRQ", e.frq_mhz);
      }
    }
  }
  if (r.i230) {
    const auto& c = *r.i230;
    f.num(p + "230_COM", c.com);
    f.num(p + "230_STAT", c.stat);
    f.num(p + "230_SI", c.si);
    f.num(p + "230_MSSC", c.mssc);
    f.num(p + "230_ARC", c.arc);
    f.num(p + "230_AIC", c.aic);
    f.num(p + "230_B1A", c.b1a);
    f.num(p + "230_B1B", c.b1b);
  }
  return f.take();
}

std::vector<ExpectedField> expected_fields(const ax::Cat034Record& r) {
  Fields f;
  const std::string p = "asterix.034_";
  if (r.i010) {
    f.num(p + "010_SAC", r.i010->sac);
    f.num(p + "010_SIC", r.i010->sic);
  }
  if (r.i000) {
    f.num(p + "000_VALUE", *r.i000);
  }
  if (r.i030) {
    f.num(p + "030_VALUE", *r.i030);
  }
  if (r.i020) {
    f.num(p + "020_VALUE", *r.i020);
  }
  if (r.i041) {
    f.num(p + "041_VALUE", *r.i041);
  }
  if (r.i050) {
    const auto& s = *r.i050;
    if (s.com) {
      f.num(p + "050_COM_NOGO", s.com->nogo);
      f.num(p + "050_COM_RDPC", s.com->rdpc);
      f.num(p + "050_COM_RDPR", s.com->rdpr);
      f.num(p + "050_COM_OVLRDP", s.com->ovlrdp);
      f.num(p + "050_COM_OVLXMT", s.com->ovlxmt);
      f.num(p + "050_COM_MSC", s.com->msc);
      f.num(p + "050_COM_TSV", s.com->tsv);
    }
    for (const auto& [name, sub] : {std::pair{"PSR", &s.psr}, std::pair{"SSR", &s.ssr}}) {
      if (*sub) {
        const std::string q = p + "050_" + name + "_";
        f.num(q + "ANT", (*sub)->ant);
        f.num(q + "CHAB", (*sub)->chab);
        f.num(q + "OVL", (*sub)->ovl);
        f.num(q + "MSC", (*sub)->msc);
      }
    }
    if (s.mds) {
      f.num(p + "050_MDS_ANT", s.mds->ant);
      f.num(p + "050_MDS_CHAB", s.mds->chab);
      f.num(p + "050_MDS_OVLSUR", s.mds->ovlsur);
      f.num(p + "050_MDS_MSC", s.mds->msc);
      f.num(p + "050_MDS_SCF", s.mds->scf);
      f.num(p + "050_MDS_DLF", s.mds->dlf);
      f.num(p + "050_MDS_OVLSCF", s.mds->ovlscf);
      f.num(p + "050_MDS_OVLDLF", s.mds->ovldlf);
    }
  }
  if (r.i060) {
    const auto& s = *r.i060;
    if (s.com) {
      f.num(p + "060_COM_REDRDP", s.com->redrdp);
      f.num(p + "060_COM_REDXMT", s.com->redxmt);
    }
    if (s.psr) {
      f.num(p + "060_PSR_POL", s.psr->pol);
      f.num(p + "060_PSR_REDRAD", s.psr->redrad);
      f.num(p + "060_PSR_STC", s.psr->stc);
    }
    if (s.ssr) {
      f.num(p + "060_SSR_REDRAD", s.ssr->redrad);
    }
    if (s.mds) {
      f.num(p + "060_MDS_REDRAD", s.mds->redrad);
      f.num(p + "060_MDS_CLU", s.mds->clu);
    }
  }
  if (r.i070) {
    f.item(p + "070");
    f.num("asterix.counter", r.i070->rep);
    for (std::size_t i = 0; i < r.i070->rep; ++i) {
      const auto e = r.i070->entry(i);
      f.num(p + "070_TYP", e.typ);
      f.num(p + "070_COUNT", e.count);
    }
  }
  if (r.i100) {
    f.num(p + "100_RHOST", r.i100->rhost_nm);
    f.num(p + "100_RHOEND", r.i100->rhoend_nm);
    f.num(p + "100_THETAST", r.i100->thetast_deg);
    f.num(p + "100_THETAEND", r.i100->thetaend_deg);
  }
  if (r.i110) {
    f.num(p + "110_VALUE", *r.i110);
  }
  if (r.i120) {
    f.num(p + "120_HGT", r.i120->hgt_m);
    f.num(p + "120_LAT", r.i120->lat_deg);
    f.num(p + "120_LON", r.i120->lon_deg);
  }
  if (r.i090) {
    f.num(p + "090_RNG", r.i090->rng_nm);
    f.num(p + "090_AZM", r.i090->azm_deg);
  }
  return f.take();
}

std::vector<std::string> compare_record(const PdmlRecord& t, const std::vector<ExpectedField>& mine,
                                        const ax::RecordLayout& layout, const ax::Uap& uap,
                                        std::size_t frame_offset_of_payload,
                                        int* fl_sign_differences) {
  std::vector<std::string> bad;
  auto where = [&t](const std::string& what) {
    return "frame " + std::to_string(t.frame) + " record@" + std::to_string(t.pos) + ": " + what;
  };
  if (t.pos != layout.offset + frame_offset_of_payload || t.size != layout.length) {
    bad.push_back(where("record at " + std::to_string(layout.offset + frame_offset_of_payload) +
                        " size " + std::to_string(layout.length) + " in dewline, size " +
                        std::to_string(t.size) + " in tshark"));
  }
  // (1) Same items at the same places.
  std::map<std::string, const PdmlItem*> theirs;
  for (const PdmlItem& it : t.items) {
    theirs[it.name] = &it;
  }
  std::set<std::string> mine_items;
  for (std::size_t frn = 1; frn <= uap.frn_count; ++frn) {
    if (!layout.has(frn)) {
      continue;
    }
    const std::string name = tshark_item_name(uap, frn);
    mine_items.insert(name);
    auto it = theirs.find(name);
    if (it == theirs.end()) {
      bad.push_back(where(name + " decoded by dewline, absent in tshark"));
      continue;
    }
    const ax::ItemSpan s = layout.item(frn);
    if (it->second->pos != s.offset + frame_offset_of_payload || it->second->size != s.length) {
      bad.push_back(where(name + " at " + std::to_string(s.offset + frame_offset_of_payload) + "+" +
                          std::to_string(s.length) + " in dewline, " +
                          std::to_string(it->second->pos) + "+" + std::to_string(it->second->size) +
                          " in tshark"));
    }
  }
  for (const auto& [name, item] : theirs) {
    if (mine_items.count(name) == 0) {
      bad.push_back(where(name + " in tshark, absent in dewline"));
    }
  }
  // (2) Same leaf values, in tshark's order, for every item dewline interprets.
  std::map<std::string, std::vector<const ExpectedField*>> by_item;
  for (const ExpectedField& e : mine) {
    by_item[e.item].push_back(&e);
  }
  for (const PdmlItem& it : t.items) {
    const std::vector<const ExpectedField*>& ordered = by_item[it.name];
    if (ordered.empty()) {
      continue;  // an item dewline skips by its length rule: (1) checked its span
    }
    if (ordered.size() != it.leaves.size()) {
      bad.push_back(where(it.name + ": " + std::to_string(it.leaves.size()) +
                          " fields in tshark, " + std::to_string(ordered.size()) + " in dewline"));
      continue;
    }
    for (std::size_t i = 0; i < ordered.size(); ++i) {
      const PdmlField& tf = it.leaves[i];
      const ExpectedField& e = *ordered[i];
      if (tf.name != e.name) {
        bad.push_back(where("field " + std::to_string(i) + " of " + it.name + ": " + tf.name +
                            " in tshark, " + e.name + " in dewline"));
        continue;
      }
      if (!e.number) {
        if (tf.show != e.text) {
          bad.push_back(
              where(e.name + " = \"" + tf.show + "\" in tshark, \"" + e.text + "\" in dewline"));
        }
        continue;
      }
      const auto v = pdml_number(tf.show);
      double want_v = *e.number;
      if (e.name == "asterix.048_090_FL" && want_v < 0 && v && *v >= 2048.0) {
        want_v += 4096.0;  // tshark 4.0 shows the 14-bit FL unsigned (EXPECTED.md)
        if (fl_sign_differences != nullptr) {
          ++*fl_sign_differences;
        }
      }
      if (!v || std::fabs(*v - want_v) > 1e-9 * std::max(1.0, std::fabs(want_v))) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", *e.number);
        bad.push_back(where(e.name + " = " + tf.show + " in tshark, " + buf + " in dewline"));
      }
    }
  }
  return bad;
}

}  // namespace dewline::test
