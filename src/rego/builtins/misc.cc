// SPDX-License-Identifier: Apache-2.0
//
// OPA's small built-ins that fit no bigger group: uuid.rfc4122, uuid.parse,
// rand.intn, opa.runtime, trace and http.send.
//
// Randomness comes from OpenSSL's RAND_bytes. uuid.rfc4122 and rand.intn
// answer the same arguments with the same value for the whole query, as OPA
// does, by memoising in BuiltinContext::cache. http.send never reaches the
// network here: without BuiltinContext::allow_network it fails as OPA does
// for a host it may not contact. uuid.parse reads untrusted strings of a
// fixed shape only. Errors are BuiltinResults; nothing throws. The
// functions keep no state of their own; the context is per query.
#include <array>
#include <cctype>
#include <cstdio>
#include <optional>

#include <openssl/rand.h>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect_all;

bool random_bytes(unsigned char* out, std::size_t size) {
  return RAND_bytes(out, static_cast<int>(size)) == 1;
}

// --- uuid ---------------------------------------------------------------

std::string format_uuid(const std::array<unsigned char, 16>& bytes) {
  std::string text;
  char hex[3];
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    std::snprintf(hex, sizeof hex, "%02x", bytes[i]);
    text += hex;
  }
  return text;
}

BuiltinResult uuid_rfc4122(BuiltinArgs args, BuiltinContext& context) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string key = "uuid.rfc4122\x1f" + args[0].as_string();
  if (auto found = context.cache.find(key); found != context.cache.end()) {
    return BuiltinResult::of(found->second);
  }
  std::array<unsigned char, 16> bytes{};
  if (!random_bytes(bytes.data(), bytes.size())) {
    return BuiltinResult::error("no random bytes available");
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // v4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC
  Value id = Value::string(format_uuid(bytes));
  context.cache[key] = id;
  return BuiltinResult::of(id);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The forms Go's github.com/google/uuid Parse accepts: 36 characters with
// dashes, optionally wrapped in braces or prefixed by "urn:uuid:", or 32
// bare hex digits.
std::optional<std::array<unsigned char, 16>> parse_uuid(std::string_view s) {
  if (s.size() == 45) {
    std::string prefix(s.substr(0, 9));
    for (char& c : prefix) c = static_cast<char>(std::tolower(c));
    if (prefix != "urn:uuid:") return std::nullopt;
    s.remove_prefix(9);
  } else if (s.size() == 38) {
    if (s.front() != '{' || s.back() != '}') return std::nullopt;
    s = s.substr(1, 36);
  }
  std::string digits;
  if (s.size() == 36) {
    if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') {
      return std::nullopt;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (i != 8 && i != 13 && i != 18 && i != 23) digits += s[i];
    }
  } else if (s.size() == 32) {
    digits = std::string(s);
  } else {
    return std::nullopt;
  }
  std::array<unsigned char, 16> bytes{};
  for (std::size_t i = 0; i < 16; ++i) {
    int high = hex_digit(digits[2 * i]);
    int low = hex_digit(digits[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return bytes;
}

const char* variant_name(unsigned char byte) {
  if ((byte & 0xc0) == 0x80) return "RFC4122";
  if ((byte & 0xe0) == 0xc0) return "Microsoft";
  if ((byte & 0xe0) == 0xe0) return "Future";
  return "Reserved";
}

std::uint64_t big_endian(const unsigned char* bytes, int count) {
  std::uint64_t value = 0;
  for (int i = 0; i < count; ++i) value = (value << 8) | bytes[i];
  return value;
}

// Nanoseconds since the Unix epoch of a time-based UUID (v1, v2, v6, v7).
std::int64_t uuid_time_ns(const std::array<unsigned char, 16>& b, int version) {
  // 100 ns intervals between 1582-10-15 and 1970-01-01.
  constexpr std::int64_t kGregorianOffset = 122192928000000000;
  if (version == 7) {
    return static_cast<std::int64_t>(big_endian(b.data(), 6)) * 1000000;
  }
  std::uint64_t ticks;
  if (version == 6) {
    ticks = (big_endian(b.data(), 4) << 28) |
            (big_endian(b.data() + 4, 2) << 12) |
            (big_endian(b.data() + 6, 2) & 0x0fff);
  } else {
    ticks = big_endian(b.data(), 4) | (big_endian(b.data() + 4, 2) << 32) |
            ((big_endian(b.data() + 6, 2) & 0x0fff) << 48);
  }
  return (static_cast<std::int64_t>(ticks) - kGregorianOffset) * 100;
}

BuiltinResult uuid_parse(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  auto parsed = parse_uuid(args[0].as_string());
  if (!parsed) return BuiltinResult::undefined();
  const auto& b = *parsed;
  int version = b[6] >> 4;

  std::vector<ObjectEntry> fields;
  auto add = [&](const char* key, Value value) {
    fields.emplace_back(Value::string(key), std::move(value));
  };
  add("version", Value::integer(version));
  add("variant", Value::string(variant_name(b[8])));
  if (version == 1 || version == 2 || version == 6 || version == 7) {
    add("time", Value::integer(uuid_time_ns(b, version)));
  }
  if (version == 1 || version == 2) {
    add("clocksequence", Value::integer(static_cast<std::int64_t>(
                             big_endian(&b[8], 2) & 0x3fff)));
    char node[18];
    std::snprintf(node, sizeof node, "%02x-%02x-%02x-%02x-%02x-%02x", b[10],
                  b[11], b[12], b[13], b[14], b[15]);
    add("nodeid", Value::string(node));
    std::string mac = (b[10] & 0x02) ? "local" : "global";
    mac += (b[10] & 0x01) ? ":multicast" : ":unicast";
    add("macvariables", Value::string(mac));
  }
  if (version == 2) {
    add("id", Value::integer(static_cast<std::int64_t>(big_endian(&b[0], 4))));
    static const char* kDomains[] = {"Person", "Group", "Org"};
    add("domain", Value::string(b[9] < 3 ? std::string(kDomains[b[9]])
                                         : "Domain" + std::to_string(b[9])));
  }
  return BuiltinResult::of(Value::object(std::move(fields)));
}

// --- rand.intn ------------------------------------------------------------

BuiltinResult rand_intn(BuiltinArgs args, BuiltinContext& context) {
  if (auto error = expect_all(args, {kTypeString, kTypeNumber})) {
    return *error;
  }
  if (auto error = builtins::expect_integer(args, 1)) return *error;
  auto limit = builtins::to_int64(args[1]);
  if (!limit) return builtins::operand_error(1, "int", "number");
  std::int64_t n = *limit;
  if (n == 0) return BuiltinResult::of(Value::integer(0));
  if (n < 0) n = -n;

  std::string key =
      "rand.intn\x1f" + args[0].as_string() + "-" + std::to_string(n);
  if (auto found = context.cache.find(key); found != context.cache.end()) {
    return BuiltinResult::of(found->second);
  }
  // Rejection sampling keeps the draw uniform over [0, n).
  auto range = static_cast<std::uint64_t>(n);
  std::uint64_t limit_draw = UINT64_MAX - UINT64_MAX % range;
  std::uint64_t draw = 0;
  do {
    if (!random_bytes(reinterpret_cast<unsigned char*>(&draw), sizeof draw)) {
      return BuiltinResult::error("no random bytes available");
    }
  } while (draw >= limit_draw);
  Value result = Value::integer(static_cast<std::int64_t>(draw % range));
  context.cache[key] = result;
  return BuiltinResult::of(result);
}

// --- runtime, trace, http.send -------------------------------------------

BuiltinResult opa_runtime(BuiltinArgs, BuiltinContext& context) {
  if (context.runtime.is_null()) return BuiltinResult::of(Value::object({}));
  return BuiltinResult::of(context.runtime);
}

BuiltinResult trace(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  // TODO(rego): notes are not collected for `--explain notes`; trace is
  // accepted and succeeds. Fix: hand the note to a tracer in the context.
  return BuiltinResult::of(Value::boolean(true));
}

// The host of an http(s) URL, for the error message.
std::string url_host(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  std::size_t end = url.find_first_of("/?#");
  if (end != std::string_view::npos) url = url.substr(0, end);
  std::size_t at = url.rfind('@');
  if (at != std::string_view::npos) url.remove_prefix(at + 1);
  if (!url.empty() && url.front() != '[') {
    std::size_t colon = url.find(':');
    if (colon != std::string_view::npos) url = url.substr(0, colon);
  }
  return std::string(url);
}

BuiltinResult http_send(BuiltinArgs args, BuiltinContext& context) {
  if (auto error = expect_all(args, {kTypeObject})) return *error;
  const Value* url = args[0].find("url");
  const Value* method = args[0].find("method");
  if (method == nullptr) {
    return BuiltinResult::type_error(
        "missing required request parameters(s): "
        "{method}");
  }
  if (url == nullptr || !url->is_string()) {
    return BuiltinResult::type_error(
        "missing required request parameters(s): "
        "{url}");
  }
  // TODO(rego): requests are never sent, even when the caller allows the
  // network; a policy gets this error instead of a response. Fix: a curl
  // client with timeouts, size limits and OPA's response caching.
  (void)context;
  std::string message = "unallowed host: " + url_host(url->as_string());

  // With raise_error: false OPA answers with the error inside a response
  // (status_code 0) instead of failing the call.
  const Value* raise_error = args[0].find("raise_error");
  if (raise_error != nullptr && raise_error->is_boolean() &&
      !raise_error->as_boolean()) {
    Value error =
        Value::object({{Value::string("code"),
                        Value::string("eval_http_send_internal_error")},
                       {Value::string("message"), Value::string(message)}});
    return BuiltinResult::of(
        Value::object({{Value::string("error"), std::move(error)},
                       {Value::string("status_code"), Value::integer(0)}}));
  }
  return BuiltinResult::error(message);
}

}  // namespace

// Groups with files of their own (semver.cc, units.cc).
void register_semver_builtins(BuiltinRegistry& registry);
void register_units_builtins(BuiltinRegistry& registry);

void register_misc_builtins(BuiltinRegistry& registry) {
  BuiltinDecl uuid =
      declare("uuid.rfc4122", {kTypeString}, kTypeString, uuid_rfc4122);
  uuid.nondeterministic = true;
  registry.add(std::move(uuid));
  registry.add(declare("uuid.parse", {kTypeString}, kTypeObject, uuid_parse));

  BuiltinDecl intn =
      declare("rand.intn", {kTypeString, kTypeNumber}, kTypeNumber, rand_intn);
  intn.nondeterministic = true;
  registry.add(std::move(intn));

  BuiltinDecl runtime = declare("opa.runtime", {}, kTypeObject, opa_runtime);
  runtime.nondeterministic = true;
  registry.add(std::move(runtime));
  registry.add(declare("trace", {kTypeString}, kTypeBoolean, trace));

  BuiltinDecl http =
      declare("http.send", {kTypeObject}, kTypeObject, http_send);
  http.nondeterministic = true;
  registry.add(std::move(http));

  register_semver_builtins(registry);
  register_units_builtins(registry);
}

}  // namespace rampart::rego
