// SPDX-License-Identifier: Apache-2.0
//
// Value: the one in-memory form of every document rampart judges: JSON and
// YAML inputs, Rego data, the results of policy evaluation. It holds the JSON
// types plus Rego's sets, and objects whose keys may be any Value.
//
// Ordering follows OPA: null < boolean < number < string < array < object <
// set; arrays compare element by element; objects and sets compare by their
// sorted contents. Objects and sets keep their entries sorted, so iteration
// order is OPA's canonical order and lookups are binary searches.
//
// Numbers are exact integers of any size (64-bit fast path, GMP beyond) or
// binary64 floats. An integral float that fits in 64 bits is stored as an
// integer, so 5.0 and 5 are the same value, as they are in OPA.
//
// A Value is an immutable handle: copying shares the payload through an
// atomic reference count, so values may be shared freely between threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rampart {

class Value;
using ObjectEntry = std::pair<Value, Value>;

namespace detail {

// The heap part of strings, arrays, objects, sets and big integers.
struct Payload {
  mutable std::atomic<std::uint32_t> references{1};
  virtual ~Payload() = default;
};

}  // namespace detail

class Value {
 public:
  enum class Kind : std::uint8_t {
    kNull,
    kBoolean,
    kNumber,
    kString,
    kArray,
    kObject,
    kSet,
  };

  // Null.
  Value() = default;
  Value(const Value& other) noexcept;
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other) noexcept;
  Value& operator=(Value&& other) noexcept;
  ~Value() { release(); }

  static Value null() { return Value(); }
  static Value boolean(bool b);
  static Value integer(std::int64_t i);
  // A float; stored as an integer when it is integral and fits in 64 bits.
  static Value floating(double d);
  // An integer of any size written in decimal ("-123..."); nullopt-like
  // null Value when `digits` is not a decimal integer.
  static Value big_integer(std::string_view digits);
  // A JSON or Rego number literal ("12", "-0.5", "1e400", "123456...").
  // Returns null when `text` is not a number.
  static Value number_from_text(std::string_view text);
  static Value string(std::string s);
  static Value string(std::string_view s) { return string(std::string(s)); }
  static Value string(const char* s) { return string(std::string(s)); }
  static Value array(std::vector<Value> items);
  // Sorts by key; when a key repeats, the last entry wins (as JSON readers
  // do).
  static Value object(std::vector<ObjectEntry> entries);
  // Entries must already be sorted by key and free of duplicates.
  static Value object_sorted(std::vector<ObjectEntry> entries);
  // Sorts and removes duplicates.
  static Value set(std::vector<Value> items);
  // Items must already be sorted and unique.
  static Value set_sorted(std::vector<Value> items);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_boolean() const { return kind_ == Kind::kBoolean; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }
  bool is_set() const { return kind_ == Kind::kSet; }
  // Arrays, objects and sets.
  bool is_collection() const { return kind_ >= Kind::kArray; }

  bool as_boolean() const { return boolean_; }

  // Numbers. is_int64() is true for integers that fit in 64 bits; is_big()
  // for larger integers; is_float() for non-integral values (and integral
  // floats beyond 64 bits).
  bool is_int64() const { return is_number() && number_ == NumberKind::kInt; }
  bool is_big() const { return is_number() && number_ == NumberKind::kBig; }
  bool is_float() const { return is_number() && number_ == NumberKind::kFloat; }
  bool is_integer() const { return is_int64() || is_big(); }
  std::int64_t as_int64() const { return int_; }
  // Any number as a double (big integers may round; beyond range: inf).
  double as_double() const;
  // Decimal digits of any integer ("-1234"); empty for floats.
  std::string integer_text() const;
  // How OPA prints the number: integers in full, floats in the shortest
  // form that reads back exactly.
  std::string number_text() const;

  // Strings.
  const std::string& as_string() const;

  // Collections. Items of arrays; sorted items of sets; sorted entries of
  // objects.
  const std::vector<Value>& array_items() const;
  const std::vector<Value>& set_items() const;
  const std::vector<ObjectEntry>& object_entries() const;
  // Number of items or entries; string length in bytes; 0 otherwise.
  std::size_t size() const;

  // Object lookup; nullptr when absent or not an object.
  const Value* find(const Value& key) const;
  const Value* find(std::string_view key) const;
  // Set membership.
  bool contains(const Value& item) const;

  // Total order of OPA values: negative, zero or positive.
  int compare(const Value& other) const;
  bool operator==(const Value& other) const { return compare(other) == 0; }
  bool operator!=(const Value& other) const { return compare(other) != 0; }
  bool operator<(const Value& other) const { return compare(other) < 0; }

  // A hash consistent with operator==.
  std::size_t hash() const;

  // Opaque access for the arithmetic in the Rego engine (GMP mpz_t*).
  const void* big_integer_handle() const;
  static Value from_big_integer_handle(const void* mpz);

 private:
  enum class NumberKind : std::uint8_t { kInt, kFloat, kBig };

  void release() noexcept;
  void retain() const noexcept;
  bool has_payload() const {
    return kind_ >= Kind::kString || number_ == NumberKind::kBig;
  }

  Kind kind_ = Kind::kNull;
  NumberKind number_ = NumberKind::kInt;
  bool boolean_ = false;
  union {
    std::int64_t int_ = 0;
    double float_;
    detail::Payload* payload_;
  };
};

struct ValueHash {
  std::size_t operator()(const Value& v) const { return v.hash(); }
};

// The OPA type name of a value: "null", "boolean", "number", "string",
// "array", "object", "set".
const char* type_name(const Value& value);

}  // namespace rampart
