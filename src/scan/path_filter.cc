// SPDX-License-Identifier: Apache-2.0
//
// gitignore-style matching (see path_filter.h). Both levels of wildcard use
// the classic greedy-with-one-backtrack-point algorithm: '*' within a segment
// over characters, '**' over whole segments. Each level keeps a single
// resume point, which bounds the work at O(pattern x path) whatever the
// pattern, so a hostile .gitignore cannot make the walk explode.
#include "rampart/scan/path_filter.h"

namespace rampart::scan {

namespace {

std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// Matches a "[...]" class at pattern[p] against `c`. Sets `next` to the
// index after the closing ']'; returns false with next == p when the class
// is unterminated (the '[' is then an ordinary character).
bool match_class(std::string_view pattern, std::size_t p, char c,
                 std::size_t& next) {
  std::size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool found = false;
  bool first = true;
  while (i < pattern.size() && (pattern[i] != ']' || first)) {
    first = false;
    char lo = pattern[i];
    if (lo == '\\' && i + 1 < pattern.size()) lo = pattern[++i];
    char hi = lo;
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' &&
        pattern[i + 2] != ']') {
      hi = pattern[i + 2];
      if (hi == '\\' && i + 3 < pattern.size()) ++i, hi = pattern[i + 2];
      i += 2;
    }
    if (c >= lo && c <= hi) found = true;
    ++i;
  }
  if (i >= pattern.size()) {
    next = p;
    return false;
  }
  next = i + 1;
  return found != negate;
}

// One segment against one glob segment; '*' and '?' never see a '/'.
bool match_segment(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0;
  std::size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      char pc = pattern[p];
      if (pc == '*') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      if (pc == '?') {
        ++p, ++t;
        continue;
      }
      if (pc == '[') {
        std::size_t next = p;
        bool ok = match_class(pattern, p, text[t], next);
        if (next != p) {
          if (ok) {
            p = next, ++t;
            continue;
          }
        } else if (text[t] == '[') {
          ++p, ++t;
          continue;
        }
      } else {
        if (pc == '\\' && p + 1 < pattern.size()) pc = pattern[p + 1];
        if (pc == text[t]) {
          p += pattern[p] == '\\' && p + 1 < pattern.size() ? 2 : 1;
          ++t;
          continue;
        }
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  std::vector<std::string_view> pat = split_segments(pattern);
  std::vector<std::string_view> segs = split_segments(path);
  std::size_t p = 0, s = 0;
  std::size_t star_p = std::string_view::npos, star_s = 0;
  while (s < segs.size()) {
    if (p < pat.size() && pat[p] == "**") {
      star_p = ++p;
      star_s = s;
      continue;
    }
    if (p < pat.size() && match_segment(pat[p], segs[s])) {
      ++p, ++s;
      continue;
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    s = ++star_s;
  }
  while (p < pat.size() && pat[p] == "**") ++p;
  return p == pat.size();
}

std::size_t PathFilter::add_file(std::string_view base, std::string_view text) {
  std::size_t kept = 0;
  std::size_t start = 0;
  while (start < text.size() && kept < kMaxPatterns) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::size_t before = patterns_.size();
    add_pattern(base, text.substr(start, end - start));
    kept += patterns_.size() - before;
    start = end + 1;
  }
  return kept;
}

void PathFilter::add_pattern(std::string_view base, std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // Trailing spaces go unless escaped with a backslash.
  while (!line.empty() && line.back() == ' ' &&
         !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
    line.remove_suffix(1);
  }
  if (line.empty() || line.front() == '#' || line.size() > kMaxPatternBytes) {
    return;
  }

  Pattern pattern;
  pattern.base = std::string(base);
  if (line.front() == '!') {
    pattern.negated = true;
    line.remove_prefix(1);
  }
  if (!line.empty() && line.back() == '/') {
    pattern.dir_only = true;
    line.remove_suffix(1);
  }
  std::size_t slash = line.find('/');
  pattern.anchored = slash != std::string_view::npos;
  if (!line.empty() && line.front() == '/') line.remove_prefix(1);
  if (line.empty()) return;
  pattern.glob = std::string(line);
  patterns_.push_back(std::move(pattern));
}

bool PathFilter::matches(const Pattern& pattern, std::string_view relative_path,
                         bool is_dir) const {
  if (pattern.dir_only && !is_dir) return false;
  std::string_view rest = relative_path;
  if (!pattern.base.empty()) {
    if (rest.size() <= pattern.base.size() ||
        rest.compare(0, pattern.base.size(), pattern.base) != 0 ||
        rest[pattern.base.size()] != '/') {
      return false;
    }
    rest.remove_prefix(pattern.base.size() + 1);
  }
  if (pattern.anchored) return glob_match(pattern.glob, rest);
  std::size_t slash = rest.rfind('/');
  std::string_view name =
      slash == std::string_view::npos ? rest : rest.substr(slash + 1);
  return glob_match(pattern.glob, name);
}

bool PathFilter::excluded(std::string_view relative_path, bool is_dir) const {
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
    if (matches(*it, relative_path, is_dir)) return !it->negated;
  }
  return false;
}

}  // namespace rampart::scan
