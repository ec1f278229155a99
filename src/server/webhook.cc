// SPDX-License-Identifier: Apache-2.0
//
// Routing and admission reviews for the webhook (see server/webhook.h).
// Every path through here ends in exactly one HttpReply, one request count
// in the metrics and, for reviews that parsed, one decision log line.
#include "rampart/server/webhook.h"

#include <exception>
#include <utility>

#include <fmt/format.h>

#include "rampart/document/json.h"

namespace rampart::server {

namespace {

using Clock = std::chrono::steady_clock;

HttpReply text_reply(int status, std::string body) {
  return HttpReply{status, "text/plain; charset=utf-8", std::move(body)};
}

const char* action_name(admission::Action action) {
  switch (action) {
    case admission::Action::kDeny:
      return "deny";
    case admission::Action::kWarn:
      return "warn";
    case admission::Action::kDryRun:
      return "dryrun";
  }
  return "deny";
}

// The API server calls "/validate?timeout=10s"; only the path routes.
std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

}  // namespace

HttpReply error_reply(int status, std::string_view reason) {
  std::string body = "{\"error\":";
  append_json_string(body, reason);
  body += fmt::format(",\"code\":{}}}", status);
  return HttpReply{status, "application/json", std::move(body)};
}

Webhook::Webhook(WebhookOptions options, Metrics& metrics, DecisionLog* log)
    : options_(options), metrics_(metrics), log_(log) {}

void Webhook::set_policies(
    std::shared_ptr<const admission::PolicySet> policies) {
  metrics_.set_policies_loaded(policies ? policies->policy_names().size() : 0);
  policies_.store(std::move(policies));
}

std::shared_ptr<const admission::PolicySet> Webhook::policies() const {
  return policies_.load();
}

HttpReply Webhook::handle(std::string_view method, std::string_view target,
                          std::string_view body) {
  Clock::time_point start = Clock::now();
  Endpoint endpoint = endpoint_from_path(path_of(target));
  HttpReply reply;
  // The last-resort catch of a request handler: whatever escapes becomes a
  // 500 for this request, and the server keeps running.
  try {
    reply = route(endpoint, method, body);
  } catch (const std::exception& error) {
    reply = error_reply(500, std::string("internal error: ") + error.what());
  } catch (...) {
    reply = error_reply(500, "internal error");
  }
  metrics_.record_request(endpoint, reply.status, Clock::now() - start);
  return reply;
}

HttpReply Webhook::route(Endpoint endpoint, std::string_view method,
                         std::string_view body) {
  bool is_review =
      endpoint == Endpoint::kValidate || endpoint == Endpoint::kMutate;
  if (endpoint == Endpoint::kOther) return error_reply(404, "no such path");
  if (is_review && method != "POST") {
    return error_reply(405, "use POST with an AdmissionReview body");
  }
  if (!is_review && method != "GET") {
    return error_reply(405, "use GET");
  }

  switch (endpoint) {
    case Endpoint::kHealthz:
      if (!listening_.load()) return text_reply(503, "not listening\n");
      return text_reply(200, "ok\n");
    case Endpoint::kReadyz:
      if (!ready()) return text_reply(503, "policies not loaded\n");
      return text_reply(200, "ready\n");
    case Endpoint::kMetrics:
      return HttpReply{200, "text/plain; version=0.0.4; charset=utf-8",
                       metrics_.render()};
    default:
      return review(endpoint, body);
  }
}

HttpReply Webhook::review(Endpoint endpoint, std::string_view body) {
  Clock::time_point start = Clock::now();
  if (body.size() > options_.max_body_bytes) {
    return error_reply(
        413, fmt::format("body exceeds {} bytes", options_.max_body_bytes));
  }
  auto parsed =
      admission::parse_admission_review(body, options_.max_body_bytes);
  if (!parsed) {
    int status =
        parsed.status().code() == StatusCode::kLimitExceeded ? 413 : 400;
    return error_reply(status, parsed.status().message());
  }
  const admission::AdmissionRequest& request = parsed.value();

  std::shared_ptr<const admission::PolicySet> policies = this->policies();
  if (!policies) {
    return answer_unjudged(endpoint, request, EvaluationError::kNotReady,
                           "policies are not loaded yet", start);
  }
  // TODO(server): evaluation runs on the I/O thread and only the engine
  // checks the deadline; a policy that never reaches a check holds the
  // thread until it ends and its late answer is replaced by the failure
  // policy. Fix: evaluate on a worker pool and answer at the deadline.
  admission::ReviewOptions review_options;
  review_options.deadline = start + options_.timeout;
  Result<admission::Decision> decision =
      endpoint == Endpoint::kValidate
          ? policies->validate(request, review_options)
          : policies->mutate(request, review_options);

  // A result that arrives after the deadline is dropped too: the API server
  // may already have given up, and the failure policy must be what decides.
  bool late = Clock::now() > review_options.deadline;
  if (late ||
      (!decision && decision.status().code() == StatusCode::kLimitExceeded &&
       Clock::now() >= review_options.deadline)) {
    return answer_unjudged(endpoint, request, EvaluationError::kTimeout,
                           fmt::format("policy evaluation exceeded {} ms",
                                       options_.timeout.count()),
                           start);
  }
  if (!decision) {
    return answer_unjudged(endpoint, request, EvaluationError::kPolicy,
                           decision.status().to_string(), start);
  }

  std::vector<std::string_view> messages;
  for (const admission::Verdict& verdict : decision->verdicts) {
    metrics_.record_verdict(verdict.policy, action_name(verdict.action));
    messages.push_back(verdict.message);
  }
  bool allowed = decision->allowed;
  metrics_.record_decision(allowed ? DecisionResult::kAllowed
                                   : DecisionResult::kDenied);
  log_decision(endpoint, request, allowed ? "allowed" : "denied",
               std::move(messages), decision->patch.has_value(), start);
  return HttpReply{200, "application/json",
                   admission::render_admission_response(request, *decision)};
}

HttpReply Webhook::answer_unjudged(Endpoint endpoint,
                                   const admission::AdmissionRequest& request,
                                   EvaluationError cause,
                                   std::string_view reason,
                                   Clock::time_point start) {
  bool allow = options_.failure_policy == FailurePolicy::kIgnore;
  metrics_.record_evaluation_error(cause);
  metrics_.record_decision(DecisionResult::kError);
  log_decision(endpoint, request, "error", {reason}, false, start);
  return HttpReply{200, "application/json",
                   admission::render_failure_response(request, allow, reason)};
}

void Webhook::log_decision(Endpoint endpoint,
                           const admission::AdmissionRequest& request,
                           std::string_view decision,
                           std::vector<std::string_view> messages, bool patched,
                           Clock::time_point start) {
  if (!log_) return;
  DecisionRecord record;
  record.endpoint = endpoint == Endpoint::kValidate ? "validate" : "mutate";
  record.uid = request.uid;
  record.kind = request.kind;
  record.ns = request.ns;
  record.name = request.name;
  record.operation = request.operation;
  record.user = request.user;
  record.decision = decision;
  record.messages = std::move(messages);
  record.patched = patched;
  record.latency_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  log_->write(record);
}

}  // namespace rampart::server
