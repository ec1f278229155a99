// SPDX-License-Identifier: Apache-2.0
//
// Shared helpers of the built-in groups; see support.h.
#include "rego/builtins/support.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <list>
#include <mutex>
#include <unordered_map>

#include <gmp.h>
#include <re2/re2.h>

namespace rampart::rego::builtins {
namespace {

// RAII holder for a GMP integer.
class Mpz {
 public:
  Mpz() { mpz_init(value_); }
  explicit Mpz(const Value& integer) {
    mpz_init(value_);
    if (integer.is_big()) {
      mpz_set(value_,
              static_cast<const __mpz_struct*>(integer.big_integer_handle()));
    } else {
      mpz_set_si(value_, static_cast<long>(integer.as_int64()));
    }
  }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
  ~Mpz() { mpz_clear(value_); }
  mpz_ptr get() { return value_; }
  Value value() const { return Value::from_big_integer_handle(value_); }

 private:
  mpz_t value_;
};

}  // namespace

BuiltinResult operand_error(std::size_t index, std::string_view expected,
                            std::string_view got) {
  std::string message = "operand " + std::to_string(index + 1) + " must be ";
  message += expected;
  message += " but got ";
  message += got;
  return BuiltinResult::type_error(std::move(message));
}

BuiltinResult operand_error(std::size_t index, std::string_view expected,
                            const Value& got) {
  return operand_error(index, expected, std::string_view(type_name(got)));
}

BuiltinResult operand_error(std::size_t index, TypeMask expected,
                            const Value& got) {
  return operand_error(index, describe_types(expected), got);
}

std::optional<BuiltinResult> expect(BuiltinArgs args, std::size_t index,
                                    TypeMask mask) {
  if (index >= args.size()) {
    return BuiltinResult::type_error("missing operand " +
                                     std::to_string(index + 1));
  }
  if (type_of(args[index]) & mask) return std::nullopt;
  return operand_error(index, mask, args[index]);
}

std::optional<BuiltinResult> expect_all(BuiltinArgs args,
                                        std::initializer_list<TypeMask> masks) {
  std::size_t index = 0;
  for (TypeMask mask : masks) {
    if (auto error = expect(args, index, mask)) return error;
    ++index;
  }
  return std::nullopt;
}

BuiltinDecl declare(std::string name, std::vector<TypeMask> args,
                    TypeMask result, BuiltinFunction function) {
  BuiltinDecl decl;
  decl.name = std::move(name);
  decl.args = std::move(args);
  decl.result = result;
  decl.function = std::move(function);
  return decl;
}

bool is_integral(const Value& number) {
  if (number.is_integer()) return true;
  if (!number.is_float()) return false;
  double d = number.as_double();
  return std::isfinite(d) && std::floor(d) == d;
}

std::optional<std::int64_t> to_int64(const Value& number) {
  if (number.is_int64()) return number.as_int64();
  if (!number.is_float()) return std::nullopt;
  double d = number.as_double();
  // Integral floats within 64 bits are stored as integers already; a float
  // here is either fractional or out of range.
  (void)d;
  return std::nullopt;
}

std::optional<BuiltinResult> expect_integer(BuiltinArgs args,
                                            std::size_t index) {
  if (is_integral(args[index])) return std::nullopt;
  return operand_error(index, "integer number", "floating-point number");
}

// OPA computes with arbitrary-precision decimals: an integral float beyond
// 64 bits (1e30) is the integer its shortest decimal text denotes, so
// 1e30 + 1 is exactly 10^30 + 1. Other floats stay binary64.
Value exact_integer(const Value& number) {
  if (!number.is_float()) return number;
  double d = number.as_double();
  if (!std::isfinite(d) || std::floor(d) != d) return number;
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d,
                                 std::chars_format::scientific);
  if (ec != std::errc()) return number;
  std::string text(buffer, end);
  auto e = text.find('e');
  int exponent = std::atoi(text.c_str() + e + 1);
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  bool negative = digits[0] == '-';
  if (negative) digits.erase(0, 1);
  int zeros = exponent - static_cast<int>(digits.size()) + 1;
  if (zeros < 0 || zeros > 400) return number;
  digits.append(static_cast<std::size_t>(zeros), '0');
  return Value::big_integer((negative ? "-" : "") + digits);
}

namespace {

// Integral operands (including big integral floats) as exact integers;
// false when either has a fraction.
bool exact_operands(const Value& a, const Value& b, Value& x, Value& y) {
  x = exact_integer(a);
  y = exact_integer(b);
  return x.is_integer() && y.is_integer();
}

// A binary64 result; integral results beyond 64 bits become exact.
Value float_result(double d) { return exact_integer(Value::floating(d)); }

}  // namespace

Value add_numbers(const Value& a, const Value& b) {
  if (a.is_int64() && b.is_int64()) {
    std::int64_t sum;
    if (!__builtin_add_overflow(a.as_int64(), b.as_int64(), &sum)) {
      return Value::integer(sum);
    }
  }
  Value ea, eb;
  if (exact_operands(a, b, ea, eb)) {
    Mpz x(ea), y(eb), r;
    mpz_add(r.get(), x.get(), y.get());
    return r.value();
  }
  return float_result(a.as_double() + b.as_double());
}

Value subtract_numbers(const Value& a, const Value& b) {
  if (a.is_int64() && b.is_int64()) {
    std::int64_t difference;
    if (!__builtin_sub_overflow(a.as_int64(), b.as_int64(), &difference)) {
      return Value::integer(difference);
    }
  }
  Value ea, eb;
  if (exact_operands(a, b, ea, eb)) {
    Mpz x(ea), y(eb), r;
    mpz_sub(r.get(), x.get(), y.get());
    return r.value();
  }
  return float_result(a.as_double() - b.as_double());
}

Value multiply_numbers(const Value& a, const Value& b) {
  if (a.is_int64() && b.is_int64()) {
    std::int64_t product;
    if (!__builtin_mul_overflow(a.as_int64(), b.as_int64(), &product)) {
      return Value::integer(product);
    }
  }
  Value ea, eb;
  if (exact_operands(a, b, ea, eb)) {
    Mpz x(ea), y(eb), r;
    mpz_mul(r.get(), x.get(), y.get());
    return r.value();
  }
  return float_result(a.as_double() * b.as_double());
}

Value negate_number(const Value& a) {
  return subtract_numbers(Value::integer(0), a);
}

const std::vector<Value>& items_of(const Value& collection) {
  static const std::vector<Value> kEmpty;
  if (collection.is_array()) return collection.array_items();
  if (collection.is_set()) return collection.set_items();
  return kEmpty;
}

std::vector<char32_t> decode_utf8(std::string_view text) {
  std::vector<char32_t> runes;
  runes.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    int length = c < 0x80         ? 1
                 : (c >> 5) == 6  ? 2
                 : (c >> 4) == 14 ? 3
                 : (c >> 3) == 30 ? 4
                                  : 0;
    char32_t rune = length == 1   ? c
                    : length == 2 ? (c & 0x1F)
                    : length == 3 ? (c & 0x0F)
                                  : (c & 0x07);
    bool valid =
        length > 0 && i + static_cast<std::size_t>(length) <= text.size();
    for (int k = 1; valid && k < length; ++k) {
      auto next =
          static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      valid = (next & 0xC0) == 0x80;
      rune = (rune << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values beyond U+10FFFF are invalid.
    static const char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    valid = valid && rune >= kMinimum[length] && rune <= 0x10FFFF &&
            (rune < 0xD800 || rune > 0xDFFF);
    if (!valid) {
      runes.push_back(0xFFFD);
      ++i;
      continue;
    }
    runes.push_back(rune);
    i += static_cast<std::size_t>(length);
  }
  return runes;
}

void append_utf8(std::string& out, char32_t rune) {
  if (rune < 0x80) {
    out.push_back(static_cast<char>(rune));
  } else if (rune < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (rune >> 6)));
    out.push_back(static_cast<char>(0x80 | (rune & 0x3F)));
  } else if (rune < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (rune >> 12)));
    out.push_back(static_cast<char>(0x80 | ((rune >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (rune & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (rune >> 18)));
    out.push_back(static_cast<char>(0x80 | ((rune >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((rune >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (rune & 0x3F)));
  }
}

std::string encode_utf8(const std::vector<char32_t>& runes) {
  std::string out;
  out.reserve(runes.size());
  for (char32_t rune : runes) append_utf8(out, rune);
  return out;
}

std::size_t count_runes(std::string_view text) {
  return decode_utf8(text).size();
}

namespace {

// Go's wording for RE2's error codes, so messages read as OPA's do.
const char* go_regex_error(re2::RE2::ErrorCode code) {
  switch (code) {
    case re2::RE2::ErrorMissingParen:
      return "missing closing )";
    case re2::RE2::ErrorMissingBracket:
      return "missing closing ]";
    case re2::RE2::ErrorBadEscape:
      return "invalid escape sequence";
    case re2::RE2::ErrorBadCharRange:
      return "invalid character class range";
    case re2::RE2::ErrorBadCharClass:
      return "invalid character class";
    case re2::RE2::ErrorRepeatArgument:
      return "missing argument to repetition operator";
    case re2::RE2::ErrorRepeatSize:
      return "invalid repeat count";
    case re2::RE2::ErrorRepeatOp:
      return "invalid nested repetition operator";
    case re2::RE2::ErrorBadPerlOp:
      return "invalid or unsupported Perl syntax";
    case re2::RE2::ErrorBadUTF8:
      return "invalid UTF-8";
    case re2::RE2::ErrorBadNamedCapture:
      return "invalid named capture";
    case re2::RE2::ErrorPatternTooLarge:
      return "expression too large";
    default:
      return "invalid regular expression";
  }
}

// A bounded least-recently-used map from pattern text to compiled RE2.
class RegexCache {
 public:
  std::shared_ptr<const re2::RE2> get(std::string_view pattern,
                                      std::string* error) {
    std::string key(pattern);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto found = index_.find(key);
      if (found != index_.end()) {
        order_.splice(order_.begin(), order_, found->second);
        return found->second->second;
      }
    }
    // Compile outside the lock: RE2 compilation can take a while.
    re2::RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(kMaxMemory);
    auto compiled = std::make_shared<const re2::RE2>(key, options);
    if (!compiled->ok()) {
      if (error != nullptr) {
        *error = std::string("error parsing regexp: ") +
                 go_regex_error(compiled->error_code()) + ": `" +
                 compiled->error_arg() + "`";
      }
      return nullptr;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (index_.find(key) == index_.end()) {
      order_.emplace_front(key, compiled);
      index_[key] = order_.begin();
      if (order_.size() > kCapacity) {
        index_.erase(order_.back().first);
        order_.pop_back();
      }
    }
    return compiled;
  }

 private:
  static constexpr std::size_t kCapacity = 1024;
  static constexpr std::int64_t kMaxMemory = 8 << 20;
  using Entry = std::pair<std::string, std::shared_ptr<const re2::RE2>>;

  std::mutex mutex_;
  std::list<Entry> order_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace

std::shared_ptr<const re2::RE2> compile_regex(std::string_view pattern,
                                              std::string* error) {
  static RegexCache* cache = new RegexCache();
  return cache->get(pattern, error);
}

}  // namespace rampart::rego::builtins
