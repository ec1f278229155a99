// SPDX-License-Identifier: Apache-2.0
//
// The HTTPS listener behind server/server.h, on Boost.Asio and Boost.Beast.
// This is the only file that includes Beast (it is heavy to compile): the
// accept loop, one Session per connection (TLS handshake, request parsing
// with Beast's bounded parser, response writing, keep-alive), the TLS
// context swap, the file watcher's reload hooks and graceful shutdown.
//
// Every Session runs on its own strand, so its members need no locks; the
// Webhook it calls is thread-safe. Asio reports errors as error codes, which
// end the connection; no exception is expected, and each I/O thread still
// holds a last-resort catch so that one cannot take the server down.
#include "rampart/server/server.h"

#include <array>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>

#include "rampart/server/file_watch.h"

#include "server/tls.h"

namespace rampart::server {

namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::chrono::seconds kCloseTimeout{2};
// At most this much of a refused request is read and dropped before the
// connection closes (see Session::drain_then_close).
constexpr std::size_t kDrainBytes = 8 * 1024 * 1024;

bool is_http_parse_error(const beast::error_code& error) {
  return error.category() ==
         http::make_error_code(http::error::bad_target).category();
}

}  // namespace

class Session;

struct Server::Impl {
  Impl(ServerOptions options_in, PolicyLoader loader_in, DecisionLog* log,
       LogSink sink)
      : options(std::move(options_in)),
        loader(std::move(loader_in)),
        log_sink(std::move(sink)),
        webhook(options.webhook, metrics, log),
        watcher(options.reload_interval) {}

  void log(LogLevel level, std::string_view message) {
    if (log_sink) log_sink(level, message);
  }

  Status listen();
  void accept_next();
  void on_accept(beast::error_code error, tcp::socket socket);
  void run_thread();
  void close_idle_sessions();

  ServerOptions options;
  PolicyLoader loader;
  LogSink log_sink;
  Metrics metrics;
  Webhook webhook;
  Watcher watcher;
  std::mutex reload_mutex;  // one policy or TLS reload at a time

  std::atomic<std::shared_ptr<ssl::context>> tls;
  std::atomic<bool> stopping{false};
  std::atomic<int> open_sessions{0};
  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

  // Declared last so that it is destroyed first: pending handlers own
  // Sessions, whose destructors still use the members above.
  net::io_context io;
  std::optional<tcp::acceptor> acceptor;
  std::uint16_t bound_port = 0;
  std::vector<std::thread> threads;
  std::atomic<bool> started{false};  // read by the watcher thread
};

// One client connection: handshake, then requests until the client closes,
// a limit is hit or the server stops.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<ssl::context> tls,
          Server::Impl& server)
      : tls_(std::move(tls)),
        stream_(std::move(socket), *tls_),
        server_(server) {
    server_.open_sessions.fetch_add(1);
    server_.metrics.add_open_connections(1);
  }

  ~Session() {
    {
      std::lock_guard lock(server_.sessions_mutex);
      server_.sessions.erase(this);
    }
    server_.metrics.add_open_connections(-1);
    server_.open_sessions.fetch_sub(1);
  }

  void start() {
    {
      std::lock_guard lock(server_.sessions_mutex);
      server_.sessions.emplace(this, weak_from_this());
    }
    net::dispatch(
        stream_.get_executor(),
        beast::bind_front_handler(&Session::on_start, shared_from_this()));
  }

  // Called on shutdown: a connection between requests is closed now; one
  // with a request in flight closes after answering it.
  void close_if_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) beast::get_lowest_layer(self->stream_).close();
    });
  }

 private:
  void on_start() {
    beast::get_lowest_layer(stream_).expires_after(
        server_.options.request_timeout);
    stream_.async_handshake(
        ssl::stream_base::server,
        beast::bind_front_handler(&Session::on_handshake, shared_from_this()));
  }

  void on_handshake(beast::error_code error) {
    if (error) return;  // scanners, wrong protocol, expired timer
    read_request();
  }

  void read_request() {
    if (server_.stopping.load()) return close();
    buffer_.clear();
    parser_.emplace();
    parser_->header_limit(
        static_cast<std::uint32_t>(server_.options.max_header_bytes));
    parser_->body_limit(server_.options.webhook.max_body_bytes);
    beast::get_lowest_layer(stream_).expires_after(
        server_.options.request_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code error, std::size_t) {
    if (error == http::error::body_limit) {
      return reject(413, fmt::format("body exceeds {} bytes",
                                     server_.options.webhook.max_body_bytes));
    }
    if (error == http::error::header_limit) {
      return reject(431, "request headers too large");
    }
    if (error && is_http_parse_error(error) &&
        error != http::error::end_of_stream) {
      return reject(400, "malformed HTTP request: " + error.message());
    }
    // TODO(server): a request cut by request_timeout gets no 408, the
    // connection just closes; clients see a reset. Fix: answer 408 when
    // part of a request had arrived.
    if (error) return;  // closed, reset or timed out: nothing to answer

    busy_ = true;
    http::request<http::string_body>& request = parser_->get();
    HttpReply reply = server_.webhook.handle(
        std::string_view(request.method_string().data(),
                         request.method_string().size()),
        std::string_view(request.target().data(), request.target().size()),
        request.body());
    bool keep_alive = request.keep_alive() && !server_.stopping.load();
    send(std::move(reply), request.version(), keep_alive);
  }

  // Answers a request that never reached the Webhook, then closes: after a
  // framing error the rest of the stream cannot be trusted.
  void reject(int status, std::string reason) {
    server_.metrics.record_request(Endpoint::kOther, status,
                                   std::chrono::nanoseconds(0));
    busy_ = true;
    drain_before_close_ = true;
    send(error_reply(status, reason), 11, false);
  }

  void send(HttpReply reply, unsigned version, bool keep_alive) {
    response_.emplace(static_cast<http::status>(reply.status), version);
    response_->set(http::field::server, "rampart");
    response_->set(http::field::content_type, reply.content_type);
    response_->keep_alive(keep_alive);
    response_->body() = std::move(reply.body);
    response_->prepare_payload();
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(
                          &Session::on_write, shared_from_this(), keep_alive));
  }

  void on_write(bool keep_alive, beast::error_code error, std::size_t) {
    busy_ = false;
    response_.reset();
    if (error) return;
    if (drain_before_close_) return drain_then_close();
    if (!keep_alive) return close();
    read_request();
  }

  // After an early answer (413 while the body is still arriving), closing
  // with unread bytes makes TCP reset the connection, and the client may
  // lose the answer it has not read yet. So what still arrives is read and
  // dropped, within kDrainBytes and kCloseTimeout, before closing.
  void drain_then_close() {
    beast::get_lowest_layer(stream_).expires_after(kCloseTimeout);
    drained_ = 0;
    drain_more();
  }

  void drain_more() {
    stream_.async_read_some(
        net::buffer(drain_buffer_),
        beast::bind_front_handler(&Session::on_drain, shared_from_this()));
  }

  void on_drain(beast::error_code error, std::size_t bytes) {
    drained_ += bytes;
    if (error || drained_ > kDrainBytes) return close();
    drain_more();
  }

  // Sends TLS close_notify, bounded in time; the socket closes when the
  // last handler lets go of the Session.
  void close() {
    beast::get_lowest_layer(stream_).expires_after(kCloseTimeout);
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) {});
  }

  std::shared_ptr<ssl::context> tls_;  // outlives stream_, declared first
  beast::ssl_stream<beast::tcp_stream> stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
  bool busy_ = false;
  bool drain_before_close_ = false;
  std::size_t drained_ = 0;
  std::array<char, 16 * 1024> drain_buffer_{};
};

Status Server::Impl::listen() {
  beast::error_code error;
  net::ip::address address = net::ip::make_address(options.host, error);
  if (error) {
    return Status(StatusCode::kInvalidArgument,
                  "--addr: '" + options.host + "' is not an IP address");
  }
  tcp::endpoint endpoint(address, options.port);
  acceptor.emplace(io);
  acceptor->open(endpoint.protocol(), error);
  if (!error)
    acceptor->set_option(net::socket_base::reuse_address(true), error);
  if (!error) acceptor->bind(endpoint, error);
  if (!error) acceptor->listen(net::socket_base::max_listen_connections, error);
  if (error) {
    return Status(StatusCode::kIoError,
                  fmt::format("cannot listen on {}:{}: {}", options.host,
                              options.port, error.message()));
  }
  bound_port = acceptor->local_endpoint().port();
  return Status::ok();
}

void Server::Impl::accept_next() {
  acceptor->async_accept(net::make_strand(io),
                         beast::bind_front_handler(&Impl::on_accept, this));
}

void Server::Impl::on_accept(beast::error_code error, tcp::socket socket) {
  if (stopping.load()) return;
  if (!error) {
    // Over the limit the connection is closed at once; the client retries.
    if (open_sessions.load() >= static_cast<int>(options.max_connections)) {
      socket.close(error);
    } else {
      std::make_shared<Session>(std::move(socket), tls.load(), *this)->start();
    }
  }
  accept_next();
}

void Server::Impl::run_thread() {
  for (;;) {
    try {
      io.run();
      return;
    } catch (const std::exception& error) {
      log(LogLevel::kError,
          std::string("I/O thread caught an exception: ") + error.what());
    } catch (...) {
      log(LogLevel::kError, "I/O thread caught an unknown exception");
    }
  }
}

void Server::Impl::close_idle_sessions() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& [raw, weak] : sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (auto& session : live) session->close_if_idle();
}

Server::Server(ServerOptions options, PolicyLoader loader,
               DecisionLog* decision_log, LogSink log)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(loader),
                                   decision_log, std::move(log))) {}

Server::~Server() { stop(); }

Status Server::start() {
  Impl& impl = *impl_;
  RAMPART_RETURN_IF_ERROR(reload_tls());
  RAMPART_RETURN_IF_ERROR(impl.listen());
  impl.accept_next();

  int count = impl.options.threads > 0
                  ? impl.options.threads
                  : static_cast<int>(std::thread::hardware_concurrency());
  for (int i = 0; i < std::max(count, 1); ++i) {
    impl.threads.emplace_back([&impl] { impl.run_thread(); });
  }
  impl.started = true;
  impl.webhook.set_listening(true);
  impl.log(LogLevel::kInfo,
           fmt::format("listening on {}:{} with {} threads", impl.options.host,
                       impl.bound_port, impl.threads.size()));

  Status loaded = reload_policies();
  if (!loaded.is_ok()) {
    impl.log(LogLevel::kError,
             "not ready: policies failed to load; fix them and they are "
             "reloaded automatically");
  }
  impl.watcher.watch({impl.options.cert_file, impl.options.key_file},
                     [this] { (void)reload_tls(); });
  if (!impl.options.policy_paths.empty()) {
    impl.watcher.watch(impl.options.policy_paths,
                       [this] { (void)reload_policies(); });
  }
  impl.watcher.start();
  return Status::ok();
}

std::uint16_t Server::port() const { return impl_->bound_port; }

void Server::stop() {
  Impl& impl = *impl_;
  if (!impl.started.exchange(false)) return;
  impl.watcher.stop();
  impl.stopping.store(true);
  impl.webhook.set_listening(false);
  net::post(impl.io, [&impl] {
    beast::error_code ignored;
    impl.acceptor->close(ignored);
  });
  impl.close_idle_sessions();

  // Requests in flight finish and their connections close; then run()
  // returns on its own. Past the grace period the loop is stopped.
  Clock::time_point deadline = Clock::now() + impl.options.shutdown_grace;
  while (impl.open_sessions.load() > 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl.io.stop();
  for (std::thread& thread : impl.threads) thread.join();
  impl.threads.clear();
  impl.log(LogLevel::kInfo, "stopped");
}

Status Server::reload_policies() {
  Impl& impl = *impl_;
  std::lock_guard lock(impl.reload_mutex);
  Result<std::shared_ptr<const admission::PolicySet>> loaded = impl.loader();
  if (!loaded) {
    impl.metrics.record_policy_reload(false);
    impl.log(LogLevel::kError,
             "policy reload refused, keeping the previous set: " +
                 loaded.status().to_string());
    return loaded.status();
  }
  impl.webhook.set_policies(std::move(loaded).value());
  impl.metrics.record_policy_reload(true);
  impl.log(LogLevel::kInfo,
           fmt::format("policies loaded: {}",
                       impl.webhook.policies()->policy_names().size()));
  return Status::ok();
}

Status Server::reload_tls() {
  Impl& impl = *impl_;
  std::lock_guard lock(impl.reload_mutex);
  Result<SslCtxPtr> made =
      make_server_tls_context(impl.options.cert_file, impl.options.key_file);
  if (!made) {
    impl.metrics.record_tls_reload(false);
    // At start-up the caller reports the failure; there is nothing to keep.
    if (impl.started) {
      impl.log(LogLevel::kError,
               "certificate reload refused, keeping the previous one: " +
                   made.status().to_string());
    }
    return made.status();
  }
  // ssl::context takes ownership of the native handle.
  impl.tls.store(std::make_shared<ssl::context>(made.value().release()));
  impl.metrics.record_tls_reload(true);
  if (impl.started) impl.log(LogLevel::kInfo, "certificate reloaded");
  return Status::ok();
}

Webhook& Server::webhook() { return impl_->webhook; }

Metrics& Server::metrics() { return impl_->metrics; }

}  // namespace rampart::server
