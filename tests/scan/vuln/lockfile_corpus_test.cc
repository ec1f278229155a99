// SPDX-License-Identifier: Apache-2.0
//
// Parses every file of ../shared/corpora/lockfiles in place and compares the
// result with its `<file>.expected.json` (the package set, name + version,
// and the dev flag where the expectation has groups). Malformed fixtures must
// fail with a Status that names the file. Prints pass counts per format.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "rampart/base/file.h"
#include "rampart/scan/vuln/lockfile.h"

namespace rampart::scan::vuln {
namespace {

const std::string kCorpus =
    std::string(RAMPART_SHARED_DIR) + "/corpora/lockfiles";

// ---------------------------------------------------------------------------
// The ONE place where rampart knowingly differs from an expectation file,
// only where the expectation records one implementation's arbitrary choice.

// Whole fixtures, with the reason.
constexpr const char* kJunkLines =
    "lines that are not 'Field: value' make the file a parse error";
const std::map<std::string, std::string>& divergences() {
  static const std::map<std::string, std::string> kList = {
      {"requirements.txt/with-bad-r-option.txt",
       "osv-detector fails the whole file when a -r include is missing; "
       "rampart reports the requirements it can read (a missing neighbour "
       "is not an error, see lockfile.h)"},
      // osv-scanner's older OS-database parsers skip lines they cannot
      // read. Issue 7 asks that a file which is not what its name says be
      // reported as such, so rampart rejects these with the line number
      // (the newer osv-scalibr parsers reject `invalid` the same way).
      {"dpkg-status/malformed_status", kJunkLines},
      {"dpkg-status/not_status", kJunkLines},
      {"apk-installed/malformed_installed", kJunkLines},
      {"apk-installed/not_installed", kJunkLines},
  };
  return kList;
}

// Real lockfiles whose osv-detector package count differs, with the reason.
const std::map<std::string, std::string>& count_divergences() {
  static const std::map<std::string, std::string> kList = {
      {"yarn.lock/real-e2e-3-workspace.v2.lock",
       "osv-detector counts the workspace root (which the README's "
       "convention leaves out) and counts the three `@patch:` entries "
       "separately from the npm entries of the same name and version, "
       "which rampart merges: 1225 - 1 - 3 = 1221"},
  };
  return kList;
}

// The (name, version) an expectation file would give `package`. osv-scanner's
// older dpkg parser reports the source package and version when `Source:`
// names one (a README convention); rampart reports the binary package and
// keeps the source in source_name / source_version, so those are compared.
std::pair<std::string, std::string> identity_as_expected(
    const std::string& folder, const std::string& derived_from,
    const Package& package) {
  bool old_scanner_dpkg = folder == "dpkg-status" &&
                          derived_from.rfind("google/osv-scanner", 0) == 0;
  if (!old_scanner_dpkg || package.source_name.empty()) {
    return {package.name, package.version};
  }
  return {package.source_name, package.source_version.empty()
                                   ? package.version
                                   : package.source_version};
}

// Whether an expectation's missing dep_groups means "not dev" for this
// fixture. osv-scalibr does not derive dev-only packages from the importers
// of pnpm lockfile v9, which rampart does, so there it means "not known".
bool dev_flags_comparable(const std::string& relative) {
  return !(relative.rfind("pnpm-lock.yaml/", 0) == 0 &&
           relative.find(".v9.") != std::string::npos);
}

// PEP 503 normal form, for comparing with osv-detector's requirements names.
std::string pep503(std::string_view name) {
  std::string out;
  for (char c : name) {
    bool separator = c == '-' || c == '_' || c == '.';
    if (separator) {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// go.mod: the upstream expectations add a `stdlib` package versioned from
// the `go` directive when there is no `toolchain` line. That directive is
// the minimum language version, not the Go that builds the module, so
// rampart reports stdlib only from `toolchain`; such an expected stdlib is
// accepted as absent.
bool stdlib_from_go_directive(const std::string& folder,
                              const std::string& relative,
                              const std::string& name) {
  if (folder != "go.mod" || name != "stdlib") return false;
  Result<std::string> content = read_file(kCorpus + "/" + relative);
  return content.is_ok() && content->find("\ntoolchain ") == std::string::npos;
}

// Per-package rules, for requirements files only. rampart reports a version
// only when a requirement is pinned with `==`/`===` (the issue's contract);
// osv-scalibr reports the bound of `>=`, `~=` and `<=` as the version and
// osv-detector reports 0.0.0 or that bound. So an expected version is
// accepted against rampart's empty one. osv-detector also lower-cases and
// PEP 503-normalises names, where rampart keeps the spelling of the file.
bool requirement_matches(bool detector, const std::string& expected_name,
                         const std::string& actual_name,
                         const std::string& actual_version) {
  std::string want = detector ? pep503(expected_name) : expected_name;
  std::string have = detector ? pep503(actual_name) : actual_name;
  return want == have && actual_version.empty();
}
// ---------------------------------------------------------------------------

InventoryFormat format_of_folder(const std::string& folder) {
  static const std::map<std::string, InventoryFormat> kFolders = {
      {"package-lock.json", InventoryFormat::kNpmLock},
      {"yarn.lock", InventoryFormat::kYarnLock},
      {"pnpm-lock.yaml", InventoryFormat::kPnpmLock},
      {"requirements.txt", InventoryFormat::kRequirements},
      {"poetry.lock", InventoryFormat::kPoetryLock},
      {"Pipfile.lock", InventoryFormat::kPipfileLock},
      {"uv.lock", InventoryFormat::kUvLock},
      {"go.mod", InventoryFormat::kGoMod},
      {"Cargo.lock", InventoryFormat::kCargoLock},
      {"Gemfile.lock", InventoryFormat::kGemfileLock},
      {"composer.lock", InventoryFormat::kComposerLock},
      {"packages.lock.json", InventoryFormat::kNugetLock},
      {"gradle.lockfile", InventoryFormat::kGradleLock},
      {"pom.xml", InventoryFormat::kMavenPom},
      {"dpkg-status", InventoryFormat::kDpkgStatus},
      {"apk-installed", InventoryFormat::kApkInstalled},
  };
  auto found = kFolders.find(folder);
  return found == kFolders.end() ? InventoryFormat::kUnknown : found->second;
}

struct Expected {
  bool expect_error = false;
  std::string derived_from;
  // (name, version) -> dev only
  std::map<std::pair<std::string, std::string>, bool> packages;
  std::set<std::pair<std::string, std::string>> unchecked_dev;
};

Expected load_expected(const std::string& path) {
  Expected expected;
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.load(path);
  expected.expect_error = root["expect_error"].get_bool().value();
  expected.derived_from =
      std::string(root["derived_from"].get_string().value());
  simdjson::dom::array packages;
  if (root["packages"].get(packages) != simdjson::SUCCESS) return expected;
  for (simdjson::dom::element entry : packages) {
    std::pair<std::string, std::string> key{
        std::string(entry["name"].get_string().value()),
        std::string(entry["version"].get_string().value())};
    // Only the plain cases are checked: no groups (not dev) and exactly
    // ["dev"]. Mixed groups (dev + optional, bundled) mean different things
    // in different lockfiles and are not compared.
    bool dev = false;
    bool unchecked = false;
    simdjson::dom::array groups;
    if (entry["dep_groups"].get(groups) == simdjson::SUCCESS &&
        groups.size() > 0) {
      dev = groups.size() == 1 && groups.at(0).get_string().value() == "dev";
      unchecked = !dev;
    }
    if (unchecked) expected.unchecked_dev.insert(key);
    expected.packages[key] = dev;
  }
  return expected;
}

bool is_malformed_fixture(const std::string& file) {
  return file.rfind("not-", 0) == 0 || file.rfind("invalid", 0) == 0 ||
         file.find(".jsontest") != std::string::npos;
}

// Compares one parse result with its expectation; returns "" on a match.
std::string compare(const std::string& folder, const std::string& relative,
                    const Expected& expected,
                    const std::vector<Package>& packages) {
  bool detector = expected.derived_from.rfind("G-Rath/osv-detector", 0) == 0;
  std::map<std::pair<std::string, std::string>, bool> actual;
  for (const Package& package : packages) {
    auto key = identity_as_expected(folder, expected.derived_from, package);
    auto found = actual.find(key);
    actual[key] =
        found == actual.end() ? package.dev : (found->second && package.dev);
  }

  std::string problems;
  for (const auto& [key, dev] : expected.packages) {
    auto found = actual.find(key);
    if (found == actual.end() && detector && folder == "requirements.txt") {
      found = actual.find({pep503(key.first), key.second});
      for (auto it = actual.begin(); it != actual.end(); ++it) {
        if (pep503(it->first.first) == pep503(key.first) &&
            it->first.second == key.second) {
          found = it;
        }
      }
    }
    if (found == actual.end() && folder == "requirements.txt") {
      for (auto it = actual.begin(); it != actual.end(); ++it) {
        if (requirement_matches(detector, key.first, it->first.first,
                                it->first.second)) {
          found = it;
        }
      }
    }
    if (found == actual.end() &&
        stdlib_from_go_directive(folder, relative, key.first)) {
      continue;
    }
    if (found == actual.end()) {
      problems += " missing " + key.first + "@" + key.second + ";";
      continue;
    }
    bool checked = expected.unchecked_dev.count(key) == 0 &&
                   dev_flags_comparable(relative);
    if (checked && dev != found->second) {
      problems += " dev flag of " + key.first + "@" + key.second + ";";
    }
    actual.erase(found);
  }
  for (const auto& [key, dev] : actual) {
    problems += " unexpected " + key.first + "@" + key.second + ";";
  }
  return problems;
}

struct Tally {
  int passed = 0;
  int total = 0;
  int diverging = 0;
};

TEST(LockfileCorpus, EveryFixtureParsesToItsExpectedPackages) {
  simdjson::dom::parser parser;
  simdjson::dom::element index = parser.load(kCorpus + "/index.json");
  SiblingReader reader = directory_sibling_reader(kCorpus);
  std::map<std::string, Tally> tallies;
  int files = 0;

  const char* only = std::getenv("RAMPART_LOCKFILE_ONLY");  // for debugging
  for (simdjson::dom::element entry : index["files"].get_array()) {
    std::string folder(entry["format"].get_string().value());
    std::string file(entry["file"].get_string().value());
    std::string relative = folder + "/" + file;
    if (only != nullptr && folder != only) continue;
    InventoryFormat format = format_of_folder(folder);
    ASSERT_NE(format, InventoryFormat::kUnknown) << relative;
    ++files;

    Result<std::string> content = read_file(kCorpus + "/" + relative);
    ASSERT_TRUE(content.is_ok()) << content.status().to_string();
    Result<std::vector<Package>> parsed =
        parse_inventory_as(format, relative, *content, reader);

    std::string_view expected_name;
    if (entry["expected"].get(expected_name) != simdjson::SUCCESS) {
      // No expectation: it must still parse cleanly unless malformed.
      // go.sum companions are read through go.mod, not parsed alone.
      bool companion = folder == "go.mod" && file.ends_with(".sum");
      if (!is_malformed_fixture(file) && !companion) {
        EXPECT_TRUE(parsed.is_ok()) << parsed.status().to_string();
      }
      continue;
    }
    Tally& tally = tallies[folder];
    ++tally.total;
    Expected expected = load_expected(kCorpus + "/" + folder + "/" +
                                      std::string(expected_name));
    bool diverges = divergences().count(relative) != 0;

    std::string problems;
    if (expected.expect_error) {
      if (parsed.is_ok()) {
        problems = " parsed, but the file is malformed";
      } else if (parsed.status().location().file != relative) {
        problems =
            " error does not name the file: " + parsed.status().to_string();
      }
    } else if (!parsed.is_ok()) {
      problems = " failed: " + parsed.status().to_string();
    } else {
      problems = compare(folder, relative, expected, *parsed);
    }

    if (diverges) {
      ++tally.diverging;
      EXPECT_FALSE(problems.empty())
          << relative << " now matches; remove it from divergences()";
      continue;
    }
    EXPECT_EQ(problems, "") << relative;
    if (problems.empty()) ++tally.passed;
  }

  int passed = 0;
  int total = 0;
  for (const auto& [folder, tally] : tallies) {
    std::printf("  %-20s %3d/%3d passed, %d listed as divergent\n",
                folder.c_str(), tally.passed, tally.total, tally.diverging);
    passed += tally.passed;
    total += tally.total;
  }
  std::printf("  %d files, %d/%d expectations met\n", files, passed, total);
  if (only == nullptr) {
    EXPECT_EQ(files, 285);
  }
}

TEST(LockfileCorpus, MalformedFixturesFailWithAClearMessage) {
  simdjson::dom::parser parser;
  simdjson::dom::element index = parser.load(kCorpus + "/index.json");
  int checked = 0;
  for (simdjson::dom::element entry : index["files"].get_array()) {
    std::string folder(entry["format"].get_string().value());
    std::string file(entry["file"].get_string().value());
    if (!is_malformed_fixture(file)) continue;
    std::string relative = folder + "/" + file;
    Result<std::string> content = read_file(kCorpus + "/" + relative);
    ASSERT_TRUE(content.is_ok());
    Result<std::vector<Package>> parsed =
        parse_inventory_as(format_of_folder(folder), relative, *content);
    if (parsed.is_ok()) continue;  // some "invalid" fixtures are lenient
    ++checked;
    EXPECT_EQ(parsed.status().location().file, relative);
    EXPECT_FALSE(parsed.status().message().empty());
  }
  EXPECT_GT(checked, 10);
}

// The real-world lockfiles have no expectation file, but osv-detector's
// recorded output says how many packages it found in each. The counts are
// compared, leaving out Go's synthetic `stdlib` (osv-detector has none).
TEST(LockfileCorpus, RealLockfilesMatchOsvDetectorPackageCounts) {
  simdjson::dom::parser parser;
  simdjson::dom::element index = parser.load(kCorpus + "/index.json");
  int compared = 0;
  for (simdjson::dom::element entry : index["files"].get_array()) {
    std::string folder(entry["format"].get_string().value());
    std::string file(entry["file"].get_string().value());
    std::string relative = folder + "/" + file;
    Result<std::string> output =
        read_file(kCorpus + "/" + relative + ".osv-detector-output.txt");
    if (!output.is_ok()) continue;
    std::size_t found = output->find("found ");
    ASSERT_NE(found, std::string::npos) << relative;
    int want = std::atoi(output->c_str() + found + 6);

    Result<std::string> content = read_file(kCorpus + "/" + relative);
    ASSERT_TRUE(content.is_ok());
    Result<std::vector<Package>> parsed =
        parse_inventory_as(format_of_folder(folder), relative, *content,
                           directory_sibling_reader(kCorpus));
    ASSERT_TRUE(parsed.is_ok()) << parsed.status().to_string();
    std::set<std::pair<std::string, std::string>> distinct;
    for (const Package& package : *parsed) {
      if (package.name != "stdlib") {
        distinct.emplace(package.name, package.version);
      }
    }
    int have = static_cast<int>(distinct.size());
    std::printf("  %-45s rampart %5d, osv-detector %5d\n", relative.c_str(),
                have, want);
    ++compared;
    auto reason = count_divergences().find(relative);
    if (reason == count_divergences().end()) {
      EXPECT_EQ(have, want) << relative;
    }
  }
  EXPECT_EQ(compared, 16);
}

}  // namespace
}  // namespace rampart::scan::vuln
