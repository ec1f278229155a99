// SPDX-License-Identifier: Apache-2.0
//
// OPA's number built-ins: the arithmetic operators under their internal
// names (plus, minus, mul, div, rem), rounding, abs, numbers.range and
// numbers.range_step, and the bits.* family.
//
// Integers are exact: a 64-bit fast path that never allocates, GMP when a
// result overflows. A float operand makes the result a float (binary64, as
// OPA's results print). Untrusted operands are bounded: ranges are capped at
// kMaxRangeItems items and shifts at kMaxShiftBits bits; beyond those the
// call fails with an eval_builtin_error instead of exhausting memory.
#include <cmath>

#include <gmp.h>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect;
using builtins::expect_integer;
using builtins::operand_error;

constexpr std::int64_t kMaxRangeItems = 10'000'000;
constexpr std::int64_t kMaxShiftBits = 1 << 20;

class Mpz {
 public:
  Mpz() { mpz_init(value_); }
  // `number` must be integral.
  explicit Mpz(const Value& number) {
    mpz_init(value_);
    if (number.is_big()) {
      mpz_set(value_,
              static_cast<const __mpz_struct*>(number.big_integer_handle()));
    } else if (number.is_int64()) {
      mpz_set_si(value_, static_cast<long>(number.as_int64()));
    } else {
      mpz_set_d(value_, number.as_double());
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

// An integral double as an exact integer Value, however large.
Value integer_from_double(double d) {
  if (d >= -9.2e18 && d <= 9.2e18) {
    return Value::integer(static_cast<std::int64_t>(d));
  }
  return builtins::exact_integer(Value::floating(d));
}

bool is_zero(const Value& number) {
  return number.is_int64() ? number.as_int64() == 0
                           : !number.is_big() && number.as_double() == 0.0;
}

bool is_negative(const Value& number) {
  if (number.is_int64()) return number.as_int64() < 0;
  if (number.is_big()) {
    return mpz_sgn(static_cast<const __mpz_struct*>(
               number.big_integer_handle())) < 0;
  }
  return number.as_double() < 0;
}

// Checks two number operands.
std::optional<BuiltinResult> expect_numbers(BuiltinArgs args) {
  if (auto error = expect(args, 0, kTypeNumber)) return error;
  return expect(args, 1, kTypeNumber);
}

BuiltinDecl arithmetic(const char* name,
                       Value (*op)(const Value&, const Value&)) {
  return declare(name, {kTypeNumber, kTypeNumber}, kTypeNumber,
                 [op](BuiltinArgs args, BuiltinContext&) {
                   if (auto error = expect_numbers(args)) return *error;
                   return BuiltinResult::of(op(args[0], args[1]));
                 });
}

BuiltinResult set_difference(const Value& a, const Value& b) {
  std::vector<Value> kept;
  for (const Value& item : a.set_items()) {
    if (!b.contains(item)) kept.push_back(item);
  }
  return BuiltinResult::of(Value::set_sorted(std::move(kept)));
}

BuiltinResult minus(BuiltinArgs args, BuiltinContext&) {
  const Value& a = args[0];
  const Value& b = args[1];
  if (a.is_number() && b.is_number()) {
    return BuiltinResult::of(builtins::subtract_numbers(a, b));
  }
  if (a.is_set() && b.is_set()) return set_difference(a, b);
  if (!a.is_number() && !a.is_set()) {
    return operand_error(0, "one of {number, set}", a);
  }
  return operand_error(1, a.is_number() ? "number" : "set", b);
}

BuiltinResult divide(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_numbers(args)) return *error;
  const Value& a = args[0];
  const Value& b = args[1];
  if (is_zero(b)) return BuiltinResult::error("divide by zero");

  if (a.is_int64() && b.is_int64()) {
    std::int64_t x = a.as_int64();
    std::int64_t y = b.as_int64();
    bool overflows = x == INT64_MIN && y == -1;
    if (!overflows && x % y == 0)
      return BuiltinResult::of(Value::integer(x / y));
  } else if (a.is_integer() && b.is_integer()) {
    Mpz x(a), y(b);
    if (mpz_divisible_p(x.get(), y.get())) {
      Mpz q;
      mpz_divexact(q.get(), x.get(), y.get());
      return BuiltinResult::of(q.value());
    }
  }
  return BuiltinResult::of(Value::floating(a.as_double() / b.as_double()));
}

BuiltinResult remainder(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_numbers(args)) return *error;
  const Value& a = args[0];
  const Value& b = args[1];
  // Integral floats beyond 64 bits are floats to OPA here, as in Go's
  // big.Int parsing of their text.
  if (!a.is_integer() || !b.is_integer()) {
    return BuiltinResult::error("modulo on floating-point number");
  }
  if (is_zero(b)) return BuiltinResult::error("modulo by zero");

  if (a.is_int64() && b.is_int64()) {
    if (b.as_int64() == -1) return BuiltinResult::of(Value::integer(0));
    return BuiltinResult::of(Value::integer(a.as_int64() % b.as_int64()));
  }
  // Truncated division: the remainder takes the dividend's sign, as Go's.
  Mpz x(a), y(b), r;
  mpz_tdiv_r(r.get(), x.get(), y.get());
  return BuiltinResult::of(r.value());
}

BuiltinDecl rounding(const char* name, double (*op)(double)) {
  return declare(
      name, {kTypeNumber}, kTypeNumber,
      [op](BuiltinArgs args, BuiltinContext&) {
        if (auto error = expect(args, 0, kTypeNumber)) return *error;
        if (args[0].is_integer()) return BuiltinResult::of(args[0]);
        return BuiltinResult::of(integer_from_double(op(args[0].as_double())));
      });
}

BuiltinResult absolute(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeNumber)) return *error;
  const Value& a = args[0];
  if (a.is_float())
    return BuiltinResult::of(Value::floating(std::fabs(a.as_double())));
  return BuiltinResult::of(is_negative(a) ? builtins::negate_number(a) : a);
}

// Integer operand as int64 for ranges: type and integrality checked.
std::optional<BuiltinResult> expect_integer_number(BuiltinArgs args,
                                                   std::size_t index) {
  if (auto error = expect(args, index, kTypeNumber)) return error;
  return expect_integer(args, index);
}

BuiltinResult make_range(const Value& from, const Value& to,
                         const Value& step) {
  if (!from.is_int64() || !to.is_int64()) {
    return BuiltinResult::error("range bounds exceed 64 bits");
  }
  std::int64_t a = from.as_int64();
  std::int64_t b = to.as_int64();
  // A step wider than the span yields only the first bound.
  std::int64_t s = step.is_int64() ? step.as_int64() : INT64_MAX;
  std::uint64_t span =
      a <= b ? static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a)
             : static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b);
  std::uint64_t count = span / static_cast<std::uint64_t>(s) + 1;
  if (count > static_cast<std::uint64_t>(kMaxRangeItems)) {
    return BuiltinResult::error("range exceeds " +
                                std::to_string(kMaxRangeItems) + " items");
  }
  std::vector<Value> items;
  items.reserve(count);
  std::int64_t current = a;
  for (std::uint64_t i = 0; i < count; ++i) {
    items.push_back(Value::integer(current));
    if (i + 1 < count) current = a <= b ? current + s : current - s;
  }
  return BuiltinResult::of(Value::array(std::move(items)));
}

BuiltinResult numbers_range(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_integer_number(args, 0)) return *error;
  if (auto error = expect_integer_number(args, 1)) return *error;
  return make_range(args[0], args[1], Value::integer(1));
}

BuiltinResult numbers_range_step(BuiltinArgs args, BuiltinContext&) {
  for (std::size_t i = 0; i < 3; ++i) {
    if (auto error = expect_integer_number(args, i)) return *error;
  }
  if (is_negative(args[2]) || is_zero(args[2])) {
    return BuiltinResult::error("step must be a positive integer");
  }
  return make_range(args[0], args[1], args[2]);
}

using BitOp = void (*)(mpz_ptr, mpz_srcptr, mpz_srcptr);

BuiltinDecl bitwise(const char* name, BitOp op) {
  return declare(name, {kTypeNumber, kTypeNumber}, kTypeNumber,
                 [op](BuiltinArgs args, BuiltinContext&) {
                   if (auto error = expect_integer_number(args, 0))
                     return *error;
                   if (auto error = expect_integer_number(args, 1))
                     return *error;
                   Mpz x(args[0]), y(args[1]), r;
                   op(r.get(), x.get(), y.get());
                   return BuiltinResult::of(r.value());
                 });
}

BuiltinResult bits_negate(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_integer_number(args, 0)) return *error;
  Mpz x(args[0]), r;
  mpz_com(r.get(), x.get());
  return BuiltinResult::of(r.value());
}

BuiltinDecl shift(const char* name, bool left) {
  return declare(
      name, {kTypeNumber, kTypeNumber}, kTypeNumber,
      [left](BuiltinArgs args, BuiltinContext&) {
        if (auto error = expect_integer_number(args, 0)) return *error;
        if (auto error = expect_integer_number(args, 1)) return *error;
        if (is_negative(args[1])) {
          return operand_error(1, "unsigned integer number",
                               "negative integer number");
        }
        if (!args[1].is_int64() || args[1].as_int64() > kMaxShiftBits) {
          if (!left)
            return BuiltinResult::of(
                Value::integer(is_negative(args[0]) ? -1 : 0));
          return BuiltinResult::error("shift exceeds " +
                                      std::to_string(kMaxShiftBits) + " bits");
        }
        Mpz x(args[0]), r;
        auto bits = static_cast<mp_bitcnt_t>(args[1].as_int64());
        if (left) {
          mpz_mul_2exp(r.get(), x.get(), bits);
        } else {
          // Go's Rsh on negative numbers rounds towards minus infinity.
          mpz_fdiv_q_2exp(r.get(), x.get(), bits);
        }
        return BuiltinResult::of(r.value());
      });
}

double round_half_away(double d) { return std::round(d); }

}  // namespace

void register_number_builtins(BuiltinRegistry& registry) {
  registry.add(arithmetic("plus", builtins::add_numbers));
  registry.add(arithmetic("mul", builtins::multiply_numbers));
  registry.add(declare("minus",
                       {kTypeNumber | kTypeSet, kTypeNumber | kTypeSet},
                       kTypeNumber | kTypeSet, minus));
  registry.add(declare("div", {kTypeNumber, kTypeNumber}, kTypeNumber, divide));
  registry.add(
      declare("rem", {kTypeNumber, kTypeNumber}, kTypeNumber, remainder));
  registry.add(rounding("round", round_half_away));
  registry.add(rounding("ceil", [](double d) { return std::ceil(d); }));
  registry.add(rounding("floor", [](double d) { return std::floor(d); }));
  registry.add(declare("abs", {kTypeNumber}, kTypeNumber, absolute));
  registry.add(declare("numbers.range", {kTypeNumber, kTypeNumber}, kTypeArray,
                       numbers_range));
  registry.add(declare("numbers.range_step",
                       {kTypeNumber, kTypeNumber, kTypeNumber}, kTypeArray,
                       numbers_range_step));
  registry.add(bitwise("bits.and", mpz_and));
  registry.add(bitwise("bits.or", mpz_ior));
  registry.add(bitwise("bits.xor", mpz_xor));
  registry.add(declare("bits.negate", {kTypeNumber}, kTypeNumber, bits_negate));
  registry.add(shift("bits.lsh", true));
  registry.add(shift("bits.rsh", false));
}

}  // namespace rampart::rego
