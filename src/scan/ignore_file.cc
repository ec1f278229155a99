// SPDX-License-Identifier: Apache-2.0
//
// The ignore file (see ignore_file.h): a line parser and the matching of
// entries against findings.
#include "rampart/scan/ignore_file.h"

#include <cerrno>
#include <ctime>

#include <fmt/format.h>
#include <sys/stat.h>

#include "rampart/base/file.h"
#include "rampart/scan/path_filter.h"

namespace rampart::scan {

namespace {

bool valid_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  int month = (text[5] - '0') * 10 + (text[6] - '0');
  int day = (text[8] - '0') * 10 + (text[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool valid_fingerprint(std::string_view text) {
  if (text.empty() || text.size() > 128) return false;
  for (char c : text) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
               (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

// Applies one "selector:value" or bare token to `entry`.
Status apply_token(std::string_view token, IgnoreEntry& entry,
                   const SourceLocation& at) {
  auto fail = [&](std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(message), at);
  };
  std::size_t colon = token.find(':');
  std::string_view key =
      colon == std::string_view::npos ? "" : token.substr(0, colon);
  std::string_view value =
      colon == std::string_view::npos ? token : token.substr(colon + 1);
  if (key.empty() || key == "rule") {
    if (!entry.rule_id.empty()) return fail("more than one rule in an entry");
    entry.rule_id = std::string(value);
  } else if (key == "path") {
    if (!entry.path.empty()) return fail("more than one path in an entry");
    entry.path = std::string(value);
  } else if (key == "fingerprint" || key == "fp") {
    if (!valid_fingerprint(value)) {
      return fail(fmt::format("'{}' is not a hexadecimal fingerprint", value));
    }
    entry.fingerprint = std::string(value);
  } else if (key == "expires" || key == "exp") {
    if (!valid_date(value)) {
      return fail(fmt::format("'{}' is not a date (YYYY-MM-DD)", value));
    }
    entry.expires = std::string(value);
  } else {
    return fail(fmt::format(
        "unknown selector '{}:' (expected rule:, path:, fingerprint:, "
        "expires: or reason:)",
        key));
  }
  if (value.empty()) return fail(fmt::format("'{}:' needs a value", key));
  return Status::ok();
}

Status parse_line(std::string_view line, IgnoreEntry& entry,
                  const SourceLocation& at) {
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::size_t start = line.find_first_not_of(" \t", pos);
    if (start == std::string_view::npos) break;
    if (line.compare(start, 7, "reason:") == 0) {
      std::string_view rest = line.substr(start + 7);
      std::size_t b = rest.find_first_not_of(" \t");
      entry.reason =
          b == std::string_view::npos ? "" : std::string(rest.substr(b));
      break;
    }
    std::size_t end = line.find_first_of(" \t", start);
    if (end == std::string_view::npos) end = line.size();
    RAMPART_RETURN_IF_ERROR(
        apply_token(line.substr(start, end - start), entry, at));
    pos = end;
  }
  if (entry.rule_id.empty() && entry.path.empty() &&
      entry.fingerprint.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "entry names no rule, path or fingerprint", at);
  }
  return Status::ok();
}

// A path selector matches the file itself or any folder above it.
bool path_matches(const std::string& pattern, std::string_view target) {
  PathFilter filter;
  filter.add_pattern("", pattern);
  if (filter.excluded(target, false)) return true;
  for (std::size_t slash = target.find('/'); slash != std::string_view::npos;
       slash = target.find('/', slash + 1)) {
    if (filter.excluded(target.substr(0, slash), true)) return true;
  }
  return false;
}

bool entry_matches(const IgnoreEntry& entry, const Finding& finding) {
  if (!entry.rule_id.empty() && entry.rule_id != finding.rule_id) return false;
  if (!entry.fingerprint.empty() && entry.fingerprint != finding.fingerprint) {
    return false;
  }
  if (!entry.path.empty() && !path_matches(entry.path, finding.target)) {
    return false;
  }
  return true;
}

}  // namespace

Result<IgnoreFile> parse_ignore_file(std::string_view text,
                                     std::string_view source) {
  IgnoreFile file;
  file.source = std::string(source);
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    if (file.entries.size() >= kMaxIgnoreEntries) {
      return Status(StatusCode::kLimitExceeded,
                    fmt::format("more than {} entries", kMaxIgnoreEntries),
                    {std::string(source), number, 0});
    }
    IgnoreEntry entry;
    entry.line = number;
    RAMPART_RETURN_IF_ERROR(
        parse_line(line, entry, {std::string(source), number, 0}));
    file.entries.push_back(std::move(entry));
  }
  return file;
}

Result<IgnoreFile> load_ignore_file(const std::string& path, bool optional) {
  struct stat info;
  if (optional && stat(path.c_str(), &info) != 0 && errno == ENOENT) {
    return IgnoreFile{path, {}};
  }
  auto text = read_file(path, kMaxIgnoreFileBytes);
  if (!text) return text.status().with_location({path, 0, 0});
  return parse_ignore_file(*text, path);
}

bool ignore_entry_expired(const IgnoreEntry& entry, std::string_view today) {
  // ISO dates compare correctly as strings.
  return !entry.expires.empty() && std::string_view(entry.expires) < today;
}

IgnoreOutcome apply_ignore_file(const IgnoreFile& file, std::string_view today,
                                std::vector<Finding>& findings) {
  IgnoreOutcome outcome;
  std::vector<std::size_t> revived(file.entries.size(), 0);
  std::erase_if(findings, [&](Finding& finding) {
    const IgnoreEntry* expired_match = nullptr;
    for (std::size_t i = 0; i < file.entries.size(); ++i) {
      const IgnoreEntry& entry = file.entries[i];
      if (!entry_matches(entry, finding)) continue;
      if (!ignore_entry_expired(entry, today)) {
        ++outcome.suppressed;
        return true;
      }
      if (expired_match == nullptr) {
        expired_match = &entry;
        ++revived[i];
      }
    }
    if (expired_match != nullptr) {
      finding.properties["ignore_expired"] =
          fmt::format("{}:{} expired {}", file.source, expired_match->line,
                      expired_match->expires);
    }
    return false;
  });
  for (std::size_t i = 0; i < file.entries.size(); ++i) {
    const IgnoreEntry& entry = file.entries[i];
    if (!ignore_entry_expired(entry, today)) continue;
    outcome.notes.push_back(
        {ScanNote::Level::kWarning, "", file.source, entry.line,
         fmt::format("ignore entry expired on {}{}; it no longer suppresses "
                     "anything ({} finding{} reported again)",
                     entry.expires,
                     entry.reason.empty() ? "" : " (" + entry.reason + ")",
                     revived[i], revived[i] == 1 ? "" : "s")});
  }
  return outcome;
}

std::vector<std::string> ignored_paths(const IgnoreFile& file,
                                       std::string_view today) {
  std::vector<std::string> out;
  for (const IgnoreEntry& entry : file.entries) {
    if (entry.path.empty() || !entry.rule_id.empty() ||
        !entry.fingerprint.empty() || ignore_entry_expired(entry, today)) {
      continue;
    }
    out.push_back(entry.path);
  }
  return out;
}

std::string utc_today() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
  return text;
}

}  // namespace rampart::scan
