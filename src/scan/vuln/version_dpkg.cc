// SPDX-License-Identifier: Apache-2.0
//
// Debian version ordering, as dpkg defines it (deb-version(7)):
//   [epoch:]upstream_version[-debian_revision]
// The epoch is the digits before the first ':' (0 when absent), the
// revision what follows the last '-' (empty when absent). Upstream and
// revision compare by alternating runs: a non-digit run character by
// character, where '~' sorts before everything, even the end of the run,
// then letters, then other characters; then a digit run numerically. Any
// input is accepted; numbers compare by their digits, so there is no
// overflow.
#include "rampart/scan/vuln/version.h"

namespace rampart::scan::vuln {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

struct DebianVersion {
  std::string_view epoch;
  std::string_view upstream;
  std::string_view revision;
};

DebianVersion split(std::string_view text) {
  DebianVersion version;
  size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    version.epoch = text.substr(0, colon);
    text.remove_prefix(colon + 1);
  }
  size_t dash = text.rfind('-');
  if (dash != std::string_view::npos) {
    version.revision = text.substr(dash + 1);
    text = text.substr(0, dash);
  }
  version.upstream = text;
  return version;
}

// The weight of one character of a non-digit run; the end of the run (and
// a digit, which ends it) weighs 0.
int weight(std::string_view text, size_t i) {
  if (i >= text.size() || is_digit(text[i])) return 0;
  char c = text[i];
  if (c == '~') return -1;
  if (is_letter(c)) return static_cast<unsigned char>(c);
  return static_cast<unsigned char>(c) + 256;
}

int compare_part(std::string_view a, std::string_view b) {
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    while ((i < a.size() && !is_digit(a[i])) ||
           (j < b.size() && !is_digit(b[j]))) {
      int left = weight(a, i);
      int right = weight(b, j);
      if (left != right) return left < right ? -1 : 1;
      if (i < a.size() && !is_digit(a[i])) ++i;
      if (j < b.size() && !is_digit(b[j])) ++j;
    }

    size_t a_start = i;
    size_t b_start = j;
    while (i < a.size() && is_digit(a[i])) ++i;
    while (j < b.size() && is_digit(b[j])) ++j;
    int order = compare_digit_runs(a.substr(a_start, i - a_start),
                                   b.substr(b_start, j - b_start));
    if (order != 0) return order;
  }
  return 0;
}

}  // namespace

int compare_dpkg(std::string_view a, std::string_view b) {
  DebianVersion left = split(a);
  DebianVersion right = split(b);
  int order = compare_digit_runs(left.epoch, right.epoch);
  if (order == 0) order = compare_part(left.upstream, right.upstream);
  if (order == 0) order = compare_part(left.revision, right.revision);
  return order;
}

}  // namespace rampart::scan::vuln
