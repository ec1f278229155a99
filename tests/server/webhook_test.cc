// SPDX-License-Identifier: Apache-2.0
#include "rampart/server/webhook.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "rampart/document/json.h"

#include "server/fake_policy_set.h"
#include "server/reviews.h"

namespace rampart::server {
namespace {

using testing::FakePolicySet;
using testing::pod_review;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The response object of an AdmissionReview answer.
Value response_of(const HttpReply& reply) {
  Result<Value> parsed = parse_json(reply.body);
  EXPECT_TRUE(parsed.is_ok()) << reply.body;
  const Value* response = parsed.is_ok() ? parsed->find("response") : nullptr;
  return response ? *response : Value();
}

bool allowed(const HttpReply& reply) {
  Value response = response_of(reply);  // keeps `flag` alive
  const Value* flag = response.find("allowed");
  return flag && flag->is_boolean() && flag->as_boolean();
}

class WebhookTest : public ::testing::Test {
 protected:
  WebhookTest() : webhook_(options_, metrics_, nullptr) {
    webhook_.set_listening(true);
  }

  std::shared_ptr<FakePolicySet> install_policies() {
    auto policies = std::make_shared<FakePolicySet>();
    webhook_.set_policies(policies);
    return policies;
  }

  WebhookOptions options_;
  Metrics metrics_;
  Webhook webhook_;
};

TEST_F(WebhookTest, ReadyOnlyOncePoliciesAreLoaded) {
  EXPECT_EQ(webhook_.handle("GET", "/healthz", "").status, 200);
  EXPECT_EQ(webhook_.handle("GET", "/readyz", "").status, 503);
  install_policies();
  EXPECT_EQ(webhook_.handle("GET", "/readyz", "").status, 200);
  webhook_.set_policies(nullptr);
  EXPECT_EQ(webhook_.handle("GET", "/readyz", "").status, 503);
}

TEST_F(WebhookTest, AllowsCompliantPodAndDeniesRootPod) {
  install_policies();
  HttpReply good = webhook_.handle("POST", "/validate", pod_review("u1", true));
  EXPECT_EQ(good.status, 200);
  EXPECT_TRUE(allowed(good)) << good.body;
  EXPECT_TRUE(has(good.body, "\"uid\":\"u1\"")) << good.body;

  HttpReply bad =
      webhook_.handle("POST", "/validate?timeout=10s", pod_review("u2", false));
  EXPECT_EQ(bad.status, 200);
  EXPECT_FALSE(allowed(bad)) << bad.body;
  EXPECT_TRUE(has(bad.body, "Containers must not run as root")) << bad.body;

  std::string text = metrics_.render();
  EXPECT_TRUE(has(text, "decisions_total{result=\"allowed\"} 1\n"));
  EXPECT_TRUE(has(text, "decisions_total{result=\"denied\"} 1\n"));
  EXPECT_TRUE(has(text,
                  "{policy=\"data.kubernetes.admission.deny\","
                  "action=\"deny\"} 1\n"));
}

TEST_F(WebhookTest, MalformedBodiesGet400WithReason) {
  install_policies();
  for (const char* body :
       {"", "{", "not json", "[]", "{\"kind\":\"AdmissionReview\"}",
        "{\"request\":{\"uid\":7}}", "\xff\xfe"}) {
    HttpReply reply = webhook_.handle("POST", "/validate", body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_TRUE(has(reply.body, "\"error\":")) << reply.body;
    EXPECT_TRUE(parse_json(reply.body).is_ok()) << reply.body;
  }
}

TEST_F(WebhookTest, OversizedBodyGets413) {
  options_.max_body_bytes = 64;
  Webhook small(options_, metrics_, nullptr);
  HttpReply reply = small.handle("POST", "/validate", pod_review("u", true));
  EXPECT_EQ(reply.status, 413);
  EXPECT_TRUE(has(reply.body, "exceeds 64 bytes")) << reply.body;
}

TEST_F(WebhookTest, WrongMethodAndUnknownPath) {
  EXPECT_EQ(webhook_.handle("GET", "/validate", "").status, 405);
  EXPECT_EQ(webhook_.handle("POST", "/metrics", "").status, 405);
  EXPECT_EQ(webhook_.handle("GET", "/", "").status, 404);
  EXPECT_EQ(webhook_.handle("GET", "/../etc/passwd", "").status, 404);
}

TEST_F(WebhookTest, PolicyErrorAppliesFailurePolicy) {
  auto policies = install_policies();
  policies->fail_with = Status(StatusCode::kInternal, "eval_conflict_error");
  HttpReply denied =
      webhook_.handle("POST", "/validate", pod_review("u", true));
  EXPECT_EQ(denied.status, 200);
  EXPECT_FALSE(allowed(denied)) << denied.body;
  EXPECT_TRUE(has(denied.body, "eval_conflict_error")) << denied.body;

  options_.failure_policy = FailurePolicy::kIgnore;
  Webhook lenient(options_, metrics_, nullptr);
  lenient.set_policies(policies);
  EXPECT_TRUE(
      allowed(lenient.handle("POST", "/validate", pod_review("u", false))));
  EXPECT_TRUE(has(metrics_.render(),
                  "evaluation_errors_total"
                  "{reason=\"policy_error\"} 2\n"));
}

TEST_F(WebhookTest, SlowEvaluationPastDeadlineAppliesFailurePolicy) {
  options_.timeout = std::chrono::milliseconds(20);
  Webhook hurried(options_, metrics_, nullptr);
  auto policies = std::make_shared<FakePolicySet>();
  policies->delay = std::chrono::milliseconds(60);
  hurried.set_policies(policies);
  HttpReply reply = hurried.handle("POST", "/validate", pod_review("u", true));
  EXPECT_FALSE(allowed(reply)) << reply.body;
  EXPECT_TRUE(has(reply.body, "exceeded 20 ms")) << reply.body;
  EXPECT_TRUE(has(metrics_.render(), "{reason=\"timeout\"} 1\n"));
}

TEST_F(WebhookTest, NotReadyAppliesFailurePolicy) {
  HttpReply reply = webhook_.handle("POST", "/validate", pod_review("u", true));
  EXPECT_EQ(reply.status, 200);
  EXPECT_FALSE(allowed(reply)) << reply.body;
  EXPECT_TRUE(has(metrics_.render(), "{reason=\"not_ready\"} 1\n"));
}

TEST_F(WebhookTest, MetricsEndpointServesExposition) {
  install_policies();
  (void)webhook_.handle("POST", "/validate", pod_review("u", false));
  HttpReply reply = webhook_.handle("GET", "/metrics", "");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_TRUE(has(reply.body,
                  "rampart_http_requests_total{path=\"/validate\","
                  "code=\"200\"} 1\n"))
      << reply.body;
  EXPECT_TRUE(has(reply.body, "rampart_policies_loaded 1\n"));
}

}  // namespace
}  // namespace rampart::server
