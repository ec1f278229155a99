// SPDX-License-Identifier: Apache-2.0
//
// `db update` against a small HTTP server this test runs on 127.0.0.1: a
// download cut off mid-way fails without touching the store and is resumed
// with a range request on the next run; a server that ignores ranges still
// yields the right archive; a missing archive is an error naming the URL.
#include "rampart/scan/vuln/update.h"

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace rampart::scan::vuln {
namespace {

namespace fs = std::filesystem;

// Serves fixed bodies by path over plain HTTP/1.0 on a loopback port.
class LocalServer {
 public:
  LocalServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    ::listen(listener_, 8);
    socklen_t size = sizeof(address);
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~LocalServer() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }

  std::string base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
  }
  void put(const std::string& path, std::string body) {
    std::lock_guard<std::mutex> lock(mutex_);
    bodies_[path] = std::move(body);
  }
  // The next response sends only this many body bytes, then hangs up.
  void cut_next_after(size_t bytes) { cut_after_ = static_cast<long>(bytes); }
  void honour_ranges(bool honour) { honour_ranges_ = honour; }
  std::vector<std::string> ranges_seen() {
    std::lock_guard<std::mutex> lock(mutex_);
    return ranges_;
  }

 private:
  void serve() {
    while (!stopping_) {
      int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) return;
      handle(client);
      ::close(client);
    }
  }

  void handle(int client) {
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      ssize_t got = ::recv(client, buffer, sizeof(buffer), 0);
      if (got <= 0) return;
      request.append(buffer, static_cast<size_t>(got));
    }
    std::string path = request.substr(4, request.find(' ', 4) - 4);
    size_t from = 0;
    size_t range_at = request.find("Range: bytes=");
    if (range_at != std::string::npos) {
      std::lock_guard<std::mutex> lock(mutex_);
      from = std::stoul(request.substr(range_at + 13));
      ranges_.push_back(std::to_string(from) + "-");
    }

    std::string body;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = bodies_.find(path);
      if (it == bodies_.end()) {
        send_all(client, "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        return;
      }
      body = it->second;
    }
    std::string head;
    if (range_at != std::string::npos && honour_ranges_ &&
        from <= body.size()) {
      head = "HTTP/1.0 206 Partial Content\r\nContent-Range: bytes " +
             std::to_string(from) + "-" + std::to_string(body.size() - 1) +
             "/" + std::to_string(body.size()) + "\r\n";
      body = body.substr(from);
    } else {
      head = "HTTP/1.0 200 OK\r\n";
    }
    head += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    long cut = cut_after_.exchange(-1);
    if (cut >= 0) body = body.substr(0, static_cast<size_t>(cut));
    send_all(client, head + body);
  }

  static void send_all(int client, const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
      ssize_t n =
          ::send(client, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<long> cut_after_{-1};
  std::atomic<bool> honour_ranges_{true};
  std::mutex mutex_;
  std::map<std::string, std::string> bodies_;
  std::vector<std::string> ranges_;
};

std::string record(const std::string& id, const std::string& name) {
  return R"({"id":")" + id +
         R"(","modified":"2024-01-01T00:00:00Z","affected":[{"package":)"
         R"({"ecosystem":"PyPI","name":")" +
         name + R"("},"versions":["1.0"]}]})";
}

// A zip of `count` records, built in memory.
std::string zip_of_records(int count) {
  std::string out;
  archive* writer = archive_write_new();
  archive_write_set_format_zip(writer);
  archive_write_add_filter_none(writer);
  struct Sink {
    static la_ssize_t write(archive*, void* user, const void* data,
                            size_t size) {
      static_cast<std::string*>(user)->append(static_cast<const char*>(data),
                                              size);
      return static_cast<la_ssize_t>(size);
    }
  };
  archive_write_open(writer, &out, nullptr, Sink::write, nullptr);
  for (int i = 0; i < count; ++i) {
    std::string content =
        record("NEW-" + std::to_string(i), "pkg" + std::to_string(i));
    archive_entry* entry = archive_entry_new();
    std::string name = "NEW-" + std::to_string(i) + ".json";
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(content.size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_write_header(writer, entry);
    archive_write_data(writer, content.data(), content.size());
    archive_entry_free(entry);
  }
  archive_write_close(writer);
  archive_write_free(writer);
  return out;
}

class UpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rampart-update-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_path_ = (dir_ / "vuln.db").string();

    // The store before the update: one PyPI record, OLD-1 for "oldpkg".
    Result<VulnStore> store =
        VulnStore::open(store_path_, VulnStore::Mode::kReadWrite);
    ASSERT_TRUE(store.is_ok());
    std::string json = (dir_ / "old.json").string();
    FILE* file = std::fopen(json.c_str(), "w");
    std::fputs(record("OLD-1", "oldpkg").c_str(), file);
    std::fclose(file);
    ASSERT_TRUE(store->import_path(json).is_ok());
  }
  void TearDown() override { fs::remove_all(dir_); }

  size_t count_for(const std::string& name) {
    Result<VulnStore> store =
        VulnStore::open(store_path_, VulnStore::Mode::kReadOnly);
    EXPECT_TRUE(store.is_ok());
    return store->advisories_for("PyPI", name)->size();
  }

  UpdateOptions options() {
    UpdateOptions result;
    result.store_path = store_path_;
    result.base_url = server_.base_url();
    result.ecosystems = {"PyPI"};
    return result;
  }

  LocalServer server_;
  fs::path dir_;
  std::string store_path_;
};

TEST_F(UpdateTest, InterruptedDownloadKeepsTheStoreAndResumes) {
  std::string zip = zip_of_records(200);
  server_.put("/PyPI/all.zip", zip);
  server_.cut_next_after(zip.size() / 3);

  Result<UpdateReport> first = update_store(options());
  ASSERT_FALSE(first.is_ok());
  EXPECT_NE(first.status().message().find(server_.base_url() + "/PyPI/all.zip"),
            std::string::npos)
      << first.status().message();
  EXPECT_EQ(count_for("oldpkg"), 1u);  // the previous store is untouched
  EXPECT_EQ(fs::file_size(store_path_ + ".download/PyPI.zip.part"),
            zip.size() / 3);

  Result<UpdateReport> second = update_store(options());
  ASSERT_TRUE(second.is_ok()) << second.status().to_string();
  EXPECT_EQ(server_.ranges_seen(),
            std::vector<std::string>{std::to_string(zip.size() / 3) + "-"});
  EXPECT_EQ(second->import.imported, 200u);
  EXPECT_EQ(count_for("oldpkg"), 0u);  // the ecosystem was replaced
  EXPECT_EQ(count_for("pkg7"), 1u);
  EXPECT_FALSE(fs::exists(store_path_ + ".download"));
}

TEST_F(UpdateTest, ServerIgnoringRangesStillGivesTheWholeArchive) {
  std::string zip = zip_of_records(50);
  server_.put("/PyPI/all.zip", zip);
  server_.honour_ranges(false);
  server_.cut_next_after(100);
  ASSERT_FALSE(update_store(options()).is_ok());

  Result<UpdateReport> second = update_store(options());
  ASSERT_TRUE(second.is_ok()) << second.status().to_string();
  EXPECT_EQ(second->import.imported, 50u);
  EXPECT_EQ(count_for("pkg49"), 1u);
}

TEST_F(UpdateTest, CorruptArchiveLeavesTheStoreAsItWas) {
  server_.put("/PyPI/all.zip", "PK\x03\x04 but nothing else");
  Result<UpdateReport> result = update_store(options());
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(count_for("oldpkg"), 1u);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().string().find(".update-"), std::string::npos)
        << "temporary store left behind: " << entry.path();
  }
}

TEST_F(UpdateTest, MissingArchiveNamesTheUrl) {
  UpdateOptions missing = options();
  missing.ecosystems = {"Nope"};
  Result<UpdateReport> result = update_store(missing);
  ASSERT_FALSE(result.is_ok());
  EXPECT_NE(result.status().message().find("/Nope/all.zip"), std::string::npos);
  EXPECT_NE(result.status().message().find("404"), std::string::npos);
  EXPECT_EQ(count_for("oldpkg"), 1u);
}

TEST_F(UpdateTest, WithoutEcosystemsUpdatesThoseInTheStore) {
  server_.put("/PyPI/all.zip", zip_of_records(3));
  UpdateOptions all = options();
  all.ecosystems.clear();
  Result<UpdateReport> result = update_store(all);
  ASSERT_TRUE(result.is_ok()) << result.status().to_string();
  EXPECT_EQ(result->ecosystems, std::vector<std::string>{"PyPI"});
}

}  // namespace
}  // namespace rampart::scan::vuln
