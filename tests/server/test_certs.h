// SPDX-License-Identifier: Apache-2.0
//
// Self-signed test certificates made at test time with the OpenSSL API: a
// P-256 key and a certificate for "localhost" and 127.0.0.1, valid for a day,
// written as PEM. Each call makes a fresh key, so two calls give two
// distinguishable certificates (for reload tests).
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace rampart::server::testing {

inline bool write_pem(const std::filesystem::path& path, EVP_PKEY* key,
                      X509* cert) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (!file) return false;
  bool ok = key ? PEM_write_PrivateKey(file, key, nullptr, nullptr, 0, nullptr,
                                       nullptr) == 1
                : PEM_write_X509(file, cert) == 1;
  return std::fclose(file) == 0 && ok;
}

// Writes a new key pair and certificate; returns false on any failure.
inline bool make_self_signed(const std::filesystem::path& cert_file,
                             const std::filesystem::path& key_file,
                             const std::string& common_name = "localhost") {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  bool ok = key && cert;
  if (ok) {
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_ASC,
        reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* san = X509V3_EXT_conf_nid(
        nullptr, &context, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
    ok = san && X509_add_ext(cert, san, -1) == 1;
    X509_EXTENSION_free(san);
    ok = ok && X509_sign(cert, key, EVP_sha256()) > 0;
  }
  ok = ok && write_pem(cert_file, nullptr, cert) &&
       write_pem(key_file, key, nullptr);
  X509_free(cert);
  EVP_PKEY_free(key);
  return ok;
}

}  // namespace rampart::server::testing
