// SPDX-License-Identifier: Apache-2.0
//
// Helpers shared by the built-in groups under src/rego/builtins/: operand
// type checks worded as OPA words them, number conversions and exact
// arithmetic, and a bounded, thread-safe cache of compiled RE2 patterns.
//
// Nothing here throws. Type checks return the BuiltinResult a built-in
// should return (an eval_type_error) or nothing when the operand is fine.
// The regex cache is shared by every query and guarded by a mutex; compiled
// patterns are handed out as shared_ptr so eviction never invalidates a
// pattern in use.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/rego/builtins.h"

namespace re2 {
class RE2;
}

namespace rampart::rego::builtins {

// "operand 2 must be string but got number". `index` counts from 0;
// `expected` is OPA's wording ("string", "one of {array, set}",
// "integer number").
BuiltinResult operand_error(std::size_t index, std::string_view expected,
                            const Value& got);
BuiltinResult operand_error(std::size_t index, std::string_view expected,
                            std::string_view got);
// The same, with the expected types described by describe_types().
BuiltinResult operand_error(std::size_t index, TypeMask expected,
                            const Value& got);

// An error result when args[index] is not of a kind in `mask`.
std::optional<BuiltinResult> expect(BuiltinArgs args, std::size_t index,
                                    TypeMask mask);
// Checks every argument against the matching mask.
std::optional<BuiltinResult> expect_all(BuiltinArgs args,
                                        std::initializer_list<TypeMask> masks);

// A declaration with its arity and types; the common case of add().
BuiltinDecl declare(std::string name, std::vector<TypeMask> args,
                    TypeMask result, BuiltinFunction function);

// Numbers.
// True for integers and for floats without a fractional part.
bool is_integral(const Value& number);
// The value as int64 when it is integral and fits.
std::optional<std::int64_t> to_int64(const Value& number);
// An integer operand: "operand N must be integer number but got
// floating-point number" when it has a fractional part, nothing when
// it is fine. Assumes the operand is a number.
std::optional<BuiltinResult> expect_integer(BuiltinArgs args,
                                            std::size_t index);

// Exact arithmetic on any numbers: integers stay exact (64-bit fast path,
// GMP beyond), a float operand makes the result a float.
Value add_numbers(const Value& a, const Value& b);
Value subtract_numbers(const Value& a, const Value& b);
Value multiply_numbers(const Value& a, const Value& b);
Value negate_number(const Value& a);
// An integral float beyond 64 bits as the exact integer its shortest decimal
// text denotes (1e30 -> 10^30); any other number unchanged.
Value exact_integer(const Value& number);

// Items of an array or a set; empty for anything else.
const std::vector<Value>& items_of(const Value& collection);

// UTF-8. Invalid bytes decode as U+FFFD, one per byte, as Go's []rune
// conversion does.
std::vector<char32_t> decode_utf8(std::string_view text);
void append_utf8(std::string& out, char32_t rune);
std::string encode_utf8(const std::vector<char32_t>& runes);
// Number of code points (invalid bytes count one each).
std::size_t count_runes(std::string_view text);

// Compiled RE2 pattern with Go semantics (RE2 syntax, UTF-8, no
// longest-match); nullptr with `error` set when the pattern is invalid.
// Results are cached (bounded) and shared between threads.
std::shared_ptr<const re2::RE2> compile_regex(std::string_view pattern,
                                              std::string* error = nullptr);

}  // namespace rampart::rego::builtins
