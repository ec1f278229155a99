// SPDX-License-Identifier: Apache-2.0
//
// SemVer 2.0 precedence (https://semver.org, section 11) and NuGet's
// variant of it. Parsing is lenient because lockfiles and advisories are:
//   version  := ["v" | "V"] number ("." number)* ["-" prerelease] ["+" build]
// Up to three numbers count (four for NuGet); missing ones are zero, and any
// further dotted parts are treated like build metadata, which never affects
// precedence. Text that does not start a number or a "-"/"+" section is read
// as a pre-release ("1.0.0rc1" sorts as "1.0.0-rc1"). Any input is accepted;
// numbers compare by their digits, so there is no overflow.
#include <cctype>

#include "rampart/scan/vuln/version.h"

namespace rampart::scan::vuln {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text[0]))) {
    text.remove_prefix(1);
  }
  while (!text.empty() &&
         std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

struct Semver {
  static constexpr int kMaxNumbers = 4;
  std::string_view numbers[kMaxNumbers];
  std::string_view prerelease;
  bool has_prerelease = false;
};

Semver parse(std::string_view text, int max_numbers) {
  Semver version;
  text = trim(text);
  if (!text.empty() && (text[0] == 'v' || text[0] == 'V'))
    text.remove_prefix(1);

  // The dotted numbers; a '.' is only a separator when digits follow it.
  for (int i = 0; i < max_numbers && !text.empty(); ++i) {
    if (i > 0) {
      if (text.size() < 2 || text[0] != '.' || !is_digit(text[1])) break;
      text.remove_prefix(1);
    }
    size_t end = 0;
    while (end < text.size() && is_digit(text[end])) ++end;
    if (end == 0) break;
    version.numbers[i] = text.substr(0, end);
    text.remove_prefix(end);
  }

  // Whatever follows: a pre-release unless it is build metadata or extra
  // dotted parts beyond the counted numbers.
  if (text.empty() || text[0] == '+' || text[0] == '.') return version;
  if (text[0] == '-') text.remove_prefix(1);
  version.prerelease = text.substr(0, text.find('+'));
  version.has_prerelease = true;
  return version;
}

int compare_identifier(std::string_view a, std::string_view b,
                       bool ignore_case) {
  bool a_numeric = all_digits(a);
  bool b_numeric = all_digits(b);
  if (a_numeric && b_numeric) return compare_digit_runs(a, b);
  if (a_numeric != b_numeric) return a_numeric ? -1 : 1;

  size_t common = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < common; ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]);
    unsigned char y = static_cast<unsigned char>(b[i]);
    if (ignore_case) {
      x = static_cast<unsigned char>(std::tolower(x));
      y = static_cast<unsigned char>(std::tolower(y));
    }
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

std::string_view next_identifier(std::string_view& text) {
  size_t dot = text.find('.');
  std::string_view identifier = text.substr(0, dot);
  text.remove_prefix(dot == std::string_view::npos ? text.size() : dot + 1);
  return identifier;
}

// Section 11.4: identifier by identifier; a longer list wins a tie.
int compare_prerelease(std::string_view a, std::string_view b,
                       bool ignore_case) {
  while (!a.empty() && !b.empty()) {
    int order =
        compare_identifier(next_identifier(a), next_identifier(b), ignore_case);
    if (order != 0) return order;
  }
  if (a.empty() == b.empty()) return 0;
  return a.empty() ? -1 : 1;
}

int compare_parsed(const Semver& a, const Semver& b, bool ignore_case) {
  for (int i = 0; i < Semver::kMaxNumbers; ++i) {
    int order = compare_digit_runs(a.numbers[i], b.numbers[i]);
    if (order != 0) return order;
  }

  // A release sorts after every pre-release of the same numbers.
  if (a.has_prerelease != b.has_prerelease) return a.has_prerelease ? -1 : 1;
  return compare_prerelease(a.prerelease, b.prerelease, ignore_case);
}

}  // namespace

int compare_semver(std::string_view a, std::string_view b) {
  return compare_parsed(parse(a, 3), parse(b, 3), /*ignore_case=*/false);
}

int compare_nuget(std::string_view a, std::string_view b) {
  return compare_parsed(parse(a, 4), parse(b, 4), /*ignore_case=*/true);
}

}  // namespace rampart::scan::vuln
