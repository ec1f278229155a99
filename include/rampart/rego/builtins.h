// SPDX-License-Identifier: Apache-2.0
//
// Built-in functions of the Rego engine: the one table through which every
// built-in is declared, type-checked at compile time and called at
// evaluation time. The standard table holds OPA's catalogue; an embedding
// program (a scanner's check library, a test) may copy it and add its own
// functions before compiling policies against it.
//
// A built-in receives evaluated argument values and returns a value,
// "undefined", or an error. Errors follow OPA: a type error
// (eval_type_error) or another failure (eval_builtin_error); with strict
// built-in errors off, the engine turns either into "undefined". The engine
// prefixes messages with the built-in's name ("div: divide by zero"), so
// implementations return the bare message.
//
// Built-ins run on untrusted input: they must bound their work (sizes,
// repetitions) and never throw. A registry is immutable once evaluation
// starts and is then safe to share between threads; BuiltinContext is
// per query and not shared.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rampart/document/value.h"

namespace rampart::rego {

// Argument and result types, as a set of value kinds. Compile-time checks
// use them when an argument's kind is known (a literal, or another
// built-in's result); a mismatch is a rego_type_error.
using TypeMask = std::uint8_t;
inline constexpr TypeMask kTypeNull = 1 << 0;
inline constexpr TypeMask kTypeBoolean = 1 << 1;
inline constexpr TypeMask kTypeNumber = 1 << 2;
inline constexpr TypeMask kTypeString = 1 << 3;
inline constexpr TypeMask kTypeArray = 1 << 4;
inline constexpr TypeMask kTypeObject = 1 << 5;
inline constexpr TypeMask kTypeSet = 1 << 6;
inline constexpr TypeMask kTypeAny = 0x7f;
inline constexpr TypeMask kTypeCollection = kTypeArray | kTypeObject | kTypeSet;

// The mask of one value's kind.
TypeMask type_of(const Value& value);
// "string", "number", "array", "any", "one of {array, object, set}", ...
// in the wording OPA uses in type error messages.
std::string describe_types(TypeMask mask);

class BuiltinResult {
 public:
  enum class Outcome { kValue, kUndefined, kTypeError, kError };

  static BuiltinResult of(Value value) {
    return BuiltinResult(Outcome::kValue, std::move(value), {});
  }
  static BuiltinResult undefined() {
    return BuiltinResult(Outcome::kUndefined, {}, {});
  }
  // eval_type_error, e.g. "operand 1 must be string but got number".
  static BuiltinResult type_error(std::string message) {
    return BuiltinResult(Outcome::kTypeError, {}, std::move(message));
  }
  // eval_builtin_error, e.g. "divide by zero".
  static BuiltinResult error(std::string message) {
    return BuiltinResult(Outcome::kError, {}, std::move(message));
  }

  Outcome outcome() const { return outcome_; }
  bool has_value() const { return outcome_ == Outcome::kValue; }
  const Value& value() const { return value_; }
  Value& value() { return value_; }
  const std::string& message() const { return message_; }

 private:
  BuiltinResult(Outcome outcome, Value value, std::string message)
      : outcome_(outcome),
        value_(std::move(value)),
        message_(std::move(message)) {}

  Outcome outcome_;
  Value value_;
  std::string message_;
};

// What a built-in may know of the query it runs in. One per query
// evaluation; built-ins that must give the same answer for the same
// arguments within one query (rand.intn, uuid.rfc4122, http.send) memoise
// in `cache`.
struct BuiltinContext {
  std::int64_t now_ns = 0;     // time.now_ns(): fixed for the whole query
  bool allow_network = false;  // http.send and net.lookup_ip_addr
  // Where print() writes; empty means print is a no-op.
  std::function<void(std::string_view)> print;
  // opa.runtime(): {"env": ..., "version": ..., ...}; null when not set.
  Value runtime;
  std::unordered_map<std::string, Value> cache;
};

// Arguments of one call, already evaluated.
using BuiltinArgs = std::span<const Value>;
using BuiltinFunction =
    std::function<BuiltinResult(BuiltinArgs args, BuiltinContext& context)>;

struct BuiltinDecl {
  std::string name;            // "strings.replace_n", "plus", ...
  std::vector<TypeMask> args;  // one mask per parameter
  TypeMask result = kTypeAny;
  BuiltinFunction function;
  // print() takes any number of arguments; `args` is then empty.
  bool variadic = false;
  // Same arguments may give a different result (rand, time.now_ns, http):
  // never folded at compile time or cached across queries.
  bool nondeterministic = false;
  // For relations such as walk(): `function` returns an array whose items
  // are the individual results, each bound in turn.
  bool relation = false;
};

class BuiltinRegistry {
 public:
  // Adds or replaces a declaration.
  void add(BuiltinDecl decl);
  // nullptr when no such built-in.
  const BuiltinDecl* find(std::string_view name) const;
  // Every declared name, sorted.
  std::vector<std::string> names() const;

  // OPA's built-ins; built once, then shared read-only.
  static const BuiltinRegistry& standard();

 private:
  std::map<std::string, std::shared_ptr<const BuiltinDecl>, std::less<>> decls_;
};

// Operators are built-ins under OPA's internal names: `a + b` calls "plus",
// and likewise minus, mul, div, rem, equal (==), neq (!=), lt, lte, gt, gte,
// and (set intersection `&`), or (set union `|`). Each file under
// src/rego/builtins/ registers one group through a function declared here;
// standard() calls them all.
void register_comparison_builtins(BuiltinRegistry& registry);
void register_number_builtins(BuiltinRegistry& registry);
void register_aggregate_builtins(BuiltinRegistry& registry);
void register_array_builtins(BuiltinRegistry& registry);
void register_set_builtins(BuiltinRegistry& registry);
void register_object_builtins(BuiltinRegistry& registry);
void register_string_builtins(BuiltinRegistry& registry);
void register_regex_builtins(BuiltinRegistry& registry);
void register_glob_builtins(BuiltinRegistry& registry);
void register_type_builtins(BuiltinRegistry& registry);
void register_encoding_builtins(BuiltinRegistry& registry);
void register_jwt_builtins(BuiltinRegistry& registry);
void register_time_builtins(BuiltinRegistry& registry);
void register_crypto_builtins(BuiltinRegistry& registry);
void register_graph_builtins(BuiltinRegistry& registry);
void register_net_builtins(BuiltinRegistry& registry);
void register_misc_builtins(BuiltinRegistry& registry);  // uuid, semver,
                                                         // units, rand, ...

}  // namespace rampart::rego
