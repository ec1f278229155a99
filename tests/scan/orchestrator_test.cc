// SPDX-License-Identifier: Apache-2.0
#include "rampart/scan/orchestrator.h"

#include <atomic>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "scan/temp_tree.h"

namespace rampart::scan {
namespace {

// Reports one finding per line containing `needle` in files ending in
// `suffix`; records which threads it ran on.
class NeedleScanner : public Scanner {
 public:
  NeedleScanner(std::string name, std::string suffix, std::string needle,
                Severity severity)
      : name_(std::move(name)),
        suffix_(std::move(suffix)),
        needle_(std::move(needle)),
        severity_(severity) {}

  std::string_view name() const override { return name_; }
  bool wants(const FileEntry& file) const override {
    if (file.from_stdin) return true;
    const std::string& p = file.relative_path;
    return p.size() >= suffix_.size() &&
           p.compare(p.size() - suffix_.size(), suffix_.size(), suffix_) == 0;
  }
  void scan_file(const FileEntry& file, std::string_view content,
                 FindingSink& sink) override {
    calls_.fetch_add(1);
    int line = 1;
    std::size_t start = 0;
    while (start <= content.size()) {
      std::size_t end = content.find('\n', start);
      if (end == std::string_view::npos) end = content.size();
      if (content.substr(start, end - start).find(needle_) !=
          std::string_view::npos) {
        Finding f;
        f.scanner = name_;
        f.rule_id = "NEEDLE-" + needle_;
        f.title = "found " + needle_;
        f.severity = severity_;
        f.target = file.relative_path;
        f.start_line = f.end_line = line;
        sink.add(std::move(f));
      }
      if (end == content.size()) break;
      start = end + 1;
      ++line;
    }
  }
  void finish(FindingSink& sink) override {
    sink.add_component({"npm", "left-pad", "1.0.0", "pkg:npm/left-pad@1.0.0",
                        "package-lock.json", 3, true, false});
    finished_ = true;
  }

  std::atomic<int> calls_{0};
  bool finished_ = false;

 private:
  std::string name_, suffix_, needle_;
  Severity severity_;
};

class ThrowingScanner : public Scanner {
 public:
  std::string_view name() const override { return "boom"; }
  bool wants(const FileEntry&) const override { return true; }
  void scan_file(const FileEntry&, std::string_view, FindingSink&) override {
    throw std::runtime_error("kaput");
  }
};

TEST(RunScan, DispatchesToScannersThatWantTheFileAndSorts) {
  testing::TempTree tree;
  tree.write("k8s/deploy.yaml", "a: 1\nprivileged: true\nb: 2\n");
  tree.write("app/config.env", "TOKEN=xyz\n");
  tree.write("z.yaml", "privileged: true\n");
  NeedleScanner yaml("misconfig", ".yaml", "privileged", Severity::kMedium);
  NeedleScanner env("secret", ".env", "TOKEN", Severity::kCritical);
  auto outcome = run_scan(tree.root(), {&yaml, &env}, {});
  ASSERT_TRUE(outcome.is_ok()) << outcome.status().to_string();
  ASSERT_EQ(outcome->findings.size(), 3u);
  EXPECT_EQ(outcome->findings[0].target, "app/config.env");  // worst first
  EXPECT_EQ(outcome->findings[1].target, "k8s/deploy.yaml");
  EXPECT_EQ(outcome->findings[2].target, "z.yaml");
  EXPECT_EQ(yaml.calls_.load(), 2);
  EXPECT_EQ(env.calls_.load(), 1);
  EXPECT_TRUE(yaml.finished_);
  EXPECT_EQ(outcome->files_walked, 3u);
  EXPECT_EQ(outcome->files_scanned, 3u);
  EXPECT_EQ(outcome->components.size(), 2u);
  ASSERT_EQ(outcome->timings.size(), 2u);
  EXPECT_EQ(outcome->timings[0].files, 2u);
}

TEST(RunScan, AttachesCodeLinesAndFingerprints) {
  testing::TempTree tree;
  tree.write("deploy.yaml", "a: 1\nprivileged: true\nb: 2\n");
  NeedleScanner yaml("misconfig", ".yaml", "privileged", Severity::kHigh);
  auto outcome = run_scan(tree.root(), {&yaml}, {});
  ASSERT_TRUE(outcome.is_ok());
  const Finding& f = outcome->findings.at(0);
  ASSERT_EQ(f.code.size(), 3u);
  EXPECT_EQ(f.code[0].number, 1);
  EXPECT_FALSE(f.code[0].offending);
  EXPECT_EQ(f.code[1].text, "privileged: true");
  EXPECT_TRUE(f.code[1].offending);
  EXPECT_EQ(f.fingerprint.size(), 32u);

  // The fingerprint follows the content, not the line number.
  tree.write("deploy.yaml", "x: 0\na: 1\nprivileged: true\n");
  auto moved = run_scan(tree.root(), {&yaml}, {});
  ASSERT_TRUE(moved.is_ok());
  EXPECT_EQ(moved->findings.at(0).start_line, 3);
  EXPECT_EQ(moved->findings.at(0).fingerprint, f.fingerprint);
}

TEST(RunScan, UsesSeveralThreads) {
  testing::TempTree tree;
  for (int i = 0; i < 64; ++i) {
    tree.write("f" + std::to_string(i) + ".yaml", "privileged: true\n");
  }
  NeedleScanner yaml("misconfig", ".yaml", "privileged", Severity::kHigh);
  ScanOptions options;
  options.threads = 4;
  int progress_calls = 0;
  options.progress = [&](const ScanProgress& p) {
    ++progress_calls;
    EXPECT_LE(p.files_done, p.files_total);
  };
  auto outcome = run_scan(tree.root(), {&yaml}, options);
  ASSERT_TRUE(outcome.is_ok());
  EXPECT_EQ(outcome->findings.size(), 64u);
  EXPECT_EQ(yaml.calls_.load(), 64);
  EXPECT_GE(progress_calls, 1);  // at least the final call
}

TEST(RunScan, ScannerExceptionBecomesANote) {
  testing::TempTree tree;
  tree.write("a.txt", "x");
  ThrowingScanner boom;
  auto outcome = run_scan(tree.root(), {&boom}, {});
  ASSERT_TRUE(outcome.is_ok());
  ASSERT_EQ(outcome->notes.size(), 1u);
  EXPECT_EQ(outcome->notes[0].level, ScanNote::Level::kError);
  EXPECT_EQ(outcome->notes[0].target, "a.txt");
  EXPECT_EQ(outcome->notes[0].message, "internal error in scanner: kaput");
}

// Records whether any scan_file() call saw a null content pointer.
class NullContentProbe : public Scanner {
 public:
  std::string_view name() const override { return "probe"; }
  bool wants(const FileEntry&) const override { return true; }
  void scan_file(const FileEntry&, std::string_view content,
                 FindingSink&) override {
    calls_.fetch_add(1);
    if (content.data() == nullptr) null_seen_ = true;
  }
  std::atomic<int> calls_{0};
  std::atomic<bool> null_seen_{false};
};

// Empty files are common in real trees (__init__.py, .keep); the secret
// scanner's memchr() on the null pointer of their empty mapping was
// undefined behaviour, found by UBSan on Flask and patroni.
TEST(RunScan, EmptyFilesReachScannersWithAValidPointer) {
  testing::TempTree tree;
  tree.write("pkg/__init__.py", "");
  tree.write("notes.txt", "x");
  NullContentProbe probe;
  auto outcome = run_scan(tree.root(), {&probe}, {});
  ASSERT_TRUE(outcome.is_ok());
  EXPECT_EQ(probe.calls_.load(), 2);
  EXPECT_FALSE(probe.null_seen_.load());
}

TEST(RunScanOnStdin, ScansTheStreamAsOneVirtualFile) {
  NeedleScanner yaml("misconfig", ".yaml", "hostPID", Severity::kHigh);
  auto outcome = run_scan_on_stdin(
      "---\nkind: Pod\n---\nkind: Pod\nspec:\n  hostPID: true\n", {&yaml}, {});
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].target, "<stdin>");
  EXPECT_EQ(outcome.findings[0].start_line, 6);
  ASSERT_FALSE(outcome.findings[0].code.empty());
  EXPECT_EQ(outcome.files_scanned, 1u);
}

TEST(SortFindings, SeverityThenTargetThenLine) {
  std::vector<Finding> findings(4);
  findings[0].severity = Severity::kLow;
  findings[0].target = "a";
  findings[1].severity = Severity::kCritical;
  findings[1].target = "b";
  findings[1].start_line = 9;
  findings[2].severity = Severity::kCritical;
  findings[2].target = "b";
  findings[2].start_line = 2;
  findings[3].severity = Severity::kCritical;
  findings[3].target = "a";
  sort_findings(findings);
  EXPECT_EQ(findings[0].target, "a");
  EXPECT_EQ(findings[1].start_line, 2);
  EXPECT_EQ(findings[2].start_line, 9);
  EXPECT_EQ(findings[3].severity, Severity::kLow);
}

}  // namespace
}  // namespace rampart::scan
