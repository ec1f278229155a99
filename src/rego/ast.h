// SPDX-License-Identifier: Apache-2.0
//
// The Rego syntax tree, produced by the parser and annotated in place by
// the compiler (variables get frame slots, names get resolved). Private to
// the engine; nothing outside src/rego sees it.
//
// Nodes are owned by their parent through unique_ptr; a compiled module
// never changes again, so evaluation reads it from many threads at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rampart/document/value.h"

namespace rampart::rego {

struct Location {
  int row = 0;
  int col = 0;
  const std::string* file = nullptr;  // owned by the module
};

struct Term;
struct Expr;
using TermPtr = std::unique_ptr<Term>;

struct Body {
  std::vector<std::unique_ptr<Expr>> exprs;
};

enum class TermKind {
  kValue,        // a literal (scalar or fully constant composite)
  kVar,          // a variable; `slot` set by the compiler
  kRef,          // items[0] is the head, items[1..] the path
  kArray,        // items
  kSet,          // items
  kObject,       // items: key, value, key, value, ...
  kArrayCompr,   // head / body
  kSetCompr,     // head / body
  kObjectCompr,  // key / head / body
  kCall,         // name (operator or function), items are the arguments
  kTemplate,     // $"..{x}..": items alternate literal strings and terms
};

// Where a resolved name points.
enum class VarRoot { kLocal, kInput, kData };

struct Term {
  TermKind kind = TermKind::kValue;
  Location location;
  Value value;       // kValue
  std::string name;  // kVar name; kCall function name
  // kCall through a reference: the callee's keys, which may hold dots
  // (f["a.b"](x) is f, "a.b"); empty for a plain name.
  std::vector<std::string> call_path;
  int slot = -1;                   // kVar: frame slot once compiled
  bool wildcard = false;           // kVar: `_`
  VarRoot root = VarRoot::kLocal;  // kVar heads of refs after compiling
  std::vector<TermPtr> items;
  TermPtr key;                 // object comprehension key
  TermPtr head;                // comprehension head
  std::unique_ptr<Body> body;  // comprehension body
  // Slots of every variable inside this term (not inside comprehension
  // bodies), so evaluation can tell quickly whether it is ground.
  std::vector<int> var_slots;
  // Comprehensions: the slots created for their own variables lie in
  // [closure_begin, closure_end); any other slot inside is captured.
  int closure_begin = 0;
  int closure_end = 0;
  // Compiled call target: a user function (rule path) or a built-in.
  const void* function = nullptr;  // engine-private
  bool is_builtin = false;
  // kCall written as an operator (a + b, x in xs): always the built-in,
  // whatever rules of the same name the package has.
  bool infix = false;
  // kSetCompr standing for a template part written with `with`: its
  // members are the part's values.
  bool template_members = false;
};

enum class ExprKind {
  kTerm,    // a term whose value must be defined and not false
  kUnify,   // terms[0] = terms[1]
  kAssign,  // terms[0] := terms[1]
  kSome,    // `some x, y` (declaration only: terms are vars)
  kSomeIn,  // `some k, v in xs`: terms = [k?, v, xs] (k may be null)
  kEvery,   // `every k, v in xs { body }`: terms = [k?, v, xs]
};

struct With {
  TermPtr target;  // input..., data..., or a function name
  TermPtr value;
  Location location;
  // When the target is a function: what it names (a BuiltinDecl or a
  // RuleNode), and, when the value names a function too, that one.
  const void* function = nullptr;
  const void* replacement = nullptr;
  bool replacement_is_builtin = false;
};

struct Expr {
  ExprKind kind = ExprKind::kTerm;
  Location location;
  bool negated = false;
  std::vector<TermPtr> terms;
  std::unique_ptr<Body> body;  // kEvery
  std::vector<With> withs;
  std::string text;  // source text, for query results
  int index = 0;     // position in the original query body
  // A query's only expression, when it does not iterate: its value is the
  // result even when false, as `opa eval '1 == 2'` shows false.
  bool capture = false;
  // Variable slots this expression needs bound before it runs and those
  // it binds, worked out by the compiler's safety pass.
  std::vector<int> inputs;
  std::vector<int> outputs;
  int closure_begin = 0;  // kEvery: slots of its own variables
  int closure_end = 0;
};

enum class RuleKind {
  kComplete,       // p := v, p.q.r := v
  kPartialSet,     // p contains x
  kPartialObject,  // p[k] := v, p.q[k].r := v (one or more key terms)
  kFunction,       // f(x) := y
};

struct Rule {
  RuleKind kind = RuleKind::kComplete;
  Location location;
  bool is_default = false;
  // Head reference after the package, e.g. [p, q, r] for p.q.r; for
  // partial objects and sets the variable key terms come last.
  std::vector<TermPtr> ref;
  std::vector<TermPtr> args;  // function parameters
  TermPtr key;                // partial set element
  TermPtr value;              // rule value (true when not written)
  bool assign = false;        // written with :=
  Body body;
  std::unique_ptr<Rule> else_rule;
  int slot_count = 0;     // frame size, set by the compiler
  std::string text_name;  // "p.q.r" for messages
};

struct Import {
  std::vector<std::string> path;  // ["data", "x", "y"] or ["input", ...]
  std::string alias;
  Location location;
};

struct Comment {
  std::string text;  // without the leading '#'
  int row = 0;
  int col = 0;
};

struct Module {
  std::string file;
  std::vector<std::string> package;  // ["pkg", "sub"] after "data."
  Location package_location;
  std::vector<Import> imports;
  std::vector<std::unique_ptr<Rule>> rules;
  std::vector<Comment> comments;
  bool v1 = true;  // keywords and rule forms of Rego v1
};

}  // namespace rampart::rego
