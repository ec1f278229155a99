// SPDX-License-Identifier: Apache-2.0
//
// Runs Gatekeeper test suites (suite.h has the format). Each test loads a
// PolicySet from its template and constraint alone (no bundled checks, no
// user policies), judges every object of every case with review_object()
// (validate() for AdmissionReview objects) and checks the assertions.
#include "rampart/admission/suite.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <system_error>

#include <re2/re2.h>

#include "rampart/admission/admission.h"
#include "rampart/base/file.h"
#include "rampart/document/json.h"
#include "rampart/document/yaml.h"

namespace rampart::admission {
namespace {

namespace fs = std::filesystem;

const Value* member(const Value& object, std::string_view key) {
  return object.is_object() ? object.find(key) : nullptr;
}

std::string string_member(const Value& object, std::string_view key) {
  const Value* found = member(object, key);
  return found != nullptr && found->is_string() ? found->as_string() : "";
}

bool is_suite(const Value& value) {
  return string_member(value, "kind") == "Suite" &&
         string_member(value, "apiVersion").starts_with("test.gatekeeper.sh/");
}

// Every object of a YAML/JSON file; List kinds give their items.
Result<std::vector<Value>> read_objects(const fs::path& path) {
  auto text = read_file(path.string(), kMaxSuiteFileBytes);
  if (!text) return text.status();
  auto documents = parse_yaml(*text, path.string());
  if (!documents) return documents.status();
  std::vector<Value> objects;
  for (const YamlDocument& document : *documents) {
    const Value& value = document.value;
    if (value.is_null()) continue;
    const Value* items = member(value, "items");
    if (string_member(value, "kind").ends_with("List") && items &&
        items->is_array()) {
      for (const Value& item : items->array_items()) objects.push_back(item);
    } else {
      objects.push_back(value);
    }
  }
  return objects;
}

// What an assertion expects.
struct Assertion {
  std::optional<std::int64_t> count;  // exact count; unset: "yes" or "no"
  bool any = true;                    // "yes" (true) or "no" (false)
  std::unique_ptr<RE2> message;       // null: every violation counts
  std::string text;                   // as written, for failure lines
};

Result<Assertion> parse_assertion(const Value& value) {
  Assertion assertion;
  if (!value.is_object()) {
    return Status(StatusCode::kInvalidArgument, "an assertion must be a map");
  }
  const Value* violations = member(value, "violations");
  if (violations == nullptr || violations->is_null()) {
    assertion.text = "violations: yes";
  } else if (violations->is_int64() && violations->as_int64() >= 0) {
    assertion.count = violations->as_int64();
    assertion.text = "violations: " + std::to_string(*assertion.count);
  } else if (violations->is_string() && (violations->as_string() == "yes" ||
                                         violations->as_string() == "no")) {
    assertion.any = violations->as_string() == "yes";
    assertion.text = "violations: " + violations->as_string();
  } else {
    return Status(StatusCode::kInvalidArgument,
                  "assertion violations must be a count, \"yes\" or \"no\"");
  }
  std::string pattern = string_member(value, "message");
  if (!pattern.empty()) {
    RE2::Options options;
    options.set_log_errors(false);
    assertion.message = std::make_unique<RE2>(pattern, options);
    if (!assertion.message->ok()) {
      return Status(StatusCode::kInvalidArgument,
                    "assertion message is not a valid regex: " +
                        assertion.message->error());
    }
    assertion.text += ", message: " + pattern;
  }
  return assertion;
}

// "" when the assertion holds, else why not.
std::string check(const Assertion& assertion,
                  const std::vector<std::string>& messages) {
  std::int64_t n = 0;
  for (const std::string& message : messages) {
    if (!assertion.message || RE2::PartialMatch(message, *assertion.message)) {
      ++n;
    }
  }
  bool ok = assertion.count ? n == *assertion.count : (n > 0) == assertion.any;
  if (ok) return "";
  std::string got =
      "got " + std::to_string(n) + " matching violation" + (n == 1 ? "" : "s");
  for (const std::string& message : messages) got += "; \"" + message + "\"";
  return "expected " + assertion.text + ", " + got;
}

// Judges one object; AdmissionReview objects go through validate().
Result<std::vector<std::string>> violations_of(
    const PolicySet& set, const Value& object,
    const std::vector<Value>& inventory) {
  ReviewOptions options;
  Result<Decision> decision = Status(StatusCode::kInternal, "not judged");
  if (string_member(object, "kind") == "AdmissionReview") {
    auto request = parse_admission_review(to_json(object), kMaxSuiteFileBytes);
    if (!request) return request.status();
    decision = set.validate(*request, options);
  } else {
    const Value* metadata = member(object, "metadata");
    std::string ns = metadata ? string_member(*metadata, "namespace") : "";
    for (const Value& item : inventory) {
      const Value* item_meta = member(item, "metadata");
      if (!ns.empty() && string_member(item, "kind") == "Namespace" &&
          item_meta && string_member(*item_meta, "name") == ns) {
        options.namespace_object = item;
      }
    }
    decision = set.review_object(object, options);
  }
  if (!decision) return decision.status();
  std::vector<std::string> messages;
  for (const Verdict& verdict : decision->verdicts) {
    messages.push_back(verdict.message);
  }
  return messages;
}

class SuiteRunner {
 public:
  SuiteRunner(fs::path file, SuiteOutcome& out)
      : file_(std::move(file)), dir_(file_.parent_path()), out_(out) {}

  void run() {
    auto text = read_file(file_.string(), kMaxSuiteFileBytes);
    if (!text) return error(text.status());
    auto suite = parse_yaml_value(*text, file_.string());
    if (!suite) return error(suite.status());
    if (!is_suite(*suite)) {
      return error(Status(StatusCode::kInvalidArgument,
                          "not a Gatekeeper Suite (kind Suite, apiVersion "
                          "test.gatekeeper.sh/v1alpha1)",
                          {file_.string(), 0, 0}));
    }
    const Value* metadata = member(*suite, "metadata");
    name_ = metadata ? string_member(*metadata, "name") : "";
    if (name_.empty()) name_ = file_.stem().string();
    const Value* tests = member(*suite, "tests");
    if (tests == nullptr || !tests->is_array()) {
      return error(Status(StatusCode::kInvalidArgument, "suite has no tests",
                          {file_.string(), 0, 0}));
    }
    bool skip_all = is_true(*suite, "skip");
    for (std::size_t i = 0; i < tests->size(); ++i) {
      run_test(tests->array_items()[i], i, skip_all);
    }
  }

 private:
  static bool is_true(const Value& object, std::string_view key) {
    const Value* found = member(object, key);
    return found != nullptr && found->is_boolean() && found->as_boolean();
  }

  void error(Status status) {
    if (!status.location().known()) {
      status = status.with_location({file_.string(), 0, 0});
    }
    out_.errors.push_back(std::move(status));
  }

  void error(const std::string& where, const Status& status) {
    out_.errors.push_back(Status(status.code(), where + ": " + status.message(),
                                 status.location().known()
                                     ? status.location()
                                     : SourceLocation{file_.string(), 0, 0}));
  }

  fs::path resolve(const std::string& relative) const {
    fs::path path(relative);
    return path.is_absolute() ? path : dir_ / path;
  }

  Result<std::shared_ptr<const PolicySet>> load_set(
      const Value& test, const std::vector<Value>& inventory) {
    std::string tmpl = string_member(test, "template");
    std::string constraint = string_member(test, "constraint");
    if (tmpl.empty() || constraint.empty()) {
      return Status(StatusCode::kInvalidArgument,
                    "a test needs `template` and `constraint` file paths");
    }
    PolicySources sources;
    sources.bundled_checks = false;
    sources.constraint_paths = {resolve(tmpl), resolve(constraint)};
    if (!inventory.empty()) sources.inventory = gatekeeper_inventory(inventory);
    auto set = PolicySet::load(sources);
    if (!set) return set.status();
    if ((*set)->policy_names().empty()) {
      return Status(StatusCode::kInvalidArgument,
                    constraint + " holds no constraint of the template's kind");
    }
    return set;
  }

  void run_test(const Value& test, std::size_t index, bool skip_all) {
    std::string name = string_member(test, "name");
    if (name.empty()) name = "test-" + std::to_string(index + 1);
    std::string test_name = name_ + "/" + name;
    const Value* cases = member(test, "cases");
    if (cases == nullptr || !cases->is_array()) {
      return error(test_name, Status(StatusCode::kInvalidArgument,
                                     "the test has no cases"));
    }
    bool skip = skip_all || is_true(test, "skip");
    std::shared_ptr<const PolicySet> shared;  // for cases without inventory
    if (!skip) {
      auto set = load_set(test, {});
      if (!set) return error(test_name, set.status());
      shared = *set;
    }
    for (std::size_t i = 0; i < cases->size(); ++i) {
      const Value& one = cases->array_items()[i];
      std::string case_name = string_member(one, "name");
      if (case_name.empty()) case_name = "case-" + std::to_string(i + 1);
      CaseOutcome outcome;
      outcome.name = test_name + "/" + case_name;
      if (skip || is_true(one, "skip")) {
        outcome.skipped = true;
        out_.cases.push_back(std::move(outcome));
        continue;
      }
      run_case(test, one, shared, outcome);
    }
  }

  Result<std::vector<Value>> read_inventory(const Value& one) {
    std::vector<Value> inventory;
    const Value* files = member(one, "inventory");
    if (files == nullptr || files->is_null()) return inventory;
    if (!files->is_array()) {
      return Status(StatusCode::kInvalidArgument,
                    "inventory must be a list of file paths");
    }
    for (const Value& file : files->array_items()) {
      if (!file.is_string()) {
        return Status(StatusCode::kInvalidArgument,
                      "inventory must be a list of file paths");
      }
      auto objects = read_objects(resolve(file.as_string()));
      if (!objects) return objects.status();
      inventory.insert(inventory.end(), objects->begin(), objects->end());
    }
    return inventory;
  }

  void run_case(const Value& test, const Value& one,
                const std::shared_ptr<const PolicySet>& shared,
                CaseOutcome& outcome) {
    auto inventory = read_inventory(one);
    if (!inventory) return error(outcome.name, inventory.status());
    std::shared_ptr<const PolicySet> set = shared;
    if (!inventory->empty()) {
      auto loaded = load_set(test, *inventory);
      if (!loaded) return error(outcome.name, loaded.status());
      set = *loaded;
    }

    std::string object_file = string_member(one, "object");
    if (object_file.empty()) {
      return error(outcome.name, Status(StatusCode::kInvalidArgument,
                                        "the case names no `object` file"));
    }
    auto objects = read_objects(resolve(object_file));
    if (!objects) return error(outcome.name, objects.status());
    std::vector<std::string> messages;
    for (const Value& object : *objects) {
      auto found = violations_of(*set, object, *inventory);
      if (!found) return error(outcome.name, found.status());
      messages.insert(messages.end(), found->begin(), found->end());
    }
    check_assertions(one, messages, outcome);
  }

  void check_assertions(const Value& one,
                        const std::vector<std::string>& messages,
                        CaseOutcome& outcome) {
    const Value* assertions = member(one, "assertions");
    if (assertions == nullptr || !assertions->is_array() ||
        assertions->size() == 0) {
      return error(outcome.name, Status(StatusCode::kInvalidArgument,
                                        "the case has no assertions"));
    }
    outcome.passed = true;
    for (const Value& value : assertions->array_items()) {
      auto assertion = parse_assertion(value);
      if (!assertion) return error(outcome.name, assertion.status());
      std::string failure = check(*assertion, messages);
      if (!failure.empty() && outcome.passed) {
        outcome.passed = false;
        outcome.failure = failure;
      }
    }
    out_.cases.push_back(std::move(outcome));
  }

  fs::path file_;
  fs::path dir_;
  SuiteOutcome& out_;
  std::string name_;
};

bool is_yaml_name(const fs::path& path) {
  std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

// A cheap look before parsing: suites name their API group.
bool mentions_suite(const fs::path& path) {
  auto text = read_file(path.string(), kMaxSuiteFileBytes);
  return text && text->find("test.gatekeeper.sh/") != std::string::npos &&
         text->find("Suite") != std::string::npos;
}

}  // namespace

Result<std::vector<fs::path>> find_suites(const fs::path& path) {
  std::error_code error;
  if (fs::is_regular_file(path, error)) return std::vector<fs::path>{path};
  if (!fs::is_directory(path, error)) {
    return Status(StatusCode::kNotFound,
                  "no such suite file or folder: " + path.string());
  }
  std::vector<fs::path> suites;
  fs::recursive_directory_iterator it(path, error), end;
  for (; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error) && is_yaml_name(it->path()) &&
        mentions_suite(it->path())) {
      suites.push_back(it->path());
    }
  }
  if (error) {
    return Status(StatusCode::kIoError,
                  "cannot read " + path.string() + ": " + error.message());
  }
  std::sort(suites.begin(), suites.end());
  return suites;
}

SuiteOutcome run_suite(const fs::path& suite_file) {
  SuiteOutcome out;
  SuiteRunner(suite_file, out).run();
  return out;
}

}  // namespace rampart::admission
