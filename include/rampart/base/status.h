// SPDX-License-Identifier: Apache-2.0
//
// Status and Result: how every rampart library reports an expected failure.
//
// A failure is a value, not an exception: a code, a one-line message, and the
// place in the user's input it concerns (file, line, column), when known.
// Exceptions never cross a library boundary; the one function that calls a
// throwing third-party parser converts what it throws into a Status.
//
// Both types are immutable once built and safe to copy between threads.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace rampart {

enum class StatusCode {
  kOk,
  kInvalidArgument,  // the caller or the user gave something malformed
  kNotFound,         // a file, key or record does not exist
  kIoError,          // the operating system refused a read or write
  kParseError,       // input text does not follow its format
  kLimitExceeded,    // a size, depth, time or memory bound was hit
  kUnsupported,      // valid input that rampart does not handle (yet)
  kInternal,         // a bug in rampart; the message says where
};

// Where in the user's input a problem lies. Lines and columns count from 1;
// 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return !file.empty() || line > 0; }
  // "file:line:col", dropping the parts that are unknown.
  std::string to_string() const;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, SourceLocation location = {})
      : code_(code), message_(std::move(message)),
        location_(std::move(location)) {}

  static Status ok() { return Status(); }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const SourceLocation& location() const { return location_; }

  // Returns a copy whose location is `location` unless one is already set.
  Status with_location(SourceLocation location) const;

  // One line for stderr: "file:line:col: message".
  std::string to_string() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  SourceLocation location_;
};

const char* status_code_name(StatusCode code);

// Result<T> holds either a T or a failed Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT: likewise
    assert(!std::get<Status>(state_).is_ok());
  }

  bool is_ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return is_ok(); }

  const Status& status() const {
    static const Status kOk;
    return is_ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace rampart

// Returns early from the enclosing function when `expr` yields a failed
// Status. The enclosing function must return Status or a Result.
#define RAMPART_RETURN_IF_ERROR(expr)                 \
  do {                                                \
    ::rampart::Status rampart_status_ = (expr);       \
    if (!rampart_status_.is_ok()) return rampart_status_; \
  } while (false)
