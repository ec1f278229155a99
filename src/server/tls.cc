// SPDX-License-Identifier: Apache-2.0
//
// Builds server SSL_CTX objects with plain OpenSSL calls (see tls.h). The
// OpenSSL error queue is drained into the Status message so that one log
// line says why a certificate was refused.
#include "server/tls.h"

#include <string>

#include <openssl/err.h>

namespace rampart::server {

namespace {

// Appends and clears OpenSSL's queued errors for this thread.
std::string drain_openssl_errors() {
  std::string text;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text.empty() ? "unknown OpenSSL error" : text;
}

Status openssl_failure(const std::filesystem::path& file,
                       std::string_view what) {
  return Status(StatusCode::kInvalidArgument,
                std::string(what) + ": " + drain_openssl_errors(),
                SourceLocation{file.string()});
}

// Refuses passphrase-protected keys instead of prompting on a terminal.
int no_passphrase(char*, int, int, void*) { return 0; }

}  // namespace

Result<SslCtxPtr> make_server_tls_context(
    const std::filesystem::path& cert_file,
    const std::filesystem::path& key_file) {
  ERR_clear_error();
  SslCtxPtr context(SSL_CTX_new(TLS_server_method()));
  if (!context) return openssl_failure(cert_file, "cannot create TLS context");

  SSL_CTX* raw = context.get();
  SSL_CTX_set_min_proto_version(raw, TLS1_2_VERSION);
  SSL_CTX_set_options(raw, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE);
  SSL_CTX_set_default_passwd_cb(raw, no_passphrase);

  if (SSL_CTX_use_certificate_chain_file(raw, cert_file.c_str()) != 1) {
    return openssl_failure(cert_file, "cannot load certificate chain");
  }
  if (SSL_CTX_use_PrivateKey_file(raw, key_file.c_str(), SSL_FILETYPE_PEM) !=
      1) {
    return openssl_failure(key_file, "cannot load private key");
  }
  if (SSL_CTX_check_private_key(raw) != 1) {
    return openssl_failure(key_file, "private key does not match certificate");
  }
  return context;
}

}  // namespace rampart::server
