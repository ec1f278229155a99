// SPDX-License-Identifier: Apache-2.0
//
// OPA's network built-ins: net.cidr_contains, cidr_intersects, cidr_expand,
// cidr_merge, cidr_is_valid, cidr_contains_matches, and net.lookup_ip_addr.
//
// Addresses and CIDRs are parsed as Go's net.ParseIP / net.ParseCIDR accept
// them (dotted IPv4 without leading zeros, IPv6 with "::" and an optional
// dotted tail, no zones) and printed as Go prints them (RFC 5952 style).
// Arguments are untrusted: cidr_expand refuses ranges of more than
// kMaxExpand addresses rather than exhausting memory. Errors are OPA's
// messages as BuiltinResults; nothing throws. net.lookup_ip_addr never
// touches the network unless the query allows it, and even then this build
// has no resolver wired in (see the TODO below). Stateless; thread-safe.
#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#include <arpa/inet.h>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect_all;
using builtins::operand_error;
__extension__ typedef unsigned __int128 U128;

// Largest range cidr_expand materialises (a /16 of IPv4).
constexpr std::uint64_t kMaxExpand = 65536;

// One address: 32 or 128 bits held in the low bits of `bits`.
struct Address {
  U128 bits = 0;
  bool v4 = true;
  int width() const { return v4 ? 32 : 128; }
};

struct Network {
  Address first;  // masked
  int prefix = 0;

  U128 mask() const {
    int width = first.width();
    if (prefix == 0) return 0;
    U128 all = width == 128 ? ~U128(0) : ((U128(1) << width) - 1);
    return all & ~((U128(1) << (width - prefix)) - 1) & all;
  }
  U128 last() const {
    int width = first.width();
    U128 all = width == 128 ? ~U128(0) : ((U128(1) << width) - 1);
    return first.bits | (all & ~mask());
  }
  bool contains(const Address& address) const {
    return address.v4 == first.v4 && (address.bits & mask()) == first.bits;
  }
};

std::optional<Address> parse_ip(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::string copy(text);
  std::array<unsigned char, 16> bytes{};
  Address address;
  if (copy.find(':') == std::string::npos) {
    if (inet_pton(AF_INET, copy.c_str(), bytes.data()) != 1) {
      return std::nullopt;
    }
    for (int i = 0; i < 4; ++i) address.bits = (address.bits << 8) | bytes[i];
    return address;
  }
  if (inet_pton(AF_INET6, copy.c_str(), bytes.data()) != 1) {
    return std::nullopt;
  }
  address.v4 = false;
  for (int i = 0; i < 16; ++i) address.bits = (address.bits << 8) | bytes[i];
  return address;
}

std::optional<Network> parse_cidr(std::string_view text) {
  std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto address = parse_ip(text.substr(0, slash));
  std::string_view digits = text.substr(slash + 1);
  if (!address || digits.empty() || digits.size() > 3) return std::nullopt;
  int prefix = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    prefix = prefix * 10 + (c - '0');
  }
  if (prefix > address->width()) return std::nullopt;
  Network network{*address, prefix};
  network.first.bits &= network.mask();
  return network;
}

std::string format_ip(const Address& address) {
  char buffer[64];
  if (address.v4) {
    auto b = static_cast<std::uint32_t>(address.bits);
    std::snprintf(buffer, sizeof buffer, "%u.%u.%u.%u", b >> 24,
                  (b >> 16) & 0xff, (b >> 8) & 0xff, b & 0xff);
    return buffer;
  }
  std::array<unsigned, 8> groups{};
  for (int i = 0; i < 8; ++i) {
    groups[i] =
        static_cast<unsigned>((address.bits >> (112 - 16 * i)) & 0xffff);
  }
  // Go prints an IPv4-mapped address as dotted IPv4.
  if ((address.bits >> 32) == 0xffff) {
    Address v4{address.bits & 0xffffffffu, true};
    return format_ip(v4);
  }
  // The longest run of zero groups (at least two) becomes "::".
  int best = -1, best_length = 1;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_length) {
      best = i;
      best_length = j - i;
    }
    i = j;
  }
  std::string text;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      text += "::";
      i += best_length - 1;
      continue;
    }
    if (!text.empty() && text.back() != ':') text += ':';
    std::snprintf(buffer, sizeof buffer, "%x", groups[i]);
    text += buffer;
  }
  return text;
}

std::string format_cidr(const Network& network) {
  return format_ip(network.first) + "/" + std::to_string(network.prefix);
}

BuiltinResult invalid_cidr(std::string_view text) {
  return BuiltinResult::error("invalid CIDR address: " + std::string(text));
}

// cidr_contains: a network against an address or another network.
std::optional<bool> contains(const Network& outer, std::string_view inner,
                             std::string* bad) {
  if (auto ip = parse_ip(inner)) return outer.contains(*ip);
  auto network = parse_cidr(inner);
  if (!network) {
    *bad = std::string(inner);
    return std::nullopt;
  }
  return outer.contains(network->first) &&
         outer.contains(Address{network->last(), network->first.v4});
}

BuiltinResult cidr_contains(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) return *error;
  auto outer = parse_cidr(args[0].as_string());
  if (!outer) return invalid_cidr(args[0].as_string());
  std::string bad;
  auto result = contains(*outer, args[1].as_string(), &bad);
  if (!result) return invalid_cidr(bad);
  return BuiltinResult::of(Value::boolean(*result));
}

BuiltinResult cidr_intersects(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) return *error;
  auto a = parse_cidr(args[0].as_string());
  if (!a) return invalid_cidr(args[0].as_string());
  auto b = parse_cidr(args[1].as_string());
  if (!b) return invalid_cidr(args[1].as_string());
  bool result = a->contains(b->first) || b->contains(a->first);
  return BuiltinResult::of(Value::boolean(result));
}

BuiltinResult cidr_is_valid(BuiltinArgs args, BuiltinContext&) {
  bool valid = args[0].is_string() && parse_cidr(args[0].as_string());
  return BuiltinResult::of(Value::boolean(valid));
}

BuiltinResult cidr_expand(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  auto network = parse_cidr(args[0].as_string());
  if (!network) return invalid_cidr(args[0].as_string());
  U128 count = network->last() - network->first.bits;
  if (count >= kMaxExpand) {
    // TODO(rego): OPA expands any range until the query is cancelled; we
    // refuse ranges over 65536 addresses so a policy cannot exhaust memory.
    return BuiltinResult::error("CIDR too large to expand (more than " +
                                std::to_string(kMaxExpand) + " addresses)");
  }
  std::vector<Value> items;
  for (U128 i = 0; i <= count; ++i) {
    Address address{network->first.bits + i, network->first.v4};
    items.push_back(Value::string(format_ip(address)));
  }
  return BuiltinResult::of(Value::set(std::move(items)));
}

// --- cidr_contains_matches --------------------------------------------

// The CIDR of one collection item: a string, or the first element of an
// array ("tuple" with extra data).
std::optional<Value> match_term(const Value& item, std::string* error) {
  if (item.is_string()) return item;
  if (item.is_array()) {
    if (item.array_items().empty()) {
      *error = "cidr tuple must have at least one element";
      return std::nullopt;
    }
    return item.array_items()[0];
  }
  *error = "cidr term must be string or array";
  return std::nullopt;
}

// (cidr, key) pairs of an operand: a string is its own key, arrays key by
// index, sets by item, objects by key.
std::optional<std::vector<std::pair<Value, Value>>> match_operand(
    const Value& operand, std::string* error) {
  std::vector<std::pair<Value, Value>> pairs;
  auto add = [&](const Value& item, const Value& key) {
    auto term = match_term(item, error);
    if (!term) return false;
    pairs.emplace_back(*term, key);
    return true;
  };
  if (operand.is_string()) {
    pairs.emplace_back(operand, operand);
  } else if (operand.is_array()) {
    const auto& items = operand.array_items();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!add(items[i], Value::integer(static_cast<std::int64_t>(i)))) {
        return std::nullopt;
      }
    }
  } else if (operand.is_set()) {
    for (const Value& item : operand.set_items()) {
      if (!add(item, item)) return std::nullopt;
    }
  } else {
    for (const auto& [key, item] : operand.object_entries()) {
      if (!add(item, key)) return std::nullopt;
    }
  }
  return pairs;
}

BuiltinResult cidr_contains_matches(BuiltinArgs args, BuiltinContext&) {
  constexpr TypeMask kOperand =
      kTypeString | kTypeArray | kTypeSet | kTypeObject;
  if (auto error = expect_all(args, {kOperand, kOperand})) return *error;
  std::string error;
  auto outer = match_operand(args[0], &error);
  if (!outer) return BuiltinResult::error(error);
  auto inner = match_operand(args[1], &error);
  if (!inner) return BuiltinResult::error(error);

  std::vector<Value> matches;
  for (const auto& [cidr, key] : *outer) {
    if (!cidr.is_string()) return operand_error(0, "string", cidr);
    auto network = parse_cidr(cidr.as_string());
    if (!network) return invalid_cidr(cidr.as_string());
    for (const auto& [other, other_key] : *inner) {
      if (!other.is_string()) return operand_error(1, "string", other);
      std::string bad;
      auto result = contains(*network, other.as_string(), &bad);
      if (!result) return invalid_cidr(bad);
      if (*result) matches.push_back(Value::array({key, other_key}));
    }
  }
  return BuiltinResult::of(Value::set(std::move(matches)));
}

// --- cidr_merge ---------------------------------------------------------

// An address or CIDR as a network. A bare IPv4 address takes its classful
// default mask, as Go's IP.DefaultMask gives; a bare IPv6 address is an
// error.
std::optional<Network> merge_network(const Value& item, std::string* error) {
  if (!item.is_string()) {
    *error = "element must be string";
    return std::nullopt;
  }
  const std::string& text = item.as_string();
  if (auto ip = parse_ip(text)) {
    if (!ip->v4) {
      *error = "IPv6 invalid: needs prefix length";
      return std::nullopt;
    }
    auto top = static_cast<unsigned>(ip->bits >> 24);
    int prefix = top < 128 ? 8 : top < 192 ? 16 : 24;
    Network network{*ip, prefix};
    network.first.bits &= network.mask();
    return network;
  }
  auto network = parse_cidr(text);
  if (!network) *error = "invalid CIDR address: " + text;
  return network;
}

// The fewest CIDRs covering [first, last] exactly.
void cover_range(U128 first, U128 last, bool v4, std::vector<Value>& out) {
  int width = v4 ? 32 : 128;
  U128 top = v4 ? U128(0xffffffffu) : ~U128(0);
  while (true) {
    // The largest aligned block starting at `first` that ends by `last`.
    int size_bits = 0;
    while (size_bits < width) {
      int next = size_bits + 1;
      if (next == width) {
        if (first == 0 && last == top) size_bits = width;
        break;
      }
      if ((first & (U128(1) << size_bits)) != 0) break;
      if (first + ((U128(1) << next) - 1) > last) break;
      size_bits = next;
    }
    Network network{Address{first, v4}, width - size_bits};
    out.push_back(Value::string(format_cidr(network)));
    U128 block_last = network.last();
    if (block_last >= last) return;
    first = block_last + 1;
  }
}

void merge_family(std::vector<Network>& networks, bool v4,
                  std::vector<Value>& out) {
  std::vector<std::pair<U128, U128>> ranges;
  for (const Network& n : networks) {
    if (n.first.v4 == v4) ranges.emplace_back(n.first.bits, n.last());
  }
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<U128, U128>> merged;
  U128 top = v4 ? U128(0xffffffffu) : ~U128(0);
  for (const auto& range : ranges) {
    if (!merged.empty() && (merged.back().second == top ||
                            range.first <= merged.back().second + 1)) {
      merged.back().second = std::max(merged.back().second, range.second);
      continue;
    }
    merged.push_back(range);
  }
  for (const auto& [first, last] : merged) cover_range(first, last, v4, out);
}

BuiltinResult cidr_merge(BuiltinArgs args, BuiltinContext&) {
  if (!args[0].is_array() && !args[0].is_set()) {
    return operand_error(0, "one of {array, set}", args[0]);
  }
  std::vector<Network> networks;
  std::string error;
  for (const Value& item : builtins::items_of(args[0])) {
    auto network = merge_network(item, &error);
    if (!network) return BuiltinResult::error(error);
    networks.push_back(*network);
  }
  std::vector<Value> out;
  merge_family(networks, true, out);
  merge_family(networks, false, out);
  return BuiltinResult::of(Value::set(std::move(out)));
}

BuiltinResult lookup_ip_addr(BuiltinArgs args, BuiltinContext& context) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  if (!context.allow_network) {
    return BuiltinResult::error("unallowed host: " + args[0].as_string());
  }
  // TODO(rego): no DNS resolver is wired in; a policy allowed to use the
  // network gets this error. Fix: resolve with getaddrinfo on a worker
  // thread with a deadline.
  return BuiltinResult::error("DNS lookups are not supported in this build");
}

}  // namespace

void register_net_builtins(BuiltinRegistry& registry) {
  constexpr TypeMask kMatchOperand =
      kTypeString | kTypeArray | kTypeSet | kTypeObject;
  registry.add(declare("net.cidr_contains", {kTypeString, kTypeString},
                       kTypeBoolean, cidr_contains));
  registry.add(declare("net.cidr_intersects", {kTypeString, kTypeString},
                       kTypeBoolean, cidr_intersects));
  // OPA's deprecated name for cidr_contains.
  registry.add(declare("net.cidr_overlap", {kTypeString, kTypeString},
                       kTypeBoolean, cidr_contains));
  registry.add(
      declare("net.cidr_is_valid", {kTypeAny}, kTypeBoolean, cidr_is_valid));
  registry.add(
      declare("net.cidr_expand", {kTypeString}, kTypeSet, cidr_expand));
  registry.add(declare("net.cidr_contains_matches",
                       {kMatchOperand, kMatchOperand}, kTypeSet,
                       cidr_contains_matches));
  registry.add(
      declare("net.cidr_merge", {kTypeArray | kTypeSet}, kTypeSet, cidr_merge));
  BuiltinDecl lookup =
      declare("net.lookup_ip_addr", {kTypeString}, kTypeSet, lookup_ip_addr);
  lookup.nondeterministic = true;
  registry.add(std::move(lookup));
}

}  // namespace rampart::rego
