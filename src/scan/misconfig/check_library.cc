// SPDX-License-Identifier: Apache-2.0
//
// Compiles the bundled checks and the user's policies and prepares one query
// per check (see check_library.h). Metadata comes from `# METADATA`
// annotations: a package annotation for each bundled check, rule and
// package annotations for user rules (docs/checks.md lists the fields).
#include "check_library.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "rampart/base/file.h"
#include "rampart/scan/misconfig/bundled_policies.h"

namespace rampart::scan::misconfig {
namespace {

constexpr std::string_view kKubernetesPrefix = "data.rampart.k8s.";
constexpr std::string_view kDockerPrefix = "data.rampart.docker.";
constexpr std::string_view kLibPrefix = "data.rampart.lib";

std::string string_field(const Value& object, std::string_view key) {
  const Value* found = object.is_object() ? object.find(key) : nullptr;
  return found != nullptr && found->is_string() ? found->as_string() : "";
}

std::vector<InputType> parse_inputs(std::string_view text,
                                    std::vector<InputType> fallback) {
  if (text == "kubernetes") return {InputType::kKubernetes};
  if (text == "dockerfile") return {InputType::kDockerfile};
  if (text == "any") return {InputType::kKubernetes, InputType::kDockerfile};
  return fallback;
}

// Strings of an array, or the "ref" of objects (OPA's related_resources).
std::vector<std::string> string_list(const Value* list) {
  std::vector<std::string> out;
  if (list == nullptr || !list->is_array()) return out;
  for (const Value& item : list->array_items()) {
    if (item.is_string()) out.push_back(item.as_string());
    std::string ref = string_field(item, "ref");
    if (!ref.empty()) out.push_back(ref);
  }
  return out;
}

std::vector<std::string> expand_kinds(const Value* list) {
  std::vector<std::string> kinds;
  for (const std::string& kind : string_list(list)) {
    if (kind == "workload") {
      const auto& workloads = workload_kinds();
      kinds.insert(kinds.end(), workloads.begin(), workloads.end());
    } else {
      kinds.push_back(kind);
    }
  }
  return kinds;
}

// Fills `info` from one annotation block; absent fields keep their value.
void apply_annotation(const Value& block, CheckInfo& info) {
  if (auto title = string_field(block, "title"); !title.empty()) {
    info.title = title;
  }
  if (auto text = string_field(block, "description"); !text.empty()) {
    info.description = text;
  }
  auto related = string_list(block.is_object() ? block.find("related_resources")
                                               : nullptr);
  info.references.insert(info.references.end(), related.begin(), related.end());

  const Value* custom = block.is_object() ? block.find("custom") : nullptr;
  if (custom == nullptr || !custom->is_object()) return;
  if (auto id = string_field(*custom, "id"); !id.empty()) info.id = id;
  if (auto severity = parse_severity(string_field(*custom, "severity"))) {
    info.severity = *severity;
  }
  if (auto fix = string_field(*custom, "remediation"); !fix.empty()) {
    info.remediation = fix;
  }
  if (auto fix = string_field(*custom, "recommended_actions"); !fix.empty()) {
    info.remediation = fix;
  }
  auto references = string_list(custom->find("references"));
  info.references.insert(info.references.end(), references.begin(),
                         references.end());
  info.inputs = parse_inputs(string_field(*custom, "input"), info.inputs);
  if (const Value* kinds = custom->find("kinds")) {
    info.kinds = expand_kinds(kinds);
  }
}

using Compiled =
    std::variant<std::shared_ptr<const rego::Policy>, rego::RegoErrors>;

Compiled compile_sources(const std::vector<PolicySource>& sources,
                         bool v0_compatible) {
  rego::CompileOptions options;
  options.v0_compatible = v0_compatible;
  rego::Compiler compiler(options);
  for (const PolicySource& source : sources) {
    compiler.add_module(source.file, source.text);
  }
  return compiler.compile();
}

Result<std::shared_ptr<const rego::PreparedQuery>> prepare(
    const rego::Policy& policy, const std::string& query) {
  auto prepared = policy.prepare(query);
  if (auto* errors = std::get_if<rego::RegoErrors>(&prepared)) {
    return rego_error_status(*errors, query);
  }
  return std::get<std::shared_ptr<const rego::PreparedQuery>>(prepared);
}

// --- the bundled library ---------------------------------------------------

Status load_bundled(CheckLibrary& library) {
  Compiled compiled = compile_sources(bundled_sources(false), false);
  if (auto* errors = std::get_if<rego::RegoErrors>(&compiled)) {
    return rego_error_status(*errors, "bundled checks");
  }
  auto policy = std::get<std::shared_ptr<const rego::Policy>>(compiled);
  library.policies.push_back(policy);

  std::vector<LoadedCheck> checks;
  for (const rego::Annotation& annotation : policy->annotations()) {
    bool kubernetes = annotation.path.starts_with(kKubernetesPrefix);
    bool docker = annotation.path.starts_with(kDockerPrefix);
    if (annotation.scope != "package" || (!kubernetes && !docker)) continue;

    LoadedCheck check;
    check.info.inputs = {kubernetes ? InputType::kKubernetes
                                    : InputType::kDockerfile};
    apply_annotation(annotation.value, check.info);
    check.info.query = annotation.path + ".deny";
    check.info.file = annotation.file;
    auto query = prepare(*policy, check.info.query);
    if (!query.is_ok()) return query.status();
    check.query = *query;
    checks.push_back(std::move(check));
  }
  std::sort(checks.begin(), checks.end(),
            [](const auto& a, const auto& b) { return a.info.id < b.info.id; });
  library.checks = std::move(checks);
  return Status::ok();
}

// --- user policies ---------------------------------------------------------

const rego::RegoError* first_parse_error(const rego::RegoErrors& errors) {
  for (const rego::RegoError& error : errors) {
    if (error.code == "rego_parse_error") return &error;
  }
  return nullptr;
}

rego::RegoErrors errors_of(const Compiled& compiled) {
  auto* errors = std::get_if<rego::RegoErrors>(&compiled);
  return errors != nullptr ? *errors : rego::RegoErrors{};
}

// Whether a module is Rego v0 (true) or v1 (false). A module that parses in
// neither is reported with the error of the syntax that read further, which
// is the one its author meant.
Result<bool> is_v0_module(const PolicySource& source) {
  rego::RegoErrors v1 = errors_of(compile_sources({source}, false));
  const rego::RegoError* v1_error = first_parse_error(v1);
  if (v1_error == nullptr) return false;

  rego::RegoErrors v0 = errors_of(compile_sources({source}, true));
  const rego::RegoError* v0_error = first_parse_error(v0);
  if (v0_error == nullptr) return true;

  auto position = [](const rego::RegoError* error) {
    return std::make_pair(error->location.line, error->location.column);
  };
  const rego::RegoError* further =
      position(v0_error) > position(v1_error) ? v0_error : v1_error;
  return rego_error_status({*further}, source.file);
}

bool selected_package(const std::string& package,
                      const std::vector<std::string>& namespaces) {
  if (package.starts_with(kLibPrefix)) return false;
  std::string bare = package.substr(5);  // without "data."
  for (const std::string& wanted : namespaces) {
    if (wanted == "*" || wanted == bare) return true;
  }
  return false;
}

// deny, violation, warn, or one of them with a "_suffix" (Conftest style).
bool is_result_rule(std::string_view name, bool& warn) {
  for (std::string_view prefix : {"deny", "violation", "warn"}) {
    if (name == prefix ||
        (name.starts_with(prefix) && name.size() > prefix.size() &&
         name[prefix.size()] == '_')) {
      warn = prefix == "warn";
      return true;
    }
  }
  return false;
}

struct PackageFacts {
  std::string file;
  bool admission_review = false;
};

Status add_user_checks(const rego::Policy& policy,
                       const std::map<std::string, PackageFacts>& packages,
                       const std::vector<std::string>& namespaces,
                       CheckLibrary& library) {
  std::map<std::string, const rego::Annotation*> annotations;
  for (const rego::Annotation& annotation : policy.annotations()) {
    annotations.emplace(annotation.scope + " " + annotation.path, &annotation);
  }
  for (const std::string& package : policy.packages()) {
    if (!selected_package(package, namespaces)) continue;
    for (const std::string& rule : policy.rules()) {
      if (!rule.starts_with(package + ".")) continue;
      std::string name = rule.substr(package.size() + 1);
      LoadedCheck check;
      if (name.find('.') != std::string::npos ||
          !is_result_rule(name, check.info.warn)) {
        continue;
      }
      check.info.user = true;
      check.info.id = package.substr(5) + "." + name;
      check.info.title = "Policy " + check.info.id;
      check.info.severity = check.info.warn ? Severity::kLow : Severity::kHigh;
      check.info.inputs = {InputType::kKubernetes};
      check.info.query = rule;
      auto facts = packages.find(package);
      if (facts != packages.end()) {
        check.info.file = facts->second.file;
        check.info.admission_review = facts->second.admission_review;
      }
      for (std::string scope : {"package " + package, "rule " + rule}) {
        auto found = annotations.find(scope);
        if (found != annotations.end()) {
          apply_annotation(found->second->value, check.info);
        }
      }
      auto query = prepare(policy, rule);
      if (!query.is_ok()) return query.status();
      check.query = *query;
      library.checks.push_back(std::move(check));
    }
  }
  return Status::ok();
}

Status load_user(const MisconfigOptions& options, CheckLibrary& library) {
  auto sources = read_policy_dirs(options.policy_dirs);
  if (!sources.is_ok()) return sources.status();

  // The helper packages come along, so user policies may import them.
  std::vector<PolicySource> groups[2];
  std::size_t user_files[2] = {0, 0};
  for (const PolicySource& lib : bundled_sources(false)) {
    if (lib.file.starts_with("policies/lib/")) {
      groups[0].push_back(lib);
      groups[1].push_back(lib);
    }
  }
  std::map<std::string, PackageFacts> packages;
  for (const PolicySource& source : *sources) {
    auto v0 = is_v0_module(source);
    if (!v0.is_ok()) return v0.status();
    groups[*v0 ? 1 : 0].push_back(source);
    ++user_files[*v0 ? 1 : 0];
    PackageFacts& facts = packages["data." + package_of(source.text)];
    if (facts.file.empty()) facts.file = source.file;
    facts.admission_review |=
        source.text.find("input.request") != std::string::npos;
  }

  std::vector<std::string> namespaces = options.namespaces;
  if (namespaces.empty()) namespaces.push_back("main");
  for (int v0 = 0; v0 < 2; ++v0) {
    if (user_files[v0] == 0) continue;
    Compiled compiled = compile_sources(groups[v0], v0 == 1);
    if (auto* errors = std::get_if<rego::RegoErrors>(&compiled)) {
      return rego_error_status(*errors, "user policies");
    }
    auto policy = std::get<std::shared_ptr<const rego::Policy>>(compiled);
    library.policies.push_back(policy);
    RAMPART_RETURN_IF_ERROR(
        add_user_checks(*policy, packages, namespaces, library));
  }
  return Status::ok();
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

std::string package_of(std::string_view text) {
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    std::size_t start = line.find_first_not_of(" \t");
    if (start != std::string_view::npos &&
        line.substr(start).starts_with("package ")) {
      line = line.substr(start + 8);
      std::size_t first = line.find_first_not_of(" \t");
      if (first == std::string_view::npos) return "";
      line = line.substr(first);
      return std::string(line.substr(0, line.find_first_of(" \t\r#")));
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return "";
}

const std::vector<std::string>& workload_kinds() {
  static const std::vector<std::string> kinds = {
      "CronJob",          "DaemonSet",  "Deployment",
      "DeploymentConfig", "Job",        "Pod",
      "PodTemplate",      "ReplicaSet", "ReplicationController",
      "StatefulSet"};
  return kinds;
}

std::vector<PolicySource> bundled_sources(bool with_tests) {
  std::vector<PolicySource> sources;
  for (const PolicyFile& file : bundled_policies()) {
    if (!with_tests && is_test_policy(file.path)) continue;
    sources.push_back(
        {"policies/" + std::string(file.path), std::string(file.source)});
  }
  return sources;
}

Result<std::vector<PolicySource>> read_policy_dirs(
    const std::vector<std::string>& dirs) {
  namespace fs = std::filesystem;
  std::vector<std::string> paths;
  for (const std::string& dir : dirs) {
    std::error_code error;
    if (fs::is_regular_file(dir, error)) {
      paths.push_back(dir);
      continue;
    }
    if (!fs::is_directory(dir, error)) {
      return Status(StatusCode::kNotFound, "policy folder not found: " + dir);
    }
    fs::recursive_directory_iterator it(dir, error), end;
    for (; !error && it != end; it.increment(error)) {
      std::string path = it->path().string();
      if (it->is_regular_file(error) && path.ends_with(".rego") &&
          !is_test_policy(path)) {
        paths.push_back(path);
      }
    }
    if (error) {
      return Status(StatusCode::kIoError, "cannot read policy folder " + dir +
                                              ": " + error.message());
    }
  }
  std::sort(paths.begin(), paths.end());

  std::vector<PolicySource> sources;
  for (const std::string& path : paths) {
    auto text = read_file(path, kMaxPolicyBytes);
    if (!text.is_ok()) return text.status();
    sources.push_back({path, std::move(*text)});
  }
  return sources;
}

Status rego_error_status(const rego::RegoErrors& errors,
                         std::string_view context) {
  if (errors.empty()) {
    return Status(StatusCode::kInternal,
                  std::string(context) + ": compilation failed");
  }
  const rego::RegoError& first = errors.front();
  std::string message = first.code + ": " + first.message;
  if (errors.size() > 1) {
    message += " (and " + std::to_string(errors.size() - 1) + " more)";
  }
  SourceLocation location = first.location;
  if (location.file.empty()) location.file = std::string(context);
  return Status(StatusCode::kParseError, std::move(message), location);
}

Result<CheckLibrary> load_checks(const MisconfigOptions& options) {
  CheckLibrary library;
  if (options.use_bundled_checks)
    RAMPART_RETURN_IF_ERROR(load_bundled(library));
  if (!options.policy_dirs.empty()) {
    RAMPART_RETURN_IF_ERROR(load_user(options, library));
  }

  std::vector<LoadedCheck> enabled;
  for (LoadedCheck& check : library.checks) {
    if (contains(options.disabled_checks, check.info.id)) continue;
    auto override = options.severity_overrides.find(check.info.id);
    if (override != options.severity_overrides.end()) {
      check.info.severity = override->second;
    }
    enabled.push_back(std::move(check));
  }
  library.checks = std::move(enabled);
  return library;
}

}  // namespace rampart::scan::misconfig
