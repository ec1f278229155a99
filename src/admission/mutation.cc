// SPDX-License-Identifier: Apache-2.0
//
// Loads and runs the mutation rules described in mutation.h. The policy
// files are read through the misconfig check library's bounded reader
// (kMaxPolicyBytes per file); each file is compiled as Rego v1, or as v0
// when it only parses that way, so both syntaxes load.
#include "admission/mutation.h"

#include <algorithm>
#include <optional>

#include "rampart/document/json.h"

#include "scan/misconfig/check_library.h"

namespace rampart::admission {
namespace {

namespace misconfig = scan::misconfig;

using Compiled =
    std::variant<std::shared_ptr<const rego::Policy>, rego::RegoErrors>;

Compiled compile(const std::vector<misconfig::PolicySource>& sources, bool v0) {
  rego::CompileOptions options;
  options.v0_compatible = v0;
  rego::Compiler compiler(options);
  for (const auto& source : sources) {
    compiler.add_module(source.file, source.text);
  }
  return compiler.compile();
}

bool parses(const misconfig::PolicySource& source, bool v0) {
  Compiled compiled = compile({source}, v0);
  auto* errors = std::get_if<rego::RegoErrors>(&compiled);
  if (errors == nullptr) return true;
  return std::none_of(errors->begin(), errors->end(), [](const auto& e) {
    return e.code == "rego_parse_error";
  });
}

const Value* member(const Value& object, std::string_view key) {
  return object.is_object() ? object.find(key) : nullptr;
}

}  // namespace

bool is_json_pointer(std::string_view pointer) {
  if (pointer.empty()) return true;
  if (pointer.front() != '/') return false;
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] != '~') continue;
    if (i + 1 >= pointer.size() ||
        (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
      return false;
    }
  }
  return true;
}

Status check_patch_operation(const Value& operation) {
  auto bad = [](std::string why) {
    return Status(StatusCode::kInvalidArgument,
                  "malformed JSONPatch operation: " + why);
  };
  if (!operation.is_object()) return bad("not an object");
  const Value* op = member(operation, "op");
  if (op == nullptr || !op->is_string()) return bad("no \"op\" string");
  const std::string& name = op->as_string();
  static const char* const kOps[] = {"add",  "remove", "replace",
                                     "move", "copy",   "test"};
  if (std::none_of(std::begin(kOps), std::end(kOps),
                   [&](const char* k) { return name == k; })) {
    return bad("unknown op \"" + name.substr(0, 32) + "\"");
  }
  const Value* path = member(operation, "path");
  if (path == nullptr || !path->is_string() ||
      !is_json_pointer(path->as_string())) {
    return bad("\"path\" is not a JSON Pointer");
  }
  bool needs_value = name == "add" || name == "replace" || name == "test";
  if (needs_value && member(operation, "value") == nullptr) {
    return bad("\"" + name + "\" needs a \"value\"");
  }
  if (name == "move" || name == "copy") {
    const Value* from = member(operation, "from");
    if (from == nullptr || !from->is_string() ||
        !is_json_pointer(from->as_string())) {
      return bad("\"from\" is not a JSON Pointer");
    }
  }
  return Status::ok();
}

Result<std::unique_ptr<MutationRules>> MutationRules::load(
    const std::vector<std::filesystem::path>& paths) {
  std::vector<std::string> dirs;
  for (const auto& path : paths) dirs.push_back(path.string());
  auto sources = misconfig::read_policy_dirs(dirs);
  if (!sources) return sources.status();

  // User modules may import the bundled helpers, as in validation.
  std::vector<misconfig::PolicySource> groups[2];
  std::size_t user_files[2] = {0, 0};
  for (const auto& lib : misconfig::bundled_sources(false)) {
    if (!lib.file.starts_with("policies/lib/")) continue;
    groups[0].push_back(lib);
    groups[1].push_back(lib);
  }
  for (const auto& source : *sources) {
    int v0 = parses(source, false) ? 0 : 1;
    groups[v0].push_back(source);
    ++user_files[v0];
  }

  auto rules = std::make_unique<MutationRules>();
  for (int v0 = 0; v0 < 2; ++v0) {
    if (user_files[v0] == 0) continue;
    Compiled compiled = compile(groups[v0], v0 == 1);
    if (auto* errors = std::get_if<rego::RegoErrors>(&compiled)) {
      return misconfig::rego_error_status(*errors, "mutation policies");
    }
    auto policy = std::get<std::shared_ptr<const rego::Policy>>(compiled);
    rules->policies_.push_back(policy);
    for (const std::string& rule : policy->rules()) {
      if (!rule.ends_with(".patch") || rule.starts_with("data.rampart.lib")) {
        continue;
      }
      auto prepared = policy->prepare(rule);
      if (auto* errors = std::get_if<rego::RegoErrors>(&prepared)) {
        return misconfig::rego_error_status(*errors, rule);
      }
      rules->rules_.push_back(
          {rule,
           std::get<std::shared_ptr<const rego::PreparedQuery>>(prepared)});
    }
  }
  std::sort(rules->rules_.begin(), rules->rules_.end(),
            [](const Rule& a, const Rule& b) { return a.name < b.name; });
  return rules;
}

Result<std::optional<std::string>> MutationRules::patch(
    const Value& review, const rego::EvalLimits& limits) const {
  rego::EvalOptions eval;
  eval.input = review;
  eval.has_input = true;
  eval.limits = limits;

  std::vector<Value> operations;
  for (const Rule& rule : rules_) {
    rego::EvalResult result = rule.query->evaluate(eval);
    if (!result.ok()) {
      const rego::RegoError& first = result.errors.front();
      return Status(
          first.code == "eval_cancel_error" ? StatusCode::kLimitExceeded
                                            : StatusCode::kInvalidArgument,
          "mutation " + rule.name + ": " + first.code + ": " + first.message);
    }
    for (const rego::ResultRow& row : result.rows) {
      if (row.expressions.empty()) continue;
      const Value& value = row.expressions.front().value;
      const std::vector<Value>& items =
          value.is_set() ? value.set_items() : value.array_items();
      if (!value.is_set() && !value.is_array()) {
        return Status(StatusCode::kInvalidArgument,
                      "mutation " + rule.name +
                          ": a patch rule must be a set or an array of "
                          "operations");
      }
      for (const Value& operation : items) {
        Status checked = check_patch_operation(operation);
        if (!checked.is_ok()) {
          return Status(checked.code(),
                        "mutation " + rule.name + ": " + checked.message());
        }
        operations.push_back(operation);
      }
    }
  }
  if (operations.empty()) return std::optional<std::string>();
  return std::optional<std::string>(
      to_json(Value::array(std::move(operations))));
}

std::vector<std::string> MutationRules::names() const {
  std::vector<std::string> names;
  for (const Rule& rule : rules_) names.push_back(rule.name);
  return names;
}

}  // namespace rampart::admission
