// SPDX-License-Identifier: Apache-2.0
//
// The misconfiguration scanner: judges Kubernetes manifests and Dockerfiles
// with Rego checks (the bundled library under policies/, plus the user's
// policies) and reports what they deny as findings.
//
// For the orchestrator (`rampart scan`):
//
//   rampart::scan::misconfig::MisconfigOptions options;
//   options.policy_dirs = {"policy/"};             // --policy DIR
//   options.severity_overrides["RP-K8S-023"] = rampart::Severity::kMedium;
//   auto scanner = MisconfigScanner::create(options);
//   if (!scanner) { print scanner.status().to_string(), exit 2 }
//
// create() compiles every check once and prepares one query per check; a
// user policy that fails to parse or compile makes it fail with the
// file:line:col of the first error (the caller exits 2).
//
// What is scanned (wants()): YAML and JSON files whose content has an
// apiVersion and a kind (multi-document streams, `List` kinds with their
// items), Dockerfiles by name (see is_dockerfile_name), and the standard
// input of `rampart scan -`. Helm templates (files containing "{{") are
// skipped with an info note suggesting `helm template CHART | rampart scan -`.
//
// What a check sees as `input` (docs/checks.md, "The input"): a bundled
// Kubernetes check gets one object as written; a Dockerfile check gets the
// document of include/rampart/document/dockerfile.h. A user package whose
// source mentions `input.request` gets the object wrapped as an
// AdmissionReview (`input.request.object`, `input.request.kind.kind`, ...),
// so admission-era policies work unchanged.
//
// Where a finding points: a check returns {"msg": ..., "path": [...]}; the
// path is a JSON path inside the object, mapped to the line of that key in
// the file, or of its nearest ancestor present in the file, or the object's
// own line range when the result has no path.
//
// Hostile input: files larger than max_file_bytes, binary content (NUL
// bytes), broken YAML, alias bombs and nesting beyond the YAML reader's
// limits each become one note naming the file and the reason, and the scan
// goes on. Each evaluation is bounded by eval_deadline and max_eval_steps;
// a check that fails at evaluation yields an error note and an error
// finding (rule id RP-EVAL-ERROR) instead of being skipped silently.
//
// Thread-safety: after create(), scan_file() may run on many threads at
// once (prepared queries are immutable; counters are atomic).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/document/value.h"
#include "rampart/findings/finding.h"
#include "rampart/scan/scanner.h"

namespace rampart::scan::misconfig {

inline constexpr std::size_t kDefaultMaxManifestBytes = 16u << 20;  // 16 MiB
inline constexpr std::string_view kEvalErrorRuleId = "RP-EVAL-ERROR";

struct MisconfigOptions {
  bool use_bundled_checks = true;
  // Folders (or single .rego files) of user policies; *_test.rego files are
  // left out (they are for `rampart test`).
  std::vector<std::string> policy_dirs;
  // Packages whose deny/violation/warn rules are queried, without "data."
  // ("main", "k8s.admission"); empty means {"main"}. "*" means every user
  // package.
  std::vector<std::string> namespaces;
  // Check ids to leave out (bundled or user).
  std::vector<std::string> disabled_checks;
  std::map<std::string, Severity> severity_overrides;

  std::size_t max_file_bytes = kDefaultMaxManifestBytes;
  std::chrono::milliseconds eval_deadline{2000};
  std::uint64_t max_eval_steps = 2'000'000;
};

// What the scanner judges a document as.
enum class InputType { kKubernetes, kDockerfile };

// One check: a bundled check package, or one rule of a user package.
struct CheckInfo {
  std::string id;  // "RP-K8S-001", or from the user's METADATA
  std::string title;
  std::string description;
  Severity severity = Severity::kUnknown;
  std::string remediation;
  std::vector<std::string> references;
  std::vector<InputType> inputs;   // which documents it judges
  std::vector<std::string> kinds;  // Kubernetes kinds; empty: every kind
  std::string query;               // "data.rampart.k8s.privileged.deny"
  std::string file;                // where it is defined
  bool user = false;
  bool admission_review = false;  // input wrapped as an AdmissionReview
  bool warn = false;              // a `warn` rule of a user policy
};

// Kinds the "workload" selector of a check's METADATA stands for.
const std::vector<std::string>& workload_kinds();

// The AdmissionReview (admission.k8s.io/v1) a user policy sees for `object`:
// request.kind, resource, name, namespace, operation "CREATE", the object.
Value admission_review_for(const Value& object);

class MisconfigScanner : public Scanner {
 public:
  static Result<std::unique_ptr<MisconfigScanner>> create(
      const MisconfigOptions& options);
  ~MisconfigScanner() override;

  std::string_view name() const override { return kScannerMisconfig; }
  bool wants(const FileEntry& file) const override;
  void scan_file(const FileEntry& file, std::string_view content,
                 FindingSink& sink) override;
  // Adds one info note: files and documents judged, and skips.
  void finish(FindingSink& sink) override;

  // Every enabled check, bundled first, in id order.
  const std::vector<CheckInfo>& checks() const;

  std::size_t documents_scanned() const { return documents_.load(); }

  struct Impl;

 private:
  explicit MisconfigScanner(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
  std::atomic<std::size_t> files_{0};
  std::atomic<std::size_t> documents_{0};
  std::atomic<std::size_t> skipped_{0};
};

}  // namespace rampart::scan::misconfig
