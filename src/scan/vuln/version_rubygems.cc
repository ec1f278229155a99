// SPDX-License-Identifier: Apache-2.0
//
// RubyGems version ordering (Gem::Version#<=>). A version is read as a
// list of segments, runs of digits (numbers) or of letters (strings); a
// '-' reads as the segment "pre", as RubyGems rewrites "-" to ".pre.";
// other characters only separate. Trailing zeros are dropped from the
// leading numeric part and from the part after the first string, then the
// lists compare segment by segment, padded with zeros: numbers
// numerically, strings byte-wise, and a string sorts before a number (so
// "1.0.a" < "1.0"). Any input is accepted; numbers compare by their digits.
#include <vector>

#include "rampart/scan/vuln/version.h"

namespace rampart::scan::vuln {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

struct Segment {
  bool number = true;
  std::string_view text;  // digits or letters; empty digits = 0
};

bool is_zero(const Segment& segment) {
  if (!segment.number) return false;
  for (char c : segment.text) {
    if (c != '0') return false;
  }
  return true;
}

std::vector<Segment> tokenize(std::string_view text) {
  std::vector<Segment> segments;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    if (is_digit(text[i])) {
      while (i < text.size() && is_digit(text[i])) ++i;
      segments.push_back({true, text.substr(start, i - start)});
    } else if (is_letter(text[i])) {
      while (i < text.size() && is_letter(text[i])) ++i;
      segments.push_back({false, text.substr(start, i - start)});
    } else {
      if (text[i] == '-') segments.push_back({false, "pre"});
      ++i;
    }
  }
  return segments;
}

// Gem::Version#canonical_segments: zeros trimmed at the end of the numeric
// head and at the end of the rest.
std::vector<Segment> canonical(std::string_view text) {
  std::vector<Segment> segments = tokenize(text);
  size_t first_string = 0;
  while (first_string < segments.size() && segments[first_string].number) {
    ++first_string;
  }

  std::vector<Segment> result;
  size_t head_end = first_string;
  while (head_end > 0 && is_zero(segments[head_end - 1])) --head_end;
  result.assign(segments.begin(),
                segments.begin() + static_cast<std::ptrdiff_t>(head_end));

  size_t tail_end = segments.size();
  while (tail_end > first_string && is_zero(segments[tail_end - 1])) {
    --tail_end;
  }
  result.insert(result.end(),
                segments.begin() + static_cast<std::ptrdiff_t>(first_string),
                segments.begin() + static_cast<std::ptrdiff_t>(tail_end));
  return result;
}

int compare_segment(const Segment& a, const Segment& b) {
  if (a.number && b.number) return compare_digit_runs(a.text, b.text);
  if (a.number != b.number) return a.number ? 1 : -1;
  int order = a.text.compare(b.text);
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

}  // namespace

int compare_rubygems(std::string_view a, std::string_view b) {
  std::vector<Segment> left = canonical(a);
  std::vector<Segment> right = canonical(b);
  size_t longest = left.size() > right.size() ? left.size() : right.size();
  const Segment zero{true, ""};
  for (size_t i = 0; i < longest; ++i) {
    int order = compare_segment(i < left.size() ? left[i] : zero,
                                i < right.size() ? right[i] : zero);
    if (order != 0) return order;
  }
  return 0;
}

}  // namespace rampart::scan::vuln
