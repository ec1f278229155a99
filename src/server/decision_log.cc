// SPDX-License-Identifier: Apache-2.0
//
// JSON-lines decision log (see server/decision_log.h). Strings are escaped
// by document/json's writer, so hostile names or messages cannot break a
// line apart.
#include "rampart/server/decision_log.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>

#include <fmt/format.h>

#include "rampart/document/json.h"

namespace rampart::server {

namespace {

// "2026-12-04T19:30:00.123Z"
std::string rfc3339_utc(std::int64_t unix_ms) {
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &parts);
  return fmt::format("{}.{:03d}Z", text, static_cast<int>(unix_ms % 1000));
}

void add_field(std::string& out, std::string_view key, std::string_view value) {
  out += ',';
  append_json_string(out, key);
  out += ':';
  append_json_string(out, value);
}

}  // namespace

std::string format_decision(const DecisionRecord& record,
                            std::int64_t unix_ms) {
  std::string out = "{\"time\":";
  append_json_string(out, rfc3339_utc(unix_ms));
  add_field(out, "endpoint", record.endpoint);
  add_field(out, "uid", record.uid);
  add_field(out, "kind", record.kind);
  add_field(out, "namespace", record.ns);
  add_field(out, "name", record.name);
  add_field(out, "operation", record.operation);
  add_field(out, "user", record.user);
  add_field(out, "decision", record.decision);

  out += ",\"messages\":[";
  std::size_t count = std::min(record.messages.size(), kMaxLoggedMessages);
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out += ',';
    append_json_string(out,
                       record.messages[i].substr(0, kMaxLoggedMessageBytes));
  }
  out += ']';
  if (record.patched) out += ",\"patched\":true";
  out += fmt::format(",\"latency_ms\":{:.3f}}}\n", record.latency_ms);
  return out;
}

Result<std::unique_ptr<DecisionLog>> DecisionLog::open(
    const std::string& path) {
  if (path == "-") {
    return std::unique_ptr<DecisionLog>(new DecisionLog(stderr, false));
  }
  std::FILE* file = std::fopen(path.c_str(), "ae");
  if (!file) {
    return Status(
        StatusCode::kIoError,
        std::string("cannot open decision log: ") + std::strerror(errno),
        SourceLocation{path});
  }
  return std::unique_ptr<DecisionLog>(new DecisionLog(file, true));
}

DecisionLog::~DecisionLog() {
  if (owned_) std::fclose(file_);
}

void DecisionLog::write(const DecisionRecord& record) {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  std::string line = format_decision(
      record,
      std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace rampart::server
