// SPDX-License-Identifier: Apache-2.0
//
// OpenSSL helpers shared by the JWT and crypto built-ins: PEM blocks as Go's
// encoding/pem reads them, keys from PEM or JWK (RFC 7517) documents, and
// digests by name. Input is untrusted; OpenSSL does the parsing and all
// cryptography. Owned OpenSSL objects are held in unique_ptrs with their
// free functions. Errors are strings for the caller's BuiltinResult; no
// exceptions. Stateless and thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "rampart/document/value.h"

namespace rampart::rego::crypto {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

struct PemBlock {
  std::string type;   // "CERTIFICATE", "PUBLIC KEY", ...
  std::string bytes;  // DER
};

// Every PEM block in `text`, in order; `rest` receives what follows the
// last block. Text before the first block is skipped, as Go does.
std::vector<PemBlock> pem_blocks(std::string_view text, std::string* rest);

// A key of a JWK object: "oct" keys come back in `secret`, others as an
// EVP_PKEY (public or private as the JWK holds). `alg` and `kid` are the
// JWK's own fields.
struct Jwk {
  Pkey key;
  std::string secret;
  std::string kty;
  std::string alg;
  std::string kid;
};
// Parses a JWK or a JWK set ({"keys": [...]}).
std::optional<std::vector<Jwk>> parse_jwks(const Value& document,
                                           std::string* error);
std::optional<Jwk> jwk_from_object(const Value& object, std::string* error);

// SHA-1/224/256/384/512, MD5 by name ("SHA256").
const EVP_MD* digest_by_name(std::string_view name);
// Lower-case hex digest / HMAC of `data`.
std::string hex_digest(const EVP_MD* md, std::string_view data);
std::string hmac(const EVP_MD* md, std::string_view key, std::string_view data);

// Unsigned big-endian bytes <-> base64url without padding.
std::string base64url(std::string_view bytes);

}  // namespace rampart::rego::crypto
