// SPDX-License-Identifier: Apache-2.0
//
// Rego's lexer: source text to tokens.
//
// Accepts UTF-8 source of at most kMaxSourceBytes. Tokens are identifiers,
// numbers (JSON syntax, any size), strings ("..." with JSON escapes, and
// `raw` strings that may span lines), template strings ($"...{x}..."),
// punctuation and operators (:= == != <= >= < > = + - * / % & | . , ; :
// ( ) [ ] { }). Comments (#...) are kept aside for `# METADATA`. Newlines
// are not tokens: each token records whether a newline preceded it, which is
// how the parser separates expressions. Errors carry row and column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rego/ast.h"

namespace rampart::rego {

inline constexpr std::size_t kMaxSourceBytes = 16u << 20;

enum class TokenKind {
  kIdent,
  kNumber,
  kString,     // value holds the unescaped text
  kRawString,  // likewise
  kTemplate,   // $"..." : text holds the raw inside of the quotes
  kPunct,      // text holds the operator or punctuation
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;  // the source text of the token
  std::string string;     // unescaped string content
  int row = 0;
  int col = 0;
  std::size_t offset = 0;
  bool newline_before = false;
  bool space_before = false;
};

struct LexResult {
  std::vector<Token> tokens;  // ends with kEnd
  std::vector<Comment> comments;
  std::string error;  // empty on success
  int error_row = 0;
  int error_col = 0;
};

LexResult lex(std::string_view source);

// Unescapes the inside of a JSON-style string literal; false on a bad
// escape or an invalid code point.
bool unescape_string(std::string_view inside, std::string& out,
                     std::string& error);

}  // namespace rampart::rego
