// SPDX-License-Identifier: Apache-2.0
//
// The server side of TLS: an OpenSSL SSL_CTX built from a certificate chain
// file and a private key file (PEM), for the webhook's HTTPS listener.
//
// Both files come from the operator's volume mounts. A pair that cannot be
// read, does not parse, is passphrase-protected (no prompt is ever shown) or
// whose key does not match the certificate is refused with a Status naming
// the file and OpenSSL's reason; callers keep serving with the previous
// context. The context allows TLS 1.2 and 1.3 only, with compression and
// renegotiation off.
//
// make_server_tls_context() is a pure function and safe from any thread; a
// finished SSL_CTX may be shared by any number of connections (OpenSSL
// reference-counts it per connection).
#pragma once

#include <filesystem>
#include <memory>

#include <openssl/ssl.h>

#include "rampart/base/status.h"

namespace rampart::server {

struct SslCtxFree {
  void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxFree>;

Result<SslCtxPtr> make_server_tls_context(
    const std::filesystem::path& cert_file,
    const std::filesystem::path& key_file);

}  // namespace rampart::server
