// SPDX-License-Identifier: Apache-2.0
//
// OPA's crypto built-ins: digests (crypto.md5, sha1, sha256), HMACs
// (crypto.hmac.*), crypto.hmac.equal, X.509 parsing and chain verification
// (crypto.x509.*), and private key parsing (crypto.parse_private_keys).
//
// Certificates and keys come as PEM text, or base64 of PEM or DER, as OPA
// accepts them; OpenSSL parses and verifies. Parsed certificates are
// objects shaped like the JSON of Go's x509.Certificate (the fields
// policies read: Subject, Issuer, NotBefore/NotAfter, SANs, key usages,
// serial number, public key...). Inputs are untrusted: OpenSSL's DER
// readers bound themselves and the number of certificates per call is
// capped (kMaxCertificates). Errors use Go's wording where OPA passes it
// through. Stateless and thread-safe.
#include <cstring>
#include <ctime>
#include <optional>

#include <arpa/inet.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "rampart/document/json.h"
#include "rampart/rego/builtins.h"

#include "rego/builtins/crypto_support.h"
#include "rego/builtins/encoding_support.h"
#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect_all;
using crypto::Cert;

constexpr std::size_t kMaxCertificates = 1000;

struct StoreFree {
  void operator()(X509_STORE* s) const { X509_STORE_free(s); }
};
struct StoreCtxFree {
  void operator()(X509_STORE_CTX* s) const { X509_STORE_CTX_free(s); }
};
struct StackFree {
  void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }
};

// --- digests ----------------------------------------------------------------

BuiltinDecl digest(const char* name, const char* md) {
  return declare(name, {kTypeString}, kTypeString,
                 [md](BuiltinArgs args, BuiltinContext&) -> BuiltinResult {
                   if (auto error = expect_all(args, {kTypeString})) {
                     return *error;
                   }
                   return BuiltinResult::of(Value::string(crypto::hex_digest(
                       crypto::digest_by_name(md), args[0].as_string())));
                 });
}

BuiltinDecl hmac(const char* name, const char* md) {
  return declare(
      name, {kTypeString, kTypeString}, kTypeString,
      [md](BuiltinArgs args, BuiltinContext&) -> BuiltinResult {
        if (auto error = expect_all(args, {kTypeString, kTypeString})) {
          return *error;
        }
        std::string mac =
            crypto::hmac(crypto::digest_by_name(md), args[1].as_string(),
                         args[0].as_string());
        return BuiltinResult::of(Value::string(encoding::hex_encode(mac)));
      });
}

BuiltinResult hmac_equal(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) return *error;
  const std::string& a = args[0].as_string();
  const std::string& b = args[1].as_string();
  bool equal =
      a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
  return BuiltinResult::of(Value::boolean(equal));
}

// --- reading certificates -------------------------------------------------

// DER certificates one after another, as Go's x509.ParseCertificates reads.
std::optional<std::vector<Cert>> parse_der_sequence(std::string_view der,
                                                    std::string* error) {
  std::vector<Cert> certs;
  const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
  const auto* end = cursor + der.size();
  while (cursor < end) {
    if (certs.size() >= kMaxCertificates) {
      *error = "too many certificates";
      return std::nullopt;
    }
    Cert cert(d2i_X509(nullptr, &cursor, end - cursor));
    if (!cert) {
      *error = "x509: malformed certificate";
      return std::nullopt;
    }
    certs.push_back(std::move(cert));
  }
  return certs;
}

std::optional<std::string> pem_bytes(std::string_view text,
                                     const char* wanted_type,
                                     std::string* error) {
  std::string der;
  for (const crypto::PemBlock& block : crypto::pem_blocks(text, nullptr)) {
    if (block.type != wanted_type) {
      *error =
          "PEM block type is '" + block.type + "', expected " + wanted_type;
      return std::nullopt;
    }
    der += block.bytes;
  }
  return der;
}

// PEM, or base64 of PEM or DER: the DER bytes of every block.
std::optional<std::string> der_from_input(const std::string& input,
                                          const char* pem_type,
                                          std::string* error) {
  if (input.starts_with("-----BEGIN")) {
    return pem_bytes(input, pem_type, error);
  }
  auto decoded = encoding::base64_decode(input, false, true, error);
  if (!decoded) return std::nullopt;
  if (decoded->starts_with("-----BEGIN")) {
    return pem_bytes(*decoded, pem_type, error);
  }
  return decoded;
}

std::optional<std::vector<Cert>> read_certificates(const std::string& input,
                                                   std::string* error) {
  auto der = der_from_input(input, "CERTIFICATE", error);
  if (!der) return std::nullopt;
  return parse_der_sequence(*der, error);
}

// --- Go-shaped JSON of a certificate ------------------------------------

Value str(std::string_view text) { return Value::string(std::string(text)); }

Value b64(const unsigned char* data, int size) {
  if (data == nullptr || size < 0) return Value();
  return Value::string(encoding::base64_encode(
      std::string_view(reinterpret_cast<const char*>(data),
                       static_cast<std::size_t>(size)),
      false, true));
}

template <typename T, typename Encoder>
Value der_of(T* object, Encoder encode) {
  unsigned char* der = nullptr;
  int size = encode(object, &der);
  if (size < 0) return Value();
  Value value = b64(der, size);
  OPENSSL_free(der);
  return value;
}

Value bignum_value(const BIGNUM* bn) {
  if (bn == nullptr) return Value();
  char* text = BN_bn2dec(bn);
  Value value = Value::number_from_text(text);
  OPENSSL_free(text);
  return value;
}

Value oid_value(const ASN1_OBJECT* object) {
  char text[128];
  OBJ_obj2txt(text, sizeof text, object, 1);
  std::vector<Value> parts;
  for (const char* p = text; *p;) {
    parts.push_back(Value::integer(std::strtoll(p, nullptr, 10)));
    const char* dot = std::strchr(p, '.');
    if (dot == nullptr) break;
    p = dot + 1;
  }
  return Value::array(std::move(parts));
}

std::string asn1_text(const ASN1_STRING* string) {
  unsigned char* utf8 = nullptr;
  int size = ASN1_STRING_to_UTF8(&utf8, string);
  if (size < 0) return "";
  std::string text(reinterpret_cast<char*>(utf8),
                   static_cast<std::size_t>(size));
  OPENSSL_free(utf8);
  return text;
}

// Go's pkix.Name.
Value name_value(const X509_NAME* name) {
  struct Field {
    int nid;
    const char* key;
    bool list;
  };
  static const Field kFields[] = {
      {NID_countryName, "Country", true},
      {NID_organizationName, "Organization", true},
      {NID_organizationalUnitName, "OrganizationalUnit", true},
      {NID_localityName, "Locality", true},
      {NID_stateOrProvinceName, "Province", true},
      {NID_streetAddress, "StreetAddress", true},
      {NID_postalCode, "PostalCode", true},
      {NID_serialNumber, "SerialNumber", false},
      {NID_commonName, "CommonName", false},
  };
  std::vector<ObjectEntry> entries;
  std::vector<Value> names;
  std::vector<std::vector<Value>> lists(std::size(kFields));
  std::vector<std::string> singles(std::size(kFields));
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    const ASN1_OBJECT* object = X509_NAME_ENTRY_get_object(entry);
    std::string text = asn1_text(X509_NAME_ENTRY_get_data(entry));
    names.push_back(Value::object(
        {{str("Type"), oid_value(object)}, {str("Value"), str(text)}}));
    int nid = OBJ_obj2nid(object);
    for (std::size_t f = 0; f < std::size(kFields); ++f) {
      if (kFields[f].nid != nid) continue;
      if (kFields[f].list) {
        lists[f].push_back(str(text));
      } else {
        singles[f] = text;
      }
    }
  }
  for (std::size_t f = 0; f < std::size(kFields); ++f) {
    Value value =
        kFields[f].list
            ? (lists[f].empty() ? Value() : Value::array(std::move(lists[f])))
            : str(singles[f]);
    entries.emplace_back(str(kFields[f].key), std::move(value));
  }
  entries.emplace_back(
      str("Names"), names.empty() ? Value() : Value::array(std::move(names)));
  entries.emplace_back(str("ExtraNames"), Value());
  return Value::object(std::move(entries));
}

// RFC 3339 in UTC, as Go prints a time.Time.
Value time_value(const ASN1_TIME* time) {
  struct tm parts {};
  if (ASN1_TIME_to_tm(time, &parts) != 1) return Value();
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return str(text);
}

int go_signature_algorithm(const X509* cert) {
  switch (X509_get_signature_nid(cert)) {
    case NID_md2WithRSAEncryption:
      return 1;
    case NID_md5WithRSAEncryption:
      return 2;
    case NID_sha1WithRSAEncryption:
      return 3;
    case NID_sha256WithRSAEncryption:
      return 4;
    case NID_sha384WithRSAEncryption:
      return 5;
    case NID_sha512WithRSAEncryption:
      return 6;
    case NID_dsaWithSHA1:
      return 7;
    case NID_dsa_with_SHA256:
      return 8;
    case NID_ecdsa_with_SHA1:
      return 9;
    case NID_ecdsa_with_SHA256:
      return 10;
    case NID_ecdsa_with_SHA384:
      return 11;
    case NID_ecdsa_with_SHA512:
      return 12;
    case NID_rsassaPss:
      return 13;
    case NID_ED25519:
      return 16;
    default:
      return 0;
  }
}

// Go's public key JSON and PublicKeyAlgorithm number.
std::pair<Value, int> public_key_value(EVP_PKEY* key) {
  if (key == nullptr) return {Value(), 0};
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: {
      BIGNUM* n = nullptr;
      BIGNUM* e = nullptr;
      EVP_PKEY_get_bn_param(key, "n", &n);
      EVP_PKEY_get_bn_param(key, "e", &e);
      Value value = Value::object(
          {{str("N"), bignum_value(n)}, {str("E"), bignum_value(e)}});
      BN_free(n);
      BN_free(e);
      return {value, 1};
    }
    case EVP_PKEY_DSA:
      return {Value::object({}), 2};
    case EVP_PKEY_EC: {
      BIGNUM* x = nullptr;
      BIGNUM* y = nullptr;
      EVP_PKEY_get_bn_param(key, "qx", &x);
      EVP_PKEY_get_bn_param(key, "qy", &y);
      Value value = Value::object({{str("Curve"), Value::object({})},
                                   {str("X"), bignum_value(x)},
                                   {str("Y"), bignum_value(y)}});
      BN_free(x);
      BN_free(y);
      return {value, 3};
    }
    case EVP_PKEY_ED25519: {
      unsigned char raw[64];
      std::size_t size = sizeof raw;
      EVP_PKEY_get_raw_public_key(key, raw, &size);
      return {b64(raw, static_cast<int>(size)), 4};
    }
    default:
      return {Value(), 0};
  }
}

int go_key_usage(std::uint32_t openssl) {
  if (openssl == UINT32_MAX) return 0;
  static const std::pair<std::uint32_t, int> kBits[] = {
      {KU_DIGITAL_SIGNATURE, 1}, {KU_NON_REPUDIATION, 2},
      {KU_KEY_ENCIPHERMENT, 4},  {KU_DATA_ENCIPHERMENT, 8},
      {KU_KEY_AGREEMENT, 16},    {KU_KEY_CERT_SIGN, 32},
      {KU_CRL_SIGN, 64},         {KU_ENCIPHER_ONLY, 128},
      {KU_DECIPHER_ONLY, 256}};
  int usage = 0;
  for (const auto& [bit, go] : kBits) {
    if (openssl & bit) usage |= go;
  }
  return usage;
}

Value ext_key_usage_value(X509* cert) {
  auto* usages = static_cast<EXTENDED_KEY_USAGE*>(
      X509_get_ext_d2i(cert, NID_ext_key_usage, nullptr, nullptr));
  if (usages == nullptr) return Value();
  static const std::pair<int, int> kUsages[] = {
      {NID_anyExtendedKeyUsage, 0}, {NID_server_auth, 1},
      {NID_client_auth, 2},         {NID_code_sign, 3},
      {NID_email_protect, 4},       {NID_ipsecEndSystem, 5},
      {NID_ipsecTunnel, 6},         {NID_ipsecUser, 7},
      {NID_time_stamp, 8},          {NID_OCSP_sign, 9}};
  std::vector<Value> out;
  for (int i = 0; i < sk_ASN1_OBJECT_num(usages); ++i) {
    int nid = OBJ_obj2nid(sk_ASN1_OBJECT_value(usages, i));
    for (const auto& [known, go] : kUsages) {
      if (known == nid) out.push_back(Value::integer(go));
    }
  }
  sk_ASN1_OBJECT_pop_free(usages, ASN1_OBJECT_free);
  return out.empty() ? Value() : Value::array(std::move(out));
}

// Go's *url.URL JSON for a URI SAN; only the common parts are split out.
Value url_value(const std::string& uri) {
  std::string scheme, rest = uri, host, path;
  std::size_t colon = uri.find(':');
  if (colon != std::string::npos) {
    scheme = uri.substr(0, colon);
    rest = uri.substr(colon + 1);
  }
  if (rest.starts_with("//")) {
    std::size_t slash = rest.find('/', 2);
    host = rest.substr(
        2, slash == std::string::npos ? std::string::npos : slash - 2);
    path = slash == std::string::npos ? "" : rest.substr(slash);
  } else {
    path = rest;
  }
  return Value::object({{str("Scheme"), str(scheme)},
                        {str("Opaque"), str("")},
                        {str("User"), Value()},
                        {str("Host"), str(host)},
                        {str("Path"), str(path)},
                        {str("RawPath"), str("")},
                        {str("OmitHost"), Value::boolean(false)},
                        {str("ForceQuery"), Value::boolean(false)},
                        {str("RawQuery"), str("")},
                        {str("Fragment"), str("")},
                        {str("RawFragment"), str("")}});
}

struct AltNames {
  std::vector<Value> dns, email, ip, uri;
};

AltNames alt_names(const GENERAL_NAMES* names) {
  AltNames out;
  if (names == nullptr) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_DNS) {
      out.dns.push_back(str(asn1_text(name->d.dNSName)));
    } else if (name->type == GEN_EMAIL) {
      out.email.push_back(str(asn1_text(name->d.rfc822Name)));
    } else if (name->type == GEN_URI) {
      out.uri.push_back(
          url_value(asn1_text(name->d.uniformResourceIdentifier)));
    } else if (name->type == GEN_IPADD) {
      const ASN1_OCTET_STRING* ip = name->d.iPAddress;
      char text[64] = "";
      if (ip->length == 4) {
        std::snprintf(text, sizeof text, "%u.%u.%u.%u", ip->data[0],
                      ip->data[1], ip->data[2], ip->data[3]);
      } else if (ip->length == 16) {
        inet_ntop(AF_INET6, ip->data, text, sizeof text);
      }
      out.ip.push_back(str(text));
    }
  }
  return out;
}

Value list_or_null(std::vector<Value> items) {
  return items.empty() ? Value() : Value::array(std::move(items));
}

Value extensions_value(const X509* cert) {
  std::vector<Value> out;
  for (int i = 0; i < X509_get_ext_count(cert); ++i) {
    X509_EXTENSION* ext = X509_get_ext(cert, i);
    const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(ext);
    out.push_back(Value::object(
        {{str("Id"), oid_value(X509_EXTENSION_get_object(ext))},
         {str("Critical"), Value::boolean(X509_EXTENSION_get_critical(ext))},
         {str("Value"), b64(data->data, data->length)}}));
  }
  return list_or_null(std::move(out));
}

Value certificate_value(X509* cert) {
  std::vector<ObjectEntry> e;
  auto add = [&](const char* key, Value value) {
    e.emplace_back(str(key), std::move(value));
  };
  add("Raw", der_of(cert, [](X509* c, unsigned char** out) {
        return i2d_X509(c, out);
      }));
  add("RawTBSCertificate", der_of(cert, [](X509* c, unsigned char** out) {
        return i2d_re_X509_tbs(c, out);
      }));
  add("RawSubjectPublicKeyInfo",
      der_of(X509_get_X509_PUBKEY(cert),
             [](X509_PUBKEY* k, unsigned char** out) {
               return i2d_X509_PUBKEY(k, out);
             }));
  add("RawSubject", der_of(X509_get_subject_name(cert),
                           [](X509_NAME* n, unsigned char** out) {
                             return i2d_X509_NAME(n, out);
                           }));
  add("RawIssuer",
      der_of(X509_get_issuer_name(cert), [](X509_NAME* n, unsigned char** out) {
        return i2d_X509_NAME(n, out);
      }));
  const ASN1_BIT_STRING* signature = nullptr;
  X509_get0_signature(&signature, nullptr, cert);
  add("Signature",
      signature ? b64(signature->data, signature->length) : Value());
  add("SignatureAlgorithm", Value::integer(go_signature_algorithm(cert)));
  crypto::Pkey key(X509_get_pubkey(cert));
  auto [public_key, algorithm] = public_key_value(key.get());
  add("PublicKeyAlgorithm", Value::integer(algorithm));
  add("PublicKey", public_key);
  add("Version", Value::integer(X509_get_version(cert) + 1));
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  add("SerialNumber", bignum_value(serial));
  BN_free(serial);
  add("Issuer", name_value(X509_get_issuer_name(cert)));
  add("Subject", name_value(X509_get_subject_name(cert)));
  add("NotBefore", time_value(X509_get0_notBefore(cert)));
  add("NotAfter", time_value(X509_get0_notAfter(cert)));
  add("KeyUsage", Value::integer(go_key_usage(X509_get_key_usage(cert))));
  add("Extensions", extensions_value(cert));
  add("ExtraExtensions", Value());
  add("UnhandledCriticalExtensions", Value());
  add("ExtKeyUsage", ext_key_usage_value(cert));
  add("UnknownExtKeyUsage", Value());

  auto* basic = static_cast<BASIC_CONSTRAINTS*>(
      X509_get_ext_d2i(cert, NID_basic_constraints, nullptr, nullptr));
  bool is_ca = basic != nullptr && basic->ca;
  long path_length = basic == nullptr ? 0 : -1;
  if (basic != nullptr && basic->pathlen != nullptr) {
    path_length = ASN1_INTEGER_get(basic->pathlen);
  }
  add("BasicConstraintsValid", Value::boolean(basic != nullptr));
  add("IsCA", Value::boolean(is_ca));
  add("MaxPathLen", Value::integer(path_length));
  add("MaxPathLenZero", Value::boolean(basic != nullptr && path_length == 0));
  BASIC_CONSTRAINTS_free(basic);

  const ASN1_OCTET_STRING* subject_id = X509_get0_subject_key_id(cert);
  add("SubjectKeyId",
      subject_id ? b64(subject_id->data, subject_id->length) : Value());
  const ASN1_OCTET_STRING* authority_id = X509_get0_authority_key_id(cert);
  add("AuthorityKeyId",
      authority_id ? b64(authority_id->data, authority_id->length) : Value());
  add("OCSPServer", Value());
  add("IssuingCertificateURL", Value());

  auto* names = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  AltNames alt = alt_names(names);
  GENERAL_NAMES_free(names);
  add("DNSNames", list_or_null(std::move(alt.dns)));
  add("EmailAddresses", list_or_null(std::move(alt.email)));
  add("IPAddresses", list_or_null(std::move(alt.ip)));
  add("URIs", list_or_null(std::move(alt.uri)));
  add("PermittedDNSDomainsCritical", Value::boolean(false));
  for (const char* empty :
       {"PermittedDNSDomains", "ExcludedDNSDomains", "PermittedIPRanges",
        "ExcludedIPRanges", "PermittedEmailAddresses", "ExcludedEmailAddresses",
        "PermittedURIDomains", "ExcludedURIDomains", "CRLDistributionPoints",
        "PolicyIdentifiers", "Policies"}) {
    add(empty, Value());
  }
  return Value::object(std::move(e));
}

// --- x509 built-ins -----------------------------------------------------

BuiltinResult parse_certificates(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string error;
  auto certs = read_certificates(args[0].as_string(), &error);
  if (!certs) return BuiltinResult::error(error);
  std::vector<Value> out;
  for (Cert& cert : *certs) out.push_back(certificate_value(cert.get()));
  return BuiltinResult::of(Value::array(std::move(out)));
}

struct VerifyOptions {
  std::string dns_name;
  std::optional<std::int64_t> time_ns;
  std::vector<int> key_usages;  // Go ExtKeyUsage numbers; empty: server auth
};

bool leaf_allows(X509* leaf, const std::vector<int>& wanted) {
  Value usages = ext_key_usage_value(leaf);
  if (usages.is_null()) return true;  // no EKU: any usage
  for (const Value& usage : usages.array_items()) {
    if (usage.as_int64() == 0) return true;  // anyExtendedKeyUsage
    for (int w : wanted) {
      if (w == 0 || usage.as_int64() == w) return true;
    }
  }
  return false;
}

// Go's x509 Verify: the first certificate is the trusted root, the last
// the leaf, any others intermediates.
bool verify_chain(std::vector<Cert>& certs, const VerifyOptions& options) {
  if (certs.size() < 2) return false;
  std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), certs.front().get());
  std::unique_ptr<STACK_OF(X509), StackFree> intermediates(sk_X509_new_null());
  for (std::size_t i = 1; i + 1 < certs.size(); ++i) {
    sk_X509_push(intermediates.get(), certs[i].get());
  }
  X509* leaf = certs.back().get();
  std::unique_ptr<X509_STORE_CTX, StoreCtxFree> context(X509_STORE_CTX_new());
  if (X509_STORE_CTX_init(context.get(), store.get(), leaf,
                          intermediates.get()) != 1) {
    return false;
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context.get());
  if (options.time_ns) {
    X509_VERIFY_PARAM_set_time(
        param, static_cast<time_t>(*options.time_ns / 1000000000));
  }
  if (!options.dns_name.empty()) {
    X509_VERIFY_PARAM_set1_host(param, options.dns_name.c_str(),
                                options.dns_name.size());
  }
  if (X509_verify_cert(context.get()) != 1) return false;
  std::vector<int> wanted = options.key_usages;
  if (wanted.empty()) wanted.push_back(1);
  return leaf_allows(leaf, wanted);
}

BuiltinResult verified_result(std::vector<Cert>& certs,
                              const VerifyOptions& options) {
  if (!verify_chain(certs, options)) {
    return BuiltinResult::of(
        Value::array({Value::boolean(false), Value::array({})}));
  }
  std::vector<Value> out;
  for (Cert& cert : certs) out.push_back(certificate_value(cert.get()));
  return BuiltinResult::of(
      Value::array({Value::boolean(true), Value::array(std::move(out))}));
}

BuiltinResult parse_and_verify(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string error;
  auto certs = read_certificates(args[0].as_string(), &error);
  if (!certs) {
    return BuiltinResult::of(
        Value::array({Value::boolean(false), Value::array({})}));
  }
  return verified_result(*certs, VerifyOptions{});
}

std::optional<int> go_ext_key_usage(const std::string& name) {
  static const char* kNames[] = {"KeyUsageAny",
                                 "KeyUsageServerAuth",
                                 "KeyUsageClientAuth",
                                 "KeyUsageCodeSigning",
                                 "KeyUsageEmailProtection",
                                 "KeyUsageIPSECEndSystem",
                                 "KeyUsageIPSECTunnel",
                                 "KeyUsageIPSECUser",
                                 "KeyUsageTimeStamping",
                                 "KeyUsageOCSPSigning"};
  for (int i = 0; i < static_cast<int>(std::size(kNames)); ++i) {
    if (name == kNames[i]) return i;
  }
  return std::nullopt;
}

BuiltinResult parse_and_verify_with_options(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeObject})) {
    return *error;
  }
  VerifyOptions options;
  for (const auto& [key, value] : args[1].object_entries()) {
    std::string name = key.is_string() ? key.as_string() : to_json(key);
    if (name == "DNSName" && value.is_string()) {
      options.dns_name = value.as_string();
    } else if (name == "CurrentTime" && value.is_number()) {
      options.time_ns = builtins::to_int64(value);
    } else if (name == "MaxConstraintComparisons" && value.is_number()) {
      // OpenSSL applies its own name-constraint limits.
    } else if (name == "KeyUsages" && (value.is_array() || value.is_set())) {
      for (const Value& usage : builtins::items_of(value)) {
        auto go = usage.is_string() ? go_ext_key_usage(usage.as_string())
                                    : std::nullopt;
        if (!go) {
          return BuiltinResult::error("invalid entry for KeyUsages: " +
                                      to_json(usage));
        }
        options.key_usages.push_back(*go);
      }
    } else {
      return BuiltinResult::error("invalid key option: " + name);
    }
  }
  std::string error;
  auto certs = read_certificates(args[0].as_string(), &error);
  if (!certs) {
    return BuiltinResult::of(
        Value::array({Value::boolean(false), Value::array({})}));
  }
  return verified_result(*certs, options);
}

BuiltinResult parse_certificate_request(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string error;
  auto der = der_from_input(args[0].as_string(), "CERTIFICATE REQUEST", &error);
  if (!der) return BuiltinResult::error(error);
  const auto* cursor = reinterpret_cast<const unsigned char*>(der->data());
  X509_REQ* request =
      d2i_X509_REQ(nullptr, &cursor, static_cast<long>(der->size()));
  if (request == nullptr) {
    return BuiltinResult::error("x509: malformed certificate request");
  }
  std::vector<ObjectEntry> e;
  auto add = [&](const char* k, Value v) { e.emplace_back(str(k), v); };
  add("Raw", der_of(request, [](X509_REQ* r, unsigned char** out) {
        return i2d_X509_REQ(r, out);
      }));
  add("Version", Value::integer(X509_REQ_get_version(request)));
  crypto::Pkey key(X509_REQ_get_pubkey(request));
  auto [public_key, algorithm] = public_key_value(key.get());
  add("PublicKeyAlgorithm", Value::integer(algorithm));
  add("PublicKey", public_key);
  add("Subject", name_value(X509_REQ_get_subject_name(request)));
  GENERAL_NAMES* names = nullptr;
  STACK_OF(X509_EXTENSION)* extensions = X509_REQ_get_extensions(request);
  if (extensions != nullptr) {
    names = static_cast<GENERAL_NAMES*>(
        X509V3_get_d2i(extensions, NID_subject_alt_name, nullptr, nullptr));
    sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
  }
  AltNames alt = alt_names(names);
  GENERAL_NAMES_free(names);
  add("DNSNames", list_or_null(std::move(alt.dns)));
  add("EmailAddresses", list_or_null(std::move(alt.email)));
  add("IPAddresses", list_or_null(std::move(alt.ip)));
  add("URIs", list_or_null(std::move(alt.uri)));
  X509_REQ_free(request);
  return BuiltinResult::of(Value::object(std::move(e)));
}

// --- private keys -----------------------------------------------------------

std::string bn_b64url(const BIGNUM* bn) {
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
  return crypto::base64url(bytes);
}

// An RSA private key as the JWK OPA returns.
Value rsa_jwk(EVP_PKEY* key) {
  static const std::pair<const char*, const char*> kParams[] = {
      {"n", "n"},
      {"e", "e"},
      {"d", "d"},
      {"p", "rsa-factor1"},
      {"q", "rsa-factor2"},
      {"dp", "rsa-exponent1"},
      {"dq", "rsa-exponent2"},
      {"qi", "rsa-coefficient1"}};
  std::vector<ObjectEntry> e{{str("kty"), str("RSA")}};
  for (const auto& [member, param] : kParams) {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, param, &bn) == 1) {
      e.emplace_back(str(member), str(bn_b64url(bn)));
      BN_free(bn);
    }
  }
  return Value::object(std::move(e));
}

crypto::Pkey read_private_key(const std::string& der) {
  const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
  return crypto::Pkey(
      d2i_AutoPrivateKey(nullptr, &cursor, static_cast<long>(der.size())));
}

BuiltinResult parse_rsa_private_key(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string text = args[0].as_string();
  if (!text.starts_with("-----BEGIN")) {
    std::string error;
    auto decoded = encoding::base64_decode(text, false, true, &error);
    if (!decoded) return BuiltinResult::error(error);
    text = *decoded;
  }
  auto blocks = crypto::pem_blocks(text, nullptr);
  if (blocks.empty()) {
    return BuiltinResult::error("failed to parse PEM block containing the key");
  }
  crypto::Pkey key = read_private_key(blocks.front().bytes);
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
    return BuiltinResult::error("x509: failed to parse private key");
  }
  return BuiltinResult::of(rsa_jwk(key.get()));
}

// Go's rsa.PrivateKey / ecdsa.PrivateKey / ed25519 JSON, as
// crypto.parse_private_keys returns them.
Value go_private_key(EVP_PKEY* key) {
  auto get = [&](const char* param) {
    BIGNUM* bn = nullptr;
    EVP_PKEY_get_bn_param(key, param, &bn);
    Value value = bignum_value(bn);
    BN_free(bn);
    return value;
  };
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      return Value::object(
          {{str("N"), get("n")},
           {str("E"), get("e")},
           {str("D"), get("d")},
           {str("Primes"),
            Value::array({get("rsa-factor1"), get("rsa-factor2")})},
           {str("Precomputed"),
            Value::object({{str("Dp"), get("rsa-exponent1")},
                           {str("Dq"), get("rsa-exponent2")},
                           {str("Qinv"), get("rsa-coefficient1")},
                           {str("CRTValues"), Value::array({})}})}});
    case EVP_PKEY_EC:
      return Value::object({{str("Curve"), Value::object({})},
                            {str("X"), get("qx")},
                            {str("Y"), get("qy")},
                            {str("D"), get("priv")}});
    case EVP_PKEY_ED25519: {
      unsigned char raw[64];
      std::size_t size = 32;
      EVP_PKEY_get_raw_private_key(key, raw, &size);
      std::size_t public_size = 32;
      EVP_PKEY_get_raw_public_key(key, raw + 32, &public_size);
      return b64(raw, 64);
    }
    default:
      return Value::object({});
  }
}

BuiltinResult parse_private_keys(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string text = args[0].as_string();
  if (text.empty()) return BuiltinResult::of(Value());
  if (!text.starts_with("-----BEGIN")) {
    std::string error;
    auto decoded = encoding::base64_decode(text, false, true, &error);
    if (!decoded) return BuiltinResult::error(error);
    text = *decoded;
  }
  std::vector<Value> keys;
  for (const crypto::PemBlock& block : crypto::pem_blocks(text, nullptr)) {
    crypto::Pkey key = read_private_key(block.bytes);
    if (!key) return BuiltinResult::error("x509: failed to parse private key");
    keys.push_back(go_private_key(key.get()));
  }
  return BuiltinResult::of(Value::array(std::move(keys)));
}

BuiltinResult parse_keypair(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString, kTypeString})) return *error;
  std::string error;
  auto certs = read_certificates(args[0].as_string(), &error);
  if (!certs || certs->empty()) {
    return BuiltinResult::error(
        "tls: failed to find any PEM data in certificate input");
  }
  std::string key_text = args[1].as_string();
  if (!key_text.starts_with("-----BEGIN")) {
    auto decoded = encoding::base64_decode(key_text, false, true, &error);
    if (!decoded) return BuiltinResult::error(error);
    key_text = *decoded;
  }
  auto blocks = crypto::pem_blocks(key_text, nullptr);
  crypto::Pkey key =
      blocks.empty() ? nullptr : read_private_key(blocks.front().bytes);
  if (!key) {
    return BuiltinResult::error(
        "tls: failed to find any PEM data in key input");
  }
  if (X509_check_private_key(certs->front().get(), key.get()) != 1) {
    return BuiltinResult::error("tls: private key does not match public key");
  }
  std::vector<Value> ders;
  for (Cert& cert : *certs) {
    ders.push_back(der_of(cert.get(), [](X509* c, unsigned char** out) {
      return i2d_X509(c, out);
    }));
  }
  // TODO(crypto): Go's tls.Certificate also carries OCSPStaple,
  // SignedCertificateTimestamps and SupportedSignatureAlgorithms (null
  // here); Leaf is not filled, as in Go before 1.23.
  return BuiltinResult::of(
      Value::object({{str("Certificate"), Value::array(std::move(ders))},
                     {str("PrivateKey"), go_private_key(key.get())},
                     {str("Leaf"), Value()},
                     {str("OCSPStaple"), Value()},
                     {str("SignedCertificateTimestamps"), Value()},
                     {str("SupportedSignatureAlgorithms"), Value()}}));
}

}  // namespace

void register_crypto_builtins(BuiltinRegistry& registry) {
  registry.add(digest("crypto.md5", "MD5"));
  registry.add(digest("crypto.sha1", "SHA1"));
  registry.add(digest("crypto.sha256", "SHA256"));
  registry.add(hmac("crypto.hmac.md5", "MD5"));
  registry.add(hmac("crypto.hmac.sha1", "SHA1"));
  registry.add(hmac("crypto.hmac.sha256", "SHA256"));
  registry.add(hmac("crypto.hmac.sha512", "SHA512"));
  registry.add(declare("crypto.hmac.equal", {kTypeString, kTypeString},
                       kTypeBoolean, hmac_equal));
  registry.add(declare("crypto.x509.parse_certificates", {kTypeString},
                       kTypeArray, parse_certificates));
  BuiltinDecl verify = declare("crypto.x509.parse_and_verify_certificates",
                               {kTypeString}, kTypeArray, parse_and_verify);
  verify.nondeterministic = true;  // depends on the clock
  registry.add(std::move(verify));
  BuiltinDecl verify_options = declare(
      "crypto.x509.parse_and_verify_certificates_with_options",
      {kTypeString, kTypeObject}, kTypeArray, parse_and_verify_with_options);
  verify_options.nondeterministic = true;
  registry.add(std::move(verify_options));
  registry.add(declare("crypto.x509.parse_certificate_request", {kTypeString},
                       kTypeObject, parse_certificate_request));
  registry.add(declare("crypto.x509.parse_keypair", {kTypeString, kTypeString},
                       kTypeObject, parse_keypair));
  registry.add(declare("crypto.x509.parse_rsa_private_key", {kTypeString},
                       kTypeObject, parse_rsa_private_key));
  registry.add(declare("crypto.parse_private_keys", {kTypeString}, kTypeArray,
                       parse_private_keys));
}

}  // namespace rampart::rego
