// SPDX-License-Identifier: Apache-2.0
//
// `rampart scan [PATH|-]`: the CI security gate. Reads rampart.yaml and the
// ignore file, builds the scanners, runs the orchestrator, applies rule
// overrides and suppressions, prints one report on stdout (or writes it
// atomically with -o) and decides the exit code (cli/report_output.h):
// 0 nothing at or above the threshold, 1 findings at or above it (or the
// value of --exit-code), 2 usage or input error with one line on stderr.
//
// stdout carries only the report. Notes about the scan (files that could not
// be parsed, expired ignore entries), progress and --debug timings go to
// stderr; --quiet keeps stderr for fatal errors only.
//
// The scan never touches the network: the vulnerability store is read as
// it is, and when it is missing the vuln scanner only builds the inventory
// and a warning says how to get data (`rampart db import`, or `rampart db
// update` unless --offline).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rampart/base/file.h"
#include "rampart/findings/report.h"
#include "rampart/scan/config.h"
#include "rampart/scan/ignore_file.h"
#include "rampart/scan/orchestrator.h"

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"

// Scanner libraries are linked when their folders exist (src/cli/
// CMakeLists.txt defines RAMPART_HAVE_<TARGET> for each one linked).
#if defined(RAMPART_HAVE_RAMPART_SECRET) && \
    __has_include("rampart/scan/secret/secret_scanner.h")
#include "rampart/scan/path_filter.h"
#include "rampart/scan/secret/history.h"
#include "rampart/scan/secret/secret_scanner.h"
#define RAMPART_SCAN_HAS_SECRET 1
#endif
#if defined(RAMPART_HAVE_RAMPART_MISCONFIG) && \
    __has_include("rampart/scan/misconfig/misconfig_scanner.h")
#include "rampart/scan/misconfig/misconfig_scanner.h"
#define RAMPART_SCAN_HAS_MISCONFIG 1
#endif
#if defined(RAMPART_HAVE_RAMPART_VULN) && \
    __has_include("rampart/scan/vuln/vuln_scanner.h")
#include "rampart/scan/vuln/store.h"
#include "rampart/scan/vuln/vuln_scanner.h"
#define RAMPART_SCAN_HAS_VULN 1
#endif

namespace rampart::cli {

namespace {

struct ScanFlags {
  std::string path = ".";
  std::string scanners;  // comma-separated; empty: config or all
  std::string threshold;
  std::string format = "table";
  std::string output;
  std::vector<std::string> policies;
  std::vector<std::string> namespaces;  // user-policy packages to query
  std::string config;
  std::string ignore_file;
  std::string db;
  bool offline = false;
  bool history = false;  // also walk the git history (secret scanner)
  int exit_code = -1;    // -1: not given
  bool quiet = false;
  bool debug = false;
};

// Everything resolved from flags, rampart.yaml and defaults, before running.
struct ScanPlan {
  scan::ScanConfig config;
  std::vector<std::string> namespaces;
  std::vector<std::string> scanner_names;
  Severity threshold = Severity::kHigh;
  ReportFormat format = ReportFormat::kTable;
  scan::IgnoreFile ignore;
  std::string today;
};

bool is_folder(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

bool exists(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0;
}

std::string in_folder(const std::string& folder, const std::string& name) {
  if (folder.empty() || folder == ".") return name;
  return folder.back() == '/' ? folder + name : folder + "/" + name;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Scanner registry. Each scanner library registers here, behind the define
// its CMake target brings: a case in scanner_available() and a make_*()
// function mapping the plan (rampart.yaml plus flags) onto the scanner's own
// options.
// ---------------------------------------------------------------------------

bool scanner_available(std::string_view name) {
#ifdef RAMPART_SCAN_HAS_SECRET
  if (name == kScannerSecret) return true;
#endif
#ifdef RAMPART_SCAN_HAS_MISCONFIG
  if (name == kScannerMisconfig) return true;
#endif
#ifdef RAMPART_SCAN_HAS_VULN
  if (name == kScannerVuln) return true;
#endif
  (void)name;
  return false;
}

#ifdef RAMPART_SCAN_HAS_SECRET
// A user rule file holds at most kMaxRules sections of a few short lines;
// anything larger is a mistake (or an attack) rather than a rule set.
constexpr std::size_t kMaxSecretRulesFileBytes = 4u << 20;

// The `secret:` section of rampart.yaml, and `rules:` entries that disable
// a secret rule, mapped onto the secret scanner's options (the table in
// docs/secrets.md). A rules-file that cannot be read or parsed is an error
// naming the file and line.
Result<std::unique_ptr<scan::Scanner>> make_secret_scanner(
    const ScanPlan& plan) {
  const scan::ScanConfig::Secret& secret = plan.config.secret;
  scan::secret::SecretOptions options;
  options.allow.paths = secret.allow_paths;
  options.allow.rule_ids = secret.allow_rules;
  options.allow.regexes = secret.allow_regexes;
  options.allow.fingerprints = secret.allow_fingerprints;
  options.allow.values = secret.allow_values;
  options.disabled_rules = scan::disabled_rule_ids(plan.config);

  if (secret.rules_file) {
    auto text = read_file(*secret.rules_file, kMaxSecretRulesFileBytes);
    if (!text) {
      return text.status().with_location({*secret.rules_file, 0, 0});
    }
    options.extra_rules = std::move(*text);
    options.extra_rules_name = *secret.rules_file;
  }

  if (plan.config.max_file_size) {
    options.max_file_bytes =
        static_cast<std::size_t>(*plan.config.max_file_size);
  }
  auto scanner = scan::secret::SecretScanner::create(options);
  if (!scanner) return scanner.status();
  return std::unique_ptr<scan::Scanner>(std::move(*scanner));
}

// Whether `relative_path` or a folder above it matches `skip.paths` of
// rampart.yaml or a path-only entry of the ignore file, the patterns that
// keep a file out of the working-tree walk.
bool skipped_by_walk_patterns(const scan::PathFilter& filter,
                              std::string_view relative_path) {
  for (std::size_t slash = relative_path.find('/');
       slash != std::string_view::npos;
       slash = relative_path.find('/', slash + 1)) {
    if (filter.excluded(relative_path.substr(0, slash), true)) return true;
  }
  return filter.excluded(relative_path, false);
}

void drop_skipped_paths(const std::vector<std::string>& skip_paths,
                        std::vector<Finding>& findings) {
  if (skip_paths.empty()) return;
  scan::PathFilter filter;
  for (const std::string& pattern : skip_paths) filter.add_pattern("", pattern);
  std::erase_if(findings, [&filter](const Finding& finding) {
    return skipped_by_walk_patterns(filter, finding.target);
  });
}

void note_history(scan::ScanOutcome& outcome, ScanNote::Level level,
                  const std::string& target, const std::string& message) {
  outcome.notes.push_back(
      {level, std::string(kScannerSecret), target, 0, "--history: " + message});
}

// `--history`: walks every commit of the repository at PATH with the same
// secret scanner and adds the secrets found only in history. A secret still
// in the working tree stays the working-tree finding. Any failure (not a
// repository, libgit2 missing) is a warning note: the working-tree results
// stand and the exit code is what it would be without the flag.
void add_history_findings(const ScanFlags& flags,
                          const std::vector<std::string>& skip_paths,
                          const std::vector<scan::Scanner*>& scanners,
                          scan::ScanOutcome& outcome) {
  const scan::secret::SecretScanner* secret = nullptr;
  for (scan::Scanner* scanner : scanners) {
    secret = dynamic_cast<const scan::secret::SecretScanner*>(scanner);
    if (secret != nullptr) break;
  }
  if (secret == nullptr) {
    return note_history(outcome, ScanNote::Level::kWarning, "",
                        "the secret scanner is not enabled; history is "
                        "not scanned");
  }
  if (flags.path == "-") {
    return note_history(outcome, ScanNote::Level::kWarning, "<stdin>",
                        "standard input has no git history");
  }

  auto started = std::chrono::steady_clock::now();
  scan::FindingSink sink;
  scan::secret::HistoryStats stats;
  Status walked =
      scan::secret::scan_git_history(flags.path, *secret, sink, {}, &stats);
  for (ScanNote& note : sink.notes()) outcome.notes.push_back(note);
  if (!walked.is_ok()) {
    return note_history(outcome, ScanNote::Level::kWarning, flags.path,
                        walked.message());
  }

  std::vector<Finding>& found = sink.findings();
  scan::secret::drop_secrets_in_working_tree(outcome.findings, found);
  drop_skipped_paths(skip_paths, found);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  note_history(outcome, ScanNote::Level::kInfo, flags.path,
               fmt::format("{} commits, {} blobs scanned, {} skipped, {} "
                           "secrets only in history, {:.3f} s",
                           stats.commits, stats.blobs_scanned,
                           stats.blobs_skipped, found.size(), seconds));
  for (Finding& finding : found) outcome.findings.push_back(std::move(finding));
  scan::sort_findings(outcome.findings);
  outcome.seconds += seconds;
}
#endif

#ifdef RAMPART_SCAN_HAS_MISCONFIG
// Bundled checks plus --policy / `policies:` folders; `rules:` in
// rampart.yaml disables checks or changes their severity by id.
Result<std::unique_ptr<scan::Scanner>> make_misconfig_scanner(
    const ScanPlan& plan) {
  scan::misconfig::MisconfigOptions options;
  options.policy_dirs = plan.config.policy_dirs;
  options.namespaces = plan.namespaces;
  for (const auto& [id, rule] : plan.config.rules) {
    if (!rule.enabled) options.disabled_checks.push_back(id);
    if (rule.severity) options.severity_overrides[id] = *rule.severity;
  }
  if (plan.config.max_file_size) {
    options.max_file_bytes =
        static_cast<std::size_t>(*plan.config.max_file_size);
  }
  auto scanner = scan::misconfig::MisconfigScanner::create(options);
  if (!scanner) return scanner.status();
  return std::unique_ptr<scan::Scanner>(std::move(*scanner));
}
#endif

#ifdef RAMPART_SCAN_HAS_VULN
// Stands in for the vuln scanner when there is no store to match against:
// lockfiles are still read, so the inventory (CycloneDX, JSON `components`)
// stays complete, but finish() says matching was skipped and how to get
// data, in words that fit --offline, instead of failing to open the store.
// `rampart scan` never downloads anything itself, offline or not.
class InventoryOnlyScanner : public scan::Scanner {
 public:
  InventoryOnlyScanner(std::unique_ptr<scan::vuln::VulnScanner> inner,
                       std::string store_path, bool offline)
      : inner_(std::move(inner)),
        store_path_(std::move(store_path)),
        offline_(offline) {}

  std::string_view name() const override { return inner_->name(); }
  bool wants(const scan::FileEntry& file) const override {
    return inner_->wants(file);
  }
  void scan_file(const scan::FileEntry& file, std::string_view content,
                 scan::FindingSink& sink) override {
    inner_->scan_file(file, content, sink);
  }
  void finish(scan::FindingSink& sink) override;

  const scan::vuln::VulnScanner& inner() const { return *inner_; }

 private:
  std::unique_ptr<scan::vuln::VulnScanner> inner_;
  std::string store_path_;
  bool offline_;
};

void InventoryOnlyScanner::finish(scan::FindingSink& sink) {
  std::size_t packages = inner_->packages().size();
  std::string advice =
      offline_ ? "--offline is set, so none is downloaded; load one with "
                 "'rampart db import PATH' (or run 'rampart db update' "
                 "where the network is allowed)"
               : "download the OSV data with 'rampart db update', or load "
                 "files with 'rampart db import PATH'";
  std::string message = fmt::format(
      "vulnerability matching skipped: no vulnerability store here; {} "
      "packages were not checked; {}",
      packages, advice);
  // Nothing to match is worth a note for --debug only.
  ScanNote::Level level =
      packages > 0 ? ScanNote::Level::kWarning : ScanNote::Level::kInfo;
  sink.note({level, std::string(kScannerVuln), store_path_, 0, message});
}

// The store is opened read-only in finish(); --db / `vuln.db` pick it. When
// the file is missing the scan still collects the inventory (see above).
Result<std::unique_ptr<scan::Scanner>> make_vuln_scanner(const ScanPlan& plan) {
  scan::vuln::VulnScannerOptions options;
  if (plan.config.db_path) options.db_path = *plan.config.db_path;
  std::string store = options.db_path.empty() ? scan::vuln::default_store_path()
                                              : options.db_path;
  auto scanner = std::make_unique<scan::vuln::VulnScanner>(options);
  if (exists(store)) return std::unique_ptr<scan::Scanner>(std::move(scanner));
  return std::unique_ptr<scan::Scanner>(std::make_unique<InventoryOnlyScanner>(
      std::move(scanner), store, plan.config.offline.value_or(false)));
}

const scan::vuln::VulnScanner* as_vuln_scanner(scan::Scanner* scanner) {
  if (auto* vuln = dynamic_cast<scan::vuln::VulnScanner*>(scanner)) {
    return vuln;
  }
  if (auto* only = dynamic_cast<InventoryOnlyScanner*>(scanner)) {
    return &only->inner();
  }
  return nullptr;
}
#endif

// The inventory hook: scanners either report components through
// FindingSink::add_component() during the scan, or (the vuln scanner) keep
// their packages and hand them over here afterwards.
void collect_inventory(const std::vector<scan::Scanner*>& scanners,
                       std::vector<Component>& components) {
#ifdef RAMPART_SCAN_HAS_VULN
  for (scan::Scanner* scanner : scanners) {
    const scan::vuln::VulnScanner* vuln = as_vuln_scanner(scanner);
    if (vuln == nullptr) continue;
    for (const scan::vuln::Package& p : vuln->packages()) {
      components.push_back({p.ecosystem, p.name, p.version, p.purl,
                            p.source_file, p.line, p.direct, p.dev});
    }
  }
#else
  (void)scanners;
  (void)components;
#endif
}

Result<std::unique_ptr<scan::Scanner>> make_scanner(std::string_view name,
                                                    const ScanPlan& plan) {
#ifdef RAMPART_SCAN_HAS_SECRET
  if (name == kScannerSecret) return make_secret_scanner(plan);
#endif
#ifdef RAMPART_SCAN_HAS_MISCONFIG
  if (name == kScannerMisconfig) return make_misconfig_scanner(plan);
#endif
#ifdef RAMPART_SCAN_HAS_VULN
  if (name == kScannerVuln) return make_vuln_scanner(plan);
#endif
  (void)plan;
  return Status(
      StatusCode::kUnsupported,
      fmt::format("the {} scanner is not available in this build yet", name));
}

// ---------------------------------------------------------------------------
// Resolving flags, configuration and the ignore file.
// ---------------------------------------------------------------------------

Status load_plan_config(const ScanFlags& flags, ScanPlan& plan) {
  std::string path = flags.config;
  if (path.empty() && flags.path != "-" && is_folder(flags.path)) {
    std::string candidate = in_folder(flags.path, "rampart.yaml");
    if (exists(candidate)) path = candidate;
  }
  if (path.empty()) return Status::ok();
  auto config = scan::load_config(path);
  if (!config) return config.status();
  plan.config = std::move(*config);
  return Status::ok();
}

Status choose_scanners(const ScanFlags& flags, ScanPlan& plan,
                       std::vector<std::string>& skipped) {
  std::vector<std::string> wanted = split_commas(flags.scanners);
  bool explicit_choice = !wanted.empty() || !plan.config.scanners.empty();
  if (wanted.empty()) wanted = plan.config.scanners;
  if (wanted.empty()) {
    wanted = {std::string(kScannerMisconfig), std::string(kScannerSecret),
              std::string(kScannerVuln)};
  }
  for (const std::string& name : wanted) {
    if (name != kScannerMisconfig && name != kScannerSecret &&
        name != kScannerVuln) {
      return Status(StatusCode::kInvalidArgument,
                    fmt::format("unknown scanner '{}' (expected misconfig, "
                                "secret or vuln)",
                                name));
    }
    if (scanner_available(name)) {
      plan.scanner_names.push_back(name);
    } else if (explicit_choice) {
      return Status(StatusCode::kUnsupported,
                    fmt::format("the {} scanner is not available in this "
                                "build yet",
                                name));
    } else {
      skipped.push_back(name);
    }
  }
  return Status::ok();
}

Status choose_threshold_and_format(const ScanFlags& flags, ScanPlan& plan) {
  if (!flags.threshold.empty()) {
    std::optional<Severity> severity = parse_severity(flags.threshold);
    if (!severity) {
      return Status(StatusCode::kInvalidArgument,
                    fmt::format("--severity-threshold: '{}' is not one of "
                                "UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL",
                                flags.threshold));
    }
    plan.threshold = *severity;
  } else if (plan.config.severity_threshold) {
    plan.threshold = *plan.config.severity_threshold;
  }
  std::optional<ReportFormat> format = parse_report_format(flags.format);
  if (!format) {
    return Status(StatusCode::kInvalidArgument,
                  fmt::format("--format: '{}' is not one of table, json, "
                              "sarif, junit, cyclonedx",
                              flags.format));
  }
  plan.format = *format;
  return Status::ok();
}

Status load_plan_ignore_file(const ScanFlags& flags, ScanPlan& plan) {
  std::string path = flags.ignore_file;
  bool optional = false;
  if (path.empty() && plan.config.ignore_file) path = *plan.config.ignore_file;
  if (path.empty()) {
    std::string folder = flags.path != "-" && is_folder(flags.path)
                             ? flags.path
                             : std::string(".");
    path = in_folder(folder, ".rampartignore");
    optional = true;
  }
  auto ignore = scan::load_ignore_file(path, optional);
  if (!ignore) return ignore.status();
  plan.ignore = std::move(*ignore);
  return Status::ok();
}

Result<ScanPlan> make_plan(const ScanFlags& flags,
                           std::vector<std::string>& skipped) {
  ScanPlan plan;
  plan.today = scan::utc_today();
  RAMPART_RETURN_IF_ERROR(load_plan_config(flags, plan));
  RAMPART_RETURN_IF_ERROR(choose_scanners(flags, plan, skipped));
  RAMPART_RETURN_IF_ERROR(choose_threshold_and_format(flags, plan));
  RAMPART_RETURN_IF_ERROR(load_plan_ignore_file(flags, plan));
  for (const std::string& dir : flags.policies) {
    plan.config.policy_dirs.push_back(dir);
  }
  plan.namespaces = flags.namespaces;
  if (!flags.db.empty()) plan.config.db_path = flags.db;
  if (flags.offline) plan.config.offline = true;
  if (flags.exit_code < -1 || flags.exit_code > 255) {
    return Status(StatusCode::kInvalidArgument,
                  "--exit-code must be between 0 and 255");
  }
  return plan;
}

scan::WalkOptions walk_options(const ScanPlan& plan) {
  scan::WalkOptions walk;
  walk.use_default_skips = plan.config.default_skips;
  walk.skip_dir_names = plan.config.skip_dirs;
  walk.skip_paths = plan.config.skip_paths;
  for (std::string& path : scan::ignored_paths(plan.ignore, plan.today)) {
    walk.skip_paths.push_back(std::move(path));
  }
  walk.use_gitignore = plan.config.gitignore;
  if (plan.config.max_file_size) {
    walk.max_file_bytes = *plan.config.max_file_size;
  }
  return walk;
}

// ---------------------------------------------------------------------------
// Running and reporting.
// ---------------------------------------------------------------------------

// Progress on stderr, only on a terminal and only once the scan has taken
// more than a second, so quick scans and CI logs stay clean.
std::function<void(const scan::ScanProgress&)> progress_printer(
    const ScanFlags& flags, bool& printed) {
  if (flags.quiet || isatty(STDERR_FILENO) == 0) return {};
  return [&printed](const scan::ScanProgress& progress) {
    bool last = progress.files_done == progress.files_total;
    if (progress.seconds < 1.0) return;
    if (last) {
      if (printed) std::fputs("\r\x1b[K", stderr);
      return;
    }
    std::fprintf(stderr, "\rscanning: %zu/%zu files, %.0f s",
                 progress.files_done, progress.files_total, progress.seconds);
    printed = true;
  };
}

const char* note_level(ScanNote::Level level) {
  switch (level) {
    case ScanNote::Level::kError:
      return "error";
    case ScanNote::Level::kWarning:
      return "warning";
    case ScanNote::Level::kInfo:
      return "info";
  }
  return "info";
}

void print_notes(const std::vector<ScanNote>& notes, const ScanFlags& flags) {
  if (flags.quiet) return;
  for (const ScanNote& note : notes) {
    if (note.level == ScanNote::Level::kInfo && !flags.debug) continue;
    std::string where = note.target;
    if (note.line > 0) where += fmt::format(":{}", note.line);
    std::string who = note.scanner.empty() ? "" : note.scanner + ": ";
    fmt::print(stderr, "rampart: {}: {}{}{}\n", note_level(note.level), who,
               where.empty() ? "" : where + ": ", note.message);
  }
}

void print_timings(const scan::ScanOutcome& outcome) {
  fmt::print(stderr, "rampart: debug: walk {:.3f} s, {} files kept\n",
             outcome.walk_seconds, outcome.files_walked);
  for (const scan::ScannerTiming& t : outcome.timings) {
    fmt::print(stderr,
               "rampart: debug: {}: {} files, {} bytes, scan {:.3f} s "
               "(all threads), finish {:.3f} s\n",
               t.scanner, t.files, t.bytes, t.scan_seconds, t.finish_seconds);
  }
  fmt::print(stderr, "rampart: debug: total {:.3f} s\n", outcome.seconds);
}

std::string random_uuid_urn() {
  std::random_device device;
  std::uniform_int_distribution<unsigned> byte(0, 255);
  unsigned char b[16];
  for (unsigned char& x : b) x = static_cast<unsigned char>(byte(device));
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122
  std::string hex;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) hex += '-';
    hex += fmt::format("{:02x}", b[i]);
  }
  return "urn:uuid:" + hex;
}

Result<scan::ScanOutcome> run_plan(const ScanFlags& flags, const ScanPlan& plan,
                                   const std::vector<scan::Scanner*>& scanners,
                                   bool& progress_shown) {
  scan::ScanOptions options;
  options.walk = walk_options(plan);
  options.progress = progress_printer(flags, progress_shown);
  if (flags.path != "-") return scan::run_scan(flags.path, scanners, options);
  auto content = read_stdin(options.walk.max_file_bytes);
  if (!content) return content.status().with_location({"<stdin>", 0, 0});
  return scan::run_scan_on_stdin(std::move(*content), scanners, options);
}

ScanReport make_report(const ScanFlags& flags, const ScanPlan& plan,
                       scan::ScanOutcome& outcome) {
  ScanReport report;
  report.tool_version = RAMPART_VERSION;
  report.target = flags.path == "-" ? "<stdin>" : flags.path;
  report.scanners = plan.scanner_names;
  report.threshold = plan.threshold;

  scan::apply_rule_overrides(plan.config, outcome.findings);
  scan::IgnoreOutcome ignored =
      scan::apply_ignore_file(plan.ignore, plan.today, outcome.findings);
  scan::sort_findings(outcome.findings);
  for (ScanNote& note : ignored.notes) outcome.notes.push_back(note);

  report.findings = std::move(outcome.findings);
  report.suppressed = ignored.suppressed;
  report.notes = std::move(outcome.notes);
  report.components = std::move(outcome.components);
  report.stats = {outcome.files_walked, outcome.files_scanned,
                  outcome.bytes_scanned, outcome.seconds};
  return report;
}

int run_scan_command(const ScanFlags& flags) {
  std::vector<std::string> skipped;
  auto plan = make_plan(flags, skipped);
  if (!plan) return fail(plan.status().to_string());
  if (!flags.quiet) {
    for (const std::string& name : skipped) {
      fmt::print(stderr,
                 "rampart: warning: the {} scanner is not in this build yet; "
                 "scanning without it\n",
                 name);
    }
  }

  std::vector<std::unique_ptr<scan::Scanner>> owned;
  std::vector<scan::Scanner*> scanners;
  for (const std::string& name : plan->scanner_names) {
    auto scanner = make_scanner(name, *plan);
    if (!scanner) return fail(scanner.status().to_string());
    scanners.push_back(scanner->get());
    owned.push_back(std::move(*scanner));
  }

  bool progress_shown = false;
  auto outcome = run_plan(flags, *plan, scanners, progress_shown);
  if (!outcome) return fail(outcome.status().to_string());
#ifdef RAMPART_SCAN_HAS_SECRET
  if (flags.history || plan->config.secret.history) {
    add_history_findings(flags, walk_options(*plan).skip_paths, scanners,
                         *outcome);
  }
#endif
  collect_inventory(scanners, outcome->components);
  ScanReport report = make_report(flags, *plan, *outcome);
  print_notes(report.notes, flags);
  if (flags.debug) print_timings(*outcome);

  ReportOptions options;
  options.timestamp = rfc3339_now();
  options.serial_number = random_uuid_urn();
  int written = write_report(report, plan->format, flags.output, options);
  if (written != kExitOk) return written;
  return exit_code_for(report, flags.exit_code);
}

}  // namespace

CommandRunner add_scan_command(CLI::App& root) {
  auto flags = std::make_shared<ScanFlags>();
  CLI::App* app = root.add_subcommand(
      "scan",
      "scan a project for misconfigurations, secrets and vulnerable "
      "dependencies; exit 1 when findings reach the severity threshold");
  app->add_option("path", flags->path,
                  "folder or file to scan, or '-' for a YAML stream on stdin")
      ->capture_default_str();
  app->add_option("--scanners", flags->scanners,
                  "comma-separated: misconfig,secret,vuln (default: all)");
  app->add_option("--severity-threshold", flags->threshold,
                  "fail on findings at or above: UNKNOWN, LOW, MEDIUM, HIGH "
                  "(default), CRITICAL");
  app->add_option("-f,--format", flags->format,
                  "table, json, sarif, junit or cyclonedx")
      ->capture_default_str();
  app->add_option("-o,--output", flags->output,
                  "write the report to FILE (atomically) instead of stdout");
  app->add_option("--policy", flags->policies,
                  "folder of user Rego policies (repeatable)");
  app->add_option("--namespace", flags->namespaces,
                  "package of the user policies' deny/violation/warn rules, "
                  "without 'data.' (repeatable; default main; '*' for all)");
  app->add_option(
      "--config", flags->config,
      "rampart.yaml to use (default: PATH/rampart.yaml if present)");
  app->add_option("--ignore-file", flags->ignore_file,
                  "ignore file (default: PATH/.rampartignore if present)");
  app->add_option("--db", flags->db, "vulnerability store (SQLite file)");
  app->add_flag("--offline", flags->offline,
                "never touch the network; scan never downloads, and with no "
                "store the advice given is 'rampart db import'");
  app->add_flag("--history", flags->history,
                "with the secret scanner, also scan every commit of the git "
                "repository at PATH; secrets only in history are reported "
                "at the commit that introduced them");
  app->add_option("--exit-code", flags->exit_code,
                  "exit code when findings reach the threshold (default 1; "
                  "0 only reports)");
  app->add_flag("-q,--quiet", flags->quiet,
                "no progress, warnings or notes on stderr");
  app->add_flag("--debug", flags->debug,
                "per-scanner timings and info notes on stderr");
  return [flags] { return run_scan_command(*flags); };
}

}  // namespace rampart::cli
