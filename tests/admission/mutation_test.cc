// SPDX-License-Identifier: Apache-2.0
//
// Mutation: the example defaults policy (examples/mutation/defaults.rego)
// on real requests, JSONPatch validation, and mutation left off.
#include "admission/mutation.h"

#include <string>

#include <gtest/gtest.h>

#include "rampart/admission/admission.h"
#include "rampart/document/json.h"

#include "admission/test_files.h"

namespace rampart::admission {
namespace {

using testing::ScratchDir;

AdmissionRequest request_for(const std::string& kind, const std::string& object,
                             const std::string& operation = "CREATE") {
  std::string body =
      R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",)"
      R"("request":{"uid":"u-1","kind":{"group":"","version":"v1","kind":")" +
      kind + R"("},"namespace":"a","operation":")" + operation +
      R"(","object":)" + object + "}}";
  auto request = parse_admission_review(body, 1 << 20);
  EXPECT_TRUE(request.is_ok()) << request.status().to_string();
  return request.is_ok() ? *request : AdmissionRequest{};
}

std::shared_ptr<const PolicySet> load_defaults(bool mutation = true) {
  PolicySources sources;
  sources.bundled_checks = false;
  sources.policy_paths = {std::string(RAMPART_SOURCE_DIR) +
                          "/examples/mutation"};
  sources.mutation = mutation;
  auto set = PolicySet::load(sources);
  EXPECT_TRUE(set.is_ok()) << set.status().to_string();
  return set.is_ok() ? *set : nullptr;
}

TEST(JsonPointer, AcceptsRfc6901Only) {
  EXPECT_TRUE(is_json_pointer(""));
  EXPECT_TRUE(is_json_pointer("/spec/containers/0"));
  EXPECT_TRUE(is_json_pointer("/metadata/labels/app.kubernetes.io~1name"));
  EXPECT_TRUE(is_json_pointer("/a~0b"));
  EXPECT_FALSE(is_json_pointer("spec"));
  EXPECT_FALSE(is_json_pointer("/a~2"));
  EXPECT_FALSE(is_json_pointer("/a~"));
}

TEST(JsonPatch, ChecksOperations) {
  auto op = [](const std::string& text) {
    auto value = parse_json(text);
    EXPECT_TRUE(value.is_ok());
    return check_patch_operation(value.is_ok() ? *value : Value());
  };
  EXPECT_TRUE(op(R"({"op":"add","path":"/a","value":1})").is_ok());
  EXPECT_TRUE(op(R"({"op":"remove","path":"/a"})").is_ok());
  EXPECT_TRUE(op(R"({"op":"move","from":"/a","path":"/b"})").is_ok());
  EXPECT_EQ(op(R"({"op":"add","path":"/a"})").message(),
            "malformed JSONPatch operation: \"add\" needs a \"value\"");
  EXPECT_EQ(op(R"({"op":"merge","path":"/a"})").message(),
            "malformed JSONPatch operation: unknown op \"merge\"");
  EXPECT_EQ(op(R"({"op":"remove","path":"a"})").message(),
            "malformed JSONPatch operation: \"path\" is not a JSON Pointer");
  EXPECT_EQ(op(R"({"op":"copy","path":"/a"})").message(),
            "malformed JSONPatch operation: \"from\" is not a JSON Pointer");
  EXPECT_FALSE(op(R"("add")").is_ok());
}

TEST(Mutation, DefaultsPodWithoutSecurityContext) {
  auto set = load_defaults();
  ASSERT_NE(set, nullptr);
  AdmissionRequest request = request_for(
      "Pod",
      R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},)"
      R"("spec":{"containers":[{"name":"a","image":"x"},)"
      R"({"name":"b","image":"y","securityContext":{"runAsUser":5}}]}})");
  auto decision = set->mutate(request, {});
  ASSERT_TRUE(decision.is_ok()) << decision.status().to_string();
  EXPECT_TRUE(decision->allowed);
  ASSERT_TRUE(decision->patch.has_value());
  EXPECT_EQ(*decision->patch,
            R"([{"op":"add","path":"/spec/containers/0/securityContext",)"
            R"("value":{"allowPrivilegeEscalation":false}},)"
            R"({"op":"add","path":"/spec/containers/1/securityContext/)"
            R"(allowPrivilegeEscalation","value":false},)"
            R"({"op":"add","path":"/spec/securityContext","value":)"
            R"({"runAsNonRoot":true}}])");
  std::string response = render_admission_response(request, *decision);
  EXPECT_NE(response.find(R"("patchType":"JSONPatch","patch":")"),
            std::string::npos);
}

TEST(Mutation, LeavesExplicitSettingsAndUpdatesAlone) {
  auto set = load_defaults();
  ASSERT_NE(set, nullptr);
  std::string deployment =
      R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},)"
      R"("spec":{"template":{"spec":{"securityContext":{"runAsNonRoot":false},)"
      R"("containers":[{"name":"a","securityContext":)"
      R"({"allowPrivilegeEscalation":true}}]}}}})";
  auto decision = set->mutate(request_for("Deployment", deployment), {});
  ASSERT_TRUE(decision.is_ok()) << decision.status().to_string();
  EXPECT_FALSE(decision->patch.has_value()) << *decision->patch;

  std::string bare =
      R"({"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"a"}]}})";
  auto update = set->mutate(request_for("Pod", bare, "UPDATE"), {});
  ASSERT_TRUE(update.is_ok());
  EXPECT_FALSE(update->patch.has_value());
}

TEST(Mutation, OffUnlessConfigured) {
  auto set = load_defaults(false);
  ASSERT_NE(set, nullptr);
  std::string bare =
      R"({"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"a"}]}})";
  auto decision = set->mutate(request_for("Pod", bare), {});
  ASSERT_TRUE(decision.is_ok());
  EXPECT_TRUE(decision->allowed);
  EXPECT_FALSE(decision->patch.has_value());
}

TEST(Mutation, MalformedOperationFailsTheMutation) {
  ScratchDir dir;
  dir.write("bad.rego", R"(package bad.mutate

patch[op] {
  op := {"op": "add", "path": "spec/x", "value": 1}
}
)");
  PolicySources sources;
  sources.bundled_checks = false;
  sources.policy_paths = {dir.path()};
  sources.mutation = true;
  auto set = PolicySet::load(sources);
  ASSERT_TRUE(set.is_ok()) << set.status().to_string();
  auto decision =
      (*set)->mutate(request_for("Pod", R"({"kind":"Pod","spec":{}})"), {});
  ASSERT_FALSE(decision.is_ok());
  EXPECT_EQ(decision.status().message(),
            "mutation data.bad.mutate.patch: malformed JSONPatch operation: "
            "\"path\" is not a JSON Pointer");
}

}  // namespace
}  // namespace rampart::admission
