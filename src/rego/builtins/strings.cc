// SPDX-License-Identifier: Apache-2.0
//
// OPA's string built-ins: concat, contains, startswith, endswith,
// format_int, indexof, indexof_n, lower, upper, replace, split, substring,
// the trim family, sprintf, and the strings.* namespace (replace_n,
// reverse, split_n, any_prefix_match, any_suffix_match, count,
// render_template).
//
// Strings are UTF-8; positions and lengths count Unicode code points as
// OPA's (Go's []rune) do. sprintf follows Go's fmt verbs for the argument
// types OPA hands it (integers, big integers, float64, strings; other values
// as their Rego text). Outputs are bounded by kMaxOutputBytes so a policy
// cannot build unbounded strings through padding or replacement; beyond it
// the call is an eval_builtin_error. Errors are worded as OPA's.
#include <algorithm>
#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <cwctype>
#include <optional>

#include <gmp.h>
#include <locale.h>

#include "rampart/document/json.h"
#include "rampart/rego/builtins.h"
#include "rampart/rego/engine.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::append_utf8;
using builtins::count_runes;
using builtins::declare;
using builtins::decode_utf8;
using builtins::encode_utf8;
using builtins::expect;
using builtins::expect_all;
using builtins::items_of;
using builtins::operand_error;

constexpr std::size_t kMaxOutputBytes = 64 << 20;

BuiltinResult too_large() {
  return BuiltinResult::error("result exceeds " +
                              std::to_string(kMaxOutputBytes) + " bytes");
}

// ---------------------------------------------------------------------------
// sprintf: Go's fmt.Sprintf over the argument types OPA passes it.

// sprintf passes ints, big ints, floats and strings (everything else as
// its Rego text); strings.render_template's printf also passes bool, nil
// and string-like values of other Go types (json.Number, slices, maps),
// named by `type_name`.
struct FormatArg {
  enum class Kind { kInt, kBig, kFloat, kString, kBool, kNil } kind;
  Value number;                     // kInt, kBig, kFloat
  std::string text;                 // kString, kBool
  const char* type_name = nullptr;  // kString: the Go type, if not string

  const char* go_type() const {
    switch (kind) {
      case Kind::kInt:
        return "int";
      case Kind::kBig:
        return "*big.Int";
      case Kind::kFloat:
        return "float64";
      case Kind::kBool:
        return "bool";
      case Kind::kNil:
        return "<nil>";
      default:
        return type_name != nullptr ? type_name : "string";
    }
  }
};

FormatArg to_format_arg(const Value& value) {
  if (value.is_integer()) {
    return {value.is_big() ? FormatArg::Kind::kBig : FormatArg::Kind::kInt,
            value,
            {}};
  }
  if (value.is_float()) return {FormatArg::Kind::kFloat, value, {}};
  if (value.is_string())
    return {FormatArg::Kind::kString, {}, value.as_string()};
  return {FormatArg::Kind::kString, {}, to_rego_string(value)};
}

struct Spec {
  bool minus = false;
  bool plus = false;
  bool sharp = false;
  bool space = false;
  bool zero = false;
  int width = -1;
  int precision = -1;
  char32_t verb = 0;
};

// Pads `body` to the width; zeros go after a sign when `zero_pad`.
std::string pad(const Spec& spec, std::string body, bool zero_pad) {
  auto length = static_cast<int>(count_runes(body));
  if (spec.width <= length) return body;
  std::size_t fill = static_cast<std::size_t>(spec.width - length);
  if (spec.minus) return body + std::string(fill, ' ');
  if (zero_pad) {
    std::size_t sign =
        !body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ');
    return body.substr(0, sign) + std::string(fill, '0') + body.substr(sign);
  }
  return std::string(fill, ' ') + body;
}

std::string integer_digits(const Value& number, int base, bool upper) {
  mpz_t z;
  mpz_init(z);
  if (number.is_big()) {
    mpz_set(z, static_cast<const __mpz_struct*>(number.big_integer_handle()));
  } else {
    mpz_set_si(z, static_cast<long>(number.as_int64()));
  }
  mpz_abs(z, z);
  std::string digits(mpz_sizeinbase(z, base) + 2, '\0');
  mpz_get_str(digits.data(), upper ? -base : base, z);
  digits.resize(std::char_traits<char>::length(digits.c_str()));
  mpz_clear(z);
  return digits;
}

bool is_negative(const Value& number) {
  if (number.is_big()) {
    return mpz_sgn(static_cast<const __mpz_struct*>(
               number.big_integer_handle())) < 0;
  }
  return number.as_int64() < 0;
}

std::string quote_go(std::string_view text, bool ascii_only);

std::string format_integer(const Spec& spec, const Value& number) {
  char32_t verb = spec.verb;
  if (verb == 'c' || verb == 'q' || verb == 'U') {
    std::int64_t code = number.is_int64() ? number.as_int64() : 0xFFFD;
    char32_t rune =
        code < 0 || code > 0x10FFFF ? 0xFFFD : static_cast<char32_t>(code);
    std::string out;
    if (verb == 'U') {
      char buffer[24];
      std::snprintf(buffer, sizeof buffer, "U+%04llX",
                    static_cast<unsigned long long>(code));
      out = buffer;
    } else {
      append_utf8(out, rune);
      if (verb == 'q') {
        out = quote_go(out, false);
        out.front() = '\'';
        out.back() = '\'';
      }
    }
    return pad(spec, out, false);
  }
  int base = verb == 'b'                    ? 2
             : (verb == 'o' || verb == 'O') ? 8
             : (verb == 'x' || verb == 'X') ? 16
                                            : 10;
  std::string digits = integer_digits(number, base, verb == 'X');
  if (spec.precision == 0 && digits == "0") digits.clear();
  if (spec.precision > static_cast<int>(digits.size())) {
    digits.insert(0, static_cast<std::size_t>(spec.precision) - digits.size(),
                  '0');
  }
  std::string prefix;
  if (verb == 'O') prefix = "0o";
  if (spec.sharp) {
    if (verb == 'x') prefix = "0x";
    if (verb == 'X') prefix = "0X";
    if (verb == 'b') prefix = "0b";
    if (verb == 'o' && (digits.empty() || digits[0] != '0')) prefix = "0";
  }
  std::string sign = is_negative(number) ? "-"
                     : spec.plus         ? "+"
                     : spec.space        ? " "
                                         : "";
  bool zero_pad = spec.zero && !spec.minus && spec.precision < 0;
  if (zero_pad && spec.width > 0) {
    int used = static_cast<int>(sign.size() + prefix.size() + digits.size());
    if (spec.width > used) {
      digits.insert(0, static_cast<std::size_t>(spec.width - used), '0');
    }
  }
  return pad(spec, sign + prefix + digits, false);
}

// Shortest round-trip digits of `d` laid out as strconv's 'g' with
// precision -1 lays them out (%v and %g without a precision).
std::string shortest_g(double d, bool upper) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d,
                                 std::chars_format::scientific);
  std::string scientific(buffer, end);
  auto e = scientific.find('e');
  int exponent = std::stoi(scientific.substr(e + 1));
  if (exponent < -4 || exponent >= 6) {
    if (upper) scientific[e] = 'E';
    return scientific;
  }
  auto [fixed_end, ec2] = std::to_chars(buffer, buffer + sizeof buffer, d,
                                        std::chars_format::fixed);
  (void)ec;
  (void)ec2;
  return std::string(buffer, fixed_end);
}

// Go's %b for floats: decimal mantissa and binary exponent, from the bits.
std::string binary_exponent(double d) {
  std::uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  bool negative = bits >> 63;
  auto exponent = static_cast<std::int64_t>((bits >> 52) & 0x7FF);
  std::uint64_t mantissa = bits & ((std::uint64_t{1} << 52) - 1);
  if (exponent == 0) {
    exponent = 1;
  } else {
    mantissa |= std::uint64_t{1} << 52;
  }
  exponent += -1023 - 52;
  return (negative ? "-" : "") + std::to_string(mantissa) + "p" +
         (exponent >= 0 ? "+" : "") + std::to_string(exponent);
}

// Go's %x for floats: C's %a with an exponent of at least two digits.
std::string hex_float(double d, int precision, bool upper) {
  char buffer[128];
  if (precision >= 0) {
    std::snprintf(buffer, sizeof buffer, upper ? "%.*A" : "%.*a",
                  std::min(precision, 60), d);
  } else {
    std::snprintf(buffer, sizeof buffer, upper ? "%A" : "%a", d);
  }
  std::string out = buffer;
  auto p = out.find_first_of("pP");
  if (p != std::string::npos && out.size() - p == 3) out.insert(p + 2, "0");
  return out;
}

std::string format_float(const Spec& spec, double d) {
  // Go prints infinities with their sign and never pads them with zeros.
  if (std::isnan(d)) return pad(spec, "NaN", false);
  if (std::isinf(d)) return pad(spec, d > 0 ? "+Inf" : "-Inf", false);

  char32_t verb = spec.verb == 'v' ? 'g' : spec.verb;
  std::string body;
  if ((verb == 'g' || verb == 'G') && spec.precision < 0) {
    body = shortest_g(d, verb == 'G');
  } else if (verb == 'b') {
    body = binary_exponent(d);
  } else if (verb == 'x' || verb == 'X') {
    body = hex_float(d, spec.precision, verb == 'X');
  } else {
    std::string format = "%";
    if (spec.sharp) format += '#';
    format += ".*";
    format += static_cast<char>(verb == 'F' ? 'f' : verb);
    int precision = spec.precision >= 0 ? spec.precision : 6;
    char buffer[512];
    int n = std::snprintf(buffer, sizeof buffer, format.c_str(),
                          std::min(precision, 400), d);
    body.assign(buffer, static_cast<std::size_t>(std::max(0, n)));
    if (n >= static_cast<int>(sizeof buffer)) {
      // Very long fixed-point forms (1e300 with %f).
      std::string big(static_cast<std::size_t>(n) + 1, '\0');
      std::snprintf(big.data(), big.size(), format.c_str(),
                    std::min(precision, 400), d);
      big.resize(static_cast<std::size_t>(n));
      body = big;
    }
  }
  if (body[0] != '-') {
    if (spec.plus)
      body.insert(0, "+");
    else if (spec.space)
      body.insert(0, " ");
  }
  return pad(spec, body, spec.zero && !spec.minus);
}

// Go's strconv.Quote (ascii_only: QuoteToASCII).
std::string quote_go(std::string_view text, bool ascii_only) {
  std::string out = "\"";
  std::size_t i = 0;
  while (i < text.size()) {
    std::vector<char32_t> one;
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80         ? 1
                         : (c >> 5) == 6  ? 2
                         : (c >> 4) == 14 ? 3
                         : (c >> 3) == 30 ? 4
                                          : 1;
    length = std::min(length, text.size() - i);
    one = decode_utf8(text.substr(i, length));
    char32_t rune = one.size() == 1 ? one[0] : 0xFFFD;
    bool invalid = rune == 0xFFFD && text.substr(i, length) != "\xEF\xBF\xBD";
    if (invalid) length = 1;
    char buffer[16];
    if (invalid) {
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    } else if (rune == '"' || rune == '\\') {
      out += '\\';
      out += static_cast<char>(rune);
    } else if (rune == '\a') {
      out += "\\a";
    } else if (rune == '\b') {
      out += "\\b";
    } else if (rune == '\f') {
      out += "\\f";
    } else if (rune == '\n') {
      out += "\\n";
    } else if (rune == '\r') {
      out += "\\r";
    } else if (rune == '\t') {
      out += "\\t";
    } else if (rune == '\v') {
      out += "\\v";
    } else if (rune < 0x20 || rune == 0x7F) {
      std::snprintf(buffer, sizeof buffer, "\\x%02x",
                    static_cast<unsigned>(rune));
      out += buffer;
    } else if (rune >= 0x80 &&
               (ascii_only || !std::iswprint(static_cast<wint_t>(rune)))) {
      std::snprintf(buffer, sizeof buffer,
                    rune < 0x10000 ? "\\u%04x" : "\\U%08x",
                    static_cast<unsigned>(rune));
      out += buffer;
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out + "\"";
}

std::string hex_bytes(const Spec& spec, std::string_view bytes) {
  const char* digits =
      spec.verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (spec.space && i > 0) out += ' ';
    if (spec.sharp && (i == 0 || spec.space))
      out += spec.verb == 'X' ? "0X" : "0x";
    auto b = static_cast<unsigned char>(bytes[i]);
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

std::string truncate_runes(const std::string& text, int precision) {
  if (precision < 0) return text;
  auto runes = decode_utf8(text);
  if (runes.size() <= static_cast<std::size_t>(precision)) return text;
  runes.resize(static_cast<std::size_t>(precision));
  return encode_utf8(runes);
}

std::string format_value(const FormatArg& arg);

std::string bad_verb(char32_t verb, const FormatArg& arg) {
  std::string out = "%!";
  append_utf8(out, verb);
  out += '(';
  out += arg.kind == FormatArg::Kind::kBig ? "big.Int" : arg.go_type();
  return out + "=" + format_value(arg) + ")";
}

std::string format_arg(const Spec& spec, const FormatArg& arg) {
  char32_t verb = spec.verb;
  if (verb == 'T') return pad(spec, arg.go_type(), false);
  switch (arg.kind) {
    case FormatArg::Kind::kBool:
      if (verb != 't' && verb != 'v') return bad_verb(verb, arg);
      return pad(spec, arg.text, false);
    case FormatArg::Kind::kNil: {
      if (verb == 'v') return pad(spec, "<nil>", false);
      std::string out = "%!";
      append_utf8(out, verb);
      return out + "(<nil>)";
    }
    case FormatArg::Kind::kInt:
    case FormatArg::Kind::kBig: {
      std::u32string_view allowed =
          arg.kind == FormatArg::Kind::kInt ? U"bcdoOqxXUv" : U"bdoOsvxX";
      if (allowed.find(verb) == std::u32string_view::npos) {
        return bad_verb(verb, arg);
      }
      Spec decimal = spec;
      if (verb == 'v' || verb == 's') decimal.verb = 'd';
      return format_integer(decimal, arg.number);
    }
    case FormatArg::Kind::kFloat:
      if (std::u32string_view(U"bgGxXfFeEv").find(verb) ==
          std::u32string_view::npos) {
        return bad_verb(verb, arg);
      }
      return format_float(spec, arg.number.as_double());
    case FormatArg::Kind::kString:
      switch (verb) {
        case 'v':
        case 's':
          return pad(spec, truncate_runes(arg.text, spec.precision),
                     spec.zero && !spec.minus);
        case 'q':
          return pad(
              spec,
              quote_go(truncate_runes(arg.text, spec.precision), spec.plus),
              false);
        case 'x':
        case 'X': {
          std::string bytes = arg.text;
          if (spec.precision >= 0 &&
              bytes.size() > static_cast<std::size_t>(spec.precision)) {
            bytes.resize(static_cast<std::size_t>(spec.precision));
          }
          return pad(spec, hex_bytes(spec, bytes), false);
        }
        default:
          return bad_verb(verb, arg);
      }
  }
  return {};
}

std::string format_value(const FormatArg& arg) {
  Spec spec;
  spec.verb = 'v';
  return format_arg(spec, arg);
}

// Reads a decimal number at `i`; -1 when there is none.
int read_number(const std::vector<char32_t>& f, std::size_t& i) {
  int n = -1;
  while (i < f.size() && f[i] >= '0' && f[i] <= '9') {
    n = std::min((n < 0 ? 0 : n) * 10 + static_cast<int>(f[i] - '0'), 1 << 20);
    ++i;
  }
  return n;
}

// Walks a format string as Go's fmt.Sprintf does, including explicit
// argument indexes (`%[2]d`, `%[1]*d`): an index moves the argument cursor,
// and later verbs continue from there.
class GoFormatter {
 public:
  GoFormatter(std::string_view format, const std::vector<FormatArg>& args)
      : f_(decode_utf8(format)), args_(args) {}

  std::string run() {
    while (i_ < f_.size() && out_.size() <= kMaxOutputBytes) {
      if (f_[i_] != '%') {
        append_utf8(out_, f_[i_++]);
        continue;
      }
      ++i_;
      if (!directive()) break;
    }
    append_extra();
    return std::move(out_);
  }

 private:
  // One directive after its '%'; false when the format ends without a verb.
  bool directive() {
    Spec spec;
    good_index_ = true;
    read_flags(spec);
    bool after_index = argument_index();
    read_width(spec, after_index);
    read_precision(spec, after_index);
    if (!after_index) argument_index();
    if (i_ >= f_.size()) {
      out_ += "%!(NOVERB)";
      return false;
    }
    spec.verb = f_[i_++];
    if (spec.minus) spec.zero = false;
    emit(spec);
    return true;
  }

  void read_flags(Spec& spec) {
    for (; i_ < f_.size(); ++i_) {
      char32_t c = f_[i_];
      if (c == '-') {
        spec.minus = true;
      } else if (c == '+') {
        spec.plus = true;
      } else if (c == '#') {
        spec.sharp = true;
      } else if (c == ' ') {
        spec.space = true;
      } else if (c == '0') {
        spec.zero = true;
      } else {
        break;
      }
    }
  }

  // `[n]` at the cursor: selects argument n (1-based). A malformed or out
  // of range index makes this directive print BADINDEX.
  bool argument_index() {
    if (i_ >= f_.size() || f_[i_] != '[') return false;
    reordered_ = true;
    std::size_t close = i_ + 1;
    while (close < f_.size() && f_[close] != ']') ++close;
    if (i_ + 2 >= f_.size() || close >= f_.size()) {
      ++i_;  // Go skips just the '['
      good_index_ = false;
      return false;
    }
    std::size_t digits = i_ + 1;
    int n = read_number(f_, digits);
    i_ = close + 1;
    if (digits != close || n < 1 ||
        static_cast<std::size_t>(n) > args_.size()) {
      good_index_ = false;
      return digits == close && n >= 0;
    }
    next_ = static_cast<std::size_t>(n - 1);
    return true;
  }

  void read_width(Spec& spec, bool& after_index) {
    if (i_ < f_.size() && f_[i_] == '*') {
      ++i_;
      bool ok = false;
      spec.width = star_argument(ok);
      if (!ok) out_ += "%!(BADWIDTH)";
      if (spec.width < 0) {
        spec.minus = true;
        spec.width = -spec.width;
      }
      after_index = false;
      return;
    }
    spec.width = read_number(f_, i_);
    if (after_index && spec.width >= 0) good_index_ = false;  // "%[3]2d"
  }

  void read_precision(Spec& spec, bool& after_index) {
    if (i_ + 1 >= f_.size() || f_[i_] != '.') return;
    ++i_;
    if (after_index) good_index_ = false;  // "%[3].2d"
    after_index = argument_index();
    if (i_ < f_.size() && f_[i_] == '*') {
      ++i_;
      bool ok = false;
      spec.precision = star_argument(ok);
      if (spec.precision < 0) {
        spec.precision = -1;
        ok = false;
      }
      if (!ok) out_ += "%!(BADPREC)";
      after_index = false;
      return;
    }
    spec.precision = std::max(0, read_number(f_, i_));
  }

  // Width or precision from a `*`: an int argument within a million.
  int star_argument(bool& ok) {
    ok = false;
    if (next_ >= args_.size()) return 0;
    const FormatArg& arg = args_[next_++];
    if (arg.kind != FormatArg::Kind::kInt) return 0;
    std::int64_t n = arg.number.as_int64();
    if (n > 1'000'000 || n < -1'000'000) return 0;
    ok = true;
    return static_cast<int>(n);
  }

  void emit(const Spec& spec) {
    if (spec.verb == '%') {
      out_ += '%';
    } else if (!good_index_ || next_ >= args_.size()) {
      out_ += "%!";
      append_utf8(out_, spec.verb);
      out_ += good_index_ ? "(MISSING)" : "(BADINDEX)";
    } else {
      out_ += format_arg(spec, args_[next_++]);
    }
  }

  // Arguments no verb used, unless indexes reordered them.
  void append_extra() {
    if (reordered_ || next_ >= args_.size()) return;
    out_ += "%!(EXTRA ";
    for (std::size_t k = next_; k < args_.size(); ++k) {
      if (k > next_) out_ += ", ";
      out_ += args_[k].go_type();
      out_ += "=" + format_value(args_[k]);
    }
    out_ += ")";
  }

  std::vector<char32_t> f_;
  const std::vector<FormatArg>& args_;
  std::string out_;
  std::size_t i_ = 0;
  std::size_t next_ = 0;
  bool good_index_ = true;
  bool reordered_ = false;
};

std::string go_sprintf(std::string_view format,
                       const std::vector<FormatArg>& args) {
  return GoFormatter(format, args).run();
}

BuiltinResult sprintf(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeArray})) return *error;
  std::vector<FormatArg> format_args;
  for (const Value& item : args[1].array_items()) {
    format_args.push_back(to_format_arg(item));
  }
  std::string out = go_sprintf(args[0].as_string(), format_args);
  if (out.size() > kMaxOutputBytes) return too_large();
  return BuiltinResult::of(Value::string(std::move(out)));
}

}  // namespace

namespace {

// ---------------------------------------------------------------------------
// Plain string functions.

BuiltinResult of_string(std::string s) {
  if (s.size() > kMaxOutputBytes) return too_large();
  return BuiltinResult::of(Value::string(std::move(s)));
}

BuiltinResult of_bool(bool b) { return BuiltinResult::of(Value::boolean(b)); }

// "operand 2 must be array of strings but got array containing number" when
// an item is not a string.
std::optional<BuiltinResult> expect_strings(std::size_t index,
                                            const Value& collection) {
  for (const Value& item : items_of(collection)) {
    if (!item.is_string()) {
      std::string kind = type_name(collection);
      return operand_error(index, kind + " of strings",
                           kind + " containing " + type_name(item));
    }
  }
  return std::nullopt;
}

BuiltinResult concat(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeString)) return *error;
  if (!args[1].is_array() && !args[1].is_set()) {
    return operand_error(1, "one of {set, array}", args[1]);
  }
  if (auto error = expect_strings(1, args[1])) return *error;
  std::string out;
  bool first = true;
  for (const Value& item : items_of(args[1])) {
    if (!first) out += args[0].as_string();
    first = false;
    out += item.as_string();
    if (out.size() > kMaxOutputBytes) return too_large();
  }
  return of_string(std::move(out));
}

BuiltinDecl string_predicate(const char* name,
                             bool (*holds)(std::string_view,
                                           std::string_view)) {
  return declare(
      name, {kTypeString, kTypeString}, kTypeBoolean,
      [holds](BuiltinArgs args, BuiltinContext&) {
        if (auto error = expect_all(args, {kTypeString, kTypeString})) {
          return *error;
        }
        return of_bool(holds(args[0].as_string(), args[1].as_string()));
      });
}

BuiltinResult format_int(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeNumber, kTypeNumber})) {
    return *error;
  }
  if (auto error = builtins::expect_integer(args, 1)) return *error;
  std::int64_t base = args[1].is_int64() ? args[1].as_int64() : 0;
  if (base != 2 && base != 8 && base != 10 && base != 16) {
    return BuiltinResult::type_error("operand 2 must be one of {2, 8, 10, 16}");
  }
  // Fractions truncate towards zero.
  Value number = args[0];
  if (number.is_float()) {
    double d = std::trunc(number.as_double());
    number = Value::floating(d);
    if (number.is_float()) {
      mpz_t z;
      mpz_init_set_d(z, d);
      number = Value::from_big_integer_handle(z);
      mpz_clear(z);
    }
  }
  std::string digits = integer_digits(number, static_cast<int>(base), false);
  return of_string((is_negative(number) ? "-" : "") + digits);
}

std::int64_t rune_index_of_byte(std::string_view text, std::size_t offset) {
  return static_cast<std::int64_t>(count_runes(text.substr(0, offset)));
}

BuiltinResult indexof(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  const std::string& text = args[0].as_string();
  const std::string& search = args[1].as_string();
  if (search.empty()) return BuiltinResult::error("empty search character");
  auto at = text.find(search);
  return BuiltinResult::of(Value::integer(
      at == std::string::npos ? -1 : rune_index_of_byte(text, at)));
}

BuiltinResult indexof_n(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  const std::string& text = args[0].as_string();
  const std::string& search = args[1].as_string();
  if (search.empty()) return BuiltinResult::error("empty search character");
  std::vector<Value> found;
  for (auto at = text.find(search); at != std::string::npos;
       at = text.find(search, at + 1)) {
    found.push_back(Value::integer(rune_index_of_byte(text, at)));
  }
  return BuiltinResult::of(Value::array(std::move(found)));
}

locale_t utf8_locale() {
  static locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr);
  return locale;
}

BuiltinDecl change_case(const char* name, bool upper) {
  return declare(name, {kTypeString}, kTypeString,
                 [upper](BuiltinArgs args, BuiltinContext&) {
                   if (auto error = expect(args, 0, kTypeString)) return *error;
                   locale_t locale = utf8_locale();
                   std::string out;
                   for (char32_t rune : decode_utf8(args[0].as_string())) {
                     auto wide = static_cast<wint_t>(rune);
                     if (locale != nullptr) {
                       wide = upper ? towupper_l(wide, locale)
                                    : towlower_l(wide, locale);
                     } else if (rune < 0x80) {
                       wide = upper ? std::towupper(wide) : std::towlower(wide);
                     }
                     append_utf8(out, static_cast<char32_t>(wide));
                   }
                   return of_string(std::move(out));
                 });
}

// Go's strings.Replace with n = -1: an empty `from` inserts `to` before
// every code point and at the end.
std::optional<std::string> replace_all(const std::string& text,
                                       const std::string& from,
                                       const std::string& to) {
  std::string out;
  if (from.empty()) {
    out += to;
    for (char32_t rune : decode_utf8(text)) {
      append_utf8(out, rune);
      out += to;
      if (out.size() > kMaxOutputBytes) return std::nullopt;
    }
    return out;
  }
  std::size_t start = 0;
  for (auto at = text.find(from); at != std::string::npos;
       at = text.find(from, start)) {
    out.append(text, start, at - start);
    out += to;
    start = at + from.size();
    if (out.size() > kMaxOutputBytes) return std::nullopt;
  }
  out.append(text, start, std::string::npos);
  return out;
}

BuiltinResult replace(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString, kTypeString})) {
    return *error;
  }
  auto out = replace_all(args[0].as_string(), args[1].as_string(),
                         args[2].as_string());
  if (!out) return too_large();
  return of_string(std::move(*out));
}

// Go's strings.NewReplacer: at each position the first pattern (in key
// order) that matches wins; an empty pattern matches once between other
// matches; output is never rescanned.
BuiltinResult replace_n(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeObject, kTypeString})) {
    return *error;
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [key, value] : args[0].object_entries()) {
    if (!key.is_string())
      return operand_error(0, "object[string: string]",
                           "object containing non-string key");
    if (!value.is_string()) {
      return operand_error(0, "string", value);
    }
    pairs.emplace_back(key.as_string(), value.as_string());
  }
  const std::string& text = args[1].as_string();
  std::string out;
  bool previous_empty = false;
  std::size_t i = 0;
  while (i <= text.size()) {
    const std::pair<std::string, std::string>* match = nullptr;
    for (const auto& pair : pairs) {
      if (pair.first.empty() && previous_empty) continue;
      if (text.compare(i, pair.first.size(), pair.first) == 0 &&
          i + pair.first.size() <= text.size()) {
        match = &pair;
        break;
      }
    }
    if (match != nullptr) {
      out += match->second;
      i += match->first.size();
      previous_empty = match->first.empty();
      if (out.size() > kMaxOutputBytes) return too_large();
      continue;
    }
    previous_empty = false;
    if (i == text.size()) break;
    // Step over one whole code point.
    std::size_t next = i + 1;
    while (next < text.size() &&
           (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80)
      ++next;
    out.append(text, i, next - i);
    i = next;
  }
  return of_string(std::move(out));
}

BuiltinResult reverse(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeString)) return *error;
  auto runes = decode_utf8(args[0].as_string());
  std::reverse(runes.begin(), runes.end());
  return of_string(encode_utf8(runes));
}

// Go's strings.Split: an empty separator splits into code points.
std::vector<Value> split_all(const std::string& text, const std::string& sep) {
  std::vector<Value> parts;
  if (sep.empty()) {
    for (char32_t rune : decode_utf8(text)) {
      std::string one;
      append_utf8(one, rune);
      parts.push_back(Value::string(std::move(one)));
    }
    return parts;
  }
  std::size_t start = 0;
  for (auto at = text.find(sep); at != std::string::npos;
       at = text.find(sep, start)) {
    parts.push_back(Value::string(text.substr(start, at - start)));
    start = at + sep.size();
  }
  parts.push_back(Value::string(text.substr(start)));
  return parts;
}

BuiltinResult split(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  return BuiltinResult::of(
      Value::array(split_all(args[0].as_string(), args[1].as_string())));
}

// strings.split_n: the first n parts (n > 0) or the last -n parts.
BuiltinResult split_n(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString, kTypeNumber})) {
    return *error;
  }
  if (auto error = builtins::expect_integer(args, 2)) return *error;
  auto parts = split_all(args[0].as_string(), args[1].as_string());
  std::int64_t n = args[2].is_int64()        ? args[2].as_int64()
                   : args[2].as_double() > 0 ? INT64_MAX
                                             : INT64_MIN + 1;
  auto size = static_cast<std::int64_t>(parts.size());
  if (n >= 0) {
    parts.resize(static_cast<std::size_t>(std::min(n, size)));
  } else {
    std::int64_t keep = std::min(-n, size);
    parts.erase(parts.begin(), parts.begin() + (size - keep));
  }
  return BuiltinResult::of(Value::array(std::move(parts)));
}

BuiltinResult substring(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeNumber, kTypeNumber})) {
    return *error;
  }
  if (auto error = builtins::expect_integer(args, 1)) return *error;
  if (auto error = builtins::expect_integer(args, 2)) return *error;
  auto runes = decode_utf8(args[0].as_string());
  auto size = static_cast<std::int64_t>(runes.size());
  std::int64_t start = args[1].is_int64()        ? args[1].as_int64()
                       : args[1].as_double() > 0 ? INT64_MAX
                                                 : -1;
  std::int64_t length = args[2].is_int64()        ? args[2].as_int64()
                        : args[2].as_double() > 0 ? INT64_MAX
                                                  : -1;
  if (start < 0) return BuiltinResult::error("negative offset");
  if (start >= size) return of_string("");
  std::int64_t stop =
      length < 0 || length > size - start ? size : start + length;
  return of_string(encode_utf8(
      std::vector<char32_t>(runes.begin() + start, runes.begin() + stop)));
}

enum class TrimSide { kBoth, kLeft, kRight };

std::string trim_cutset(const std::string& text, const std::string& cutset,
                        TrimSide side) {
  auto runes = decode_utf8(text);
  auto cut = decode_utf8(cutset);
  auto in_cut = [&](char32_t r) {
    return std::find(cut.begin(), cut.end(), r) != cut.end();
  };
  std::size_t begin = 0;
  std::size_t end = runes.size();
  if (side != TrimSide::kRight) {
    while (begin < end && in_cut(runes[begin])) ++begin;
  }
  if (side != TrimSide::kLeft) {
    while (end > begin && in_cut(runes[end - 1])) --end;
  }
  return encode_utf8(
      std::vector<char32_t>(runes.begin() + static_cast<std::ptrdiff_t>(begin),
                            runes.begin() + static_cast<std::ptrdiff_t>(end)));
}

BuiltinDecl trim(const char* name, TrimSide side) {
  return declare(
      name, {kTypeString, kTypeString}, kTypeString,
      [side](BuiltinArgs args, BuiltinContext&) {
        if (auto error = expect_all(args, {kTypeString, kTypeString})) {
          return *error;
        }
        return of_string(
            trim_cutset(args[0].as_string(), args[1].as_string(), side));
      });
}

BuiltinResult trim_prefix(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  std::string_view text = args[0].as_string();
  if (text.starts_with(args[1].as_string())) {
    text.remove_prefix(args[1].as_string().size());
  }
  return of_string(std::string(text));
}

BuiltinResult trim_suffix(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  std::string_view text = args[0].as_string();
  if (text.ends_with(args[1].as_string())) {
    text.remove_suffix(args[1].as_string().size());
  }
  return of_string(std::string(text));
}

// Unicode White_Space, as Go's unicode.IsSpace.
bool is_go_space(char32_t r) {
  switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

BuiltinResult trim_space(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeString)) return *error;
  auto runes = decode_utf8(args[0].as_string());
  std::size_t begin = 0;
  std::size_t end = runes.size();
  while (begin < end && is_go_space(runes[begin])) ++begin;
  while (end > begin && is_go_space(runes[end - 1])) --end;
  return of_string(encode_utf8(
      std::vector<char32_t>(runes.begin() + static_cast<std::ptrdiff_t>(begin),
                            runes.begin() + static_cast<std::ptrdiff_t>(end))));
}

// Strings of a string, set or array operand of any_prefix_match.
std::optional<BuiltinResult> string_list(BuiltinArgs args, std::size_t index,
                                         std::vector<std::string>& out) {
  const Value& v = args[index];
  if (v.is_string()) {
    out.push_back(v.as_string());
    return std::nullopt;
  }
  if (!v.is_set() && !v.is_array()) {
    return operand_error(index, "one of {string, set, array}", v);
  }
  if (auto error = expect_strings(index, v)) return error;
  for (const Value& item : items_of(v)) out.push_back(item.as_string());
  return std::nullopt;
}

BuiltinDecl any_match(const char* name, bool prefix) {
  return declare(name,
                 {kTypeString | kTypeSet | kTypeArray,
                  kTypeString | kTypeSet | kTypeArray},
                 kTypeBoolean, [prefix](BuiltinArgs args, BuiltinContext&) {
                   std::vector<std::string> texts, affixes;
                   if (auto error = string_list(args, 0, texts)) return *error;
                   if (auto error = string_list(args, 1, affixes)) {
                     return *error;
                   }
                   for (const auto& text : texts) {
                     for (const auto& affix : affixes) {
                       std::string_view t = text;
                       if (prefix ? t.starts_with(affix) : t.ends_with(affix)) {
                         return of_bool(true);
                       }
                     }
                   }
                   return of_bool(false);
                 });
}

// Go's strings.Count: non-overlapping; an empty substring counts the
// code points plus one.
BuiltinResult count(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  const std::string& text = args[0].as_string();
  const std::string& search = args[1].as_string();
  std::int64_t n = 0;
  if (search.empty()) {
    n = static_cast<std::int64_t>(count_runes(text)) + 1;
  } else {
    for (auto at = text.find(search); at != std::string::npos;
         at = text.find(search, at + search.size())) {
      ++n;
    }
  }
  return BuiltinResult::of(Value::integer(n));
}

}  // namespace

namespace {

// ---------------------------------------------------------------------------
// strings.render_template: the subset of Go's text/template that policies
// use: text, {{.a.b}}, {{$}}, {{$x}}, {{$x := pipeline}}, {{if}}/{{else if}}
// /{{else}}/{{end}}, {{range [$i, $v :=] pipeline}}, {{with}}, comments,
// trim markers ({{- and -}}), string/number/bool literals and the functions
// len, index, not, and, or, eq, ne, lt, le, gt, ge, print, printf. Missing
// values print as "<undefined>", as OPA prints them. Pipelines (`.a | printf
// "%05s"`) pass each result on as the next command's last argument; printf
// formats as Go's fmt does, with numbers as json.Number (a string type), the
// way OPA hands the data over.
// TODO(rego): nested templates (define/template/block) and method calls
// are not supported; such templates fail with a "template:"
// eval_builtin_error. Fix: extend TemplateParser.

struct TemplateNode {
  enum class Kind { kText, kAction, kIf, kRange, kWith } kind;
  std::string text;                    // kText
  std::vector<std::string> variables;  // declared by the action or range
  std::vector<std::string> words;      // the pipeline, tokenised
  std::vector<TemplateNode> body;
  std::vector<TemplateNode> otherwise;
};

class TemplateError {
 public:
  std::string message;
};

// Tokenises an action's text: strings, words, parentheses.
bool tokenize_action(std::string_view action, std::vector<std::string>& out) {
  std::size_t i = 0;
  while (i < action.size()) {
    char c = action[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (c == '"' || c == '`') {
      std::size_t end = i + 1;
      while (end < action.size() && action[end] != c) {
        if (c == '"' && action[end] == '\\') ++end;
        ++end;
      }
      if (end >= action.size()) return false;
      out.emplace_back(action.substr(i, end - i + 1));
      i = end + 1;
    } else if (c == '(' || c == ')' || c == '|') {
      out.emplace_back(1, c);
      ++i;
    } else {
      std::size_t end = i;
      while (end < action.size() && action[end] != ' ' && action[end] != '\t' &&
             action[end] != '\n' && action[end] != '(' && action[end] != ')' &&
             action[end] != '|') {
        ++end;
      }
      out.emplace_back(action.substr(i, end - i));
      i = end;
    }
  }
  return true;
}

struct RawAction {
  bool is_text;
  std::string text;
};

// Splits the template into text and action pieces, applying trim markers
// and dropping comments.
std::optional<std::vector<RawAction>> split_template(std::string_view t) {
  std::vector<RawAction> pieces;
  std::size_t i = 0;
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  };
  while (i < t.size()) {
    auto open = t.find("{{", i);
    std::string text(t.substr(
        i, open == std::string_view::npos ? std::string_view::npos : open - i));
    if (open == std::string_view::npos) {
      pieces.push_back({true, text});
      break;
    }
    std::size_t start = open + 2;
    if (start + 1 < t.size() && t[start] == '-' && is_space(t[start + 1])) {
      while (!text.empty() && is_space(text.back())) text.pop_back();
      start += 2;
    }
    pieces.push_back({true, text});
    auto close = t.find("}}", start);
    if (close == std::string_view::npos) return std::nullopt;
    std::size_t end = close;
    bool trim_after =
        close >= 2 && t[close - 1] == '-' && is_space(t[close - 2]);
    if (trim_after) end = close - 2;
    std::string action(t.substr(start, end > start ? end - start : 0));
    i = close + 2;
    if (trim_after) {
      while (i < t.size() && is_space(t[i])) ++i;
    }
    std::string_view trimmed = action;
    while (!trimmed.empty() && is_space(trimmed.front()))
      trimmed.remove_prefix(1);
    if (trimmed.starts_with("/*")) continue;
    pieces.push_back({false, action});
  }
  return pieces;
}

class TemplateParser {
 public:
  explicit TemplateParser(std::vector<RawAction> pieces)
      : pieces_(std::move(pieces)) {}

  // Parses until {{end}} or {{else}}; `stop` receives which one.
  std::vector<TemplateNode> parse_list(std::string& stop, int depth) {
    std::vector<TemplateNode> nodes;
    if (depth > 100) {
      fail("nesting too deep");
      return nodes;
    }
    while (position_ < pieces_.size()) {
      RawAction& piece = pieces_[position_++];
      if (piece.is_text) {
        if (!piece.text.empty()) {
          nodes.push_back(
              {TemplateNode::Kind::kText, piece.text, {}, {}, {}, {}});
        }
        continue;
      }
      std::vector<std::string> words;
      if (!tokenize_action(piece.text, words)) {
        fail("unterminated quoted string");
        return nodes;
      }
      if (words.empty()) {
        fail("missing value for command");
        return nodes;
      }
      const std::string& keyword = words[0];
      if (keyword == "end" || keyword == "else") {
        stop = keyword;
        if (keyword == "else")
          else_words_.assign(words.begin() + 1, words.end());
        return nodes;
      }
      if (keyword == "if" || keyword == "range" || keyword == "with") {
        nodes.push_back(
            parse_block(keyword, {words.begin() + 1, words.end()}, depth));
        continue;
      }
      TemplateNode action{TemplateNode::Kind::kAction, {}, {}, {}, {}, {}};
      take_declaration(words, action);
      action.words = std::move(words);
      nodes.push_back(std::move(action));
    }
    stop.clear();
    return nodes;
  }

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  void fail(const std::string& message) {
    if (error_.empty()) error_ = message;
    position_ = pieces_.size();
  }

  // "$i, $v :=" or "$x :=" at the start of a pipeline.
  static void take_declaration(std::vector<std::string>& words,
                               TemplateNode& node) {
    for (std::size_t k = 0; k < words.size(); ++k) {
      if (words[k] == ":=" || words[k] == "=") {
        for (std::size_t v = 0; v < k; ++v) {
          std::string name = words[v];
          if (!name.empty() && name.back() == ',') name.pop_back();
          if (!name.empty()) node.variables.push_back(name);
        }
        words.erase(words.begin(),
                    words.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        return;
      }
      if (words[k].empty() || words[k][0] != '$') return;
    }
  }

  TemplateNode parse_block(const std::string& keyword,
                           std::vector<std::string> words, int depth) {
    TemplateNode::Kind kind = keyword == "if"      ? TemplateNode::Kind::kIf
                              : keyword == "range" ? TemplateNode::Kind::kRange
                                                   : TemplateNode::Kind::kWith;
    TemplateNode node{kind, {}, {}, {}, {}, {}};
    take_declaration(words, node);
    if (words.empty()) {
      fail("missing value for " + keyword);
      return node;
    }
    node.words = std::move(words);
    std::string stop;
    node.body = parse_list(stop, depth + 1);
    if (stop == "else") {
      std::vector<std::string> chained = else_words_;
      if (!chained.empty() && (chained[0] == "if" || chained[0] == "with")) {
        // {{else if x}} is an if nested in the else branch sharing one end.
        node.otherwise.push_back(parse_block(
            chained[0], {chained.begin() + 1, chained.end()}, depth + 1));
        return node;
      }
      node.otherwise = parse_list(stop, depth + 1);
    }
    if (stop != "end") fail("unexpected EOF");
    return node;
  }

  std::vector<RawAction> pieces_;
  std::size_t position_ = 0;
  std::vector<std::string> else_words_;
  std::string error_;
};

// Prints a value as Go's fmt.Sprint prints the JSON-decoded form.
void append_go(std::string& out, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      out += "<undefined>";
      return;
    case Value::Kind::kBoolean:
      out += v.as_boolean() ? "true" : "false";
      return;
    case Value::Kind::kNumber:
      out += v.number_text();
      return;
    case Value::Kind::kString:
      out += v.as_string();
      return;
    case Value::Kind::kArray:
    case Value::Kind::kSet: {
      out += '[';
      bool first = true;
      for (const Value& item : items_of(v)) {
        if (!first) out += ' ';
        first = false;
        if (item.is_null())
          out += "<nil>";
        else
          append_go(out, item);
      }
      out += ']';
      return;
    }
    case Value::Kind::kObject: {
      out += "map[";
      bool first = true;
      for (const auto& [key, value] : v.object_entries()) {
        if (!first) out += ' ';
        first = false;
        append_go(out, key);
        out += ':';
        if (value.is_null())
          out += "<nil>";
        else
          append_go(out, value);
      }
      out += ']';
      return;
    }
  }
}

bool go_truth(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      return false;
    case Value::Kind::kBoolean:
      return v.as_boolean();
    case Value::Kind::kNumber:
      return v.as_double() != 0;
    default:
      return v.size() > 0;
  }
}

class TemplateRunner {
 public:
  explicit TemplateRunner(const Value& root) {
    variables_.emplace_back("$", root);
  }

  void run(const std::vector<TemplateNode>& nodes, const Value& dot) {
    for (const TemplateNode& node : nodes) {
      if (!error_.empty() || out_.size() > kMaxOutputBytes) return;
      run_node(node, dot);
    }
  }

  std::string& output() { return out_; }
  const std::string& error() const { return error_; }

 private:
  void run_node(const TemplateNode& node, const Value& dot) {
    if (++steps_ > 1'000'000) {
      error_ = "template execution exceeds its step limit";
      return;
    }
    switch (node.kind) {
      case TemplateNode::Kind::kText:
        out_ += node.text;
        return;
      case TemplateNode::Kind::kAction: {
        Value v = evaluate(node.words, dot);
        if (!node.variables.empty()) {
          variables_.emplace_back(node.variables[0], v);
          return;
        }
        append_go(out_, v);
        return;
      }
      case TemplateNode::Kind::kIf:
      case TemplateNode::Kind::kWith: {
        Value v = evaluate(node.words, dot);
        std::size_t mark = variables_.size();
        if (!node.variables.empty())
          variables_.emplace_back(node.variables[0], v);
        if (go_truth(v)) {
          run(node.body, node.kind == TemplateNode::Kind::kWith ? v : dot);
        } else {
          run(node.otherwise, dot);
        }
        variables_.resize(mark);
        return;
      }
      case TemplateNode::Kind::kRange:
        run_range(node, dot);
        return;
    }
  }

  void run_range(const TemplateNode& node, const Value& dot) {
    Value v = evaluate(node.words, dot);
    std::vector<std::pair<Value, Value>> entries;
    if (v.is_object()) {
      entries = v.object_entries();
    } else {
      std::int64_t index = 0;
      for (const Value& item : items_of(v)) {
        entries.emplace_back(Value::integer(index++), item);
      }
    }
    if (entries.empty()) {
      run(node.otherwise, dot);
      return;
    }
    for (const auto& [key, item] : entries) {
      std::size_t mark = variables_.size();
      if (node.variables.size() == 1) {
        variables_.emplace_back(node.variables[0], item);
      } else if (node.variables.size() >= 2) {
        variables_.emplace_back(node.variables[0], key);
        variables_.emplace_back(node.variables[1], item);
      }
      run(node.body, item);
      variables_.resize(mark);
    }
  }

  static Value field(const Value& base, std::string_view path) {
    Value current = base;
    while (!path.empty()) {
      if (path[0] == '.') path.remove_prefix(1);
      auto dot = path.find('.');
      std::string_view name = path.substr(0, dot);
      path =
          dot == std::string_view::npos ? std::string_view() : path.substr(dot);
      if (name.empty()) continue;
      const Value* next = current.find(name);
      if (next == nullptr) return Value();
      current = *next;
    }
    return current;
  }

  Value operand(const std::string& word, const Value& dot) {
    if (word == ".") return dot;
    if (word[0] == '.') return field(dot, word);
    if (word[0] == '$') {
      auto dot_at = word.find('.');
      std::string name = word.substr(0, dot_at);
      for (auto it = variables_.rbegin(); it != variables_.rend(); ++it) {
        if (it->first == name) {
          return dot_at == std::string::npos
                     ? it->second
                     : field(it->second, word.substr(dot_at));
        }
      }
      error_ = "template: undefined variable \"" + name + "\"";
      return Value();
    }
    if (word[0] == '"') {
      auto parsed = parse_json(word);
      return parsed.is_ok() ? parsed.value()
                            : Value::string(word.substr(1, word.size() - 2));
    }
    if (word[0] == '`') return Value::string(word.substr(1, word.size() - 2));
    if (word == "true" || word == "false")
      return Value::boolean(word == "true");
    if (word == "nil") return Value();
    Value number = Value::number_from_text(word);
    if (number.is_number()) return number;
    error_ = "template: function \"" + word + "\" not defined";
    return Value();
  }

  // Evaluates a pipeline: commands separated by `|`, each receiving the
  // previous command's result as its last argument.
  Value evaluate(const std::vector<std::string>& words, const Value& dot) {
    // Parentheses recurse; hostile templates must not exhaust the stack.
    if (nesting_ >= kMaxNesting) {
      error_ = "template: parentheses nested too deeply";
      return Value();
    }
    ++nesting_;
    Value result = pipeline(words, dot);
    --nesting_;
    return result;
  }

  Value pipeline(const std::vector<std::string>& words, const Value& dot) {
    std::vector<std::string> current;
    std::optional<Value> piped;
    int level = 0;
    for (std::size_t i = 0; i <= words.size(); ++i) {
      if (i < words.size() && (words[i] != "|" || level > 0)) {
        if (words[i] == "(") ++level;
        if (words[i] == ")") --level;
        current.push_back(words[i]);
        continue;
      }
      piped = command(current, dot, piped ? &*piped : nullptr);
      if (!error_.empty()) return Value();
      current.clear();
    }
    return piped ? *piped : Value();
  }

  // One command: a call `fn args...` or one operand; `piped` is the value
  // of the command before it in the pipeline.
  Value command(const std::vector<std::string>& words, const Value& dot,
                const Value* piped) {
    if (words.empty() || words[0].empty()) {
      error_ = "template: missing value for command";
      return Value();
    }
    std::vector<Value> args;
    std::size_t i = 1;
    const std::string& head = words[0];
    static const char* kFunctions[] = {"len", "index", "not",   "and", "or",
                                       "eq",  "ne",    "lt",    "le",  "gt",
                                       "ge",  "print", "printf"};
    bool is_function = std::find_if(std::begin(kFunctions),
                                    std::end(kFunctions), [&](const char* f) {
                                      return head == f;
                                    }) != std::end(kFunctions);
    if (head == "(" && words.back() == ")" && piped == nullptr &&
        closing_paren(words, 0) == words.size() - 1) {
      return evaluate({words.begin() + 1, words.end() - 1}, dot);
    }
    if (!is_function) {
      if (words.size() > 1 || piped != nullptr) {
        error_ = "template: can't give argument to non-function " + head;
        return Value();
      }
      return operand(head, dot);
    }
    while (i < words.size()) {
      if (words[i] == "(") {
        int level = 0;
        std::size_t j = i;
        for (; j < words.size(); ++j) {
          if (words[j] == "(") ++level;
          if (words[j] == ")" && --level == 0) break;
        }
        if (j >= words.size() || j == i + 1) {
          error_ = "template: unclosed left paren";
          return Value();
        }
        args.push_back(
            evaluate({words.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                      words.begin() + static_cast<std::ptrdiff_t>(j)},
                     dot));
        i = j + 1;
        continue;
      }
      args.push_back(operand(words[i++], dot));
    }
    if (piped != nullptr) args.push_back(*piped);
    return call(head, args);
  }

  // Index of the ")" that closes the "(" at `open`; words.size() if none.
  static std::size_t closing_paren(const std::vector<std::string>& words,
                                   std::size_t open) {
    int level = 0;
    for (std::size_t j = open; j < words.size(); ++j) {
      if (words[j] == "(") ++level;
      if (words[j] == ")" && --level == 0) return j;
    }
    return words.size();
  }

  // Go's printf over template data: OPA hands the template its variables
  // decoded from JSON with numbers kept as json.Number, a string type.
  static FormatArg printf_arg(const Value& v) {
    switch (v.kind()) {
      case Value::Kind::kNull:
        return {FormatArg::Kind::kNil, {}, {}};
      case Value::Kind::kBoolean:
        return {FormatArg::Kind::kBool, {}, v.as_boolean() ? "true" : "false"};
      case Value::Kind::kNumber:
        return {FormatArg::Kind::kString, {}, v.number_text(), "json.Number"};
      case Value::Kind::kString:
        return {FormatArg::Kind::kString, {}, v.as_string()};
      default:
        break;
    }
    std::string text;
    append_go(text, v);
    return {FormatArg::Kind::kString,
            {},
            text,
            v.is_object() ? "map[string]interface {}" : "[]interface {}"};
  }

  Value call(const std::string& name, const std::vector<Value>& args) {
    auto need = [&](std::size_t n) {
      if (args.size() >= n) return true;
      error_ = "template: wrong number of args for " + name;
      return false;
    };
    if (name == "len") {
      if (!need(1)) return Value();
      return Value::integer(static_cast<std::int64_t>(
          args[0].is_string() ? args[0].size() : args[0].size()));
    }
    if (name == "index") {
      if (!need(1)) return Value();
      Value current = args[0];
      for (std::size_t k = 1; k < args.size(); ++k) {
        if (current.is_array() && args[k].is_int64() &&
            args[k].as_int64() >= 0 &&
            static_cast<std::size_t>(args[k].as_int64()) < current.size()) {
          current =
              current
                  .array_items()[static_cast<std::size_t>(args[k].as_int64())];
        } else {
          const Value* next = current.find(args[k]);
          current = next != nullptr ? *next : Value();
        }
      }
      return current;
    }
    if (name == "not")
      return need(1) ? Value::boolean(!go_truth(args[0])) : Value();
    if (name == "and" || name == "or") {
      if (!need(1)) return Value();
      for (const Value& a : args) {
        if (go_truth(a) != (name == "and")) return a;
      }
      return args.back();
    }
    if (name == "printf") {
      if (!need(1)) return Value();
      if (!args[0].is_string()) {
        error_ = "template: printf: format is not a string";
        return Value();
      }
      std::vector<FormatArg> format_args;
      for (std::size_t k = 1; k < args.size(); ++k) {
        format_args.push_back(printf_arg(args[k]));
      }
      return Value::string(go_sprintf(args[0].as_string(), format_args));
    }
    if (name == "print") {
      std::string text;
      for (std::size_t k = 0; k < args.size(); ++k) {
        if (k > 0 && !args[k].is_string() && !args[k - 1].is_string())
          text += ' ';
        append_go(text, args[k]);
      }
      return Value::string(std::move(text));
    }
    if (!need(2)) return Value();
    int c = args[0].compare(args[1]);
    if (name == "eq") {
      for (std::size_t k = 1; k < args.size(); ++k) {
        if (args[0] == args[k]) return Value::boolean(true);
      }
      return Value::boolean(false);
    }
    if (name == "ne") return Value::boolean(c != 0);
    if (name == "lt") return Value::boolean(c < 0);
    if (name == "le") return Value::boolean(c <= 0);
    if (name == "gt") return Value::boolean(c > 0);
    return Value::boolean(c >= 0);
  }

  static constexpr int kMaxNesting = 100;

  std::vector<std::pair<std::string, Value>> variables_;
  std::string out_;
  std::string error_;
  std::size_t steps_ = 0;
  int nesting_ = 0;
};

BuiltinResult render_template(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeObject})) {
    return *error;
  }
  auto pieces = split_template(args[0].as_string());
  if (!pieces) {
    return BuiltinResult::error("template: template:1: unclosed action");
  }
  TemplateParser parser(std::move(*pieces));
  std::string stop;
  auto nodes = parser.parse_list(stop, 0);
  if (parser.failed() || !stop.empty()) {
    std::string message =
        parser.failed() ? parser.error() : "unexpected {{" + stop + "}}";
    return BuiltinResult::error("template: template:1: " + message);
  }
  TemplateRunner runner(args[1]);
  runner.run(nodes, args[1]);
  if (!runner.error().empty()) return BuiltinResult::error(runner.error());
  return of_string(std::move(runner.output()));
}

}  // namespace

void register_string_builtins(BuiltinRegistry& registry) {
  constexpr TypeMask S = kTypeString;
  constexpr TypeMask N = kTypeNumber;
  registry.add(declare("sprintf", {S, kTypeArray}, S, sprintf));
  registry.add(declare("concat", {S, kTypeArray | kTypeSet}, S, concat));
  registry.add(
      string_predicate("contains", [](std::string_view a, std::string_view b) {
        return a.find(b) != std::string_view::npos;
      }));
  registry.add(string_predicate(
      "startswith",
      [](std::string_view a, std::string_view b) { return a.starts_with(b); }));
  registry.add(string_predicate(
      "endswith",
      [](std::string_view a, std::string_view b) { return a.ends_with(b); }));
  registry.add(declare("format_int", {N, N}, S, format_int));
  registry.add(declare("indexof", {S, S}, N, indexof));
  registry.add(declare("indexof_n", {S, S}, kTypeArray, indexof_n));
  registry.add(change_case("lower", false));
  registry.add(change_case("upper", true));
  registry.add(declare("replace", {S, S, S}, S, replace));
  registry.add(declare("strings.replace_n", {kTypeObject, S}, S, replace_n));
  registry.add(declare("strings.reverse", {S}, S, reverse));
  registry.add(declare("split", {S, S}, kTypeArray, split));
  registry.add(declare("strings.split_n", {S, S, N}, kTypeArray, split_n));
  registry.add(declare("substring", {S, N, N}, S, substring));
  registry.add(trim("trim", TrimSide::kBoth));
  registry.add(trim("trim_left", TrimSide::kLeft));
  registry.add(trim("trim_right", TrimSide::kRight));
  registry.add(declare("trim_prefix", {S, S}, S, trim_prefix));
  registry.add(declare("trim_suffix", {S, S}, S, trim_suffix));
  registry.add(declare("trim_space", {S}, S, trim_space));
  registry.add(any_match("strings.any_prefix_match", true));
  registry.add(any_match("strings.any_suffix_match", false));
  registry.add(declare("strings.count", {S, S}, N, count));
  registry.add(
      declare("strings.render_template", {S, kTypeObject}, S, render_template));
}

}  // namespace rampart::rego
