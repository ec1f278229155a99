// SPDX-License-Identifier: Apache-2.0
//
// Stand-ins for the admission library's AdmissionReview parser and response
// renderers, linked into server_tests only while src/admission is not built
// (tests/server/CMakeLists.txt decides). They follow the header's contract
// closely enough for the server's plumbing to be tested: a JSON body with
// request.uid parses; responses echo apiVersion and uid.
#include <string>

#include "rampart/document/json.h"
#include "rampart/server/webhook.h"

namespace rampart::admission {

namespace {

std::string text_at(const Value& object, std::string_view key) {
  const Value* found = object.find(key);
  return found && found->is_string() ? found->as_string() : std::string();
}

std::string response_head(const AdmissionRequest& request, bool allowed) {
  std::string out = "{\"apiVersion\":";
  append_json_string(out, request.api_version);
  out += ",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":";
  append_json_string(out, request.uid);
  out += allowed ? ",\"allowed\":true" : ",\"allowed\":false";
  return out;
}

}  // namespace

Result<AdmissionRequest> parse_admission_review(std::string_view body,
                                                std::size_t max_bytes) {
  if (body.size() > max_bytes) {
    return Status(StatusCode::kLimitExceeded, "AdmissionReview too large");
  }
  Result<Value> parsed = parse_json(body, "AdmissionReview");
  if (!parsed) return parsed.status();
  const Value* request = parsed->find("request");
  if (!request || !request->is_object() || text_at(*request, "uid").empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "not an AdmissionReview with a request and uid");
  }
  AdmissionRequest out;
  out.api_version = text_at(*parsed, "apiVersion");
  out.uid = text_at(*request, "uid");
  const Value* kind = request->find("kind");
  if (kind) out.kind = text_at(*kind, "kind");
  out.ns = text_at(*request, "namespace");
  out.name = text_at(*request, "name");
  out.operation = text_at(*request, "operation");
  const Value* user = request->find("userInfo");
  if (user) out.user = text_at(*user, "username");
  out.request = *request;
  return out;
}

std::string render_admission_response(const AdmissionRequest& request,
                                      const Decision& decision) {
  std::string out = response_head(request, decision.allowed);
  std::string message;
  for (const Verdict& verdict : decision.verdicts) {
    if (verdict.action != Action::kDeny) continue;
    if (!message.empty()) message += "; ";
    message += verdict.message;
  }
  if (!decision.allowed) {
    out += ",\"status\":{\"code\":403,\"message\":";
    append_json_string(out, message);
    out += '}';
  }
  return out + "}}";
}

std::string render_failure_response(const AdmissionRequest& request, bool allow,
                                    std::string_view reason) {
  std::string out = response_head(request, allow);
  out += ",\"status\":{\"code\":500,\"message\":";
  append_json_string(out, reason);
  return out + "}}}";
}

}  // namespace rampart::admission
