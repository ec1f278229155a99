// SPDX-License-Identifier: Apache-2.0
//
// The vulnerability store: imports from folders and zips, what happens to
// bad records and corrupt archives (named, skipped, never half-written),
// which version of a record wins, and status figures.
#include "rampart/scan/vuln/store.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <unistd.h>

namespace rampart::scan::vuln {
namespace {

namespace fs = std::filesystem;

std::string record(const std::string& id, const std::string& ecosystem,
                   const std::string& name, const std::string& modified,
                   const std::string& extra = "") {
  return R"({"id":")" + id + R"(","modified":")" + modified +
         R"(","affected":[{"package":{"ecosystem":")" + ecosystem +
         R"(","name":")" + name +
         R"("},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},)"
         R"({"fixed":"2.0"}]}]}])" +
         extra + "}";
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rampart-store-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& relative, const std::string& text) {
    fs::path path = dir_ / "in" / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  std::string make_zip(
      const std::string& relative,
      const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string path = (dir_ / "in" / relative).string();
    archive* out = archive_write_new();
    archive_write_set_format_zip(out);
    archive_write_open_filename(out, path.c_str());
    for (const auto& [name, content] : entries) {
      archive_entry* entry = archive_entry_new();
      archive_entry_set_pathname(entry, name.c_str());
      archive_entry_set_size(entry, static_cast<la_int64_t>(content.size()));
      archive_entry_set_filetype(entry, AE_IFREG);
      archive_entry_set_perm(entry, 0644);
      archive_write_header(out, entry);
      archive_write_data(out, content.data(), content.size());
      archive_entry_free(entry);
    }
    archive_write_close(out);
    archive_write_free(out);
    return path;
  }

  VulnStore open_store() {
    Result<VulnStore> store = VulnStore::open((dir_ / "vuln.db").string(),
                                              VulnStore::Mode::kReadWrite);
    EXPECT_TRUE(store.is_ok()) << store.status().to_string();
    return std::move(*store);
  }

  fs::path dir_;
};

TEST_F(StoreTest, ImportsAFolderAndNamesBadRecords) {
  write("PyPI/A-1.json",
        record("A-1", "PyPI", "Requests", "2024-01-01T00:00:00Z"));
  write("npm/B-1.json",
        record("B-1", "npm", "left-pad", "2024-02-01T00:00:00Z"));
  std::string broken = write("npm/broken.json", R"({"id":"C-1",)");
  std::string invalid = write("npm/invalid.json", R"({"id":"D-1"})");
  write("notes.txt", "not imported");

  VulnStore store = open_store();
  Result<ImportReport> report = store.import_path((dir_ / "in").string());
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_EQ(report->files, 4u);
  EXPECT_EQ(report->imported, 2u);
  EXPECT_EQ(report->rejected, 2u);
  ASSERT_EQ(report->problems.size(), 2u);
  EXPECT_EQ(report->problems[0].rfind(broken + ": not valid JSON", 0), 0u)
      << report->problems[0];
  EXPECT_EQ(report->problems[1],
            invalid + ": OSV record: 'modified' is missing");

  Result<std::vector<StoredAdvisory>> found =
      store.advisories_for("PyPI", "requests");
  ASSERT_TRUE(found.is_ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, "A-1");
  ASSERT_EQ((*found)[0].affected.size(), 1u);
  EXPECT_EQ((*found)[0].affected[0].ranges[0].events[1].version, "2.0");
}

TEST_F(StoreTest, ImportsAZip) {
  std::string zip = make_zip(
      "PyPI.zip",
      {{"A-1.json", record("A-1", "PyPI", "a", "2024-01-01T00:00:00Z")},
       {"A-2.json", record("A-2", "PyPI", "b", "2024-01-02T00:00:00Z")},
       {"README", "ignored"}});
  VulnStore store = open_store();
  Result<ImportReport> report = store.import_path(zip);
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_EQ(report->imported, 2u);
  Result<StoreStatus> status = store.status();
  ASSERT_TRUE(status.is_ok());
  ASSERT_EQ(status->ecosystems.size(), 1u);
  EXPECT_EQ(status->ecosystems[0].ecosystem, "PyPI");
  EXPECT_EQ(status->ecosystems[0].records, 2);
  EXPECT_EQ(status->newest_modified, "2024-01-02T00:00:00Z");
}

TEST_F(StoreTest, TruncatedZipIsRolledBackWholeAndTheRestGoesOn) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (int i = 0; i < 50; ++i) {
    std::string id = "Z-" + std::to_string(i);
    entries.push_back(
        {id + ".json", record(id, "Go", "example.com/m" + std::to_string(i),
                              "2024-01-01T00:00:00Z")});
  }
  std::string zip = make_zip("Go.zip", entries);
  fs::resize_file(zip, fs::file_size(zip) / 2);
  write("npm/B-1.json",
        record("B-1", "npm", "left-pad", "2024-02-01T00:00:00Z"));

  VulnStore store = open_store();
  Result<ImportReport> report = store.import_path((dir_ / "in").string());
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_EQ(report->archives_failed, 1u);
  EXPECT_EQ(report->imported, 1u);
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].rfind(zip + ": ", 0), 0u)
      << report->problems[0];

  Result<StoreStatus> status = store.status();
  ASSERT_TRUE(status.is_ok());
  EXPECT_EQ(status->records, 1);  // nothing from the broken archive
}

TEST_F(StoreTest, NotAZipIsNamed) {
  std::string fake = write("PyPI.zip", "this is not an archive");
  VulnStore store = open_store();
  Result<ImportReport> report = store.import_path(fake);
  ASSERT_TRUE(report.is_ok());
  EXPECT_EQ(report->archives_failed, 1u);
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].rfind(fake + ": ", 0), 0u);
}

TEST_F(StoreTest, NewerModifiedReplacesOlderDoesNot) {
  VulnStore store = open_store();
  std::string v1 = write(
      "v1.json", record("A-1", "PyPI", "old-name", "2024-01-01T00:00:00Z"));
  ASSERT_TRUE(store.import_path(v1).is_ok());
  std::string v2 = write(
      "v2.json", record("A-1", "PyPI", "new-name", "2024-06-01T00:00:00Z"));
  ASSERT_TRUE(store.import_path(v2).is_ok());
  EXPECT_TRUE(store.advisories_for("PyPI", "old-name")->empty());
  EXPECT_EQ(store.advisories_for("PyPI", "new-name")->size(), 1u);

  Result<ImportReport> again = store.import_path(v1);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(again->unchanged, 1u);
  EXPECT_EQ(store.advisories_for("PyPI", "new-name")->size(), 1u);
}

TEST_F(StoreTest, WithdrawnAndAliasesAreKept) {
  VulnStore store = open_store();
  std::string path = write(
      "w.json", record("W-1", "crates.io", "Dirs", "2024-01-01T00:00:00Z",
                       R"(,"withdrawn":"2024-02-01T00:00:00Z",)"
                       R"("aliases":["CVE-2024-1","GHSA-xxxx-yyyy-zzzz"])"));
  ASSERT_TRUE(store.import_path(path).is_ok());
  Result<std::vector<StoredAdvisory>> found =
      store.advisories_for("crates.io", "dirs");
  ASSERT_TRUE(found.is_ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].withdrawn, "2024-02-01T00:00:00Z");
  EXPECT_EQ((*found)[0].aliases,
            (std::vector<std::string>{"CVE-2024-1", "GHSA-xxxx-yyyy-zzzz"}));
  EXPECT_EQ(store.status()->withdrawn, 1);
}

TEST_F(StoreTest, ReplaceEcosystemKeepsTheStoreWhenTheZipIsCorrupt) {
  VulnStore store = open_store();
  write("old/A-1.json", record("A-1", "PyPI", "a", "2024-01-01T00:00:00Z"));
  ASSERT_TRUE(store.import_path((dir_ / "in" / "old").string()).is_ok());
  std::string fake = write("PyPI.zip", "PK\x03\x04 truncated");

  Result<ImportReport> replaced =
      store.replace_ecosystem("PyPI", fake, "http://127.0.0.1/");
  EXPECT_FALSE(replaced.is_ok());
  EXPECT_EQ(store.advisories_for("PyPI", "a")->size(), 1u);

  std::string good = make_zip(
      "PyPI-good.zip",
      {{"A-2.json", record("A-2", "PyPI", "b", "2024-03-01T00:00:00Z")}});
  ASSERT_TRUE(
      store.replace_ecosystem("PyPI", good, "http://127.0.0.1/").is_ok());
  EXPECT_TRUE(store.advisories_for("PyPI", "a")->empty());
  EXPECT_EQ(store.advisories_for("PyPI", "b")->size(), 1u);
}

TEST_F(StoreTest, ReplacingOneEcosystemKeepsRecordsSharedWithIt) {
  // One record names a PyPI and an npm package, as osv.dev's exports hold
  // it in both archives; replacing PyPI must keep both of its entries.
  std::string shared_record =
      R"({"id":"S-1","modified":"2024-01-01T00:00:00Z","affected":[)"
      R"({"package":{"ecosystem":"PyPI","name":"p"},"versions":["1"]},)"
      R"({"package":{"ecosystem":"npm","name":"n"},"versions":["1"]}]})";
  VulnStore store = open_store();
  ASSERT_TRUE(store.import_path(write("s.json", shared_record)).is_ok());
  std::string zip = make_zip("PyPI.zip", {{"S-1.json", shared_record}});
  Result<ImportReport> replaced =
      store.replace_ecosystem("PyPI", zip, "http://127.0.0.1/");
  ASSERT_TRUE(replaced.is_ok()) << replaced.status().to_string();
  EXPECT_EQ(store.advisories_for("PyPI", "p")->size(), 1u);
  EXPECT_EQ(store.advisories_for("npm", "n")->size(), 1u);
  EXPECT_EQ(*store.updated_ecosystems(), std::vector<std::string>{"PyPI"});
}

TEST_F(StoreTest, ReadOnlyOpenOfAMissingStoreIsNotFound) {
  Result<VulnStore> store =
      VulnStore::open((dir_ / "none.db").string(), VulnStore::Mode::kReadOnly);
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, ReadOnlyOpenRefusesAForeignDatabase) {
  std::string other = write("other.db", "");
  Result<VulnStore> store = VulnStore::open(other, VulnStore::Mode::kReadOnly);
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.status().code(), StatusCode::kParseError);
}

TEST(DefaultStorePath, FollowsXdgCacheHome) {
  std::string saved =
      std::getenv("XDG_CACHE_HOME") ? std::getenv("XDG_CACHE_HOME") : "";
  ::setenv("XDG_CACHE_HOME", "/tmp/cache-here", 1);
  EXPECT_EQ(default_store_path(), "/tmp/cache-here/rampart/vuln.db");
  ::unsetenv("XDG_CACHE_HOME");
  ::setenv("HOME", std::getenv("HOME") ? std::getenv("HOME") : "/root", 1);
  EXPECT_EQ(default_store_path(),
            std::string(std::getenv("HOME")) + "/.cache/rampart/vuln.db");
  if (!saved.empty()) ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
}

}  // namespace
}  // namespace rampart::scan::vuln
