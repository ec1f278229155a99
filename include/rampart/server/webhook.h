// SPDX-License-Identifier: Apache-2.0
//
// The webhook's request handling, apart from HTTP and TLS: given a method, a
// path and a body, produce the status, content type and body to send back.
// The HTTPS server (server/server.h) calls Webhook::handle() for every
// complete request; tests and the fuzz target call it directly.
//
//   POST /validate, POST /mutate  AdmissionReview v1 or v1beta1 in, the
//                                 AdmissionReview response out (200)
//   GET /healthz                  200 once the server is listening
//   GET /readyz                   200 once a policy set is loaded, else 503
//   GET /metrics                  Prometheus text format 0.0.4
//
// Bodies are untrusted. Above WebhookOptions::max_body_bytes the answer is
// 413; a body that is not an AdmissionReview gets 400; both carry a JSON
// {"error": reason}. A review that cannot be judged (no policies yet, a
// policy error, the evaluation deadline passed) is answered 200 with the
// configured failure policy applied through admission::
// render_failure_response, as the API server expects a verdict, not an HTTP
// error. Nothing here throws: a last-resort catch turns any exception into
// a 500.
//
// Thread-safety: handle() may run on any number of threads at once. The
// policy set is held in an atomic shared_ptr: set_policies() swaps it, and
// each review keeps the set it started with until it ends.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "rampart/admission/admission.h"
#include "rampart/server/decision_log.h"
#include "rampart/server/metrics.h"

namespace rampart::server {

// What a review that cannot be judged answers: kFail denies, kIgnore allows,
// as the failurePolicy field of a webhook configuration.
enum class FailurePolicy { kFail, kIgnore };

inline constexpr std::size_t kDefaultMaxBodyBytes = 3 * 1024 * 1024;

struct WebhookOptions {
  FailurePolicy failure_policy = FailurePolicy::kFail;
  // Per-review evaluation deadline; below the API server's 10 s default.
  std::chrono::milliseconds timeout{3000};
  std::size_t max_body_bytes = kDefaultMaxBodyBytes;
};

struct HttpReply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// A JSON error body, {"error":"<reason>"}.
HttpReply error_reply(int status, std::string_view reason);

class Webhook {
 public:
  // `metrics` must outlive the Webhook; `log` may be null (no decision log).
  Webhook(WebhookOptions options, Metrics& metrics, DecisionLog* log);

  HttpReply handle(std::string_view method, std::string_view target,
                   std::string_view body);

  // Swaps in a new policy set; null makes the webhook unready again.
  void set_policies(std::shared_ptr<const admission::PolicySet> policies);
  std::shared_ptr<const admission::PolicySet> policies() const;

  void set_listening(bool listening) { listening_.store(listening); }
  bool ready() const { return policies() != nullptr; }

  Metrics& metrics() { return metrics_; }

 private:
  HttpReply route(Endpoint endpoint, std::string_view method,
                  std::string_view body);
  HttpReply review(Endpoint endpoint, std::string_view body);
  HttpReply answer_unjudged(Endpoint endpoint,
                            const admission::AdmissionRequest& request,
                            EvaluationError cause, std::string_view reason,
                            std::chrono::steady_clock::time_point start);
  void log_decision(Endpoint endpoint,
                    const admission::AdmissionRequest& request,
                    std::string_view decision,
                    std::vector<std::string_view> messages, bool patched,
                    std::chrono::steady_clock::time_point start);

  WebhookOptions options_;
  Metrics& metrics_;
  DecisionLog* log_;
  std::atomic<bool> listening_{false};
  std::atomic<std::shared_ptr<const admission::PolicySet>> policies_;
};

}  // namespace rampart::server
