// SPDX-License-Identifier: Apache-2.0
//
// AdmissionReview parsing and the responses written back to the API server.
#include <string>

#include <gtest/gtest.h>

#include "rampart/admission/admission.h"
#include "rampart/base/file.h"
#include "rampart/document/json.h"

namespace rampart::admission {
namespace {

std::string pod_review() {
  auto text = read_file(std::string(RAMPART_SOURCE_DIR) +
                        "/tests/data/admission/pod-review.json");
  EXPECT_TRUE(text.is_ok()) << text.status().to_string();
  return text.is_ok() ? *text : "";
}

TEST(AdmissionReview, ParsesV1PodRequest) {
  auto request = parse_admission_review(pod_review(), 1 << 20);
  ASSERT_TRUE(request.is_ok()) << request.status().to_string();
  EXPECT_EQ(request->api_version, "admission.k8s.io/v1");
  EXPECT_EQ(request->uid, "705ab4f5-6393-11e8-b7cc-42010a800002");
  EXPECT_EQ(request->kind, "Pod");
  EXPECT_EQ(request->ns, "shop");
  EXPECT_EQ(request->name, "checkout-7d9f");
  EXPECT_EQ(request->operation, "CREATE");
  EXPECT_EQ(request->user,
            "system:serviceaccount:kube-system:replicaset-controller");
  EXPECT_NE(request->request.find("object"), nullptr);
}

TEST(AdmissionReview, AcceptsV1beta1AndTakesNameFromObject) {
  std::string body =
      R"({"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview",)"
      R"("request":{"uid":"u1","kind":{"group":"apps","version":"v1",)"
      R"("kind":"Deployment"},"operation":"CREATE","object":{"metadata":)"
      R"({"name":"web"}}}})";
  auto request = parse_admission_review(body, 4096);
  ASSERT_TRUE(request.is_ok()) << request.status().to_string();
  EXPECT_EQ(request->api_version, "admission.k8s.io/v1beta1");
  EXPECT_EQ(request->name, "web");
  EXPECT_EQ(request->kind, "Deployment");
}

TEST(AdmissionReview, RejectsMalformedBodies) {
  struct Case {
    std::string body;
    StatusCode code;
    std::string message;
  };
  const Case cases[] = {
      {"{not json", StatusCode::kParseError, ""},
      {"[]", StatusCode::kInvalidArgument, "AdmissionReview is not an object"},
      {R"({"apiVersion":"admission.k8s.io/v1","kind":"Pod"})",
       StatusCode::kInvalidArgument,
       "body is not an AdmissionReview (kind is not \"AdmissionReview\")"},
      {R"({"apiVersion":"v2","kind":"AdmissionReview","request":{}})",
       StatusCode::kInvalidArgument,
       "unsupported AdmissionReview apiVersion \"v2\""},
      {R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"})",
       StatusCode::kInvalidArgument, "AdmissionReview has no request object"},
      {R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",)"
       R"("request":{"uid":7}})",
       StatusCode::kInvalidArgument, "AdmissionReview request has no uid"},
  };
  for (const Case& c : cases) {
    auto request = parse_admission_review(c.body, 4096);
    ASSERT_FALSE(request.is_ok()) << c.body;
    EXPECT_EQ(request.status().code(), c.code) << c.body;
    if (!c.message.empty()) {
      EXPECT_EQ(request.status().message(), c.message);
    }
  }
}

TEST(AdmissionReview, RefusesOversizedBodyBeforeParsing) {
  std::string body(5000, ' ');
  auto request = parse_admission_review(body, 4096);
  ASSERT_FALSE(request.is_ok());
  EXPECT_EQ(request.status().code(), StatusCode::kLimitExceeded);
}

TEST(AdmissionReview, RefusesDeepNesting) {
  std::string body = std::string(100000, '[') + std::string(100000, ']');
  auto request = parse_admission_review(body, 1 << 20);
  ASSERT_FALSE(request.is_ok());
}

AdmissionRequest request_of(std::string version) {
  AdmissionRequest request;
  request.api_version = std::move(version);
  request.uid = "abc-123";
  return request;
}

TEST(AdmissionResponse, DeniesWithJoinedMessagesAndWarnings) {
  Decision decision;
  decision.allowed = false;
  decision.verdicts = {
      {"data.k8s.deny", "Containers must not run as root", Action::kDeny},
      {"K8sRequiredLabels/owner", "missing label \"owner\"", Action::kDeny},
      {"RP-K8S-010", "no memory limit", Action::kWarn},
      {"K8sAudit/quiet", "only counted", Action::kDryRun},
  };
  std::string text =
      render_admission_response(request_of("admission.k8s.io/v1"), decision);
  auto parsed = parse_json(text);
  ASSERT_TRUE(parsed.is_ok()) << text;
  EXPECT_EQ(
      text,
      R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",)"
      R"("response":{"uid":"abc-123","allowed":false,"status":{"code":403,)"
      R"("message":"[data.k8s.deny] Containers must not run as root\n)"
      R"([K8sRequiredLabels/owner] missing label \"owner\"",)"
      R"("reason":"Forbidden"},"warnings":["[RP-K8S-010] no memory limit"]}})");
}

TEST(AdmissionResponse, CarriesBase64PatchAndRequestVersion) {
  Decision decision;
  decision.patch = R"([{"op":"add","path":"/a","value":1}])";
  std::string text = render_admission_response(
      request_of("admission.k8s.io/v1beta1"), decision);
  EXPECT_EQ(text,
            R"({"apiVersion":"admission.k8s.io/v1beta1","kind":)"
            R"("AdmissionReview","response":{"uid":"abc-123","allowed":true,)"
            R"("patchType":"JSONPatch","patch":)"
            R"("W3sib3AiOiJhZGQiLCJwYXRoIjoiL2EiLCJ2YWx1ZSI6MX1d"}})");
}

TEST(AdmissionResponse, FailureFollowsTheFailurePolicy) {
  AdmissionRequest request = request_of("admission.k8s.io/v1");
  EXPECT_EQ(render_failure_response(request, false, "deadline exceeded"),
            R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",)"
            R"("response":{"uid":"abc-123","allowed":false,"status":)"
            R"({"code":500,"message":"rampart could not evaluate the )"
            R"(policies: deadline exceeded"}}})");
  std::string allowed = render_failure_response(request, true, "timeout");
  EXPECT_NE(allowed.find(R"x("allowed":true,"warnings":["rampart could not )x"
                         R"x(evaluate the policies: timeout (allowed by the )x"
                         R"x(failure policy)"])x"),
            std::string::npos)
      << allowed;
}

TEST(AdmissionResponse, EscapesHostileMessages) {
  Decision decision;
  decision.allowed = false;
  decision.verdicts = {{"p", "quote \" and \x01 control", Action::kDeny}};
  std::string text =
      render_admission_response(request_of("admission.k8s.io/v1"), decision);
  EXPECT_TRUE(parse_json(text).is_ok()) << text;
}

}  // namespace
}  // namespace rampart::admission
