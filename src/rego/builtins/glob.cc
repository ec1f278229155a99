// SPDX-License-Identifier: Apache-2.0
//
// OPA's glob built-ins, glob.match and glob.quote_meta, plus
// regex.globs_match (whose patterns are a small regular-expression subset).
//
// glob.match accepts the gobwas/glob syntax OPA uses: `*` (any run of
// non-delimiters), `**` (any run), `?` (one non-delimiter), `[abc]`,
// `[a-z]`, `[!...]`, `{alt1,alt2}` (nesting allowed) and `\` escapes.
// A pattern is translated to an anchored RE2 expression and compiled through
// the shared, bounded regex cache, so repeated calls cost one lookup.
// Delimiters: null means none, an empty array means ".", as in OPA.
//
// regex.globs_match parses both patterns into a token list (literals, `.`,
// classes, with `*`, `+`, `?`) and searches the product of the two
// automata, which is at most len(a) * len(b) states.
#include <cstdio>
#include <deque>
#include <mutex>
#include <set>
#include <unordered_map>

#include <re2/re2.h>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::decode_utf8;
using builtins::expect;
using builtins::operand_error;

void append_rune_escape(std::string& out, char32_t rune) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "\\x{%x}", static_cast<unsigned>(rune));
  out += buffer;
}

// Translates one glob to an RE2 pattern, or returns an error message.
class GlobTranslator {
 public:
  GlobTranslator(std::vector<char32_t> glob, std::vector<char32_t> delimiters)
      : glob_(std::move(glob)), delimiters_(std::move(delimiters)) {}

  std::optional<std::string> translate(std::string& error) {
    std::string out = "(?s)^";
    if (!sequence(out, 0, error)) return std::nullopt;
    if (pos_ != glob_.size()) {
      error = "unexpected character";
      return std::nullopt;
    }
    return out + "$";
  }

 private:
  std::string not_delimiter() const {
    if (delimiters_.empty()) return ".";
    std::string out = "[^";
    for (char32_t d : delimiters_) append_rune_escape(out, d);
    return out + "]";
  }

  // Reads until the end, or `,`/`}` inside alternatives.
  bool sequence(std::string& out, int depth, std::string& error) {
    if (depth > 64) {
      error = "alternatives nested too deeply";
      return false;
    }
    while (pos_ < glob_.size()) {
      char32_t c = glob_[pos_];
      if (depth > 0 && (c == ',' || c == '}')) return true;
      ++pos_;
      switch (c) {
        case '*':
          if (pos_ < glob_.size() && glob_[pos_] == '*') {
            while (pos_ < glob_.size() && glob_[pos_] == '*') ++pos_;
            out += ".*";
          } else {
            out += not_delimiter() + "*";
          }
          break;
        case '?':
          out += not_delimiter();
          break;
        case '[':
          if (!char_class(out, error)) return false;
          break;
        case '{':
          if (!alternatives(out, depth, error)) return false;
          break;
        case '\\':
          if (pos_ >= glob_.size()) {
            error = "unexpected end of input after escape";
            return false;
          }
          append_rune_escape(out, glob_[pos_++]);
          break;
        default:
          append_rune_escape(out, c);
      }
    }
    if (depth > 0) {
      error = "unexpected end of input in alternatives";
      return false;
    }
    return true;
  }

  bool alternatives(std::string& out, int depth, std::string& error) {
    out += "(?:";
    while (true) {
      if (!sequence(out, depth + 1, error)) return false;
      if (pos_ >= glob_.size()) {
        error = "unexpected end of input in alternatives";
        return false;
      }
      if (glob_[pos_++] == '}') break;
      out += "|";
    }
    out += ")";
    return true;
  }

  bool char_class(std::string& out, std::string& error) {
    std::string items;
    bool negated = pos_ < glob_.size() && glob_[pos_] == '!';
    if (negated) ++pos_;
    bool any = false;
    while (pos_ < glob_.size() && glob_[pos_] != ']') {
      char32_t low = glob_[pos_++];
      if (low == '\\' && pos_ < glob_.size()) low = glob_[pos_++];
      append_rune_escape(items, low);
      if (pos_ + 1 < glob_.size() && glob_[pos_] == '-' &&
          glob_[pos_ + 1] != ']') {
        char32_t high = glob_[pos_ + 1];
        pos_ += 2;
        if (high < low) {
          // gobwas/glob's wording, which OPA passes on.
          error = "hi character '";
          builtins::append_utf8(error, high);
          error += "' should be greater than lo '";
          builtins::append_utf8(error, low);
          error += "'";
          return false;
        }
        items += "-";
        append_rune_escape(items, high);
      }
      any = true;
    }
    if (pos_ >= glob_.size()) {
      error = "unexpected end of input";
      return false;
    }
    if (!any) {
      error = "could not parse range";  // `[]`
      return false;
    }
    ++pos_;
    out += negated ? "[^" + items + "]" : "[" + items + "]";
    return true;
  }

  std::vector<char32_t> glob_;
  std::vector<char32_t> delimiters_;
  std::size_t pos_ = 0;
};

// Globs compiled to RE2, keyed by delimiters and pattern. Policies match
// the same few globs over and over, so translation is skipped on repeats;
// the table is bounded by clearing it when full.
std::shared_ptr<const re2::RE2> compile_glob(
    const std::string& glob, const std::vector<char32_t>& delimiters,
    std::string& error) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const re2::RE2>> cache;
  std::string key;
  for (char32_t d : delimiters) builtins::append_utf8(key, d);
  key += '\0';
  key += glob;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto found = cache.find(key);
    if (found != cache.end()) return found->second;
  }
  GlobTranslator translator(decode_utf8(glob), delimiters);
  auto pattern = translator.translate(error);
  if (!pattern) return nullptr;
  auto regex = builtins::compile_regex(*pattern, &error);
  if (regex == nullptr) return nullptr;
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= 1024) cache.clear();
  cache.emplace(std::move(key), regex);
  return regex;
}

BuiltinResult glob_match(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeString)) return *error;
  if (!args[1].is_null() && !args[1].is_array()) {
    return operand_error(1, "one of {null, array}", args[1]);
  }
  if (auto error = expect(args, 2, kTypeString)) return *error;

  std::vector<char32_t> delimiters;
  if (args[1].is_array()) {
    for (const Value& d : args[1].array_items()) {
      if (!d.is_string()) {
        return operand_error(1, "array of strings",
                             std::string("array containing ") + type_name(d));
      }
      for (char32_t rune : decode_utf8(d.as_string()))
        delimiters.push_back(rune);
    }
    if (args[1].size() == 0) delimiters.push_back('.');
  }
  std::string error;
  auto regex = compile_glob(args[0].as_string(), delimiters, error);
  if (regex == nullptr) return BuiltinResult::error(error);
  return BuiltinResult::of(
      Value::boolean(re2::RE2::FullMatch(args[2].as_string(), *regex)));
}

BuiltinResult glob_quote_meta(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeString)) return *error;
  std::string out;
  for (char c : args[0].as_string()) {
    if (std::string_view("*?\\[]{}").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return BuiltinResult::of(Value::string(std::move(out)));
}

// ---------------------------------------------------------------------------
// regex.globs_match.

struct RuneRange {
  char32_t low;
  char32_t high;
};

struct Token {
  std::vector<RuneRange> accepts;  // sorted, disjoint
  char quantifier = 0;             // 0, '?', '*'
};

constexpr char32_t kMaxRune = 0x10FFFF;

std::vector<RuneRange> normalise(std::vector<RuneRange> ranges, bool negate) {
  std::sort(
      ranges.begin(), ranges.end(),
      [](const RuneRange& a, const RuneRange& b) { return a.low < b.low; });
  std::vector<RuneRange> merged;
  for (const RuneRange& r : ranges) {
    if (!merged.empty() && r.low <= merged.back().high + 1) {
      merged.back().high = std::max(merged.back().high, r.high);
    } else {
      merged.push_back(r);
    }
  }
  if (!negate) return merged;
  std::vector<RuneRange> complement;
  char32_t next = 0;
  for (const RuneRange& r : merged) {
    if (r.low > next) complement.push_back({next, r.low - 1});
    next = r.high + 1;
  }
  if (next <= kMaxRune) complement.push_back({next, kMaxRune});
  return complement;
}

bool intersects(const std::vector<RuneRange>& a,
                const std::vector<RuneRange>& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].high < b[j].low) {
      ++i;
    } else if (b[j].high < a[i].low) {
      ++j;
    } else {
      return true;
    }
  }
  return false;
}

std::optional<std::vector<Token>> parse_glob_regex(const std::string& text,
                                                   std::string& error) {
  std::vector<char32_t> p = decode_utf8(text);
  // Messages as the glob-intersection library OPA uses words them.
  auto fail = [&](std::size_t pos, const std::string& what) {
    error = "input:" + text + ", pos:" + std::to_string(pos) + ", " + what +
            ": the input provided is invalid";
    return std::nullopt;
  };
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < p.size()) {
    char32_t c = p[i++];
    Token token;
    if (c == '.') {
      token.accepts = {{0, kMaxRune}};
    } else if (c == '[') {
      bool negate = i < p.size() && p[i] == '^';
      if (negate) ++i;
      std::vector<RuneRange> ranges;
      while (i < p.size() && p[i] != ']') {
        char32_t low = p[i++];
        if (low == '\\' && i < p.size()) low = p[i++];
        char32_t high = low;
        if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
          high = p[i + 1];
          i += 2;
          if (high == '\\' && i < p.size()) high = p[i++];
        }
        if (high < low) {
          std::string a, b;
          builtins::append_utf8(a, low);
          builtins::append_utf8(b, high);
          return fail(i, "range is out of order: '" + b + "' comes before '" +
                             a + "' in Unicode");
        }
        ranges.push_back({low, high});
      }
      if (i >= p.size()) return fail(i, "found [ without matching ]");
      ++i;
      token.accepts = normalise(std::move(ranges), negate);
    } else if (c == ']') {
      return fail(i, "set-close ']' with no preceding '['");
    } else if (c == '*' || c == '+' || c == '?') {
      return fail(i - 1, "quantifier without a preceding character");
    } else if (c == '(' || c == ')' || c == '|' || c == '{' || c == '}' ||
               c == '^' || c == '$') {
      return fail(i - 1, "unsupported syntax");
    } else {
      if (c == '\\') {
        if (i >= p.size()) {
          return fail(i - 1, "input ends with a \\\\ (escape) character");
        }
        c = p[i++];
      }
      token.accepts = {{c, c}};
    }
    char q = 0;
    if (i < p.size() && (p[i] == '*' || p[i] == '+' || p[i] == '?')) {
      q = static_cast<char>(p[i++]);
    }
    if (q == '+') {
      // x+ is x followed by x*.
      tokens.push_back(token);
      q = '*';
    }
    token.quantifier = q;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

bool intersection_non_empty(const std::vector<Token>& a,
                            const std::vector<Token>& b) {
  std::size_t width = b.size() + 1;
  std::vector<bool> seen((a.size() + 1) * width, false);
  std::deque<std::pair<std::size_t, std::size_t>> queue;
  auto visit = [&](std::size_t i, std::size_t j) {
    if (seen[i * width + j]) return;
    seen[i * width + j] = true;
    queue.emplace_back(i, j);
  };
  visit(0, 0);
  while (!queue.empty()) {
    auto [i, j] = queue.front();
    queue.pop_front();
    if (i == a.size() && j == b.size()) return true;
    // Optional tokens may be skipped.
    if (i < a.size() && a[i].quantifier != 0) visit(i + 1, j);
    if (j < b.size() && b[j].quantifier != 0) visit(i, j + 1);
    if (i < a.size() && j < b.size() &&
        intersects(a[i].accepts, b[j].accepts)) {
      visit(a[i].quantifier == '*' ? i : i + 1,
            b[j].quantifier == '*' ? j : j + 1);
      if (a[i].quantifier == '*')
        visit(i + 1, b[j].quantifier == '*' ? j : j + 1);
      if (b[j].quantifier == '*')
        visit(a[i].quantifier == '*' ? i : i + 1, j + 1);
    }
  }
  return false;
}

}  // namespace

BuiltinResult regex_globs_match(BuiltinArgs args, BuiltinContext&) {
  if (auto error = builtins::expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  std::string error;
  auto a = parse_glob_regex(args[0].as_string(), error);
  if (!a) return BuiltinResult::error(error);
  auto b = parse_glob_regex(args[1].as_string(), error);
  if (!b) return BuiltinResult::error(error);
  return BuiltinResult::of(Value::boolean(intersection_non_empty(*a, *b)));
}

void register_glob_builtins(BuiltinRegistry& registry) {
  registry.add(declare("glob.match",
                       {kTypeString, kTypeArray | kTypeNull, kTypeString},
                       kTypeBoolean, glob_match));
  registry.add(
      declare("glob.quote_meta", {kTypeString}, kTypeString, glob_quote_meta));
}

}  // namespace rampart::rego
