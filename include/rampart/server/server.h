// SPDX-License-Identifier: Apache-2.0
//
// `rampart serve`'s HTTPS server: HTTP/1.1 with keep-alive over TLS 1.2+,
// answering through a Webhook (server/webhook.h), with certificate and policy
// hot reload and graceful shutdown.
//
// Connections come from the network and are untrusted. Each is bounded:
// ServerOptions::max_header_bytes for the request line and headers (431
// above), WebhookOptions::max_body_bytes for the body (413, refused as soon
// as Content-Length announces it), request_timeout for the TLS handshake and
// for each request to arrive in full (an idle keep-alive connection is closed
// when it passes), and max_connections open at once (later ones are closed
// on accept). A request Beast cannot parse gets a 400 with a JSON reason and
// the connection is closed.
//
// Reload: every reload_interval the server stats the certificate, the key
// and every policy path (server/file_watch.h). A changed certificate pair is
// loaded into a new TLS context used for new handshakes; open connections
// keep theirs. A changed policy folder is compiled by the PolicyLoader and
// swapped in atomically. Either kind of broken update is refused with one
// log line and counted as a failed reload; the last good one keeps serving.
//
// Errors: start() returns a Status (unreadable certificate, address in use);
// after that, problems are log lines and metrics, never exceptions. Server
// methods are called from one controlling thread; the handlers run on
// `threads` I/O threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/server/webhook.h"

namespace rampart::server {

struct ServerOptions {
  std::string host = "0.0.0.0";  // an IPv4 or IPv6 literal
  std::uint16_t port = 8443;     // 0 picks a free port (see Server::port)
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
  int threads = 0;  // 0: one per core
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::milliseconds request_timeout{10000};
  std::size_t max_connections = 10000;
  std::chrono::milliseconds reload_interval{2000};
  // How long stop() waits for requests in flight before closing anyway.
  std::chrono::milliseconds shutdown_grace{10000};
  // Folders and files whose change triggers a policy reload.
  std::vector<std::filesystem::path> policy_paths;
  WebhookOptions webhook;
};

// Compiles the policy set; called at start and on every policy change.
using PolicyLoader =
    std::function<Result<std::shared_ptr<const admission::PolicySet>>()>;

enum class LogLevel { kError, kWarn, kInfo };
// Receives one operational log line (never a decision; see DecisionLog).
using LogSink = std::function<void(LogLevel, std::string_view)>;

class Session;

class Server {
 public:
  // `decision_log` may be null; it must outlive the Server.
  Server(ServerOptions options, PolicyLoader loader, DecisionLog* decision_log,
         LogSink log);
  ~Server();  // stops as stop() does
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads the certificate, binds, starts the I/O threads (from here on
  // /healthz answers 200 and /readyz 503), then compiles the policies once
  // (a failure is logged; /readyz stays 503 until a reload succeeds) and
  // starts watching files.
  Status start();

  // The bound port, useful after starting on port 0.
  std::uint16_t port() const;

  // Stops accepting, closes idle connections, lets requests in flight finish
  // (up to shutdown_grace) and joins the threads. Safe to call twice.
  void stop();

  // What the file watcher does on a change; public for tests and signals.
  Status reload_policies();
  Status reload_tls();

  Webhook& webhook();
  Metrics& metrics();

 private:
  friend class Session;  // one connection, defined in server.cc
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rampart::server
