// SPDX-License-Identifier: Apache-2.0
#include "server/tls.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "server/test_certs.h"

namespace rampart::server {
namespace {

namespace fs = std::filesystem;

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rampart-tls-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(TlsTest, LoadsMatchingPair) {
  ASSERT_TRUE(testing::make_self_signed(dir_ / "a.crt", dir_ / "a.key"));
  auto context = make_server_tls_context(dir_ / "a.crt", dir_ / "a.key");
  ASSERT_TRUE(context.is_ok()) << context.status().to_string();
  EXPECT_EQ(SSL_CTX_get_min_proto_version(context.value().get()),
            TLS1_2_VERSION);
}

TEST_F(TlsTest, RefusesKeyOfAnotherCertificate) {
  ASSERT_TRUE(testing::make_self_signed(dir_ / "a.crt", dir_ / "a.key"));
  ASSERT_TRUE(testing::make_self_signed(dir_ / "b.crt", dir_ / "b.key"));
  auto context = make_server_tls_context(dir_ / "a.crt", dir_ / "b.key");
  ASSERT_FALSE(context.is_ok());
  EXPECT_EQ(context.status().location().file, (dir_ / "b.key").string());
  // OpenSSL notices the mismatch while loading the key.
  EXPECT_NE(context.status().message().find("mismatch"), std::string::npos)
      << context.status().message();
}

TEST_F(TlsTest, RefusesMissingAndGarbageFiles) {
  auto missing = make_server_tls_context(dir_ / "none.crt", dir_ / "none.key");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().location().file, (dir_ / "none.crt").string());

  std::ofstream(dir_ / "junk.crt") << "-----BEGIN CERTIFICATE-----\nzz\n";
  ASSERT_TRUE(testing::make_self_signed(dir_ / "a.crt", dir_ / "a.key"));
  EXPECT_FALSE(
      make_server_tls_context(dir_ / "junk.crt", dir_ / "a.key").is_ok());
  EXPECT_FALSE(
      make_server_tls_context(dir_ / "a.crt", dir_ / "junk.crt").is_ok());
}

}  // namespace
}  // namespace rampart::server
