// SPDX-License-Identifier: Apache-2.0
#include "scan/misconfig/documents.h"

#include <string>

#include <gtest/gtest.h>

#include "rampart/base/file.h"

namespace rampart::scan::misconfig {
namespace {

constexpr std::size_t kLimit = 1u << 20;

FileEntry entry(std::string path) {
  FileEntry file;
  file.path = path;
  file.relative_path = path;
  return file;
}

std::string fixture(const std::string& relative) {
  auto text = read_file(std::string(RAMPART_SOURCE_DIR) +
                        "/tests/data/misconfig/" + relative);
  EXPECT_TRUE(text.is_ok()) << text.status().to_string();
  return text.is_ok() ? *text : "";
}

TEST(MisconfigDocuments, RecognisesKubernetesObjectsByContent) {
  auto read =
      read_documents(entry("deploy/app.yml"),
                     "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n"
                     "just: data\n---\napiVersion: apps/v1\nkind: Deployment\n",
                     kLimit);
  ASSERT_EQ(read->subjects.size(), 2u);
  EXPECT_EQ(read->subjects[0].kind, "Service");
  EXPECT_EQ(read->subjects[0].name, "a");
  EXPECT_EQ(read->subjects[1].kind, "Deployment");
  EXPECT_EQ(read->subjects[1].start_line, 7);
  EXPECT_TRUE(read->notes.empty());
}

TEST(MisconfigDocuments, IgnoresYamlThatIsNotKubernetes) {
  auto read = read_documents(entry(".github/workflows/ci.yaml"),
                             "on: push\njobs: {}\n", kLimit);
  EXPECT_TRUE(read->subjects.empty());
  EXPECT_TRUE(read->notes.empty());
  EXPECT_FALSE(read->skipped);
}

TEST(MisconfigDocuments, ExpandsListItemsWithTheirLines) {
  auto read = read_documents(
      entry("list.yaml"),
      "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n"
      "  metadata: {name: a}\n- apiVersion: v1\n  kind: Secret\n",
      kLimit);
  ASSERT_EQ(read->subjects.size(), 2u);
  EXPECT_EQ(read->subjects[0].pointer, "/items/0");
  EXPECT_EQ(read->subjects[0].start_line, 4);
  EXPECT_EQ(read->subjects[1].kind, "Secret");
  EXPECT_EQ(read->subjects[1].start_line, 7);
}

TEST(MisconfigDocuments, LocatesTheExactKeyOrItsNearestAncestor) {
  auto read =
      read_documents(entry("pod.yaml"),
                     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n"
                     "  containers:\n  - name: app\n    image: nginx\n"
                     "    securityContext:\n      privileged: true\n",
                     kLimit);
  ASSERT_EQ(read->subjects.size(), 1u);
  const Subject& pod = read->subjects[0];
  Value exact = Value::array(
      {Value::string("spec"), Value::string("containers"), Value::integer(0),
       Value::string("securityContext"), Value::string("privileged")});
  EXPECT_EQ(locate(pod, &exact), std::make_pair(10, 10));
  Value missing = Value::array(
      {Value::string("spec"), Value::string("containers"), Value::integer(0),
       Value::string("resources"), Value::string("limits")});
  EXPECT_EQ(locate(pod, &missing).first, 7);
  EXPECT_EQ(locate(pod, nullptr), std::make_pair(1, 10));
}

TEST(MisconfigDocuments, RangesEndWhereTheirContentEnds) {
  auto read = read_documents(
      entry("pod.yaml"),
      "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n"
      "    image: x\n\n  - name: b\n    image: y\n---\n"
      "apiVersion: v1\nkind: Service\n",
      kLimit);
  ASSERT_EQ(read->subjects.size(), 2u);
  const Subject& pod = read->subjects[0];
  EXPECT_EQ(pod.end_line, 9);
  Value first = Value::array(
      {Value::string("spec"), Value::string("containers"), Value::integer(0)});
  EXPECT_EQ(locate(pod, &first), std::make_pair(5, 6));
}

TEST(MisconfigDocuments, LocatesDockerfileInstructions) {
  auto read =
      read_documents(entry("svc/Dockerfile"),
                     "FROM alpine:3.19\nRUN apk add \\\n  curl\n", kLimit);
  ASSERT_EQ(read->subjects.size(), 1u);
  Value path = Value::array({Value::string("stages"), Value::integer(0),
                             Value::string("instructions"), Value::integer(0)});
  EXPECT_EQ(locate(read->subjects[0], &path), std::make_pair(2, 3));
}

TEST(MisconfigDocuments, ReadsJsonManifestsWithPositions) {
  auto read = read_documents(entry("kubernetes/fail/pod-list.json"),
                             fixture("kubernetes/fail/pod-list.json"), kLimit);
  ASSERT_EQ(read->subjects.size(), 1u);
  Value path = Value::array({Value::string("spec"), Value::string("containers"),
                             Value::integer(0), Value::string("image")});
  EXPECT_EQ(locate(read->subjects[0], &path).first, 13);
}

TEST(MisconfigDocuments, SkipsHelmTemplatesWithAHint) {
  auto read = read_documents(entry("chart/templates/deployment.yaml"),
                             fixture("hostile/chart/templates/deployment.yaml"),
                             kLimit);
  EXPECT_TRUE(read->skipped);
  ASSERT_EQ(read->notes.size(), 1u);
  EXPECT_EQ(read->notes[0].level, ScanNote::Level::kInfo);
  EXPECT_NE(read->notes[0].message.find("helm template"), std::string::npos);
}

TEST(MisconfigDocuments, PrometheusTemplatesAreNotHelm) {
  auto read = read_documents(entry("monitoring/rules.yaml"),
                             fixture("hostile/prometheus-rule.yaml"), kLimit);
  EXPECT_FALSE(read->skipped);
  ASSERT_EQ(read->subjects.size(), 1u);
  EXPECT_EQ(read->subjects[0].kind, "PrometheusRule");
}

TEST(MisconfigDocuments, ReportsBrokenYamlWithItsLine) {
  auto read = read_documents(entry("broken.yaml"),
                             fixture("hostile/broken.yaml"), kLimit);
  EXPECT_TRUE(read->skipped);
  ASSERT_EQ(read->notes.size(), 1u);
  EXPECT_EQ(read->notes[0].level, ScanNote::Level::kWarning);
  EXPECT_GT(read->notes[0].line, 0);
  EXPECT_EQ(read->notes[0].target, "broken.yaml");
}

TEST(MisconfigDocuments, StopsAnAliasBomb) {
  auto read = read_documents(entry("lol.yaml"),
                             fixture("hostile/billion-laughs.yaml"), kLimit);
  EXPECT_TRUE(read->skipped);
  ASSERT_EQ(read->notes.size(), 1u);
  EXPECT_TRUE(read->subjects.empty());
}

TEST(MisconfigDocuments, StopsDeepNesting) {
  std::string deep = "apiVersion: v1\nkind: ConfigMap\ndata: ";
  deep += std::string(100000, '[') + std::string(100000, ']') + "\n";
  auto read = read_documents(entry("deep.yaml"), deep, 1u << 22);
  EXPECT_TRUE(read->skipped);
  ASSERT_EQ(read->notes.size(), 1u);
}

TEST(MisconfigDocuments, SkipsBinaryFilesNamedYaml) {
  auto read = read_documents(entry("binary.yaml"),
                             fixture("hostile/binary.yaml"), kLimit);
  EXPECT_TRUE(read->skipped);
  ASSERT_EQ(read->notes.size(), 1u);
  EXPECT_EQ(read->notes[0].message, "not scanned: binary content (NUL bytes)");
}

TEST(MisconfigDocuments, SkipsLargeFilesThatAreNotManifestsQuietly) {
  std::string big(20u << 20, ' ');
  auto read = read_documents(entry("package-lock.json"), big, 16u << 20);
  EXPECT_FALSE(read->skipped);
  EXPECT_TRUE(read->notes.empty());
  EXPECT_TRUE(read->subjects.empty());
}

TEST(MisconfigDocuments, SkipsFilesOverTheSizeLimit) {
  std::string big = "apiVersion: v1\nkind: ConfigMap\n";
  big.resize(100u << 20, ' ');
  auto read = read_documents(entry("huge.yaml"), big, 16u << 20);
  EXPECT_TRUE(read->skipped);
  ASSERT_EQ(read->notes.size(), 1u);
  EXPECT_EQ(read->notes[0].message,
            "not scanned: 104857600 bytes, over the misconfig limit of "
            "16777216 bytes");
}

TEST(MisconfigDocuments, ReportsDockerfileErrors) {
  auto read = read_documents(entry("Dockerfile"), "RUN x\nFROM a\n", kLimit);
  EXPECT_TRUE(read->skipped);
  ASSERT_EQ(read->notes.size(), 1u);
  EXPECT_EQ(read->notes[0].line, 1);
}

TEST(MisconfigDocuments, WantsManifestsAndDockerfilesByName) {
  EXPECT_TRUE(is_manifest_name("k8s/app.yaml"));
  EXPECT_TRUE(is_manifest_name("k8s/app.YML"));
  EXPECT_TRUE(is_manifest_name("k8s/list.json"));
  EXPECT_TRUE(is_manifest_name("Containerfile"));
  EXPECT_TRUE(is_manifest_name("images/api.Dockerfile"));
  EXPECT_FALSE(is_manifest_name("main.go"));
}

}  // namespace
}  // namespace rampart::scan::misconfig
