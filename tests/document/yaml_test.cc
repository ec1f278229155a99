// SPDX-License-Identifier: Apache-2.0
#include "rampart/document/yaml.h"

#include <gtest/gtest.h>

#include "rampart/document/json.h"

namespace rampart {
namespace {

TEST(Yaml, ResolvesCoreSchemaScalars) {
  auto value = parse_yaml_value(
      "a: 1\nb: 2.5\nc: true\nd: ~\ne: '1'\nf: 0x1f\ng: hello\nh: \"no\"\n");
  ASSERT_TRUE(value.is_ok()) << value.status().to_string();
  EXPECT_EQ(
      to_json(*value),
      R"({"a":1,"b":2.5,"c":true,"d":null,"e":"1","f":31,"g":"hello","h":"no"})");
}

TEST(Yaml, ReadsEveryDocumentOfAStream) {
  auto documents = parse_yaml("---\nkind: Pod\n---\nkind: Service\n");
  ASSERT_TRUE(documents.is_ok());
  ASSERT_EQ(documents->size(), 2u);
  EXPECT_EQ(*(*documents)[1].value.find("kind"), Value::string("Service"));
  EXPECT_EQ((*documents)[1].start_line, 3);
}

TEST(Yaml, RecordsPositionsOfKeys) {
  YamlLimits limits;
  limits.record_positions = true;
  auto documents =
      parse_yaml("spec:\n  containers:\n    - name: app\n      image: nginx\n",
                 "", limits);
  ASSERT_TRUE(documents.is_ok());
  const auto& positions = (*documents)[0].positions;
  ASSERT_TRUE(positions.count("/spec/containers/0/image"));
  EXPECT_EQ(positions.at("/spec/containers/0/image").line, 4);
  EXPECT_EQ(positions.at("/spec/containers").line, 2);
}

TEST(Yaml, ExpandsAliasesAndMergeKeys) {
  auto value =
      parse_yaml_value("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n");
  ASSERT_TRUE(value.is_ok()) << value.status().to_string();
  EXPECT_EQ(to_json(*value->find("use")), R"({"x":1,"y":3})");
}

TEST(Yaml, StopsBillionLaughs) {
  std::string bomb =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'k'; ++name) {
    bomb += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 9; ++i) bomb += std::string(i ? ",*" : "*") + previous;
    bomb += "]\n";
    previous = name;
  }
  auto value = parse_yaml_value(bomb);
  ASSERT_FALSE(value.is_ok());
  EXPECT_EQ(value.status().code(), StatusCode::kLimitExceeded);
}

TEST(Yaml, ErrorsNameLine) {
  auto value = parse_yaml_value("a: [1, 2\nb: 3\n", "bad.yaml");
  ASSERT_FALSE(value.is_ok());
  EXPECT_EQ(value.status().location().file, "bad.yaml");
  EXPECT_GT(value.status().location().line, 0);
}

TEST(Yaml, RejectsDeepNesting) {
  std::string deep(10000, '[');
  auto value = parse_yaml_value(deep);
  ASSERT_FALSE(value.is_ok());
}

}  // namespace
}  // namespace rampart

namespace rampart {
namespace {

// libfyaml 0.7.12 loops forever on this directive line; the reader must
// refuse invalid UTF-8 before the library sees it.
TEST(Yaml, RefusesInvalidUtf8BeforeParsing) {
  auto value = parse_yaml_value(std::string("% [:\xf5", 5), "x.yaml");
  ASSERT_FALSE(value.is_ok());
  EXPECT_EQ(value.status().to_string(),
            "x.yaml: invalid YAML: not UTF-8 text (control or invalid bytes)");
  EXPECT_TRUE(parse_yaml_value("name: caf\xc3\xa9\n").is_ok());
}

}  // namespace
}  // namespace rampart

namespace rampart {
namespace {

// libfyaml 0.7.12 crashed in fy_parser_destroy on text with NUL and
// vertical-tab bytes (found by fuzz_scan_config); such bytes are not YAML.
TEST(Yaml, RefusesControlCharactersBeforeParsing) {
  std::string text("vers\x0b\x0b: 1\n? a\x00\x00\n", 15);
  auto value = parse_yaml_value(text, "c.yaml");
  ASSERT_FALSE(value.is_ok());
  EXPECT_EQ(value.status().code(), StatusCode::kParseError);
  EXPECT_TRUE(parse_yaml_value("a:\tb\r\n").is_ok());
}

}  // namespace
}  // namespace rampart
