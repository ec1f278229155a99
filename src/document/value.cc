// SPDX-License-Identifier: Apache-2.0
//
// Value's payloads, ordering and hashing. Big integers are GMP integers;
// everything else is standard containers behind a reference count.
#include "rampart/document/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>

#include <gmp.h>

namespace rampart {
namespace detail {
namespace {

struct StringPayload : Payload {
  explicit StringPayload(std::string s) : text(std::move(s)) {}
  std::string text;
};

struct ArrayPayload : Payload {
  explicit ArrayPayload(std::vector<Value> v) : items(std::move(v)) {}
  std::vector<Value> items;
};

struct ObjectPayload : Payload {
  explicit ObjectPayload(std::vector<ObjectEntry> e) : entries(std::move(e)) {}
  std::vector<ObjectEntry> entries;
};

struct BigPayload : Payload {
  BigPayload() { mpz_init(number); }
  ~BigPayload() override { mpz_clear(number); }
  mpz_t number;
};

const std::vector<Value> kNoItems;
const std::vector<ObjectEntry> kNoEntries;
const std::string kNoText;

}  // namespace
}  // namespace detail

using detail::ArrayPayload;
using detail::BigPayload;
using detail::ObjectPayload;
using detail::StringPayload;

// --- lifetime -------------------------------------------------------------

void Value::retain() const noexcept {
  if (has_payload()) {
    payload_->references.fetch_add(1, std::memory_order_relaxed);
  }
}

void Value::release() noexcept {
  if (has_payload() &&
      payload_->references.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    delete payload_;
  }
}

Value::Value(const Value& other) noexcept
    : kind_(other.kind_), number_(other.number_), boolean_(other.boolean_) {
  int_ = other.int_;  // copies whichever union member is live, bit for bit
  static_assert(sizeof(int_) >= sizeof(payload_));
  if (has_payload()) payload_ = other.payload_;
  retain();
}

Value::Value(Value&& other) noexcept
    : kind_(other.kind_), number_(other.number_), boolean_(other.boolean_) {
  int_ = other.int_;
  if (has_payload()) payload_ = other.payload_;
  other.kind_ = Kind::kNull;
  other.number_ = NumberKind::kInt;
}

Value& Value::operator=(const Value& other) noexcept {
  if (this != &other) {
    other.retain();
    release();
    kind_ = other.kind_;
    number_ = other.number_;
    boolean_ = other.boolean_;
    int_ = other.int_;
    if (has_payload()) payload_ = other.payload_;
  }
  return *this;
}

Value& Value::operator=(Value&& other) noexcept {
  if (this != &other) {
    release();
    kind_ = other.kind_;
    number_ = other.number_;
    boolean_ = other.boolean_;
    int_ = other.int_;
    if (has_payload()) payload_ = other.payload_;
    other.kind_ = Kind::kNull;
    other.number_ = NumberKind::kInt;
  }
  return *this;
}

// --- construction ---------------------------------------------------------

Value Value::boolean(bool b) {
  Value v;
  v.kind_ = Kind::kBoolean;
  v.boolean_ = b;
  return v;
}

Value Value::integer(std::int64_t i) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.int_ = i;
  return v;
}

Value Value::floating(double d) {
  // 2^63 is exactly representable; anything below it in magnitude that is
  // integral fits in int64.
  constexpr double kTwo63 = 9223372036854775808.0;
  if (std::isfinite(d) && d == std::trunc(d) && d >= -kTwo63 && d < kTwo63) {
    return integer(static_cast<std::int64_t>(d));
  }
  Value v;
  v.kind_ = Kind::kNumber;
  v.number_ = NumberKind::kFloat;
  v.float_ = d;
  return v;
}

namespace {

bool is_decimal_integer(std::string_view digits) {
  std::size_t start = (!digits.empty() && digits[0] == '-') ? 1 : 0;
  if (start == digits.size()) return false;
  for (std::size_t i = start; i < digits.size(); ++i) {
    if (digits[i] < '0' || digits[i] > '9') return false;
  }
  return true;
}

}  // namespace

Value Value::big_integer(std::string_view digits) {
  if (!is_decimal_integer(digits)) return Value();
  std::int64_t small = 0;
  auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), small);
  if (error == std::errc() && end == digits.data() + digits.size()) {
    return integer(small);
  }
  auto* big = new BigPayload();
  std::string text(digits);
  mpz_set_str(big->number, text.c_str(), 10);
  Value v;
  v.kind_ = Kind::kNumber;
  v.number_ = NumberKind::kBig;
  v.payload_ = big;
  return v;
}

Value Value::from_big_integer_handle(const void* mpz) {
  const auto* number = static_cast<const __mpz_struct*>(mpz);
  if (mpz_fits_slong_p(number)) return integer(mpz_get_si(number));
  auto* big = new BigPayload();
  mpz_set(big->number, number);
  Value v;
  v.kind_ = Kind::kNumber;
  v.number_ = NumberKind::kBig;
  v.payload_ = big;
  return v;
}

const void* Value::big_integer_handle() const {
  return is_big() ? static_cast<BigPayload*>(payload_)->number : nullptr;
}

Value Value::number_from_text(std::string_view text) {
  if (is_decimal_integer(text)) return big_integer(text);
  // JSON grammar check before from_chars, which is more lenient ("inf").
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  if (i == text.size() || text[i] < '0' || text[i] > '9') return Value();
  for (char c : text.substr(i)) {
    bool allowed = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' ||
                   c == '+' || c == '-';
    if (!allowed) return Value();
  }
  double d = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), d);
  if (end != text.data() + text.size()) return Value();
  if (error == std::errc::result_out_of_range) {
    d = text.find_first_of("eE") != std::string_view::npos &&
                text.find("e-") == std::string_view::npos &&
                text.find("E-") == std::string_view::npos
            ? (text[0] == '-' ? -HUGE_VAL : HUGE_VAL)
            : 0.0;
  } else if (error != std::errc()) {
    return Value();
  }
  return floating(d);
}

Value Value::string(std::string s) {
  Value v;
  v.kind_ = Kind::kString;
  v.payload_ = new StringPayload(std::move(s));
  return v;
}

Value Value::array(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::kArray;
  v.payload_ = new ArrayPayload(std::move(items));
  return v;
}

Value Value::object(std::vector<ObjectEntry> entries) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const ObjectEntry& a, const ObjectEntry& b) {
                     return a.first < b.first;
                   });
  // Keep the last of equal keys: walk backwards, keep first seen.
  std::vector<ObjectEntry> unique;
  unique.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i + 1 < entries.size() && entries[i].first == entries[i + 1].first) {
      continue;
    }
    unique.push_back(std::move(entries[i]));
  }
  return object_sorted(std::move(unique));
}

Value Value::object_sorted(std::vector<ObjectEntry> entries) {
  Value v;
  v.kind_ = Kind::kObject;
  v.payload_ = new ObjectPayload(std::move(entries));
  return v;
}

Value Value::set(std::vector<Value> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return set_sorted(std::move(items));
}

Value Value::set_sorted(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::kSet;
  v.payload_ = new ArrayPayload(std::move(items));
  return v;
}

// --- access ---------------------------------------------------------------

double Value::as_double() const {
  switch (number_) {
    case NumberKind::kInt:
      return static_cast<double>(int_);
    case NumberKind::kFloat:
      return float_;
    case NumberKind::kBig:
      return mpz_get_d(static_cast<BigPayload*>(payload_)->number);
  }
  return 0;
}

std::string Value::integer_text() const {
  if (is_int64()) return std::to_string(int_);
  if (!is_big()) return "";
  const auto* number = static_cast<BigPayload*>(payload_)->number;
  std::string text(mpz_sizeinbase(number, 10) + 2, '\0');
  mpz_get_str(text.data(), 10, number);
  text.resize(std::strlen(text.c_str()));
  return text;
}

std::string Value::number_text() const {
  if (!is_float()) return integer_text();
  if (std::isnan(float_)) return "NaN";
  if (std::isinf(float_)) return float_ > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, float_);
  (void)error;
  std::string text(buffer, end);
  // Go writes exponents with at least two digits ("1e+21", "1e-07").
  std::size_t e = text.find('e');
  if (e != std::string::npos) {
    std::string mantissa = text.substr(0, e);
    std::string exponent = text.substr(e + 1);
    char sign = '+';
    if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) {
      sign = exponent[0];
      exponent.erase(0, 1);
    }
    if (exponent.size() < 2) exponent.insert(0, "0");
    text = mantissa + "e" + sign + exponent;
  }
  return text;
}

const std::string& Value::as_string() const {
  return is_string() ? static_cast<StringPayload*>(payload_)->text
                     : detail::kNoText;
}

const std::vector<Value>& Value::array_items() const {
  return is_array() ? static_cast<ArrayPayload*>(payload_)->items
                    : detail::kNoItems;
}

const std::vector<Value>& Value::set_items() const {
  return is_set() ? static_cast<ArrayPayload*>(payload_)->items
                  : detail::kNoItems;
}

const std::vector<ObjectEntry>& Value::object_entries() const {
  return is_object() ? static_cast<ObjectPayload*>(payload_)->entries
                     : detail::kNoEntries;
}

std::size_t Value::size() const {
  switch (kind_) {
    case Kind::kString:
      return as_string().size();
    case Kind::kArray:
      return array_items().size();
    case Kind::kSet:
      return set_items().size();
    case Kind::kObject:
      return object_entries().size();
    default:
      return 0;
  }
}

const Value* Value::find(const Value& key) const {
  const auto& entries = object_entries();
  auto it = std::lower_bound(
      entries.begin(), entries.end(), key,
      [](const ObjectEntry& e, const Value& k) { return e.first < k; });
  if (it == entries.end() || it->first != key) return nullptr;
  return &it->second;
}

const Value* Value::find(std::string_view key) const {
  // Strings sort after null, booleans and numbers and before collections,
  // so string keys form one contiguous, byte-ordered run.
  const auto& entries = object_entries();
  auto it = std::lower_bound(entries.begin(), entries.end(), key,
                             [](const ObjectEntry& e, std::string_view k) {
                               if (e.first.kind_ != Kind::kString) {
                                 return e.first.kind_ < Kind::kString;
                               }
                               return std::string_view(e.first.as_string()) < k;
                             });
  if (it == entries.end() || !it->first.is_string() ||
      it->first.as_string() != key) {
    return nullptr;
  }
  return &it->second;
}

bool Value::contains(const Value& item) const {
  const auto& items = set_items();
  return std::binary_search(items.begin(), items.end(), item);
}

// --- ordering -------------------------------------------------------------

namespace {

int compare_numbers(const Value& a, const Value& b) {
  if (a.is_int64() && b.is_int64()) {
    return a.as_int64() < b.as_int64() ? -1 : a.as_int64() > b.as_int64();
  }
  if (a.is_integer() && b.is_integer()) {
    mpz_t x, y;
    mpz_init(x);
    mpz_init(y);
    mpz_set_str(x, a.integer_text().c_str(), 10);
    mpz_set_str(y, b.integer_text().c_str(), 10);
    int result = mpz_cmp(x, y);
    mpz_clear(x);
    mpz_clear(y);
    return result < 0 ? -1 : result > 0;
  }
  double x = a.as_double();
  double y = b.as_double();
  return x < y ? -1 : x > y;
}

template <typename Range, typename Compare>
int compare_ranges(const Range& a, const Range& b, Compare compare_item) {
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    int c = compare_item(a[i], b[i]);
    if (c != 0) return c;
  }
  return a.size() < b.size() ? -1 : a.size() > b.size();
}

}  // namespace

int Value::compare(const Value& other) const {
  if (kind_ != other.kind_) return kind_ < other.kind_ ? -1 : 1;
  if (has_payload() && other.has_payload() && payload_ == other.payload_) {
    return 0;
  }
  auto compare_values = [](const Value& a, const Value& b) {
    return a.compare(b);
  };
  switch (kind_) {
    case Kind::kNull:
      return 0;
    case Kind::kBoolean:
      return boolean_ == other.boolean_ ? 0 : boolean_ ? 1 : -1;
    case Kind::kNumber:
      return compare_numbers(*this, other);
    case Kind::kString: {
      int c = as_string().compare(other.as_string());
      return c < 0 ? -1 : c > 0;
    }
    case Kind::kArray:
      return compare_ranges(array_items(), other.array_items(), compare_values);
    case Kind::kSet:
      return compare_ranges(set_items(), other.set_items(), compare_values);
    case Kind::kObject:
      return compare_ranges(object_entries(), other.object_entries(),
                            [](const ObjectEntry& a, const ObjectEntry& b) {
                              int c = a.first.compare(b.first);
                              return c != 0 ? c : a.second.compare(b.second);
                            });
  }
  return 0;
}

std::size_t Value::hash() const {
  auto mix = [](std::size_t seed, std::size_t h) {
    return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
  };
  std::size_t seed = static_cast<std::size_t>(kind_);
  switch (kind_) {
    case Kind::kNull:
      return seed;
    case Kind::kBoolean:
      return mix(seed, boolean_);
    case Kind::kNumber:
      if (is_float()) return mix(seed, std::hash<double>()(float_));
      if (is_int64()) return mix(seed, std::hash<std::int64_t>()(int_));
      return mix(seed, std::hash<std::string>()(integer_text()));
    case Kind::kString:
      return mix(seed, std::hash<std::string>()(as_string()));
    case Kind::kArray:
    case Kind::kSet:
      for (const Value& item :
           kind_ == Kind::kArray ? array_items() : set_items()) {
        seed = mix(seed, item.hash());
      }
      return seed;
    case Kind::kObject:
      for (const ObjectEntry& entry : object_entries()) {
        seed = mix(mix(seed, entry.first.hash()), entry.second.hash());
      }
      return seed;
  }
  return seed;
}

const char* type_name(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBoolean:
      return "boolean";
    case Value::Kind::kNumber:
      return "number";
    case Value::Kind::kString:
      return "string";
    case Value::Kind::kArray:
      return "array";
    case Value::Kind::kObject:
      return "object";
    case Value::Kind::kSet:
      return "set";
  }
  return "unknown";
}

}  // namespace rampart
