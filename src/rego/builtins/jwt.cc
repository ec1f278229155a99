// SPDX-License-Identifier: Apache-2.0
//
// OPA's token built-ins: io.jwt.decode, io.jwt.decode_verify, the
// io.jwt.verify_* family (HS, RS, PS, ES 256/384/512 and EdDSA) and
// io.jwt.encode_sign / encode_sign_raw.
//
// Tokens are JWS compact serialisations ("header.payload.signature", each
// base64url); JWE tokens are refused. Verification keys are a PEM
// certificate, a PEM public key, or a JWK / JWK set; signing keys are a JWK.
// All signature work is OpenSSL's. Tokens and keys are untrusted: sizes
// are bounded by the base64 and JSON readers, nested tokens ("cty": "JWT")
// by kMaxNesting. Errors use OPA's messages; a signature that does not
// verify is a false result, not an error. Stateless and thread-safe.
#include <cmath>
#include <optional>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/rsa.h>

#include "rampart/document/json.h"
#include "rampart/rego/builtins.h"

#include "rego/builtins/crypto_support.h"
#include "rego/builtins/encoding_support.h"
#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect_all;
using crypto::Jwk;
using crypto::Pkey;

constexpr int kMaxNesting = 8;

struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

struct EcdsaSigFree {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};

// --- token parts --------------------------------------------------------

struct Token {
  std::string header, payload, signature;  // still base64url
  Value decoded_header;
};

// OPA's base64url.decode: pads unpadded input, then decodes.
std::optional<std::string> b64url_decode(std::string text, std::string* error) {
  if (text.empty() || text.back() != '=') {
    if (text.size() % 4 == 2) text += "==";
    if (text.size() % 4 == 3) text += "=";
    if (text.size() % 4 == 1) {
      *error = "illegal base64url string: " + text;
      return std::nullopt;
    }
  }
  return encoding::base64_decode(text, true, true, error);
}

std::optional<Token> split_token(const std::string& text, std::string* error) {
  if (text.find('.') == std::string::npos) {
    *error = "encoded JWT had no period separators";
    return std::nullopt;
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (parts.size() != 3) {
    *error = "encoded JWT must have 3 sections, found " +
             std::to_string(parts.size());
    return std::nullopt;
  }
  return Token{parts[0], parts[1], parts[2], Value()};
}

std::optional<Value> json_object(const std::string& text, std::string* error) {
  auto parsed = parse_json(text);
  if (!parsed) {
    *error = "invalid JSON: " + parsed.status().message();
    return std::nullopt;
  }
  if (!parsed->is_object()) {
    *error = "decoded JSON type was not an Object";
    return std::nullopt;
  }
  return parsed.value();
}

bool decode_header(Token& token, std::string* error) {
  auto raw = b64url_decode(token.header, error);
  if (!raw) {
    *error = "JWT header had invalid encoding: " + *error;
    return false;
  }
  auto header = json_object(*raw, error);
  if (!header) {
    *error = "bad JWT header: " + *error;
    return false;
  }
  if (header->find("enc") != nullptr) {
    *error = "JWT is a JWE object, which is not supported";
    return false;
  }
  token.decoded_header = *header;
  return true;
}

std::string header_string(const Value& header, const char* name) {
  const Value* value = header.find(name);
  return value != nullptr && value->is_string() ? value->as_string() : "";
}

// --- algorithms -----------------------------------------------------------

enum class Family { kHmac, kRsa, kPss, kEcdsa, kEdDsa };

struct Algorithm {
  const char* name;
  Family family;
  const char* digest;
};

const Algorithm* find_algorithm(std::string_view name) {
  static const Algorithm kAlgorithms[] = {
      {"HS256", Family::kHmac, "SHA256"},  {"HS384", Family::kHmac, "SHA384"},
      {"HS512", Family::kHmac, "SHA512"},  {"RS256", Family::kRsa, "SHA256"},
      {"RS384", Family::kRsa, "SHA384"},   {"RS512", Family::kRsa, "SHA512"},
      {"PS256", Family::kPss, "SHA256"},   {"PS384", Family::kPss, "SHA384"},
      {"PS512", Family::kPss, "SHA512"},   {"ES256", Family::kEcdsa, "SHA256"},
      {"ES384", Family::kEcdsa, "SHA384"}, {"ES512", Family::kEcdsa, "SHA512"},
      {"EdDSA", Family::kEdDsa, nullptr},
  };
  for (const Algorithm& algorithm : kAlgorithms) {
    if (name == algorithm.name) return &algorithm;
  }
  return nullptr;
}

bool key_fits(const Algorithm& algorithm, EVP_PKEY* key) {
  int id = EVP_PKEY_get_base_id(key);
  switch (algorithm.family) {
    case Family::kRsa:
    case Family::kPss:
      return id == EVP_PKEY_RSA;
    case Family::kEcdsa:
      return id == EVP_PKEY_EC;
    case Family::kEdDsa:
      return id == EVP_PKEY_ED25519;
    case Family::kHmac:
      return false;
  }
  return false;
}

// ECDSA signatures travel as r || s; OpenSSL wants DER.
std::optional<std::string> ecdsa_raw_to_der(std::string_view raw) {
  if (raw.empty() || raw.size() % 2 != 0) return std::nullopt;
  std::size_t half = raw.size() / 2;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()),
                        static_cast<int>(half), nullptr);
  BIGNUM* s =
      BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data() + half),
                static_cast<int>(half), nullptr);
  ECDSA_SIG_set0(sig, r, s);
  unsigned char* der = nullptr;
  int size = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  if (size <= 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return out;
}

std::optional<std::string> ecdsa_der_to_raw(std::string_view der,
                                            EVP_PKEY* key) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<ECDSA_SIG, EcdsaSigFree> sig(
      d2i_ECDSA_SIG(nullptr, &bytes, static_cast<long>(der.size())));
  if (!sig) return std::nullopt;
  int bits = EVP_PKEY_get_bits(key);
  auto size = static_cast<std::size_t>((bits + 7) / 8);
  std::string raw(2 * size, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()),
               reinterpret_cast<unsigned char*>(raw.data()),
               static_cast<int>(size));
  BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()),
               reinterpret_cast<unsigned char*>(raw.data() + size),
               static_cast<int>(size));
  return raw;
}

bool set_pss(EVP_PKEY_CTX* context, int salt) {
  return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) > 0 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(context, salt) > 0;
}

bool verify_with_key(const Algorithm& algorithm, EVP_PKEY* key,
                     std::string_view message, std::string_view signature) {
  if (!key_fits(algorithm, key)) return false;
  std::string der;
  if (algorithm.family == Family::kEcdsa) {
    auto converted = ecdsa_raw_to_der(signature);
    if (!converted) return false;
    der = std::move(*converted);
    signature = der;
  }
  MdCtx context(EVP_MD_CTX_new());
  EVP_PKEY_CTX* key_context = nullptr;
  const EVP_MD* md = algorithm.digest == nullptr
                         ? nullptr
                         : crypto::digest_by_name(algorithm.digest);
  if (EVP_DigestVerifyInit(context.get(), &key_context, md, nullptr, key) !=
      1) {
    return false;
  }
  if (algorithm.family == Family::kPss &&
      !set_pss(key_context, RSA_PSS_SALTLEN_AUTO)) {
    return false;
  }
  return EVP_DigestVerify(
             context.get(),
             reinterpret_cast<const unsigned char*>(signature.data()),
             signature.size(),
             reinterpret_cast<const unsigned char*>(message.data()),
             message.size()) == 1;
}

bool verify_hmac(const Algorithm& algorithm, std::string_view secret,
                 std::string_view message, std::string_view signature) {
  std::string mac =
      crypto::hmac(crypto::digest_by_name(algorithm.digest), secret, message);
  return mac.size() == signature.size() &&
         CRYPTO_memcmp(mac.data(), signature.data(), mac.size()) == 0;
}

std::optional<std::string> sign_with_key(const Algorithm& algorithm,
                                         EVP_PKEY* key,
                                         std::string_view message) {
  if (!key_fits(algorithm, key)) return std::nullopt;
  MdCtx context(EVP_MD_CTX_new());
  EVP_PKEY_CTX* key_context = nullptr;
  const EVP_MD* md = algorithm.digest == nullptr
                         ? nullptr
                         : crypto::digest_by_name(algorithm.digest);
  if (EVP_DigestSignInit(context.get(), &key_context, md, nullptr, key) != 1) {
    return std::nullopt;
  }
  if (algorithm.family == Family::kPss &&
      !set_pss(key_context, RSA_PSS_SALTLEN_DIGEST)) {
    return std::nullopt;
  }
  const auto* data = reinterpret_cast<const unsigned char*>(message.data());
  std::size_t size = 0;
  if (EVP_DigestSign(context.get(), nullptr, &size, data, message.size()) !=
      1) {
    return std::nullopt;
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(context.get(),
                     reinterpret_cast<unsigned char*>(signature.data()), &size,
                     data, message.size()) != 1) {
    return std::nullopt;
  }
  signature.resize(size);
  if (algorithm.family == Family::kEcdsa) {
    return ecdsa_der_to_raw(signature, key);
  }
  return signature;
}

// --- verification keys ----------------------------------------------------

struct VerificationKey {
  Pkey key;
  std::string secret;  // for "oct" JWKs
  bool symmetric = false;
  std::string alg;
  std::string kid;
};

std::optional<std::vector<VerificationKey>> keys_from_cert_or_jwk(
    const std::string& text, std::string* error) {
  std::string rest;
  auto blocks = crypto::pem_blocks(text, &rest);
  if (!blocks.empty()) {
    const crypto::PemBlock& block = blocks.front();
    if (blocks.size() > 1 || !rest.empty()) {
      *error = "extra data after a PEM certificate block";
      return std::nullopt;
    }
    const auto* der =
        reinterpret_cast<const unsigned char*>(block.bytes.data());
    auto size = static_cast<long>(block.bytes.size());
    std::vector<VerificationKey> keys(1);
    if (block.type == "CERTIFICATE") {
      crypto::Cert cert(d2i_X509(nullptr, &der, size));
      if (!cert) {
        *error =
            "failed to parse a PEM certificate: x509: malformed "
            "certificate";
        return std::nullopt;
      }
      keys[0].key = Pkey(X509_get_pubkey(cert.get()));
    } else if (block.type == "PUBLIC KEY") {
      keys[0].key = Pkey(d2i_PUBKEY(nullptr, &der, size));
      if (!keys[0].key) {
        *error = "failed to parse a PEM public key";
        return std::nullopt;
      }
    } else {
      *error = "failed to extract a Key from the PEM certificate";
      return std::nullopt;
    }
    return keys;
  }
  auto document = parse_json(text);
  if (!document) {
    *error = "failed to parse a JWK key (set): " + document.status().message();
    return std::nullopt;
  }
  auto jwks = crypto::parse_jwks(*document, error);
  if (!jwks) {
    *error = "failed to parse a JWK key (set): " + *error;
    return std::nullopt;
  }
  std::vector<VerificationKey> keys;
  for (Jwk& jwk : *jwks) {
    VerificationKey key;
    key.key = std::move(jwk.key);
    key.secret = std::move(jwk.secret);
    key.symmetric = jwk.kty == "oct";
    key.alg = jwk.alg;
    key.kid = jwk.kid;
    keys.push_back(std::move(key));
  }
  return keys;
}

bool verify_one(const Algorithm& algorithm, const VerificationKey& key,
                std::string_view message, std::string_view signature) {
  if (key.symmetric) {
    return algorithm.family == Family::kHmac &&
           verify_hmac(algorithm, key.secret, message, signature);
  }
  return key.key &&
         verify_with_key(algorithm, key.key.get(), message, signature);
}

// OPA's key selection: a key whose kid matches the header's decides alone;
// otherwise any key whose alg is unset or equal to the header's may verify.
bool verify_with_keys(const Algorithm& algorithm,
                      const std::vector<VerificationKey>& keys,
                      const std::string& header_alg,
                      const std::string& header_kid, std::string_view message,
                      std::string_view signature) {
  if (!header_kid.empty()) {
    for (const VerificationKey& key : keys) {
      if (key.kid == header_kid) {
        return verify_one(algorithm, key, message, signature);
      }
    }
  }
  for (const VerificationKey& key : keys) {
    if (!key.alg.empty() && key.alg != header_alg) continue;
    if (verify_one(algorithm, key, message, signature)) return true;
  }
  return false;
}

// --- built-ins --------------------------------------------------------------

BuiltinResult jwt_decode(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string text = args[0].as_string();
  std::string error;
  for (int depth = 0; depth < kMaxNesting; ++depth) {
    auto token = split_token(text, &error);
    if (!token || !decode_header(*token, &error)) {
      return BuiltinResult::error(error);
    }
    auto payload = b64url_decode(token->payload, &error);
    if (!payload) {
      return BuiltinResult::error("JWT payload had invalid encoding: " + error);
    }
    if (header_string(token->decoded_header, "cty") == "JWT") {
      // A nested token; jwt.io quotes it, so quotes are trimmed.
      std::size_t first = payload->find_first_not_of('"');
      std::size_t last = payload->find_last_not_of('"');
      text = first == std::string::npos
                 ? ""
                 : payload->substr(first, last - first + 1);
      continue;
    }
    auto claims = json_object(*payload, &error);
    if (!claims) return BuiltinResult::error(error);
    auto signature = b64url_decode(token->signature, &error);
    if (!signature) {
      return BuiltinResult::error("JWT signature had invalid encoding: " +
                                  error);
    }
    return BuiltinResult::of(
        Value::array({token->decoded_header, *claims,
                      Value::string(encoding::hex_encode(*signature))}));
  }
  return BuiltinResult::error("JWT nesting too deep");
}

BuiltinResult verify_hs(BuiltinArgs args, const char* alg) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) return *error;
  std::string error;
  auto token = split_token(args[0].as_string(), &error);
  if (!token) return BuiltinResult::error(error);
  auto signature = b64url_decode(token->signature, &error);
  if (!signature) return BuiltinResult::error(error);
  bool valid = verify_hmac(*find_algorithm(alg), args[1].as_string(),
                           token->header + "." + token->payload, *signature);
  return BuiltinResult::of(Value::boolean(valid));
}

BuiltinResult verify_asymmetric(BuiltinArgs args, const char* alg) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) return *error;
  std::string error;
  auto token = split_token(args[0].as_string(), &error);
  if (!token) return BuiltinResult::error(error);
  auto keys = keys_from_cert_or_jwk(args[1].as_string(), &error);
  if (!keys) return BuiltinResult::error(error);
  auto signature = b64url_decode(token->signature, &error);
  if (!signature) return BuiltinResult::error(error);
  if (!decode_header(*token, &error)) return BuiltinResult::error(error);
  bool valid = verify_with_keys(
      *find_algorithm(alg), *keys, header_string(token->decoded_header, "alg"),
      header_string(token->decoded_header, "kid"),
      token->header + "." + token->payload, *signature);
  return BuiltinResult::of(Value::boolean(valid));
}

struct Constraints {
  std::optional<std::vector<VerificationKey>> keys;
  std::string secret;
  std::string alg, iss, aud, sub;
  double time_ns = 0;
};

std::optional<BuiltinResult> read_constraints(const Value& object,
                                              const BuiltinContext& context,
                                              Constraints& out) {
  out.time_ns = static_cast<double>(context.now_ns);
  for (const auto& [key, value] : object.object_entries()) {
    std::string name = key.is_string() ? key.as_string() : to_json(key);
    std::string error;
    if (name == "cert") {
      if (!value.is_string()) {
        return BuiltinResult::error("cert constraint: must be a string");
      }
      out.keys = keys_from_cert_or_jwk(value.as_string(), &error);
      if (!out.keys) return BuiltinResult::error(error);
    } else if (name == "secret" || name == "alg" || name == "iss" ||
               name == "aud" || name == "sub") {
      if (!value.is_string()) {
        return BuiltinResult::error(name + " constraint: must be a string");
      }
      std::string& field = name == "secret" ? out.secret
                           : name == "alg"  ? out.alg
                           : name == "iss"  ? out.iss
                           : name == "sub"  ? out.sub
                                            : out.aud;
      field = value.as_string();
    } else if (name == "time") {
      if (!value.is_number()) {
        return BuiltinResult::error("time constraint: must be a number");
      }
      out.time_ns = value.as_double();
    } else {
      return BuiltinResult::error("unknown token validation constraint: " +
                                  name);
    }
  }
  int key_kinds = (out.keys ? 1 : 0) + (out.secret.empty() ? 0 : 1);
  if (key_kinds > 1) return BuiltinResult::error("duplicate key constraints");
  if (key_kinds < 1) return BuiltinResult::error("no key constraint");
  return std::nullopt;
}

bool audience_ok(const Value& aud, const std::string& wanted) {
  if (aud.is_string()) return aud.as_string() == wanted;
  if (aud.is_array()) {
    for (const Value& item : aud.array_items()) {
      if (item.is_string() && item.as_string() == wanted) return true;
    }
  }
  return false;
}

// Compares the query time (in seconds) with a claim, as OPA does:
// negative when now is before the claim.
int compare_time(double now_seconds, const Value& claim) {
  return Value::floating(now_seconds).compare(claim);
}

BuiltinResult decode_verify(BuiltinArgs args, BuiltinContext& context) {
  if (auto error = expect_all(args, {kTypeString, kTypeObject})) return *error;
  Value unverified = Value::array(
      {Value::boolean(false), Value::object({}), Value::object({})});
  Constraints constraints;
  if (auto error = read_constraints(args[1], context, constraints)) {
    return *error;
  }
  std::string text = args[0].as_string();
  std::string error;
  Token token;
  std::string payload_text;
  for (int depth = 0;; ++depth) {
    if (depth >= kMaxNesting)
      return BuiltinResult::error("JWT nesting too deep");
    auto split = split_token(text, &error);
    if (!split) return BuiltinResult::error(error);
    token = std::move(*split);
    if (!decode_header(token, &error)) return BuiltinResult::error(error);
    std::string alg = header_string(token.decoded_header, "alg");
    const Algorithm* algorithm = find_algorithm(alg);
    if (algorithm == nullptr) return BuiltinResult::of(unverified);
    if (!constraints.alg.empty() && constraints.alg != alg) {
      return BuiltinResult::of(unverified);
    }
    auto signature = b64url_decode(token.signature, &error);
    if (!signature) return BuiltinResult::error(error);
    std::string message = token.header + "." + token.payload;
    bool valid =
        constraints.keys
            ? verify_with_keys(*algorithm, *constraints.keys, alg,
                               header_string(token.decoded_header, "kid"),
                               message, *signature)
            : algorithm->family == Family::kHmac &&
                  verify_hmac(*algorithm, constraints.secret, message,
                              *signature);
    if (!valid) return BuiltinResult::of(unverified);
    auto payload = b64url_decode(token.payload, &error);
    if (!payload) {
      return BuiltinResult::error("JWT payload had invalid encoding: " + error);
    }
    std::string cty = header_string(token.decoded_header, "cty");
    for (char& c : cty) c = static_cast<char>(std::toupper(c));
    if (cty == "JWT") {
      text = *payload;
      continue;
    }
    payload_text = std::move(*payload);
    break;
  }
  auto claims = json_object(payload_text, &error);
  if (!claims) return BuiltinResult::error(error);

  if (!constraints.iss.empty()) {
    const Value* iss = claims->find("iss");
    if (iss == nullptr || !iss->is_string() ||
        iss->as_string() != constraints.iss) {
      return BuiltinResult::of(unverified);
    }
  }
  if (!constraints.sub.empty()) {
    const Value* sub = claims->find("sub");
    if (sub == nullptr || !sub->is_string() ||
        sub->as_string() != constraints.sub) {
      return BuiltinResult::of(unverified);
    }
  }
  if (const Value* aud = claims->find("aud")) {
    if (!audience_ok(*aud, constraints.aud)) {
      return BuiltinResult::of(unverified);
    }
  } else if (!constraints.aud.empty()) {
    return BuiltinResult::of(unverified);
  }
  double now_seconds = constraints.time_ns / 1e9;
  if (const Value* exp = claims->find("exp")) {
    if (!exp->is_number()) {
      return BuiltinResult::error("exp value must be a number");
    }
    if (compare_time(now_seconds, *exp) != -1) {
      return BuiltinResult::of(unverified);
    }
  }
  if (const Value* nbf = claims->find("nbf")) {
    if (!nbf->is_number()) {
      return BuiltinResult::error("nbf value must be a number");
    }
    if (compare_time(now_seconds, *nbf) == -1) {
      return BuiltinResult::of(unverified);
    }
  }
  return BuiltinResult::of(
      Value::array({Value::boolean(true), token.decoded_header, *claims}));
}

BuiltinResult encode_sign_raw_text(const std::string& header,
                                   const std::string& payload,
                                   const std::string& key_text) {
  auto key_document = parse_json(key_text);
  if (!key_document) {
    return BuiltinResult::error("failed to parse JWK: " +
                                key_document.status().message());
  }
  std::string error;
  auto jwks = crypto::parse_jwks(*key_document, &error);
  if (!jwks || jwks->empty()) return BuiltinResult::error(error);
  const Jwk& jwk = jwks->front();

  auto header_value = parse_json(header);
  if (!header_value || !header_value->is_object()) {
    return BuiltinResult::error(
        "missing or invalid 'alg' header: cannot parse JSON");
  }
  const Value* alg_value = header_value->find("alg");
  if (alg_value == nullptr || !alg_value->is_string()) {
    return BuiltinResult::error("missing or invalid 'alg' header");
  }
  const Algorithm* algorithm = find_algorithm(alg_value->as_string());
  if (algorithm == nullptr) {
    return BuiltinResult::error("unknown signature algorithm");
  }
  std::string typ = header_string(*header_value, "typ");
  if ((typ.empty() || typ == "JWT") && !parse_json(payload).is_ok()) {
    return BuiltinResult::error("type is JWT but payload is not JSON");
  }

  std::string signing_input =
      crypto::base64url(header) + "." + crypto::base64url(payload);
  std::optional<std::string> signature;
  if (algorithm->family == Family::kHmac) {
    if (jwk.kty != "oct") {
      return BuiltinResult::error("invalid key for HMAC signing");
    }
    signature = crypto::hmac(crypto::digest_by_name(algorithm->digest),
                             jwk.secret, signing_input);
  } else if (jwk.key) {
    signature = sign_with_key(*algorithm, jwk.key.get(), signing_input);
  }
  if (!signature) {
    return BuiltinResult::error("failed to sign payload with " +
                                std::string(algorithm->name) + " and the key");
  }
  return BuiltinResult::of(
      Value::string(signing_input + "." + crypto::base64url(*signature)));
}

BuiltinResult encode_sign_raw(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString, kTypeString})) {
    return *error;
  }
  return encode_sign_raw_text(args[0].as_string(), args[1].as_string(),
                              args[2].as_string());
}

BuiltinResult encode_sign(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeObject, kTypeObject, kTypeObject})) {
    return *error;
  }
  return encode_sign_raw_text(encoding::go_json(args[0]),
                              encoding::go_json(args[1]),
                              encoding::go_json(args[2]));
}

}  // namespace

void register_jwt_builtins(BuiltinRegistry& registry) {
  registry.add(declare("io.jwt.decode", {kTypeString}, kTypeArray, jwt_decode));
  BuiltinDecl verify =
      declare("io.jwt.decode_verify", {kTypeString, kTypeObject}, kTypeArray,
              decode_verify);
  verify.nondeterministic = true;  // reads the query's clock
  registry.add(std::move(verify));
  for (const char* alg : {"HS256", "HS384", "HS512"}) {
    std::string name = "io.jwt.verify_hs" + std::string(alg + 2);
    registry.add(declare(name, {kTypeString, kTypeString}, kTypeBoolean,
                         [alg](BuiltinArgs args, BuiltinContext&) {
                           return verify_hs(args, alg);
                         }));
  }
  for (const char* alg : {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                          "ES256", "ES384", "ES512", "EdDSA"}) {
    std::string lower = alg;
    for (char& c : lower) c = static_cast<char>(std::tolower(c));
    registry.add(declare("io.jwt.verify_" + lower, {kTypeString, kTypeString},
                         kTypeBoolean,
                         [alg](BuiltinArgs args, BuiltinContext&) {
                           return verify_asymmetric(args, alg);
                         }));
  }
  BuiltinDecl sign =
      declare("io.jwt.encode_sign", {kTypeObject, kTypeObject, kTypeObject},
              kTypeString, encode_sign);
  sign.nondeterministic = true;  // ECDSA and PSS signatures are randomised
  registry.add(std::move(sign));
  BuiltinDecl sign_raw =
      declare("io.jwt.encode_sign_raw", {kTypeString, kTypeString, kTypeString},
              kTypeString, encode_sign_raw);
  sign_raw.nondeterministic = true;
  registry.add(std::move(sign_raw));
}

}  // namespace rampart::rego
