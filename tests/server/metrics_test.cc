// SPDX-License-Identifier: Apache-2.0
#include "rampart/server/metrics.h"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace rampart::server {
namespace {

bool has(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

TEST(Metrics, CountsRequestsByPathAndCode) {
  Metrics metrics;
  metrics.record_request(Endpoint::kValidate, 200,
                         std::chrono::microseconds(50));
  metrics.record_request(Endpoint::kValidate, 200,
                         std::chrono::microseconds(50));
  metrics.record_request(Endpoint::kValidate, 400,
                         std::chrono::microseconds(5));
  metrics.record_request(Endpoint::kOther, 418, std::chrono::microseconds(5));
  std::string text = metrics.render();
  EXPECT_TRUE(has(text,
                  "rampart_http_requests_total{path=\"/validate\","
                  "code=\"200\"} 2\n"));
  EXPECT_TRUE(has(text,
                  "rampart_http_requests_total{path=\"/validate\","
                  "code=\"400\"} 1\n"));
  EXPECT_TRUE(has(text,
                  "rampart_http_requests_total{path=\"other\","
                  "code=\"other\"} 1\n"));
  EXPECT_FALSE(has(text, "path=\"/mutate\""));
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics metrics;
  metrics.record_request(Endpoint::kValidate, 200,
                         std::chrono::microseconds(80));
  metrics.record_request(Endpoint::kMutate, 200,
                         std::chrono::microseconds(700));
  metrics.record_request(Endpoint::kValidate, 200, std::chrono::seconds(3));
  // Health checks are not admission latency.
  metrics.record_request(Endpoint::kHealthz, 200, std::chrono::seconds(1));
  std::string text = metrics.render();
  EXPECT_TRUE(has(text,
                  "rampart_admission_duration_seconds_bucket"
                  "{le=\"0.0001\"} 1\n"));
  EXPECT_TRUE(has(text,
                  "rampart_admission_duration_seconds_bucket"
                  "{le=\"0.0005\"} 1\n"));
  EXPECT_TRUE(has(text,
                  "rampart_admission_duration_seconds_bucket"
                  "{le=\"0.001\"} 2\n"));
  EXPECT_TRUE(has(text,
                  "rampart_admission_duration_seconds_bucket"
                  "{le=\"1\"} 2\n"));
  EXPECT_TRUE(has(text,
                  "rampart_admission_duration_seconds_bucket"
                  "{le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(has(text, "rampart_admission_duration_seconds_count 3\n"));
  EXPECT_TRUE(has(text, "rampart_admission_duration_seconds_sum 3.00078\n"));
}

TEST(Metrics, VerdictLabelsAreEscaped) {
  Metrics metrics;
  metrics.record_verdict("pkg.\"quoted\"\\rule\n", "deny");
  metrics.record_verdict("pkg.\"quoted\"\\rule\n", "deny");
  metrics.record_verdict("K8sRequiredLabels/owner", "warn");
  std::string text = metrics.render();
  EXPECT_TRUE(has(text,
                  "rampart_policy_verdicts_total{policy=\"pkg.\\\""
                  "quoted\\\"\\\\rule\\n\",action=\"deny\"} 2\n"))
      << text;
  EXPECT_TRUE(has(text,
                  "rampart_policy_verdicts_total{policy="
                  "\"K8sRequiredLabels/owner\",action=\"warn\"} 1\n"));
}

TEST(Metrics, PolicySeriesAreCapped) {
  Metrics metrics;
  for (std::size_t i = 0; i < Metrics::kMaxPolicySeries + 50; ++i) {
    metrics.record_verdict("policy" + std::to_string(i), "deny");
  }
  std::string text = metrics.render();
  EXPECT_TRUE(has(text, "policy=\"other\",action=\"deny\"} 50\n"));
  EXPECT_FALSE(has(text, "policy=\"policy1049\""));
}

TEST(Metrics, DecisionsReloadsAndGauges) {
  Metrics metrics;
  metrics.record_decision(DecisionResult::kDenied);
  metrics.record_decision(DecisionResult::kError);
  metrics.record_evaluation_error(EvaluationError::kTimeout);
  metrics.record_policy_reload(true);
  metrics.record_policy_reload(false);
  metrics.record_policy_reload(false);
  metrics.set_policies_loaded(7);
  std::string text = metrics.render();
  EXPECT_TRUE(has(text,
                  "rampart_admission_decisions_total"
                  "{result=\"allowed\"} 0\n"));
  EXPECT_TRUE(has(text,
                  "rampart_admission_decisions_total"
                  "{result=\"denied\"} 1\n"));
  EXPECT_TRUE(has(text,
                  "rampart_policy_evaluation_errors_total"
                  "{reason=\"timeout\"} 1\n"));
  EXPECT_TRUE(has(text, "rampart_policy_reloads_total{result=\"failed\"} 2\n"));
  EXPECT_TRUE(has(text, "rampart_policies_loaded 7\n"));
  EXPECT_TRUE(has(text,
                  "# TYPE rampart_admission_duration_seconds "
                  "histogram\n"));
}

TEST(Metrics, ConcurrentRecordingLosesNothing) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics, t] {
      for (int i = 0; i < 10000; ++i) {
        metrics.record_request(Endpoint::kValidate, 200,
                               std::chrono::microseconds(10));
        metrics.record_verdict("p" + std::to_string((i + t) % 3), "deny");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::string text = metrics.render();
  EXPECT_TRUE(has(text, "code=\"200\"} 40000\n"));
  EXPECT_TRUE(has(text, "rampart_admission_duration_seconds_count 40000\n"));
}

TEST(Metrics, EndpointFromPath) {
  EXPECT_EQ(endpoint_from_path("/validate"), Endpoint::kValidate);
  EXPECT_EQ(endpoint_from_path("/metrics"), Endpoint::kMetrics);
  EXPECT_EQ(endpoint_from_path("/validate/"), Endpoint::kOther);
  EXPECT_EQ(endpoint_from_path("other"), Endpoint::kOther);
}

}  // namespace
}  // namespace rampart::server
