// SPDX-License-Identifier: Apache-2.0
//
// OPA's object built-ins: object.get, object.keys, object.remove,
// object.filter, object.union, object.union_n, object.subset, and the
// path-based json.filter, json.remove and json.patch (RFC 6902, extended as
// OPA extends it to sets and to array-form paths).
//
// Values are immutable, so every function builds new objects; work is
// linear in the size of the input plus the paths. Recursion follows the
// input's nesting, which the document readers already cap. json.patch
// failures (missing paths, malformed operations) make the call undefined,
// as in OPA; type errors are eval_type_errors worded as OPA's.
#include <algorithm>
#include <map>
#include <optional>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect;
using builtins::expect_all;
using builtins::items_of;
using builtins::operand_error;

// Steps into one level of a document: an object key, an array index or a
// set member. nullptr when absent.
const Value* step(const Value& node, const Value& key) {
  if (node.is_object()) return node.find(key);
  if (node.is_array()) {
    if (!key.is_int64() || key.as_int64() < 0 ||
        static_cast<std::size_t>(key.as_int64()) >= node.size()) {
      return nullptr;
    }
    return &node.array_items()[static_cast<std::size_t>(key.as_int64())];
  }
  if (node.is_set()) {
    const auto& items = node.set_items();
    auto it = std::lower_bound(items.begin(), items.end(), key);
    return it != items.end() && *it == key ? &*it : nullptr;
  }
  return nullptr;
}

BuiltinResult object_get(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeObject)) return *error;
  const Value& key = args[1];
  if (!key.is_array()) {
    const Value* found = args[0].find(key);
    return BuiltinResult::of(found != nullptr ? *found : args[2]);
  }
  const Value* node = &args[0];
  for (const Value& segment : key.array_items()) {
    node = step(*node, segment);
    if (node == nullptr) return BuiltinResult::of(args[2]);
  }
  return BuiltinResult::of(*node);
}

BuiltinResult object_keys(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeObject)) return *error;
  std::vector<Value> keys;
  for (const auto& entry : args[0].object_entries())
    keys.push_back(entry.first);
  return BuiltinResult::of(Value::set_sorted(std::move(keys)));
}

// The keys named by an array, a set or an object's keys, sorted.
std::optional<std::vector<Value>> key_list(const Value& keys) {
  std::vector<Value> out;
  if (keys.is_object()) {
    for (const auto& entry : keys.object_entries()) out.push_back(entry.first);
  } else if (keys.is_array() || keys.is_set()) {
    out = items_of(keys);
    std::sort(out.begin(), out.end());
  } else {
    return std::nullopt;
  }
  return out;
}

BuiltinDecl select_keys(const char* name, bool keep) {
  return declare(
      name, {kTypeObject, kTypeArray | kTypeSet | kTypeObject}, kTypeObject,
      [keep](BuiltinArgs args, BuiltinContext&) {
        if (auto error = expect(args, 0, kTypeObject)) return *error;
        auto keys = key_list(args[1]);
        if (!keys)
          return operand_error(1, "one of {object, set, array}", args[1]);
        std::vector<ObjectEntry> entries;
        for (const auto& entry : args[0].object_entries()) {
          bool listed =
              std::binary_search(keys->begin(), keys->end(), entry.first);
          if (listed == keep) entries.push_back(entry);
        }
        return BuiltinResult::of(Value::object_sorted(std::move(entries)));
      });
}

// Recursive merge; `b` wins where both are not objects.
Value merge(const Value& a, const Value& b) {
  if (!a.is_object() || !b.is_object()) return b;
  std::vector<ObjectEntry> entries;
  const auto& x = a.object_entries();
  const auto& y = b.object_entries();
  std::size_t i = 0, j = 0;
  while (i < x.size() || j < y.size()) {
    int c = i == x.size()   ? 1
            : j == y.size() ? -1
                            : x[i].first.compare(y[j].first);
    if (c < 0) {
      entries.push_back(x[i++]);
    } else if (c > 0) {
      entries.push_back(y[j++]);
    } else {
      entries.emplace_back(x[i].first, merge(x[i].second, y[j].second));
      ++i;
      ++j;
    }
  }
  return Value::object_sorted(std::move(entries));
}

BuiltinResult object_union(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeObject, kTypeObject})) {
    return *error;
  }
  return BuiltinResult::of(merge(args[0], args[1]));
}

BuiltinResult object_union_n(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeArray)) return *error;
  Value result = Value::object({});
  for (const Value& item : args[0].array_items()) {
    if (!item.is_object()) {
      return operand_error(0, "array of objects",
                           std::string("array containing ") + type_name(item));
    }
    result = merge(result, item);
  }
  return BuiltinResult::of(result);
}

bool set_subset(const Value& super, const Value& sub) {
  return std::includes(super.set_items().begin(), super.set_items().end(),
                       sub.set_items().begin(), sub.set_items().end());
}

// `sub` occurs in `super` as a contiguous run.
bool array_subset(const Value& super, const Value& sub) {
  const auto& a = super.array_items();
  const auto& b = sub.array_items();
  return std::search(a.begin(), a.end(), b.begin(), b.end()) != a.end() ||
         b.empty();
}

bool object_subset(const Value& super, const Value& sub) {
  for (const auto& [key, sub_value] : sub.object_entries()) {
    const Value* super_value = super.find(key);
    if (super_value == nullptr) return false;
    bool fits;
    if (super_value->is_object() && sub_value.is_object()) {
      fits = object_subset(*super_value, sub_value);
    } else if (super_value->is_set() && sub_value.is_set()) {
      fits = set_subset(*super_value, sub_value);
    } else if (super_value->is_array() && sub_value.is_array()) {
      fits = array_subset(*super_value, sub_value);
    } else {
      fits = *super_value == sub_value;
    }
    if (!fits) return false;
  }
  return true;
}

BuiltinResult object_subset_builtin(BuiltinArgs args, BuiltinContext&) {
  const Value& super = args[0];
  const Value& sub = args[1];
  constexpr TypeMask kAccepted = kTypeObject | kTypeArray | kTypeSet;
  const char* kWording = "one of {object, array, set}";
  if (!(type_of(super) & kAccepted)) return operand_error(0, kWording, super);
  if (!(type_of(sub) & kAccepted)) return operand_error(1, kWording, sub);
  bool result;
  if (super.is_object() && sub.is_object()) {
    result = object_subset(super, sub);
  } else if (super.is_set() && sub.is_set()) {
    result = set_subset(super, sub);
  } else if (super.is_array() && sub.is_array()) {
    result = array_subset(super, sub);
  } else if (super.is_array() && sub.is_set()) {
    result = std::all_of(
        sub.set_items().begin(), sub.set_items().end(), [&](const Value& item) {
          const auto& a = super.array_items();
          return std::find(a.begin(), a.end(), item) != a.end();
        });
  } else {
    return operand_error(1, type_name(super), sub);
  }
  return BuiltinResult::of(Value::boolean(result));
}

// ---------------------------------------------------------------------------
// json.filter and json.remove: a tree of path segments; a node with no
// children selects everything below it.

struct PathTree {
  std::map<Value, PathTree> children;
  bool whole = false;

  void insert(const std::vector<Value>& path, std::size_t at = 0) {
    if (whole) return;
    if (at == path.size()) {
      whole = true;
      children.clear();
      return;
    }
    children[path[at]].insert(path, at + 1);
  }

  // The child for an array index. As in OPA, indexes are matched as
  // strings ("0"), so a numeric path segment never selects an element.
  const PathTree* index_child(std::size_t index) const {
    auto found = children.find(Value::string(std::to_string(index)));
    return found != children.end() ? &found->second : nullptr;
  }

  const PathTree* child(const Value& key) const {
    auto found = children.find(key);
    return found != children.end() ? &found->second : nullptr;
  }
};

std::optional<PathTree> parse_paths(const Value& paths) {
  PathTree tree;
  for (const Value& path : items_of(paths)) {
    std::vector<Value> segments;
    if (path.is_string()) {
      std::string_view text = path.as_string();
      while (!text.empty() && text.front() == '/') text.remove_prefix(1);
      while (!text.empty() && text.back() == '/') text.remove_suffix(1);
      std::size_t start = 0;
      while (start <= text.size()) {
        auto slash = text.find('/', start);
        if (slash == std::string_view::npos) slash = text.size();
        segments.push_back(Value::string(text.substr(start, slash - start)));
        start = slash + 1;
      }
    } else if (path.is_array()) {
      segments = path.array_items();
    } else {
      return std::nullopt;
    }
    tree.insert(segments);
  }
  return tree;
}

Value filter_value(const Value& node, const PathTree& tree) {
  if (tree.whole) return node;
  if (node.is_object()) {
    std::vector<ObjectEntry> entries;
    for (const auto& [key, value] : node.object_entries()) {
      if (const PathTree* sub = tree.child(key)) {
        entries.emplace_back(key, filter_value(value, *sub));
      }
    }
    return Value::object_sorted(std::move(entries));
  }
  if (node.is_array()) {
    std::vector<Value> items;
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (const PathTree* sub = tree.index_child(i)) {
        items.push_back(filter_value(node.array_items()[i], *sub));
      }
    }
    return Value::array(std::move(items));
  }
  if (node.is_set()) {
    std::vector<Value> items;
    for (const Value& item : node.set_items()) {
      if (const PathTree* sub = tree.child(item)) {
        items.push_back(filter_value(item, *sub));
      }
    }
    return Value::set(std::move(items));
  }
  return node;
}

// Returns nullopt when the whole node is removed.
std::optional<Value> remove_value(const Value& node, const PathTree& tree) {
  if (tree.whole) return std::nullopt;
  if (node.is_object()) {
    std::vector<ObjectEntry> entries;
    for (const auto& [key, value] : node.object_entries()) {
      const PathTree* sub = tree.child(key);
      if (sub == nullptr) {
        entries.emplace_back(key, value);
      } else if (auto kept = remove_value(value, *sub)) {
        entries.emplace_back(key, *kept);
      }
    }
    return Value::object_sorted(std::move(entries));
  }
  if (node.is_array()) {
    std::vector<Value> items;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const PathTree* sub = tree.index_child(i);
      if (sub == nullptr) {
        items.push_back(node.array_items()[i]);
      } else if (auto kept = remove_value(node.array_items()[i], *sub)) {
        items.push_back(*kept);
      }
    }
    return Value::array(std::move(items));
  }
  if (node.is_set()) {
    std::vector<Value> items;
    for (const Value& item : node.set_items()) {
      const PathTree* sub = tree.child(item);
      if (sub == nullptr) {
        items.push_back(item);
      } else if (auto kept = remove_value(item, *sub)) {
        items.push_back(*kept);
      }
    }
    return Value::set(std::move(items));
  }
  return node;
}

std::optional<BuiltinResult> expect_paths(BuiltinArgs args,
                                          std::optional<PathTree>& tree) {
  if (auto error = expect(args, 0, kTypeObject)) return error;
  if (!args[1].is_array() && !args[1].is_set()) {
    return operand_error(1, "one of {set, array}", args[1]);
  }
  tree = parse_paths(args[1]);
  if (!tree) {
    return operand_error(1, "set or array of strings or arrays",
                         "invalid path");
  }
  return std::nullopt;
}

BuiltinResult json_filter(BuiltinArgs args, BuiltinContext&) {
  std::optional<PathTree> tree;
  if (auto error = expect_paths(args, tree)) return *error;
  if (tree->children.empty() && !tree->whole) {
    return BuiltinResult::of(Value::object({}));
  }
  return BuiltinResult::of(filter_value(args[0], *tree));
}

BuiltinResult json_remove(BuiltinArgs args, BuiltinContext&) {
  std::optional<PathTree> tree;
  if (auto error = expect_paths(args, tree)) return *error;
  auto kept = remove_value(args[0], *tree);
  return BuiltinResult::of(kept ? *kept : Value::object({}));
}

// ---------------------------------------------------------------------------
// json.patch.

using Path = std::vector<Value>;

// A JSON pointer ("/a/b~1c") or an array of segments.
std::optional<Path> parse_pointer(const Value& path) {
  if (path.is_array()) return path.array_items();
  if (!path.is_string()) return std::nullopt;
  std::string_view text = path.as_string();
  Path segments;
  if (text.empty()) return segments;
  if (text.front() != '/') return std::nullopt;
  text.remove_prefix(1);
  while (true) {
    auto slash = text.find('/');
    std::string_view raw = text.substr(0, slash);
    std::string segment;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && raw[i + 1] == '1') {
        segment += '/';
        ++i;
      } else if (raw[i] == '~' && i + 1 < raw.size() && raw[i + 1] == '0') {
        segment += '~';
        ++i;
      } else {
        segment += raw[i];
      }
    }
    segments.push_back(Value::string(std::move(segment)));
    if (slash == std::string_view::npos) break;
    text.remove_prefix(slash + 1);
  }
  return segments;
}

// An array index from a segment: a non-negative integer or its decimal text
// without leading zeros. `size` allows "-" (append) when `append` is set.
std::optional<std::size_t> array_index(const Value& segment, std::size_t size,
                                       bool allow_end) {
  std::int64_t index = -1;
  if (segment.is_string()) {
    const std::string& text = segment.as_string();
    if (text == "-")
      return allow_end ? std::optional<std::size_t>(size) : std::nullopt;
    if (text.empty() || text.size() > 18 ||
        (text.size() > 1 && text[0] == '0') ||
        text.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    index = std::stoll(text);
  } else if (segment.is_int64()) {
    index = segment.as_int64();
  }
  if (index < 0) return std::nullopt;
  auto i = static_cast<std::size_t>(index);
  if (i > size || (i == size && !allow_end)) return std::nullopt;
  return i;
}

enum class Edit { kAdd, kRemove, kReplace };

// Applies one edit at `path[at...]` below `node`.
std::optional<Value> edit(const Value& node, const Path& path, std::size_t at,
                          Edit kind, const Value& value) {
  const Value& key = path[at];
  bool last = at + 1 == path.size();
  if (node.is_object()) {
    const Value* current = node.find(key);
    std::vector<ObjectEntry> entries = node.object_entries();
    auto it = std::lower_bound(
        entries.begin(), entries.end(), key,
        [](const ObjectEntry& e, const Value& k) { return e.first < k; });
    if (!last) {
      if (current == nullptr) return std::nullopt;
      auto child = edit(*current, path, at + 1, kind, value);
      if (!child) return std::nullopt;
      it->second = *child;
      return Value::object_sorted(std::move(entries));
    }
    if (kind == Edit::kAdd) {
      if (current != nullptr) {
        it->second = value;
      } else {
        entries.insert(it, {key, value});
      }
    } else {
      if (current == nullptr) return std::nullopt;
      if (kind == Edit::kRemove)
        entries.erase(it);
      else
        it->second = value;
    }
    return Value::object_sorted(std::move(entries));
  }
  if (node.is_array()) {
    std::vector<Value> items = node.array_items();
    auto index = array_index(key, items.size(), last && kind == Edit::kAdd);
    if (!index) return std::nullopt;
    auto position = items.begin() + static_cast<std::ptrdiff_t>(*index);
    if (!last) {
      auto child = edit(items[*index], path, at + 1, kind, value);
      if (!child) return std::nullopt;
      *position = *child;
    } else if (kind == Edit::kAdd) {
      items.insert(position, value);
    } else if (kind == Edit::kRemove) {
      items.erase(position);
    } else {
      *position = value;
    }
    return Value::array(std::move(items));
  }
  if (node.is_set()) {
    std::vector<Value> items = node.set_items();
    auto it = std::lower_bound(items.begin(), items.end(), key);
    bool present = it != items.end() && *it == key;
    if (!last) {
      // A member's identity is its value: it cannot be replaced in place.
      if (!present || kind == Edit::kReplace) return std::nullopt;
      auto child = edit(*it, path, at + 1, kind, value);
      if (!child) return std::nullopt;
      items.erase(it);
      items.push_back(*child);
      return Value::set(std::move(items));
    }
    // Set members are addressed by value: adding puts `value` in, replacing
    // works only when the member stays the same.
    if (kind == Edit::kAdd) {
      items.push_back(value);
      return Value::set(std::move(items));
    }
    if (!present) return std::nullopt;
    if (kind == Edit::kReplace) {
      if (value != key) return std::nullopt;
      return node;
    }
    items.erase(it);
    return Value::set_sorted(std::move(items));
  }
  return std::nullopt;
}

std::optional<Value> lookup(const Value& node, const Path& path) {
  const Value* current = &node;
  for (const Value& segment : path) {
    if (current->is_array()) {
      auto index = array_index(segment, current->size(), false);
      if (!index) return std::nullopt;
      current = &current->array_items()[*index];
      continue;
    }
    current = step(*current, segment);
    if (current == nullptr) return std::nullopt;
  }
  return *current;
}

// `prefix` is a proper prefix of `path`.
bool is_proper_prefix(const Path& prefix, const Path& path) {
  return prefix.size() < path.size() &&
         std::equal(prefix.begin(), prefix.end(), path.begin());
}

// One operation; `doc` is nullopt after the root was removed.
bool apply_operation(std::optional<Value>& doc, const Value& operation) {
  if (!operation.is_object()) return false;
  const Value* op = operation.find("op");
  const Value* path_value = operation.find("path");
  if (op == nullptr || !op->is_string() || path_value == nullptr) return false;
  auto path = parse_pointer(*path_value);
  if (!path) return false;
  const std::string& name = op->as_string();
  const Value* value = operation.find("value");

  auto put = [&](Edit kind, const Value& v) {
    if (path->empty()) {
      if (kind == Edit::kRemove) {
        doc.reset();
      } else {
        if (kind == Edit::kReplace && !doc) return false;
        doc = v;
      }
      return true;
    }
    if (!doc) return false;
    auto changed = edit(*doc, *path, 0, kind, v);
    if (!changed) return false;
    doc = std::move(changed);
    return true;
  };

  if (name == "add" || name == "replace") {
    if (value == nullptr) return false;
    return put(name == "add" ? Edit::kAdd : Edit::kReplace, *value);
  }
  if (name == "remove") return put(Edit::kRemove, Value());
  if (name == "test") {
    if (value == nullptr || !doc) return false;
    auto found = lookup(*doc, *path);
    return found && *found == *value;
  }
  if (name == "move" || name == "copy") {
    const Value* from_value = operation.find("from");
    if (from_value == nullptr || !doc) return false;
    auto from = parse_pointer(*from_value);
    if (!from) return false;
    auto moved = lookup(*doc, *from);
    if (!moved) return false;
    if (name == "move") {
      if (is_proper_prefix(*from, *path)) return false;
      if (*from == *path) return true;
      if (from->empty()) return false;
      auto removed = edit(*doc, *from, 0, Edit::kRemove, Value());
      if (!removed) return false;
      doc = std::move(removed);
    }
    return put(Edit::kAdd, *moved);
  }
  return false;
}

BuiltinResult json_patch(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 1, kTypeArray)) return *error;
  for (const Value& operation : args[1].array_items()) {
    if (!operation.is_object()) {
      return operand_error(
          1, "array of objects",
          std::string("array containing ") + type_name(operation));
    }
  }
  std::optional<Value> doc = args[0];
  for (const Value& operation : args[1].array_items()) {
    if (!apply_operation(doc, operation)) return BuiltinResult::undefined();
  }
  if (!doc) return BuiltinResult::undefined();
  return BuiltinResult::of(*doc);
}

}  // namespace

void register_object_builtins(BuiltinRegistry& registry) {
  registry.add(declare("object.get", {kTypeObject, kTypeAny, kTypeAny},
                       kTypeAny, object_get));
  registry.add(declare("object.keys", {kTypeObject}, kTypeSet, object_keys));
  registry.add(select_keys("object.remove", false));
  registry.add(select_keys("object.filter", true));
  registry.add(declare("object.union", {kTypeObject, kTypeObject}, kTypeObject,
                       object_union));
  registry.add(
      declare("object.union_n", {kTypeArray}, kTypeObject, object_union_n));
  registry.add(declare("object.subset",
                       {kTypeObject | kTypeArray | kTypeSet,
                        kTypeObject | kTypeArray | kTypeSet},
                       kTypeBoolean, object_subset_builtin));
  registry.add(declare("json.filter", {kTypeObject, kTypeArray | kTypeSet},
                       kTypeAny, json_filter));
  registry.add(declare("json.remove", {kTypeObject, kTypeArray | kTypeSet},
                       kTypeAny, json_remove));
  registry.add(
      declare("json.patch", {kTypeAny, kTypeArray}, kTypeAny, json_patch));
}

}  // namespace rampart::rego
