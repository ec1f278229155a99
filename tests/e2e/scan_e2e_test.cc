// SPDX-License-Identifier: Apache-2.0
//
// `rampart scan` end to end: the built binary on the fixture projects of
// tests/data/projects/, checked through its stdout, stderr and exit code.
// These fixtures rely on the secret scanner only, which every build has;
// examples/insecure-app is covered by validate_reports.py.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <sys/wait.h>

#include "git_test_util.h"

namespace {

using rampart::testing::run_git;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string project(const std::string& name) {
  return std::string(RAMPART_SOURCE_DIR) + "/tests/data/projects/" + name;
}

// Runs `rampart <args>` through the shell with stdout and stderr captured
// in files; `input` (if any) is fed on stdin.
Outcome run_rampart(const std::string& args, const std::string& input = "") {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("rampart-e2e-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string in = (dir / "in").string();
  std::string out = (dir / "out").string();
  std::string err = (dir / "err").string();
  std::ofstream(in, std::ios::binary) << input;
  std::string command = std::string(RAMPART_BINARY_DIR) + "/bin/rampart " +
                        args + " <" + in + " >" + out + " 2>" + err;
  int status = std::system(command.c_str());
  Outcome run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = slurp(out);
  run.err = slurp(err);
  std::filesystem::remove_all(dir);
  return run;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos;
       at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

TEST(ScanE2e, FindsPlantedSecretAndFailsTheGate) {
  Outcome run = run_rampart("scan --scanners secret " + project("leaky"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_TRUE(has(run.out, "config/app.env (1 finding)")) << run.out;
  EXPECT_TRUE(has(run.out, "gate FAILED: 1 at or above HIGH"));
  // Neither the vendored folder nor the gitignored file is scanned.
  EXPECT_FALSE(has(run.out, "node_modules"));
  EXPECT_FALSE(has(run.out, "local.env"));
  // The secret never reaches the output in clear.
  EXPECT_FALSE(has(run.out, "AKIAZ2RT6YWQ4MNB7XKD"));
  EXPECT_EQ(run.err, "");
}

TEST(ScanE2e, ThresholdAndExitCodeFlags) {
  std::string leaky = project("leaky");
  EXPECT_EQ(run_rampart("scan -q --scanners secret " + leaky + " --exit-code 0")
                .exit_code,
            0);
  EXPECT_EQ(run_rampart("scan -q --scanners secret " + leaky + " --exit-code 7")
                .exit_code,
            7);
  // The finding is CRITICAL, so every threshold up to CRITICAL fails.
  EXPECT_EQ(
      run_rampart("scan -q --scanners secret --severity-threshold critical " +
                  leaky)
          .exit_code,
      1);
  Outcome bad = run_rampart(
      "scan --scanners secret --severity-threshold severe " + leaky);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "rampart: --severity-threshold: 'severe' is not one of UNKNOWN, "
            "LOW, MEDIUM, HIGH, CRITICAL\n");
  EXPECT_EQ(bad.out, "");
}

TEST(ScanE2e, CleanProjectPasses) {
  Outcome run = run_rampart("scan --scanners secret " + project("clean"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(has(run.out, "No findings."));
  EXPECT_TRUE(has(run.out, "gate passed: 0 at or above HIGH"));
}

TEST(ScanE2e, EveryFormatOnStdoutOnly) {
  std::string leaky = project("leaky");
  Outcome json = run_rampart("scan -q --scanners secret -f json " + leaky);
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_EQ(json.out.rfind("{\n  \"schema_version\": 1,", 0), 0u);
  EXPECT_TRUE(has(json.out, "\"rule_id\": \"aws-access-key-id\""));
  EXPECT_TRUE(has(json.out, "\"target\": \"config/app.env\""));

  Outcome sarif = run_rampart("scan -q --scanners secret -f sarif " + leaky);
  EXPECT_TRUE(has(sarif.out, "\"version\": \"2.1.0\""));
  EXPECT_TRUE(has(sarif.out, "\"uri\": \"config/app.env\""));
  EXPECT_TRUE(has(sarif.out, "\"startLine\": 3,"));

  Outcome junit = run_rampart("scan -q --scanners secret -f junit " + leaky);
  EXPECT_EQ(junit.out.rfind("<?xml", 0), 0u);
  EXPECT_EQ(count(junit.out, "<failure "), 1u);

  Outcome bom = run_rampart("scan -q --scanners secret -f cyclonedx " + leaky);
  EXPECT_TRUE(has(bom.out, "\"bomFormat\": \"CycloneDX\""));

  Outcome unknown = run_rampart("scan -f yaml " + leaky);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.out, "");
}

TEST(ScanE2e, OutputFileIsWrittenWhole) {
  std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("rampart-e2e-" + std::to_string(::getpid()) + ".sarif");
  Outcome run = run_rampart("scan -q --scanners secret -f sarif -o " +
                            file.string() + " " + project("leaky"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  std::string written = slurp(file.string());
  EXPECT_TRUE(has(written, "\"version\": \"2.1.0\""));
  EXPECT_EQ(written.back(), '\n');
  std::filesystem::remove(file);
}

TEST(ScanE2e, IgnoreFileSuppressesUntilExpiry) {
  // rampart.yaml there sets the threshold to CRITICAL and picks the secret
  // scanner; the ignore file has one expired and one live entry.
  Outcome run = run_rampart("scan -f json " + project("ignored"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_TRUE(has(run.out, "\"target\": \"app/old.env\""));
  EXPECT_FALSE(has(run.out, "\"target\": \"app/new.env\""));
  EXPECT_TRUE(has(run.out, "\"suppressed\": 1"));
  EXPECT_TRUE(has(run.out, "\"severity_threshold\": \"CRITICAL\""));
  EXPECT_TRUE(has(run.out, "\"ignore_expired\": "));
  EXPECT_TRUE(has(run.err,
                  "/.rampartignore:2: ignore entry expired on "
                  "2020-01-31 (rotated long ago); it no longer "
                  "suppresses anything (1 finding reported again)"))
      << run.err;
}

TEST(ScanE2e, BadConfigNamesFileAndLine) {
  Outcome run = run_rampart("scan " + project("bad-config"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "rampart: " + project("bad-config") +
                         "/rampart.yaml:5:3: 'gitignore' must be true or "
                         "false\n");
  EXPECT_EQ(run.out, "");

  Outcome missing = run_rampart("scan --config /nonexistent/rampart.yaml .");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(has(missing.err, "/nonexistent/rampart.yaml"));
}

TEST(ScanE2e, BadIgnoreFileNamesFileAndLine) {
  std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("rampart-e2e-" + std::to_string(::getpid()) + ".ignore");
  std::ofstream(file) << "# ok\nrule:x expires:tomorrow\n";
  Outcome run = run_rampart("scan --scanners secret --ignore-file " +
                            file.string() + " " + project("clean"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "rampart: " + file.string() +
                         ":2: 'tomorrow' is not a date (YYYY-MM-DD)\n");
  std::filesystem::remove(file);
}

TEST(ScanE2e, MissingPathIsAnInputError) {
  Outcome run = run_rampart("scan -q --scanners secret /nonexistent/project");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err,
            "rampart: /nonexistent/project: cannot scan: No such file or "
            "directory\n");
}

TEST(ScanE2e, StdinStreamIsScanned) {
  Outcome run =
      run_rampart("scan -q --scanners secret -f json -",
                  "apiVersion: v1\nkind: Secret\n---\napiVersion: v1\n"
                  "kind: ConfigMap\ndata:\n"
                  "  AWS_ACCESS_KEY_ID: AKIAZ2WQ3NRT5YXM2PLK\n");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_TRUE(has(run.out, "\"target\": \"<stdin>\""));
  EXPECT_TRUE(has(run.out, "\"start_line\": 7"));
}

TEST(ScanE2e, UnknownScannerIsAUsageError) {
  Outcome run = run_rampart("scan --scanners secrets .");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err,
            "rampart: unknown scanner 'secrets' (expected misconfig, secret "
            "or vuln)\n");
}

// Whether this build has the named scanner: asking for it alone on an empty
// stream fails with "not available" when it does not.
bool has_scanner(const std::string& name) {
  return run_rampart("scan -q --scanners " + name + " -f json -").exit_code !=
         2;
}

// A folder under the temporary directory, removed with its content.
struct ScratchDir {
  explicit ScratchDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             (name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
  void write(const std::string& relative, const std::string& text) const {
    std::filesystem::path file = path / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
  }
  std::filesystem::path path;
};

TEST(ScanE2e, SecretConfigKeysReachTheScanner) {
  std::string dir = project("secret-config");
  Outcome run = run_rampart("scan -q -f json " + dir);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  // allow-values drops the test key on line 2; the live key stays.
  EXPECT_EQ(count(run.out, "\"rule_id\": \"aws-access-key-id\""), 1u);
  EXPECT_TRUE(has(run.out, "\"start_line\": 3"));
  // rules-file adds a rule; `enabled: false` leaves age-secret-key out.
  EXPECT_TRUE(has(run.out, "\"rule_id\": \"acme-deploy-token\""));
  EXPECT_FALSE(has(run.out, "age-secret-key"));

  // Without the settings, the test key is reported twice (settings.env and
  // the allow-list in rampart.yaml itself) and the age key comes back.
  ScratchDir scratch("rampart-e2e-config");
  scratch.write("empty.yaml", "version: 1\n");
  Outcome plain =
      run_rampart("scan -q -f json --scanners secret --config " +
                  (scratch.path / "empty.yaml").string() + " " + dir);
  EXPECT_EQ(count(plain.out, "\"rule_id\": \"aws-access-key-id\""), 3u);
  EXPECT_TRUE(has(plain.out, "\"rule_id\": \"age-secret-key\""));
  EXPECT_FALSE(has(plain.out, "acme-deploy-token"));
}

TEST(ScanE2e, BadSecretRulesFileNamesFileAndLine) {
  ScratchDir scratch("rampart-e2e-rules");
  scratch.write("rampart.yaml", "secret:\n  rules-file: my.rules\n");
  scratch.write("my.rules", "[broken]\ntitle = x\nseverity = extreme\n");
  Outcome run =
      run_rampart("scan -q --scanners secret " + scratch.path.string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(has(run.err, (scratch.path / "my.rules").string() + ":3"))
      << run.err;

  scratch.write("rampart.yaml", "secret:\n  rules-file: missing.rules\n");
  Outcome missing =
      run_rampart("scan -q --scanners secret " + scratch.path.string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(has(missing.err, "missing.rules")) << missing.err;
}

// Two false positives met on real projects: a password variable that only
// references another variable, and keys naming Secret objects.
TEST(ScanE2e, ReferencesToSecretsAreNotSecrets) {
  std::string scanners =
      has_scanner("misconfig") ? "misconfig,secret" : "secret";
  Outcome run = run_rampart("scan -q -f json --exit-code 0 --scanners " +
                            scanners + " " + project("k8s-references"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(has(run.out, "\"match\":")) << run.out;  // secret findings
  EXPECT_FALSE(has(run.out, "RP-K8S-043")) << run.out;
}

TEST(ScanE2e, MissingStoreSaysHowToGetDataOnlineAndOffline) {
  if (!has_scanner("vuln")) GTEST_SKIP() << "no vuln scanner in this build";
  std::string app = std::string(RAMPART_SOURCE_DIR) + "/examples/insecure-app";
  std::string base = "scan --scanners vuln --db /nonexistent/vuln.db ";
  Outcome online = run_rampart(base + "-f cyclonedx " + app);
  EXPECT_EQ(online.exit_code, 0) << online.err;
  EXPECT_TRUE(has(online.err,
                  "rampart: warning: vuln: /nonexistent/vuln.db: "
                  "vulnerability matching skipped: no vulnerability store "
                  "here;"))
      << online.err;
  EXPECT_TRUE(has(online.err, "'rampart db update'"));
  // The inventory is still complete without a store.
  EXPECT_TRUE(has(online.out, "\"purl\": \"pkg:npm/"));

  Outcome offline = run_rampart(base + "--offline -f json " + app);
  EXPECT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_TRUE(has(offline.err, "--offline is set, so none is downloaded"));
  EXPECT_TRUE(has(offline.out, "vulnerability matching skipped"));
}

TEST(ScanE2e, GitInfoExcludeKeepsFilesOutOfTheWalk) {
  ScratchDir repo("rampart-e2e-exclude");
  repo.write("local/creds.env", "AWS_ACCESS_KEY_ID=AKIAZ2RT6YWQ4MNB7XKD\n");
  repo.write(".git/HEAD", "ref: refs/heads/main\n");
  std::string args = "scan -q --scanners secret " + repo.path.string();
  EXPECT_EQ(run_rampart(args).exit_code, 1);
  repo.write(".git/info/exclude", "# private\nlocal/\n");
  EXPECT_EQ(run_rampart(args).exit_code, 0);
}

std::string git_output(const std::filesystem::path& repo,
                       const std::string& args) {
  std::string command = "git -C '" + repo.string() + "' " + args;
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    ::pclose(pipe);
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

constexpr const char* kLiveKey = "AKIAZ2RT6YWQ4MNB7XKD";
constexpr const char* kDeletedKey = "AKIAZ2WQ3NRT5YXM2PLK";

// A repository whose first commit adds two AWS keys, one in old.env and one
// in app.env; the second commit deletes old.env. Returns the first commit.
std::string make_leaky_history(const ScratchDir& repo) {
  EXPECT_EQ(run_git(repo.path, "init -q -b main"), 0);
  repo.write("app.env", std::string("AWS_ACCESS_KEY_ID=") + kLiveKey + "\n");
  repo.write("old.env",
             std::string("# old\nAWS_ACCESS_KEY_ID=") + kDeletedKey + "\n");
  EXPECT_EQ(run_git(repo.path, "add -A && git commit -qm add"), 0);
  std::string added = git_output(repo.path, "rev-parse HEAD");
  EXPECT_EQ(run_git(repo.path, "rm -q old.env && git commit -qm remove",
                    "2024-06-01T08:30:00Z"),
            0);
  return added;
}

TEST(ScanE2e, HistoryFindsADeletedSecretAtTheCommitThatAddedIt) {
  ScratchDir repo("rampart-e2e-history");
  std::string added = make_leaky_history(repo);
  ASSERT_EQ(added.size(), 40u);
  std::string base = "scan -q -f json --scanners secret ";

  Outcome today = run_rampart(base + repo.path.string());
  EXPECT_EQ(count(today.out, "\"rule_id\": \"aws-access-key-id\""), 1u);
  EXPECT_FALSE(has(today.out, "old.env")) << today.out;

  Outcome all = run_rampart(base + "--history " + repo.path.string());
  EXPECT_EQ(all.exit_code, 1) << all.err;
  EXPECT_EQ(all.err, "");
  // The live key is reported once, as today's finding, without a commit;
  // the deleted key is reported at the commit that added it.
  EXPECT_EQ(count(all.out, "\"rule_id\": \"aws-access-key-id\""), 2u)
      << all.out;
  EXPECT_EQ(count(all.out, "\"target\": \"app.env\""), 1u);
  EXPECT_EQ(count(all.out, "\"commit\": "), 1u);
  EXPECT_TRUE(has(all.out, "\"target\": \"old.env\""));
  EXPECT_TRUE(has(all.out, "\"start_line\": 2"));
  EXPECT_TRUE(has(all.out, "\"commit\": \"" + added + "\""));
  EXPECT_TRUE(has(all.out, "\"author_date\": \"2024-05-01T12:00:00Z\""));
  EXPECT_FALSE(has(all.out, kDeletedKey));
}

TEST(ScanE2e, HistoryAloneDecidesTheGateWhenTheTreeIsClean) {
  ScratchDir repo("rampart-e2e-history-clean");
  make_leaky_history(repo);
  ASSERT_EQ(run_git(repo.path, "rm -q app.env && git commit -qm clean"), 0);
  std::string base = "scan -q --scanners secret ";
  EXPECT_EQ(run_rampart(base + repo.path.string()).exit_code, 0);
  EXPECT_EQ(run_rampart(base + "--history " + repo.path.string()).exit_code, 1);

  // The same from rampart.yaml, and through the ignore file like any other
  // finding: an entry with a rule suppresses (and is counted); a path-only
  // entry keeps the path out as it keeps it out of the walk (not counted).
  repo.write("rampart.yaml", "secret:\n  history: true\n");
  EXPECT_EQ(run_rampart(base + repo.path.string()).exit_code, 1);
  repo.write(".rampartignore",
             "rule:aws-access-key-id path:old.env\npath:app.env\n");
  Outcome ignored =
      run_rampart("scan --scanners secret -f json " + repo.path.string());
  EXPECT_EQ(ignored.exit_code, 0) << ignored.out;
  EXPECT_TRUE(has(ignored.out, "\"suppressed\": 1")) << ignored.out;
  EXPECT_FALSE(has(ignored.out, "\"commit\": ")) << ignored.out;
}

TEST(ScanE2e, RuleOverridesAndThresholdApplyToHistoryFindings) {
  ScratchDir repo("rampart-e2e-history-threshold");
  make_leaky_history(repo);
  ASSERT_EQ(run_git(repo.path, "rm -q app.env && git commit -qm clean"), 0);
  // The AWS key rule is CRITICAL; rampart.yaml lowers it to LOW, under the
  // default HIGH threshold.
  repo.write("rampart.yaml", "rules:\n  aws-access-key-id: {severity: LOW}\n");
  std::string base = "scan -q -f json --scanners secret --history ";
  Outcome high = run_rampart(base + repo.path.string());
  EXPECT_EQ(high.exit_code, 0) << high.out;
  EXPECT_TRUE(has(high.out, "\"severity\": \"LOW\"")) << high.out;
  EXPECT_TRUE(has(high.out, "\"commit\": "));
  Outcome low =
      run_rampart(base + "--severity-threshold LOW " + repo.path.string());
  EXPECT_EQ(low.exit_code, 1) << low.out;
}

TEST(ScanE2e, HistoryOnAFolderOutsideGitWarnsAndKeepsTheExitCode) {
  ScratchDir plain("rampart-e2e-no-git");
  plain.write("clean.txt", "nothing here\n");
  std::string path = plain.path.string();
  Outcome clean = run_rampart("scan --scanners secret --history " + path);
  EXPECT_EQ(clean.exit_code, 0);
  EXPECT_EQ(count(clean.err, "--history: not a git repository"), 1u)
      << clean.err;
  EXPECT_TRUE(has(clean.err, "rampart: warning: secret: " + path +
                                 ": --history: not a git repository"))
      << clean.err;

  plain.write("app.env", std::string("AWS_ACCESS_KEY_ID=") + kLiveKey + "\n");
  Outcome leaky = run_rampart("scan --scanners secret --history " + path);
  EXPECT_EQ(leaky.exit_code, 1);
  EXPECT_TRUE(has(leaky.out, "app.env (1 finding)")) << leaky.out;
  EXPECT_TRUE(has(leaky.err, "--history: not a git repository"));
}

TEST(ScanE2e, HistoryFindingsShowTheCommitInEveryFormat) {
  ScratchDir repo("rampart-e2e-history-formats");
  std::string added = make_leaky_history(repo);
  std::string base = "scan -q --scanners secret --history ";
  std::string path = repo.path.string();

  Outcome table = run_rampart(base + path);
  EXPECT_TRUE(
      has(table.out, "old.env @ " + added.substr(0, 12) + " (1 finding)"))
      << table.out;
  EXPECT_TRUE(has(table.out, "at old.env:2 in commit " + added.substr(0, 12) +
                                 " of 2024-05-01T12:00:00Z"));
  EXPECT_TRUE(has(table.out, "app.env (1 finding)"));

  Outcome sarif = run_rampart(base + "-f sarif " + path);
  EXPECT_TRUE(has(sarif.out, "\"commit\": \"" + added + "\"")) << sarif.out;
  EXPECT_TRUE(has(sarif.out, "git show " + added + ":old.env"));

  Outcome junit = run_rampart(base + "-f junit " + path);
  EXPECT_TRUE(has(junit.out, "old.env:2 in commit " + added)) << junit.out;
  EXPECT_EQ(count(junit.out, "<failure "), 2u);

  // CycloneDX lists components and vulnerabilities only; secrets, from
  // history or not, have no place in it.
  Outcome bom = run_rampart(base + "-f cyclonedx " + path);
  EXPECT_TRUE(has(bom.out, "\"bomFormat\": \"CycloneDX\""));
  EXPECT_FALSE(has(bom.out, added));
}

}  // namespace
