// SPDX-License-Identifier: Apache-2.0
//
// semver.is_valid and semver.compare: Semantic Versioning 2.0.0 strings.
//
// Grammar accepted (https://semver.org): MAJOR.MINOR.PATCH, each a decimal
// without leading zeros; an optional "-" and dot-separated pre-release
// identifiers of [0-9A-Za-z-] (numeric ones without leading zeros); an
// optional "+" and dot-separated build identifiers of [0-9A-Za-z-]. No "v"
// prefix. Input is untrusted but only scanned once; numbers of any length
// compare exactly as digit strings. Errors are OPA's messages; stateless.
#include <optional>

#include "rampart/document/json.h"
#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect_all;

struct Version {
  std::string major, minor, patch;
  std::vector<std::string> pre;
};

bool is_numeric(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool valid_number(std::string_view s) {
  return is_numeric(s) && (s.size() == 1 || s[0] != '0');
}

bool valid_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
              (c >= 'A' && c <= 'Z') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    std::size_t at = s.find(sep);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

std::optional<Version> parse_version(std::string_view text) {
  std::size_t plus = text.find('+');
  if (plus != std::string_view::npos) {
    for (std::string_view id : split(text.substr(plus + 1), '.')) {
      if (!valid_identifier(id)) return std::nullopt;
    }
    text = text.substr(0, plus);
  }
  Version version;
  std::size_t dash = text.find('-');
  if (dash != std::string_view::npos) {
    for (std::string_view id : split(text.substr(dash + 1), '.')) {
      if (!valid_identifier(id)) return std::nullopt;
      if (is_numeric(id) && !valid_number(id)) return std::nullopt;
      version.pre.emplace_back(id);
    }
    text = text.substr(0, dash);
  }
  auto core = split(text, '.');
  if (core.size() != 3) return std::nullopt;
  for (std::string_view part : core) {
    if (!valid_number(part)) return std::nullopt;
  }
  version.major = core[0];
  version.minor = core[1];
  version.patch = core[2];
  return version;
}

// Digit strings without leading zeros compare by length, then text.
int compare_numbers(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a < b ? -1 : (a > b ? 1 : 0);
}

int compare_identifiers(const std::string& a, const std::string& b) {
  bool a_num = is_numeric(a), b_num = is_numeric(b);
  if (a_num && b_num) return compare_numbers(a, b);
  if (a_num != b_num) return a_num ? -1 : 1;
  return a < b ? -1 : (a > b ? 1 : 0);
}

int compare_versions(const Version& a, const Version& b) {
  if (int c = compare_numbers(a.major, b.major)) return c;
  if (int c = compare_numbers(a.minor, b.minor)) return c;
  if (int c = compare_numbers(a.patch, b.patch)) return c;
  // A version without pre-release ranks above one with.
  if (a.pre.empty() || b.pre.empty()) {
    return a.pre.empty() == b.pre.empty() ? 0 : (a.pre.empty() ? 1 : -1);
  }
  for (std::size_t i = 0; i < a.pre.size() && i < b.pre.size(); ++i) {
    if (int c = compare_identifiers(a.pre[i], b.pre[i])) return c;
  }
  if (a.pre.size() == b.pre.size()) return 0;
  return a.pre.size() < b.pre.size() ? -1 : 1;
}

BuiltinResult is_valid(BuiltinArgs args, BuiltinContext&) {
  bool valid = args[0].is_string() && parse_version(args[0].as_string());
  return BuiltinResult::of(Value::boolean(valid));
}

BuiltinResult compare(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) return *error;
  std::optional<Version> versions[2];
  for (int i = 0; i < 2; ++i) {
    versions[i] = parse_version(args[i].as_string());
    if (!versions[i]) {
      std::string quoted;
      append_json_string(quoted, args[i].as_string());
      return BuiltinResult::error("operand " + std::to_string(i + 1) +
                                  ": string " + quoted +
                                  " is not a valid SemVer");
    }
  }
  int c = compare_versions(*versions[0], *versions[1]);
  return BuiltinResult::of(Value::integer(c));
}

}  // namespace

void register_semver_builtins(BuiltinRegistry& registry) {
  registry.add(declare("semver.is_valid", {kTypeAny}, kTypeBoolean, is_valid));
  registry.add(declare("semver.compare", {kTypeString, kTypeString},
                       kTypeNumber, compare));
}

}  // namespace rampart::rego
