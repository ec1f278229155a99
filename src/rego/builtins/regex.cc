// SPDX-License-Identifier: Apache-2.0
//
// OPA's regular-expression built-ins with Go's RE2 syntax and semantics:
// regex.match (and the deprecated re_match), regex.is_valid, regex.split,
// regex.find_n, regex.find_all_string_submatch_n, regex.replace,
// regex.template_match and regex.globs_match.
//
// Patterns come from policies and data, so they are untrusted: RE2 runs in
// linear time, compiled patterns are cached (bounded) by
// builtins::compile_regex, and outputs are capped at kMaxOutputBytes.
// Repeated-match loops follow Go's rules for empty matches, so results agree
// with OPA's. Invalid patterns are eval_builtin_errors carrying Go's
// "error parsing regexp: ..." text.
#include <set>

#include <re2/re2.h>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::compile_regex;
using builtins::declare;
using builtins::expect;
using builtins::expect_all;

constexpr std::size_t kMaxOutputBytes = 64 << 20;

struct Compiled {
  std::shared_ptr<const re2::RE2> regex;
  std::optional<BuiltinResult> error;
};

Compiled compile(const std::string& pattern) {
  std::string message;
  auto regex = compile_regex(pattern, &message);
  if (regex == nullptr) return {nullptr, BuiltinResult::error(message)};
  return {regex, std::nullopt};
}

// A match and its groups, as byte offsets; -1 for groups that took no part.
using Groups = std::vector<std::pair<std::ptrdiff_t, std::ptrdiff_t>>;

std::size_t rune_width_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 1;
  auto c = static_cast<unsigned char>(text[pos]);
  std::size_t width = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 1;
  return std::min(width, text.size() - pos);
}

bool match_at(const re2::RE2& regex, std::string_view text, std::size_t pos,
              Groups& groups) {
  int count = regex.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(count));
  if (!regex.Match(text, pos, text.size(), re2::RE2::UNANCHORED, pieces.data(),
                   count)) {
    return false;
  }
  groups.clear();
  for (const auto& piece : pieces) {
    if (piece.data() == nullptr) {
      groups.emplace_back(-1, -1);
    } else {
      std::ptrdiff_t begin = piece.data() - text.data();
      groups.emplace_back(begin,
                          begin + static_cast<std::ptrdiff_t>(piece.size()));
    }
  }
  return true;
}

// Go's allMatches: successive non-overlapping matches; an empty match right
// after the previous match is skipped. `limit` < 0 means all.
std::vector<Groups> all_matches(const re2::RE2& regex, std::string_view text,
                                std::int64_t limit) {
  std::vector<Groups> found;
  std::size_t pos = 0;
  std::ptrdiff_t previous_end = -1;
  Groups groups;
  while ((limit < 0 || static_cast<std::int64_t>(found.size()) < limit) &&
         pos <= text.size()) {
    if (!match_at(regex, text, pos, groups)) break;
    bool accept = true;
    auto [begin, end] = groups[0];
    if (end == static_cast<std::ptrdiff_t>(pos)) {
      if (begin == previous_end) accept = false;
      pos += rune_width_at(text, pos);
    } else {
      pos = static_cast<std::size_t>(end);
    }
    previous_end = end;
    if (accept) found.push_back(groups);
  }
  return found;
}

std::string slice(std::string_view text,
                  std::pair<std::ptrdiff_t, std::ptrdiff_t> range) {
  if (range.first < 0) return {};
  return std::string(
      text.substr(static_cast<std::size_t>(range.first),
                  static_cast<std::size_t>(range.second - range.first)));
}

BuiltinResult regex_match(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  auto compiled = compile(args[0].as_string());
  if (compiled.error) return *compiled.error;
  return BuiltinResult::of(Value::boolean(
      re2::RE2::PartialMatch(args[1].as_string(), *compiled.regex)));
}

BuiltinResult regex_is_valid(BuiltinArgs args, BuiltinContext&) {
  if (!args[0].is_string()) return BuiltinResult::of(Value::boolean(false));
  return BuiltinResult::of(
      Value::boolean(compile_regex(args[0].as_string()) != nullptr));
}

BuiltinResult regex_split(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  auto compiled = compile(args[0].as_string());
  if (compiled.error) return *compiled.error;
  std::string_view text = args[1].as_string();
  std::vector<Value> parts;
  if (!args[0].as_string().empty() && text.empty()) {
    parts.push_back(Value::string(""));
    return BuiltinResult::of(Value::array(std::move(parts)));
  }
  std::ptrdiff_t begin = 0;
  std::ptrdiff_t end = 0;
  for (const Groups& match : all_matches(*compiled.regex, text, -1)) {
    end = match[0].first;
    if (match[0].second != 0)
      parts.push_back(Value::string(slice(text, {begin, end})));
    begin = match[0].second;
  }
  if (end != static_cast<std::ptrdiff_t>(text.size())) {
    parts.push_back(Value::string(
        slice(text, {begin, static_cast<std::ptrdiff_t>(text.size())})));
  }
  return BuiltinResult::of(Value::array(std::move(parts)));
}

std::optional<BuiltinResult> expect_limit(BuiltinArgs args, std::size_t index,
                                          std::int64_t& limit) {
  if (auto error = expect(args, index, kTypeNumber)) return error;
  if (auto error = builtins::expect_integer(args, index)) return error;
  limit = args[index].is_int64() ? args[index].as_int64() : -1;
  return std::nullopt;
}

BuiltinResult regex_find_n(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  std::int64_t limit;
  if (auto error = expect_limit(args, 2, limit)) return *error;
  auto compiled = compile(args[0].as_string());
  if (compiled.error) return *compiled.error;
  std::string_view text = args[1].as_string();
  std::vector<Value> found;
  for (const Groups& match : all_matches(*compiled.regex, text, limit)) {
    found.push_back(Value::string(slice(text, match[0])));
  }
  return BuiltinResult::of(Value::array(std::move(found)));
}

BuiltinResult regex_find_submatches(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  std::int64_t limit;
  if (auto error = expect_limit(args, 2, limit)) return *error;
  auto compiled = compile(args[0].as_string());
  if (compiled.error) return *compiled.error;
  std::string_view text = args[1].as_string();
  std::vector<Value> found;
  for (const Groups& match : all_matches(*compiled.regex, text, limit)) {
    std::vector<Value> groups;
    for (const auto& group : match) {
      groups.push_back(Value::string(slice(text, group)));
    }
    found.push_back(Value::array(std::move(groups)));
  }
  return BuiltinResult::of(Value::array(std::move(found)));
}

// Go's Regexp.Expand: $name, ${name}, $1, ${1} and $$.
void expand(std::string& out, std::string_view replacement,
            const re2::RE2& regex, std::string_view text,
            const Groups& groups) {
  const auto& names = regex.NamedCapturingGroups();
  auto is_name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
  };
  std::size_t i = 0;
  while (i < replacement.size()) {
    char c = replacement[i];
    if (c != '$' || i + 1 >= replacement.size()) {
      out += c;
      ++i;
      continue;
    }
    if (replacement[i + 1] == '$') {
      out += '$';
      i += 2;
      continue;
    }
    std::string_view name;
    std::size_t next;
    if (replacement[i + 1] == '{') {
      auto close = replacement.find('}', i + 2);
      name = close == std::string_view::npos
                 ? std::string_view()
                 : replacement.substr(i + 2, close - i - 2);
      bool valid =
          !name.empty() && std::all_of(name.begin(), name.end(), is_name_char);
      if (!valid) {
        out += c;
        ++i;
        continue;
      }
      next = close + 1;
    } else {
      std::size_t end = i + 1;
      while (end < replacement.size() && is_name_char(replacement[end])) ++end;
      name = replacement.substr(i + 1, end - i - 1);
      if (name.empty()) {
        out += c;
        ++i;
        continue;
      }
      next = end;
    }
    bool numeric = std::all_of(name.begin(), name.end(),
                               [](char d) { return d >= '0' && d <= '9'; });
    std::size_t index = groups.size();
    if (numeric && name.size() < 9) {
      index = static_cast<std::size_t>(std::stoi(std::string(name)));
    } else if (!numeric) {
      auto found = names.find(std::string(name));
      if (found != names.end()) index = static_cast<std::size_t>(found->second);
    }
    if (index < groups.size()) out += slice(text, groups[index]);
    i = next;
  }
}

BuiltinResult regex_replace(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString, kTypeString})) {
    return *error;
  }
  auto compiled = compile(args[1].as_string());
  if (compiled.error) return *compiled.error;
  std::string_view text = args[0].as_string();
  std::string_view replacement = args[2].as_string();
  std::string out;
  std::size_t search = 0;
  std::ptrdiff_t last_end = 0;
  Groups groups;
  while (search <= text.size()) {
    if (!match_at(*compiled.regex, text, search, groups)) break;
    auto [begin, end] = groups[0];
    out.append(text.substr(static_cast<std::size_t>(last_end),
                           static_cast<std::size_t>(begin - last_end)));
    // No replacement for an empty match right after another match.
    if (end > last_end || begin == 0) {
      expand(out, replacement, *compiled.regex, text, groups);
    }
    if (out.size() > kMaxOutputBytes) {
      return BuiltinResult::error("result too large");
    }
    last_end = end;
    std::size_t width = rune_width_at(text, search);
    if (search + width > static_cast<std::size_t>(end)) {
      search += width;
    } else if (search + 1 > static_cast<std::size_t>(end)) {
      ++search;
    } else {
      search = static_cast<std::size_t>(end);
    }
  }
  out.append(text.substr(static_cast<std::size_t>(last_end)));
  return BuiltinResult::of(Value::string(std::move(out)));
}

// Go's regexp.QuoteMeta.
std::string quote_meta(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

BuiltinResult regex_template_match(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(
          args, {kTypeString, kTypeString, kTypeString, kTypeString})) {
    return *error;
  }
  const std::string& tpl = args[0].as_string();
  const std::string& open_text = args[2].as_string();
  const std::string& close_text = args[3].as_string();
  if (open_text.empty() || close_text.empty()) {
    return BuiltinResult::error("delimiters must not be empty");
  }
  char open = open_text[0];
  char close = close_text[0];

  // Balanced delimiter pairs: the text between is a regular expression.
  std::string pattern = "^";
  int level = 0;
  std::size_t start = 0;
  std::size_t literal_from = 0;
  for (std::size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] == open) {
      if (level++ == 0) start = i;
    } else if (tpl[i] == close) {
      if (--level == 0) {
        pattern += quote_meta(
            std::string_view(tpl).substr(literal_from, start - literal_from));
        pattern += "(" + tpl.substr(start + 1, i - start - 1) + ")";
        literal_from = i + 1;
      } else if (level < 0) {
        return BuiltinResult::error("unbalanced braces in \"" + tpl + "\"");
      }
    }
  }
  if (level != 0) {
    return BuiltinResult::error("unbalanced braces in \"" + tpl + "\"");
  }
  pattern += quote_meta(std::string_view(tpl).substr(literal_from)) + "$";
  auto compiled = compile(pattern);
  if (compiled.error) return *compiled.error;
  return BuiltinResult::of(Value::boolean(
      re2::RE2::PartialMatch(args[1].as_string(), *compiled.regex)));
}

}  // namespace

// Defined in glob.cc: whether two patterns of the glob-intersection subset
// of regular expressions share a matching string.
BuiltinResult regex_globs_match(BuiltinArgs args, BuiltinContext& context);

void register_regex_builtins(BuiltinRegistry& registry) {
  constexpr TypeMask S = kTypeString;
  registry.add(declare("regex.match", {S, S}, kTypeBoolean, regex_match));
  registry.add(declare("re_match", {S, S}, kTypeBoolean, regex_match));
  registry.add(
      declare("regex.is_valid", {kTypeAny}, kTypeBoolean, regex_is_valid));
  registry.add(declare("regex.split", {S, S}, kTypeArray, regex_split));
  registry.add(
      declare("regex.find_n", {S, S, kTypeNumber}, kTypeArray, regex_find_n));
  registry.add(declare("regex.find_all_string_submatch_n", {S, S, kTypeNumber},
                       kTypeArray, regex_find_submatches));
  registry.add(declare("regex.replace", {S, S, S}, S, regex_replace));
  registry.add(declare("regex.template_match", {S, S, S, S}, kTypeBoolean,
                       regex_template_match));
  registry.add(
      declare("regex.globs_match", {S, S}, kTypeBoolean, regex_globs_match));
}

}  // namespace rampart::rego
