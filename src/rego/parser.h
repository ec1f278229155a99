// SPDX-License-Identifier: Apache-2.0
//
// Rego's parser: tokens to the syntax tree of rego/ast.h.
//
// Grammar accepted (Rego v1, and v0 where a module asks for it):
//
//   module   = "package" ref { import } { rule }
//   import   = "import" ref [ "as" var ]
//   rule     = [ "default" ] head [ body ] { "else" [ assign term ] [ body ] }
//   head     = ref [ "(" [ term { "," term } ] ")" ]
//              [ "contains" term | ( ":=" | "=" ) term ]
//   body     = "if" ( "{" query "}" | literal )        (v1)
//            | "{" query "}"                            (v0, or after if)
//   query    = literal { ( ";" | newline ) literal }
//   literal  = "some" vars [ "in" term ] | "every" vars "in" term "{" query "}"
//            | [ "not" ] expr { "with" term "as" term }
//   expr     = infix [ ( ":=" | "=" ) infix ] | term "," term "in" term
//   infix    = operands joined by, loosest first: in; == != < <= > >=; |;
//              &; + -; * / %  (all left-associative)
//   term     = scalar | var | ref | call | array | object | set
//            | comprehension | "(" infix ")" | template string
//   comprehension = "[" term "|" query "]" | "{" term "|" query "}"
//            | "{" term ":" term "|" query "}"
//
// As in OPA, brackets whose first item is a single term followed by `|`
// are a comprehension when the query parses, and otherwise a list in
// which `|` is set union; after `if`, braces are first read as one literal
// (a comprehension) and otherwise as a body.
//
// In Rego v0 the keywords `if`, `contains`, `in` and `every` exist only
// after `import future.keywords[...]` or `import rego.v1`; `p[x] { }` is a
// partial set and `p { }` a rule with value true. In v1 they are always
// keywords and rule bodies need `if`.
//
// Nesting is capped at kMaxNesting and bodies at kMaxBodyLiterals
// (hostile modules must not overflow the stack). The first error stops parsing
// and is returned as a rego_parse_error with its row and column.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "rampart/rego/engine.h"

#include "rego/ast.h"

namespace rampart::rego {

inline constexpr int kMaxNesting = 256;
// Literals in one body: evaluation nests one continuation per literal, so
// this bounds the evaluator's stack as kMaxNesting bounds the parser's.
inline constexpr std::size_t kMaxBodyLiterals = 1000;

struct ParsedModule {
  std::unique_ptr<Module> module;
  RegoErrors errors;
};

// `v0` selects Rego v0 unless the module imports rego.v1.
ParsedModule parse_module(std::string filename, std::string_view source,
                          bool v0);

struct ParsedQuery {
  std::unique_ptr<Body> body;
  RegoErrors errors;
};

// A query: literals separated by ';' or newlines. `file` names the query's
// origin in error locations (may be empty).
ParsedQuery parse_query(std::string_view source,
                        const std::string* file = nullptr);

// A single term (for values written in Rego syntax).
struct ParsedTerm {
  TermPtr term;
  RegoErrors errors;
};
ParsedTerm parse_term(std::string_view source);

}  // namespace rampart::rego
