// SPDX-License-Identifier: Apache-2.0
//
// AdmissionReview request bodies for the server's tests, written for these
// tests: a Pod with or without runAsNonRoot, a Deployment, in a namespace of
// the caller's choice.
#pragma once

#include <string>

namespace rampart::server::testing {

inline std::string pod_review(const std::string& uid, bool non_root,
                              const std::string& ns = "shop",
                              const std::string& api_version = "v1") {
  std::string context =
      non_root ? R"("securityContext":{"runAsNonRoot":true},)" : "";
  return R"({"apiVersion":"admission.k8s.io/)" + api_version +
         R"(","kind":"AdmissionReview","request":{"uid":")" + uid +
         R"(","kind":{"group":"","version":"v1","kind":"Pod"},)"
         R"("resource":{"group":"","version":"v1","resource":"pods"},)"
         R"("namespace":")" +
         ns +
         R"(","name":"cart","operation":"CREATE",)"
         R"("userInfo":{"username":"alice@example.test"},)"
         R"("object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"cart",)"
         R"("namespace":")" +
         ns + R"("},"spec":{"containers":[{"name":"app",)" + context +
         R"("image":"registry.example.test/cart:1.4.2"}]}}}})";
}

inline std::string deployment_review(const std::string& uid,
                                     const std::string& ns = "shop") {
  return R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",)"
         R"("request":{"uid":")" +
         uid +
         R"(","kind":{"group":"apps","version":"v1","kind":"Deployment"},)"
         R"("resource":{"group":"apps","version":"v1","resource":"deployments"},)"
         R"("namespace":")" +
         ns +
         R"(","name":"web","operation":"CREATE",)"
         R"("userInfo":{"username":"ci-bot"},)"
         R"("object":{"apiVersion":"apps/v1","kind":"Deployment",)"
         R"("metadata":{"name":"web","namespace":")" +
         ns +
         R"("},)"
         R"("spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},)"
         R"("template":{"metadata":{"labels":{"app":"web"}},)"
         R"("spec":{"containers":[{"name":"web",)"
         R"("image":"registry.example.test/web:2.0.1"}]}}}}}})";
}

}  // namespace rampart::server::testing
