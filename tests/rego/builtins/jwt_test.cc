// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "builtin_test_util_b.h"
#include "rego/builtins/encoding_support.h"

namespace rampart::rego {
namespace {

using testing_b::call;
using testing_b::json;
using testing_b::s;
using testing_b::show;

// A fresh key pair of an OpenSSL algorithm ("RSA", "EC" with a group, or
// "ED25519").
struct KeyPair {
  EVP_PKEY* key = nullptr;
  ~KeyPair() { EVP_PKEY_free(key); }
};

void generate(KeyPair& pair, const char* type, const char* group = nullptr) {
  EVP_PKEY_CTX* context = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  ASSERT_NE(context, nullptr);
  ASSERT_EQ(EVP_PKEY_keygen_init(context), 1);
  if (group != nullptr) {
    ASSERT_EQ(EVP_PKEY_CTX_set_group_name(context, group), 1);
  }
  if (std::string(type) == "RSA") {
    ASSERT_EQ(EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048), 1);
  }
  ASSERT_EQ(EVP_PKEY_generate(context, &pair.key), 1);
  EVP_PKEY_CTX_free(context);
}

std::string public_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, key);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return pem;
}

std::string b64url_param(EVP_PKEY* key, const char* param,
                         std::size_t width = 0) {
  BIGNUM* bn = nullptr;
  EXPECT_EQ(EVP_PKEY_get_bn_param(key, param, &bn), 1) << param;
  std::size_t size = std::max<std::size_t>(BN_num_bytes(bn), width);
  std::string bytes(size, '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()),
               static_cast<int>(size));
  BN_free(bn);
  return encoding::base64_encode(bytes, true, false);
}

Value rsa_private_jwk(EVP_PKEY* key) {
  std::vector<ObjectEntry> e{{s("kty"), s("RSA")}};
  for (auto [member, param] : std::vector<std::pair<const char*, const char*>>{
           {"n", "n"},
           {"e", "e"},
           {"d", "d"},
           {"p", "rsa-factor1"},
           {"q", "rsa-factor2"},
           {"dp", "rsa-exponent1"},
           {"dq", "rsa-exponent2"},
           {"qi", "rsa-coefficient1"}}) {
    e.emplace_back(s(member), Value::string(b64url_param(key, param)));
  }
  return Value::object(std::move(e));
}

Value ec_private_jwk(EVP_PKEY* key) {
  return Value::object(
      {{s("kty"), s("EC")},
       {s("crv"), s("P-256")},
       {s("x"), Value::string(b64url_param(key, "qx", 32))},
       {s("y"), Value::string(b64url_param(key, "qy", 32))},
       {s("d"), Value::string(b64url_param(key, "priv", 32))}});
}

std::string sign(const Value& header, const Value& payload, const Value& jwk) {
  auto result = call("io.jwt.encode_sign", {header, payload, jwk});
  EXPECT_TRUE(result.has_value()) << show(result);
  return result.has_value() ? result.value().as_string() : "";
}

Value oct_key(const char* secret) {
  return Value::object(
      {{s("kty"), s("oct")},
       {s("k"), Value::string(encoding::base64_encode(secret, true, false))}});
}

TEST(JwtEncodeSign, HmacRoundTrip) {
  std::string token = sign(json(R"({"alg": "HS256", "typ": "JWT"})"),
                           json(R"({"sub": "ann", "n": 1})"), oct_key("k3y"));
  EXPECT_EQ(token.substr(0, token.find('.')),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9");
  EXPECT_EQ(show(call("io.jwt.verify_hs256", {Value::string(token), s("k3y")})),
            "true");
  EXPECT_EQ(show(call("io.jwt.verify_hs256", {Value::string(token), s("k3")})),
            "false");
  auto decoded = call("io.jwt.decode", {Value::string(token)});
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(to_json(decoded.value().array_items()[0]),
            R"({"alg":"HS256","typ":"JWT"})");
  EXPECT_EQ(to_json(decoded.value().array_items()[1]),
            R"({"n":1,"sub":"ann"})");
  EXPECT_EQ(decoded.value().array_items()[2].as_string().size(), 64u);
}

TEST(JwtEncodeSignRaw, KeepsTextAndChecksHeaders) {
  std::string key = R"({"kty": "oct", "k": "c2VjcmV0"})";
  auto token =
      call("io.jwt.encode_sign_raw",
           {s("{\"alg\":\"HS384\"}"), s("{\"a\":1}"), Value::string(key)});
  ASSERT_TRUE(token.has_value()) << show(token);
  EXPECT_EQ(token.value().as_string().substr(0, 20), "eyJhbGciOiJIUzM4NCJ9");
  EXPECT_EQ(show(call("io.jwt.verify_hs384", {token.value(), s("secret")})),
            "true");
  EXPECT_EQ(show(call("io.jwt.encode_sign_raw",
                      {s("{\"alg\":"), s("{}"), Value::string(key)})),
            "<error: missing or invalid 'alg' header: cannot parse JSON>");
  EXPECT_EQ(
      show(call("io.jwt.encode_sign_raw",
                {s("{\"alg\":\"HS256\"}"), s("not json"), Value::string(key)})),
      "<error: type is JWT but payload is not JSON>");
  EXPECT_EQ(show(call("io.jwt.encode_sign_raw",
                      {s("{\"alg\":\"XX1\"}"), s("{}"), Value::string(key)})),
            "<error: unknown signature algorithm>");
}

TEST(JwtVerify, RsaAndPssWithPemAndJwks) {
  KeyPair pair;
  generate(pair, "RSA");
  Value jwk = rsa_private_jwk(pair.key);
  std::string pem = public_pem(pair.key);
  for (const char* alg : {"RS256", "PS384"}) {
    Value header = Value::object({{s("alg"), s(alg)}});
    std::string token = sign(header, json(R"({"x": true})"), jwk);
    std::string lower = alg;
    for (char& c : lower) c = static_cast<char>(std::tolower(c));
    std::string name = "io.jwt.verify_" + lower;
    EXPECT_EQ(show(call(name, {Value::string(token), Value::string(pem)})),
              "true")
        << alg;
    std::string tampered = token;
    char& changed = tampered[tampered.size() - 5];
    changed = changed == 'A' ? 'B' : 'A';
    EXPECT_EQ(show(call(name, {Value::string(tampered), Value::string(pem)})),
              "false");
  }
  // A JWK set holding the public part, with a kid.
  Value set = Value::object(
      {{s("keys"),
        Value::array({Value::object(
            {{s("kty"), s("RSA")},
             {s("kid"), s("k1")},
             {s("n"), Value::string(b64url_param(pair.key, "n"))},
             {s("e"), Value::string(b64url_param(pair.key, "e"))}})})}});
  std::string token =
      sign(json(R"({"alg": "RS512", "kid": "k1"})"), json("{}"), jwk);
  EXPECT_EQ(show(call("io.jwt.verify_rs512",
                      {Value::string(token), Value::string(to_json(set))})),
            "true");
  // The wrong family never verifies.
  EXPECT_EQ(show(call("io.jwt.verify_es256",
                      {Value::string(token), Value::string(pem)})),
            "false");
}

TEST(JwtVerify, EcdsaAndEddsa) {
  KeyPair ec;
  generate(ec, "EC", "P-256");
  std::string token = sign(json(R"({"alg": "ES256"})"), json(R"({"v": 2})"),
                           ec_private_jwk(ec.key));
  EXPECT_EQ(
      show(call("io.jwt.verify_es256",
                {Value::string(token), Value::string(public_pem(ec.key))})),
      "true");

  KeyPair ed;
  generate(ed, "ED25519");
  unsigned char raw[32];
  std::size_t size = sizeof raw;
  ASSERT_EQ(EVP_PKEY_get_raw_private_key(ed.key, raw, &size), 1);
  std::string d(reinterpret_cast<char*>(raw), size);
  Value jwk = Value::object(
      {{s("kty"), s("OKP")},
       {s("crv"), s("Ed25519")},
       {s("d"), Value::string(encoding::base64_encode(d, true, false))}});
  std::string ed_token = sign(json(R"({"alg": "EdDSA"})"), json("{}"), jwk);
  EXPECT_EQ(
      show(call("io.jwt.verify_eddsa",
                {Value::string(ed_token), Value::string(public_pem(ed.key))})),
      "true");
}

TEST(JwtVerify, MalformedTokens) {
  EXPECT_EQ(show(call("io.jwt.verify_hs256", {s("abc"), s("k")})),
            "<error: encoded JWT had no period separators>");
  EXPECT_EQ(show(call("io.jwt.decode", {s("a.b")})),
            "<error: encoded JWT must have 3 sections, found 2>");
  EXPECT_EQ(call("io.jwt.verify_rs256", {s("a.b.c"), s("not a key")}).outcome(),
            BuiltinResult::Outcome::kError);
}

TEST(JwtDecodeVerify, ClaimsAndConstraints) {
  std::string token = sign(json(R"({"alg": "HS256"})"),
                           json(R"({"iss": "me", "aud": "you", "exp": 2000,
                                    "nbf": 1000})"),
                           oct_key("pw"));
  auto verify = [&](const std::string& constraints) {
    return show(call("io.jwt.decode_verify",
                     {Value::string(token), json(constraints)}));
  };
  std::string ok = verify(R"({"secret": "pw", "aud": "you", "iss": "me",
                               "time": 1500000000000})");
  EXPECT_EQ(ok, R"([true,{"alg":"HS256"},{"aud":"you","exp":2000,"iss":"me",)"
                R"("nbf":1000}])");
  std::string no = R"([false,{},{}])";
  EXPECT_EQ(verify(R"({"secret": "pw", "aud": "you", "time": 2500000000000})"),
            no);
  EXPECT_EQ(verify(R"({"secret": "pw", "aud": "you", "time": 500000000000})"),
            no);
  EXPECT_EQ(verify(R"({"secret": "pw", "time": 1500000000000})"), no);
  EXPECT_EQ(verify(R"({"secret": "pw", "aud": "you", "iss": "x",
                       "time": 1500000000000})"),
            no);
  EXPECT_EQ(verify(R"({"secret": "no", "aud": "you", "time": 1500000000000})"),
            no);
  EXPECT_EQ(verify(R"({"secret": "pw", "alg": "HS512", "aud": "you"})"), no);
  EXPECT_EQ(verify(R"({"aud": "you"})"), "<error: no key constraint>");
  EXPECT_EQ(verify(R"({"secret": "pw", "aud": "you", "sub": "someone",
                       "time": 1500000000000})"),
            no);
  EXPECT_EQ(verify(R"({"secret": "pw", "bogus": 1})"),
            "<error: unknown token validation constraint: bogus>");
}

TEST(JwtDecodeVerify, NonNumericExpIsError) {
  std::string token = sign(json(R"({"alg": "HS256"})"),
                           json(R"({"exp": "soon"})"), oct_key("pw"));
  EXPECT_EQ(show(call("io.jwt.decode_verify",
                      {Value::string(token), json(R"({"secret": "pw"})")})),
            "<error: exp value must be a number>");
}

}  // namespace
}  // namespace rampart::rego
