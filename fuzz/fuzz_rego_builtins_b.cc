// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes the parsing built-ins of the Rego engine (part B): GraphQL
// schemas, JSON schemas, JWTs and their keys, X.509 and private key PEM,
// units, semver, UUIDs, CIDRs, base64/hex/URL decoding and YAML. Input:
// one selector byte, then NUL-separated string arguments.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/rego/builtins.h"

#include "builtin_fuzz_input.h"

namespace {

using rampart::Value;
using rampart::fuzz::json_or_string;
using rampart::rego::BuiltinContext;
using rampart::rego::BuiltinRegistry;

struct Call {
  const char* name;
  int arity;
  bool json;  // arguments read as JSON when they parse
};

constexpr Call kCalls[] = {
    {"graphql.schema_is_valid", 1, false},
    {"graphql.parse_schema", 1, false},
    {"json.match_schema", 2, true},
    {"json.verify_schema", 1, true},
    {"io.jwt.decode", 1, false},
    {"io.jwt.decode_verify", 2, true},
    {"io.jwt.verify_rs256", 2, false},
    {"io.jwt.verify_es256", 2, false},
    {"io.jwt.encode_sign_raw", 3, false},
    {"crypto.x509.parse_certificates", 1, false},
    {"crypto.parse_private_keys", 1, false},
    {"units.parse", 1, false},
    {"units.parse_bytes", 1, false},
    {"semver.compare", 2, false},
    {"uuid.parse", 1, false},
    {"net.cidr_merge", 1, true},
    {"net.cidr_contains_matches", 2, true},
    {"base64.decode", 1, false},
    {"base64url.decode", 1, false},
    {"hex.decode", 1, false},
    {"urlquery.decode_object", 1, false},
    {"yaml.unmarshal", 1, false},
    {"yaml.marshal", 1, true},
    {"json.marshal_with_options", 2, true},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size < 1 || size > 8192) return 0;
  const Call& call = kCalls[data[0] % std::size(kCalls)];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto parts = rampart::fuzz::split_arguments(text, 3);
  std::vector<Value> args;
  for (int i = 0; i < call.arity; ++i) {
    args.push_back(call.json ? json_or_string(parts[i])
                             : Value::string(parts[i]));
  }
  const auto* decl = BuiltinRegistry::standard().find(call.name);
  BuiltinContext context;
  if (decl != nullptr) decl->function(args, context);
  return 0;
}
