#include "tests/ingest/asterix/tshark_pdml.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>

namespace dewline::test {
namespace {

struct Node {
  std::string tag;
  std::map<std::string, std::string> attrs;
  std::vector<Node> children;

  [[nodiscard]] std::string attr(const std::string& k) const {
    auto it = attrs.find(k);
    return it == attrs.end() ? std::string() : it->second;
  }
  [[nodiscard]] std::size_t num(const std::string& k) const {
    return static_cast<std::size_t>(std::strtoull(attr(k).c_str(), nullptr, 10));
  }
};

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const auto semi = s.find(';', i);
    if (semi == std::string::npos) {
      out += s[i];
      continue;
    }
    const std::string ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp") {
      out += '&';
    } else if (ent == "lt") {
      out += '<';
    } else if (ent == "gt") {
      out += '>';
    } else if (ent == "quot") {
      out += '"';
    } else if (ent == "apos") {
      out += '\'';
    } else if (!ent.empty() && ent[0] == '#') {
      const long c = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X')
                         ? std::strtol(ent.c_str() + 2, nullptr, 16)
                         : std::strtol(ent.c_str() + 1, nullptr, 10);
      out += c < 128 ? static_cast<char>(c) : '?';
    }
    i = semi;
  }
  return out;
}

// A small XML reader, enough for PDML: elements, attributes, self-closing tags; text ignored.
Node parse_xml(const std::string& x) {
  Node root;
  std::vector<Node*> stack{&root};
  std::size_t i = 0;
  while ((i = x.find('<', i)) != std::string::npos) {
    if (x.compare(i, 2, "<?") == 0 || x.compare(i, 2, "<!") == 0) {
      i = x.find('>', i);
      continue;
    }
    if (x.compare(i, 2, "</") == 0) {
      if (stack.size() > 1) {
        stack.pop_back();
      }
      i = x.find('>', i);
      continue;
    }
    ++i;
    std::size_t j = i;
    while (j < x.size() && x[j] != ' ' && x[j] != '>' && x[j] != '/' && x[j] != '\n') {
      ++j;
    }
    Node n;
    n.tag = x.substr(i, j - i);
    bool self_closing = false;
    for (;;) {
      while (j < x.size() && (x[j] == ' ' || x[j] == '\n' || x[j] == '\t' || x[j] == '\r')) {
        ++j;
      }
      if (j >= x.size()) {
        break;
      }
      if (x[j] == '/') {
        self_closing = true;
        j = x.find('>', j);
        break;
      }
      if (x[j] == '>') {
        break;
      }
      const auto eq = x.find('=', j);
      const std::string key = x.substr(j, eq - j);
      const char q = x[eq + 1];
      const auto end = x.find(q, eq + 2);
      n.attrs[key] = unescape(x.substr(eq + 2, end - eq - 2));
      j = end + 1;
    }
    i = j;
    stack.back()->children.push_back(std::move(n));
    if (!self_closing) {
      stack.push_back(&stack.back()->children.back());
    }
  }
  return root;
}

void collect_leaves(const Node& n, std::vector<PdmlField>& out) {
  for (const Node& c : n.children) {
    if (c.tag != "field") {
      continue;
    }
    const std::string name = c.attr("name");
    if (name == "asterix.FX" || name == "asterix.fspec") {
      continue;
    }
    if (c.children.empty()) {
      out.push_back(PdmlField{name, c.attr("show"), c.attr("value"), c.num("pos"), c.num("size")});
    } else {
      collect_leaves(c, out);
    }
  }
}

void find_problems(const Node& n, std::vector<std::string>& out) {
  for (const Node& c : n.children) {
    const std::string name = c.attr("name");
    if (name.rfind("_ws.malformed", 0) == 0 || name.rfind("_ws.expert", 0) == 0) {
      out.push_back(c.attr("showname"));
    }
    find_problems(c, out);
  }
}

}  // namespace

std::optional<double> pdml_number(const std::string& show) {
  if (show.empty()) {
    return std::nullopt;
  }
  char* end = nullptr;
  double v = 0.0;
  if (show.rfind("0x", 0) == 0) {
    v = static_cast<double>(std::strtoull(show.c_str() + 2, &end, 16));
  } else {
    v = std::strtod(show.c_str(), &end);
  }
  if (end == nullptr || *end != '\0') {
    return std::nullopt;
  }
  return v;
}

std::optional<PdmlCapture> run_tshark_pdml(const std::filesystem::path& pcap, std::string& error) {
  const std::string cmd =
      "tshark -r '" + pcap.string() + "' -d udp.port==0-65535,asterix -T pdml 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
  if (!p) {
    error = "cannot run: " + cmd;
    return std::nullopt;
  }
  std::string xml;
  char buf[65536];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p.get())) > 0) {
    xml.append(buf, n);
  }
  const int rc = pclose(p.release());
  if (rc != 0 || xml.find("<pdml") == std::string::npos) {
    error = "tshark failed (exit " + std::to_string(rc) + "): " + cmd;
    return std::nullopt;
  }
  const Node root = parse_xml(xml);
  PdmlCapture cap;
  for (const Node& pdml : root.children) {
    for (const Node& packet : pdml.children) {
      if (packet.tag != "packet") {
        continue;
      }
      ++cap.packets;
      std::uint64_t frame = cap.packets;
      for (const Node& proto : packet.children) {
        if (proto.attr("name") == "_ws.malformed") {
          cap.problems.push_back("frame " + std::to_string(frame) + ": malformed packet");
        }
        if (proto.attr("name") != "asterix") {
          continue;
        }
        find_problems(proto, cap.problems);
        int category = 0;
        for (const Node& f : proto.children) {
          if (f.attr("name") == "asterix.category") {
            category = std::atoi(f.attr("show").c_str());
          }
        }
        for (const Node& f : proto.children) {
          if (f.attr("name") != "asterix.message") {
            continue;
          }
          PdmlRecord r;
          r.frame = frame;
          r.category = category;
          r.block_pos = proto.num("pos");
          r.pos = f.num("pos");
          r.size = f.num("size");
          for (const Node& item : f.children) {
            const std::string name = item.attr("name");
            if (item.tag != "field" || name == "asterix.fspec") {
              continue;
            }
            PdmlItem it{name, item.num("pos"), item.num("size"), {}};
            if (item.children.empty()) {
              it.leaves.push_back(
                  PdmlField{name, item.attr("show"), item.attr("value"), it.pos, it.size});
            } else {
              collect_leaves(item, it.leaves);
            }
            r.items.push_back(std::move(it));
          }
          cap.records.push_back(std::move(r));
        }
      }
    }
  }
  return cap;
}

}  // namespace dewline::test
