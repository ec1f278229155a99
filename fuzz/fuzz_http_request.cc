// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes what `rampart serve` does with a request once Boost.Beast has
// framed it (Beast's own HTTP parser is bounded by the server's header and
// body limits and fuzzed upstream): the route, the AdmissionReview parser,
// evaluation of the seed-era runAsNonRoot rule, the response renderers, the
// decision log line and the metrics text. Any bytes must give an HTTP reply
// whose body is JSON or text, never a crash, a hang or a leak. The first
// byte picks the method and path so one corpus covers every endpoint.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include <unistd.h>

#include "rampart/server/webhook.h"

namespace {

namespace server = rampart::server;

struct Route {
  const char* method;
  const char* target;
};

constexpr std::array<Route, 6> kRoutes = {{{"POST", "/validate"},
                                           {"POST", "/mutate?timeout=10s"},
                                           {"GET", "/metrics"},
                                           {"GET", "/readyz"},
                                           {"PUT", "/validate"},
                                           {"GET", "/nowhere"}}};

constexpr const char* kSeedRule = R"(package kubernetes.admission
deny[msg] {
  input.request.kind.kind == "Pod"
  not input.request.object.spec.containers[_].securityContext.runAsNonRoot
  msg := "Containers must not run as root"
}
)";

struct Harness {
  server::Metrics metrics;
  std::unique_ptr<server::DecisionLog> log;
  std::unique_ptr<server::Webhook> webhook;
};

Harness* make_harness() {
  auto* harness = new Harness;
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("rampart-fuzz-http-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "seed.rego") << kSeedRule;

  rampart::admission::PolicySources sources;
  sources.bundled_checks = false;
  sources.policy_paths = {dir};
  auto policies = rampart::admission::PolicySet::load(sources);
  if (!policies) {
    std::fprintf(stderr, "fuzz_http_request: %s\n",
                 policies.status().to_string().c_str());
    std::abort();
  }
  auto log = server::DecisionLog::open("/dev/null");
  if (log) harness->log = std::move(log).value();

  server::WebhookOptions options;
  options.max_body_bytes = 64 * 1024;
  harness->webhook = std::make_unique<server::Webhook>(
      options, harness->metrics, harness->log.get());
  harness->webhook->set_policies(std::move(policies).value());
  harness->webhook->set_listening(true);
  std::filesystem::remove_all(dir);
  return harness;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static Harness* harness = make_harness();
  if (size == 0) return 0;
  const Route& route = kRoutes[data[0] % kRoutes.size()];
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  server::HttpReply reply =
      harness->webhook->handle(route.method, route.target, body);
  if (reply.status < 200 || reply.status > 599) __builtin_trap();
  return 0;
}
