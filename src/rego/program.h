// SPDX-License-Identifier: Apache-2.0
//
// The compiled form of a policy: parsed modules whose terms have been
// resolved (variables to frame slots, names to input/data references and
// calls to built-ins or rule nodes), and the rule tree that places every
// rule at its path under `data`. Built once by the compiler, then read-only
// and shared by every evaluation, on any thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rampart/rego/engine.h"

#include "rego/ast.h"

namespace rampart::rego {

// Rule indexing: many rules of one node that each require an input path
// to equal a constant (`input.request.kind.kind == "Pod"`). Evaluation
// reads the path once and tries only the rules whose constant matches, plus
// the rules without such a guard, in their original order.
struct RuleIndex {
  std::vector<Value> path;                             // keys below `input`
  std::map<Value, std::vector<std::size_t>> by_value;  // rule positions
  std::vector<std::size_t> unguarded;
};

// One node of the `data` tree: a package, a rule path, or a path under a
// rule's static prefix. Base data lives beside it in Program::data.
struct RuleNode {
  int id = 0;               // index for per-evaluation caches
  std::vector<Value> path;  // keys from data's root
  std::string name;         // "data.pkg.p", for messages
  std::map<Value, std::unique_ptr<RuleNode>> children;
  // Rules whose static path ends here. For partial-object rules, the
  // head's dynamic part (ref terms after the static prefix) follows.
  std::vector<const Rule*> rules;
  std::vector<std::size_t> dynamic_from;  // per rule: first dynamic ref term
  const Rule* default_rule = nullptr;
  std::unique_ptr<const RuleIndex> index;  // null: try every rule
  bool is_package = false;  // a package: defined as {} when empty
  bool has_functions = false;
  bool has_sets = false;
  bool has_complete = false;
  bool has_objects = false;
  int function_arity = -1;

  bool has_rules() const { return !rules.empty() || default_rule; }
};

// A query compiled against a program.
struct CompiledQuery {
  std::unique_ptr<Body> body;
  std::string text;
  int slot_count = 0;
  // Named variables of the query: name and slot, sorted by name.
  std::vector<std::pair<std::string, int>> outputs;
};

struct Program {
  CompileOptions options;
  std::vector<std::unique_ptr<Module>> modules;
  Value data = Value::object({});
  std::unique_ptr<RuleNode> root;  // data
  int node_count = 0;
  std::vector<Annotation> annotations;

  // The node at `path` (keys from data's root), or the deepest node along
  // it; `matched` says how many keys were consumed.
  const RuleNode* find_node(const std::vector<Value>& path,
                            std::size_t* matched) const;
};

// Compiles a query against `program`, written inside `context` (package
// and imports); errors in OPA's shape.
std::variant<std::unique_ptr<CompiledQuery>, RegoErrors> compile_query(
    const Program& program, std::string_view text, const QueryContext& context);

}  // namespace rampart::rego
