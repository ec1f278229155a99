// SPDX-License-Identifier: Apache-2.0
//
// `rampart audit DIR|FILE|-`: judges objects that already exist (a folder
// of manifests, a `kubectl get -A -o yaml` dump, or a YAML stream on stdin)
// with the admission policies: bundled checks (unless --no-bundled), user
// Rego (--policy), Gatekeeper templates and constraints (--constraints).
// Every verdict, deny, warn and dry-run alike, becomes a finding reported
// as `rampart scan` reports (--format table|json|sarif|junit, -o), and the
// exit code follows scan's rules: 0 nothing at or above
// --severity-threshold, 1 findings at or above it, 2 usage or input error.
//
// The objects are untrusted: files go through the bounded YAML reader and
// a file that cannot be read or parsed becomes an error note naming it,
// and the audit goes on. All the objects read also form Gatekeeper's
// data.inventory, and Namespace objects among them give the labels
// namespaceSelector matches need. stdout carries only the report.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "rampart/base/file.h"
#include "rampart/document/yaml.h"
#include "rampart/findings/report.h"

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"

#if defined(RAMPART_HAVE_RAMPART_ADMISSION)
#include "rampart/admission/admission.h"
#include "rampart/scan/orchestrator.h"
#include "rampart/scan/snippets.h"
#endif

namespace rampart::cli {

#if defined(RAMPART_HAVE_RAMPART_ADMISSION)
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kScannerAdmission = "admission";

struct AuditFlags {
  std::string path;
  std::vector<std::string> constraints;
  std::vector<std::string> policies;
  bool no_bundled = false;
  std::string threshold = "HIGH";
  std::string format = "table";
  std::string output;
  int exit_code = -1;
  bool quiet = false;
};

// One object to judge and where it was written.
struct AuditObject {
  Value value;
  std::size_t file = 0;  // index into AuditInput::files
  int line = 0;
};

struct AuditInput {
  std::vector<std::string> files;     // as reported (relative or <stdin>)
  std::vector<std::string> contents;  // same order, for code snippets
  std::vector<AuditObject> objects;
  std::vector<ScanNote> notes;
  std::uint64_t bytes = 0;
};

const Value* member(const Value& object, std::string_view key) {
  return object.is_object() ? object.find(key) : nullptr;
}

std::string string_member(const Value& object, std::string_view key) {
  const Value* found = member(object, key);
  return found != nullptr && found->is_string() ? found->as_string() : "";
}

bool is_kubernetes_object(const Value& value) {
  return !string_member(value, "apiVersion").empty() &&
         !string_member(value, "kind").empty();
}

void error_note(AuditInput& input, const std::string& target,
                const Status& status) {
  ScanNote note;
  note.level = ScanNote::Level::kError;
  note.scanner = std::string(kScannerAdmission);
  note.target = target;
  note.line = status.location().line;
  note.message = status.message();
  input.notes.push_back(std::move(note));
}

// Adds the objects of one YAML/JSON stream; List kinds give their items.
void add_stream(AuditInput& input, const std::string& name,
                std::string content) {
  YamlLimits limits;
  limits.record_positions = true;
  auto documents = parse_yaml(content, name, limits);
  if (!documents) return error_note(input, name, documents.status());
  std::size_t file = input.files.size();
  input.files.push_back(name);
  input.bytes += content.size();
  input.contents.push_back(std::move(content));
  for (const YamlDocument& document : *documents) {
    const Value& value = document.value;
    const Value* items = member(value, "items");
    if (string_member(value, "kind").ends_with("List") && items != nullptr &&
        items->is_array()) {
      for (std::size_t i = 0; i < items->size(); ++i) {
        auto at = document.positions.find("/items/" + std::to_string(i));
        int line = at != document.positions.end() ? at->second.line
                                                  : document.start_line;
        const Value& item = items->array_items()[i];
        if (is_kubernetes_object(item))
          input.objects.push_back({item, file, line});
      }
    } else if (is_kubernetes_object(value)) {
      input.objects.push_back({value, file, document.start_line});
    }
  }
}

bool is_manifest_name(const fs::path& path) {
  std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

Result<AuditInput> read_input(const std::string& path) {
  AuditInput input;
  if (path == "-") {
    auto content = read_stdin();
    if (!content) return content.status().with_location({"<stdin>", 0, 0});
    add_stream(input, "<stdin>", std::move(*content));
    return input;
  }
  std::error_code error;
  std::vector<std::string> files;
  if (fs::is_regular_file(path, error)) {
    files.push_back(path);
  } else if (fs::is_directory(path, error)) {
    fs::recursive_directory_iterator it(path, error), end;
    for (; !error && it != end; it.increment(error)) {
      if (it->is_regular_file(error) && is_manifest_name(it->path())) {
        files.push_back(it->path().string());
      }
    }
    if (error)
      return Status(StatusCode::kIoError, path + ": " + error.message());
  } else {
    return Status(StatusCode::kNotFound, "no such file or folder: " + path);
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    auto content = read_file(file);
    if (!content) {
      error_note(input, file, content.status());
      continue;
    }
    add_stream(input, file, std::move(*content));
  }
  return input;
}

// `Deployment billing/reports`, or `Namespace billing` for cluster objects.
std::string object_label(const Value& object) {
  const Value* metadata = member(object, "metadata");
  std::string name = metadata ? string_member(*metadata, "name") : "";
  std::string ns = metadata ? string_member(*metadata, "namespace") : "";
  std::string kind = string_member(object, "kind");
  return ns.empty() ? kind + " " + name : kind + " " + ns + "/" + name;
}

// A stable identity for ignore files: FNV-1a over what names the finding.
std::string fingerprint(const Finding& finding, const std::string& label) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const std::string* part : {&finding.scanner, &finding.rule_id,
                                  &finding.target, &label, &finding.message}) {
    for (unsigned char c : *part) {
      hash = (hash ^ c) * 1099511628211ull;
    }
    hash = (hash ^ 0xff) * 1099511628211ull;
  }
  return fmt::format("{:016x}", hash);
}

Finding make_finding(const admission::Verdict& verdict,
                     const AuditObject& object, const AuditInput& input) {
  Finding finding;
  finding.scanner = std::string(kScannerAdmission);
  finding.rule_id = verdict.policy;
  finding.severity = verdict.severity;
  finding.target = input.files[object.file];
  finding.start_line = object.line;
  finding.end_line = object.line;
  std::string label = object_label(object.value);
  finding.message = label + ": " + verdict.message;
  if (verdict.info != nullptr) {
    finding.title = verdict.info->title;
    finding.remediation = verdict.info->remediation;
    finding.references = verdict.info->references;
  }
  if (finding.title.empty()) finding.title = verdict.policy;
  static const char* const kActions[] = {"deny", "warn", "dryrun"};
  finding.properties["action"] = kActions[static_cast<int>(verdict.action)];
  finding.properties["object"] = label;
  finding.fingerprint = fingerprint(finding, label);
  return finding;
}

std::map<std::string, const Value*> namespaces_of(const AuditInput& input) {
  std::map<std::string, const Value*> namespaces;
  for (const AuditObject& object : input.objects) {
    if (string_member(object.value, "kind") != "Namespace") continue;
    const Value* metadata = member(object.value, "metadata");
    std::string name = metadata ? string_member(*metadata, "name") : "";
    if (!name.empty()) namespaces[name] = &object.value;
  }
  return namespaces;
}

Result<std::shared_ptr<const admission::PolicySet>> load_policies(
    const AuditFlags& flags, const AuditInput& input) {
  admission::PolicySources sources;
  sources.bundled_checks = !flags.no_bundled;
  for (const std::string& path : flags.policies) {
    sources.policy_paths.push_back(path);
  }
  for (const std::string& path : flags.constraints) {
    sources.constraint_paths.push_back(path);
  }
  if (!flags.constraints.empty()) {
    std::vector<Value> objects;
    objects.reserve(input.objects.size());
    for (const AuditObject& object : input.objects) {
      objects.push_back(object.value);
    }
    sources.inventory = admission::gatekeeper_inventory(objects);
  }
  return admission::PolicySet::load(sources);
}

void judge_all(const admission::PolicySet& policies, AuditInput& input,
               std::vector<Finding>& findings) {
  auto namespaces = namespaces_of(input);
  for (const AuditObject& object : input.objects) {
    admission::ReviewOptions options;
    const Value* metadata = member(object.value, "metadata");
    std::string ns = metadata ? string_member(*metadata, "namespace") : "";
    auto found = namespaces.find(ns);
    if (found != namespaces.end()) options.namespace_object = *found->second;
    auto decision = policies.review_object(object.value, options);
    if (!decision) {
      error_note(input, input.files[object.file],
                 decision.status().with_location(
                     {input.files[object.file], object.line, 0}));
      continue;
    }
    for (const admission::Verdict& verdict : decision->verdicts) {
      findings.push_back(make_finding(verdict, object, input));
    }
  }
}

void attach_code(const AuditInput& input, std::vector<Finding>& findings) {
  std::vector<std::vector<Finding*>> by_file(input.files.size());
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < input.files.size(); ++i) {
    index[input.files[i]] = i;
  }
  for (Finding& finding : findings) {
    by_file[index[finding.target]].push_back(&finding);
  }
  for (std::size_t i = 0; i < input.files.size(); ++i) {
    if (!by_file[i].empty()) {
      scan::attach_snippets(input.contents[i], by_file[i]);
    }
  }
}

void print_notes(const std::vector<ScanNote>& notes, bool quiet) {
  if (quiet) return;
  for (const ScanNote& note : notes) {
    std::string where = note.target;
    if (note.line > 0) where += fmt::format(":{}", note.line);
    fmt::print(stderr, "rampart: error: {}: {}\n", where, note.message);
  }
}

int run_audit(const AuditFlags& flags) {
  auto threshold = parse_severity(flags.threshold);
  if (!threshold) {
    return fail(
        fmt::format("--severity-threshold: '{}' is not one of "
                    "UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL",
                    flags.threshold));
  }
  auto format = parse_report_format(flags.format);
  if (!format || *format == ReportFormat::kCycloneDx) {
    return fail(
        fmt::format("--format: '{}' is not one of table, json, "
                    "sarif, junit",
                    flags.format));
  }
  if (flags.exit_code < -1 || flags.exit_code > 255) {
    return fail("--exit-code must be between 0 and 255");
  }
  auto started = std::chrono::steady_clock::now();
  auto input = read_input(flags.path);
  if (!input) return fail(input.status().to_string());
  auto policies = load_policies(flags, *input);
  if (!policies) return fail(policies.status().to_string());

  ScanReport report;
  report.tool_version = RAMPART_VERSION;
  report.target = flags.path == "-" ? "<stdin>" : flags.path;
  report.scanners = {std::string(kScannerAdmission)};
  report.threshold = *threshold;
  judge_all(**policies, *input, report.findings);
  attach_code(*input, report.findings);
  scan::sort_findings(report.findings);
  report.notes = input->notes;
  report.stats.files_walked = input->files.size();
  report.stats.files_scanned = input->files.size();
  report.stats.bytes_scanned = input->bytes;
  report.stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  print_notes(report.notes, flags.quiet);

  ReportOptions options;
  options.timestamp = rfc3339_now();
  int written = write_report(report, *format, flags.output, options);
  if (written != kExitOk) return written;
  return exit_code_for(report, flags.exit_code);
}

}  // namespace

CommandRunner add_audit_command(CLI::App& root) {
  auto flags = std::make_shared<AuditFlags>();
  CLI::App* app = root.add_subcommand(
      "audit",
      "judge existing objects (manifests, a 'kubectl get -A -o yaml' dump, "
      "or '-' for stdin) with the admission policies and constraints");
  app->add_option("path", flags->path, "folder, file, or '-' for stdin")
      ->required();
  app->add_option("--constraints", flags->constraints,
                  "folder of Gatekeeper ConstraintTemplates and Constraints "
                  "(repeatable)");
  app->add_option("--policy", flags->policies,
                  "folder of OPA-style Rego policies (repeatable)");
  app->add_flag("--no-bundled", flags->no_bundled,
                "leave out rampart's bundled Kubernetes checks");
  app->add_option("--severity-threshold", flags->threshold,
                  "fail on findings at or above: UNKNOWN, LOW, MEDIUM, HIGH "
                  "(default), CRITICAL");
  app->add_option("-f,--format", flags->format, "table, json, sarif or junit")
      ->capture_default_str();
  app->add_option("-o,--output", flags->output,
                  "write the report to FILE (atomically) instead of stdout");
  app->add_option("--exit-code", flags->exit_code,
                  "exit code when findings reach the threshold (default 1)");
  app->add_flag("-q,--quiet", flags->quiet, "no notes on stderr");
  return [flags] { return run_audit(*flags); };
}

#else

// The admission library is left out of this build (RAMPART_EXCLUDE_DIRS).
CommandRunner add_audit_command(CLI::App& root) {
  root.add_subcommand("audit",
                      "evaluate Gatekeeper constraints against existing "
                      "objects");
  return [] { return fail("'audit' is not available in this build"); };
}

#endif

}  // namespace rampart::cli
