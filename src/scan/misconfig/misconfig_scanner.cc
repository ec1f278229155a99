// SPDX-License-Identifier: Apache-2.0
//
// The misconfig Scanner (contract in misconfig_scanner.h): reads each file
// into subjects (documents.h), runs the checks that apply to each subject's
// kind through their prepared queries, and turns what they return into
// findings located at the offending lines.
#include "rampart/scan/misconfig/misconfig_scanner.h"

#include <algorithm>
#include <cctype>

#include "rampart/rego/engine.h"

#include "check_library.h"
#include "documents.h"

namespace rampart::scan::misconfig {

struct MisconfigScanner::Impl {
  MisconfigOptions options;
  CheckLibrary library;
  std::vector<CheckInfo> infos;
};

namespace {

std::string string_at(const Value& object, std::string_view key) {
  const Value* found = object.is_object() ? object.find(key) : nullptr;
  return found != nullptr && found->is_string() ? found->as_string() : "";
}

bool applies(const CheckInfo& check, const Subject& subject) {
  if (std::find(check.inputs.begin(), check.inputs.end(), subject.type) ==
      check.inputs.end()) {
    return false;
  }
  return check.kinds.empty() ||
         std::find(check.kinds.begin(), check.kinds.end(), subject.kind) !=
             check.kinds.end();
}

// What one result of a check says.
struct Verdict {
  std::string message;
  const Value* path = nullptr;
  const Value* fields = nullptr;  // the result object, for overrides
};

Verdict read_verdict(const Value& result, const CheckInfo& check) {
  Verdict verdict;
  if (result.is_string()) {
    verdict.message = result.as_string();
  } else if (result.is_object()) {
    verdict.fields = &result;
    verdict.message = string_at(result, "msg");
    if (verdict.message.empty()) verdict.message = rego::to_rego_string(result);
    verdict.path = result.find("path");
  } else if (result.is_boolean() && result.as_boolean()) {
    verdict.message = check.title;
  } else {
    verdict.message = rego::to_rego_string(result);
  }
  return verdict;
}

// The results of one evaluation: a set or array rule gives its members, a
// boolean or string rule one result, false and empty nothing.
std::vector<Value> results_of(const rego::EvalResult& result) {
  std::vector<Value> out;
  for (const rego::ResultRow& row : result.rows) {
    if (row.expressions.empty()) continue;
    const Value& value = row.expressions.front().value;
    if (value.is_set()) {
      out.insert(out.end(), value.set_items().begin(), value.set_items().end());
    } else if (value.is_array()) {
      out.insert(out.end(), value.array_items().begin(),
                 value.array_items().end());
    } else if (!(value.is_boolean() && !value.as_boolean())) {
      out.push_back(value);
    }
  }
  return out;
}

// A path a user policy gives against the AdmissionReview points into
// request.object; drop that prefix to map it onto the manifest.
Value unwrap_admission_path(const Value& path) {
  const auto& items = path.array_items();
  if (items.size() >= 2 && items[0] == Value::string("request") &&
      items[1] == Value::string("object")) {
    return Value::array(std::vector<Value>(items.begin() + 2, items.end()));
  }
  return path;
}

Finding make_finding(const CheckInfo& check, const FileEntry& file,
                     const Subject& subject, const Verdict& verdict) {
  Finding finding;
  finding.scanner = std::string(kScannerMisconfig);
  finding.rule_id = check.id;
  finding.title = check.title;
  finding.severity = check.severity;
  finding.target = file.relative_path;
  finding.message = verdict.message;
  finding.remediation = check.remediation;
  finding.references = check.references;

  // A user result may carry its own id, title and severity.
  if (verdict.fields != nullptr && check.user) {
    if (auto id = string_at(*verdict.fields, "id"); !id.empty()) {
      finding.rule_id = id;
    }
    if (auto title = string_at(*verdict.fields, "title"); !title.empty()) {
      finding.title = title;
    }
    if (auto severity =
            parse_severity(string_at(*verdict.fields, "severity"))) {
      finding.severity = *severity;
    }
  }

  Value path;
  if (verdict.path != nullptr && verdict.path->is_array()) {
    path = check.admission_review ? unwrap_admission_path(*verdict.path)
                                  : *verdict.path;
  }
  auto [start, end] = locate(subject, path.is_array() ? &path : nullptr);
  finding.start_line = start;
  finding.end_line = end;

  if (subject.type == InputType::kKubernetes) {
    finding.properties["kind"] = subject.kind;
    finding.properties["name"] = subject.name;
    if (!subject.namespace_.empty()) {
      finding.properties["namespace"] = subject.namespace_;
    }
  }
  if (check.user) finding.properties["policy"] = check.file;
  return finding;
}

// An evaluation error must not pass silently: it becomes an error note and
// a finding that fails the gate at the default threshold.
void report_eval_error(const CheckInfo& check, const FileEntry& file,
                       const Subject& subject, const rego::RegoErrors& errors,
                       FindingSink& sink) {
  std::string what =
      errors.empty() ? "evaluation failed" : errors.front().to_string();
  ScanNote note;
  note.level = ScanNote::Level::kError;
  note.scanner = std::string(kScannerMisconfig);
  note.target = file.relative_path;
  note.line = subject.start_line;
  note.message = "check " + check.id + " failed: " + what;
  sink.note(note);

  Finding finding;
  finding.scanner = std::string(kScannerMisconfig);
  finding.rule_id = std::string(kEvalErrorRuleId);
  finding.title = "Check failed to evaluate";
  finding.severity = Severity::kHigh;
  finding.target = file.relative_path;
  finding.start_line = subject.start_line;
  finding.end_line = subject.end_line;
  finding.message = "Check " + check.id + " could not judge this " +
                    (subject.kind.empty() ? "Dockerfile" : subject.kind) +
                    ": " + what;
  finding.remediation =
      "Fix the policy (see the error), or disable the check by its id.";
  finding.properties["check"] = check.id;
  sink.add(std::move(finding));
}

}  // namespace

Value admission_review_for(const Value& object) {
  std::string api_version = string_at(object, "apiVersion");
  std::string kind = string_at(object, "kind");
  std::size_t slash = api_version.find('/');
  std::string group =
      slash == std::string::npos ? "" : api_version.substr(0, slash);
  std::string version =
      slash == std::string::npos ? api_version : api_version.substr(slash + 1);
  std::string resource = kind;
  std::transform(resource.begin(), resource.end(), resource.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (resource.ends_with("y")) {
    resource.back() = 'i';
    resource += "es";
  } else {
    resource += resource.ends_with("s") ? "es" : "s";
  }

  const Value* metadata = object.find("metadata");
  Value name = Value::string(metadata ? string_at(*metadata, "name") : "");
  Value ns = Value::string(metadata ? string_at(*metadata, "namespace") : "");
  auto gvk = [&](std::string_view last_key, std::string last) {
    return Value::object({{Value::string("group"), Value::string(group)},
                          {Value::string("version"), Value::string(version)},
                          {Value::string(last_key), Value::string(last)}});
  };
  Value request = Value::object({
      {Value::string("uid"), Value::string("rampart-scan")},
      {Value::string("kind"), gvk("kind", kind)},
      {Value::string("resource"), gvk("resource", resource)},
      {Value::string("name"), name},
      {Value::string("namespace"), ns},
      {Value::string("operation"), Value::string("CREATE")},
      {Value::string("userInfo"),
       Value::object(
           {{Value::string("username"), Value::string("rampart-scan")}})},
      {Value::string("object"), object},
      {Value::string("dryRun"), Value::boolean(true)},
  });
  return Value::object({
      {Value::string("apiVersion"), Value::string("admission.k8s.io/v1")},
      {Value::string("kind"), Value::string("AdmissionReview")},
      {Value::string("request"), request},
  });
}

Result<std::unique_ptr<MisconfigScanner>> MisconfigScanner::create(
    const MisconfigOptions& options) {
  auto library = load_checks(options);
  if (!library.is_ok()) return library.status();
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->library = std::move(*library);
  for (const LoadedCheck& check : impl->library.checks) {
    impl->infos.push_back(check.info);
  }
  return std::unique_ptr<MisconfigScanner>(
      new MisconfigScanner(std::move(impl)));
}

MisconfigScanner::MisconfigScanner(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

MisconfigScanner::~MisconfigScanner() = default;

const std::vector<CheckInfo>& MisconfigScanner::checks() const {
  return impl_->infos;
}

bool MisconfigScanner::wants(const FileEntry& file) const {
  return file.from_stdin || is_manifest_name(file.relative_path);
}

void MisconfigScanner::scan_file(const FileEntry& file,
                                 std::string_view content, FindingSink& sink) {
  ++files_;
  auto documents = read_documents(file, content, impl_->options.max_file_bytes);
  for (ScanNote& note : documents->notes) sink.note(std::move(note));
  if (documents->skipped) ++skipped_;

  rego::EvalOptions eval;
  eval.has_input = true;
  eval.limits.deadline = impl_->options.eval_deadline;
  eval.limits.max_steps = impl_->options.max_eval_steps;
  for (const Subject& subject : documents->subjects) {
    ++documents_;
    Value wrapped;
    for (const LoadedCheck& check : impl_->library.checks) {
      if (!applies(check.info, subject)) continue;
      if (check.info.admission_review && wrapped.is_null()) {
        wrapped = admission_review_for(subject.object);
      }
      eval.input = check.info.admission_review ? wrapped : subject.object;
      rego::EvalResult result = check.query->evaluate(eval);
      if (!result.ok()) {
        report_eval_error(check.info, file, subject, result.errors, sink);
        continue;
      }
      for (const Value& value : results_of(result)) {
        Verdict verdict = read_verdict(value, check.info);
        sink.add(make_finding(check.info, file, subject, verdict));
      }
    }
  }
}

void MisconfigScanner::finish(FindingSink& sink) {
  ScanNote note;
  note.level = ScanNote::Level::kInfo;
  note.scanner = std::string(kScannerMisconfig);
  note.message = std::to_string(files_.load()) + " files read, " +
                 std::to_string(documents_.load()) + " documents judged by " +
                 std::to_string(impl_->infos.size()) + " checks, " +
                 std::to_string(skipped_.load()) + " files skipped";
  sink.note(std::move(note));
}

}  // namespace rampart::scan::misconfig
