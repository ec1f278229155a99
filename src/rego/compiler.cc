// SPDX-License-Identifier: Apache-2.0
//
// The compiler: parses modules, places rules in the data tree, resolves
// every name, orders each body so that variables are bound before they are
// read (OPA's safety rule), and rejects what OPA rejects at compile time:
// unsafe variables, recursion, reassignment, unknown functions, wrong
// arity, conflicting rule kinds.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>

#include "rampart/document/yaml.h"

#include "rego/evaluator.h"
#include "rego/parser.h"
#include "rego/program.h"

namespace rampart::rego {
namespace {

SourceLocation source_of(const Location& loc) {
  return SourceLocation{loc.file ? *loc.file : "", loc.row, loc.col};
}

RegoError compile_error(std::string code, std::string message,
                        const Location& loc) {
  return RegoError{std::move(code), std::move(message), source_of(loc)};
}

std::string path_name(const std::vector<Value>& path) {
  std::string name = "data";
  for (const Value& key : path) {
    if (key.is_string()) {
      name += "." + key.as_string();
    } else {
      name += "[" + to_rego_string(key) + "]";
    }
  }
  return name;
}

RuleNode* child_node(RuleNode& parent, const Value& key, int& counter) {
  auto& slot = parent.children[key];
  if (!slot) {
    slot = std::make_unique<RuleNode>();
    slot->id = counter++;
    slot->path = parent.path;
    slot->path.push_back(key);
    slot->name = path_name(slot->path);
  }
  return slot.get();
}

// --- the resolver ---------------------------------------------------------

// Resolves names and orders bodies for one rule or query.
class Resolver {
 public:
  Resolver(const Program& program, const Module* module, RegoErrors& errors,
           const std::set<std::string>* package_rules)
      : program_(program),
        module_(module),
        errors_(errors),
        package_rules_(package_rules) {}

  void resolve_rule(Rule& rule);
  void resolve_branch(Rule& rule, const std::set<int>& arg_slots);
  void resolve_query(CompiledQuery& query);

 private:
  // How a name was introduced in a body, for OPA's redeclaration errors.
  enum class Occurrence { kAssigned, kDeclared, kArgument };
  struct Scope {
    std::map<std::string, int> vars;             // every name seen or declared
    std::map<std::string, Occurrence> declared;  // :=, some, parameters
  };

  int new_slot(const std::string& name) {
    slot_names_.push_back(name);
    return next_slot_++;
  }
  int lookup(const std::string& name) const {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      auto found = it->vars.find(name);
      if (found != it->vars.end()) return found->second;
    }
    return -1;
  }
  int declare(const std::string& name, const Location& loc, bool assign);
  void check_redeclaration(const Scope& scope, const std::string& name,
                           const Location& loc);
  void error(std::string code, std::string message, const Location& loc) {
    errors_.push_back(compile_error(std::move(code), std::move(message), loc));
  }

  void resolve_body(Body& body, const std::set<int>& outer_safe);
  void resolve_expr(Expr& expr);
  void declare_pattern(TermPtr& term, bool assign);
  void resolve_term(TermPtr& term);
  void resolve_var(TermPtr& term);
  void resolve_call(Term& term);
  void check_arity(const Term& term, std::size_t arity,
                   const std::string& name);
  void check_argument_types(const Term& term, const BuiltinDecl& decl);
  void resolve_closure(Term& term);
  void resolve_with(With& with);
  std::string dotted_name(const Term& term) const;
  TermPtr import_ref(const Import& import, const Location& loc);

  // Safety analysis.
  struct VarUse {
    std::set<int> inputs;
    std::set<int> outputs;
    std::set<int> ref_keys;  // variables a reference's keys bind
  };
  void collect(const Term& term, bool pattern, VarUse& use) const;
  VarUse uses_of(const Expr& expr) const;
  std::set<int> pattern_vars(const Term& term) const;
  void order_body(Body& body, std::set<int> safe);
  void fill_var_slots(Term& term) const;
  void fill_body_slots(Body& body) const;

  const Program& program_;
  const Module* module_;
  RegoErrors& errors_;
  const std::set<std::string>* package_rules_;
  std::vector<Scope> scopes_;
  std::vector<std::string> slot_names_;
  int next_slot_ = 0;
  // Slots created inside the closure being analysed start here; slots below
  // belong to enclosing bodies.
  std::vector<int> closure_starts_;
  bool checking_arity_ = true;
  // Function parameters are being declared (they may be named data).
  // TODO(rego): OPA may reject parameters named input or data; until that
  // is confirmed such functions compile. Fix: check OPA's rule for them.
  bool declaring_args_ = false;
  // The call that forms a whole expression (`abs(x, y)`), the only place
  // where an extra argument receives the result; nested calls have none.
  const Term* statement_call_ = nullptr;
};

// OPA refuses to declare (`:=`, `some`) a name its body already used:
// "var x assigned above", "var x declared above", "arg x redeclared" for a
// function parameter, "var x referenced above" for a plain use. Only the
// innermost body counts: a comprehension may shadow outer names.
void Resolver::check_redeclaration(const Scope& scope, const std::string& name,
                                   const Location& loc) {
  auto found = scope.declared.find(name);
  if (found == scope.declared.end()) {
    if (scope.vars.count(name)) {
      error("rego_compile_error", "var " + name + " referenced above", loc);
    }
    return;
  }
  switch (found->second) {
    case Occurrence::kAssigned:
      error("rego_compile_error", "var " + name + " assigned above", loc);
      return;
    case Occurrence::kDeclared:
      error("rego_compile_error", "var " + name + " declared above", loc);
      return;
    case Occurrence::kArgument:
      error("rego_compile_error", "arg " + name + " redeclared", loc);
      return;
  }
}

int Resolver::declare(const std::string& name, const Location& loc,
                      bool assign) {
  Scope& scope = scopes_.back();
  if (module_ != nullptr && module_->v1 && !declaring_args_ &&
      (name == "input" || name == "data")) {
    error("rego_compile_error",
          "variables must not shadow " + name +
              " (use a different variable name)",
          loc);
  }
  if (!declaring_args_) check_redeclaration(scope, name, loc);
  scope.declared[name] = assign            ? Occurrence::kAssigned
                         : declaring_args_ ? Occurrence::kArgument
                                           : Occurrence::kDeclared;
  int slot = new_slot(name);
  scope.vars[name] = slot;
  return slot;
}

TermPtr Resolver::import_ref(const Import& import, const Location& loc) {
  auto ref = std::make_unique<Term>();
  ref->kind = TermKind::kRef;
  ref->location = loc;
  auto head = std::make_unique<Term>();
  head->kind = TermKind::kVar;
  head->name = import.path[0];
  head->root = import.path[0] == "input" ? VarRoot::kInput : VarRoot::kData;
  head->location = loc;
  ref->items.push_back(std::move(head));
  for (std::size_t i = 1; i < import.path.size(); ++i) {
    auto key = std::make_unique<Term>();
    key->value = Value::string(import.path[i]);
    key->location = loc;
    ref->items.push_back(std::move(key));
  }
  return ref;
}

TermPtr data_ref(const std::vector<std::string>& package,
                 const std::string& name, const Location& loc) {
  auto ref = std::make_unique<Term>();
  ref->kind = TermKind::kRef;
  ref->location = loc;
  auto head = std::make_unique<Term>();
  head->kind = TermKind::kVar;
  head->name = "data";
  head->root = VarRoot::kData;
  head->location = loc;
  ref->items.push_back(std::move(head));
  for (const std::string& part : package) {
    auto key = std::make_unique<Term>();
    key->value = Value::string(part);
    key->location = loc;
    ref->items.push_back(std::move(key));
  }
  auto key = std::make_unique<Term>();
  key->value = Value::string(name);
  key->location = loc;
  ref->items.push_back(std::move(key));
  return ref;
}

void Resolver::resolve_var(TermPtr& term) {
  const std::string& name = term->name;
  if (term->wildcard) {
    term->slot = new_slot("_");
    return;
  }
  int slot = lookup(name);
  if (slot >= 0) {
    term->slot = slot;
    return;
  }
  if (name == "input") {
    term->root = VarRoot::kInput;
    return;
  }
  if (name == "data") {
    term->root = VarRoot::kData;
    return;
  }
  if (module_ != nullptr) {
    for (const Import& import : module_->imports) {
      if (import.alias == name &&
          (import.path[0] == "data" || import.path[0] == "input")) {
        term = import_ref(import, term->location);
        return;
      }
    }
    if (package_rules_ != nullptr && package_rules_->count(name)) {
      term = data_ref(module_->package, name, term->location);
      return;
    }
  }
  term->slot = new_slot(name);
  scopes_.back().vars[name] = term->slot;
}

// Built-ins OPA keeps only for Rego v0 modules; v1 modules may not call
// them.
bool deprecated_builtin(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "any",          "all",        "re_match",   "net.cidr_overlap",
      "set_diff",     "cast_array", "cast_set",   "cast_string",
      "cast_boolean", "cast_null",  "cast_object"};
  return std::find(std::begin(kNames), std::end(kNames), name) !=
         std::end(kNames);
}

std::vector<std::string> split_dots(const std::string& name) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = name.find('.', start);
    parts.push_back(name.substr(start, dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

void Resolver::resolve_call(Term& term) {
  // Operators and built-ins first, unless the name is a rule of the
  // package or an import alias prefix.
  std::string name = term.name;
  std::vector<std::string> parts = term.call_path;
  if (parts.empty()) parts = split_dots(name);

  std::vector<Value> path;
  bool user = false;
  if (term.infix) {
    // Operators always mean the built-in.
  } else if (parts[0] == "data") {
    for (std::size_t i = 1; i < parts.size(); ++i) {
      path.push_back(Value::string(parts[i]));
    }
    user = true;
  } else if (module_ != nullptr) {
    for (const Import& import : module_->imports) {
      if (import.alias == parts[0] && import.path[0] == "data") {
        for (std::size_t i = 1; i < import.path.size(); ++i) {
          path.push_back(Value::string(import.path[i]));
        }
        for (std::size_t i = 1; i < parts.size(); ++i) {
          path.push_back(Value::string(parts[i]));
        }
        user = true;
        break;
      }
    }
    if (!user && package_rules_ != nullptr && package_rules_->count(parts[0])) {
      for (const std::string& p : module_->package) {
        path.push_back(Value::string(p));
      }
      for (const std::string& p : parts) path.push_back(Value::string(p));
      user = true;
    }
  }

  if (user) {
    std::size_t matched = 0;
    const RuleNode* node = program_.find_node(path, &matched);
    if (node != nullptr && matched == path.size() && node->has_functions) {
      term.function = node;
      term.is_builtin = false;
      term.name = node->name;
      check_arity(term, static_cast<std::size_t>(node->function_arity),
                  term.name);
      return;
    }
    if (node != nullptr && matched == path.size() && node->has_rules()) {
      error("rego_type_error", "undefined function " + name, term.location);
      return;
    }
  }
  const BuiltinDecl* decl = program_.options.builtins->find(name);
  if (decl == nullptr) decl = builtin_of_engine(name);
  if (decl == nullptr) {
    error("rego_type_error", "undefined function " + name, term.location);
    return;
  }
  if (module_ != nullptr && module_->v1 && deprecated_builtin(name) &&
      checking_arity_) {
    error("rego_type_error",
          "deprecated built-in function calls in expression: " + name,
          term.location);
  }
  term.function = decl;
  term.is_builtin = true;
  if (decl->variadic) return;
  std::size_t errors_before = errors_.size();
  check_arity(term, decl->args.size(), name);
  if (errors_.size() == errors_before) check_argument_types(term, *decl);
}

// A call passes the function's arguments, and may add one more to receive
// the result.
void Resolver::check_arity(const Term& term, std::size_t arity,
                           const std::string& name) {
  if (!checking_arity_) return;  // a `with` target names, it does not call
  std::size_t given = term.items.size();
  // OPA rewrites a nested call into an expression of its own with a fresh
  // variable for the result, so an extra argument there is one too many.
  std::size_t allowed = &term == statement_call_ ? arity + 1 : arity;
  if (given < arity) {
    error("rego_type_error", name + ": too few arguments", term.location);
  } else if (given > allowed) {
    error("rego_type_error", name + ": too many arguments", term.location);
  }
}

namespace {

// The kinds a term can evaluate to, as far as the compiler knows without
// running it: literals, collections and built-in results; any otherwise.
TypeMask static_type(const Term& term) {
  switch (term.kind) {
    case TermKind::kValue:
      return type_of(term.value);
    case TermKind::kArray:
    case TermKind::kArrayCompr:
      return kTypeArray;
    case TermKind::kSet:
    case TermKind::kSetCompr:
      return kTypeSet;
    case TermKind::kObject:
    case TermKind::kObjectCompr:
      return kTypeObject;
    case TermKind::kTemplate:
      return kTypeString;
    case TermKind::kCall: {
      if (!term.is_builtin || term.function == nullptr) return kTypeAny;
      const auto* decl = static_cast<const BuiltinDecl*>(term.function);
      return decl->relation ? kTypeAny : decl->result;
    }
    default:
      return kTypeAny;
  }
}

}  // namespace

// OPA's type checker rejects a call whose argument can never have the
// declared type (`abs("x")`) before evaluation starts.
void Resolver::check_argument_types(const Term& term, const BuiltinDecl& decl) {
  if (!checking_arity_) return;
  for (std::size_t i = 0; i < term.items.size(); ++i) {
    TypeMask wanted = i < decl.args.size() ? decl.args[i] : decl.result;
    if ((static_type(*term.items[i]) & wanted) != 0) continue;
    error("rego_type_error", decl.name + ": invalid argument(s)",
          term.location);
    return;
  }
}

void Resolver::resolve_closure(Term& term) {
  scopes_.emplace_back();
  term.closure_begin = next_slot_;
  closure_starts_.push_back(next_slot_);
  resolve_body(*term.body, {});
  if (term.key) resolve_term(term.key);
  resolve_term(term.head);
  closure_starts_.pop_back();
  term.closure_end = next_slot_;
  scopes_.pop_back();
}

void Resolver::resolve_term(TermPtr& term) {
  switch (term->kind) {
    case TermKind::kValue:
      return;
    case TermKind::kVar:
      resolve_var(term);
      return;
    case TermKind::kRef: {
      resolve_term(term->items[0]);
      if (term->items[0]->kind == TermKind::kRef) {
        // An import alias or rule name expanded into a ref: splice it.
        TermPtr head = std::move(term->items[0]);
        std::vector<TermPtr> items = std::move(head->items);
        for (std::size_t i = 1; i < term->items.size(); ++i) {
          items.push_back(std::move(term->items[i]));
        }
        term->items = std::move(items);
      }
      for (std::size_t i = 1; i < term->items.size(); ++i) {
        resolve_term(term->items[i]);
      }
      return;
    }
    case TermKind::kCall:
      if (term->name == "set" && term->items.empty()) {
        term->kind = TermKind::kValue;
        term->value = Value::set({});
        return;
      }
      for (auto& arg : term->items) resolve_term(arg);
      resolve_call(*term);
      return;
    case TermKind::kArrayCompr:
    case TermKind::kSetCompr:
    case TermKind::kObjectCompr:
      resolve_closure(*term);
      return;
    default:
      for (auto& item : term->items) resolve_term(item);
      return;
  }
}

// "a.b.c" for a variable or a ref of string keys; empty otherwise.
std::string Resolver::dotted_name(const Term& term) const {
  if (term.kind == TermKind::kVar) return term.name;
  if (term.kind != TermKind::kRef || term.items[0]->kind != TermKind::kVar) {
    return "";
  }
  std::string name = term.items[0]->name;
  for (std::size_t i = 1; i < term.items.size(); ++i) {
    const Term& key = *term.items[i];
    if (key.kind != TermKind::kValue || !key.value.is_string()) return "";
    name += "." + key.value.as_string();
  }
  return name;
}

// A `with` target is an input or data path, or the name of a function to
// replace; the value may itself name a function.
void Resolver::resolve_with(With& with) {
  std::string target = dotted_name(*with.target);
  bool is_path = target == "input" || target == "data" ||
                 target.rfind("input.", 0) == 0 ||
                 (target.rfind("data.", 0) == 0);
  const Term& head_term = with.target->kind == TermKind::kRef
                              ? *with.target->items[0]
                              : *with.target;
  if (head_term.kind == TermKind::kVar && module_ != nullptr) {
    const std::string& head = head_term.name;
    is_path = is_path || head == "input" || head == "data";
    for (const Import& import : module_->imports) {
      if (import.alias == head) is_path = true;
    }
    if (package_rules_ != nullptr && package_rules_->count(head)) {
      is_path = true;
    }
  }
  if (is_path) {
    resolve_term(with.target);
  } else if (!target.empty()) {
    Term probe;
    probe.kind = TermKind::kCall;
    probe.name = target;
    probe.location = with.location;
    std::size_t errors_before = errors_.size();
    checking_arity_ = false;
    resolve_call(probe);
    checking_arity_ = true;
    if (errors_.size() == errors_before) with.function = probe.function;
  }
  if (is_path && with.target->kind == TermKind::kRef &&
      with.target->items[0]->kind == TermKind::kVar &&
      with.target->items[0]->root == VarRoot::kData) {
    // data.pkg.f as a target may name a user function.
    std::vector<Value> path;
    for (std::size_t i = 1; i < with.target->items.size(); ++i) {
      if (with.target->items[i]->kind != TermKind::kValue) break;
      path.push_back(with.target->items[i]->value);
    }
    std::size_t matched = 0;
    const RuleNode* node = program_.find_node(path, &matched);
    if (node && matched == path.size() && node->has_functions) {
      with.function = node;
    }
  }

  std::string value = dotted_name(*with.value);
  if (!value.empty() && lookup(with.value->kind == TermKind::kVar
                                   ? with.value->name
                                   : with.value->items[0]->name) < 0) {
    Term probe;
    probe.kind = TermKind::kCall;
    probe.name = value;
    probe.location = with.location;
    RegoErrors ignored;
    std::swap(ignored, errors_);
    checking_arity_ = false;
    resolve_call(probe);
    checking_arity_ = true;
    std::swap(ignored, errors_);
    if (ignored.empty() && probe.function != nullptr &&
        (probe.is_builtin ||
         static_cast<const RuleNode*>(probe.function)->has_functions)) {
      with.replacement = probe.function;
      with.replacement_is_builtin = probe.is_builtin;
      return;
    }
  }
  resolve_term(with.value);
}

// 1 for an array, 2 for an object, written out or constant; 0 otherwise.
int shape_kind(const Term& term) {
  bool constant = term.kind == TermKind::kValue;
  if (term.kind == TermKind::kArray || (constant && term.value.is_array())) {
    return 1;
  }
  if (term.kind == TermKind::kObject || (constant && term.value.is_object())) {
    return 2;
  }
  return 0;
}

// The keys of an object term when all are constants, sorted.
std::optional<std::vector<Value>> constant_keys(const Term& term) {
  std::vector<Value> keys;
  if (term.kind == TermKind::kValue) {
    for (const ObjectEntry& entry : term.value.object_entries()) {
      keys.push_back(entry.first);
    }
  } else {
    for (std::size_t i = 0; i < term.items.size(); i += 2) {
      if (term.items[i]->kind != TermKind::kValue) return std::nullopt;
      keys.push_back(term.items[i]->value);
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// Whether two written-out collections can never unify, which OPA's type
// checker reports before evaluation: an array against an object, arrays
// of different lengths, objects with different keys.
bool shapes_differ(const Term& a, const Term& b) {
  int kind = shape_kind(a);
  if (kind == 0 || shape_kind(b) == 0) return false;
  if (kind != shape_kind(b)) return true;
  if (kind == 1) {
    auto size = [](const Term& t) {
      return t.kind == TermKind::kValue ? t.value.array_items().size()
                                        : t.items.size();
    };
    return size(a) != size(b);
  }
  auto left = constant_keys(a);
  auto right = constant_keys(b);
  return left && right && *left != *right;
}

// The name OPA gives a term's type in compile errors.
std::string type_name(const Term& term) {
  switch (term.kind) {
    case TermKind::kValue:
      return rampart::type_name(term.value);
    case TermKind::kRef:
      return "ref";
    case TermKind::kSet:
      return "set";
    case TermKind::kArrayCompr:
      return "arraycomprehension";
    case TermKind::kSetCompr:
      return "setcomprehension";
    case TermKind::kObjectCompr:
      return "objectcomprehension";
    case TermKind::kTemplate:
      return "templatestring";
    default:
      return "call";
  }
}

// Declares the variables of an assignment's left side or of `some x in`.
void Resolver::declare_pattern(TermPtr& term, bool assign) {
  if (!term) return;
  switch (term->kind) {
    case TermKind::kVar:
      if (term->wildcard) {
        term->slot = new_slot("_");
      } else {
        term->slot = declare(term->name, term->location, assign);
      }
      return;
    case TermKind::kArray:
      for (auto& item : term->items) declare_pattern(item, assign);
      return;
    case TermKind::kObject:
      for (std::size_t i = 0; i < term->items.size(); i += 2) {
        resolve_term(term->items[i]);
        declare_pattern(term->items[i + 1], assign);
      }
      return;
    default:
      if (assign) {
        error("rego_compile_error", "cannot assign to " + type_name(*term),
              term->location);
      }
      resolve_term(term);
      return;
  }
}

void Resolver::resolve_expr(Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kSome:
      for (auto& var : expr.terms) declare_pattern(var, false);
      break;
    case ExprKind::kSomeIn:
      resolve_term(expr.terms[2]);
      declare_pattern(expr.terms[0], false);
      declare_pattern(expr.terms[1], false);
      break;
    case ExprKind::kEvery:
      resolve_term(expr.terms[2]);
      scopes_.emplace_back();
      expr.closure_begin = next_slot_;
      closure_starts_.push_back(next_slot_);
      declare_pattern(expr.terms[0], false);
      declare_pattern(expr.terms[1], false);
      {
        std::set<int> safe;
        for (int i = 0; i < 2; ++i) {
          if (expr.terms[i]) safe.insert(expr.terms[i]->slot);
        }
        resolve_body(*expr.body, safe);
      }
      closure_starts_.pop_back();
      expr.closure_end = next_slot_;
      scopes_.pop_back();
      break;
    case ExprKind::kAssign:
      resolve_term(expr.terms[1]);
      declare_pattern(expr.terms[0], true);
      break;
    default: {
      // Closures among the arguments have statements of their own.
      const Term* enclosing = statement_call_;
      statement_call_ = nullptr;
      if (expr.kind == ExprKind::kTerm && expr.terms.size() == 1 &&
          expr.terms[0]->kind == TermKind::kCall) {
        statement_call_ = expr.terms[0].get();
      }
      for (auto& term : expr.terms) resolve_term(term);
      statement_call_ = enclosing;
      break;
    }
  }
  if ((expr.kind == ExprKind::kUnify || expr.kind == ExprKind::kAssign) &&
      shapes_differ(*expr.terms[0], *expr.terms[1])) {
    error("rego_type_error", "match error", expr.location);
  }
  for (With& with : expr.withs) resolve_with(with);
}

void Resolver::resolve_body(Body& body, const std::set<int>& outer_safe) {
  for (auto& expr : body.exprs) resolve_expr(*expr);
  std::set<int> safe = outer_safe;
  // Variables of enclosing bodies are checked by the enclosing expression.
  int first_inner = closure_starts_.empty() ? 0 : closure_starts_.back();
  for (int slot = 0; slot < first_inner; ++slot) safe.insert(slot);
  order_body(body, safe);
}

// --- safety ---------------------------------------------------------------

void for_each_slot(const Term& term, const std::function<void(int)>& visit);

// Calls `visit` for every variable slot in a body, closures included.
void for_each_slot(const Body& body, const std::function<void(int)>& visit) {
  for (const auto& expr : body.exprs) {
    for (const auto& term : expr->terms) {
      if (term) for_each_slot(*term, visit);
    }
    if (expr->body) for_each_slot(*expr->body, visit);
    for (const With& with : expr->withs) for_each_slot(*with.value, visit);
  }
}

void for_each_slot(const Term& term, const std::function<void(int)>& visit) {
  if (term.kind == TermKind::kVar && term.slot >= 0) visit(term.slot);
  for (const auto& item : term.items) for_each_slot(*item, visit);
  if (term.key) for_each_slot(*term.key, visit);
  if (term.head) for_each_slot(*term.head, visit);
  if (term.body) for_each_slot(*term.body, visit);
}

std::size_t call_arity(const Term& term) {
  if (term.function == nullptr) return term.items.size();
  if (term.is_builtin) {
    const auto* decl = static_cast<const BuiltinDecl*>(term.function);
    return decl->variadic ? term.items.size() : decl->args.size();
  }
  return static_cast<std::size_t>(
      static_cast<const RuleNode*>(term.function)->function_arity);
}

void Resolver::collect(const Term& term, bool pattern, VarUse& use) const {
  switch (term.kind) {
    case TermKind::kValue:
      return;
    case TermKind::kVar:
      if (term.slot < 0) return;  // input / data
      (pattern ? use.outputs : use.inputs).insert(term.slot);
      return;
    case TermKind::kRef:
      collect(*term.items[0], false, use);
      for (std::size_t i = 1; i < term.items.size(); ++i) {
        // Keys of a reference may be bound by iteration.
        VarUse key;
        collect(*term.items[i], true, key);
        use.inputs.insert(key.inputs.begin(), key.inputs.end());
        use.outputs.insert(key.outputs.begin(), key.outputs.end());
        use.ref_keys.insert(key.outputs.begin(), key.outputs.end());
        use.ref_keys.insert(key.ref_keys.begin(), key.ref_keys.end());
      }
      return;
    case TermKind::kArray:
      for (const auto& item : term.items) collect(*item, pattern, use);
      return;
    case TermKind::kObject:
      for (std::size_t i = 0; i < term.items.size(); i += 2) {
        collect(*term.items[i], false, use);
        collect(*term.items[i + 1], pattern, use);
      }
      return;
    case TermKind::kArrayCompr:
    case TermKind::kSetCompr:
    case TermKind::kObjectCompr:
      // A comprehension reads the variables it captures from outside.
      for_each_slot(term, [&](int slot) {
        if (slot < term.closure_begin || slot >= term.closure_end) {
          use.inputs.insert(slot);
        }
      });
      return;
    case TermKind::kCall: {
      std::size_t arity = call_arity(term);
      for (std::size_t i = 0; i < term.items.size(); ++i) {
        // An extra last argument receives the result.
        collect(*term.items[i], i >= arity, use);
      }
      return;
    }
    default:
      for (const auto& item : term.items) collect(*item, false, use);
      return;
  }
}

std::set<int> Resolver::pattern_vars(const Term& term) const {
  if (term.kind == TermKind::kRef || term.kind == TermKind::kCall) {
    return {};  // evaluated, not matched
  }
  VarUse use;
  collect(term, true, use);
  return use.outputs;
}

Resolver::VarUse Resolver::uses_of(const Expr& expr) const {
  VarUse use;
  switch (expr.kind) {
    case ExprKind::kSome:
      break;
    case ExprKind::kSomeIn:
      collect(*expr.terms[2], false, use);
      if (expr.terms[0]) collect(*expr.terms[0], true, use);
      collect(*expr.terms[1], true, use);
      break;
    case ExprKind::kEvery:
      collect(*expr.terms[2], false, use);
      for_each_slot(*expr.body, [&](int slot) {
        if (slot < expr.closure_begin || slot >= expr.closure_end) {
          use.inputs.insert(slot);
        }
      });
      break;
    case ExprKind::kUnify:
      collect(*expr.terms[0], true, use);
      collect(*expr.terms[1], true, use);
      break;
    case ExprKind::kAssign:
      collect(*expr.terms[0], true, use);
      collect(*expr.terms[1], false, use);
      break;
    case ExprKind::kTerm:
      collect(*expr.terms[0], false, use);
      // `x == xs[x]`: the reference binds x, then the call reads it (the
      // evaluator evaluates such arguments first).
      if (expr.terms[0]->kind == TermKind::kCall) {
        for (int slot : use.ref_keys) use.inputs.erase(slot);
      }
      break;
  }
  for (const With& with : expr.withs) collect(*with.value, false, use);
  for (int slot : use.inputs) use.outputs.erase(slot);
  return use;
}

bool subset(const std::set<int>& a, const std::set<int>& b) {
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

bool composite(const Term& t) {
  return t.kind == TermKind::kArray || t.kind == TermKind::kObject;
}

// Orders the expressions of a body so that each runs once the variables it
// reads are bound, keeping source order where possible (OPA reorders the
// same way), and reports variables that nothing can bind.
void Resolver::order_body(Body& body, std::set<int> safe) {
  std::vector<std::unique_ptr<Expr>> pending = std::move(body.exprs);
  body.exprs.clear();
  std::vector<VarUse> uses;
  for (const auto& expr : pending) uses.push_back(uses_of(*expr));
  int first_inner = closure_starts_.empty() ? 0 : closure_starts_.back();

  // A variable used only inside one negation is local to it.
  std::map<int, int> occurrences;
  for (const VarUse& use : uses) {
    for (int slot : use.inputs) ++occurrences[slot];
    for (int slot : use.outputs) ++occurrences[slot];
  }
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (!pending[i]->negated) continue;
    std::set<int> inputs;
    for (int slot : uses[i].inputs) {
      if (occurrences[slot] > 1 || slot < first_inner) inputs.insert(slot);
    }
    for (int slot : uses[i].outputs) {
      if (occurrences[slot] > 1 || slot < first_inner) inputs.insert(slot);
    }
    uses[i].inputs = inputs;
    uses[i].outputs.clear();
  }

  std::vector<bool> done(pending.size(), false);
  std::size_t remaining = pending.size();
  while (remaining > 0) {
    bool progressed = false;
    for (std::size_t i = 0; i < pending.size(); ++i) {
      if (done[i] || !subset(uses[i].inputs, safe)) continue;
      Expr& expr = *pending[i];
      if (expr.kind == ExprKind::kUnify && !expr.negated) {
        std::set<int> left = pattern_vars(*expr.terms[0]);
        std::set<int> right = pattern_vars(*expr.terms[1]);
        bool ready = subset(left, safe) || subset(right, safe) ||
                     (composite(*expr.terms[0]) && composite(*expr.terms[1]));
        if (!ready) continue;
      }
      safe.insert(uses[i].outputs.begin(), uses[i].outputs.end());
      expr.inputs.assign(uses[i].inputs.begin(), uses[i].inputs.end());
      expr.outputs.assign(uses[i].outputs.begin(), uses[i].outputs.end());
      body.exprs.push_back(std::move(pending[i]));
      done[i] = true;
      --remaining;
      progressed = true;
      break;
    }
    if (progressed) continue;

    // Nothing can run: every remaining expression reads an unbound var.
    for (std::size_t i = 0; i < pending.size(); ++i) {
      if (done[i]) continue;
      std::set<int> missing;
      for (int slot : uses[i].inputs) {
        if (!safe.count(slot)) missing.insert(slot);
      }
      if (missing.empty()) {
        for (int slot : uses[i].outputs) {
          if (!safe.count(slot)) missing.insert(slot);
        }
      }
      for (int slot : missing) {
        if (slot_names_[slot] == "_") continue;
        error("rego_unsafe_var_error",
              "var " + slot_names_[slot] + " is unsafe", pending[i]->location);
      }
      body.exprs.push_back(std::move(pending[i]));
      done[i] = true;
    }
    return;
  }
}

void Resolver::fill_var_slots(Term& term) const {
  std::set<int> vars = pattern_vars(term);
  term.var_slots.assign(vars.begin(), vars.end());
  for (auto& item : term.items) fill_var_slots(*item);
  if (term.key) fill_var_slots(*term.key);
  if (term.head) fill_var_slots(*term.head);
  if (term.body) fill_body_slots(*term.body);
}

void Resolver::fill_body_slots(Body& body) const {
  for (auto& expr : body.exprs) {
    for (auto& term : expr->terms) {
      if (term) fill_var_slots(*term);
    }
    if (expr->body) fill_body_slots(*expr->body);
    for (With& with : expr->withs) {
      fill_var_slots(*with.value);
      fill_var_slots(*with.target);
    }
  }
}

void Resolver::resolve_branch(Rule& rule, const std::set<int>& arg_slots) {
  scopes_.emplace_back();
  for (int slot : arg_slots) {
    const std::string& name = slot_names_[slot];
    if (name != "_") scopes_.back().declared[name] = Occurrence::kArgument;
  }
  std::set<int> safe = arg_slots;
  for (auto& expr : rule.body.exprs) resolve_expr(*expr);
  // Head terms are resolved in the body's scope.
  for (std::size_t i = 1; i < rule.ref.size(); ++i) resolve_term(rule.ref[i]);
  if (rule.key) resolve_term(rule.key);
  if (rule.value) resolve_term(rule.value);
  order_body(rule.body, safe);

  // Every variable of the head must be bound by the body.
  for (const auto& expr : rule.body.exprs) {
    safe.insert(expr->inputs.begin(), expr->inputs.end());
    safe.insert(expr->outputs.begin(), expr->outputs.end());
  }
  auto check_head = [&](const Term& term) {
    VarUse use;
    collect(term, false, use);
    std::set<int> all = use.inputs;
    all.insert(use.outputs.begin(), use.outputs.end());
    for (int slot : all) {
      if (!safe.count(slot) && slot_names_[slot] != "_") {
        error("rego_unsafe_var_error",
              "var " + slot_names_[slot] + " is unsafe", term.location);
      }
    }
  };
  for (std::size_t i = 1; i < rule.ref.size(); ++i) check_head(*rule.ref[i]);
  if (rule.key) check_head(*rule.key);
  if (rule.value) check_head(*rule.value);

  for (std::size_t i = 1; i < rule.ref.size(); ++i) {
    fill_var_slots(*rule.ref[i]);
  }
  if (rule.key) fill_var_slots(*rule.key);
  if (rule.value) fill_var_slots(*rule.value);
  fill_body_slots(rule.body);
  scopes_.pop_back();
}

// A rule and its else branches share one frame: the arguments' slots come
// first, and each branch's own variables get slots of their own.
void Resolver::resolve_rule(Rule& rule) {
  scopes_.clear();
  scopes_.emplace_back();
  next_slot_ = 0;
  slot_names_.clear();

  std::set<int> arg_slots;
  declaring_args_ = true;
  for (auto& arg : rule.args) {
    declare_pattern(arg, false);
    VarUse use;
    collect(*arg, true, use);
    arg_slots.insert(use.outputs.begin(), use.outputs.end());
    arg_slots.insert(use.inputs.begin(), use.inputs.end());
    fill_var_slots(*arg);
  }
  declaring_args_ = false;
  for (Rule* branch = &rule; branch != nullptr;
       branch = branch->else_rule.get()) {
    resolve_branch(*branch, arg_slots);
  }
  for (Rule* branch = &rule; branch != nullptr;
       branch = branch->else_rule.get()) {
    branch->slot_count = next_slot_;
  }
}

void Resolver::resolve_query(CompiledQuery& query) {
  scopes_.clear();
  scopes_.emplace_back();
  next_slot_ = 0;
  slot_names_.clear();
  for (auto& expr : query.body->exprs) resolve_expr(*expr);
  order_body(*query.body, {});
  fill_body_slots(*query.body);
  query.slot_count = next_slot_;
  for (const auto& [name, slot] : scopes_.front().vars) {
    if (name != "_" && name.rfind("__", 0) != 0) {
      query.outputs.emplace_back(name, slot);
    }
  }
}

// --- the rule tree --------------------------------------------------------

// Where a rule's head stops being a constant path: the first ref term that
// is not a literal. Partial sets keep their whole ref static.
std::size_t static_length(const Rule& rule) {
  if (rule.kind != RuleKind::kPartialObject &&
      rule.kind != RuleKind::kPartialSet) {
    return rule.ref.size();
  }
  std::size_t n = 0;
  while (n < rule.ref.size() && rule.ref[n]->kind == TermKind::kValue) ++n;
  return n;
}

class TreeBuilder {
 public:
  TreeBuilder(Program& program, RegoErrors& errors)
      : program_(program), errors_(errors) {}

  void add_module(const Module& module);
  void check(const RuleNode& node);

 private:
  RuleNode* package_node(const Module& module);

  Program& program_;
  RegoErrors& errors_;
};

RuleNode* TreeBuilder::package_node(const Module& module) {
  RuleNode* node = program_.root.get();
  for (const std::string& part : module.package) {
    node = child_node(*node, Value::string(part), program_.node_count);
  }
  node->is_package = true;
  return node;
}

void TreeBuilder::add_module(const Module& module) {
  RuleNode* package = package_node(module);
  for (const auto& rule_ptr : module.rules) {
    const Rule& rule = *rule_ptr;
    std::size_t length = static_length(rule);
    RuleNode* node = package;
    for (std::size_t i = 0; i < length; ++i) {
      node = child_node(*node, rule.ref[i]->value, program_.node_count);
    }
    if (rule.is_default) {
      if (node->default_rule != nullptr) {
        errors_.push_back(compile_error(
            "rego_type_error",
            "multiple default rules " + node->name + " found", rule.location));
      }
      node->default_rule = &rule;
    } else {
      node->rules.push_back(&rule);
      node->dynamic_from.push_back(length);
    }
    switch (rule.kind) {
      case RuleKind::kFunction: {
        node->has_functions = true;
        int arity = static_cast<int>(rule.args.size());
        if (node->function_arity >= 0 && node->function_arity != arity) {
          errors_.push_back(compile_error(
              "rego_type_error", "conflicting rules " + node->name + " found",
              rule.location));
        }
        node->function_arity = arity;
        break;
      }
      case RuleKind::kPartialSet:
        // p[x] contains y: an object of sets, built like a partial object.
        if (length < rule.ref.size()) {
          node->has_objects = true;
        } else {
          node->has_sets = true;
        }
        break;
      case RuleKind::kComplete:
        node->has_complete = true;
        break;
      case RuleKind::kPartialObject:
        node->has_objects = true;
        break;
    }
  }
}

bool has_rules_below(const RuleNode& node) {
  for (const auto& [key, child] : node.children) {
    if (child->has_rules() || has_rules_below(*child)) return true;
  }
  return false;
}

void TreeBuilder::check(const RuleNode& node) {
  int kinds = node.has_functions + node.has_sets +
              (node.has_complete || node.has_objects);
  const Rule* first = !node.rules.empty() ? node.rules[0] : node.default_rule;
  if (kinds > 1 && first != nullptr) {
    errors_.push_back(compile_error("rego_type_error",
                                    "conflicting rules " + node.name + " found",
                                    first->location));
  }
  if ((node.has_complete || node.has_sets || node.has_functions) &&
      has_rules_below(node) && first != nullptr) {
    errors_.push_back(
        compile_error("rego_type_error",
                      "rule " + node.name + " conflicts with rules below it",
                      first->location));
  }
  for (const auto& [key, child] : node.children) check(*child);
}

// --- recursion ------------------------------------------------------------

void collect_rule_nodes(const RuleNode& node,
                        std::vector<const RuleNode*>& out) {
  if (node.has_rules()) out.push_back(&node);
  for (const auto& [key, child] : node.children) {
    collect_rule_nodes(*child, out);
  }
}

class RecursionChecker {
 public:
  explicit RecursionChecker(const Program& program) : program_(program) {}

  void add_rule(const RuleNode& owner, const Rule& rule);
  void check(RegoErrors& errors);

 private:
  void visit_term(const Term& term, std::set<const RuleNode*>& deps);
  void visit_body(const Body& body, std::set<const RuleNode*>& deps);

  const Program& program_;
  std::map<const RuleNode*, std::set<const RuleNode*>> edges_;
  std::map<const RuleNode*, const Rule*> first_rule_;
};

void RecursionChecker::visit_term(const Term& term,
                                  std::set<const RuleNode*>& deps) {
  if (term.kind == TermKind::kRef && term.items[0]->kind == TermKind::kVar &&
      term.items[0]->root == VarRoot::kData) {
    std::vector<Value> path;
    for (std::size_t i = 1; i < term.items.size(); ++i) {
      if (term.items[i]->kind != TermKind::kValue) break;
      path.push_back(term.items[i]->value);
    }
    std::size_t matched = 0;
    const RuleNode* node = program_.find_node(path, &matched);
    // `data[x]` could be anything; it is checked when evaluated instead.
    if (node != nullptr && !path.empty()) {
      if (node->has_rules()) {
        deps.insert(node);
      } else if (matched == path.size()) {
        std::vector<const RuleNode*> below;
        collect_rule_nodes(*node, below);
        deps.insert(below.begin(), below.end());
      }
    }
  }
  if (term.kind == TermKind::kCall && !term.is_builtin &&
      term.function != nullptr) {
    deps.insert(static_cast<const RuleNode*>(term.function));
  }
  for (const auto& item : term.items) visit_term(*item, deps);
  if (term.key) visit_term(*term.key, deps);
  if (term.head) visit_term(*term.head, deps);
  if (term.body) visit_body(*term.body, deps);
}

void RecursionChecker::visit_body(const Body& body,
                                  std::set<const RuleNode*>& deps) {
  for (const auto& expr : body.exprs) {
    for (const auto& term : expr->terms) {
      if (term) visit_term(*term, deps);
    }
    if (expr->body) visit_body(*expr->body, deps);
    for (const With& with : expr->withs) visit_term(*with.value, deps);
  }
}

void RecursionChecker::add_rule(const RuleNode& owner, const Rule& rule) {
  auto& deps = edges_[&owner];
  if (!first_rule_.count(&owner)) first_rule_[&owner] = &rule;
  for (const Rule* branch = &rule; branch != nullptr;
       branch = branch->else_rule.get()) {
    visit_body(branch->body, deps);
    for (const auto& part : branch->ref) visit_term(*part, deps);
    if (branch->key) visit_term(*branch->key, deps);
    if (branch->value) visit_term(*branch->value, deps);
  }
}

void RecursionChecker::check(RegoErrors& errors) {
  // Depth-first search with colours; a grey node reached again closes a
  // cycle, reported once from its first member.
  std::map<const RuleNode*, int> colour;
  std::vector<const RuleNode*> stack;
  std::set<const RuleNode*> reported;
  std::function<void(const RuleNode*)> visit = [&](const RuleNode* node) {
    colour[node] = 1;
    stack.push_back(node);
    for (const RuleNode* next : edges_[node]) {
      if (colour[next] == 1) {
        auto start = std::find(stack.begin(), stack.end(), next);
        std::string chain;
        for (auto it = start; it != stack.end(); ++it) {
          chain += (*it)->name + " -> ";
        }
        chain += next->name;
        if (!reported.count(next)) {
          reported.insert(next);
          const Rule* rule =
              first_rule_.count(next) ? first_rule_[next] : nullptr;
          errors.push_back(
              compile_error("rego_recursion_error",
                            "rule " + next->name + " is recursive: " + chain,
                            rule ? rule->location : Location{}));
        }
      } else if (colour[next] == 0) {
        visit(next);
      }
    }
    stack.pop_back();
    colour[node] = 2;
  };
  for (const auto& [node, deps] : edges_) {
    if (colour[node] == 0) visit(node);
  }
}

// --- annotations ----------------------------------------------------------

// "Jane Doe <jane@example.com>": the last word, when it is in angle
// brackets, is the email; the words before it are the name.
std::optional<Value> author_from_string(std::string_view text) {
  auto space = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
  };
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !space(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  if (words.empty()) return std::nullopt;

  std::string email;
  std::string_view last = words.back();
  if (last.size() > 2 && last.front() == '<' && last.back() == '>') {
    email = std::string(last.substr(1, last.size() - 2));
    words.pop_back();
  }
  std::string name;
  for (std::string_view word : words) {
    if (!name.empty()) name += ' ';
    name += word;
  }

  std::vector<ObjectEntry> entries;
  if (!email.empty()) {
    entries.emplace_back(Value::string("email"), Value::string(email));
  }
  if (!name.empty()) {
    entries.emplace_back(Value::string("name"), Value::string(name));
  }
  return Value::object(std::move(entries));
}

// OPA accepts short forms in `authors` and `related_resources` and shows
// every entry as an object: {"name", "email"} and {"ref", "description"}.
// Returns an error message for an entry of neither form.
std::string expand_short_forms(Value& annotation) {
  std::vector<ObjectEntry> entries = annotation.object_entries();
  for (ObjectEntry& entry : entries) {
    if (!entry.first.is_string()) continue;
    const std::string& key = entry.first.as_string();
    bool authors = key == "authors";
    if (!authors && key != "related_resources") continue;
    if (!entry.second.is_array()) return key + " must be a list";

    std::vector<Value> expanded;
    for (const Value& item : entry.second.array_items()) {
      if (authors && item.is_string()) {
        std::optional<Value> author = author_from_string(item.as_string());
        if (!author) return "author is an empty string";
        expanded.push_back(std::move(*author));
      } else if (authors && item.is_object()) {
        if (item.find("name") == nullptr && item.find("email") == nullptr) {
          return "author must have a name or an email";
        }
        expanded.push_back(item);
      } else if (!authors && item.is_string()) {
        if (item.as_string().empty()) return "related resource ref is empty";
        expanded.push_back(Value::object({{Value::string("ref"), item}}));
      } else if (!authors && item.is_object()) {
        const Value* ref = item.find("ref");
        if (ref == nullptr || !ref->is_string() || ref->as_string().empty()) {
          return "related resource must have a ref";
        }
        expanded.push_back(item);
      } else {
        return key + " entries must be strings or objects";
      }
    }
    entry.second = Value::array(std::move(expanded));
  }
  annotation = Value::object(std::move(entries));
  return "";
}

void collect_annotations(const Module& module, RegoErrors& errors,
                         std::vector<Annotation>& out) {
  const auto& comments = module.comments;
  for (std::size_t i = 0; i < comments.size(); ++i) {
    std::string_view text = comments[i].text;
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) {
      text.remove_suffix(1);
    }
    if (text != "METADATA") continue;

    std::string yaml;
    int last_row = comments[i].row;
    std::size_t j = i + 1;
    for (; j < comments.size() && comments[j].row == last_row + 1; ++j) {
      std::string_view line = comments[j].text;
      if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      yaml += std::string(line) + "\n";
      last_row = comments[j].row;
    }
    i = j - 1;

    Annotation annotation;
    annotation.file = module.file;
    annotation.row = comments[i].row;
    auto value = parse_yaml_value(yaml, module.file);
    if (!value || !(value->is_object() || value->is_null())) {
      errors.push_back(RegoError{
          "rego_parse_error",
          "invalid METADATA block: " + (value
                                            ? std::string("expected a mapping")
                                            : value.status().message()),
          SourceLocation{module.file, comments[i].row, 1}});
      continue;
    }
    annotation.value = value->is_null() ? Value::object({}) : *value;
    std::string invalid = expand_short_forms(annotation.value);
    if (!invalid.empty()) {
      errors.push_back(
          RegoError{"rego_parse_error", "invalid METADATA block: " + invalid,
                    SourceLocation{module.file, comments[i].row, 1}});
      continue;
    }

    std::string package_path = "data";
    for (const std::string& part : module.package) package_path += "." + part;
    const Value* scope = annotation.value.find("scope");
    if (module.package_location.row == last_row + 1) {
      annotation.scope =
          scope && scope->is_string() ? scope->as_string() : "package";
      annotation.path = package_path;
    } else {
      for (const auto& rule : module.rules) {
        if (rule->location.row == last_row + 1) {
          annotation.scope =
              scope && scope->is_string() ? scope->as_string() : "rule";
          annotation.path = package_path + "." + rule->text_name;
          break;
        }
      }
      if (annotation.path.empty()) continue;  // detached: ignored, as OPA
    }
    out.push_back(std::move(annotation));
  }
}

// --- rule indexing --------------------------------------------------------

// `input.a.b` with constant keys: its keys; nullopt otherwise.
std::optional<std::vector<Value>> input_path(const Term& term) {
  if (term.kind != TermKind::kRef || term.items[0]->kind != TermKind::kVar ||
      term.items[0]->slot >= 0 || term.items[0]->root != VarRoot::kInput) {
    return std::nullopt;
  }
  std::vector<Value> path;
  for (std::size_t i = 1; i < term.items.size(); ++i) {
    if (term.items[i]->kind != TermKind::kValue) return std::nullopt;
    path.push_back(term.items[i]->value);
  }
  return path;
}

// Strings, booleans, null, and integers a double holds exactly. The index
// is a map ordered by Value::compare, the order `==` uses, which compares an
// integer with a float through doubles: with every key exact, an input of
// 80.0 still finds the rule guarded by 80, and no two keys can both equal
// one input. Larger integers and floats are left to the unindexed rules.
bool indexable(const Term& term) {
  if (term.kind != TermKind::kValue) return false;
  const Value& value = term.value;
  if (value.is_string() || value.is_boolean() || value.is_null()) return true;
  constexpr std::int64_t kExact = std::int64_t{1} << 53;
  return value.is_number() && value.is_int64() && value.as_int64() <= kExact &&
         value.as_int64() >= -kExact;
}

struct Guard {
  std::vector<Value> path;
  Value value;
};

// The first expression of a rule's body that requires an input path to
// equal a constant. Rules with else branches have none: their alternatives
// run precisely when the first body fails.
std::optional<Guard> guard_of(const Rule& rule) {
  if (rule.else_rule) return std::nullopt;
  for (const auto& expr : rule.body.exprs) {
    if (expr->negated || !expr->withs.empty()) continue;
    const Term* left = nullptr;
    const Term* right = nullptr;
    if (expr->kind == ExprKind::kUnify) {
      left = expr->terms[0].get();
      right = expr->terms[1].get();
    } else if (expr->kind == ExprKind::kTerm) {
      const Term& call = *expr->terms[0];
      if (call.kind != TermKind::kCall || !call.is_builtin ||
          call.items.size() != 2 ||
          static_cast<const BuiltinDecl*>(call.function)->name != "equal") {
        continue;
      }
      left = call.items[0].get();
      right = call.items[1].get();
    } else {
      continue;
    }
    if (indexable(*left)) std::swap(left, right);
    auto path = input_path(*left);
    if (path && indexable(*right)) return Guard{*path, right->value};
  }
  return std::nullopt;
}

// Indexes every node with enough rules guarded on the same input path.
void build_rule_indexes(RuleNode& node) {
  for (auto& [key, child] : node.children) build_rule_indexes(*child);
  if (node.rules.size() < 4 || node.has_functions) return;

  std::vector<std::optional<Guard>> guards;
  std::map<std::vector<Value>, std::size_t> paths;
  for (const Rule* rule : node.rules) {
    guards.push_back(guard_of(*rule));
    if (guards.back()) ++paths[guards.back()->path];
  }
  auto best = std::max_element(
      paths.begin(), paths.end(),
      [](const auto& a, const auto& b) { return a.second < b.second; });
  if (best == paths.end() || best->second < 4) return;

  auto index = std::make_unique<RuleIndex>();
  index->path = best->first;
  for (std::size_t i = 0; i < guards.size(); ++i) {
    if (guards[i] && guards[i]->path == index->path) {
      index->by_value[guards[i]->value].push_back(i);
    } else {
      index->unguarded.push_back(i);
    }
  }
  node.index = std::move(index);
}

// A rule may not stand where the base data already holds a value: OPA
// refuses such a policy ("conflicting rule for data path a/b found") rather
// than choose between the two. An empty object in the data is no conflict.
void check_data_conflicts(const RuleNode& node, const Value& data,
                          RegoErrors& errors) {
  if (node.has_rules()) {
    bool empty = data.is_object() && data.object_entries().empty();
    if (!empty) {
      std::string path;
      for (const Value& key : node.path) {
        path += (path.empty() ? "" : "/") +
                (key.is_string() ? key.as_string() : key.number_text());
      }
      const Rule* rule = node.rules.empty() ? node.default_rule : node.rules[0];
      errors.push_back(compile_error(
          "rego_compile_error",
          "conflicting rule for data path " + path + " found", rule->location));
    }
    return;
  }
  if (!data.is_object()) return;
  for (const auto& [key, child] : node.children) {
    if (!key.is_string()) continue;
    const Value* below = data.find(key.as_string());
    if (below != nullptr) check_data_conflicts(*child, *below, errors);
  }
}

// What OPA checks of Rego v1 modules only: no import shadows another and
// no rule shadows the root documents.
void check_v1_module(const Module& module, RegoErrors& errors) {
  std::map<std::string, const Import*> imported;
  for (const Import& import : module.imports) {
    auto [at, fresh] = imported.emplace(import.alias, &import);
    if (fresh) continue;
    std::string shadowed;
    for (const std::string& part : at->second->path) {
      shadowed += (shadowed.empty() ? "" : ".") + part;
    }
    errors.push_back(compile_error("rego_compile_error",
                                   "import must not shadow import " + shadowed,
                                   import.location));
  }
  for (const auto& rule : module.rules) {
    const std::string& name = rule->ref[0]->value.as_string();
    if (name == "input" || name == "data") {
      errors.push_back(compile_error(
          "rego_compile_error",
          "rules must not shadow " + name + " (use a different rule name)",
          rule->location));
    }
  }
}

Value merge_data(const Value& base, const Value& extra) {
  if (!base.is_object() || !extra.is_object()) return extra;
  std::vector<ObjectEntry> entries(base.object_entries());
  for (const ObjectEntry& entry : extra.object_entries()) {
    auto it = std::find_if(
        entries.begin(), entries.end(),
        [&](const ObjectEntry& e) { return e.first == entry.first; });
    if (it == entries.end()) {
      entries.push_back(entry);
    } else {
      it->second = merge_data(it->second, entry.second);
    }
  }
  return Value::object(std::move(entries));
}

// --- the public objects ---------------------------------------------------

class PreparedQueryImpl : public PreparedQuery {
 public:
  PreparedQueryImpl(std::shared_ptr<const Program> program,
                    std::unique_ptr<CompiledQuery> query)
      : program_(std::move(program)), query_(std::move(query)) {}

  EvalResult evaluate(const EvalOptions& options) const override {
    return evaluate_query(*program_, *query_, options);
  }

 private:
  std::shared_ptr<const Program> program_;
  std::unique_ptr<CompiledQuery> query_;
};

class PolicyImpl : public Policy {
 public:
  explicit PolicyImpl(std::shared_ptr<const Program> program)
      : program_(std::move(program)) {}

  std::variant<std::shared_ptr<const PreparedQuery>, RegoErrors> prepare(
      std::string_view query) const override {
    return prepare(query, QueryContext{});
  }

  std::variant<std::shared_ptr<const PreparedQuery>, RegoErrors> prepare(
      std::string_view query, const QueryContext& context) const override {
    auto compiled = compile_query(*program_, query, context);
    if (auto* errors = std::get_if<RegoErrors>(&compiled)) return *errors;
    return std::make_shared<PreparedQueryImpl>(
        program_,
        std::move(std::get<std::unique_ptr<CompiledQuery>>(compiled)));
  }

  const std::vector<Annotation>& annotations() const override {
    return program_->annotations;
  }

  std::vector<std::string> packages() const override {
    std::set<std::string> names;
    for (const auto& module : program_->modules) {
      std::string name = "data";
      for (const std::string& part : module->package) name += "." + part;
      names.insert(name);
    }
    return {names.begin(), names.end()};
  }

  std::vector<std::string> rules() const override {
    std::vector<const RuleNode*> nodes;
    collect_rule_nodes(*program_->root, nodes);
    std::set<std::string> names;
    for (const RuleNode* node : nodes) names.insert(node->name);
    return {names.begin(), names.end()};
  }

  SourceLocation rule_location(const std::string& path) const override {
    std::vector<const RuleNode*> nodes;
    collect_rule_nodes(*program_->root, nodes);
    for (const RuleNode* node : nodes) {
      if (node->name != path) continue;
      const Rule* rule =
          node->rules.empty() ? node->default_rule : node->rules[0];
      if (rule != nullptr) return source_of(rule->location);
    }
    return {};
  }

 private:
  std::shared_ptr<const Program> program_;
};

}  // namespace

namespace {

// Whether `term` enumerates values: a reference with a variable in its path
// (`input.xs[i]`, `xs[_]`) or a call to a relation built-in such as walk.
// Comprehensions enumerate only inside themselves.
bool iterates(const Term& term) {
  switch (term.kind) {
    case TermKind::kArrayCompr:
    case TermKind::kSetCompr:
    case TermKind::kObjectCompr:
      return false;
    case TermKind::kRef:
      for (std::size_t i = 1; i < term.items.size(); ++i) {
        if (term.items[i]->kind == TermKind::kVar) return true;
      }
      break;
    case TermKind::kCall:
      if (term.is_builtin && term.function != nullptr &&
          static_cast<const BuiltinDecl*>(term.function)->relation) {
        return true;
      }
      break;
    default:
      break;
  }
  for (const auto& item : term.items) {
    if (item != nullptr && iterates(*item)) return true;
  }
  return false;
}

// Whether `call` names its result with an extra output argument
// (`plus(1, 2, x)`), so the expression's own value is only `true`.
bool has_output_argument(const Term& call) {
  if (call.function == nullptr) return false;
  std::size_t arity = call.items.size();
  if (call.is_builtin) {
    const auto* decl = static_cast<const BuiltinDecl*>(call.function);
    if (!decl->variadic) arity = decl->args.size();
  } else {
    arity = static_cast<std::size_t>(
        static_cast<const RuleNode*>(call.function)->function_arity);
  }
  return call.items.size() > arity;
}

// OPA reports the value of a query's only expression even when it is false
// (`opa eval '1 == 2'` and `opa eval data.p.allow` print false), unless the
// query iterates; in any longer query a false expression fails, as in a rule
// body. Unifications and assignments are never captured (`1 = 2` is
// undefined).
void mark_captured_expression(Body& body) {
  if (body.exprs.size() != 1) return;

  Expr& expr = *body.exprs[0];
  if (expr.kind != ExprKind::kTerm || expr.negated) return;

  const Term& term = *expr.terms[0];
  if (iterates(term)) return;
  if (term.kind == TermKind::kCall && has_output_argument(term)) return;
  expr.capture = true;
}

}  // namespace

const RuleNode* Program::find_node(const std::vector<Value>& path,
                                   std::size_t* matched) const {
  const RuleNode* node = root.get();
  std::size_t i = 0;
  for (; i < path.size(); ++i) {
    auto found = node->children.find(path[i]);
    if (found == node->children.end()) break;
    node = found->second.get();
  }
  if (matched != nullptr) *matched = i;
  return node;
}

// The package and imports of a QueryContext, read as the head of a module
// would be, so that they follow the same rules and errors.
std::variant<std::unique_ptr<Module>, RegoErrors> context_module(
    const QueryContext& context) {
  std::string package = context.package;
  if (package.rfind("data.", 0) == 0) package.erase(0, 5);
  std::string text = "package " +
                     (package.empty() ? std::string("__query__") : package) +
                     "\n";
  for (const std::string& import : context.imports) {
    text += "import " + import + "\n";
  }
  ParsedModule parsed = parse_module("<query context>", text, /*v0=*/false);
  if (!parsed.errors.empty()) return parsed.errors;
  if (package.empty()) parsed.module->package.clear();
  return std::move(parsed.module);
}

// The first name of each rule head in `module` (`p` for `p.q[x]`): the
// bare names that resolve to rules of its package.
void add_rule_names(const Module& module, std::set<std::string>& names) {
  for (const auto& rule : module.rules) {
    names.insert(rule->ref[0]->value.as_string());
  }
}

std::set<std::string> rule_names_of(const Program& program,
                                    const std::vector<std::string>& package) {
  std::set<std::string> names;
  if (package.empty()) return names;
  for (const auto& module : program.modules) {
    if (module->package == package) add_rule_names(*module, names);
  }
  return names;
}

std::variant<std::unique_ptr<CompiledQuery>, RegoErrors> compile_query(
    const Program& program, std::string_view text,
    const QueryContext& context) {
  auto query = std::make_unique<CompiledQuery>();
  query->text = std::string(text);
  ParsedQuery parsed = parse_query(query->text);
  if (!parsed.errors.empty()) return parsed.errors;
  query->body = std::move(parsed.body);

  std::unique_ptr<Module> module;
  if (!context.package.empty() || !context.imports.empty()) {
    auto made = context_module(context);
    if (auto* errors = std::get_if<RegoErrors>(&made)) return *errors;
    module = std::move(std::get<std::unique_ptr<Module>>(made));
  }
  std::set<std::string> package_rules =
      module ? rule_names_of(program, module->package)
             : std::set<std::string>{};

  RegoErrors errors;
  Resolver resolver(program, module.get(), errors,
                    module ? &package_rules : nullptr);
  resolver.resolve_query(*query);
  if (!errors.empty()) return errors;

  mark_captured_expression(*query->body);
  return query;
}

struct Compiler::State {
  CompileOptions options;
  std::vector<std::pair<std::string, std::string>> sources;
  Value data = Value::object({});
};

Compiler::Compiler(CompileOptions options) : state_(new State) {
  state_->options = options;
}

Compiler::~Compiler() = default;

void Compiler::add_module(std::string filename, std::string source) {
  state_->sources.emplace_back(std::move(filename), std::move(source));
}

void Compiler::add_data(const Value& data) {
  state_->data = merge_data(state_->data, data);
}

std::variant<std::shared_ptr<const Policy>, RegoErrors> Compiler::compile() {
  auto program = std::make_shared<Program>();
  program->options = state_->options;
  program->data = state_->data;
  program->root = std::make_unique<RuleNode>();
  program->root->name = "data";
  program->node_count = 1;

  RegoErrors errors;
  for (auto& [file, source] : state_->sources) {
    ParsedModule parsed =
        parse_module(file, source, state_->options.v0_compatible);
    for (RegoError& error : parsed.errors) {
      error.location.file = file;
      errors.push_back(std::move(error));
    }
    if (parsed.module) program->modules.push_back(std::move(parsed.module));
  }
  if (!errors.empty()) return errors;

  for (const auto& module : program->modules) {
    if (module->v1) check_v1_module(*module, errors);
  }
  if (!errors.empty()) return errors;

  TreeBuilder tree(*program, errors);
  for (const auto& module : program->modules) tree.add_module(*module);
  tree.check(*program->root);
  check_data_conflicts(*program->root, program->data, errors);
  if (!errors.empty()) return errors;

  // Rule names per package, for resolving bare names in bodies.
  std::map<std::vector<std::string>, std::set<std::string>> package_rules;
  for (const auto& module : program->modules) {
    add_rule_names(*module, package_rules[module->package]);
  }

  RecursionChecker recursion(*program);
  for (const auto& module : program->modules) {
    for (const auto& rule : module->rules) {
      Resolver resolver(*program, module.get(), errors,
                        &package_rules[module->package]);
      resolver.resolve_rule(*rule);
    }
  }
  if (!errors.empty()) return errors;

  for (const auto& module : program->modules) {
    RuleNode* package = program->root.get();
    for (const std::string& part : module->package) {
      package = package->children[Value::string(part)].get();
    }
    for (const auto& rule : module->rules) {
      std::size_t length = static_length(*rule);
      const RuleNode* node = package;
      for (std::size_t i = 0; i < length; ++i) {
        node = node->children.at(rule->ref[i]->value).get();
      }
      recursion.add_rule(*node, *rule);
    }
    collect_annotations(*module, errors, program->annotations);
  }
  recursion.check(errors);
  if (!errors.empty()) return errors;
  build_rule_indexes(*program->root);
  return std::shared_ptr<const Policy>(
      std::make_shared<PolicyImpl>(std::move(program)));
}

}  // namespace rampart::rego
