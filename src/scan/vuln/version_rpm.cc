// SPDX-License-Identifier: Apache-2.0
//
// RPM version ordering: rpmvercmp() over [epoch:]version[-release]. The
// epoch is what precedes the first ':' ("0" when absent), the release what
// follows the last '-'. Each part compares by runs: characters other than
// letters, digits, '~' and '^' only separate; '~' sorts before anything,
// even the end; '^' sorts after the end but before anything else; digit
// runs compare numerically and beat letter runs; letter runs compare
// byte-wise. A version without a release sorts before the same version
// with one. Any input is accepted; numbers compare by their digits.
#include "rampart/scan/vuln/version.h"

namespace rampart::scan::vuln {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_separator(char c) {
  return !is_digit(c) && !is_letter(c) && c != '~' && c != '^';
}

int sign(int value) { return value < 0 ? -1 : (value > 0 ? 1 : 0); }

int rpmvercmp(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    while (i < a.size() && is_separator(a[i])) ++i;
    while (j < b.size() && is_separator(b[j])) ++j;

    // '~' first: a pre-release marker sorts before anything.
    bool a_tilde = i < a.size() && a[i] == '~';
    bool b_tilde = j < b.size() && b[j] == '~';
    if (a_tilde || b_tilde) {
      if (!a_tilde) return 1;
      if (!b_tilde) return -1;
      ++i;
      ++j;
      continue;
    }

    // '^': after the end of the other version, before anything else.
    bool a_caret = i < a.size() && a[i] == '^';
    bool b_caret = j < b.size() && b[j] == '^';
    if (a_caret || b_caret) {
      if (i >= a.size()) return -1;
      if (j >= b.size()) return 1;
      if (!a_caret) return 1;
      if (!b_caret) return -1;
      ++i;
      ++j;
      continue;
    }
    if (i >= a.size() || j >= b.size()) break;

    // A run of the kind the left side starts with, on both sides.
    bool numeric = is_digit(a[i]);
    auto same_kind = [numeric](char c) {
      return numeric ? is_digit(c) : is_letter(c);
    };
    size_t a_start = i;
    size_t b_start = j;
    while (i < a.size() && same_kind(a[i])) ++i;
    while (j < b.size() && same_kind(b[j])) ++j;
    if (j == b_start) return numeric ? 1 : -1;

    std::string_view left = a.substr(a_start, i - a_start);
    std::string_view right = b.substr(b_start, j - b_start);
    int order =
        numeric ? compare_digit_runs(left, right) : sign(left.compare(right));
    if (order != 0) return order;
  }
  if (i >= a.size() && j >= b.size()) return 0;
  return i >= a.size() ? -1 : 1;
}

struct Evr {
  std::string_view epoch = "0";
  std::string_view version;
  std::string_view release;
  bool has_release = false;
};

Evr split(std::string_view text) {
  Evr evr;
  size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    evr.epoch = text.substr(0, colon);
    text.remove_prefix(colon + 1);
  }
  size_t dash = text.rfind('-');
  if (dash != std::string_view::npos) {
    evr.release = text.substr(dash + 1);
    evr.has_release = true;
    text = text.substr(0, dash);
  }
  evr.version = text;
  return evr;
}

}  // namespace

int compare_rpm(std::string_view a, std::string_view b) {
  Evr left = split(a);
  Evr right = split(b);
  int order = rpmvercmp(left.epoch, right.epoch);
  if (order == 0) order = rpmvercmp(left.version, right.version);
  if (order != 0) return order;
  if (left.has_release != right.has_release) return left.has_release ? 1 : -1;
  return rpmvercmp(left.release, right.release);
}

}  // namespace rampart::scan::vuln
