// SPDX-License-Identifier: Apache-2.0
//
// Counters and the Prometheus text rendering behind server/metrics.h. Policy
// names are escaped as label values (backslash, quote and newline) because
// they come from users' policy files.
#include "rampart/server/metrics.h"

#include <mutex>

#include <fmt/format.h>

namespace rampart::server {

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

constexpr std::array<const char*, kEndpointCount> kEndpointPaths = {
    "/validate", "/mutate", "/healthz", "/readyz", "/metrics", "other"};

// Label values may hold any UTF-8; the format escapes only these three.
std::string escape_label(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void add_help(std::string& out, std::string_view name, std::string_view type,
              std::string_view help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

Endpoint endpoint_from_path(std::string_view path) {
  for (std::size_t i = 0; i + 1 < kEndpointCount; ++i) {
    if (path == kEndpointPaths[i]) return static_cast<Endpoint>(i);
  }
  return Endpoint::kOther;
}

const char* endpoint_path(Endpoint endpoint) {
  return kEndpointPaths[static_cast<std::size_t>(endpoint)];
}

Metrics::Metrics() = default;

std::size_t Metrics::code_index(int status_code) {
  for (std::size_t i = 0; i + 1 < kCodes.size(); ++i) {
    if (kCodes[i] == status_code) return i;
  }
  return kCodes.size() - 1;
}

void Metrics::record_request(Endpoint endpoint, int status_code,
                             std::chrono::nanoseconds latency) {
  auto& row = requests_[static_cast<std::size_t>(endpoint)];
  row[code_index(status_code)].fetch_add(1, kRelaxed);
  if (endpoint != Endpoint::kValidate && endpoint != Endpoint::kMutate) return;

  double seconds = std::chrono::duration<double>(latency).count();
  std::size_t bucket = 0;
  while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) {
    ++bucket;
  }
  // Buckets are stored non-cumulative; render() sums them up.
  latency_buckets_[bucket].fetch_add(1, kRelaxed);
  latency_sum_ns_.fetch_add(static_cast<std::uint64_t>(latency.count()),
                            kRelaxed);
  latency_count_.fetch_add(1, kRelaxed);
}

void Metrics::record_decision(DecisionResult result) {
  decisions_[static_cast<std::size_t>(result)].fetch_add(1, kRelaxed);
}

void Metrics::record_verdict(std::string_view policy, std::string_view action) {
  verdict_counter(policy, action)->fetch_add(1, kRelaxed);
}

Metrics::Counter* Metrics::verdict_counter(std::string_view policy,
                                           std::string_view action) {
  std::string key;
  key.reserve(policy.size() + action.size() + 1);
  key.append(policy).push_back('\0');
  key.append(action);
  {
    std::shared_lock lock(verdicts_mutex_);
    auto found = verdicts_.find(key);
    if (found != verdicts_.end()) return found->second.get();
  }

  std::unique_lock lock(verdicts_mutex_);
  if (verdicts_.size() >= kMaxPolicySeries && !verdicts_.count(key)) {
    key = std::string("other") + '\0' + std::string(action);
  }
  auto& slot = verdicts_[key];
  if (!slot) slot = std::make_unique<Counter>(0);
  return slot.get();
}

void Metrics::record_evaluation_error(EvaluationError error) {
  evaluation_errors_[static_cast<std::size_t>(error)].fetch_add(1, kRelaxed);
}

void Metrics::record_policy_reload(bool ok) {
  policy_reloads_[ok ? 0 : 1].fetch_add(1, kRelaxed);
}

void Metrics::record_tls_reload(bool ok) {
  tls_reloads_[ok ? 0 : 1].fetch_add(1, kRelaxed);
}

void Metrics::set_policies_loaded(std::size_t count) {
  policies_loaded_.store(static_cast<std::int64_t>(count), kRelaxed);
}

void Metrics::add_open_connections(int delta) {
  open_connections_.fetch_add(delta, kRelaxed);
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(8192);
  render_requests(out);

  add_help(out, "rampart_admission_decisions_total", "counter",
           "Admission reviews by result.");
  constexpr std::array<const char*, 3> kResults = {"allowed", "denied",
                                                   "error"};
  for (std::size_t i = 0; i < kResults.size(); ++i) {
    out +=
        fmt::format("rampart_admission_decisions_total{{result=\"{}\"}} {}\n",
                    kResults[i], decisions_[i].load(kRelaxed));
  }
  render_verdicts(out);
  render_latency(out);

  add_help(out, "rampart_policy_evaluation_errors_total", "counter",
           "Reviews answered by the failure policy, by cause.");
  constexpr std::array<const char*, 3> kCauses = {"policy_error", "timeout",
                                                  "not_ready"};
  for (std::size_t i = 0; i < kCauses.size(); ++i) {
    out += fmt::format(
        "rampart_policy_evaluation_errors_total{{reason=\"{}\"}} {}\n",
        kCauses[i], evaluation_errors_[i].load(kRelaxed));
  }

  add_help(out, "rampart_policy_reloads_total", "counter",
           "Policy set loads by result.");
  out += fmt::format(
      "rampart_policy_reloads_total{{result=\"ok\"}} {}\n"
      "rampart_policy_reloads_total{{result=\"failed\"}} {}\n",
      policy_reloads_[0].load(kRelaxed), policy_reloads_[1].load(kRelaxed));
  add_help(out, "rampart_tls_reloads_total", "counter",
           "Certificate and key reloads by result.");
  out += fmt::format(
      "rampart_tls_reloads_total{{result=\"ok\"}} {}\n"
      "rampart_tls_reloads_total{{result=\"failed\"}} {}\n",
      tls_reloads_[0].load(kRelaxed), tls_reloads_[1].load(kRelaxed));

  add_help(out, "rampart_policies_loaded", "gauge",
           "Policies in the set that is serving.");
  out += fmt::format("rampart_policies_loaded {}\n",
                     policies_loaded_.load(kRelaxed));
  add_help(out, "rampart_open_connections", "gauge",
           "Client connections currently open.");
  out += fmt::format("rampart_open_connections {}\n",
                     open_connections_.load(kRelaxed));
  return out;
}

void Metrics::render_requests(std::string& out) const {
  add_help(out, "rampart_http_requests_total", "counter",
           "HTTP requests by path and status code.");
  for (std::size_t e = 0; e < kEndpointCount; ++e) {
    for (std::size_t c = 0; c < kCodes.size(); ++c) {
      std::uint64_t count = requests_[e][c].load(kRelaxed);
      // Series appear once they have happened, as client libraries do.
      if (count == 0) continue;
      std::string code = kCodes[c] ? std::to_string(kCodes[c]) : "other";
      out += fmt::format(
          "rampart_http_requests_total{{path=\"{}\",code=\"{}\"}} {}\n",
          kEndpointPaths[e], code, count);
    }
  }
}

void Metrics::render_latency(std::string& out) const {
  add_help(out, "rampart_admission_duration_seconds", "histogram",
           "Time to judge a complete request and render its answer, for "
           "/validate and /mutate.");
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    cumulative += latency_buckets_[i].load(kRelaxed);
    out += fmt::format(
        "rampart_admission_duration_seconds_bucket{{le=\"{}\"}} {}\n",
        kLatencyBuckets[i], cumulative);
  }
  cumulative += latency_buckets_.back().load(kRelaxed);
  out += fmt::format(
      "rampart_admission_duration_seconds_bucket{{le=\"+Inf\"}} {}\n",
      cumulative);
  out += fmt::format("rampart_admission_duration_seconds_sum {}\n",
                     static_cast<double>(latency_sum_ns_.load(kRelaxed)) / 1e9);
  out += fmt::format("rampart_admission_duration_seconds_count {}\n",
                     latency_count_.load(kRelaxed));
}

void Metrics::render_verdicts(std::string& out) const {
  add_help(out, "rampart_policy_verdicts_total", "counter",
           "Messages returned by each policy, by enforcement action.");
  std::shared_lock lock(verdicts_mutex_);
  for (const auto& [key, counter] : verdicts_) {
    std::size_t split = key.find('\0');
    out += fmt::format(
        "rampart_policy_verdicts_total{{policy=\"{}\",action=\"{}\"}} {}\n",
        escape_label(std::string_view(key).substr(0, split)),
        std::string_view(key).substr(split + 1), counter->load(kRelaxed));
  }
}

}  // namespace rampart::server
