// SPDX-License-Identifier: Apache-2.0
//
// `rampart verify` and `rampart audit` end to end: the built binary on the
// suites shipped in examples/gatekeeper and policies/gatekeeper, on
// suites and object dumps written here, checked through stdout, stderr and
// the exit code.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

struct Invocation {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A scratch folder per test, removed afterwards.
class AdmissionE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rampart-admission-e2e-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    fs::path file = dir_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

  // `rampart <args>` from the source folder, `input` on stdin.
  Invocation rampart(const std::string& args, const std::string& input = "") {
    fs::path in = write("stdin", input);
    std::string command = "cd " + std::string(RAMPART_SOURCE_DIR) + " && " +
                          std::string(RAMPART_BINARY_DIR) + "/bin/rampart " +
                          args + " <" + in.string() + " >" +
                          (dir_ / "out").string() + " 2>" +
                          (dir_ / "err").string();
    int status = std::system(command.c_str());
    Invocation run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = read_all(dir_ / "out");
    run.err = read_all(dir_ / "err");
    return run;
  }

  fs::path dir_;
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(AdmissionE2e, VerifyPassesShippedSuites) {
  Invocation run = rampart("verify examples/gatekeeper policies/gatekeeper");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(has(run.out, "PASS: 12/12")) << run.out;
  EXPECT_FALSE(has(run.out, "ok ")) << "only -v lists passing cases";
  EXPECT_EQ(run.err, "");

  Invocation verbose = rampart("verify -v examples/gatekeeper");
  EXPECT_EQ(verbose.exit_code, 0);
  EXPECT_TRUE(has(verbose.out,
                  "ok    required-labels/owner-label/kube-system-excluded\n"))
      << verbose.out;
}

TEST_F(AdmissionE2e, VerifyFailsOnWrongAssertion) {
  std::string examples =
      std::string(RAMPART_SOURCE_DIR) + "/examples/gatekeeper/required-labels/";
  write("suite.yaml",
        "kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\n"
        "metadata: {name: wrong}\ntests:\n- name: t\n"
        "  template: " +
            examples +
            "template.yaml\n"
            "  constraint: " +
            examples +
            "constraint.yaml\n"
            "  cases:\n  - name: expects-none\n"
            "    object: " +
            examples +
            "disallowed.yaml\n"
            "    assertions: [{violations: \"no\"}]\n");
  Invocation run = rampart("verify " + dir_.string());
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_TRUE(has(run.out,
                  "FAIL  wrong/t/expects-none\n      expected "
                  "violations: no, got 1 matching violation"))
      << run.out;
  EXPECT_TRUE(has(run.out, "FAIL: 1/1"));
}

TEST_F(AdmissionE2e, VerifyBrokenInputExitsTwo) {
  Invocation missing = rampart("verify " + (dir_ / "nowhere").string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(has(missing.err, "no such suite file or folder")) << missing.err;

  write("template.yaml",
        "apiVersion: templates.gatekeeper.sh/v1\n"
        "kind: ConstraintTemplate\nmetadata: {name: x}\n"
        "spec:\n  crd: {spec: {names: {kind: X}}}\n"
        "  targets:\n  - target: admission.k8s.gatekeeper.sh\n"
        "    rego: |\n      package x\n      violation[{\n");
  write("constraint.yaml",
        "apiVersion: constraints.gatekeeper.sh/v1beta1\n"
        "kind: X\nmetadata: {name: y}\n");
  write("suite.yaml",
        "kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\n"
        "tests:\n- template: template.yaml\n"
        "  constraint: constraint.yaml\n  cases:\n"
        "  - object: constraint.yaml\n"
        "    assertions: [{violations: 0}]\n");
  Invocation broken = rampart("verify " + dir_.string());
  EXPECT_EQ(broken.exit_code, 2) << broken.out;
  EXPECT_TRUE(has(broken.err, (dir_ / "template.yaml").string() + ":1"))
      << broken.err;
  EXPECT_TRUE(has(broken.err, "rego_parse_error")) << broken.err;
}

constexpr const char* kDump = R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: payments
    labels: {owner: team-pay, security.example.com/tier: restricted}
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: legacy-cron
    namespace: payments
    labels: {owner: team-pay}
  spec:
    template:
      spec:
        containers:
        - name: cron
          image: registry.example.com/payments/cron:0.9
- apiVersion: v1
  kind: Pod
  metadata:
    name: node-debugger
    namespace: ops
  spec:
    hostPID: true
    containers:
    - name: shell
      image: registry.example.com/tools/debug:1.2
      securityContext: {privileged: true}
)";

TEST_F(AdmissionE2e, AuditReportsConstraintViolationsOfADump) {
  fs::path dump = write("cluster.yaml", kDump);
  Invocation run = rampart("audit " + dump.string() +
                           " --no-bundled --constraints examples/gatekeeper"
                           " --constraints policies/gatekeeper/rampart-checks"
                           " --format json");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  // The pod lacks an owner and is privileged with hostPID (deny, HIGH);
  // the deployment runs as root in a restricted namespace (warn, MEDIUM).
  EXPECT_TRUE(has(run.out, "\"rule_id\": \"K8sRequiredLabels/owner-label\""))
      << run.out;
  EXPECT_TRUE(has(run.out,
                  "Pod ops/node-debugger: Pod \\\"node-debugger\\\" lacks the "
                  "required labels [\\\"owner\\\"]"))
      << run.out;
  EXPECT_TRUE(has(run.out,
                  "Deployment payments/legacy-cron: Container "
                  "\\\"cron\\\" of Deployment \\\"legacy-cron\\\" "
                  "does not set runAsNonRoot to true"))
      << run.out;
  EXPECT_TRUE(has(run.out, "\"start_line\": 21")) << run.out;
  EXPECT_EQ(run.err, "");

  Invocation lenient = rampart("audit " + dump.string() +
                               " --no-bundled --constraints examples/gatekeeper"
                               " --severity-threshold CRITICAL");
  EXPECT_EQ(lenient.exit_code, 0) << lenient.out;
  EXPECT_TRUE(has(lenient.out, "gate passed")) << lenient.out;
}

TEST_F(AdmissionE2e, AuditReadsStdinWithUserPolicyAndBundledChecks) {
  write("policy/seed.rego",
        "package kubernetes.admission\n\ndeny[msg] {\n"
        "  input.request.kind.kind == \"Pod\"\n"
        "  not input.request.object.spec.containers[_].securityContext."
        "runAsNonRoot\n  msg := \"Containers must not run as root\"\n}\n");
  std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\n"
      "spec:\n  containers:\n  - name: app\n    image: nginx:1.25\n";
  Invocation run = rampart(
      "audit - --policy " + (dir_ / "policy").string() + " --format json", pod);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_TRUE(has(run.out, "\"rule_id\": \"data.kubernetes.admission.deny\""))
      << run.out;
  EXPECT_TRUE(has(run.out, "\"target\": \"<stdin>\""));
  EXPECT_TRUE(has(run.out, "\"rule_id\": \"RP-K8S-016\"")) << run.out;

  Invocation compliant =
      rampart("audit - --no-bundled --policy " + (dir_ / "policy").string(),
              "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n"
              "  containers:\n  - name: app\n    securityContext: "
              "{runAsNonRoot: true}\n");
  EXPECT_EQ(compliant.exit_code, 0) << compliant.out;
}

TEST_F(AdmissionE2e, AuditBrokenConstraintExitsTwo) {
  write("c/orphan.yaml",
        "apiVersion: constraints.gatekeeper.sh/v1beta1\n"
        "kind: Nowhere\nmetadata: {name: orphan}\n");
  Invocation run = rampart("audit " + std::string(RAMPART_SOURCE_DIR) +
                           "/examples/gatekeeper/required-labels/allowed.yaml"
                           " --constraints " +
                           (dir_ / "c").string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(has(run.err, (dir_ / "c/orphan.yaml").string() + ":2: "))
      << run.err;
}

}  // namespace
