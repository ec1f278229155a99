// SPDX-License-Identifier: Apache-2.0
//
// pom.xml: interpolation, dependency management, parents, profiles.
#include <gtest/gtest.h>

#include "scan/vuln/lockfile_test_util.h"

namespace rampart::scan::vuln {
namespace {

using testing::find;
using testing::has;
using testing::parse;

const char kParent[] = R"(<project>
  <groupId>org.acme</groupId><artifactId>parent</artifactId>
  <version>7</version>
  <properties><jackson.version>2.15.0</jackson.version></properties>
  <dependencyManagement><dependencies><dependency>
    <groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId>
    <version>2.0.9</version>
  </dependency></dependencies></dependencyManagement>
  <dependencies><dependency>
    <groupId>com.google.guava</groupId><artifactId>guava</artifactId>
    <version>32.1.0-jre</version>
  </dependency></dependencies>
</project>)";

const char kChild[] = R"(<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <parent><groupId>org.acme</groupId><artifactId>parent</artifactId>
    <version>7</version></parent>
  <artifactId>app</artifactId>
  <properties>
    <core>core</core>
    <core.version>${project.version}.1</core.version>
  </properties>
  <dependencies>
    <dependency><groupId>${project.groupId}</groupId>
      <artifactId>${core}</artifactId><version>${core.version}</version>
    </dependency>
    <dependency><groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>${jackson.version}</version></dependency>
    <dependency><groupId>org.slf4j</groupId>
      <artifactId>slf4j-api</artifactId></dependency>
    <dependency><groupId>junit</groupId><artifactId>junit</artifactId>
      <version>[4.13,5)</version><scope>test</scope></dependency>
    <dependency><groupId>${unknown}</groupId>
      <artifactId>dropped</artifactId><version>1</version></dependency>
  </dependencies>
  <build><plugins><plugin><dependencies><dependency>
    <groupId>plugin.only</groupId><artifactId>x</artifactId>
    <version>1</version></dependency></dependencies></plugin></plugins>
  </build>
</project>)";

TEST(MavenPom, InterpolatesAndInheritsFromALocalParent) {
  auto parsed = parse("app/pom.xml", kChild, {{"pom.xml", kParent}});
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(find(*parsed, "org.acme:core").version, "7.1");
  EXPECT_EQ(
      find(*parsed, "com.fasterxml.jackson.core:jackson-databind").version,
      "2.15.0");
  EXPECT_EQ(find(*parsed, "org.slf4j:slf4j-api").version, "2.0.9");
  EXPECT_EQ(find(*parsed, "com.google.guava:guava").version, "32.1.0-jre");
  Package junit = find(*parsed, "junit:junit");
  EXPECT_EQ(junit.version, "4.13");
  EXPECT_TRUE(junit.dev);
  EXPECT_FALSE(has(*parsed, "plugin.only:x"));
  EXPECT_FALSE(has(*parsed, "dropped"));
  EXPECT_EQ(find(*parsed, "org.acme:core").line, 11);
}

TEST(MavenPom, WithoutItsParentVersionsStayEmpty) {
  auto parsed = parse("app/pom.xml", kChild);
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(find(*parsed, "org.slf4j:slf4j-api").version, "");
  EXPECT_EQ(
      find(*parsed, "com.fasterxml.jackson.core:jackson-databind").version, "");
  EXPECT_FALSE(has(*parsed, "com.google.guava:guava"));
}

TEST(MavenPom, ProfilesCountAndTheFirstDeclarationWins) {
  auto parsed = parse("pom.xml", R"(<project><dependencies>
    <dependency><groupId>a</groupId><artifactId>b</artifactId>
      <version>1</version></dependency>
    <dependency><groupId>a</groupId><artifactId>b</artifactId>
      <version>2</version></dependency></dependencies>
    <profiles><profile><dependencies><dependency><groupId>p</groupId>
      <artifactId>q</artifactId><version>3</version></dependency>
    </dependencies></profile></profiles></project>)");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ(find(*parsed, "a:b").version, "1");
  EXPECT_EQ(find(*parsed, "p:q").version, "3");
}

TEST(MavenPom, NotAPomIsAnError) {
  auto other = parse("pom.xml", "<settings><x/></settings>");
  ASSERT_FALSE(other.is_ok());
  EXPECT_EQ(other.status().code(), StatusCode::kParseError);
  auto broken = parse("pom.xml", "<project>\n<dependencies>\n</project>");
  ASSERT_FALSE(broken.is_ok());
  EXPECT_EQ(broken.status().location().line, 3);
}

TEST(MavenPom, EntitiesAreNotExpanded) {
  auto parsed = parse("pom.xml", R"(<?xml version="1.0"?>
<!DOCTYPE project [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<project><dependencies><dependency><groupId>g</groupId>
<artifactId>a</artifactId><version>&x;</version></dependency>
</dependencies></project>)");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(find(*parsed, "g:a").version.find("root"), std::string::npos);
}

}  // namespace
}  // namespace rampart::scan::vuln
