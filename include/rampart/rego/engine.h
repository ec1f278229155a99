// SPDX-License-Identifier: Apache-2.0
//
// The public API of rampart's Rego engine, compatible with OPA.
//
// Use it in three steps:
//
//   rampart::rego::Compiler compiler;                 // 1. gather
//   compiler.add_module("policy.rego", source);
//   compiler.add_data(data_document);
//   auto policy = compiler.compile();                 // 2. compile once
//   auto query = (*policy)->prepare("data.k8s.deny");
//   rampart::rego::EvalOptions options;
//   options.input = admission_review;
//   auto result = query->evaluate(options);           // 3. evaluate often
//
// Modules may be hostile: parsing and compilation are bounded (nesting
// depth, sizes) and report errors with OPA's codes (rego_parse_error,
// rego_compile_error, rego_type_error, rego_unsafe_var_error,
// rego_recursion_error) and the file, row and column. Evaluation is bounded
// by EvalLimits (a deadline, a step budget and a bound on the collection
// elements built) and reports eval_* errors.
//
// Thread-safety: Compiler is single-threaded. A compiled Policy and its
// PreparedQuery objects are immutable and may be evaluated from any number
// of threads at once; each evaluate() call keeps its own state.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/document/value.h"
#include "rampart/rego/builtins.h"

namespace rampart::rego {

// An error in OPA's shape: code ("rego_parse_error", "eval_conflict_error",
// ...), message, and where (file, row, column; file may be empty).
struct RegoError {
  std::string code;
  std::string message;
  SourceLocation location;

  // "file:row: code: message", as `opa` prints it.
  std::string to_string() const;
};
using RegoErrors = std::vector<RegoError>;

struct CompileOptions {
  // Parse modules as Rego v0 unless they import rego.v1 (OPA's
  // --v0-compatible). By default modules are Rego v1.
  bool v0_compatible = false;
  // The built-ins policies may call; must outlive the compiled policy.
  const BuiltinRegistry* builtins = &BuiltinRegistry::standard();
};

// A `# METADATA` annotation block attached to a package or rule.
struct Annotation {
  std::string scope;  // "package", "rule", "document", "subpackages"
  std::string path;   // "data.rampart.k8s.privileged" (package or rule)
  std::string file;
  int row = 0;
  Value value;  // the YAML of the block, as an object
};

class PreparedQuery;

// Where a query is written, as `opa eval --package` and `--import` set it:
// bare names resolve against the package's rules and the imports' aliases.
struct QueryContext {
  std::string package;               // "authz" or "data.authz"; empty: none
  std::vector<std::string> imports;  // "data.lib.util", "input.user as u"
};

// Compiled modules and base data. Immutable; share it freely.
class Policy {
 public:
  virtual ~Policy() = default;

  // Parses and compiles a query against this policy, once.
  virtual std::variant<std::shared_ptr<const PreparedQuery>, RegoErrors>
  prepare(std::string_view query) const = 0;
  // The same, with the query written inside `context`.
  virtual std::variant<std::shared_ptr<const PreparedQuery>, RegoErrors>
  prepare(std::string_view query, const QueryContext& context) const = 0;

  // Every annotation of every module, in file order.
  virtual const std::vector<Annotation>& annotations() const = 0;

  // Package paths of the loaded modules ("data.main", ...), sorted, unique.
  virtual std::vector<std::string> packages() const = 0;

  // Fully qualified rule paths ("data.pkg.test_x"), sorted, unique; for
  // `rampart test` and the check library.
  virtual std::vector<std::string> rules() const = 0;

  // Where the first definition of a rule path is (file, row, column);
  // unknown (empty) for paths that are not rules.
  virtual SourceLocation rule_location(const std::string& path) const = 0;
};

class Compiler {
 public:
  explicit Compiler(CompileOptions options = {});
  ~Compiler();
  Compiler(const Compiler&) = delete;
  Compiler& operator=(const Compiler&) = delete;

  // Adds a module; `filename` appears in error locations.
  void add_module(std::string filename, std::string source);
  // Merges `data` (an object) into the base document at the root.
  void add_data(const Value& data);

  // Compiles everything added so far.
  std::variant<std::shared_ptr<const Policy>, RegoErrors> compile();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct EvalLimits {
  // Wall-clock budget for one evaluation; zero means none.
  std::chrono::milliseconds deadline{0};
  // Evaluation steps (rule and expression evaluations); zero means none.
  std::uint64_t max_steps = 0;
  // Memory bound: elements the query may add to the collections it builds
  // (comprehension results, partial set and object rules), counted over
  // the whole evaluation; zero means none. Exceeding it is an
  // eval_cancel_error, as the deadline is.
  std::uint64_t max_collection_items = 0;
};

struct EvalOptions {
  Value input;
  bool has_input = false;  // without input, `input` is undefined
  bool strict_builtin_errors = false;
  EvalLimits limits;
  // time.now_ns() for this evaluation; 0 means "read the clock once".
  std::int64_t now_ns = 0;
  // Where print() writes; empty discards.
  std::function<void(std::string_view)> print;
  bool allow_network = false;
  Value runtime;  // opa.runtime()
};

// One row of a query's result set.
struct ResultRow {
  // Value of each top-level expression of the query, in order, with the
  // text and position of the expression.
  struct Expression {
    Value value;
    std::string text;
    int row = 0;
    int col = 0;
  };
  std::vector<Expression> expressions;
  // Variables of the query bound in this row, by name, sorted.
  std::vector<std::pair<std::string, Value>> bindings;
};

struct EvalResult {
  std::vector<ResultRow> rows;  // empty: undefined
  RegoErrors errors;            // non-empty: evaluation failed
  bool ok() const { return errors.empty(); }
};

class PreparedQuery {
 public:
  virtual ~PreparedQuery() = default;
  virtual EvalResult evaluate(const EvalOptions& options) const = 0;
};

// Prints a value as Rego source ("{1, 2}", "set()", "{\"a\": [1]}"), as
// OPA's print(), sprintf("%v") and error messages show values.
std::string to_rego_string(const Value& value);

}  // namespace rampart::rego
