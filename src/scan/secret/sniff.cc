// SPDX-License-Identifier: Apache-2.0
//
// File skipping for the secret scanner (see sniff.h).
#include "sniff.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

namespace rampart::scan::secret {
namespace {

constexpr std::size_t kBinaryProbe = 8192;
constexpr std::size_t kMinifiedLine = 5000;
constexpr std::size_t kMinifiedAverage = 400;

constexpr std::array<std::string_view, 16> kLockFiles = {"package-lock.json",
                                                         "npm-shrinkwrap.json",
                                                         "yarn.lock",
                                                         "pnpm-lock.yaml",
                                                         "bun.lockb",
                                                         "cargo.lock",
                                                         "go.sum",
                                                         "poetry.lock",
                                                         "pipfile.lock",
                                                         "composer.lock",
                                                         "gemfile.lock",
                                                         "mix.lock",
                                                         "pubspec.lock",
                                                         "packages.lock.json",
                                                         "flake.lock",
                                                         "uv.lock"};

constexpr std::array<std::string_view, 14> kArchiveExtensions = {
    ".zip", ".tar", ".gz",  ".tgz", ".bz2", ".xz",  ".7z",
    ".rar", ".jar", ".war", ".ear", ".whl", ".zst", ".apk"};

constexpr std::array<std::string_view, 26> kBinaryExtensions = {
    ".png",   ".jpg", ".jpeg", ".gif",   ".bmp",   ".ico", ".webp",
    ".pdf",   ".exe", ".dll",  ".so",    ".dylib", ".o",   ".a",
    ".class", ".pyc", ".woff", ".woff2", ".ttf",   ".otf", ".mp3",
    ".mp4",   ".mov", ".wasm", ".db",    ".sqlite"};

constexpr std::array<std::string_view, 4> kMinifiedSuffixes = {
    ".min.js", ".min.css", ".js.map", ".css.map"};

constexpr std::array<std::string_view, 5> kScriptExtensions = {
    ".js", ".mjs", ".cjs", ".css", ".html"};

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

template <std::size_t N>
bool ends_with_any(std::string_view text,
                   const std::array<std::string_view, N>& suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(),
                     [&](std::string_view s) { return ends_with(text, s); });
}

std::string_view base_name(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool archive_magic(std::string_view head) {
  auto has = [&](std::size_t at, std::string_view magic) {
    return head.size() >= at + magic.size() &&
           head.substr(at, magic.size()) == magic;
  };
  return has(0, "PK\x03\x04") || has(0, "\x1f\x8b") || has(0, "BZh") ||
         has(0, std::string_view("\xfd"
                                 "7zXZ\0",
                                 6)) ||
         has(0, "7z\xbc\xaf\x27\x1c") || has(0, "Rar!") ||
         has(0, "\x28\xb5\x2f\xfd") || has(257, "ustar");
}

// Minified JavaScript and CSS: one very long line, or long lines on average,
// in the first kSniffBytes.
bool minified(std::string_view head) {
  std::size_t lines = 1;
  std::size_t longest = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= head.size(); ++i) {
    if (i == head.size() || head[i] == '\n') {
      longest = std::max(longest, i - start);
      start = i + 1;
      if (i < head.size()) ++lines;
    }
  }
  return longest >= kMinifiedLine || head.size() / lines >= kMinifiedAverage;
}

enum class Token { kChar, kAnyOne, kStar, kDoubleStar, kDoubleStarSlash };

std::vector<std::pair<Token, char>> tokenize(std::string_view pattern) {
  std::vector<std::pair<Token, char>> tokens;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.substr(i, 3) == "**/") {
      tokens.emplace_back(Token::kDoubleStarSlash, 0);
      i += 2;
    } else if (pattern.substr(i, 2) == "**") {
      tokens.emplace_back(Token::kDoubleStar, 0);
      ++i;
    } else if (pattern[i] == '*') {
      tokens.emplace_back(Token::kStar, 0);
    } else if (pattern[i] == '?') {
      tokens.emplace_back(Token::kAnyOne, 0);
    } else {
      tokens.emplace_back(Token::kChar, pattern[i]);
    }
  }
  return tokens;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.find('/') == std::string_view::npos) path = base_name(path);
  auto tokens = tokenize(pattern);
  // current[j]: the tokens so far match path[0, j).
  std::vector<char> current(path.size() + 1, 0);
  std::vector<char> next(path.size() + 1, 0);
  current[0] = 1;
  for (const auto& [token, c] : tokens) {
    std::fill(next.begin(), next.end(), 0);
    bool reached = false;
    for (std::size_t j = 0; j <= path.size(); ++j) {
      bool prior = j > 0 && path[j - 1] != '/';
      switch (token) {
        case Token::kChar:
          next[j] = j > 0 && current[j - 1] && path[j - 1] == c;
          break;
        case Token::kAnyOne:
          next[j] = j > 0 && current[j - 1] && prior;
          break;
        case Token::kStar:
          next[j] = current[j] || (j > 0 && next[j - 1] && prior);
          break;
        case Token::kDoubleStar:
          next[j] = current[j] || (j > 0 && next[j - 1]);
          break;
        case Token::kDoubleStarSlash:
          next[j] = current[j] || (j > 0 && path[j - 1] == '/' && reached);
          break;
      }
      reached = reached || current[j];
    }
    std::swap(current, next);
  }
  return current[path.size()] != 0;
}

SkipReason sniff_name(const SecretOptions& options,
                      std::string_view relative_path, std::uint64_t size) {
  for (const auto& pattern : options.allow.paths) {
    if (glob_match(pattern, relative_path)) return SkipReason::kAllowedPath;
  }
  // Vectorscan takes 32-bit lengths, whatever the configured bound.
  if (size > options.max_file_bytes || size >= 0xFFFFFFFFull) {
    return SkipReason::kTooLarge;
  }
  std::string name = lowercase(base_name(relative_path));
  if (options.skip_lock_files && std::find(kLockFiles.begin(), kLockFiles.end(),
                                           name) != kLockFiles.end()) {
    return SkipReason::kLockFile;
  }
  if (ends_with_any(name, kArchiveExtensions)) return SkipReason::kArchive;
  if (ends_with_any(name, kBinaryExtensions)) return SkipReason::kBinary;
  if (options.skip_minified && ends_with_any(name, kMinifiedSuffixes)) {
    return SkipReason::kMinified;
  }
  return SkipReason::kNone;
}

SkipReason sniff_content(const SecretOptions& options,
                         std::string_view relative_path,
                         std::string_view content) {
  std::string_view head = content.substr(0, kSniffBytes);
  if (archive_magic(head)) return SkipReason::kArchive;
  // memchr() must not see a null pointer, even for zero bytes.
  if (!head.empty() &&
      std::memchr(head.data(), '\0', std::min(head.size(), kBinaryProbe))) {
    return SkipReason::kBinary;
  }
  std::string name = lowercase(base_name(relative_path));
  if (options.skip_minified && ends_with_any(name, kScriptExtensions) &&
      minified(head)) {
    return SkipReason::kMinified;
  }
  return SkipReason::kNone;
}

}  // namespace rampart::scan::secret
