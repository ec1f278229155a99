// SPDX-License-Identifier: Apache-2.0
//
// Packagist (Composer) version ordering: PHP's version_compare() applied to
// the version with a leading "v"/"V" removed, as Composer normalises it.
// The text is cut into tokens at '.', '-', '_', '+' and other punctuation
// (except '#', which PHP ranks) and wherever digits meet non-digits. Tokens
// compare pairwise: numbers numerically; words by PHP's special forms,
// matched by prefix:
//   any other word < dev < alpha = a < beta = b < RC = rc < # < pl = p
// and a number against a word as if the number were "#". When one side
// runs out, a following number makes the longer side greater; a following
// word is compared against "#". Any input is accepted.
#include <vector>

#include "rampart/scan/vuln/version.h"

namespace rampart::scan::vuln {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '#' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::vector<std::string_view> tokenize(std::string_view text) {
  if (!text.empty() && (text[0] == 'v' || text[0] == 'V'))
    text.remove_prefix(1);
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    if (is_digit(text[i])) {
      while (i < text.size() && is_digit(text[i])) ++i;
    } else if (is_word_char(text[i])) {
      while (i < text.size() && is_word_char(text[i])) ++i;
    } else {
      ++i;
      continue;
    }
    tokens.push_back(text.substr(start, i - start));
  }
  return tokens;
}

int special_rank(std::string_view word) {
  struct Form {
    std::string_view prefix;
    int rank;
  };
  static constexpr Form kForms[] = {
      {"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
      {"RC", 3},  {"rc", 3},    {"#", 4}, {"pl", 5},   {"p", 5}};
  for (const Form& form : kForms) {
    if (word.substr(0, form.prefix.size()) == form.prefix) return form.rank;
  }
  return -6;
}

bool is_number(std::string_view token) {
  return !token.empty() && is_digit(token[0]);
}

int compare_tokens(std::string_view a, std::string_view b) {
  bool a_number = is_number(a);
  bool b_number = is_number(b);
  if (a_number && b_number) return compare_digit_runs(a, b);
  int left = a_number ? special_rank("#") : special_rank(a);
  int right = b_number ? special_rank("#") : special_rank(b);
  return left < right ? -1 : (left > right ? 1 : 0);
}

int compare_lists(const std::vector<std::string_view>& a,
                  const std::vector<std::string_view>& b) {
  size_t common = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < common; ++i) {
    int order = compare_tokens(a[i], b[i]);
    if (order != 0) return order;
  }

  // One side has tokens left: a number there makes it greater; a word is
  // weighed against PHP's "#N#" stand-in, and so on down the rest.
  const std::vector<std::string_view>& longer = a.size() > common ? a : b;
  int direction = a.size() > common ? 1 : -1;
  for (size_t i = common; i < longer.size(); ++i) {
    if (is_number(longer[i])) return direction;
    int order = compare_tokens(longer[i], "#");
    if (order != 0) return order * direction;
  }
  return 0;
}

}  // namespace

int compare_packagist(std::string_view a, std::string_view b) {
  std::vector<std::string_view> left = tokenize(a);
  std::vector<std::string_view> right = tokenize(b);
  return compare_lists(left, right);
}

}  // namespace rampart::scan::vuln
