// SPDX-License-Identifier: Apache-2.0
//
// The HTTPS server end to end: a certificate generated at test time, the
// server on 127.0.0.1 with an ephemeral port, and libcurl as the client,
// trusting only that certificate. With the admission library built, the
// policies are the seed-era Rego rule and a Gatekeeper template with an
// excludedNamespaces constraint; without it, a fake policy set.
#include "rampart/server/server.h"

#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <thread>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server/fake_policy_set.h"
#include "server/reviews.h"
#include "server/test_certs.h"

namespace rampart::server {
namespace {

namespace fs = std::filesystem;
using testing::deployment_review;
using testing::FakePolicySet;
using testing::pod_review;

constexpr const char* kSeedRule = R"(package kubernetes.admission

deny[msg] {
  input.request.kind.kind == "Pod"
  not input.request.object.spec.containers[_].securityContext.runAsNonRoot
  msg := "Containers must not run as root"
}
)";

constexpr const char* kOwnerTemplate = R"(apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: testownerlabel
spec:
  crd:
    spec:
      names:
        kind: TestOwnerLabel
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package testownerlabel
        violation[{"msg": msg}] {
          not input.review.object.metadata.labels.owner
          msg := sprintf("%v has no owner label", [input.review.object.metadata.name])
        }
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: TestOwnerLabel
metadata:
  name: owner-required
spec:
  match:
    kinds:
      - apiGroups: ["apps"]
        kinds: ["Deployment"]
    excludedNamespaces: ["kube-system"]
)";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

size_t collect(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

struct Reply {
  CURLcode result = CURLE_OK;
  long status = 0;
  long new_connections = 0;
  std::string body;
};

// One libcurl handle: successive requests reuse its keep-alive connection.
class Client {
 public:
  Client(std::uint16_t port, const fs::path& ca_file)
      : curl_(curl_easy_init()),
        base_("https://127.0.0.1:" + std::to_string(port)),
        ca_file_(ca_file.string()) {}
  ~Client() {
    curl_slist_free_all(headers_);
    curl_easy_cleanup(curl_);
  }

  Reply get(const std::string& path) { return send(path, nullptr); }
  Reply post(const std::string& path, const std::string& body) {
    return send(path, &body);
  }
  void add_header(const std::string& header) {
    headers_ = curl_slist_append(headers_, header.c_str());
  }

 private:
  Reply send(const std::string& path, const std::string* body) {
    Reply reply;
    std::string url = base_ + path;
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_CAINFO, ca_file_.c_str());
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &reply.body);
    curl_slist* headers =
        curl_slist_append(nullptr, "Content-Type: application/json");
    for (curl_slist* h = headers_; h; h = h->next) {
      headers = curl_slist_append(headers, h->data);
    }
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    if (body) {
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body->data());
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(body->size()));
    } else {
      curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
    }
    reply.result = curl_easy_perform(curl_);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_easy_getinfo(curl_, CURLINFO_NUM_CONNECTS, &reply.new_connections);
    curl_slist_free_all(headers);
    return reply;
  }

  CURL* curl_;
  std::string base_;
  std::string ca_file_;
  curl_slist* headers_ = nullptr;
};

// Sends `raw` bytes over a fresh TLS connection (no certificate check) and
// returns what the server answers before closing.
std::string send_raw_tls(std::uint16_t port, const std::string& raw) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address)) {
    ::close(fd);
    return "connect failed";
  }
  SSL_CTX* context = SSL_CTX_new(TLS_client_method());
  SSL* ssl = SSL_new(context);
  SSL_set_fd(ssl, fd);
  std::string answer;
  if (SSL_connect(ssl) == 1 &&
      SSL_write(ssl, raw.data(), static_cast<int>(raw.size())) > 0) {
    char buffer[4096];
    int n;
    while ((n = SSL_read(ssl, buffer, sizeof buffer)) > 0) {
      answer.append(buffer, static_cast<std::size_t>(n));
    }
  }
  SSL_free(ssl);
  SSL_CTX_free(context);
  ::close(fd);
  return answer;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  static void TearDownTestSuite() { curl_global_cleanup(); }

  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rampart-serve-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "policy");
    fs::create_directories(dir_ / "constraints");
    std::ofstream(dir_ / "policy" / "seed.rego") << kSeedRule;
    std::ofstream(dir_ / "constraints" / "owner.yaml") << kOwnerTemplate;
    ASSERT_TRUE(testing::make_self_signed(cert(), key()));
  }

  void TearDown() override {
    if (server_) server_->stop();
    server_.reset();
    fs::remove_all(dir_);
  }

  fs::path cert() const { return dir_ / "tls.crt"; }
  fs::path key() const { return dir_ / "tls.key"; }

  PolicyLoader loader() {
#ifdef RAMPART_SERVER_REAL_ADMISSION
    admission::PolicySources sources;
    sources.bundled_checks = false;
    sources.policy_paths = {dir_ / "policy"};
    sources.constraint_paths = {dir_ / "constraints"};
    return [sources] { return admission::PolicySet::load(sources); };
#else
    return []() -> Result<std::shared_ptr<const admission::PolicySet> > {
      return std::shared_ptr<const admission::PolicySet>(
          std::make_shared<FakePolicySet>());
    };
#endif
  }

  void start(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.cert_file = cert();
    options.key_file = key();
    options.policy_paths = {dir_ / "policy", dir_ / "constraints"};
    options.reload_interval = std::chrono::milliseconds(50);
    server_ = std::make_unique<Server>(options, loader(), nullptr,
                                       [this](LogLevel, std::string_view line) {
                                         std::lock_guard lock(log_mutex_);
                                         log_ += std::string(line) + "\n";
                                       });
    Status started = server_->start();
    ASSERT_TRUE(started.is_ok()) << started.to_string();
  }

  std::string log() {
    std::lock_guard lock(log_mutex_);
    return log_;
  }

  fs::path dir_;
  std::unique_ptr<Server> server_;
  std::mutex log_mutex_;
  std::string log_;
};

TEST_F(ServerTest, JudgesReviewsOverHttps) {
  start();
  Client client(server_->port(), cert());

  Reply good = client.post("/validate", pod_review("good-1", true));
  ASSERT_EQ(good.result, CURLE_OK) << curl_easy_strerror(good.result);
  EXPECT_EQ(good.status, 200);
  EXPECT_TRUE(has(good.body, "\"uid\":\"good-1\"")) << good.body;
  EXPECT_TRUE(has(good.body, "\"allowed\":true")) << good.body;

  Reply bad = client.post("/validate", pod_review("bad-1", false));
  EXPECT_EQ(bad.status, 200);
  EXPECT_TRUE(has(bad.body, "\"allowed\":false")) << bad.body;
  EXPECT_TRUE(has(bad.body, "Containers must not run as root")) << bad.body;
  EXPECT_EQ(bad.new_connections, 0) << "keep-alive connection not reused";

  Reply beta =
      client.post("/validate", pod_review("beta-1", false, "shop", "v1beta1"));
  EXPECT_TRUE(has(beta.body, "admission.k8s.io/v1beta1")) << beta.body;
  EXPECT_TRUE(has(beta.body, "\"allowed\":false")) << beta.body;
}

TEST_F(ServerTest, DeploymentAndExcludedNamespace) {
#ifndef RAMPART_SERVER_REAL_ADMISSION
  GTEST_SKIP() << "needs the admission library for Gatekeeper constraints";
#endif
  start();
  Client client(server_->port(), cert());
  Reply shop = client.post("/validate", deployment_review("d-1", "shop"));
  EXPECT_EQ(shop.status, 200);
  EXPECT_TRUE(has(shop.body, "\"allowed\":false")) << shop.body;
  EXPECT_TRUE(has(shop.body, "web has no owner label")) << shop.body;

  Reply system =
      client.post("/validate", deployment_review("d-2", "kube-system"));
  EXPECT_EQ(system.status, 200);
  EXPECT_TRUE(has(system.body, "\"allowed\":true")) << system.body;
}

TEST_F(ServerTest, RefusesMalformedAndOversizedRequests) {
  ServerOptions options;
  options.webhook.max_body_bytes = 64 * 1024;
  options.max_header_bytes = 4096;
  start(options);
  Client client(server_->port(), cert());

  Reply malformed = client.post("/validate", "{\"apiVersion\": [");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_TRUE(has(malformed.body, "\"error\":")) << malformed.body;

  Reply oversized = client.post("/validate", std::string(100 * 1024, ' '));
  EXPECT_EQ(oversized.status, 413) << curl_easy_strerror(oversized.result);
  EXPECT_TRUE(has(oversized.body, "exceeds 65536 bytes")) << oversized.body;

  Client big_headers(server_->port(), cert());
  big_headers.add_header("X-Padding: " + std::string(8000, 'p'));
  EXPECT_EQ(big_headers.get("/healthz").status, 431);

  std::string answer =
      send_raw_tls(server_->port(), "BREW / HTCPCP/1.0\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;

  // The server is still there after all of that.
  EXPECT_EQ(client.get("/healthz").status, 200);
}

TEST_F(ServerTest, HealthReadinessAndMetrics) {
  start();
  Client client(server_->port(), cert());
  EXPECT_EQ(client.get("/healthz").status, 200);
  EXPECT_EQ(client.get("/readyz").status, 200);
  (void)client.post("/validate", pod_review("m-1", false));
  (void)client.post("/mutate", pod_review("m-2", true));

  Reply metrics = client.get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  for (const char* line :
       {"rampart_http_requests_total{path=\"/validate\",code=\"200\"} 1\n",
        "rampart_http_requests_total{path=\"/mutate\",code=\"200\"} 1\n",
        "rampart_http_requests_total{path=\"/readyz\",code=\"200\"} 1\n",
        "rampart_admission_decisions_total{result=\"denied\"} 1\n",
        "rampart_admission_duration_seconds_count 2\n",
        "rampart_policy_reloads_total{result=\"ok\"} 1\n",
        "rampart_tls_reloads_total{result=\"ok\"} 1\n",
        "rampart_open_connections 1\n"}) {
    EXPECT_TRUE(has(metrics.body, line)) << line << "\n" << metrics.body;
  }
}

TEST_F(ServerTest, ReloadsCertificateWithoutDroppingOpenConnection) {
  start();
  fs::copy_file(cert(), dir_ / "old.crt");
  Client kept(server_->port(), cert());
  ASSERT_EQ(kept.get("/healthz").status, 200);

  // A broken pair is refused; the old certificate keeps serving.
  std::ofstream(key(), std::ios::trunc) << "not a key";
  EXPECT_FALSE(server_->reload_tls().is_ok());
  EXPECT_TRUE(has(log(), "certificate reload refused")) << log();
  Client during(server_->port(), dir_ / "old.crt");
  EXPECT_EQ(during.get("/healthz").status, 200);

  // A good new pair is picked up by the watcher for new handshakes.
  ASSERT_TRUE(testing::make_self_signed(dir_ / "new.crt", dir_ / "new.key"));
  fs::rename(dir_ / "new.key", key());
  fs::rename(dir_ / "new.crt", cert());
  for (int i = 0; i < 200 && !has(log(), "certificate reloaded"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(has(log(), "certificate reloaded")) << log();

  Reply same = kept.get("/healthz");
  EXPECT_EQ(same.status, 200);
  EXPECT_EQ(same.new_connections, 0) << "open connection was dropped";
  Client fresh_new(server_->port(), cert());
  EXPECT_EQ(fresh_new.get("/healthz").status, 200);
  Client fresh_old(server_->port(), dir_ / "old.crt");
  EXPECT_EQ(fresh_old.get("/healthz").result, CURLE_PEER_FAILED_VERIFICATION);
}

TEST_F(ServerTest, BrokenPolicyUpdateKeepsLastGoodSet) {
#ifndef RAMPART_SERVER_REAL_ADMISSION
  GTEST_SKIP() << "needs the admission library to compile Rego";
#endif
  start();
  Client client(server_->port(), cert());
  std::ofstream(dir_ / "policy" / "broken.rego") << "package broken\ndeny[";
  for (int i = 0; i < 200 && !has(log(), "policy reload refused"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(has(log(), "broken.rego")) << log();
  EXPECT_EQ(client.get("/readyz").status, 200);
  Reply bad = client.post("/validate", pod_review("p-1", false));
  EXPECT_TRUE(has(bad.body, "Containers must not run as root")) << bad.body;
}

TEST_F(ServerTest, GracefulStopFinishesRequestInFlight) {
  start();
  auto slow = std::make_shared<FakePolicySet>();
  slow->delay = std::chrono::milliseconds(300);
  server_->webhook().set_policies(slow);
  std::uint16_t port = server_->port();

  auto in_flight = std::async(std::launch::async, [this, port] {
    Client client(port, cert());
    return client.post("/validate", pod_review("slow-1", true));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server_->stop();
  Reply reply = in_flight.get();
  EXPECT_EQ(reply.status, 200) << curl_easy_strerror(reply.result);
  EXPECT_TRUE(has(reply.body, "\"allowed\":true")) << reply.body;

  Client after(port, cert());
  EXPECT_EQ(after.get("/healthz").result, CURLE_COULDNT_CONNECT);
}

}  // namespace
}  // namespace rampart::server
