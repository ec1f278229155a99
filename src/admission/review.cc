// SPDX-License-Identifier: Apache-2.0
//
// AdmissionReview bodies in and out: parse_admission_review() reads the
// request the API server sends, render_admission_response() and
// render_failure_response() write the answer (admission.h has the
// contract).
//
// The body is untrusted network input: it is refused above `max_bytes`
// before any parsing, the JSON reader bounds nesting depth, and every field
// is type-checked before use. Problems are Status values. The rendered
// responses quote policy messages only, never the object. Pure functions;
// safe from any thread.
#include <string>
#include <string_view>

#include "rampart/admission/admission.h"
#include "rampart/document/json.h"

namespace rampart::admission {
namespace {

// AdmissionReview nesting is shallow; objects inside it rarely pass 30
// levels. The cap keeps hostile bodies from costing deep recursion later.
constexpr std::size_t kMaxReviewDepth = 128;

constexpr std::string_view kV1 = "admission.k8s.io/v1";
constexpr std::string_view kV1beta1 = "admission.k8s.io/v1beta1";

const Value* member(const Value& object, std::string_view key) {
  return object.is_object() ? object.find(key) : nullptr;
}

std::string string_member(const Value& object, std::string_view key) {
  const Value* found = member(object, key);
  return found != nullptr && found->is_string() ? found->as_string() : "";
}

Status invalid(std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(message));
}

// The request's name; DELETE requests and generateName creations carry it
// only in the objects, if at all.
std::string request_name(const Value& request) {
  std::string name = string_member(request, "name");
  if (!name.empty()) return name;
  for (std::string_view key : {"object", "oldObject"}) {
    const Value* object = member(request, key);
    const Value* metadata = object ? member(*object, "metadata") : nullptr;
    if (metadata != nullptr) name = string_member(*metadata, "name");
    if (!name.empty()) return name;
  }
  return "";
}

constexpr char kBase64Digits[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16 |
                 static_cast<unsigned char>(bytes[i + 1]) << 8 |
                 static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kBase64Digits[(n >> shift) & 63];
  }
  std::size_t rest = bytes.size() - i;
  if (rest == 0) return out;
  unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
  if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
  out += kBase64Digits[(n >> 18) & 63];
  out += kBase64Digits[(n >> 12) & 63];
  out += rest == 2 ? kBase64Digits[(n >> 6) & 63] : '=';
  out += '=';
  return out;
}

// Verdicts read "[policy] message", as Gatekeeper prints them.
std::string labelled(const Verdict& verdict) {
  return "[" + verdict.policy + "] " + verdict.message;
}

// The version the answer must carry: the request's own, v1 when unknown
// (a failure response for a body that did not parse).
std::string_view response_version(const AdmissionRequest& request) {
  return request.api_version == kV1beta1 ? kV1beta1 : kV1;
}

void open_response(std::string& out, const AdmissionRequest& request,
                   bool allowed) {
  out += "{\"apiVersion\":";
  append_json_string(out, response_version(request));
  out += ",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":";
  append_json_string(out, request.uid);
  out += allowed ? ",\"allowed\":true" : ",\"allowed\":false";
}

void append_status(std::string& out, int code, std::string_view message) {
  out += ",\"status\":{\"code\":" + std::to_string(code) + ",\"message\":";
  append_json_string(out, message);
  out += code == 403 ? ",\"reason\":\"Forbidden\"}" : "}";
}

void append_warnings(std::string& out, const std::vector<std::string>& list) {
  if (list.empty()) return;
  out += ",\"warnings\":[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, list[i]);
  }
  out += ']';
}

}  // namespace

Result<AdmissionRequest> parse_admission_review(std::string_view body,
                                                std::size_t max_bytes) {
  if (body.size() > max_bytes) {
    return Status(StatusCode::kLimitExceeded,
                  "AdmissionReview body of " + std::to_string(body.size()) +
                      " bytes exceeds the limit of " +
                      std::to_string(max_bytes));
  }
  auto parsed = parse_json(body, "AdmissionReview", {kMaxReviewDepth});
  if (!parsed) return parsed.status();

  const Value& review = *parsed;
  if (!review.is_object()) return invalid("AdmissionReview is not an object");
  if (string_member(review, "kind") != "AdmissionReview") {
    return invalid(
        "body is not an AdmissionReview (kind is not "
        "\"AdmissionReview\")");
  }
  std::string version = string_member(review, "apiVersion");
  if (version != kV1 && version != kV1beta1) {
    return invalid("unsupported AdmissionReview apiVersion \"" +
                   version.substr(0, 64) + "\"");
  }
  const Value* request = member(review, "request");
  if (request == nullptr || !request->is_object()) {
    return invalid("AdmissionReview has no request object");
  }
  AdmissionRequest out;
  out.uid = string_member(*request, "uid");
  if (out.uid.empty()) return invalid("AdmissionReview request has no uid");

  out.api_version = std::move(version);
  const Value* kind = member(*request, "kind");
  out.kind = kind != nullptr ? string_member(*kind, "kind") : "";
  out.ns = string_member(*request, "namespace");
  out.name = request_name(*request);
  out.operation = string_member(*request, "operation");
  const Value* user = member(*request, "userInfo");
  out.user = user != nullptr ? string_member(*user, "username") : "";
  out.request = *request;
  return out;
}

std::string render_admission_response(const AdmissionRequest& request,
                                      const Decision& decision) {
  std::string denials;
  std::vector<std::string> warnings;
  for (const Verdict& verdict : decision.verdicts) {
    if (verdict.action == Action::kDeny) {
      if (!denials.empty()) denials += '\n';
      denials += labelled(verdict);
    } else if (verdict.action == Action::kWarn) {
      warnings.push_back(labelled(verdict));
    }
    // Dry-run verdicts are for logs and metrics only, never the answer.
  }

  std::string out;
  out.reserve(160 + denials.size());
  open_response(out, request, decision.allowed);
  if (!decision.allowed) {
    append_status(out, 403, denials.empty() ? "denied by policy" : denials);
  }
  append_warnings(out, warnings);
  if (decision.patch) {
    out += ",\"patchType\":\"JSONPatch\",\"patch\":\"";
    out += base64(*decision.patch);
    out += '"';
  }
  out += "}}";
  return out;
}

std::string render_failure_response(const AdmissionRequest& request, bool allow,
                                    std::string_view reason) {
  std::string message = "rampart could not evaluate the policies: ";
  message += reason;
  std::string out;
  open_response(out, request, allow);
  if (allow) {
    append_warnings(out, {message + " (allowed by the failure policy)"});
  } else {
    append_status(out, 500, message);
  }
  out += "}}";
  return out;
}

}  // namespace rampart::admission
