// SPDX-License-Identifier: Apache-2.0
//
// OSV record parsing: every record in ../shared/osv parses, fields come
// out as written, schema violations are refused with the field named, and
// severity falls back from CVSS to the advisory's label to UNKNOWN.
#include "rampart/scan/vuln/osv.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "rampart/base/file.h"

namespace rampart::scan::vuln {
namespace {

namespace fs = std::filesystem;

std::string shared(const std::string& relative) {
  return std::string(RAMPART_SHARED_DIR) + "/" + relative;
}

TEST(OsvRecord, EverySharedRecordParses) {
  size_t parsed = 0;
  for (const auto& entry : fs::recursive_directory_iterator(shared("osv"))) {
    std::string path = entry.path().string();
    if (!entry.is_regular_file() || entry.path().extension() != ".json" ||
        entry.path().parent_path() == fs::path(shared("osv"))) {
      continue;  // schema.json and sources.json are not records
    }
    Result<std::string> content = read_file(path);
    ASSERT_TRUE(content.is_ok()) << path;
    Result<OsvRecord> record = parse_osv_record(*content);
    EXPECT_TRUE(record.is_ok()) << path << ": " << record.status().message();
    ++parsed;
  }
  EXPECT_EQ(parsed, 11218u);
}

TEST(OsvRecord, ReadsFieldsAsWritten) {
  Result<std::string> content =
      read_file(shared("osv/PyPI/PYSEC-2021-639.json"));
  ASSERT_TRUE(content.is_ok());
  Result<OsvRecord> record = parse_osv_record(*content);
  ASSERT_TRUE(record.is_ok()) << record.status().message();
  EXPECT_EQ(record->id, "PYSEC-2021-639");
  EXPECT_EQ(record->aliases, (std::vector<std::string>{"CVE-2021-29513",
                                                       "GHSA-452g-f7fp-9jf7"}));
  ASSERT_EQ(record->affected.size(), 1u);
  const OsvAffected& affected = record->affected[0];
  EXPECT_EQ(affected.ecosystem, "PyPI");
  EXPECT_EQ(affected.name, "tensorflow-gpu");
  ASSERT_EQ(affected.ranges.size(), 2u);
  EXPECT_EQ(affected.ranges[0].type, OsvRange::Type::kGit);
  EXPECT_EQ(affected.ranges[1].type, OsvRange::Type::kEcosystem);
  ASSERT_EQ(affected.ranges[1].events.size(), 8u);
  EXPECT_EQ(affected.ranges[1].events[1].kind, OsvEvent::Kind::kFixed);
  EXPECT_EQ(affected.ranges[1].events[1].version, "2.2.0rc0");
  EXPECT_EQ(affected.versions.size(), 52u);
}

TEST(OsvRecord, RefusesSchemaViolationsNamingTheField) {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case kCases[] = {
      {"[]", "OSV record must be a JSON object"},
      {R"({"modified":"2020-01-01T00:00:00Z"})", "OSV record: 'id' is missing"},
      {R"({"id":"X-1"})", "OSV record: 'modified' is missing"},
      {R"({"id":7,"modified":"m"})", "OSV record: 'id' must be a string"},
      {R"({"id":"X-1","modified":"m","affected":{}})",
       "OSV record: 'affected' must be a list"},
      {R"({"id":"X-1","modified":"m","affected":[{"package":{"name":"a"}}]})",
       "OSV record: 'affected[0].package' must name an ecosystem and a "
       "package"},
      {R"({"id":"X-1","modified":"m","affected":[{"ranges":[{"type":"SVN",
          "events":[]}]}]})",
       "OSV record: 'affected[0].ranges[0].type' is not SEMVER, ECOSYSTEM or "
       "GIT"},
      {R"({"id":"X-1","modified":"m","affected":[{"ranges":[{"type":"SEMVER",
          "events":[{"introduced":"0","fixed":"1"}]}]}]})",
       "OSV record: 'affected[0].ranges[0].events[0]' must be an object with "
       "exactly one event"},
      {R"({"id":"X-1","modified":"m","affected":[{"ranges":[{"type":"SEMVER",
          "events":[{"patched":"1"}]}]}]})",
       "OSV record: 'affected[0].ranges[0].events[0]' has unknown event "
       "'patched'"},
      {R"({"id":"X-1","modified":"m","aliases":[1]})",
       "OSV record: 'aliases' must be a list of strings"},
  };
  for (const Case& c : kCases) {
    Result<OsvRecord> record = parse_osv_record(c.json);
    ASSERT_FALSE(record.is_ok()) << c.json;
    EXPECT_EQ(record.status().code(), StatusCode::kParseError) << c.json;
    EXPECT_EQ(record.status().message(), c.message) << c.json;
  }
}

TEST(OsvRecord, TruncatedJsonIsAParseError) {
  Result<OsvRecord> record = parse_osv_record(R"({"id":"X-1","modif)");
  ASSERT_FALSE(record.is_ok());
  EXPECT_EQ(record.status().code(), StatusCode::kParseError);
}

TEST(OsvSeverity, FallsBackFromCvssToLabelToUnknown) {
  OsvRecord record;
  record.severity = {
      {"CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"},
      {"CVSS_V4",
       "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/"
       "VA:N/SC:N/SI:N/SA:N"}};
  record.severity_label = "LOW";
  RecordSeverity scored = record_severity(record);
  EXPECT_EQ(scored.level, Severity::kHigh);
  EXPECT_EQ(scored.score, 7.5);

  // Without the v3 vector the v4.0 one is scored (CVSS-B 8.7).
  record.severity.erase(record.severity.begin());
  RecordSeverity v4 = record_severity(record);
  EXPECT_EQ(v4.level, Severity::kHigh);
  EXPECT_EQ(v4.score, 8.7);

  record.severity.clear();
  record.severity_label = "MODERATE";
  EXPECT_EQ(record_severity(record).level, Severity::kMedium);

  record.severity_label.clear();
  OsvAffected affected;
  affected.severity_label = "CRITICAL";
  record.affected.push_back(affected);
  EXPECT_EQ(record_severity(record).level, Severity::kCritical);

  record.affected.clear();
  EXPECT_EQ(record_severity(record).level, Severity::kUnknown);
}

TEST(PackageName, NormalisesPerEcosystem) {
  EXPECT_EQ(normalize_package_name("PyPI", "Zope.Interface"), "zope-interface");
  EXPECT_EQ(normalize_package_name("PyPI", "a__b-.c"), "a-b-c");
  EXPECT_EQ(normalize_package_name("NuGet", "Newtonsoft.Json"),
            "newtonsoft.json");
  EXPECT_EQ(normalize_package_name("npm", "@Babel/Core"), "@Babel/Core");
  EXPECT_EQ(normalize_package_name("Go", " github.com/Foo/bar "),
            "github.com/Foo/bar");
  EXPECT_EQ(normalize_package_name("Maven", "org.Apache:x"), "org.Apache:x");
  EXPECT_EQ(base_ecosystem("Debian:12"), "Debian");
}

}  // namespace
}  // namespace rampart::scan::vuln
