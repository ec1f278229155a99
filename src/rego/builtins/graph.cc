// SPDX-License-Identifier: Apache-2.0
//
// OPA's graph built-ins: walk (a relation yielding [path, value] for every
// node of a document, parent before children), graph.reachable and
// graph.reachable_paths over an adjacency object whose values are sets or
// arrays of neighbour nodes.
//
// walk's output grows with the document's size times its depth, so it is
// capped at kMaxWalkNodes nodes (an eval_builtin_error beyond). The graph
// traversals visit each node once and are iterative or bounded by the
// number of nodes.
#include <deque>
#include <set>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect;
using builtins::items_of;
using builtins::operand_error;

constexpr std::size_t kMaxWalkNodes = 10'000'000;

bool walk_into(const Value& node, std::vector<Value>& path,
               std::vector<Value>& out) {
  if (out.size() >= kMaxWalkNodes) return false;
  out.push_back(Value::array({Value::array(path), node}));
  auto descend = [&](const Value& key, const Value& child) {
    path.push_back(key);
    bool ok = walk_into(child, path, out);
    path.pop_back();
    return ok;
  };
  if (node.is_object()) {
    for (const auto& [key, child] : node.object_entries()) {
      if (!descend(key, child)) return false;
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (!descend(Value::integer(static_cast<std::int64_t>(i)),
                   node.array_items()[i])) {
        return false;
      }
    }
  } else if (node.is_set()) {
    for (const Value& item : node.set_items()) {
      if (!descend(item, item)) return false;
    }
  }
  return true;
}

BuiltinResult walk(BuiltinArgs args, BuiltinContext&) {
  std::vector<Value> out;
  std::vector<Value> path;
  if (!walk_into(args[0], path, out)) {
    return BuiltinResult::error("document has more than " +
                                std::to_string(kMaxWalkNodes) + " nodes");
  }
  return BuiltinResult::of(Value::array(std::move(out)));
}

std::optional<BuiltinResult> expect_graph(BuiltinArgs args) {
  if (auto error = expect(args, 0, kTypeObject)) return error;
  if (!args[1].is_set() && !args[1].is_array()) {
    return operand_error(1, "one of {set, array}", args[1]);
  }
  return std::nullopt;
}

BuiltinResult reachable(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_graph(args)) return *error;
  const Value& graph = args[0];
  std::deque<Value> queue(items_of(args[1]).begin(), items_of(args[1]).end());
  std::vector<Value> reached;
  std::set<Value> seen;
  while (!queue.empty()) {
    Value node = std::move(queue.front());
    queue.pop_front();
    const Value* edges = graph.find(node);
    // Nodes missing from the graph are not reached.
    if (edges == nullptr || !seen.insert(node).second) continue;
    reached.push_back(node);
    for (const Value& neighbour : items_of(*edges)) {
      if (!seen.count(neighbour)) queue.push_back(neighbour);
    }
  }
  return BuiltinResult::of(Value::set(std::move(reached)));
}

// Depth-first paths from `node`: each ends at a leaf, at a node missing
// from the graph (which is left out), or where a node repeats.
void build_paths(const Value& graph, const Value& node,
                 std::vector<Value>& path, std::set<Value>& reached,
                 std::vector<Value>& out) {
  const Value* edges = graph.find(node);
  if (edges == nullptr) {
    out.push_back(Value::array(path));
    return;
  }
  path.push_back(node);
  const auto& neighbours = items_of(*edges);
  if (neighbours.empty()) out.push_back(Value::array(path));
  for (const Value& neighbour : neighbours) {
    if (reached.count(neighbour)) {
      out.push_back(Value::array(path));
      continue;
    }
    reached.insert(node);
    build_paths(graph, neighbour, path, reached, out);
  }
  path.pop_back();
}

BuiltinResult reachable_paths(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_graph(args)) return *error;
  std::vector<Value> out;
  for (const Value& start : items_of(args[1])) {
    std::vector<Value> path;
    std::set<Value> reached;
    build_paths(args[0], start, path, reached, out);
  }
  // A start node missing from the graph yields no path.
  std::vector<Value> paths;
  for (Value& p : out) {
    if (p.size() > 0) paths.push_back(std::move(p));
  }
  return BuiltinResult::of(Value::set(std::move(paths)));
}

}  // namespace

void register_graph_builtins(BuiltinRegistry& registry) {
  BuiltinDecl walk_decl = declare("walk", {kTypeAny}, kTypeArray, walk);
  walk_decl.relation = true;
  registry.add(std::move(walk_decl));
  registry.add(declare("graph.reachable", {kTypeObject, kTypeSet | kTypeArray},
                       kTypeSet, reachable));
  registry.add(declare("graph.reachable_paths",
                       {kTypeObject, kTypeSet | kTypeArray}, kTypeSet,
                       reachable_paths));
}

}  // namespace rampart::rego
