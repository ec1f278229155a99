// SPDX-License-Identifier: Apache-2.0
//
// A hand-written scanner: Rego's token set is small, and position tracking
// and error messages are easier to get exactly right by hand.
#include "rego/lexer.h"

#include <cstdint>

namespace rampart::rego {
namespace {

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3f)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3f)));
  }
}

bool read_hex4(std::string_view s, std::size_t at, std::uint32_t& code) {
  if (at + 4 > s.size()) return false;
  code = 0;
  for (std::size_t i = at; i < at + 4; ++i) {
    char c = s[i];
    code <<= 4;
    if (is_digit(c)) {
      code |= static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      code |= static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      code |= static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return false;
    }
  }
  return true;
}

class Lexer {
 public:
  explicit Lexer(std::string_view source) : src_(source) {}

  LexResult run();

 private:
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0';
  }
  void advance() {
    if (src_[pos_] == '\n') {
      ++row_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++pos_;
  }
  bool fail(const std::string& message) {
    result_.error = message;
    result_.error_row = row_;
    result_.error_col = col_;
    return false;
  }

  bool skip_space_and_comments(bool& newline, bool& space);
  bool lex_number(Token& token);
  bool lex_string(Token& token);
  bool lex_raw_string(Token& token);
  bool lex_template(Token& token);
  bool lex_punct(Token& token);

  std::string_view src_;
  std::size_t pos_ = 0;
  int row_ = 1;
  int col_ = 1;
  LexResult result_;
};

bool Lexer::skip_space_and_comments(bool& newline, bool& space) {
  while (pos_ < src_.size()) {
    char c = peek();
    if (c == '\n') {
      newline = true;
      advance();
    } else if (c == ' ' || c == '\t' || c == '\r') {
      space = true;
      advance();
    } else if (c == '#') {
      Comment comment{"", row_, col_};
      advance();
      std::size_t start = pos_;
      while (pos_ < src_.size() && peek() != '\n') advance();
      comment.text = std::string(src_.substr(start, pos_ - start));
      result_.comments.push_back(std::move(comment));
      space = true;
    } else {
      break;
    }
  }
  return true;
}

bool Lexer::lex_number(Token& token) {
  std::size_t start = pos_;
  if (peek() == '-') advance();
  if (!is_digit(peek())) return fail("expected a digit");
  // JSON forbids leading zeros; Rego follows JSON here.
  if (peek() == '0' && is_digit(peek(1))) {
    return fail("number has a leading zero");
  }
  while (is_digit(peek())) advance();
  if (peek() == '.' && is_digit(peek(1))) {
    advance();
    while (is_digit(peek())) advance();
  }
  if (peek() == 'e' || peek() == 'E') {
    std::size_t mark = pos_;
    int mark_col = col_;
    advance();
    if (peek() == '+' || peek() == '-') advance();
    if (!is_digit(peek())) {
      pos_ = mark;
      col_ = mark_col;
    } else {
      while (is_digit(peek())) advance();
    }
  }
  if (is_ident_start(peek())) return fail("invalid number");
  token.kind = TokenKind::kNumber;
  token.text = src_.substr(start, pos_ - start);
  return true;
}

bool Lexer::lex_string(Token& token) {
  std::size_t start = pos_;
  advance();  // opening quote
  while (true) {
    if (pos_ >= src_.size() || peek() == '\n') {
      row_ = token.row;  // point at the opening quote, as OPA does
      col_ = token.col;
      return fail("non-terminated string");
    }
    char c = peek();
    if (c == '"') break;
    if (c == '\\') advance();
    if (pos_ < src_.size()) advance();
  }
  advance();  // closing quote
  token.kind = TokenKind::kString;
  token.text = src_.substr(start, pos_ - start);
  std::string error;
  if (!unescape_string(token.text.substr(1, token.text.size() - 2),
                       token.string, error)) {
    row_ = token.row;
    col_ = token.col;
    return fail(error);
  }
  return true;
}

bool Lexer::lex_raw_string(Token& token) {
  std::size_t start = pos_;
  advance();
  while (pos_ < src_.size() && peek() != '`') advance();
  if (pos_ >= src_.size()) return fail("non-terminated raw string");
  advance();
  token.kind = TokenKind::kRawString;
  token.text = src_.substr(start, pos_ - start);
  token.string = std::string(token.text.substr(1, token.text.size() - 2));
  return true;
}

bool Lexer::lex_template(Token& token) {
  std::size_t start = pos_;
  advance();  // $
  char quote = peek();
  advance();
  int depth = 0;
  while (true) {
    if (pos_ >= src_.size() || (quote == '"' && peek() == '\n')) {
      return fail("non-terminated template string");
    }
    char c = peek();
    if (depth == 0 && c == quote) break;
    if (c == '\\' && quote == '"') {
      advance();
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && depth > 0) {
      --depth;
    }
    if (pos_ < src_.size()) advance();
  }
  advance();
  token.kind = TokenKind::kTemplate;
  token.text = src_.substr(start, pos_ - start);
  token.string = std::string(token.text.substr(2, token.text.size() - 3));
  return true;
}

bool Lexer::lex_punct(Token& token) {
  static const char* kTwo[] = {":=", "==", "!=", "<=", ">="};
  std::size_t start = pos_;
  for (const char* op : kTwo) {
    if (peek() == op[0] && peek(1) == op[1]) {
      advance();
      advance();
      token.kind = TokenKind::kPunct;
      token.text = src_.substr(start, 2);
      return true;
    }
  }
  static const std::string_view kOne = "<>=+-*/%&|.,;:()[]{}";
  if (kOne.find(peek()) == std::string_view::npos) {
    auto c = static_cast<unsigned char>(peek());
    std::string shown = c >= 0x20 && c < 0x7f
                            ? std::string(1, static_cast<char>(c))
                            : "\\x" + std::to_string(c);
    return fail("illegal token '" + shown + "'");
  }
  advance();
  token.kind = TokenKind::kPunct;
  token.text = src_.substr(start, 1);
  return true;
}

LexResult Lexer::run() {
  if (src_.size() > kMaxSourceBytes) {
    fail("module is larger than " + std::to_string(kMaxSourceBytes) + " bytes");
    return std::move(result_);
  }
  // Policies average a token per four or five bytes; reserving once saves
  // moving every token several times as the vector grows.
  result_.tokens.reserve(src_.size() / 4 + 16);
  while (true) {
    Token token;
    skip_space_and_comments(token.newline_before, token.space_before);
    token.row = row_;
    token.col = col_;
    token.offset = pos_;
    if (pos_ >= src_.size()) {
      result_.tokens.push_back(std::move(token));
      return std::move(result_);
    }
    char c = peek();
    bool ok = true;
    if (is_ident_start(c)) {
      std::size_t start = pos_;
      while (is_ident_char(peek())) advance();
      token.kind = TokenKind::kIdent;
      token.text = src_.substr(start, pos_ - start);
    } else if (is_digit(c)) {
      ok = lex_number(token);
    } else if (c == '"') {
      ok = lex_string(token);
    } else if (c == '`') {
      ok = lex_raw_string(token);
    } else if (c == '$' && (peek(1) == '"' || peek(1) == '`')) {
      ok = lex_template(token);
    } else {
      ok = lex_punct(token);
    }
    if (!ok) return std::move(result_);
    result_.tokens.push_back(std::move(token));
  }
}

}  // namespace

bool unescape_string(std::string_view s, std::string& out, std::string& error) {
  out.clear();
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (static_cast<unsigned char>(c) < 0x20) {
      error = "invalid control character in string";
      return false;
    }
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i >= s.size()) {
      error = "invalid escape in string";
      return false;
    }
    switch (s[i]) {
      case '"':
        out.push_back('"');
        break;
      case '\\':
        out.push_back('\\');
        break;
      case '/':
        out.push_back('/');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u': {
        std::uint32_t code = 0;
        if (!read_hex4(s, i + 1, code)) {
          error = "invalid \\u escape in string";
          return false;
        }
        i += 4;
        // A high surrogate followed by a low one is one code point; a lone
        // surrogate becomes U+FFFD, as Go's decoder does.
        if (code >= 0xd800 && code < 0xdc00) {
          std::uint32_t low = 0;
          if (i + 2 < s.size() && s[i + 1] == '\\' && s[i + 2] == 'u' &&
              read_hex4(s, i + 3, low) && low >= 0xdc00 && low < 0xe000) {
            code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
            i += 6;
          } else {
            code = 0xfffd;
          }
        } else if (code >= 0xdc00 && code < 0xe000) {
          code = 0xfffd;
        }
        append_utf8(out, code);
        break;
      }
      default:
        error = "invalid escape in string";
        return false;
    }
  }
  return true;
}

LexResult lex(std::string_view source) { return Lexer(source).run(); }

}  // namespace rampart::rego
