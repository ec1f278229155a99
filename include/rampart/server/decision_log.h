// SPDX-License-Identifier: Apache-2.0
//
// The webhook's decision log: one JSON object per line for every admission
// review, for auditors and for `jq`.
//
// A line names the request (uid, kind, namespace, name, operation, user),
// the decision ("allowed", "denied" or "error"), the policies' messages and
// the latency. The object under review is never written: it may hold Secret
// data. Messages are the policies' own text; at most kMaxLoggedMessages of
// them, each cut to kMaxLoggedMessageBytes, keep a line bounded.
//
// DecisionLog serialises writers with a mutex and flushes after each line,
// so lines never interleave and survive a crash. A failed write is dropped
// silently (the decision is still answered and counted in metrics).
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"

namespace rampart::server {

inline constexpr std::size_t kMaxLoggedMessages = 64;
inline constexpr std::size_t kMaxLoggedMessageBytes = 1024;

struct DecisionRecord {
  std::string_view endpoint;  // "validate" or "mutate"
  std::string_view uid;
  std::string_view kind;
  std::string_view ns;
  std::string_view name;
  std::string_view operation;
  std::string_view user;
  std::string_view decision;  // "allowed", "denied", "error"
  std::vector<std::string_view> messages;
  bool patched = false;
  double latency_ms = 0;
};

// The JSON line for `record`, newline included; `unix_ms` is the time.
std::string format_decision(const DecisionRecord& record, std::int64_t unix_ms);

class DecisionLog {
 public:
  // "-" is stderr; any other path is opened for appending.
  static Result<std::unique_ptr<DecisionLog>> open(const std::string& path);

  ~DecisionLog();
  DecisionLog(const DecisionLog&) = delete;
  DecisionLog& operator=(const DecisionLog&) = delete;

  void write(const DecisionRecord& record);

 private:
  DecisionLog(std::FILE* file, bool owned) : file_(file), owned_(owned) {}

  std::mutex mutex_;
  std::FILE* file_;
  bool owned_;
};

}  // namespace rampart::server
