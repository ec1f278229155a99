// SPDX-License-Identifier: Apache-2.0
//
// Metrics of the admission webhook, rendered in the Prometheus text
// exposition format 0.0.4 for `GET /metrics`.
//
// Every series is a fixed set of atomic counters chosen at compile time:
// requests by path and status code, decisions by result, a latency histogram,
// evaluation errors, policy and certificate reloads and the number of loaded
// policies. The one open-ended family, verdicts by policy, is keyed by policy
// names, which come from the loaded policy files and never from requests; it
// is capped at kMaxPolicySeries names so that even a huge policy folder
// cannot grow it without bound (later names are counted under "other").
//
// Recording is lock-free apart from the first verdict of a new policy name,
// which takes a writer lock once. All member functions are safe to call from
// any number of threads at once.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>

namespace rampart::server {

// The paths the server knows; anything else counts as kOther.
enum class Endpoint { kValidate, kMutate, kHealthz, kReadyz, kMetrics, kOther };
inline constexpr std::size_t kEndpointCount = 6;

// The result of one admission review.
enum class DecisionResult { kAllowed, kDenied, kError };

// Why a review could not be judged.
enum class EvaluationError { kPolicy, kTimeout, kNotReady };

Endpoint endpoint_from_path(std::string_view path);
const char* endpoint_path(Endpoint endpoint);

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds: 0.1 ms to 1 s.
  static constexpr std::array<double, 13> kLatencyBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
      0.025,  0.05,    0.1,    0.25,  0.5,    1.0};
  static constexpr std::size_t kMaxPolicySeries = 1000;

  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // One HTTP response; `latency` is counted for admission endpoints only.
  void record_request(Endpoint endpoint, int status_code,
                      std::chrono::nanoseconds latency);
  void record_decision(DecisionResult result);
  // One verdict of `policy`; `action` is "deny", "warn" or "dryrun".
  void record_verdict(std::string_view policy, std::string_view action);
  void record_evaluation_error(EvaluationError error);
  void record_policy_reload(bool ok);
  void record_tls_reload(bool ok);
  void set_policies_loaded(std::size_t count);
  void add_open_connections(int delta);

  // The whole exposition, ready to serve as text/plain; version=0.0.4.
  std::string render() const;

 private:
  // Status codes with a series of their own; the rest count as "other".
  static constexpr std::array<int, 10> kCodes = {200, 400, 404, 405, 408,
                                                 413, 431, 500, 503, 0};
  using Counter = std::atomic<std::uint64_t>;

  static std::size_t code_index(int status_code);
  Counter* verdict_counter(std::string_view policy, std::string_view action);
  void render_requests(std::string& out) const;
  void render_latency(std::string& out) const;
  void render_verdicts(std::string& out) const;

  std::array<std::array<Counter, kCodes.size()>, kEndpointCount> requests_{};
  std::array<Counter, 3> decisions_{};
  std::array<Counter, 3> evaluation_errors_{};
  std::array<Counter, kLatencyBuckets.size() + 1> latency_buckets_{};
  Counter latency_sum_ns_{0};
  Counter latency_count_{0};
  std::array<Counter, 2> policy_reloads_{};  // ok, failed
  std::array<Counter, 2> tls_reloads_{};     // ok, failed
  std::atomic<std::int64_t> policies_loaded_{0};
  std::atomic<std::int64_t> open_connections_{0};

  // Verdict counters by "policy\0action"; entries are never removed, so a
  // pointer found under the reader lock stays valid afterwards.
  mutable std::shared_mutex verdicts_mutex_;
  std::map<std::string, std::unique_ptr<Counter>, std::less<>> verdicts_;
};

}  // namespace rampart::server
