// SPDX-License-Identifier: Apache-2.0
//
// Formatting of Status and SourceLocation for one-line error messages.
#include "rampart/base/status.h"

namespace rampart {

std::string SourceLocation::to_string() const {
  std::string text = file;
  if (line > 0) {
    text += (text.empty() ? "" : ":") + std::to_string(line);
    if (column > 0) text += ":" + std::to_string(column);
  }
  return text;
}

Status Status::with_location(SourceLocation location) const {
  if (location_.known()) return *this;
  return Status(code_, message_, std::move(location));
}

std::string Status::to_string() const {
  if (is_ok()) return "ok";
  std::string where = location_.to_string();
  return where.empty() ? message_ : where + ": " + message_;
}

const char* status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kIoError: return "i/o error";
    case StatusCode::kParseError: return "parse error";
    case StatusCode::kLimitExceeded: return "limit exceeded";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

}  // namespace rampart
