// SPDX-License-Identifier: Apache-2.0
//
// units.parse and units.parse_bytes: quantities with SI or binary suffixes
// ("100m", "1.5Gi", "10KB") as numbers, computed exactly with GMP
// rationals.
//
// Accepted form: a number (digits with an optional fraction and an
// optional exponent of at most six digits; double quotes anywhere are
// dropped) directly followed by a suffix; spaces are an error. units.parse
// keeps the case of the suffix's first letter ("m" milli, "M" mega) and
// returns an exact integer, or a float rounded to 10 decimals as OPA does;
// units.parse_bytes ignores case and truncates to an integer. The suffix
// set is OPA's, no more: E, P, T, G, M, k/K, m and the binary Ki..Ei (with
// an optional "b" for bytes); any other suffix ("1Q", "1d", "1Yi") is
// OPA's "unit ... not recognized" error, so a policy that runs here runs
// the same under OPA. Errors are OPA's messages; stateless and thread-safe.
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <gmp.h>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect_all;

// RAII holder for a GMP rational.
class Rational {
 public:
  Rational() { mpq_init(value_); }
  Rational(const Rational&) = delete;
  Rational& operator=(const Rational&) = delete;
  ~Rational() { mpq_clear(value_); }
  mpq_ptr get() { return value_; }

 private:
  mpq_t value_;
};

// A multiplier: 10^exponent or 2^exponent.
struct Scale {
  int exponent = 0;
  bool binary = false;
};

void apply_scale(mpq_ptr q, Scale scale) {
  mpz_t factor;
  mpz_init(factor);
  mpz_ui_pow_ui(factor, scale.binary ? 2 : 10,
                static_cast<unsigned long>(std::abs(scale.exponent)));
  Rational f;
  mpq_set_z(f.get(), factor);
  mpz_clear(factor);
  if (scale.exponent >= 0) {
    mpq_mul(q, q, f.get());
  } else {
    mpq_div(q, q, f.get());
  }
}

// Splits "1.5e3Ki" into "1.5e3" and "Ki": the number runs over digits,
// dots and signs, and over an 'e' only when a digit or sign follows.
std::pair<std::string, std::string> split_amount(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    bool digit = c >= '0' && c <= '9';
    if (digit || c == '.' || c == '+' || c == '-') {
      ++i;
      continue;
    }
    if ((c == 'e' || c == 'E') && i + 1 < s.size()) {
      char next = s[i + 1];
      if ((next >= '0' && next <= '9') || next == '+' || next == '-') {
        i += 2;
        continue;
      }
    }
    break;
  }
  return {s.substr(0, i), s.substr(i)};
}

enum class AmountError { kNone, kNotNumber, kExponentTooLarge };

// Parses [+-]digits[.digits][e[+-]digits] exactly into `q`.
AmountError parse_amount(const std::string& text, mpq_ptr q) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  std::string digits;
  int fraction_digits = 0;
  bool seen_dot = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      if (seen_dot) ++fraction_digits;
    } else if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else {
      break;
    }
  }
  if (digits.empty()) return AmountError::kNotNumber;
  long exponent = 0;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return AmountError::kNotNumber;
    ++i;
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      exponent_negative = text[i] == '-';
      ++i;
    }
    std::string exponent_digits = text.substr(i);
    if (exponent_digits.empty()) return AmountError::kNotNumber;
    for (char c : exponent_digits) {
      if (c < '0' || c > '9') return AmountError::kNotNumber;
    }
    if (exponent_digits.size() > 6) return AmountError::kExponentTooLarge;
    exponent = std::stol(exponent_digits);
    if (exponent_negative) exponent = -exponent;
  }
  mpz_t integer;
  mpz_init_set_str(integer, digits.c_str(), 10);
  if (negative) mpz_neg(integer, integer);
  mpq_set_z(q, integer);
  mpz_clear(integer);
  long scale = exponent - fraction_digits;
  apply_scale(q, Scale{static_cast<int>(scale), false});
  return AmountError::kNone;
}

std::optional<Scale> decimal_unit(const std::string& unit) {
  struct Entry {
    const char* name;
    Scale scale;
  };
  static const Entry kUnits[] = {
      {"", {0}},          {"k", {3}},         {"K", {3}},
      {"M", {6}},         {"G", {9}},         {"g", {9}},
      {"T", {12}},        {"t", {12}},        {"P", {15}},
      {"p", {15}},        {"E", {18}},        {"e", {18}},
      {"m", {-3}},        {"ki", {10, true}}, {"Ki", {10, true}},
      {"mi", {20, true}}, {"Mi", {20, true}}, {"gi", {30, true}},
      {"Gi", {30, true}}, {"ti", {40, true}}, {"Ti", {40, true}},
      {"pi", {50, true}}, {"Pi", {50, true}}, {"ei", {60, true}},
      {"Ei", {60, true}},
  };
  for (const Entry& entry : kUnits) {
    if (unit == entry.name) return entry.scale;
  }
  return std::nullopt;
}

std::optional<Scale> byte_unit(const std::string& unit) {
  static const char* kDecimal = "kmgtpe";
  if (unit.empty()) return Scale{0};
  char letter = unit[0];
  const char* found = std::strchr(kDecimal, letter);
  if (found == nullptr || letter == '\0') return std::nullopt;
  auto index = static_cast<std::size_t>(found - kDecimal);
  std::string rest = unit.substr(1);
  if (rest.empty() || rest == "b") {
    return Scale{static_cast<int>(3 * (index + 1)), false};
  }
  if (rest == "i" || rest == "ib") {
    return Scale{static_cast<int>(10 * (index + 1)), true};
  }
  return std::nullopt;
}

std::string strip_quotes(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != '"') out += c;
  }
  return out;
}

// The exact rational as a Value: an integer when integral; otherwise a
// float, from the decimal text rounded to 10 places (OPA's FloatString(10)).
Value rational_value(mpq_ptr q) {
  if (mpz_cmp_ui(mpq_denref(q), 1) == 0) {
    return Value::from_big_integer_handle(mpq_numref(q));
  }
  // Round half away from zero at 10 decimals.
  Rational scaled;
  mpq_set(scaled.get(), q);
  apply_scale(scaled.get(), Scale{10});
  mpz_t rounded, remainder;
  mpz_inits(rounded, remainder, nullptr);
  mpz_tdiv_qr(rounded, remainder, mpq_numref(scaled.get()),
              mpq_denref(scaled.get()));
  mpz_mul_ui(remainder, remainder, 2);
  if (mpz_cmpabs(remainder, mpq_denref(scaled.get())) >= 0) {
    if (mpq_sgn(scaled.get()) < 0) {
      mpz_sub_ui(rounded, rounded, 1);
    } else {
      mpz_add_ui(rounded, rounded, 1);
    }
  }
  char* digits = mpz_get_str(nullptr, 10, rounded);
  std::string text = digits;
  void (*free_function)(void*, std::size_t);
  mp_get_memory_functions(nullptr, nullptr, &free_function);
  free_function(digits, std::strlen(digits) + 1);
  mpz_clears(rounded, remainder, nullptr);

  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  if (text.size() <= 10) text.insert(0, 11 - text.size(), '0');
  text.insert(text.size() - 10, ".");
  if (negative) text.insert(0, "-");
  return Value::number_from_text(text);
}

// Shared front half of both built-ins: quotes dropped, spaces refused,
// amount and unit split, amount parsed into `amount`. OPA words the
// messages of units.parse_bytes with "byte" (`what` is "" or "byte ").
std::optional<BuiltinResult> read_quantity(std::string text, mpq_ptr amount,
                                           std::string* unit,
                                           const std::string& what) {
  text = strip_quotes(text);
  if (text.find(' ') != std::string::npos) {
    return BuiltinResult::error("spaces not allowed in resource strings");
  }
  auto [number, suffix] = split_amount(text);
  if (number.empty()) {
    return BuiltinResult::error("no " + what + "amount provided");
  }
  *unit = suffix;
  switch (parse_amount(number, amount)) {
    case AmountError::kNone:
      return std::nullopt;
    case AmountError::kExponentTooLarge:
      return BuiltinResult::error("exponent too large");
    case AmountError::kNotNumber:
      break;
  }
  return BuiltinResult::error("could not parse " + what + "amount to a number");
}

BuiltinResult parse_units(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  Rational amount;
  std::string unit;
  if (auto error =
          read_quantity(args[0].as_string(), amount.get(), &unit, "")) {
    return *error;
  }
  auto scale = decimal_unit(unit);
  if (!scale && unit.size() > 1) {
    // Only the first letter's case matters ("mI" is "mi").
    std::string folded = unit.substr(0, 1);
    for (std::size_t i = 1; i < unit.size(); ++i) {
      folded +=
          static_cast<char>(std::tolower(static_cast<unsigned char>(unit[i])));
    }
    scale = decimal_unit(folded);
  }
  if (!scale) return BuiltinResult::error("unit " + unit + " not recognized");
  apply_scale(amount.get(), *scale);
  return BuiltinResult::of(rational_value(amount.get()));
}

BuiltinResult parse_bytes(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string text = args[0].as_string();
  for (char& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  Rational amount;
  std::string unit;
  if (auto error = read_quantity(text, amount.get(), &unit, "byte ")) {
    return *error;
  }
  auto scale = byte_unit(unit);
  if (!scale) {
    return BuiltinResult::error("byte unit " + unit + " not recognized");
  }
  apply_scale(amount.get(), *scale);
  mpz_t whole;
  mpz_init(whole);
  mpz_tdiv_q(whole, mpq_numref(amount.get()), mpq_denref(amount.get()));
  Value result = Value::from_big_integer_handle(whole);
  mpz_clear(whole);
  return BuiltinResult::of(result);
}

}  // namespace

void register_units_builtins(BuiltinRegistry& registry) {
  registry.add(declare("units.parse", {kTypeString}, kTypeNumber, parse_units));
  registry.add(
      declare("units.parse_bytes", {kTypeString}, kTypeNumber, parse_bytes));
}

}  // namespace rampart::rego
