// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "builtin_test_util_b.h"
#include "rego/builtins/encoding_support.h"

namespace rampart::rego {
namespace {

using testing_b::call;
using testing_b::json;
using testing_b::s;
using testing_b::show;

TEST(CryptoDigest, HexDigests) {
  EXPECT_EQ(show(call("crypto.md5", {s("")})),
            R"("d41d8cd98f00b204e9800998ecf8427e")");
  EXPECT_EQ(show(call("crypto.sha1", {s("abc")})),
            R"("a9993e364706816aba3e25717850c26c9cd0d89d")");
  EXPECT_EQ(
      show(call("crypto.sha256", {s("abc")})),
      R"("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")");
}

TEST(CryptoHmac, KeyIsSecondOperand) {
  // RFC 4231 test case 2.
  EXPECT_EQ(
      show(call("crypto.hmac.sha256",
                {s("what do ya want for nothing?"), s("Jefe")})),
      R"("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")");
  auto mac = call("crypto.hmac.sha512", {s("m"), s("k")});
  ASSERT_TRUE(mac.has_value());
  EXPECT_EQ(mac.value().as_string().size(), 128u);
  EXPECT_EQ(show(call("crypto.hmac.equal", {s("ab"), s("ab")})), "true");
  EXPECT_EQ(show(call("crypto.hmac.equal", {s("ab"), s("abc")})), "false");
}

// A certificate signed by `issuer_key` (self-signed when issuer is null).
struct Certificate {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  ~Certificate() {
    X509_free(cert);
    EVP_PKEY_free(key);
  }
  std::string pem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return text;
  }
};

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  ASSERT_NE(ext, nullptr);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

void make(Certificate& out, const char* common_name, const Certificate* issuer,
          bool ca, long serial) {
  out.key = EVP_EC_gen("P-256");
  ASSERT_NE(out.key, nullptr);
  out.cert = X509_new();
  X509_set_version(out.cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(out.cert), serial);
  X509_gmtime_adj(X509_getm_notBefore(out.cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(out.cert), 3600L * 24 * 365);
  X509_set_pubkey(out.cert, out.key);
  X509_NAME* name = X509_get_subject_name(out.cert);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Rampart"),
                             -1, -1, 0);
  X509_NAME_add_entry_by_txt(
      name, "CN", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  X509* signer = issuer ? issuer->cert : out.cert;
  X509_set_issuer_name(out.cert, X509_get_subject_name(signer));
  add_extension(out.cert, signer, NID_basic_constraints,
                ca ? "critical,CA:TRUE" : "CA:FALSE");
  if (!ca) {
    add_extension(out.cert, signer, NID_subject_alt_name,
                  "DNS:svc.example.test,IP:192.0.2.7");
    add_extension(out.cert, signer, NID_ext_key_usage, "serverAuth");
    add_extension(out.cert, signer, NID_key_usage, "digitalSignature");
  } else {
    add_extension(out.cert, signer, NID_key_usage, "keyCertSign,cRLSign");
  }
  ASSERT_GT(X509_sign(out.cert, issuer ? issuer->key : out.key, EVP_sha256()),
            0);
}

TEST(CryptoX509, ParseCertificatesGoShape) {
  Certificate root, leaf;
  make(root, "Root CA", nullptr, true, 1);
  make(leaf, "svc", &root, false, 77);
  auto result = call("crypto.x509.parse_certificates",
                     {Value::string(root.pem() + leaf.pem())});
  ASSERT_TRUE(result.has_value()) << show(result);
  const auto& certs = result.value().array_items();
  ASSERT_EQ(certs.size(), 2u);
  const Value& c = certs[1];
  EXPECT_EQ(to_json(*c.find("Subject")->find("CommonName")), R"("svc")");
  EXPECT_EQ(to_json(*c.find("Subject")->find("Organization")),
            R"(["Rampart"])");
  EXPECT_EQ(to_json(*c.find("Issuer")->find("CommonName")), R"("Root CA")");
  EXPECT_EQ(to_json(*c.find("DNSNames")), R"(["svc.example.test"])");
  EXPECT_EQ(to_json(*c.find("IPAddresses")), R"(["192.0.2.7"])");
  EXPECT_EQ(to_json(*c.find("SerialNumber")), "77");
  EXPECT_EQ(to_json(*c.find("ExtKeyUsage")), "[1]");
  EXPECT_EQ(to_json(*c.find("KeyUsage")), "1");
  EXPECT_EQ(to_json(*c.find("PublicKeyAlgorithm")), "3");
  EXPECT_EQ(to_json(*c.find("SignatureAlgorithm")), "10");
  EXPECT_EQ(to_json(*c.find("Version")), "3");
  EXPECT_EQ(to_json(*certs[0].find("IsCA")), "true");
  EXPECT_EQ(to_json(*certs[0].find("KeyUsage")), "96");
  EXPECT_EQ(c.find("NotAfter")->as_string().back(), 'Z');

  // Base64 of the PEM text works too.
  auto encoded =
      call("crypto.x509.parse_certificates",
           {Value::string(encoding::base64_encode(leaf.pem(), false, true))});
  EXPECT_TRUE(encoded.has_value());
}

TEST(CryptoX509, MalformedInput) {
  EXPECT_EQ(
      show(call("crypto.x509.parse_certificates",
                {Value::string(encoding::base64_encode("junk", false, true))})),
      "<error: x509: malformed certificate>");
  EXPECT_EQ(show(call("crypto.x509.parse_certificates",
                      {s("-----BEGIN PUBLIC KEY-----\nAAAA\n"
                         "-----END PUBLIC KEY-----\n")})),
            "<error: PEM block type is 'PUBLIC KEY', expected CERTIFICATE>");
}

TEST(CryptoX509, VerifyChainRootFirst) {
  Certificate root, other, leaf;
  make(root, "Root CA", nullptr, true, 1);
  make(other, "Other CA", nullptr, true, 2);
  make(leaf, "svc", &root, false, 3);
  auto good = call("crypto.x509.parse_and_verify_certificates",
                   {Value::string(root.pem() + leaf.pem())});
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(to_json(good.value().array_items()[0]), "true");
  EXPECT_EQ(good.value().array_items()[1].size(), 2u);
  EXPECT_EQ(show(call("crypto.x509.parse_and_verify_certificates",
                      {Value::string(other.pem() + leaf.pem())})),
            "[false,[]]");

  auto named = call("crypto.x509.parse_and_verify_certificates_with_options",
                    {Value::string(root.pem() + leaf.pem()),
                     json(R"({"DNSName": "svc.example.test",
                              "KeyUsages": ["KeyUsageServerAuth"]})")});
  EXPECT_EQ(to_json(named.value().array_items()[0]), "true");
  auto wrong_name =
      call("crypto.x509.parse_and_verify_certificates_with_options",
           {Value::string(root.pem() + leaf.pem()),
            json(R"({"DNSName": "other.test"})")});
  EXPECT_EQ(show(wrong_name), "[false,[]]");
  auto wrong_usage =
      call("crypto.x509.parse_and_verify_certificates_with_options",
           {Value::string(root.pem() + leaf.pem()),
            json(R"({"KeyUsages": ["KeyUsageCodeSigning"]})")});
  EXPECT_EQ(show(wrong_usage), "[false,[]]");
  auto expired = call("crypto.x509.parse_and_verify_certificates_with_options",
                      {Value::string(root.pem() + leaf.pem()),
                       json(R"({"CurrentTime": 4102444800000000000})")});
  EXPECT_EQ(show(expired), "[false,[]]");
}

TEST(CryptoX509, CertificateRequestAndKeyPair) {
  Certificate leaf;
  make(leaf, "svc", nullptr, false, 9);
  X509_REQ* request = X509_REQ_new();
  X509_REQ_set_pubkey(request, leaf.key);
  X509_REQ_set_subject_name(request, X509_get_subject_name(leaf.cert));
  ASSERT_GT(X509_REQ_sign(request, leaf.key, EVP_sha256()), 0);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_REQ(bio, request);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string csr(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  X509_REQ_free(request);
  auto parsed =
      call("crypto.x509.parse_certificate_request", {Value::string(csr)});
  ASSERT_TRUE(parsed.has_value()) << show(parsed);
  EXPECT_EQ(to_json(*parsed.value().find("Subject")->find("CommonName")),
            R"("svc")");
  EXPECT_EQ(to_json(*parsed.value().find("PublicKeyAlgorithm")), "3");

  bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, leaf.key, nullptr, nullptr, 0, nullptr,
                           nullptr);
  size = BIO_get_mem_data(bio, &data);
  std::string key(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  auto pair = call("crypto.x509.parse_keypair",
                   {Value::string(leaf.pem()), Value::string(key)});
  ASSERT_TRUE(pair.has_value()) << show(pair);
  EXPECT_EQ(pair.value().find("Certificate")->size(), 1u);
  Certificate other;
  make(other, "other", nullptr, false, 10);
  EXPECT_EQ(show(call("crypto.x509.parse_keypair",
                      {Value::string(other.pem()), Value::string(key)})),
            "<error: tls: private key does not match public key>");
}

TEST(CryptoKeys, RsaPrivateKeyAsJwk) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  ASSERT_NE(key, nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(key);

  auto jwk = call("crypto.x509.parse_rsa_private_key", {Value::string(pem)});
  ASSERT_TRUE(jwk.has_value()) << show(jwk);
  EXPECT_EQ(to_json(*jwk.value().find("kty")), R"("RSA")");
  EXPECT_EQ(to_json(*jwk.value().find("e")), R"("AQAB")");
  EXPECT_NE(jwk.value().find("qi"), nullptr);

  auto keys = call("crypto.parse_private_keys", {Value::string(pem + pem)});
  ASSERT_TRUE(keys.has_value()) << show(keys);
  ASSERT_EQ(keys.value().size(), 2u);
  EXPECT_EQ(to_json(*keys.value().array_items()[0].find("E")), "65537");
  EXPECT_EQ(show(call("crypto.parse_private_keys", {s("")})), "null");
}

}  // namespace
}  // namespace rampart::rego
