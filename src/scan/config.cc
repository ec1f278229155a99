// SPDX-License-Identifier: Apache-2.0
//
// rampart.yaml reading (see config.h). The YAML is parsed by the document
// layer with positions recorded, then walked key by key; each reader names
// the JSON Pointer of what it reads so an error can point at its line.
#include "rampart/scan/config.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include <fmt/format.h>

#include "rampart/base/file.h"
#include "rampart/document/yaml.h"

namespace rampart::scan {

namespace {

class ConfigReader {
 public:
  ConfigReader(const YamlDocument& document, std::string_view source)
      : document_(document), source_(source) {}

  Status error(const std::string& pointer, std::string message) const {
    SourceLocation location{source_, document_.start_line, 0};
    auto it = document_.positions.find(pointer);
    if (it != document_.positions.end()) {
      location.line = it->second.line;
      location.column = it->second.column;
    }
    return Status(StatusCode::kInvalidArgument, std::move(message),
                  std::move(location));
  }

  // Checks that `value` is a mapping whose keys are all in `allowed`.
  Status expect_keys(const Value& value, const std::string& pointer,
                     std::string_view what,
                     const std::set<std::string_view>& allowed) const {
    if (!value.is_object()) {
      return error(pointer, fmt::format("{} must be a mapping", what));
    }
    for (const auto& [key, item] : value.object_entries()) {
      if (!key.is_string()) return error(pointer, "keys must be strings");
      if (allowed.count(key.as_string()) == 0) {
        return error(
            child(pointer, key.as_string()),
            fmt::format("unknown key '{}' in {}", key.as_string(), what));
      }
    }
    return Status::ok();
  }

  Result<std::vector<std::string>> strings(const Value& value,
                                           const std::string& pointer) const {
    std::vector<std::string> out;
    if (value.is_string()) {
      out.push_back(value.as_string());
      return out;
    }
    if (!value.is_array()) {
      return error(pointer, fmt::format("'{}' must be a list of strings",
                                        last_segment(pointer)));
    }
    for (const Value& item : value.array_items()) {
      if (!item.is_string()) {
        return error(pointer, fmt::format("'{}' must hold only strings",
                                          last_segment(pointer)));
      }
      out.push_back(item.as_string());
    }
    return out;
  }

  Result<bool> boolean(const Value& value, const std::string& pointer) const {
    if (!value.is_boolean()) {
      return error(pointer, fmt::format("'{}' must be true or false",
                                        last_segment(pointer)));
    }
    return value.as_boolean();
  }

  Result<std::string> string(const Value& value,
                             const std::string& pointer) const {
    if (!value.is_string()) {
      return error(pointer,
                   fmt::format("'{}' must be a string", last_segment(pointer)));
    }
    return value.as_string();
  }

  Result<Severity> severity(const Value& value,
                            const std::string& pointer) const {
    std::optional<Severity> parsed;
    if (value.is_string()) parsed = parse_severity(value.as_string());
    if (!parsed) {
      return error(pointer,
                   fmt::format("'{}' must be one of UNKNOWN, LOW, MEDIUM, "
                               "HIGH, CRITICAL",
                               last_segment(pointer)));
    }
    return *parsed;
  }

  static std::string child(const std::string& pointer, std::string_view key) {
    std::string out = pointer;
    append_pointer_segment(out, key);
    return out;
  }

 private:
  static std::string last_segment(const std::string& pointer) {
    std::size_t slash = pointer.rfind('/');
    return slash == std::string::npos ? pointer : pointer.substr(slash + 1);
  }

  const YamlDocument& document_;
  std::string source_;
};

Status read_skip(const ConfigReader& r, const Value& value,
                 const std::string& at, ScanConfig& config) {
  RAMPART_RETURN_IF_ERROR(r.expect_keys(
      value, at, "skip", {"paths", "dirs", "defaults", "gitignore"}));
  for (const auto& [key, item] : value.object_entries()) {
    const std::string& name = key.as_string();
    std::string p = ConfigReader::child(at, name);
    if (name == "paths" || name == "dirs") {
      auto list = r.strings(item, p);
      if (!list) return list.status();
      (name == "paths" ? config.skip_paths : config.skip_dirs) = *list;
    } else {
      auto flag = r.boolean(item, p);
      if (!flag) return flag.status();
      (name == "defaults" ? config.default_skips : config.gitignore) = *flag;
    }
  }
  return Status::ok();
}

Status read_rules(const ConfigReader& r, const Value& value,
                  const std::string& at, ScanConfig& config) {
  if (!value.is_object()) return r.error(at, "'rules' must be a mapping");
  for (const auto& [key, item] : value.object_entries()) {
    if (!key.is_string()) return r.error(at, "rule ids must be strings");
    std::string p = ConfigReader::child(at, key.as_string());
    RAMPART_RETURN_IF_ERROR(
        r.expect_keys(item, p, fmt::format("rule '{}'", key.as_string()),
                      {"severity", "enabled"}));
    RuleOverride rule;
    if (const Value* s = item.find("severity")) {
      auto severity = r.severity(*s, ConfigReader::child(p, "severity"));
      if (!severity) return severity.status();
      rule.severity = *severity;
    }
    if (const Value* e = item.find("enabled")) {
      auto enabled = r.boolean(*e, ConfigReader::child(p, "enabled"));
      if (!enabled) return enabled.status();
      rule.enabled = *enabled;
    }
    config.rules[key.as_string()] = rule;
  }
  return Status::ok();
}

Status read_secret(const ConfigReader& r, const Value& value,
                   const std::string& at, ScanConfig& config) {
  RAMPART_RETURN_IF_ERROR(r.expect_keys(
      value, at, "secret",
      {"allow-paths", "allow-rules", "allow-regexes", "allow-fingerprints",
       "allow-values", "rules-file", "history"}));
  for (const auto& [key, item] : value.object_entries()) {
    const std::string& name = key.as_string();
    if (name == "history") {
      auto flag = r.boolean(item, ConfigReader::child(at, name));
      if (!flag) return flag.status();
      config.secret.history = *flag;
      continue;
    }
    if (name == "rules-file") {
      auto path = r.string(item, ConfigReader::child(at, name));
      if (!path) return path.status();
      config.secret.rules_file = *path;
      continue;
    }
    auto list = r.strings(item, ConfigReader::child(at, name));
    if (!list) return list.status();
    if (name == "allow-paths") config.secret.allow_paths = *list;
    if (name == "allow-rules") config.secret.allow_rules = *list;
    if (name == "allow-regexes") config.secret.allow_regexes = *list;
    if (name == "allow-fingerprints") config.secret.allow_fingerprints = *list;
    if (name == "allow-values") config.secret.allow_values = *list;
  }
  return Status::ok();
}

Status read_vuln(const ConfigReader& r, const Value& value,
                 const std::string& at, ScanConfig& config) {
  RAMPART_RETURN_IF_ERROR(r.expect_keys(value, at, "vuln", {"db", "offline"}));
  if (const Value* db = value.find("db")) {
    auto path = r.string(*db, ConfigReader::child(at, "db"));
    if (!path) return path.status();
    config.db_path = *path;
  }
  if (const Value* offline = value.find("offline")) {
    auto flag = r.boolean(*offline, ConfigReader::child(at, "offline"));
    if (!flag) return flag.status();
    config.offline = *flag;
  }
  return Status::ok();
}

Status read_scanners(const ConfigReader& r, const Value& value,
                     const std::string& at, ScanConfig& config) {
  auto list = r.strings(value, at);
  if (!list) return list.status();
  for (const std::string& name : *list) {
    if (name != kScannerMisconfig && name != kScannerSecret &&
        name != kScannerVuln) {
      return r.error(at, fmt::format("unknown scanner '{}' (expected "
                                     "misconfig, secret or vuln)",
                                     name));
    }
  }
  config.scanners = *list;
  return Status::ok();
}

Status read_top_level(const ConfigReader& r, const Value& root,
                      ScanConfig& config) {
  RAMPART_RETURN_IF_ERROR(r.expect_keys(
      root, "", "rampart.yaml",
      {"version", "scanners", "severity-threshold", "skip", "max-file-size",
       "rules", "policies", "secret", "vuln", "ignore-file"}));
  for (const auto& [key, value] : root.object_entries()) {
    const std::string& name = key.as_string();
    std::string at = ConfigReader::child("", name);
    if (name == "version") {
      if (!value.is_int64() || value.as_int64() != kConfigVersion) {
        return r.error(at, fmt::format("'version' must be {}", kConfigVersion));
      }
    } else if (name == "scanners") {
      RAMPART_RETURN_IF_ERROR(read_scanners(r, value, at, config));
    } else if (name == "severity-threshold") {
      auto severity = r.severity(value, at);
      if (!severity) return severity.status();
      config.severity_threshold = *severity;
    } else if (name == "skip") {
      RAMPART_RETURN_IF_ERROR(read_skip(r, value, at, config));
    } else if (name == "max-file-size") {
      if (!value.is_int64() || value.as_int64() <= 0) {
        return r.error(at,
                       "'max-file-size' must be a positive number of "
                       "bytes");
      }
      config.max_file_size = static_cast<std::uint64_t>(value.as_int64());
    } else if (name == "rules") {
      RAMPART_RETURN_IF_ERROR(read_rules(r, value, at, config));
    } else if (name == "policies") {
      auto list = r.strings(value, at);
      if (!list) return list.status();
      config.policy_dirs = *list;
    } else if (name == "secret") {
      RAMPART_RETURN_IF_ERROR(read_secret(r, value, at, config));
    } else if (name == "vuln") {
      RAMPART_RETURN_IF_ERROR(read_vuln(r, value, at, config));
    } else if (name == "ignore-file") {
      auto path = r.string(value, at);
      if (!path) return path.status();
      config.ignore_file = *path;
    }
  }
  return Status::ok();
}

std::string folder_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  return path.substr(0, slash + 1);
}

// "~/x" uses $HOME; relative paths are taken from the config's folder.
std::string resolve(const std::string& folder, const std::string& path) {
  if (path.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    if (home != nullptr) return std::string(home) + path.substr(1);
  }
  if (path.empty() || path.front() == '/') return path;
  return folder + path;
}

}  // namespace

Result<ScanConfig> parse_config(std::string_view text,
                                std::string_view source) {
  YamlLimits limits;
  limits.max_depth = 32;
  limits.max_nodes = 100000;
  limits.record_positions = true;
  auto documents = parse_yaml(text, source, limits);
  if (!documents) return documents.status();
  ScanConfig config;
  config.source = std::string(source);
  if (documents->empty() || documents->front().value.is_null()) return config;
  if (documents->size() > 1) {
    return Status(StatusCode::kInvalidArgument,
                  "holds more than one YAML document",
                  {std::string(source), (*documents)[1].start_line, 0});
  }
  ConfigReader reader(documents->front(), source);
  RAMPART_RETURN_IF_ERROR(
      read_top_level(reader, documents->front().value, config));
  return config;
}

Result<ScanConfig> load_config(const std::string& path) {
  auto text = read_file(path, kMaxConfigBytes);
  if (!text) return text.status().with_location({path, 0, 0});
  auto config = parse_config(*text, path);
  if (!config) return config.status();
  std::string folder = folder_of(path);
  for (std::string& dir : config->policy_dirs) dir = resolve(folder, dir);
  if (config->ignore_file) {
    config->ignore_file = resolve(folder, *config->ignore_file);
  }
  if (config->db_path) config->db_path = resolve(folder, *config->db_path);
  if (config->secret.rules_file) {
    config->secret.rules_file = resolve(folder, *config->secret.rules_file);
  }
  return config;
}

std::vector<std::string> disabled_rule_ids(const ScanConfig& config) {
  std::vector<std::string> ids;
  for (const auto& [id, rule] : config.rules) {
    if (!rule.enabled) ids.push_back(id);
  }
  return ids;
}

void apply_rule_overrides(const ScanConfig& config,
                          std::vector<Finding>& findings) {
  if (config.rules.empty()) return;
  std::erase_if(findings, [&](const Finding& finding) {
    auto it = config.rules.find(finding.rule_id);
    return it != config.rules.end() && !it->second.enabled;
  });
  for (Finding& finding : findings) {
    auto it = config.rules.find(finding.rule_id);
    if (it == config.rules.end() || !it->second.severity) continue;
    if (*it->second.severity == finding.severity) continue;
    finding.properties["original_severity"] = severity_name(finding.severity);
    finding.severity = *it->second.severity;
  }
}

}  // namespace rampart::scan
