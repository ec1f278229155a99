// SPDX-License-Identifier: Apache-2.0
//
// Go-compatible codecs for the built-ins; see encoding_support.h.
#include "rego/builtins/encoding_support.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>

#include "rampart/document/json.h"

namespace rampart::rego::encoding {
namespace {

constexpr char kStdAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrlAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int base64_value(unsigned char c, bool url) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == (url ? '-' : '+')) return 62;
  if (c == (url ? '_' : '/')) return 63;
  return -1;
}

bool is_newline(char c) { return c == '\n' || c == '\r'; }

std::string corrupt(std::size_t offset) {
  return "illegal base64 data at input byte " + std::to_string(offset);
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string base64_encode(std::string_view data, bool url, bool pad) {
  const char* alphabet = url ? kUrlAlphabet : kStdAlphabet;
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    auto n = (static_cast<unsigned char>(data[i]) << 16) |
             (static_cast<unsigned char>(data[i + 1]) << 8) |
             static_cast<unsigned char>(data[i + 2]);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  std::size_t rest = data.size() - i;
  if (rest == 0) return out;
  unsigned n = static_cast<unsigned char>(data[i]) << 16;
  if (rest == 2) n |= static_cast<unsigned char>(data[i + 1]) << 8;
  out += alphabet[(n >> 18) & 63];
  out += alphabet[(n >> 12) & 63];
  if (rest == 2) out += alphabet[(n >> 6) & 63];
  if (pad) out.append(rest == 1 ? 2 : 1, '=');
  return out;
}

// Go's decodeQuantum, one group of four characters at a time.
std::optional<std::string> base64_decode(std::string_view src, bool url,
                                         bool pad, std::string* error) {
  std::string out;
  std::size_t si = 0;
  const std::size_t n = src.size();
  while (true) {
    int values[4] = {0, 0, 0, 0};
    int length = 4;
    for (int j = 0; j < 4; ++j) {
      if (si == n) {
        if (j == 0) return out;
        if (j == 1 || pad) {
          *error = corrupt(si - static_cast<std::size_t>(j));
          return std::nullopt;
        }
        length = j;
        break;
      }
      char c = src[si++];
      int value = base64_value(static_cast<unsigned char>(c), url);
      if (value >= 0) {
        values[j] = value;
        continue;
      }
      if (is_newline(c)) {
        --j;
        continue;
      }
      if (!pad || c != '=') {
        *error = corrupt(si - 1);
        return std::nullopt;
      }
      // Padding: "=" may only end a group of two or three characters.
      if (j < 2) {
        *error = corrupt(si - 1);
        return std::nullopt;
      }
      if (j == 2) {
        while (si < n && is_newline(src[si])) ++si;
        if (si == n) {
          *error = corrupt(n);
          return std::nullopt;
        }
        if (src[si] != '=') {
          *error = corrupt(si - 1);
          return std::nullopt;
        }
        ++si;
      }
      while (si < n && is_newline(src[si])) ++si;
      if (si < n) {
        *error = corrupt(si);
        return std::nullopt;
      }
      length = j;
      break;
    }
    unsigned bits =
        (values[0] << 18) | (values[1] << 12) | (values[2] << 6) | values[3];
    out += static_cast<char>((bits >> 16) & 0xff);
    if (length >= 3) out += static_cast<char>((bits >> 8) & 0xff);
    if (length == 4) out += static_cast<char>(bits & 0xff);
    if (length < 4) return out;
  }
}

std::string hex_encode(std::string_view data) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(data.size() * 2);
  for (char c : data) {
    auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::string query_escape(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    if (is_unreserved(b)) {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

std::optional<std::string> query_unescape(std::string_view text,
                                          std::string* error) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size() || hex_value(text[i + 1]) < 0 ||
          hex_value(text[i + 2]) < 0) {
        std::string bad(text.substr(i, 3));
        std::string quoted;
        append_json_string(quoted, bad);
        *error = "invalid URL escape " + quoted;
        return std::nullopt;
      }
      out += static_cast<char>(hex_value(text[i + 1]) * 16 +
                               hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string go_json(const Value& value) {
  std::string text = to_json(value);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string go_indent(std::string_view src, std::string_view prefix,
                      std::string_view indent) {
  std::string out;
  int depth = 0;
  bool need_indent = false;
  bool in_string = false;
  auto newline = [&] {
    out += '\n';
    out += prefix;
    for (int i = 0; i < depth; ++i) out += indent;
  };
  for (std::size_t i = 0; i < src.size(); ++i) {
    char c = src[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < src.size()) {
        out += src[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (need_indent && c != ']' && c != '}') {
      need_indent = false;
      ++depth;
      newline();
    }
    switch (c) {
      case '"':
        in_string = true;
        out += c;
        break;
      case '{':
      case '[':
        need_indent = true;
        out += c;
        break;
      case ',':
        out += c;
        newline();
        break;
      case ':':
        out += ": ";
        break;
      case '}':
      case ']':
        if (need_indent) {
          need_indent = false;  // empty collection stays "{}" / "[]"
        } else {
          --depth;
          newline();
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string go_format_float(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  // The shortest digits that read back exactly.
  char buffer[40];
  int precision = 0;
  for (; precision < 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*e", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  std::string text = buffer;
  std::size_t e = text.find('e');
  int exponent = std::atoi(text.c_str() + e + 1);
  std::string mantissa = text.substr(0, e);
  bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  std::string out = negative ? "-" : "";
  // Go's 'g' with the shortest precision switches to an exponent from 1e6.
  if (exponent < -4 || exponent >= 6) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp_text[16];
    std::snprintf(exp_text, sizeof exp_text, "e%c%02d",
                  exponent < 0 ? '-' : '+', std::abs(exponent));
    return out + exp_text;
  }
  if (exponent < 0) {
    return out + "0." +
           std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  }
  auto point = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() <= point) {
    return out + digits + std::string(point - digits.size(), '0');
  }
  return out + digits.substr(0, point) + "." + digits.substr(point);
}

// --- YAML -----------------------------------------------------------------

namespace {

bool matches_all(std::string_view s, bool (*ok)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), ok);
}

bool is_digit_or_underscore(char c) {
  return (c >= '0' && c <= '9') || c == '_';
}

// Would yaml.v2 read this plain scalar as something other than a string?
bool resolves_to_non_string(std::string_view s) {
  static const char* kWords[] = {
      "",      "~",     "null",  "Null",  "NULL",  "y",    "Y",     "yes",
      "Yes",   "YES",   "n",     "N",     "no",    "No",   "NO",    "true",
      "True",  "TRUE",  "false", "False", "FALSE", "on",   "On",    "ON",
      "off",   "Off",   "OFF",   ".inf",  ".Inf",  ".INF", "+.inf", "+.Inf",
      "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",  ".NaN", ".NAN",  "<<"};
  for (const char* word : kWords) {
    if (s == word) return true;
  }
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-'))
    body.remove_prefix(1);
  if (matches_all(body, is_digit_or_underscore)) return true;
  if (body.size() > 2 && body[0] == '0' &&
      (body[1] == 'x' || body[1] == 'o' || body[1] == 'b')) {
    return true;
  }
  // Floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  std::size_t i = 0;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) {
    ++i;
    ++int_digits;
  }
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() &&
           std::isdigit(static_cast<unsigned char>(body[i]))) {
      ++i;
      ++frac_digits;
    }
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < body.size() &&
           std::isdigit(static_cast<unsigned char>(body[i]))) {
      ++i;
      ++exp_digits;
    }
    if (exp_digits == 0) return false;
  }
  if (i == body.size()) return true;
  // Base 60 ("1:20") reads as a number in YAML 1.1.
  if (int_digits > 0 && body[i] == ':') {
    return std::all_of(body.begin(), body.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) || c == ':' ||
             c == '.' || c == '_';
    });
  }
  return false;
}

bool has_special_characters(std::string_view s) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) return true;
  }
  return false;
}

// libyaml's test for a plain scalar in block context.
bool plain_allowed(std::string_view s) {
  if (s.empty()) return false;
  if (s.starts_with("---") || s.starts_with("...")) return false;
  if (s.front() == ' ' || s.back() == ' ' || s.front() == '\t' ||
      s.back() == '\t') {
    return false;
  }
  static const std::string_view kIndicators = "#,[]{}&*!|>'\"%@`";
  if (kIndicators.find(s.front()) != std::string_view::npos) return false;
  if ((s.front() == '-' || s.front() == '?' || s.front() == ':') &&
      (s.size() == 1 || s[1] == ' ')) {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) return false;
    if (s[i] == '#' && i > 0 && s[i - 1] == ' ') return false;
  }
  return true;
}

std::string double_quoted(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\0':
        out += "\\0";
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
      continue;
    }
    out += ch;
  }
  return out + "\"";
}

std::string single_quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

void append_spaces(std::string& out, int count) {
  out.append(static_cast<std::size_t>(count), ' ');
}

// A literal block ("|-") for multi-line strings; `indent` is where its
// lines start.
bool append_literal(std::string& out, std::string_view s, int indent) {
  if (has_special_characters(s) || s.find('\r') != std::string_view::npos ||
      s.front() == ' ' || s.front() == '\n' || s.front() == '\t') {
    return false;
  }
  std::size_t trailing = 0;
  while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') {
    ++trailing;
  }
  out += trailing == 0 ? "|-" : (trailing == 1 ? "|" : "|+");
  std::string_view body = s.substr(0, s.size() - trailing);
  out += '\n';
  while (true) {
    std::size_t nl = body.find('\n');
    std::string_view line = body.substr(0, nl);
    if (!line.empty()) append_spaces(out, indent);
    out += line;
    out += '\n';
    if (nl == std::string_view::npos) break;
    body.remove_prefix(nl + 1);
  }
  for (std::size_t i = 1; i < trailing; ++i) out += '\n';
  return true;
}

std::string yaml_scalar_string(std::string_view s) {
  if (has_special_characters(s)) return double_quoted(s);
  if (resolves_to_non_string(s)) return double_quoted(s);
  if (plain_allowed(s)) return std::string(s);
  return single_quoted(s);
}

std::string yaml_number(const Value& number) {
  if (number.is_int64()) return std::to_string(number.as_int64());
  double d = number.as_double();
  if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
  if (std::isnan(d)) return ".nan";
  return go_format_float(d);
}

// Writes a scalar that ends its line (multi-line strings become literal
// blocks whose lines start at `block_indent`).
void append_scalar(std::string& out, const Value& value, int block_indent) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      out += "null\n";
      return;
    case Value::Kind::kBoolean:
      out += value.as_boolean() ? "true\n" : "false\n";
      return;
    case Value::Kind::kNumber:
      out += yaml_number(value) + "\n";
      return;
    case Value::Kind::kString: {
      const std::string& s = value.as_string();
      if (s.find('\n') != std::string::npos &&
          append_literal(out, s, block_indent)) {
        return;
      }
      out += yaml_scalar_string(s) + "\n";
      return;
    }
    default:
      out += value.size() == 0 ? (value.is_object() ? "{}\n" : "[]\n") : "\n";
  }
}

bool is_block(const Value& value) {
  return value.is_collection() && value.size() > 0;
}

void append_sequence(std::string& out, const Value& value, int indent,
                     bool inline_first);

void append_mapping(std::string& out, const Value& value, int indent,
                    bool inline_first) {
  // Keys print as strings and sort as strings, as after a JSON round trip.
  std::vector<std::pair<std::string, const Value*>> entries;
  for (const auto& [key, item] : value.object_entries()) {
    entries.emplace_back(key.is_string() ? key.as_string() : to_json(key),
                         &item);
  }
  std::stable_sort(
      entries.begin(), entries.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  bool first = true;
  for (const auto& [key, item] : entries) {
    if (!first || !inline_first) append_spaces(out, indent);
    first = false;
    out += yaml_scalar_string(key) + ":";
    if (item->is_object() && item->size() > 0) {
      out += '\n';
      append_mapping(out, *item, indent + 2, false);
    } else if (is_block(*item)) {
      out += '\n';
      append_sequence(out, *item, indent, false);
    } else {
      out += ' ';
      append_scalar(out, *item, indent + 2);
    }
  }
}

void append_sequence(std::string& out, const Value& value, int indent,
                     bool inline_first) {
  bool first = true;
  for (const Value& item :
       value.is_set() ? value.set_items() : value.array_items()) {
    if (!first || !inline_first) append_spaces(out, indent);
    first = false;
    out += "- ";
    if (item.is_object() && item.size() > 0) {
      append_mapping(out, item, indent + 2, true);
    } else if (is_block(item)) {
      append_sequence(out, item, indent + 2, true);
    } else {
      append_scalar(out, item, indent + 2);
    }
  }
}

}  // namespace

namespace {

// Go's strconv.ParseInt(text, 0, 64), then ParseUint: an optional sign,
// then a 0x/0o/0b prefix or a leading 0 for octal, then digits only.
std::optional<Value> go_parse_integer(std::string_view text) {
  bool negative = false;
  std::string_view body = text;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  int base = 10;
  if (body.size() > 2 && body[0] == '0' &&
      std::strchr("xXoObB", body[1]) != nullptr) {
    char prefix = static_cast<char>(std::tolower(body[1]));
    base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
    body.remove_prefix(2);
  } else if (body.size() > 1 && body[0] == '0') {
    base = 8;
    body.remove_prefix(1);
  }
  if (body.empty() || body.size() > 64) return std::nullopt;
  __extension__ unsigned __int128 magnitude = 0;
  for (char c : body) {
    int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : std::isxdigit(static_cast<unsigned char>(c))
                    ? std::tolower(c) - 'a' + 10
                    : 99;
    if (digit >= base) return std::nullopt;
    magnitude =
        magnitude * static_cast<unsigned>(base) + static_cast<unsigned>(digit);
    if (magnitude > std::numeric_limits<std::uint64_t>::max()) {
      return std::nullopt;
    }
  }
  // int64 for anything signed or small; uint64 (no sign) beyond that.
  __extension__ constexpr unsigned __int128 kInt64Limit = std::uint64_t{1}
                                                          << 63;
  if (negative && magnitude <= kInt64Limit) {
    return magnitude == kInt64Limit
               ? Value::integer(std::numeric_limits<std::int64_t>::min())
               : Value::integer(-static_cast<std::int64_t>(magnitude));
  }
  if (negative) return std::nullopt;
  if (magnitude < kInt64Limit) {
    return Value::integer(static_cast<std::int64_t>(magnitude));
  }
  if (text[0] == '+') return std::nullopt;  // ParseUint takes no sign
  return Value::big_integer(
      std::to_string(static_cast<std::uint64_t>(magnitude)));
}

// yaml.v2's float pattern:
// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool yaml_style_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t int_digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    ++i;
    ++int_digits;
  }
  std::size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      ++frac_digits;
    }
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exponent_digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      ++exponent_digits;
    }
    if (exponent_digits == 0) return false;
  }
  return i == s.size();
}

// Go's ParseFloat on a yaml_style_float text; out-of-range values are an
// error there, so they stay strings.
std::optional<Value> go_parse_float(std::string_view text) {
  std::string copy(text);
  errno = 0;
  char* end = nullptr;
  double d = std::strtod(copy.c_str(), &end);
  if (errno == ERANGE && std::isinf(d)) return std::nullopt;
  return Value::floating(d);
}

}  // namespace

Value yaml11_plain_scalar(std::string_view text) {
  struct Word {
    const char* text;
    int kind;  // 0 null, 1 true, 2 false, 3 +inf, 4 -inf, 5 nan
  };
  static const Word kWords[] = {
      {"", 0},      {"~", 0},     {"null", 0},  {"Null", 0},  {"NULL", 0},
      {"y", 1},     {"Y", 1},     {"yes", 1},   {"Yes", 1},   {"YES", 1},
      {"on", 1},    {"On", 1},    {"ON", 1},    {"true", 1},  {"True", 1},
      {"TRUE", 1},  {"n", 2},     {"N", 2},     {"no", 2},    {"No", 2},
      {"NO", 2},    {"off", 2},   {"Off", 2},   {"OFF", 2},   {"false", 2},
      {"False", 2}, {"FALSE", 2}, {".inf", 3},  {".Inf", 3},  {".INF", 3},
      {"+.inf", 3}, {"+.Inf", 3}, {"+.INF", 3}, {"-.inf", 4}, {"-.Inf", 4},
      {"-.INF", 4}, {".nan", 5},  {".NaN", 5},  {".NAN", 5}};
  for (const Word& word : kWords) {
    if (text != word.text) continue;
    switch (word.kind) {
      case 0:
        return Value::null();
      case 1:
      case 2:
        return Value::boolean(word.kind == 1);
      case 3:
      case 4:
        return Value::floating(word.kind == 3 ? HUGE_VAL : -HUGE_VAL);
      default:
        return Value::floating(std::nan(""));
    }
  }
  if (text.empty()) return Value::string(text);

  // Only texts starting like a number are tried as one.
  char first = text[0];
  if (first == '.') {
    if (yaml_style_float(text)) {
      if (auto f = go_parse_float(text)) return *f;
    }
    return Value::string(text);
  }
  if (!std::isdigit(static_cast<unsigned char>(first)) && first != '+' &&
      first != '-') {
    return Value::string(text);
  }
  std::string plain;
  for (char c : text) {
    if (c != '_') plain.push_back(c);
  }
  if (auto n = go_parse_integer(plain)) return *n;
  if (yaml_style_float(plain)) {
    if (auto f = go_parse_float(plain)) return *f;
  }
  // 0b/-0b binary: already covered by go_parse_integer's prefixes.
  return Value::string(text);
}

std::string go_yaml(const Value& value) {
  std::string out;
  if (value.is_object() && value.size() > 0) {
    append_mapping(out, value, 0, false);
  } else if (is_block(value)) {
    append_sequence(out, value, 0, false);
  } else {
    append_scalar(out, value, 2);
  }
  return out;
}

}  // namespace rampart::rego::encoding
