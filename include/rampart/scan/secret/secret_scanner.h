// SPDX-License-Identifier: Apache-2.0
//
// The secret scanner: finds leaked credentials in file contents.
//
// For the orchestrator (`rampart scan`):
//
//   rampart::scan::secret::SecretOptions options;   // filled from rampart.yaml
//   options.allow.paths.push_back("testdata/**");
//   auto scanner = SecretScanner::create(options);   // Result<unique_ptr<>>
//   if (!scanner) { report scanner.status(), exit 2 }
//   ... (*scanner)->wants(file), (*scanner)->scan_file(file, bytes, sink) ...
//   (*scanner)->finish(sink);   // one info note with the skip counts
//
// How a file is matched (SecretEngine): one Vectorscan pass over the whole
// content looks for every rule keyword at once (case-insensitive literals);
// around each hit RE2 runs the rules that own that keyword, over the hit's
// line clamped to the rule's window (or across lines for multiline rules).
// A candidate then passes the rule's entropy floor, a placeholder filter
// ("EXAMPLE", "xxxx", "${VAR}", ...), the rule's offline validator, the
// inline suppression comment and the allow-lists. Overlapping candidates keep
// the rule with the highest priority (specific formats beat generic ones).
//
// What a finding carries: scanner "secret", rule id, title, severity,
// target, lines and byte columns of the secret (end exclusive), a message, the
// fingerprint (lowercase hex SHA-256 of rule id, a NUL byte and the secret, so
// an ignore file can name it without holding it) and properties["match"], the
// secret redacted to its first and last few characters. The secret itself is
// never stored in a Finding, a ScanNote or a log line.
//
// Hostile input and limits: files over max_file_bytes, binary files (a NUL
// byte in the first 8 KiB), archives (by magic number), lock files and
// minified assets are skipped, each with its reason counted. A file reports
// at most max_findings_per_file findings and examines at most
// kMaxPrefilterHits keyword hits; reaching either adds a warning note for the
// file. Every RE2 search is bounded by the rule's window, so a 2 GB line
// costs one linear prefilter pass, never a quadratic regex scan. Invalid
// UTF-8 is treated as bytes.
//
// Thread-safety: a built SecretEngine / SecretScanner is immutable apart from
// atomic counters; scan() and scan_file() may run on many threads at once.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/findings/finding.h"
#include "rampart/scan/scanner.h"
#include "rampart/scan/secret/rules.h"

namespace rampart::scan::secret {

inline constexpr std::size_t kDefaultMaxSecretFileBytes = 32u << 20;  // 32 MiB
inline constexpr std::size_t kMaxPrefilterHits = 4u << 20;
inline constexpr std::string_view kDefaultAllowComment = "rampart:allow";

// Everything the `secret:` section of rampart.yaml can say. Defaults scan
// with the built-in rules and no allow-list.
struct SecretOptions {
  // Rules: the built-in set, then `extra_rules` (rule-file text, same format
  // as the built-in file; a rule with a built-in id replaces it), less the
  // ids in `disabled_rules`.
  bool use_builtin_rules = true;
  std::string extra_rules;
  std::string extra_rules_name = "rampart.yaml";
  std::vector<std::string> disabled_rules;

  // A finding is dropped when any entry matches it.
  struct AllowList {
    // Globs on the '/'-separated relative path: '*' within a segment, '**'
    // across segments, '?' one character. "vendor/**", "**/*_test.go".
    std::vector<std::string> paths;
    std::vector<std::string> rule_ids;
    std::vector<std::string> values;        // the exact secret
    std::vector<std::string> regexes;       // RE2, searched in the secret
    std::vector<std::string> fingerprints;  // Finding::fingerprint values
  } allow;

  // A line containing this text reports nothing ("" turns the comment off).
  std::string allow_comment = std::string(kDefaultAllowComment);

  std::size_t max_file_bytes = kDefaultMaxSecretFileBytes;
  std::size_t max_findings_per_file = 1000;
  bool skip_lock_files = true;  // package-lock.json, yarn.lock, go.sum, ...
  bool skip_minified = true;    // *.min.js, *.map, very long-lined JS/CSS
};

// Why a file was not scanned. Counted per scanner; names via
// skip_reason_name().
enum class SkipReason {
  kNone,
  kTooLarge,
  kBinary,
  kArchive,
  kLockFile,
  kMinified,
  kAllowedPath,
  kUnreadable,  // used by scan_tree() and history mode
  kSymlink,     // scan_tree() never follows symbolic links
  kNotRegular,  // devices, FIFOs, sockets
  kGitIgnored,  // scan_tree() with respect_gitignore
  kCount,
};
const char* skip_reason_name(SkipReason reason);

// One secret found in one buffer, before it becomes a Finding.
struct SecretMatch {
  const SecretRule* rule = nullptr;  // owned by the engine
  std::size_t offset = 0;            // of the secret in the buffer
  std::size_t length = 0;
  int start_line = 0;
  int end_line = 0;
  int start_column = 0;  // 1-based byte column on start_line
  int end_column = 0;    // exclusive, on end_line
  std::string redacted;
  std::string fingerprint;
};

struct ScanResult {
  SkipReason skipped = SkipReason::kNone;
  std::vector<SecretMatch> matches;
  bool findings_truncated = false;  // max_findings_per_file reached
  bool hits_truncated = false;      // kMaxPrefilterHits reached
};

// The compiled rule set: immutable, shareable between threads.
class SecretEngine {
 public:
  static Result<std::unique_ptr<SecretEngine>> create(
      const SecretOptions& options);
  ~SecretEngine();
  SecretEngine(const SecretEngine&) = delete;
  SecretEngine& operator=(const SecretEngine&) = delete;

  // Why `relative_path` would be skipped from its name and size alone.
  SkipReason skip_by_name(std::string_view relative_path,
                          std::uint64_t size) const;
  // Why `content` would be skipped by sniffing (binary, archive, minified).
  SkipReason skip_by_content(std::string_view relative_path,
                             std::string_view content) const;

  // Sniffs, then matches. `relative_path` feeds path allow-lists and the
  // minified check.
  ScanResult scan(std::string_view relative_path,
                  std::string_view content) const;

  // The prefilter alone: how many keyword hits `content` has. For benchmarks.
  std::size_t count_prefilter_hits(std::string_view content) const;

  const std::vector<SecretRule>& rules() const;
  const SecretOptions& options() const;

  struct Impl;

 private:
  explicit SecretEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The redacted form of a secret: at most 4 leading and 4 trailing
// characters (fewer for short secrets) around "****".
std::string redact_secret(std::string_view secret);
// Lowercase hex SHA-256 of rule_id + '\0' + secret.
std::string secret_fingerprint(std::string_view rule_id,
                               std::string_view secret);

// Builds the Finding for `match` found in `target`.
Finding make_secret_finding(const SecretMatch& match, std::string_view target);

// The Scanner the orchestrator runs, named "secret".
class SecretScanner : public Scanner {
 public:
  static Result<std::unique_ptr<SecretScanner>> create(
      const SecretOptions& options);

  std::string_view name() const override { return kScannerSecret; }
  bool wants(const FileEntry& file) const override;
  void scan_file(const FileEntry& file, std::string_view content,
                 FindingSink& sink) override;
  // Adds one info note: files scanned, and skipped per reason.
  void finish(FindingSink& sink) override;

  // Records a skip decided outside this class (scan_tree, the orchestrator,
  // history mode), or content scanned through engine() directly.
  void count_skip(SkipReason reason) const;
  void count_scanned(std::size_t bytes) const;
  std::size_t skip_count(SkipReason reason) const;
  std::size_t files_scanned() const { return scanned_.load(); }
  std::size_t bytes_scanned() const { return bytes_.load(); }
  const SecretEngine& engine() const { return *engine_; }

 private:
  explicit SecretScanner(std::unique_ptr<SecretEngine> engine);

  std::unique_ptr<SecretEngine> engine_;
  mutable std::array<std::atomic<std::size_t>,
                     static_cast<std::size_t>(SkipReason::kCount)>
      skips_{};
  mutable std::atomic<std::size_t> scanned_{0};
  mutable std::atomic<std::size_t> bytes_{0};
};

// A self-contained walk for tools, tests and benchmarks that run the secret
// scanner without the orchestrator: every regular file under `root`, on
// `threads` threads (0: hardware concurrency). Symbolic links are never
// followed (so loops cannot trap the walk), unreadable files and folders
// become warning notes, and with `respect_gitignore` paths ignored by the
// enclosing git repository's ignore rules are skipped. Files under 256 KiB
// are read into a per-thread buffer, larger ones memory-mapped. Fails only
// when `root` itself is not a folder.
struct TreeOptions {
  unsigned threads = 0;
  bool respect_gitignore = true;
};
Status scan_tree(const std::string& root, SecretScanner& scanner,
                 FindingSink& sink, const TreeOptions& options = {});

}  // namespace rampart::scan::secret
