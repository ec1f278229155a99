// SPDX-License-Identifier: Apache-2.0
//
// rampart.yaml: the project's settings for `rampart scan`, documented in
// docs/scan.md ("Configuration") with a JSON Schema for editors in
// docs/rampart.schema.json. Every key is optional; command-line flags win
// over the file. An example:
//
//   version: 1
//   scanners: [misconfig, secret, vuln]
//   severity-threshold: HIGH
//   skip:
//     paths: ["test/fixtures/**", "*.generated.yaml"]
//     dirs: [third_party]
//     defaults: true        # keep skipping .git, node_modules, vendor, ...
//     gitignore: true
//   max-file-size: 10485760
//   rules:
//     RP-K8S-007: {severity: LOW}
//     generic-api-key: {enabled: false}
//   policies: [policy/]
//   secret:
//     allow-paths: ["docs/examples/**"]
//     allow-rules: [jwt]
//     allow-regexes: ["^AKIA0000"]
//     allow-fingerprints: ["3f1c..."]
//     allow-values: ["AKIAIOSFODNN7EXAMPLE"]
//     rules-file: security/acme.rules   # extra rules, docs/secrets.md format
//     history: true                      # also walk git history (--history)
//   vuln: {db: ~/.cache/rampart/osv.db, offline: true}
//   ignore-file: .rampartignore
//
// The file is the user's but may arrive with a cloned repository, so it is
// parsed with the document layer's bounded YAML reader (depth, node count
// and alias expansion are capped) and capped at kMaxConfigBytes. Unknown
// keys and wrong types are errors, reported as a Status located at the
// offending key ("rampart.yaml:7:3: ..."). Plain values; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/findings/finding.h"

namespace rampart::scan {

inline constexpr std::size_t kMaxConfigBytes = 1u << 20;
inline constexpr int kConfigVersion = 1;

struct RuleOverride {
  std::optional<Severity> severity;
  bool enabled = true;
};

struct ScanConfig {
  std::string source;  // the file it was read from, "" for defaults

  std::vector<std::string> scanners;  // empty: all that are built in
  std::optional<Severity> severity_threshold;

  std::vector<std::string> skip_paths;  // gitignore syntax, from the root
  std::vector<std::string> skip_dirs;   // folder names skipped anywhere
  bool default_skips = true;
  bool gitignore = true;
  std::optional<std::uint64_t> max_file_size;

  std::map<std::string, RuleOverride> rules;  // by rule id
  std::vector<std::string> policy_dirs;       // relative to the config file

  struct Secret {
    std::vector<std::string> allow_paths;
    std::vector<std::string> allow_rules;
    std::vector<std::string> allow_regexes;
    std::vector<std::string> allow_fingerprints;
    std::vector<std::string> allow_values;  // exact secrets, e.g. test keys
    // A rule file in the format of docs/secrets.md whose rules are added to
    // the built-in ones; relative to the config file once loaded.
    std::optional<std::string> rules_file;
    // Also scan the git history of the scanned folder (`--history`).
    bool history = false;
  } secret;

  std::optional<std::string> db_path;
  std::optional<bool> offline;
  std::optional<std::string> ignore_file;  // relative to the config file
};

// Parses the text of a rampart.yaml; `source` names it in errors.
Result<ScanConfig> parse_config(std::string_view text, std::string_view source);

// Reads and parses the file at `path`; relative paths in it (policies,
// ignore-file, vuln.db, secret.rules-file) are resolved against the file's
// folder.
Result<ScanConfig> load_config(const std::string& path);

// The ids of `rules` entries with `enabled: false`, for scanners that can
// leave a rule out before scanning rather than drop its findings after.
std::vector<std::string> disabled_rule_ids(const ScanConfig& config);

// Applies `rules` overrides: drops findings of disabled rules and rewrites
// the severity of overridden ones (the original goes in the property
// "original_severity").
void apply_rule_overrides(const ScanConfig& config,
                          std::vector<Finding>& findings);

}  // namespace rampart::scan
