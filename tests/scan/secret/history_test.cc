// SPDX-License-Identifier: Apache-2.0
//
// Tests for the working-tree walk (scan_tree) and git history mode, on
// folders and repositories built in a temporary directory.
#include "rampart/scan/secret/history.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rampart/scan/secret/secret_scanner.h"

#include "git_test_util.h"
#include "scan/secret/validators.h"

namespace rampart::scan::secret {
namespace {

using rampart::testing::run_git;

namespace fs = std::filesystem;

std::string npm_token(int seed) {
  static constexpr char kBase62[] =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string body;
  for (int i = 0; i < 30; ++i) body.push_back(kBase62[(i * 11 + seed) % 62]);
  std::uint32_t crc = crc32(body);
  std::string check(6, '0');
  for (int i = 5; i >= 0 && crc > 0; --i) {
    check[static_cast<std::size_t>(i)] = kBase62[crc % 62];
    crc /= 62;
  }
  return "npm_" + body + check;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (fs::temp_directory_path() / "rampart-secret-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code error;
    fs::remove_all(path_, error);
  }
  const fs::path& path() const { return path_; }
  void write(const std::string& name, const std::string& content) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name) << content;
  }

 private:
  fs::path path_;
};

std::unique_ptr<SecretScanner> make_scanner() {
  auto scanner = SecretScanner::create({});
  EXPECT_TRUE(scanner.is_ok());
  return std::move(scanner.value());
}

TEST(SecretTree, WalksWithoutFollowingSymlinkLoopsAndCountsSkips) {
  TempDir dir;
  dir.write("src/config.env", "NPM_TOKEN=" + npm_token(1) + "\n");
  dir.write("src/clean.txt", "nothing here\n");
  dir.write("web/yarn.lock", "NPM_TOKEN=" + npm_token(2) + "\n");
  dir.write("img/logo.png", "x");
  fs::create_directory_symlink(dir.path(), dir.path() / "src" / "loop");
  fs::create_symlink(dir.path() / "missing", dir.path() / "dangling");
  ::mkfifo((dir.path() / "pipe").c_str(), 0600);

  auto scanner = make_scanner();
  FindingSink sink;
  TreeOptions options;
  options.threads = 2;
  ASSERT_TRUE(scan_tree(dir.path().string(), *scanner, sink, options).is_ok());
  ASSERT_EQ(sink.findings().size(), 1u);
  EXPECT_EQ(sink.findings()[0].target, "src/config.env");
  EXPECT_EQ(scanner->skip_count(SkipReason::kSymlink), 2u);
  EXPECT_EQ(scanner->skip_count(SkipReason::kNotRegular), 1u);
  EXPECT_EQ(scanner->skip_count(SkipReason::kLockFile), 1u);
  EXPECT_EQ(scanner->skip_count(SkipReason::kBinary), 1u);
  EXPECT_EQ(scanner->files_scanned(), 2u);

  scanner->finish(sink);
  ASSERT_FALSE(sink.notes().empty());
  EXPECT_NE(sink.notes().back().message.find("skipped 2 symlink"),
            std::string::npos)
      << sink.notes().back().message;
}

TEST(SecretTree, UnreadableFileBecomesAWarningNote) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files without permission";
  TempDir dir;
  dir.write("secret.txt", "NPM_TOKEN=" + npm_token(3) + "\n");
  fs::permissions(dir.path() / "secret.txt", fs::perms::none);
  auto scanner = make_scanner();
  FindingSink sink;
  ASSERT_TRUE(scan_tree(dir.path().string(), *scanner, sink).is_ok());
  EXPECT_TRUE(sink.findings().empty());
  EXPECT_EQ(scanner->skip_count(SkipReason::kUnreadable), 1u);
}

TEST(SecretTree, PathTooLongToOpenIsReportedAndTheScanGoesOn) {
  // Folders nested past PATH_MAX cannot be opened by full path, even by
  // root: the walk reports them as unreadable and finishes.
  TempDir dir;
  dir.write("top.env", "NPM_TOKEN=" + npm_token(9) + "\n");
  char saved[4096];
  ASSERT_NE(::getcwd(saved, sizeof saved), nullptr);
  ASSERT_EQ(::chdir(dir.path().c_str()), 0);
  std::string segment(200, 'd');
  for (int i = 0; i < 25; ++i) {
    ASSERT_EQ(::mkdir(segment.c_str(), 0700), 0);
    ASSERT_EQ(::chdir(segment.c_str()), 0);
  }
  std::ofstream("deep.env") << "NPM_TOKEN=" << npm_token(10) << "\n";
  ASSERT_EQ(::chdir(saved), 0);

  auto scanner = make_scanner();
  FindingSink sink;
  ASSERT_TRUE(scan_tree(dir.path().string(), *scanner, sink).is_ok());
  ASSERT_EQ(sink.findings().size(), 1u);
  EXPECT_EQ(sink.findings()[0].target, "top.env");
  EXPECT_GE(scanner->skip_count(SkipReason::kUnreadable), 1u);
  bool warned = false;
  for (const auto& note : sink.notes()) {
    warned = warned || note.level == ScanNote::Level::kWarning;
  }
  EXPECT_TRUE(warned);
}

TEST(SecretTree, MissingRootIsAnError) {
  auto scanner = make_scanner();
  FindingSink sink;
  EXPECT_FALSE(scan_tree("/nonexistent/rampart", *scanner, sink).is_ok());
}

TEST(SecretTree, HonoursGitignoreUnlessToldOtherwise) {
  TempDir dir;
  ASSERT_EQ(run_git(dir.path(), "init -q -b main"), 0);
  dir.write(".gitignore", "build/\n*.local\n");
  dir.write("build/out.env", "NPM_TOKEN=" + npm_token(6) + "\n");
  dir.write("dev.local", "NPM_TOKEN=" + npm_token(7) + "\n");
  dir.write("src/app.env", "NPM_TOKEN=" + npm_token(8) + "\n");

  auto scanner = make_scanner();
  FindingSink sink;
  ASSERT_TRUE(scan_tree(dir.path().string(), *scanner, sink).is_ok());
  ASSERT_EQ(sink.findings().size(), 1u);
  EXPECT_EQ(sink.findings()[0].target, "src/app.env");
  EXPECT_EQ(scanner->skip_count(SkipReason::kGitIgnored), 3u);  // + .git

  auto everything = make_scanner();
  FindingSink all;
  TreeOptions options;
  options.respect_gitignore = false;
  ASSERT_TRUE(
      scan_tree(dir.path().string(), *everything, all, options).is_ok());
  EXPECT_EQ(all.findings().size(), 3u);
}

TEST(SecretHistory, ReportsEachSecretOnceAtTheCommitThatAddedIt) {
  TempDir dir;
  const fs::path& repo = dir.path();
  std::string first = npm_token(4);
  std::string second = npm_token(5);
  ASSERT_EQ(run_git(repo, "init -q -b main"), 0);

  dir.write("app/.npmrc", "token=" + first + "\n");
  ASSERT_EQ(run_git(repo, "add -A && git commit -qm one"), 0);
  dir.write("app/.npmrc", "# moved\ntoken=" + first + "\n");
  dir.write("copy.txt", "token=" + first + "\n");
  ASSERT_EQ(
      run_git(repo, "add -A && git commit -qm two", "2024-05-02T12:00:00Z"), 0);
  dir.write("app/.npmrc", "clean\n");
  ASSERT_EQ(
      run_git(repo, "add -A && git commit -qm three", "2024-05-03T12:00:00Z"),
      0);
  ASSERT_EQ(run_git(repo, "checkout -qb feature"), 0);
  dir.write("deploy/ci.env", "\n\nNPM=" + second + "\n");
  ASSERT_EQ(
      run_git(repo, "add -A && git commit -qm four", "2024-06-01T08:30:00Z"),
      0);
  ASSERT_EQ(run_git(repo, "checkout -q main"), 0);

  auto scanner = make_scanner();
  FindingSink sink;
  HistoryStats stats;
  Status status = scan_git_history(repo.string(), *scanner, sink, {}, &stats);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  EXPECT_EQ(stats.commits, 4u);
  EXPECT_EQ(stats.secrets, 2u);
  EXPECT_EQ(scanner->files_scanned(), stats.blobs_scanned);
  ASSERT_EQ(sink.findings().size(), 2u);

  const Finding& a = sink.findings()[0];
  EXPECT_EQ(a.target, "app/.npmrc");
  EXPECT_EQ(a.start_line, 1);
  EXPECT_EQ(a.properties.at("author_date"), "2024-05-01T12:00:00Z");
  EXPECT_EQ(a.properties.at("commit").size(), 40u);
  const Finding& b = sink.findings()[1];
  EXPECT_EQ(b.target, "deploy/ci.env");
  EXPECT_EQ(b.start_line, 3);
  EXPECT_EQ(b.properties.at("author_date"), "2024-06-01T08:30:00Z");
  for (const auto& finding : sink.findings()) {
    for (const auto& secret : {first, second}) {
      EXPECT_EQ(finding.message.find(secret), std::string::npos);
      EXPECT_EQ(finding.properties.at("match").find(secret), std::string::npos);
    }
  }
}

TEST(SecretHistory, NotARepositoryIsAnError) {
  TempDir dir;
  auto scanner = make_scanner();
  FindingSink sink;
  Status status = scan_git_history(dir.path().string(), *scanner, sink);
  EXPECT_FALSE(status.is_ok());
}

// Code lines come from the blob that held the secret, not from today's file
// of the same name, and the secret in them is masked.
TEST(SecretHistory, CodeLinesComeFromTheCommittedBlob) {
  TempDir dir;
  const fs::path& repo = dir.path();
  std::string token = npm_token(6);
  ASSERT_EQ(run_git(repo, "init -q -b main"), 0);
  dir.write("ci.env", "# ci\nNPM=" + token + "\n");
  ASSERT_EQ(run_git(repo, "add -A && git commit -qm add"), 0);
  dir.write("ci.env", "# ci\nNPM=${NPM_TOKEN}\n");
  ASSERT_EQ(run_git(repo, "add -A && git commit -qm rotate"), 0);

  auto scanner = make_scanner();
  FindingSink sink;
  ASSERT_TRUE(scan_git_history(repo.string(), *scanner, sink).is_ok());
  ASSERT_EQ(sink.findings().size(), 1u);
  const Finding& finding = sink.findings()[0];
  ASSERT_EQ(finding.code.size(), 1u);
  EXPECT_EQ(finding.code[0].number, 2);
  EXPECT_EQ(finding.code[0].text, "NPM=*****");
}

TEST(SecretHistory, SecretStillInTheWorkingTreeIsDroppedFromHistory) {
  Finding today;
  today.scanner = "secret";
  today.fingerprint = "same-secret";
  Finding other_scanner;
  other_scanner.scanner = "misconfig";
  other_scanner.fingerprint = "misconfig-only";
  Finding still_there;
  still_there.fingerprint = "same-secret";
  Finding only_in_history;
  only_in_history.fingerprint = "gone-secret";
  Finding not_a_secret_match;
  not_a_secret_match.fingerprint = "misconfig-only";

  std::vector<Finding> history = {still_there, only_in_history,
                                  not_a_secret_match};
  drop_secrets_in_working_tree({today, other_scanner}, history);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].fingerprint, "gone-secret");
  EXPECT_EQ(history[1].fingerprint, "misconfig-only");
}

}  // namespace
}  // namespace rampart::scan::secret
