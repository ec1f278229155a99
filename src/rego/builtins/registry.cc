// SPDX-License-Identifier: Apache-2.0
//
// The built-in table and the standard catalogue's assembly.
#include "rampart/rego/builtins.h"

#include <algorithm>

namespace rampart::rego {

TypeMask type_of(const Value& value) {
  return static_cast<TypeMask>(1u << static_cast<unsigned>(value.kind()));
}

std::string describe_types(TypeMask mask) {
  static const char* kNames[] = {"null",  "boolean", "number", "string",
                                 "array", "object",  "set"};
  if (mask == kTypeAny) return "any";
  std::vector<std::string> names;
  for (int bit = 0; bit < 7; ++bit) {
    if (mask & (1 << bit)) names.emplace_back(kNames[bit]);
  }
  if (names.size() == 1) return names[0];
  // OPA lists alternatives sorted by name.
  std::sort(names.begin(), names.end());
  std::string text = "one of {";
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += (i > 0 ? ", " : "") + names[i];
  }
  return text + "}";
}

void BuiltinRegistry::add(BuiltinDecl decl) {
  std::string name = decl.name;
  decls_[name] = std::make_shared<const BuiltinDecl>(std::move(decl));
}

const BuiltinDecl* BuiltinRegistry::find(std::string_view name) const {
  auto found = decls_.find(name);
  return found == decls_.end() ? nullptr : found->second.get();
}

std::vector<std::string> BuiltinRegistry::names() const {
  std::vector<std::string> names;
  for (const auto& [name, decl] : decls_) names.push_back(name);
  return names;
}

const BuiltinRegistry& BuiltinRegistry::standard() {
  static const BuiltinRegistry registry = [] {
    BuiltinRegistry r;
    register_comparison_builtins(r);
    register_number_builtins(r);
    register_aggregate_builtins(r);
    register_array_builtins(r);
    register_set_builtins(r);
    register_object_builtins(r);
    register_string_builtins(r);
    register_regex_builtins(r);
    register_glob_builtins(r);
    register_type_builtins(r);
    register_encoding_builtins(r);
    register_jwt_builtins(r);
    register_time_builtins(r);
    register_crypto_builtins(r);
    register_graph_builtins(r);
    register_net_builtins(r);
    register_misc_builtins(r);
    return r;
  }();
  return registry;
}

}  // namespace rampart::rego
