// SPDX-License-Identifier: Apache-2.0
#include <string>

#include <gtest/gtest.h>

#include "rampart/findings/report.h"

#include "findings/report_fixture.h"

namespace rampart {
namespace {

bool contains(const std::string& text, const std::string& part) {
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

TEST(RenderCycloneDx, MergesComponentsAndLinksVulnerabilities) {
  ReportOptions options;
  options.serial_number = "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79";
  std::string bom = render_cyclonedx(testing::sample_report(), options);
  EXPECT_TRUE(contains(bom, "\"specVersion\": \"1.5\""));
  EXPECT_TRUE(contains(bom, "\"serialNumber\": \"urn:uuid:3e671687"));
  // minimist appears in two lockfiles: one component, both sources.
  EXPECT_EQ(count(bom, "\"bom-ref\": \"pkg:npm/minimist@1.2.0\""), 1u);
  EXPECT_TRUE(contains(bom, "\"value\": \"web/package-lock.json\""));
  EXPECT_TRUE(contains(bom, "\"scope\": \"optional\""));  // dev-only babel
  EXPECT_TRUE(contains(bom, "\"id\": \"GHSA-aaaa-bbbb-cccc\""));
  EXPECT_TRUE(contains(bom, "\"ref\": \"pkg:npm/minimist@1.2.0\""));
  // Secrets and misconfigurations are not part of an SBOM.
  EXPECT_FALSE(contains(bom, "aws-access-key-id"));
  EXPECT_FALSE(contains(bom, "RP-K8S-001"));
}

}  // namespace
}  // namespace rampart
