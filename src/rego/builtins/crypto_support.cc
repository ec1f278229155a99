// SPDX-License-Identifier: Apache-2.0
//
// OpenSSL helpers for the JWT and crypto built-ins; see crypto_support.h.
#include "rego/builtins/crypto_support.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/hmac.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include "rego/builtins/encoding_support.h"

namespace rampart::rego::crypto {
namespace {

struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

struct ParamBuildFree {
  void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A base64url JWK member, decoded; nullopt when absent or malformed.
std::optional<std::string> member_bytes(const Value& object, const char* name,
                                        std::string* error) {
  const Value* value = object.find(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    *error = std::string("invalid JWK member ") + name;
    return std::nullopt;
  }
  std::string text = value->as_string();
  while (!text.empty() && text.back() == '=') text.pop_back();
  auto decoded = encoding::base64_decode(text, true, false, error);
  if (!decoded) *error = std::string("failed to decode JWK member ") + name;
  return decoded;
}

Bn to_bn(const std::string& bytes) {
  return Bn(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                      static_cast<int>(bytes.size()), nullptr));
}

Pkey from_params(const char* type, OSSL_PARAM_BLD* build, bool with_private) {
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(build));
  if (!params) return nullptr;
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> context(
      EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!context || EVP_PKEY_fromdata_init(context.get()) <= 0) return nullptr;
  EVP_PKEY* key = nullptr;
  int selection = with_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
  if (EVP_PKEY_fromdata(context.get(), &key, selection, params.get()) <= 0) {
    return nullptr;
  }
  return Pkey(key);
}

Pkey rsa_from_jwk(const Value& object, std::string* error) {
  auto n = member_bytes(object, "n", error);
  auto e = member_bytes(object, "e", error);
  if (!n || !e) {
    *error = "failed to parse RSA JWK: missing n or e";
    return nullptr;
  }
  std::unique_ptr<OSSL_PARAM_BLD, ParamBuildFree> build(OSSL_PARAM_BLD_new());
  std::vector<Bn> numbers;
  auto push = [&](const char* param, const std::string& bytes) {
    numbers.push_back(to_bn(bytes));
    OSSL_PARAM_BLD_push_BN(build.get(), param, numbers.back().get());
  };
  push(OSSL_PKEY_PARAM_RSA_N, *n);
  push(OSSL_PKEY_PARAM_RSA_E, *e);
  auto d = member_bytes(object, "d", error);
  if (d) {
    push(OSSL_PKEY_PARAM_RSA_D, *d);
    static const std::pair<const char*, const char*> kCrt[] = {
        {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
        {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},
        {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
        {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2},
        {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1}};
    for (const auto& [member, param] : kCrt) {
      if (auto bytes = member_bytes(object, member, error)) {
        push(param, *bytes);
      }
    }
  }
  Pkey key = from_params("RSA", build.get(), d.has_value());
  if (!key) *error = "failed to build RSA key from JWK";
  return key;
}

Pkey ec_from_jwk(const Value& object, std::string* error) {
  const Value* curve = object.find("crv");
  auto x = member_bytes(object, "x", error);
  auto y = member_bytes(object, "y", error);
  if (curve == nullptr || !curve->is_string() || !x || !y) {
    *error = "failed to parse EC JWK: missing crv, x or y";
    return nullptr;
  }
  static const std::pair<const char*, std::pair<const char*, std::size_t>>
      kCurves[] = {{"P-256", {"prime256v1", 32}},
                   {"P-384", {"secp384r1", 48}},
                   {"P-521", {"secp521r1", 66}}};
  const char* group = nullptr;
  std::size_t size = 0;
  for (const auto& [name, info] : kCurves) {
    if (curve->as_string() == name) {
      group = info.first;
      size = info.second;
    }
  }
  if (group == nullptr || x->size() > size || y->size() > size) {
    *error = "unsupported EC curve " + curve->as_string();
    return nullptr;
  }
  std::string point = "\x04";
  point += std::string(size - x->size(), '\0') + *x;
  point += std::string(size - y->size(), '\0') + *y;
  std::unique_ptr<OSSL_PARAM_BLD, ParamBuildFree> build(OSSL_PARAM_BLD_new());
  OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                  group, 0);
  OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                   point.data(), point.size());
  auto d = member_bytes(object, "d", error);
  Bn private_part;
  if (d) {
    private_part = to_bn(*d);
    OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PRIV_KEY,
                           private_part.get());
  }
  Pkey key = from_params("EC", build.get(), d.has_value());
  if (!key) *error = "failed to build EC key from JWK";
  return key;
}

Pkey okp_from_jwk(const Value& object, std::string* error) {
  const Value* curve = object.find("crv");
  if (curve == nullptr || !curve->is_string() ||
      curve->as_string() != "Ed25519") {
    *error = "unsupported OKP curve";
    return nullptr;
  }
  auto d = member_bytes(object, "d", error);
  if (d) {
    return Pkey(EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr,
        reinterpret_cast<const unsigned char*>(d->data()), d->size()));
  }
  auto x = member_bytes(object, "x", error);
  if (!x) {
    *error = "failed to parse OKP JWK: missing x";
    return nullptr;
  }
  return Pkey(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr,
      reinterpret_cast<const unsigned char*>(x->data()), x->size()));
}

std::string string_member(const Value& object, const char* name) {
  const Value* value = object.find(name);
  return value != nullptr && value->is_string() ? value->as_string() : "";
}

}  // namespace

std::vector<PemBlock> pem_blocks(std::string_view text, std::string* rest) {
  std::vector<PemBlock> blocks;
  while (true) {
    std::size_t begin = text.find("-----BEGIN ");
    if (begin == std::string_view::npos) break;
    std::size_t type_end = text.find("-----", begin + 11);
    if (type_end == std::string_view::npos) break;
    std::string type(text.substr(begin + 11, type_end - begin - 11));
    std::string end_marker = "-----END " + type + "-----";
    std::size_t end = text.find(end_marker, type_end + 5);
    if (end == std::string_view::npos) break;
    std::string_view body = text.substr(type_end + 5, end - type_end - 5);
    // Skip RFC 1421 headers ("Proc-Type: ...") up to a blank line.
    if (body.find(':') != std::string_view::npos) {
      std::size_t blank = body.find("\n\n");
      if (blank != std::string_view::npos) body.remove_prefix(blank + 2);
    }
    std::string compact;
    for (char c : body) {
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') compact += c;
    }
    std::string error;
    auto der = encoding::base64_decode(compact, false, true, &error);
    if (!der) break;
    blocks.push_back({type, std::move(*der)});
    text.remove_prefix(end + end_marker.size());
    // Go consumes the rest of the END line.
    if (!text.empty() && text.front() == '\r') text.remove_prefix(1);
    if (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  }
  if (rest != nullptr) *rest = is_blank(text) ? "" : std::string(text);
  return blocks;
}

std::optional<Jwk> jwk_from_object(const Value& object, std::string* error) {
  if (!object.is_object()) {
    *error = "invalid JWK: not an object";
    return std::nullopt;
  }
  Jwk jwk;
  jwk.kty = string_member(object, "kty");
  jwk.alg = string_member(object, "alg");
  jwk.kid = string_member(object, "kid");
  if (jwk.kty == "oct") {
    auto k = member_bytes(object, "k", error);
    if (!k) {
      *error = "failed to parse oct JWK: missing k";
      return std::nullopt;
    }
    jwk.secret = std::move(*k);
    return jwk;
  }
  if (jwk.kty == "RSA") {
    jwk.key = rsa_from_jwk(object, error);
  } else if (jwk.kty == "EC") {
    jwk.key = ec_from_jwk(object, error);
  } else if (jwk.kty == "OKP") {
    jwk.key = okp_from_jwk(object, error);
  } else {
    *error = "unsupported JWK key type \"" + jwk.kty + "\"";
    return std::nullopt;
  }
  if (!jwk.key) return std::nullopt;
  return jwk;
}

std::optional<std::vector<Jwk>> parse_jwks(const Value& document,
                                           std::string* error) {
  std::vector<Jwk> keys;
  const Value* set = document.find("keys");
  if (set != nullptr && set->is_array()) {
    for (const Value& item : set->array_items()) {
      auto jwk = jwk_from_object(item, error);
      if (!jwk) return std::nullopt;
      keys.push_back(std::move(*jwk));
    }
    return keys;
  }
  auto jwk = jwk_from_object(document, error);
  if (!jwk) return std::nullopt;
  keys.push_back(std::move(*jwk));
  return keys;
}

const EVP_MD* digest_by_name(std::string_view name) {
  if (name == "MD5") return EVP_md5();
  if (name == "SHA1") return EVP_sha1();
  if (name == "SHA224") return EVP_sha224();
  if (name == "SHA256") return EVP_sha256();
  if (name == "SHA384") return EVP_sha384();
  if (name == "SHA512") return EVP_sha512();
  return nullptr;
}

std::string hex_digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), out, &size, md, nullptr);
  return encoding::hex_encode(
      std::string_view(reinterpret_cast<char*>(out), size));
}

std::string hmac(const EVP_MD* md, std::string_view key,
                 std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  static const unsigned char kEmpty = 0;
  const unsigned char* key_bytes =
      key.empty() ? &kEmpty
                  : reinterpret_cast<const unsigned char*>(key.data());
  HMAC(md, key_bytes, static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out,
       &size);
  return std::string(reinterpret_cast<char*>(out), size);
}

std::string base64url(std::string_view bytes) {
  return encoding::base64_encode(bytes, true, false);
}

}  // namespace rampart::rego::crypto
