#include "ingest/remoteid/emitter_table.hpp"

#include <algorithm>

namespace dewline::ingest::remoteid {

void AuthAssembly::add(const Auth& a) {
  if (a.page >= kMaxPages) {
    return;
  }
  if (a.page == 0) {
    if (have_page0_ && (a.auth_type != auth_type_ || a.timestamp != timestamp_)) {
      received_ = 0;  // a new authentication set starts
    }
    have_page0_ = true;
    auth_type_ = a.auth_type;
    last_page_ = std::min(a.last_page_index, static_cast<std::uint8_t>(kMaxPages - 1));
    length_ = a.length;
    timestamp_ = a.timestamp;
    std::copy_n(a.data.begin(), 17, data_.begin());
  } else {
    if (have_page0_ && a.auth_type != auth_type_) {
      return;
    }
    const std::size_t at = 17 + (std::size_t{a.page} - 1) * 23;
    std::copy_n(a.data.begin(), 23, data_.begin() + static_cast<std::ptrdiff_t>(at));
  }
  received_ = static_cast<std::uint16_t>(received_ | (1U << a.page));
}

std::optional<std::span<const std::uint8_t>> AuthAssembly::complete() const {
  if (!have_page0_) {
    return std::nullopt;
  }
  const auto need = static_cast<std::uint16_t>((1U << (last_page_ + 1U)) - 1U);
  if ((received_ & need) != need) {
    return std::nullopt;
  }
  const std::size_t held = 17 + std::size_t{last_page_} * 23;
  return std::span<const std::uint8_t>(data_.data(), std::min<std::size_t>(length_, held));
}

std::string_view EmitterState::remote_id() const {
  const IdentityRecord* best = nullptr;
  for (std::size_t i = 0; i < identity_count; ++i) {
    const IdentityRecord& r = identities[i];
    const bool serial = r.id_type == 1;
    if (best == nullptr || (serial && best->id_type != 1) ||
        (serial == (best->id_type == 1) && r.last_seen > best->last_seen)) {
      best = &r;
    }
  }
  return best != nullptr ? best->uas_id.text() : std::string_view{};
}

bool EmitterState::several_identities() const {
  if (identities_not_stored > 0) {
    return true;
  }
  for (std::size_t i = 0; i < identity_count; ++i) {
    for (std::size_t j = i + 1; j < identity_count; ++j) {
      if (identities[i].id_type == identities[j].id_type) {
        return true;  // stored records are distinct pairs, so the IDs differ
      }
    }
  }
  return false;
}

void EmitterState::note_basic_id(const BasicId& b, Time t) {
  ua_type = b.ua_type;
  if (b.uas_id.text().empty()) {
    return;
  }
  for (std::size_t i = 0; i < identity_count; ++i) {
    if (identities[i].id_type == b.id_type && identities[i].uas_id == b.uas_id) {
      identities[i].last_seen = t;
      return;
    }
  }
  if (identity_count < identities.size()) {
    identities[identity_count++] = IdentityRecord{b.id_type, b.uas_id, t, t};
  } else {
    ++identities_not_stored;
  }
}

EmitterState& EmitterTable::update(const FrameInfo& info, Time t, const Message& m) {
  const MacAddress address = info.has_transmitter ? info.transmitter : MacAddress{};
  const std::uint64_t key = address.key();
  auto it = std::lower_bound(emitters_.begin(), emitters_.end(), key,
                             [](const EmitterState& e, std::uint64_t k) {
                               return e.address.key() < k;
                             });
  if (it == emitters_.end() || it->address.key() != key) {
    if (max_emitters_ > 0 && emitters_.size() >= max_emitters_) {
      auto oldest = std::min_element(emitters_.begin(), emitters_.end(),
                                     [](const EmitterState& a, const EmitterState& b) {
                                       return a.last_seen < b.last_seen;
                                     });
      const bool before = oldest < it;
      emitters_.erase(oldest);
      ++evicted_;
      if (before) {
        --it;
      }
    }
    EmitterState fresh;
    fresh.address = address;
    fresh.first_seen = t;
    it = emitters_.insert(it, fresh);
  }
  EmitterState& e = *it;
  e.transport = info.transport;
  e.last_seen = t;
  ++e.messages;
  if (const auto* b = std::get_if<BasicId>(&m.body)) {
    e.note_basic_id(*b, t);
  } else if (const auto* l = std::get_if<Location>(&m.body)) {
    e.location = *l;
    e.location_time = t;
  } else if (const auto* a = std::get_if<Auth>(&m.body)) {
    e.auth.add(*a);
  } else if (const auto* s = std::get_if<SelfId>(&m.body)) {
    e.self_id = *s;
  } else if (const auto* y = std::get_if<System>(&m.body)) {
    e.system = *y;
    e.system_time = t;
  } else if (const auto* o = std::get_if<OperatorId>(&m.body)) {
    e.operator_id = *o;
  }
  return e;
}

const EmitterState* EmitterTable::find(const MacAddress& a) const {
  const std::uint64_t key = a.key();
  auto it = std::lower_bound(emitters_.begin(), emitters_.end(), key,
                             [](const EmitterState& e, std::uint64_t k) {
                               return e.address.key() < k;
                             });
  return it != emitters_.end() && it->address.key() == key ? &*it : nullptr;
}

std::size_t EmitterTable::expire(Time now, Duration max_age) {
  const std::size_t before = emitters_.size();
  std::erase_if(emitters_, [&](const EmitterState& e) { return now - e.last_seen > max_age; });
  return before - emitters_.size();
}

}  // namespace dewline::ingest::remoteid
