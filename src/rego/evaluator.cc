// SPDX-License-Identifier: Apache-2.0
//
// The evaluator. Terms, expressions and bodies are evaluated with
// continuations (FnRef, a non-owning callable reference: no allocation per
// step). Errors inside evaluation are thrown as EvalError and caught once in
// evaluate_query(), which returns them in OPA's shape.
#include "rego/evaluator.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <type_traits>
#include <unordered_map>

namespace rampart::rego {
namespace {

// A non-owning reference to a callable, valid for the duration of the call
// it is passed to.
template <typename Signature>
class FnRef;

template <typename R, typename... Args>
class FnRef<R(Args...)> {
 public:
  template <typename F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, FnRef>)
      FnRef(F&& f)  // NOLINT: implicit by design
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* object, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(object))(
              std::forward<Args>(args)...);
        }) {}
  FnRef(const FnRef&) = default;

  R operator()(Args... args) const {
    return call_(object_, std::forward<Args>(args)...);
  }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

using Cont = FnRef<bool()>;
using ValueCont = FnRef<bool(const Value&)>;

struct EvalError {
  std::string code;
  std::string message;
  Location location;
};

[[noreturn]] void throw_error(std::string code, std::string message,
                              const Location& location) {
  throw EvalError{std::move(code), std::move(message), location};
}

struct Frame {
  explicit Frame(int size)
      : values(static_cast<std::size_t>(size)),
        bound(static_cast<std::size_t>(size), 0) {}
  std::vector<Value> values;
  std::vector<unsigned char> bound;
};

bool is_bound(const Frame& frame, int slot) {
  return slot >= 0 && frame.bound[static_cast<std::size_t>(slot)];
}

// Whether every variable that would be matched in `term` is bound.
bool is_ground(const Term& term, const Frame& frame) {
  for (int slot : term.var_slots) {
    if (!frame.bound[static_cast<std::size_t>(slot)]) return false;
  }
  return true;
}

// The value at `key` inside a collection, or nullptr.
const Value* lookup(const Value& collection, const Value& key, Value& scratch) {
  switch (collection.kind()) {
    case Value::Kind::kObject:
      return collection.find(key);
    case Value::Kind::kArray: {
      if (!key.is_int64()) return nullptr;
      std::int64_t index = key.as_int64();
      const auto& items = collection.array_items();
      if (index < 0 || static_cast<std::size_t>(index) >= items.size()) {
        return nullptr;
      }
      return &items[static_cast<std::size_t>(index)];
    }
    case Value::Kind::kSet:
      if (!collection.contains(key)) return nullptr;
      scratch = key;
      return &scratch;
    default:
      return nullptr;
  }
}

// `value` with `replacement` placed at `path`, objects made as needed.
Value set_in(const Value& value, const std::vector<Value>& path, std::size_t at,
             const Value& replacement) {
  if (at == path.size()) return replacement;
  std::vector<ObjectEntry> entries;
  if (value.is_object()) entries = value.object_entries();
  for (ObjectEntry& entry : entries) {
    if (entry.first == path[at]) {
      entry.second = set_in(entry.second, path, at + 1, replacement);
      return Value::object_sorted(std::move(entries));
    }
  }
  entries.emplace_back(path[at],
                       set_in(Value::object({}), path, at + 1, replacement));
  return Value::object(std::move(entries));
}

struct CacheEntry {
  unsigned char state = 0;  // 0 not computed, 1 in progress, 2 done
  bool defined = false;
  Value value;
};

struct Cache {
  std::vector<CacheEntry> nodes;
  std::map<std::pair<int, Value>, std::optional<Value>> calls;
};

struct FunctionOverride {
  const void* replacement = nullptr;
  bool replacement_is_builtin = false;
  Value value;
};

// What `with` changes; swapped in and out around the expression it
// modifies.
struct Context {
  Value input;
  bool has_input = false;
  std::vector<std::pair<std::vector<Value>, Value>> data_overrides;
  std::map<const void*, FunctionOverride> function_overrides;
  Cache* cache = nullptr;
};

// Rules and function calls nest on the stack; a chain of thousands of
// rules written to exhaust it ends with an error instead.
inline constexpr int kMaxRuleDepth = 500;

class Evaluator {
 public:
  Evaluator(const Program& program, const EvalOptions& options);

  bool eval_body(const Body& body, std::size_t index, Frame& frame, Cont k,
                 std::vector<Value>* record = nullptr);

 private:
  bool eval_expr(const Expr& expr, Frame& frame, Cont k,
                 std::vector<Value>* record);
  bool eval_expr_with(const Expr& expr, Frame& frame, Cont k,
                      std::vector<Value>* record);
  bool eval_expr_plain(const Expr& expr, Frame& frame, Cont k,
                       std::vector<Value>* record);
  bool eval_some_in(const Expr& expr, Frame& frame, Cont k);
  bool eval_every(const Expr& expr, Frame& frame, Cont k);

  bool eval_term(const Term& term, Frame& frame, ValueCont k);
  bool eval_items(const Term& term, std::size_t index,
                  std::vector<Value>& values, Frame& frame, Cont k);
  bool eval_object(const Term& term, std::size_t index,
                   std::vector<ObjectEntry>& entries, Frame& frame, Cont k);
  bool eval_template(const Term& term, Frame& frame, ValueCont k);
  bool eval_comprehension(const Term& term, Frame& frame, ValueCont k);
  bool eval_ref(const Term& ref, Frame& frame, ValueCont k);
  // `data_keys`: inside base data, where a number key also reads the
  // string key of the same text (data.x[2] reads data.x["2"], data.x[1.2]
  // reads data.x["1.2"]), as OPA's storage paths do.
  bool walk_value(const Value& value, const Term& ref, std::size_t index,
                  Frame& frame, ValueCont k, bool data_keys = false);
  bool walk_data(const RuleNode* node, const std::vector<Value>& path,
                 const Term& ref, std::size_t index, Frame& frame, ValueCont k);

  bool eval_call(const Term& call, Frame& frame, ValueCont k);
  bool eval_args(const Term& call, std::size_t index, std::size_t count,
                 std::vector<Value>& args, Frame& frame, Cont k);
  bool eval_args_ordered(const Term& call,
                         const std::vector<std::size_t>& order,
                         std::size_t index, std::vector<Value>& args,
                         Frame& frame, Cont k);
  bool invoke(const Term& call, const void* function, bool builtin,
              std::vector<Value>& args, ValueCont k);
  bool call_builtin(const BuiltinDecl& decl, const Term& call,
                    std::vector<Value>& args, ValueCont k);
  bool call_print(const Term& call, Frame& frame, ValueCont k);
  std::optional<Value> call_user(const RuleNode& node,
                                 const std::vector<Value>& args,
                                 const Location& at);

  bool unify(const Term& a, const Term& b, Frame& frame, Cont k);
  bool unify_value(const Term& pattern, const Value& value, Frame& frame,
                   Cont k);
  bool unify_items(const Term& pattern, const std::vector<Value>& values,
                   std::size_t index, Frame& frame, Cont k);
  bool unify_terms(const Term& a, const Term& b, std::size_t index,
                   Frame& frame, Cont k);

  std::optional<Value> node_value(const RuleNode& node);
  std::optional<Value> compute_node(const RuleNode& node);
  std::optional<Value> compute_node_value(const RuleNode& node);
  std::optional<Value> complete_value(const RuleNode& node);
  Value set_value(const RuleNode& node);
  std::optional<Value> object_value(const RuleNode& node);
  // Runs a rule and its else branches; calls `on_value` per solution with
  // the frame holding the solution's bindings.
  void run_rule(const Rule& rule, Frame& frame,
                FnRef<bool(const Rule&, Frame&)> on_solution);
  void run_branches(const Rule& rule, Frame& frame,
                    FnRef<bool(const Rule&, Frame&)> on_solution);
  // rego.metadata.rule() and rego.metadata.chain() for the active rule.
  Value metadata_rule() const;
  Value metadata_chain() const;
  const Annotation* rule_annotation(const std::string& scope) const;
  std::optional<Value> base_at(const std::vector<Value>& path) const;
  Value apply_overrides(const std::vector<Value>& path, Value value) const;
  const Value* override_at(const std::vector<Value>& path) const;

  void step(const Location& at);
  // Counts one element added to a collection under construction.
  void grow(const Location& at);
  template <typename Visit>
  void for_each_candidate(const RuleNode& node, Visit&& visit);

  class DepthGuard {
   public:
    [[nodiscard]] DepthGuard(Evaluator& evaluator, const Location& at)
        : evaluator_(evaluator) {
      if (++evaluator_.depth_ > kMaxRuleDepth) {
        --evaluator_.depth_;
        throw_error("eval_cancel_error",
                    "rules nested deeper than " +
                        std::to_string(kMaxRuleDepth) + " levels",
                    at);
      }
    }
    ~DepthGuard() { --evaluator_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Evaluator& evaluator_;
  };
  void bind(Frame& frame, int slot, const Value& value) {
    frame.values[static_cast<std::size_t>(slot)] = value;
    frame.bound[static_cast<std::size_t>(slot)] = 1;
  }
  void unbind(Frame& frame, int slot) {
    frame.bound[static_cast<std::size_t>(slot)] = 0;
  }

  const Program& program_;
  const EvalOptions& options_;
  BuiltinContext builtin_context_;
  Context context_;
  std::deque<Cache> caches_;
  std::uint64_t steps_ = 0;
  std::uint64_t items_ = 0;  // collection elements built so far
  int depth_ = 0;            // rules and functions being evaluated, nested
  // The rule whose bodies are running, and the node it belongs to.
  const Rule* active_rule_ = nullptr;
  const RuleNode* active_node_ = nullptr;
  std::chrono::steady_clock::time_point deadline_;
  bool has_deadline_ = false;
};

Evaluator::Evaluator(const Program& program, const EvalOptions& options)
    : program_(program), options_(options) {
  context_.input = options.input;
  context_.has_input = options.has_input;
  caches_.emplace_back();
  caches_.back().nodes.resize(static_cast<std::size_t>(program.node_count));
  context_.cache = &caches_.back();

  builtin_context_.now_ns = options.now_ns;
  if (builtin_context_.now_ns == 0) {
    builtin_context_.now_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count();
  }
  builtin_context_.allow_network = options.allow_network;
  builtin_context_.print = options.print;
  builtin_context_.runtime = options.runtime;
  if (options.limits.deadline.count() > 0) {
    has_deadline_ = true;
    deadline_ = std::chrono::steady_clock::now() + options.limits.deadline;
  }
}

void Evaluator::step(const Location& at) {
  ++steps_;
  if (options_.limits.max_steps != 0 && steps_ > options_.limits.max_steps) {
    throw_error("eval_cancel_error",
                "evaluation exceeded " +
                    std::to_string(options_.limits.max_steps) + " steps",
                at);
  }
  if (has_deadline_ && (steps_ & 0x3ff) == 0 &&
      std::chrono::steady_clock::now() > deadline_) {
    throw_error("eval_cancel_error", "evaluation deadline exceeded", at);
  }
}

void Evaluator::grow(const Location& at) {
  std::uint64_t limit = options_.limits.max_collection_items;
  if (limit != 0 && ++items_ > limit) {
    throw_error("eval_cancel_error",
                "evaluation built more than " + std::to_string(limit) +
                    " collection elements",
                at);
  }
}

// --- bodies and expressions -----------------------------------------------

bool Evaluator::eval_body(const Body& body, std::size_t index, Frame& frame,
                          Cont k, std::vector<Value>* record) {
  if (index == body.exprs.size()) return k();
  return eval_expr(
      *body.exprs[index], frame,
      [&]() { return eval_body(body, index + 1, frame, k, record); }, record);
}

bool Evaluator::eval_expr(const Expr& expr, Frame& frame, Cont k,
                          std::vector<Value>* record) {
  step(expr.location);
  if (!expr.negated) {
    return expr.withs.empty() ? eval_expr_plain(expr, frame, k, record)
                              : eval_expr_with(expr, frame, k, record);
  }

  // `not e with ...`: the modifiers apply to `e`, which must fail.
  bool found = false;
  auto probe = [&]() {
    found = true;
    return false;
  };
  if (expr.withs.empty()) {
    eval_expr_plain(expr, frame, probe, nullptr);
  } else {
    eval_expr_with(expr, frame, probe, nullptr);
  }
  if (found) return true;
  if (record != nullptr)
    (*record)[static_cast<std::size_t>(expr.index)] = Value::boolean(true);
  return k();
}

bool Evaluator::eval_expr_with(const Expr& expr, Frame& frame, Cont k,
                               std::vector<Value>* record) {
  Context modified = context_;
  for (const With& with : expr.withs) {
    std::optional<Value> value;
    if (with.replacement == nullptr) {
      eval_term(*with.value, frame, [&](const Value& v) {
        value = v;
        return false;
      });
      if (!value) return true;  // an undefined value: the expression fails
    }
    if (with.function != nullptr) {
      FunctionOverride override;
      override.replacement = with.replacement;
      override.replacement_is_builtin = with.replacement_is_builtin;
      if (value) override.value = *value;
      modified.function_overrides[with.function] = override;
      continue;
    }
    const Term& target = *with.target;
    const Term& head =
        target.kind == TermKind::kRef ? *target.items[0] : target;
    std::vector<Value> path;
    if (target.kind == TermKind::kRef) {
      for (std::size_t i = 1; i < target.items.size(); ++i) {
        path.push_back(target.items[i]->value);
      }
    }
    if (head.root == VarRoot::kInput) {
      Value base = modified.has_input ? modified.input : Value::object({});
      modified.input = set_in(base, path, 0, *value);
      modified.has_input = true;
    } else {
      modified.data_overrides.emplace_back(path, *value);
    }
  }

  caches_.emplace_back();
  caches_.back().nodes.resize(static_cast<std::size_t>(program_.node_count));
  modified.cache = &caches_.back();

  // The modification holds for this expression only: the continuation runs
  // in the outer context, and backtracking re-enters the modified one.
  Context outer = context_;
  context_ = modified;
  bool more = eval_expr_plain(
      expr, frame,
      [&]() {
        Context inner = context_;
        context_ = outer;
        bool again = k();
        context_ = inner;
        return again;
      },
      record);
  context_ = outer;
  return more;
}

bool Evaluator::eval_expr_plain(const Expr& expr, Frame& frame, Cont k,
                                std::vector<Value>* record) {
  auto done = [&](const Value& value) {
    if (record != nullptr) {
      (*record)[static_cast<std::size_t>(expr.index)] = value;
    }
    return k();
  };
  switch (expr.kind) {
    case ExprKind::kTerm: {
      const Term& term = *expr.terms[0];
      return eval_term(term, frame, [&](const Value& value) {
        if (value.is_boolean() && !value.as_boolean() && !expr.capture) {
          return true;
        }
        return done(value);
      });
    }
    case ExprKind::kUnify:
    case ExprKind::kAssign:
      return unify(*expr.terms[0], *expr.terms[1], frame,
                   [&]() { return done(Value::boolean(true)); });
    case ExprKind::kSome:
      return done(Value::boolean(true));
    case ExprKind::kSomeIn:
      return eval_some_in(expr, frame,
                          [&]() { return done(Value::boolean(true)); });
    case ExprKind::kEvery:
      return eval_every(expr, frame,
                        [&]() { return done(Value::boolean(true)); });
  }
  return true;
}

bool Evaluator::eval_some_in(const Expr& expr, Frame& frame, Cont k) {
  const Term* key = expr.terms[0].get();
  const Term& item = *expr.terms[1];
  return eval_term(*expr.terms[2], frame, [&](const Value& domain) {
    auto visit = [&](const Value& k_value, const Value& v_value) {
      step(expr.location);
      if (key == nullptr) return unify_value(item, v_value, frame, k);
      return unify_value(*key, k_value, frame, [&]() {
        return unify_value(item, v_value, frame, k);
      });
    };
    switch (domain.kind()) {
      case Value::Kind::kArray: {
        const auto& items = domain.array_items();
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (!visit(Value::integer(static_cast<std::int64_t>(i)), items[i])) {
            return false;
          }
        }
        return true;
      }
      case Value::Kind::kObject:
        for (const ObjectEntry& entry : domain.object_entries()) {
          if (!visit(entry.first, entry.second)) return false;
        }
        return true;
      case Value::Kind::kSet:
        for (const Value& element : domain.set_items()) {
          if (!visit(element, element)) return false;
        }
        return true;
      default:
        return true;
    }
  });
}

bool Evaluator::eval_every(const Expr& expr, Frame& frame, Cont k) {
  const Term* key = expr.terms[0].get();
  const Term& item = *expr.terms[1];
  std::optional<Value> domain;
  eval_term(*expr.terms[2], frame, [&](const Value& v) {
    domain = v;
    return false;
  });
  // An undefined or non-collection domain makes `every` fail, as in OPA.
  if (!domain || !domain->is_collection()) return true;

  auto holds_for = [&](const Value& k_value, const Value& v_value) {
    bool found = false;
    auto body = [&]() {
      return eval_body(*expr.body, 0, frame, [&]() {
        found = true;
        return false;
      });
    };
    if (key == nullptr) {
      unify_value(item, v_value, frame, body);
    } else {
      unify_value(*key, k_value, frame,
                  [&]() { return unify_value(item, v_value, frame, body); });
    }
    return found;
  };
  switch (domain->kind()) {
    case Value::Kind::kArray: {
      const auto& items = domain->array_items();
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (!holds_for(Value::integer(static_cast<std::int64_t>(i)),
                       items[i])) {
          return true;
        }
      }
      break;
    }
    case Value::Kind::kObject:
      for (const ObjectEntry& entry : domain->object_entries()) {
        if (!holds_for(entry.first, entry.second)) return true;
      }
      break;
    case Value::Kind::kSet:
      for (const Value& element : domain->set_items()) {
        if (!holds_for(element, element)) return true;
      }
      break;
    default:
      break;
  }
  return k();
}

// --- terms ----------------------------------------------------------------

bool Evaluator::eval_term(const Term& term, Frame& frame, ValueCont k) {
  switch (term.kind) {
    case TermKind::kValue:
      return k(term.value);
    case TermKind::kVar:
      if (term.slot >= 0) {
        if (!is_bound(frame, term.slot)) return true;
        return k(frame.values[static_cast<std::size_t>(term.slot)]);
      }
      if (term.root == VarRoot::kInput) {
        return context_.has_input ? k(context_.input) : true;
      }
      if (term.root == VarRoot::kData) {
        std::optional<Value> data = node_value(*program_.root);
        return data ? k(*data) : true;
      }
      return true;
    case TermKind::kRef:
      return eval_ref(term, frame, k);
    case TermKind::kArray: {
      std::vector<Value> values;
      values.reserve(term.items.size());
      return eval_items(term, 0, values, frame,
                        [&]() { return k(Value::array(values)); });
    }
    case TermKind::kSet: {
      std::vector<Value> values;
      values.reserve(term.items.size());
      return eval_items(term, 0, values, frame,
                        [&]() { return k(Value::set(values)); });
    }
    case TermKind::kObject: {
      std::vector<ObjectEntry> entries;
      return eval_object(term, 0, entries, frame,
                         [&]() { return k(Value::object(entries)); });
    }
    case TermKind::kArrayCompr:
    case TermKind::kSetCompr:
    case TermKind::kObjectCompr:
      return eval_comprehension(term, frame, k);
    case TermKind::kCall:
      return eval_call(term, frame, k);
    case TermKind::kTemplate:
      return eval_template(term, frame, k);
  }
  return true;
}

bool Evaluator::eval_items(const Term& term, std::size_t index,
                           std::vector<Value>& values, Frame& frame, Cont k) {
  if (index == term.items.size()) return k();
  return eval_term(*term.items[index], frame, [&](const Value& v) {
    values.push_back(v);
    bool more = eval_items(term, index + 1, values, frame, k);
    values.pop_back();
    return more;
  });
}

bool Evaluator::eval_object(const Term& term, std::size_t index,
                            std::vector<ObjectEntry>& entries, Frame& frame,
                            Cont k) {
  if (index == term.items.size()) return k();
  return eval_term(*term.items[index], frame, [&](const Value& key) {
    return eval_term(*term.items[index + 1], frame, [&](const Value& v) {
      entries.emplace_back(key, v);
      bool more = eval_object(term, index + 2, entries, frame, k);
      entries.pop_back();
      return more;
    });
  });
}

bool Evaluator::eval_template(const Term& term, Frame& frame, ValueCont k) {
  std::string text;
  for (std::size_t i = 0; i < term.items.size(); ++i) {
    const Term& part = *term.items[i];
    if (i % 2 == 0) {
      text += part.value.as_string();
      continue;
    }
    std::vector<Value> values;
    eval_term(part, frame, [&](const Value& v) {
      if (!part.template_members) {
        values.push_back(v);
        return true;
      }
      for (const Value& member : v.set_items()) values.push_back(member);
      return true;
    });
    if (values.empty()) {
      text += "<undefined>";
    } else if (values.size() == 1) {
      text += values[0].is_string() ? values[0].as_string()
                                    : to_rego_string(values[0]);
    } else {
      text += to_rego_string(Value::set(values));
    }
  }
  return k(Value::string(std::move(text)));
}

bool Evaluator::eval_comprehension(const Term& term, Frame& frame,
                                   ValueCont k) {
  std::vector<Value> items;
  std::vector<ObjectEntry> entries;
  eval_body(*term.body, 0, frame, [&]() {
    if (term.kind == TermKind::kObjectCompr) {
      return eval_term(*term.key, frame, [&](const Value& key) {
        return eval_term(*term.head, frame, [&](const Value& v) {
          for (const ObjectEntry& e : entries) {
            if (e.first == key && e.second != v) {
              throw_error("eval_conflict_error", "object keys must be unique",
                          term.location);
            }
          }
          grow(term.location);
          entries.emplace_back(key, v);
          return true;
        });
      });
    }
    return eval_term(*term.head, frame, [&](const Value& v) {
      grow(term.location);
      items.push_back(v);
      return true;
    });
  });
  switch (term.kind) {
    case TermKind::kArrayCompr:
      return k(Value::array(std::move(items)));
    case TermKind::kSetCompr:
      return k(Value::set(std::move(items)));
    default:
      return k(Value::object(std::move(entries)));
  }
}

// --- references -----------------------------------------------------------

bool Evaluator::eval_ref(const Term& ref, Frame& frame, ValueCont k) {
  const Term& head = *ref.items[0];
  if (head.kind == TermKind::kVar && head.slot < 0) {
    if (head.root == VarRoot::kInput) {
      if (!context_.has_input) return true;
      return walk_value(context_.input, ref, 1, frame, k);
    }
    if (head.root == VarRoot::kData) {
      std::vector<Value> path;
      return walk_data(program_.root.get(), path, ref, 1, frame, k);
    }
  }
  return eval_term(head, frame, [&](const Value& value) {
    return walk_value(value, ref, 1, frame, k);
  });
}

bool Evaluator::walk_value(const Value& value, const Term& ref,
                           std::size_t index, Frame& frame, ValueCont k,
                           bool data_keys) {
  if (index == ref.items.size()) return k(value);
  const Term& key = *ref.items[index];

  auto descend = [&](const Value& key_value) {
    Value scratch;
    const Value* child = lookup(value, key_value, scratch);
    if (child == nullptr && data_keys && value.is_object() &&
        key_value.is_number()) {
      child = value.find(key_value.number_text());
    }
    return child ? walk_value(*child, ref, index + 1, frame, k, data_keys)
                 : true;
  };
  if (is_ground(key, frame)) {
    if (key.kind == TermKind::kValue) return descend(key.value);
    return eval_term(key, frame, descend);
  }

  // The key has unbound variables: iterate and match.
  step(ref.location);
  switch (value.kind()) {
    case Value::Kind::kArray: {
      const auto& items = value.array_items();
      for (std::size_t i = 0; i < items.size(); ++i) {
        if ((i & 0xff) == 0xff) step(ref.location);
        bool more = unify_value(
            key, Value::integer(static_cast<std::int64_t>(i)), frame,
            [&]() { return walk_value(items[i], ref, index + 1, frame, k); });
        if (!more) return false;
      }
      return true;
    }
    case Value::Kind::kObject:
      for (const ObjectEntry& entry : value.object_entries()) {
        bool more = unify_value(key, entry.first, frame, [&]() {
          return walk_value(entry.second, ref, index + 1, frame, k);
        });
        if (!more) return false;
      }
      return true;
    case Value::Kind::kSet:
      for (const Value& element : value.set_items()) {
        bool more = unify_value(key, element, frame, [&]() {
          return walk_value(element, ref, index + 1, frame, k);
        });
        if (!more) return false;
      }
      return true;
    default:
      return true;
  }
}

const Value* Evaluator::override_at(const std::vector<Value>& path) const {
  for (auto it = context_.data_overrides.rbegin();
       it != context_.data_overrides.rend(); ++it) {
    if (it->first == path) return &it->second;
  }
  return nullptr;
}

bool Evaluator::walk_data(const RuleNode* node, const std::vector<Value>& path,
                          const Term& ref, std::size_t index, Frame& frame,
                          ValueCont k) {
  if (!context_.data_overrides.empty()) {
    if (const Value* replaced = override_at(path)) {
      Value copy = *replaced;
      return walk_value(copy, ref, index, frame, k);
    }
  }
  if (node == nullptr) {
    // Below the rule tree: plain base data.
    std::optional<Value> base = base_at(path);
    if (!base) return true;
    return walk_value(*base, ref, index, frame, k, /*data_keys=*/true);
  }
  if (node->has_rules() || index == ref.items.size()) {
    std::optional<Value> value = node_value(*node);
    if (!value) return true;
    return walk_value(*value, ref, index, frame, k);
  }

  const Term& key = *ref.items[index];
  if (!is_ground(key, frame)) {
    std::optional<Value> value = node_value(*node);
    if (!value) return true;
    return walk_value(*value, ref, index, frame, k);
  }
  return eval_term(key, frame, [&](const Value& raw_key) {
    auto found = node->children.find(raw_key);
    // Base documents have string keys: data[2] reads data["2"], as in OPA
    // (rule heads may use numbers, and those are tried first).
    Value key_value = raw_key;
    if (found == node->children.end() && raw_key.is_number()) {
      key_value = Value::string(raw_key.number_text());
      found = node->children.find(key_value);
    }
    std::vector<Value> child_path = path;
    child_path.push_back(key_value);
    const RuleNode* child =
        found == node->children.end() ? nullptr : found->second.get();
    return walk_data(child, child_path, ref, index + 1, frame, k);
  });
}

std::optional<Value> Evaluator::base_at(const std::vector<Value>& path) const {
  const Value* at = &program_.data;
  Value scratch;
  for (const Value& key : path) {
    at = lookup(*at, key, scratch);
    if (at == nullptr) break;
  }
  std::optional<Value> result;
  if (at != nullptr) result = *at;
  if (context_.data_overrides.empty()) return result;

  // `with data.a.b as v` creates data.a where nothing was.
  bool below = false;
  for (const auto& [override_path, value] : context_.data_overrides) {
    below =
        below || (override_path.size() > path.size() &&
                  std::equal(path.begin(), path.end(), override_path.begin()));
  }
  if (!result && below) result = Value::object({});

  // Overrides above or below this path.
  for (const auto& [override_path, value] : context_.data_overrides) {
    bool above =
        override_path.size() <= path.size() &&
        std::equal(override_path.begin(), override_path.end(), path.begin());
    if (above) {
      const Value* inner = &value;
      for (std::size_t i = override_path.size(); i < path.size() && inner;
           ++i) {
        inner = lookup(*inner, path[i], scratch);
      }
      result = inner ? std::optional<Value>(*inner) : std::nullopt;
    }
  }
  if (result) result = apply_overrides(path, *result);
  return result;
}

Value Evaluator::apply_overrides(const std::vector<Value>& path,
                                 Value value) const {
  for (const auto& [override_path, replacement] : context_.data_overrides) {
    bool below = override_path.size() > path.size() &&
                 std::equal(path.begin(), path.end(), override_path.begin());
    if (below) {
      std::vector<Value> rest(
          override_path.begin() + static_cast<std::ptrdiff_t>(path.size()),
          override_path.end());
      value = set_in(value, rest, 0, replacement);
    }
  }
  return value;
}

// --- the data tree --------------------------------------------------------

std::optional<Value> Evaluator::node_value(const RuleNode& node) {
  CacheEntry& entry = context_.cache->nodes[static_cast<std::size_t>(node.id)];
  if (entry.state == 2) {
    if (!entry.defined) return std::nullopt;
    return entry.value;
  }
  if (entry.state == 1) {
    throw_error("rego_recursion_error", "rule " + node.name + " is recursive",
                node.rules.empty() ? Location{} : node.rules[0]->location);
  }
  entry.state = 1;
  DepthGuard guard(*this,
                   node.rules.empty() ? Location{} : node.rules[0]->location);
  std::optional<Value> value = compute_node(node);
  if (!context_.data_overrides.empty() && value) {
    value = apply_overrides(node.path, *value);
  }
  // compute_node may have grown other entries, but the vector is sized
  // once, so `entry` is still valid.
  entry.state = 2;
  entry.defined = value.has_value();
  if (value) entry.value = *value;
  return value;
}

std::optional<Value> Evaluator::compute_node(const RuleNode& node) {
  const RuleNode* outer = active_node_;
  active_node_ = &node;
  std::optional<Value> value = compute_node_value(node);
  active_node_ = outer;
  return value;
}

std::optional<Value> Evaluator::compute_node_value(const RuleNode& node) {
  if (node.has_functions) {
    // OPA counts a function without parameters in its package's extent:
    // `data.p.f` reads the value of `f()`. Others have no value as data.
    if (node.function_arity != 0) return std::nullopt;
    return call_user(node, {}, node.rules[0]->location);
  }
  if (node.has_sets) return set_value(node);
  if (node.has_complete || (node.default_rule && !node.has_objects)) {
    return complete_value(node);
  }
  return object_value(node);
}

void Evaluator::run_rule(const Rule& rule, Frame& frame,
                         FnRef<bool(const Rule&, Frame&)> on_solution) {
  // rego.metadata.* answer for this rule while its bodies run.
  const Rule* outer_rule = active_rule_;
  active_rule_ = &rule;
  run_branches(rule, frame, on_solution);
  active_rule_ = outer_rule;
}

void Evaluator::run_branches(const Rule& rule, Frame& frame,
                             FnRef<bool(const Rule&, Frame&)> on_solution) {
  // A branch whose body holds but whose value is undefined falls through
  // to its else branch, as in OPA.
  for (const Rule* branch = &rule; branch != nullptr;
       branch = branch->else_rule.get()) {
    bool produced = false;
    eval_body(branch->body, 0, frame, [&]() {
      bool defined = branch->value == nullptr;  // partial sets: no value
      if (!defined)
        eval_term(*branch->value, frame, [&](const Value&) {
          defined = true;
          return false;
        });
      if (!defined && branch->else_rule == nullptr &&
          rule.kind != RuleKind::kComplete &&
          rule.kind != RuleKind::kFunction) {
        defined = true;  // partial rules: the value is checked later
      }
      if (!defined) return true;
      produced = true;
      return on_solution(*branch, frame);
    });
    if (produced) return;
  }
}

// Calls `visit` with the position of each rule of `node` that may hold
// for the current input, in order: all of them unless the node is indexed.
template <typename Visit>
void Evaluator::for_each_candidate(const RuleNode& node, Visit&& visit) {
  if (!node.index) {
    for (std::size_t i = 0; i < node.rules.size(); ++i) visit(i);
    return;
  }
  const RuleIndex& index = *node.index;
  const Value* at = context_.has_input ? &context_.input : nullptr;
  for (const Value& key : index.path) {
    if (at == nullptr || !at->is_object()) {
      at = nullptr;
      break;
    }
    at = at->find(key);
  }
  static const std::vector<std::size_t> kNone;
  const std::vector<std::size_t>* matched = &kNone;
  if (at != nullptr) {
    auto found = index.by_value.find(*at);
    if (found != index.by_value.end()) matched = &found->second;
  }

  // Both lists are sorted: merge them to keep the rules' order.
  const std::vector<std::size_t>& other = index.unguarded;
  std::size_t a = 0;
  std::size_t b = 0;
  while (a < matched->size() || b < other.size()) {
    bool take_a =
        b == other.size() || (a < matched->size() && (*matched)[a] < other[b]);
    visit(take_a ? (*matched)[a++] : other[b++]);
  }
}

std::optional<Value> Evaluator::complete_value(const RuleNode& node) {
  std::optional<Value> result;
  const Rule* producer = nullptr;
  for_each_candidate(node, [&](std::size_t position) {
    const Rule* rule = node.rules[position];
    Frame frame(rule->slot_count);
    run_rule(*rule, frame, [&](const Rule& branch, Frame& f) {
      return eval_term(*branch.value, f, [&](const Value& value) {
        if (result && *result != value) {
          throw_error("eval_conflict_error",
                      "rule " + node.name + " produced conflicting values",
                      (producer ? producer : &branch)->location);
        }
        result = value;
        producer = &branch;
        // A constant value cannot conflict with itself: stop early.
        return branch.value->kind != TermKind::kValue;
      });
    });
  });
  if (!result && node.default_rule != nullptr) {
    Frame frame(node.default_rule->slot_count);
    eval_term(*node.default_rule->value, frame, [&](const Value& value) {
      result = value;
      return false;
    });
  }
  return result;
}

Value Evaluator::set_value(const RuleNode& node) {
  std::vector<Value> items;
  for_each_candidate(node, [&](std::size_t position) {
    const Rule* rule = node.rules[position];
    Frame frame(rule->slot_count);
    run_rule(*rule, frame, [&](const Rule& branch, Frame& f) {
      const Term& key = branch.key ? *branch.key : *rule->key;
      return eval_term(key, f, [&](const Value& v) {
        grow(branch.location);
        items.push_back(v);
        // A constant element is in the set after one solution: stop, as
        // OPA does (later solutions could only raise errors).
        return key.kind != TermKind::kValue;
      });
    });
  });
  return Value::set(std::move(items));
}

// Inserts `value` at `keys` into a nested map of objects being built.
struct ObjectBuilder {
  std::map<Value, ObjectBuilder> children;
  std::optional<Value> leaf;
  // `p[k] contains x` rules: the elements gathered at this key.
  std::optional<std::vector<Value>> elements;

  void add_element(const std::vector<Value>& keys, std::size_t at,
                   const Value& element, const Location& where) {
    if (leaf) {
      throw_error("eval_conflict_error", "object keys must be unique", where);
    }
    if (at < keys.size()) {
      if (elements) {
        throw_error("eval_conflict_error", "object keys must be unique", where);
      }
      children[keys[at]].add_element(keys, at + 1, element, where);
      return;
    }
    if (!children.empty()) {
      throw_error("eval_conflict_error", "object keys must be unique", where);
    }
    if (!elements) elements.emplace();
    elements->push_back(element);
  }

  void insert(const std::vector<Value>& keys, std::size_t at,
              const Value& value, const Location& where) {
    if (at == keys.size()) {
      if (leaf && *leaf != value) {
        throw_error("eval_conflict_error", "object keys must be unique", where);
      }
      if (!children.empty() || elements) {
        throw_error("eval_conflict_error", "object keys must be unique", where);
      }
      leaf = value;
      return;
    }
    if (leaf || elements) {
      throw_error("eval_conflict_error", "object keys must be unique", where);
    }
    children[keys[at]].insert(keys, at + 1, value, where);
  }

  Value build() const {
    if (leaf) return *leaf;
    if (elements) return Value::set(*elements);
    std::vector<ObjectEntry> entries;
    entries.reserve(children.size());
    for (const auto& [key, child] : children) {
      entries.emplace_back(key, child.build());
    }
    return Value::object_sorted(std::move(entries));
  }
};

std::optional<Value> Evaluator::object_value(const RuleNode& node) {
  ObjectBuilder builder;
  // Packages and the paths that rule heads create are objects even when
  // nothing under them is defined, as in OPA.
  bool defined = true;

  std::optional<Value> base = base_at(node.path);
  if (base && base->is_object()) {
    for (const ObjectEntry& entry : base->object_entries()) {
      builder.children[entry.first].leaf = entry.second;
    }
    defined = true;
  } else if (base && !node.has_rules() && node.children.empty()) {
    return base;
  }

  for (const auto& [key, child] : node.children) {
    std::optional<Value> value = node_value(*child);
    if (!value) continue;
    defined = true;
    ObjectBuilder& slot = builder.children[key];
    if (slot.leaf && value->is_object() && slot.leaf->is_object()) {
      // Base data and rules under the same key merge.
      std::vector<ObjectEntry> merged = slot.leaf->object_entries();
      for (const ObjectEntry& e : value->object_entries()) {
        merged.push_back(e);
      }
      slot.leaf = Value::object(std::move(merged));
    } else {
      slot.leaf = *value;
    }
  }

  for_each_candidate(node, [&](std::size_t r) {
    const Rule* rule = node.rules[r];
    std::size_t from = node.dynamic_from[r];
    Frame frame(rule->slot_count);
    run_rule(*rule, frame, [&](const Rule& branch, Frame& f) {
      const Rule& head = *rule;
      std::vector<Value> keys;
      // Evaluate each dynamic head term, then the value.
      std::function<bool(std::size_t)> next = [&](std::size_t i) -> bool {
        if (i == head.ref.size() && head.kind == RuleKind::kPartialSet) {
          const Term& element = branch.key ? *branch.key : *head.key;
          return eval_term(element, f, [&](const Value& value) {
            grow(branch.location);
            builder.add_element(keys, 0, value, branch.location);
            return true;
          });
        }
        if (i == head.ref.size()) {
          return eval_term(*branch.value, f, [&](const Value& value) {
            grow(branch.location);
            builder.insert(keys, 0, value, branch.location);
            return true;
          });
        }
        return eval_term(*head.ref[i], f, [&](const Value& key) {
          keys.push_back(key);
          bool more = next(i + 1);
          keys.pop_back();
          return more;
        });
      };
      return next(from);
    });
  });

  if (!defined && builder.children.empty()) return std::nullopt;
  return builder.build();
}

// --- calls ----------------------------------------------------------------

bool Evaluator::eval_call(const Term& call, Frame& frame, ValueCont k) {
  if (call.function == nullptr) {
    throw_error("eval_type_error", "undefined function " + call.name,
                call.location);
  }
  if (call.is_builtin &&
      static_cast<const BuiltinDecl*>(call.function)->name == "print") {
    return call_print(call, frame, k);
  }
  if (call.is_builtin && call.items.empty()) {
    const std::string& name =
        static_cast<const BuiltinDecl*>(call.function)->name;
    if (name == "rego.metadata.rule") return k(metadata_rule());
    if (name == "rego.metadata.chain") return k(metadata_chain());
  }

  std::size_t arity = call.items.size();
  if (call.is_builtin) {
    const auto* decl = static_cast<const BuiltinDecl*>(call.function);
    if (!decl->variadic) arity = decl->args.size();
  } else {
    arity = static_cast<std::size_t>(
        static_cast<const RuleNode*>(call.function)->function_arity);
  }
  if (call.items.size() < arity) {
    throw_error("eval_type_error", call.name + ": too few arguments",
                call.location);
  }
  bool output_argument = call.items.size() == arity + 1;

  std::vector<Value> args;
  args.reserve(arity);
  auto run = [&]() {
    const void* function = call.function;
    bool builtin = call.is_builtin;
    if (!context_.function_overrides.empty()) {
      auto found = context_.function_overrides.find(function);
      if (found != context_.function_overrides.end()) {
        if (found->second.replacement == nullptr) {
          const Value& mocked = found->second.value;
          if (output_argument) {
            return unify_value(*call.items.back(), mocked, frame,
                               [&]() { return k(Value::boolean(true)); });
          }
          return k(mocked);
        }
        // Inside the replacement no function is replaced, as in OPA: a
        // mock may call what it replaces, and never another mock (its own
        // `with` modifiers apply again).
        FunctionOverride saved = found->second;
        std::map<const void*, FunctionOverride> overrides;
        std::swap(overrides, context_.function_overrides);
        std::vector<Value> results;
        invoke(call, saved.replacement, saved.replacement_is_builtin, args,
               [&](const Value& result) {
                 results.push_back(result);
                 return true;
               });
        std::swap(overrides, context_.function_overrides);
        for (const Value& result : results) {
          bool more =
              output_argument
                  ? unify_value(*call.items.back(), result, frame,
                                [&]() { return k(Value::boolean(true)); })
                  : k(result);
          if (!more) return false;
        }
        return true;
      }
    }
    return invoke(call, function, builtin, args, [&](const Value& result) {
      if (!output_argument) return k(result);
      return unify_value(*call.items.back(), result, frame,
                         [&]() { return k(Value::boolean(true)); });
    });
  };

  // `x == xs[x]`: a variable argument bound by a reference in another
  // argument is read once that reference has been evaluated.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < arity; ++i) {
    const Term& arg = *call.items[i];
    if (arg.kind == TermKind::kVar && arg.slot >= 0 &&
        !is_bound(frame, arg.slot)) {
      order.push_back(i);
    }
  }
  if (order.empty()) return eval_args(call, 0, arity, args, frame, run);
  std::vector<std::size_t> first;
  for (std::size_t i = 0; i < arity; ++i) {
    if (std::find(order.begin(), order.end(), i) == order.end()) {
      first.push_back(i);
    }
  }
  order.insert(order.begin(), first.begin(), first.end());
  args.assign(arity, Value());
  return eval_args_ordered(call, order, 0, args, frame, run);
}

bool Evaluator::eval_args_ordered(const Term& call,
                                  const std::vector<std::size_t>& order,
                                  std::size_t index, std::vector<Value>& args,
                                  Frame& frame, Cont k) {
  if (index == order.size()) return k();
  std::size_t at = order[index];
  return eval_term(*call.items[at], frame, [&](const Value& v) {
    args[at] = v;
    return eval_args_ordered(call, order, index + 1, args, frame, k);
  });
}

bool Evaluator::eval_args(const Term& call, std::size_t index,
                          std::size_t count, std::vector<Value>& args,
                          Frame& frame, Cont k) {
  if (index == count) return k();
  return eval_term(*call.items[index], frame, [&](const Value& v) {
    args.push_back(v);
    bool more = eval_args(call, index + 1, count, args, frame, k);
    args.pop_back();
    return more;
  });
}

bool Evaluator::invoke(const Term& call, const void* function, bool builtin,
                       std::vector<Value>& args, ValueCont k) {
  if (builtin) {
    return call_builtin(*static_cast<const BuiltinDecl*>(function), call, args,
                        k);
  }
  const auto& node = *static_cast<const RuleNode*>(function);
  if (static_cast<std::size_t>(node.function_arity) != args.size()) {
    return true;
  }
  std::optional<Value> result = call_user(node, args, call.location);
  return result ? k(*result) : true;
}

bool Evaluator::call_builtin(const BuiltinDecl& decl, const Term& call,
                             std::vector<Value>& args, ValueCont k) {
  BuiltinResult result =
      decl.function(BuiltinArgs(args.data(), args.size()), builtin_context_);
  switch (result.outcome()) {
    case BuiltinResult::Outcome::kValue:
      if (decl.relation) {
        for (const Value& item : result.value().array_items()) {
          if (!k(item)) return false;
        }
        return true;
      }
      return k(result.value());
    case BuiltinResult::Outcome::kUndefined:
      return true;
    case BuiltinResult::Outcome::kTypeError:
    case BuiltinResult::Outcome::kError:
      if (!options_.strict_builtin_errors) return true;
      throw_error(result.outcome() == BuiltinResult::Outcome::kTypeError
                      ? "eval_type_error"
                      : "eval_builtin_error",
                  decl.name + ": " + result.message(), call.location);
  }
  return true;
}

std::optional<Value> Evaluator::call_user(const RuleNode& node,
                                          const std::vector<Value>& args,
                                          const Location& at) {
  auto key = std::make_pair(node.id, Value::array(args));
  auto cached = context_.cache->calls.find(key);
  if (cached != context_.cache->calls.end()) return cached->second;

  DepthGuard guard(*this, at);
  const RuleNode* outer_node = active_node_;
  active_node_ = &node;
  std::optional<Value> result;
  for (const Rule* rule : node.rules) {
    Frame frame(rule->slot_count);
    std::function<bool(std::size_t)> bind_args = [&](std::size_t i) -> bool {
      if (i == args.size()) {
        run_rule(*rule, frame, [&](const Rule& branch, Frame& f) {
          return eval_term(*branch.value, f, [&](const Value& value) {
            if (result && *result != value) {
              throw_error("eval_conflict_error",
                          "function " + node.name +
                              " produced conflicting values for the same "
                              "inputs",
                          branch.location);
            }
            result = value;
            return branch.value->kind != TermKind::kValue;
          });
        });
        return true;
      }
      return unify_value(*rule->args[i], args[i], frame,
                         [&]() { return bind_args(i + 1); });
    };
    bind_args(0);
  }
  if (!result && node.default_rule != nullptr) {
    Frame frame(node.default_rule->slot_count);
    eval_term(*node.default_rule->value, frame, [&](const Value& value) {
      result = value;
      return false;
    });
  }
  active_node_ = outer_node;
  context_.cache->calls.emplace(std::move(key), result);
  return result;
}

bool Evaluator::call_print(const Term& call, Frame& frame, ValueCont k) {
  std::string line;
  for (std::size_t i = 0; i < call.items.size(); ++i) {
    std::vector<Value> values;
    eval_term(*call.items[i], frame, [&](const Value& v) {
      values.push_back(v);
      return true;
    });
    if (i > 0) line += " ";
    if (values.empty()) {
      line += "<undefined>";
    } else {
      const Value& v = values[0];
      line += v.is_string() ? v.as_string() : to_rego_string(v);
    }
  }
  if (builtin_context_.print) builtin_context_.print(line);
  return k(Value::boolean(true));
}

// --- rego.metadata ---------------------------------------------------------

// An annotation as OPA shows it: its YAML object with the scope filled in
// (short forms of authors and related resources were expanded when the
// annotations were collected).
Value annotation_value(const Annotation& annotation) {
  if (annotation.value.find("scope") != nullptr) return annotation.value;
  std::vector<ObjectEntry> entries = annotation.value.object_entries();
  entries.emplace_back(Value::string("scope"), Value::string(annotation.scope));
  return Value::object(std::move(entries));
}

// ["a", "b"] for "data.a.b".
Value path_array(const std::string& dotted) {
  std::vector<Value> parts;
  std::size_t start = dotted.find('.');
  while (start != std::string::npos) {
    std::size_t next = dotted.find('.', start + 1);
    parts.push_back(Value::string(dotted.substr(start + 1, next - start - 1)));
    start = next;
  }
  return Value::array(std::move(parts));
}

Value chain_entry(const std::string& path, const Annotation* annotation) {
  std::vector<ObjectEntry> entries;
  entries.emplace_back(Value::string("path"), path_array(path));
  if (annotation != nullptr) {
    entries.emplace_back(Value::string("annotations"),
                         annotation_value(*annotation));
  }
  return Value::object(std::move(entries));
}

// The annotation of `scope` written just above the active rule.
const Annotation* Evaluator::rule_annotation(const std::string& scope) const {
  if (active_rule_ == nullptr) return nullptr;
  const Location& at = active_rule_->location;
  for (const Annotation& annotation : program_.annotations) {
    if (annotation.scope == scope && at.file != nullptr &&
        annotation.file == *at.file && annotation.row + 1 == at.row) {
      return &annotation;
    }
  }
  return nullptr;
}

Value Evaluator::metadata_rule() const {
  const Annotation* annotation = rule_annotation("rule");
  return annotation ? annotation_value(*annotation) : Value::object({});
}

// The active rule first (always), then the annotated nodes above it:
// document scope for the rule's path, package scope for its package, and
// subpackages scope for every enclosing package, nearest first.
Value Evaluator::metadata_chain() const {
  if (active_node_ == nullptr) return Value::array({});
  std::vector<Value> chain;
  const std::string& rule_path = active_node_->name;
  chain.push_back(chain_entry(rule_path, rule_annotation("rule")));
  for (const Annotation& annotation : program_.annotations) {
    if (annotation.scope == "document" && annotation.path == rule_path) {
      chain.push_back(chain_entry(rule_path, &annotation));
    }
  }
  std::string prefix = rule_path;
  bool own_package = true;
  for (std::size_t dot = prefix.rfind('.'); dot != std::string::npos;
       dot = prefix.rfind('.')) {
    prefix.resize(dot);
    for (const Annotation& annotation : program_.annotations) {
      if (annotation.path != prefix) continue;
      bool package_scope = annotation.scope == "package" && own_package;
      if (package_scope || annotation.scope == "subpackages") {
        chain.push_back(chain_entry(prefix, &annotation));
        own_package = false;
      }
    }
  }
  return Value::array(std::move(chain));
}

// --- unification ----------------------------------------------------------

bool Evaluator::unify_value(const Term& pattern, const Value& value,
                            Frame& frame, Cont k) {
  switch (pattern.kind) {
    case TermKind::kVar:
      if (pattern.slot >= 0) {
        if (is_bound(frame, pattern.slot)) {
          return frame.values[static_cast<std::size_t>(pattern.slot)] == value
                     ? k()
                     : true;
        }
        bind(frame, pattern.slot, value);
        bool more = k();
        unbind(frame, pattern.slot);
        return more;
      }
      break;
    case TermKind::kValue:
      return pattern.value == value ? k() : true;
    case TermKind::kArray:
      if (!is_ground(pattern, frame)) {
        if (!value.is_array() ||
            value.array_items().size() != pattern.items.size()) {
          return true;
        }
        return unify_items(pattern, value.array_items(), 0, frame, k);
      }
      break;
    case TermKind::kObject:
      if (!is_ground(pattern, frame)) {
        if (!value.is_object() ||
            value.object_entries().size() * 2 != pattern.items.size()) {
          return true;
        }
        std::function<bool(std::size_t)> next = [&](std::size_t i) -> bool {
          if (i == pattern.items.size()) return k();
          return eval_term(*pattern.items[i], frame, [&](const Value& key) {
            const Value* found = value.find(key);
            if (found == nullptr) return true;
            return unify_value(*pattern.items[i + 1], *found, frame,
                               [&]() { return next(i + 2); });
          });
        };
        return next(0);
      }
      break;
    default:
      break;
  }
  return eval_term(pattern, frame,
                   [&](const Value& v) { return v == value ? k() : true; });
}

bool Evaluator::unify_items(const Term& pattern,
                            const std::vector<Value>& values, std::size_t index,
                            Frame& frame, Cont k) {
  if (index == values.size()) return k();
  return unify_value(*pattern.items[index], values[index], frame, [&]() {
    return unify_items(pattern, values, index + 1, frame, k);
  });
}

bool Evaluator::unify_terms(const Term& a, const Term& b, std::size_t index,
                            Frame& frame, Cont k) {
  if (index == a.items.size()) return k();
  return unify(*a.items[index], *b.items[index], frame,
               [&]() { return unify_terms(a, b, index + 1, frame, k); });
}

bool Evaluator::unify(const Term& a, const Term& b, Frame& frame, Cont k) {
  if (is_ground(b, frame)) {
    return eval_term(
        b, frame, [&](const Value& v) { return unify_value(a, v, frame, k); });
  }
  if (is_ground(a, frame)) {
    return eval_term(
        a, frame, [&](const Value& v) { return unify_value(b, v, frame, k); });
  }
  if (a.kind == TermKind::kArray && b.kind == TermKind::kArray) {
    if (a.items.size() != b.items.size()) return true;
    return unify_terms(a, b, 0, frame, k);
  }
  throw_error("rego_unsafe_var_error", "unification of unbound terms",
              a.location);
}

// --- engine built-ins -----------------------------------------------------

BuiltinDecl member_2() {
  BuiltinDecl decl;
  decl.name = "internal.member_2";
  decl.args = {kTypeAny, kTypeAny};
  decl.result = kTypeBoolean;
  decl.function = [](BuiltinArgs args, BuiltinContext&) {
    const Value& item = args[0];
    const Value& collection = args[1];
    bool found = false;
    switch (collection.kind()) {
      case Value::Kind::kArray:
        for (const Value& v : collection.array_items()) {
          if (v == item) found = true;
        }
        break;
      case Value::Kind::kSet:
        found = collection.contains(item);
        break;
      case Value::Kind::kObject:
        for (const ObjectEntry& e : collection.object_entries()) {
          if (e.second == item) found = true;
        }
        break;
      default:
        break;
    }
    return BuiltinResult::of(Value::boolean(found));
  };
  return decl;
}

BuiltinDecl member_3() {
  BuiltinDecl decl;
  decl.name = "internal.member_3";
  decl.args = {kTypeAny, kTypeAny, kTypeAny};
  decl.result = kTypeBoolean;
  decl.function = [](BuiltinArgs args, BuiltinContext&) {
    const Value& key = args[0];
    const Value& item = args[1];
    const Value& collection = args[2];
    Value scratch;
    const Value* found = lookup(collection, key, scratch);
    return BuiltinResult::of(Value::boolean(found && *found == item));
  };
  return decl;
}

// rego.metadata.rule and rego.metadata.chain: answered by the evaluator,
// which knows the active rule; the declaration serves the compiler.
BuiltinDecl metadata_decl(std::string name, TypeMask result) {
  BuiltinDecl decl;
  decl.name = std::move(name);
  decl.result = result;
  decl.function = [](BuiltinArgs, BuiltinContext&) {
    return BuiltinResult::undefined();
  };
  return decl;
}

BuiltinDecl print_decl() {
  BuiltinDecl decl;
  decl.name = "print";
  decl.variadic = true;
  decl.result = kTypeBoolean;
  decl.function = [](BuiltinArgs, BuiltinContext&) {
    return BuiltinResult::of(Value::boolean(true));
  };
  return decl;
}

}  // namespace

const BuiltinDecl* builtin_of_engine(std::string_view name) {
  static const BuiltinDecl kMember2 = member_2();
  static const BuiltinDecl kMember3 = member_3();
  static const BuiltinDecl kPrint = print_decl();
  static const BuiltinDecl kRule =
      metadata_decl("rego.metadata.rule", kTypeObject);
  static const BuiltinDecl kChain =
      metadata_decl("rego.metadata.chain", kTypeArray);
  if (name == "internal.member_2") return &kMember2;
  if (name == "internal.member_3") return &kMember3;
  if (name == "print") return &kPrint;
  if (name == "rego.metadata.rule") return &kRule;
  if (name == "rego.metadata.chain") return &kChain;
  return nullptr;
}

EvalResult evaluate_query(const Program& program, const CompiledQuery& query,
                          const EvalOptions& options) {
  EvalResult result;
  Evaluator evaluator(program, options);
  Frame frame(query.slot_count);
  std::vector<Value> expression_values(query.body->exprs.size());

  // Expressions were reordered for safety; results list them as written.
  std::vector<const Expr*> by_index(query.body->exprs.size());
  for (const auto& expr : query.body->exprs) {
    by_index[static_cast<std::size_t>(expr->index)] = expr.get();
  }

  try {
    evaluator.eval_body(
        *query.body, 0, frame,
        [&]() {
          ResultRow row;
          for (std::size_t i = 0; i < by_index.size(); ++i) {
            const Expr& expr = *by_index[i];
            row.expressions.push_back({expression_values[i], expr.text,
                                       expr.location.row, expr.location.col});
          }
          for (const auto& [name, slot] : query.outputs) {
            if (is_bound(frame, slot)) {
              row.bindings.emplace_back(
                  name, frame.values[static_cast<std::size_t>(slot)]);
            }
          }
          result.rows.push_back(std::move(row));
          return true;
        },
        &expression_values);
  } catch (const EvalError& error) {
    result.rows.clear();
    result.errors.push_back(RegoError{
        error.code, error.message,
        SourceLocation{error.location.file ? *error.location.file : "",
                       error.location.row, error.location.col}});
  }
  return result;
}

}  // namespace rampart::rego
