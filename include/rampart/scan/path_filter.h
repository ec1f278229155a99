// SPDX-License-Identifier: Apache-2.0
//
// Path filters in the .gitignore pattern language, used by the tree walk
// (.gitignore files, `skip.paths` of rampart.yaml, path entries of the ignore
// file) and by the ignore file's `path:` selectors.
//
// Accepted syntax, as git documents it for gitignore: blank lines and lines
// starting with '#' are skipped; a leading '!' negates; a trailing '/' makes
// the pattern match folders only; a pattern with a '/' at its start or middle
// is anchored to the folder of the file that holds it, otherwise it matches a
// name at any depth below that folder; '*' and '?' match within one path
// segment, "[...]" is a character class ('!' or '^' negates, ranges allowed),
// '**' as a whole segment matches any number of segments, '\' escapes the
// next character. Trailing unescaped spaces are dropped.
// Not supported: core.ignorecase (matching is case-sensitive).
//
// Patterns come from files in the scanned tree, so they are untrusted:
// matching runs in O(pattern x path) time without recursion, patterns longer
// than kMaxPatternBytes are ignored and a file adds at most kMaxPatterns.
// Immutable once built; safe to share read-only between threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::scan {

inline constexpr std::size_t kMaxPatternBytes = 4096;
inline constexpr std::size_t kMaxPatterns = 10000;

// Whether '/'-separated `path` matches the glob `pattern` as a whole, with
// the segment rules above ('*' never crosses '/', '**' segments do).
bool glob_match(std::string_view pattern, std::string_view path);

class PathFilter {
 public:
  // Adds every pattern of a .gitignore-format `text` found in the folder
  // `base` (relative to the scan root, '/'-separated, "" for the root).
  // Returns how many patterns were kept.
  std::size_t add_file(std::string_view base, std::string_view text);

  // Adds one pattern as if it were a line in `base`/.gitignore.
  void add_pattern(std::string_view base, std::string_view line);

  // Whether `relative_path` is excluded: the last pattern that matches it
  // decides, and a negated pattern re-includes.
  bool excluded(std::string_view relative_path, bool is_dir) const;

  bool empty() const { return patterns_.empty(); }

 private:
  struct Pattern {
    std::string base;  // folder holding the pattern, "" for the root
    std::string glob;  // without '!', leading '/', trailing '/'
    bool negated = false;
    bool dir_only = false;
    bool anchored = false;  // matches the whole path below base
  };
  bool matches(const Pattern& pattern, std::string_view relative_path,
               bool is_dir) const;

  std::vector<Pattern> patterns_;
};

}  // namespace rampart::scan
