// SPDX-License-Identifier: Apache-2.0
//
// Secret detection rules and the rule-file format that holds them.
//
// The built-in rule set ships inside the binary (builtin_rules_text(), the
// content of src/scan/secret/rules/secrets.rules embedded at build time);
// users add their own rules in the same format through SecretOptions. The
// format is documented in docs/secrets.md. In short, a rule file is a
// sequence of sections, one per rule:
//
//   # a comment; blank lines are ignored
//   [aws-access-key-id]                 rule id: [a-z0-9][a-z0-9._-]*
//   title = AWS access key ID           one line shown in every finding
//   severity = critical                 low | medium | high | critical
//   keywords = akia, asia               literals, case-insensitive, >= 3
//                                       chars; the prefilter looks for them
//   regex = \b((?:AKIA|ASIA)[A-Z2-7]{16})\b
//                                       RE2 syntax; the rest of the line,
//                                       taken verbatim (no escaping)
//   group = 1                           capture group holding the secret
//                                       (default: 1 if any group, else 0)
//   entropy = 3.5                       minimum Shannon entropy, bits/char
//   validator = aws-key-id              an offline check (validators below)
//   window = 512                        bytes searched either side of a
//                                       keyword hit (default 256)
//   multiline = true                    the window crosses line ends
//   priority = 10                       when two findings overlap, the
//                                       higher priority wins (default 10)
//   remediation = Revoke the key ...    optional
//   prefilter = token[\w.-]{0,20}\s*=   optional Vectorscan pattern
//                                       (case-insensitive) used instead of
//                                       the keywords to find candidate
//                                       lines; must match wherever the
//                                       regex does. For rules whose
//                                       keywords are common words.
//
// Grammar (one construct per line, leading and trailing blanks trimmed):
//   line     := blank | comment | section | pair
//   comment  := '#' any*
//   section  := '[' rule-id ']'
//   pair     := key blank* '=' blank* value     (value may be empty)
// A pair before the first section, an unknown key, a repeated key, a bad
// number or a regex RE2 rejects is an error naming the line.
//
// Input may be hostile (user rule files, fuzzing): lines over kMaxRuleLine
// bytes, more than kMaxRules rules or kMaxKeywords keywords per rule are
// errors, and each regex is compiled under an RE2 memory budget.
//
// Errors come back as a Status (kParseError) with file and line. Parsed rules
// are plain values, safe to share between threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/findings/finding.h"

namespace rampart::scan::secret {

inline constexpr std::size_t kMaxRules = 4096;
inline constexpr std::size_t kMaxRuleLine = 4096;
inline constexpr std::size_t kMaxKeywords = 32;
inline constexpr std::size_t kMinKeywordLength = 3;
inline constexpr int kMaxWindow = 65536;

struct SecretRule {
  std::string id;
  std::string title;
  Severity severity = Severity::kHigh;
  std::vector<std::string> keywords;  // lowercased
  std::string regex;
  std::string prefilter;  // empty: the keywords are the prefilter
  int group = -1;         // -1: 1 when the regex has a group, else 0
  double entropy = 0.0;   // 0: no floor
  std::string validator;  // empty: none; else a name from validator_names()
  int window = 256;
  bool multiline = false;
  int priority = 10;
  std::string remediation;
  int line = 0;  // where the section starts in its file, for messages
};

// Parses a rule file. `file_name` only labels error locations.
Result<std::vector<SecretRule>> parse_rules(std::string_view text,
                                            std::string_view file_name);

// The rule file compiled into the binary.
std::string_view builtin_rules_text();

// The names accepted by `validator = `, e.g. "github-token", "pem".
std::vector<std::string_view> validator_names();

}  // namespace rampart::scan::secret
