// SPDX-License-Identifier: Apache-2.0
//
// The scanner end to end, on the fixtures of tests/data/misconfig/ (see its
// README): every check fires on a failing sample and stays silent on a
// passing one, findings point at the offending line, user policies (the
// seed-era admission rule included) work, and hostile files give notes.
#include "rampart/scan/misconfig/misconfig_scanner.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "rampart/base/file.h"

#include "scan/misconfig/documents.h"

namespace rampart::scan::misconfig {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(RAMPART_SOURCE_DIR) / "tests/data/misconfig";

MisconfigScanner& bundled_scanner() {
  static auto scanner = MisconfigScanner::create({});
  EXPECT_TRUE(scanner.is_ok()) << scanner.status().to_string();
  return **scanner;
}

std::string slurp(const fs::path& path) {
  auto text = read_file(path.string(), 256u << 20);
  EXPECT_TRUE(text.is_ok()) << text.status().to_string();
  return text.is_ok() ? *text : "";
}

FileEntry entry_for(const fs::path& path) {
  FileEntry file;
  file.path = path.string();
  file.relative_path = fs::relative(path, kData).generic_string();
  return file;
}

struct Scanned {
  std::vector<Finding> findings;
  std::vector<ScanNote> notes;
};

Scanned scan(MisconfigScanner& scanner, const FileEntry& file,
             std::string_view content) {
  FindingSink sink;
  EXPECT_TRUE(scanner.wants(file)) << file.relative_path;
  scanner.scan_file(file, content, sink);
  return {sink.findings(), sink.notes()};
}

Scanned scan_path(const fs::path& path) {
  return scan(bundled_scanner(), entry_for(path), slurp(path));
}

std::vector<fs::path> fixtures(const std::string& folder) {
  std::vector<fs::path> paths;
  for (const auto& item : fs::recursive_directory_iterator(kData / folder)) {
    if (item.is_regular_file() && item.path().extension() != ".expect") {
      paths.push_back(item.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// The ids of the "# expect:" line of a fixture, or of its .expect sidecar.
std::set<std::string> expected_ids(const fs::path& path) {
  fs::path sidecar = path;
  sidecar += ".expect";
  std::istringstream text(slurp(fs::exists(sidecar) ? sidecar : path));
  std::string line;
  std::getline(text, line);
  std::set<std::string> ids;
  if (!line.starts_with("# expect:")) return ids;
  std::istringstream words(line.substr(9));
  for (std::string id; words >> id;) ids.insert(id);
  return ids;
}

std::set<std::string> ids_of(const std::vector<Finding>& findings) {
  std::set<std::string> ids;
  for (const Finding& finding : findings) ids.insert(finding.rule_id);
  return ids;
}

TEST(MisconfigFixtures, FailingSamplesTriggerTheirChecks) {
  for (const std::string folder : {"kubernetes/fail", "docker/fail"}) {
    for (const fs::path& path : fixtures(folder)) {
      std::set<std::string> expected = expected_ids(path);
      ASSERT_FALSE(expected.empty()) << path << " has no # expect: line";
      Scanned result = scan_path(path);
      std::set<std::string> found = ids_of(result.findings);
      for (const std::string& id : expected) {
        EXPECT_TRUE(found.count(id)) << path.filename() << ": " << id;
      }
      EXPECT_TRUE(result.notes.empty()) << path;
    }
  }
}

TEST(MisconfigFixtures, PassingSamplesAreClean) {
  for (const std::string folder : {"kubernetes/pass", "docker/pass"}) {
    for (const fs::path& path : fixtures(folder)) {
      Scanned result = scan_path(path);
      for (const Finding& finding : result.findings) {
        ADD_FAILURE() << path.filename() << ":" << finding.start_line << " "
                      << finding.rule_id << ": " << finding.message;
      }
      EXPECT_TRUE(result.notes.empty()) << path;
    }
  }
}

bool applies(const CheckInfo& check, const Subject& subject) {
  bool input =
      std::count(check.inputs.begin(), check.inputs.end(), subject.type) > 0;
  bool kind =
      check.kinds.empty() ||
      std::count(check.kinds.begin(), check.kinds.end(), subject.kind) > 0;
  return input && kind;
}

TEST(MisconfigFixtures, EveryCheckHasAFailingAndAPassingSample) {
  std::set<std::string> failing;
  for (const std::string folder : {"kubernetes/fail", "docker/fail"}) {
    for (const fs::path& path : fixtures(folder)) {
      auto ids = expected_ids(path);
      failing.insert(ids.begin(), ids.end());
    }
  }
  std::vector<std::unique_ptr<FileDocuments>> passing;
  for (const std::string folder : {"kubernetes/pass", "docker/pass"}) {
    for (const fs::path& path : fixtures(folder)) {
      passing.push_back(read_documents(entry_for(path), slurp(path), 1u << 24));
    }
  }
  for (const CheckInfo& check : bundled_scanner().checks()) {
    EXPECT_TRUE(failing.count(check.id)) << check.id << ": no failing sample";
    bool judged = false;
    for (const auto& documents : passing) {
      for (const Subject& subject : documents->subjects) {
        judged |= applies(check, subject);
      }
    }
    EXPECT_TRUE(judged) << check.id << ": no passing sample";
  }
}

int line_of(const std::string& text, std::string_view needle) {
  std::size_t at = text.find(needle);
  if (at == std::string::npos) return -1;
  return static_cast<int>(std::count(text.begin(), text.begin() + at, '\n')) +
         1;
}

const Finding* find_rule(const Scanned& result, std::string_view id) {
  for (const Finding& finding : result.findings) {
    if (finding.rule_id == id) return &finding;
  }
  return nullptr;
}

TEST(MisconfigScanner, FindingsPointAtTheOffendingKey) {
  fs::path path = kData / "kubernetes/fail/node-agent-daemonset.yaml";
  std::string text = slurp(path);
  Scanned result = scan_path(path);

  const Finding* privileged = find_rule(result, "RP-K8S-001");
  ASSERT_NE(privileged, nullptr);
  EXPECT_EQ(privileged->start_line, line_of(text, "privileged: true"));
  EXPECT_EQ(privileged->target, "kubernetes/fail/node-agent-daemonset.yaml");
  EXPECT_EQ(privileged->severity, Severity::kCritical);
  EXPECT_EQ(privileged->title, "Privileged container");
  EXPECT_EQ(privileged->message,
            "Container \"agent\" of DaemonSet \"node-agent\" runs privileged");
  EXPECT_FALSE(privileged->remediation.empty());
  EXPECT_EQ(privileged->properties.at("kind"), "DaemonSet");

  // Something missing points at the nearest thing present: the container.
  const Finding* limits = find_rule(result, "RP-K8S-027");
  ASSERT_NE(limits, nullptr);
  EXPECT_EQ(limits->start_line, line_of(text, "- name: agent"));
  EXPECT_GT(limits->end_line, limits->start_line);
}

TEST(MisconfigScanner, DockerfileFindingsPointAtTheInstruction) {
  fs::path path = kData / "docker/fail/debian-root.Dockerfile";
  std::string text = slurp(path);
  Scanned result = scan_path(path);
  const Finding* apt = find_rule(result, "RP-DF-009");
  ASSERT_NE(apt, nullptr);
  EXPECT_EQ(apt->start_line, line_of(text, "RUN apt-get update"));
  EXPECT_EQ(apt->end_line, apt->start_line + 1);
  const Finding* root = find_rule(result, "RP-DF-002");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->start_line, line_of(text, "USER root"));
}

TEST(MisconfigScanner, HostileFilesGiveNotesAndTheScanGoesOn) {
  int skipped = 0;
  for (const fs::path& path : fixtures("hostile")) {
    Scanned result = scan_path(path);
    if (path.filename() == "prometheus-rule.yaml") {
      EXPECT_TRUE(result.notes.empty());
      EXPECT_TRUE(ids_of(result.findings).count("RP-K8S-030"));
      continue;
    }
    EXPECT_TRUE(result.findings.empty()) << path;
    EXPECT_EQ(result.notes.size(), 1u) << path;
    skipped += !result.notes.empty();
  }
  EXPECT_EQ(skipped, 4);
}

TEST(MisconfigScanner, ReadsStandardInputAsYaml) {
  FileEntry file;
  file.path = "-";
  file.relative_path = "<stdin>";
  file.from_stdin = true;
  Scanned result = scan(
      bundled_scanner(), file,
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\n"
      "spec:\n  containers:\n  - name: a\n    image: nginx\n");
  EXPECT_TRUE(ids_of(result.findings).count("RP-K8S-022"));
  EXPECT_EQ(result.findings.front().target, "<stdin>");
}

TEST(MisconfigScanner, ScansConcurrently) {
  fs::path path = kData / "kubernetes/fail/node-agent-daemonset.yaml";
  std::string text = slurp(path);
  FileEntry file = entry_for(path);
  std::size_t alone = scan(bundled_scanner(), file, text).findings.size();
  FindingSink sink;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back(
        [&] { bundled_scanner().scan_file(file, text, sink); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(sink.findings().size(), 4 * alone);
}

// User policies in a temporary folder.
class MisconfigUserPolicy : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rampart-misconfig-user-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<MisconfigScanner> scanner_for(const std::string& source) {
    std::ofstream(dir_ / "policy.rego") << source;
    MisconfigOptions options;
    options.use_bundled_checks = false;
    options.policy_dirs = {dir_.string()};
    auto scanner = MisconfigScanner::create(options);
    EXPECT_TRUE(scanner.is_ok()) << scanner.status().to_string();
    return scanner.is_ok() ? std::move(*scanner) : nullptr;
  }

  fs::path dir_;
};

constexpr std::string_view kPodAsRoot =
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n"
    "  containers:\n  - name: app\n    image: nginx:1.27\n";
constexpr std::string_view kPodNonRoot =
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n"
    "  containers:\n  - name: app\n    image: nginx:1.27\n"
    "    securityContext:\n      runAsNonRoot: true\n";

FileEntry pod_file() {
  FileEntry file;
  file.path = file.relative_path = "pod.yaml";
  return file;
}

TEST_F(MisconfigUserPolicy, SeedEraAdmissionRuleWorksUnchanged) {
  auto scanner = scanner_for(
      "package main\n\n"
      "deny[msg] {\n"
      "  input.request.kind.kind == \"Pod\"\n"
      "  not input.request.object.spec.containers[_].securityContext."
      "runAsNonRoot\n"
      "  msg := \"Containers must not run as root\"\n"
      "}\n");
  ASSERT_NE(scanner, nullptr);
  Scanned bad = scan(*scanner, pod_file(), kPodAsRoot);
  ASSERT_EQ(bad.findings.size(), 1u);
  EXPECT_EQ(bad.findings[0].message, "Containers must not run as root");
  EXPECT_EQ(bad.findings[0].rule_id, "main.deny");
  EXPECT_EQ(bad.findings[0].severity, Severity::kHigh);
  EXPECT_EQ(bad.findings[0].start_line, 1);
  EXPECT_EQ(bad.findings[0].end_line, 8);
  EXPECT_TRUE(scan(*scanner, pod_file(), kPodNonRoot).findings.empty());
}

TEST_F(MisconfigUserPolicy, ConftestStyleObjectsWithMetadataAndPaths) {
  auto scanner = scanner_for(
      "package main\n\nimport rego.v1\n\n"
      "# METADATA\n# title: Pods need an owner\n# custom:\n"
      "#   id: ACME-001\n#   severity: MEDIUM\n"
      "deny contains {\"msg\": \"no owner label\", \"path\": [\"metadata\"]} "
      "if {\n  not input.metadata.labels.owner\n}\n\n"
      "warn contains \"pods are discouraged\" if input.kind == \"Pod\"\n");
  ASSERT_NE(scanner, nullptr);
  Scanned result = scan(*scanner, pod_file(), kPodAsRoot);
  ASSERT_EQ(result.findings.size(), 2u);
  const Finding* owner = find_rule(result, "ACME-001");
  ASSERT_NE(owner, nullptr);
  EXPECT_EQ(owner->title, "Pods need an owner");
  EXPECT_EQ(owner->severity, Severity::kMedium);
  EXPECT_EQ(owner->start_line, 3);
  const Finding* warn = find_rule(result, "main.warn");
  ASSERT_NE(warn, nullptr);
  EXPECT_EQ(warn->severity, Severity::kLow);
}

TEST_F(MisconfigUserPolicy, DockerfilePoliciesSayTheirInput) {
  auto scanner = scanner_for(
      "# METADATA\n# custom:\n#   input: dockerfile\n#   id: ACME-DF-1\n"
      "package main\n\nimport rego.v1\n\n"
      "violation contains {\"msg\": \"use our base images\", "
      "\"path\": [\"stages\", i, \"from\"]} if {\n"
      "  some i, stage in input.stages\n"
      "  not startswith(stage.image, \"registry.acme.example/\")\n}\n");
  ASSERT_NE(scanner, nullptr);
  FileEntry dockerfile;
  dockerfile.path = dockerfile.relative_path = "svc/Dockerfile";
  Scanned result =
      scan(*scanner, dockerfile,
           "FROM registry.acme.example/go:1 AS build\n"
           "RUN make\nFROM alpine:3.20\nCOPY --from=build /a /a\n");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].rule_id, "ACME-DF-1");
  EXPECT_EQ(result.findings[0].start_line, 3);
  // Kubernetes objects are not given to it.
  EXPECT_TRUE(scan(*scanner, pod_file(), kPodAsRoot).findings.empty());
}

TEST_F(MisconfigUserPolicy, EvaluationErrorBecomesAnErrorFinding) {
  auto scanner = scanner_for(
      "package main\n\nimport rego.v1\n\n"
      "level := 1 if input.kind\nlevel := 2 if input.kind\n\n"
      "deny contains \"x\" if level > 0\n");
  ASSERT_NE(scanner, nullptr);
  Scanned result = scan(*scanner, pod_file(), kPodAsRoot);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].rule_id, kEvalErrorRuleId);
  EXPECT_EQ(result.findings[0].severity, Severity::kHigh);
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_EQ(result.notes[0].level, ScanNote::Level::kError);
  EXPECT_NE(result.notes[0].message.find("main.deny"), std::string::npos);
}

TEST_F(MisconfigUserPolicy, BrokenPolicyFailsCreationWithItsLocation) {
  std::ofstream(dir_ / "broken.rego") << "package main\n\ndeny[msg] {\n  "
                                         "msg := [\n}\n";
  MisconfigOptions options;
  options.policy_dirs = {dir_.string()};
  auto scanner = MisconfigScanner::create(options);
  ASSERT_FALSE(scanner.is_ok());
  EXPECT_EQ(scanner.status().location().file, (dir_ / "broken.rego").string());
  EXPECT_GT(scanner.status().location().line, 0);
}

TEST(MisconfigAdmission, WrapsAnObjectAsAnAdmissionReview) {
  Value object = Value::object(
      {{Value::string("apiVersion"), Value::string("networking.k8s.io/v1")},
       {Value::string("kind"), Value::string("NetworkPolicy")},
       {Value::string("metadata"),
        Value::object({{Value::string("name"), Value::string("np")}})}});
  Value review = admission_review_for(object);
  const Value* request = review.find("request");
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(*request->find("kind")->find("kind"),
            Value::string("NetworkPolicy"));
  EXPECT_EQ(*request->find("kind")->find("group"),
            Value::string("networking.k8s.io"));
  EXPECT_EQ(*request->find("resource")->find("resource"),
            Value::string("networkpolicies"));
  EXPECT_EQ(*request->find("object"), object);
  EXPECT_EQ(*request->find("operation"), Value::string("CREATE"));
}

}  // namespace
}  // namespace rampart::scan::misconfig
