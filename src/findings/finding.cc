// SPDX-License-Identifier: Apache-2.0
//
// Severity names; the rest of Finding is plain data.
#include "rampart/findings/finding.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace rampart {

namespace {
constexpr std::array<const char*, 5> kSeverityNames = {
    "UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"};
}

const char* severity_name(Severity severity) {
  return kSeverityNames[static_cast<std::size_t>(severity)];
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (std::size_t i = 0; i < kSeverityNames.size(); ++i) {
    std::string_view name = kSeverityNames[i];
    if (name.size() != text.size()) continue;
    bool same = true;
    for (std::size_t j = 0; j < name.size() && same; ++j) {
      same = std::toupper(static_cast<unsigned char>(text[j])) == name[j];
    }
    if (same) return static_cast<Severity>(i);
  }
  return std::nullopt;
}

std::string_view finding_commit(const Finding& finding) {
  auto commit = finding.properties.find("commit");
  if (commit == finding.properties.end()) return {};
  return commit->second;
}

std::string_view short_commit(std::string_view commit) {
  return commit.substr(0, std::min(commit.size(), kShortCommitDigits));
}

std::string target_with_commit(const Finding& finding) {
  std::string_view commit = finding_commit(finding);
  if (commit.empty()) return finding.target;
  return finding.target + " @ " + std::string(short_commit(commit));
}

}  // namespace rampart
