// SPDX-License-Identifier: Apache-2.0
#include "rampart/document/dockerfile.h"

#include <gtest/gtest.h>

#include "rampart/document/json.h"

namespace rampart {
namespace {

const Value& at(const Value& value, std::string_view key) {
  const Value* found = value.find(key);
  static const Value kMissing = Value::null();
  return found ? *found : kMissing;
}

const Value& stage(const Value& document, std::size_t index) {
  return at(document, "stages").array_items().at(index);
}

const Value& instruction(const Value& document, std::size_t stage_index,
                         std::size_t index) {
  return at(stage(document, stage_index), "instructions")
      .array_items()
      .at(index);
}

Value parse_ok(std::string_view text) {
  auto parsed = parse_dockerfile(text, "Dockerfile");
  EXPECT_TRUE(parsed.is_ok()) << parsed.status().to_string();
  return parsed.is_ok() ? *parsed : Value();
}

TEST(Dockerfile, ReadsStagesWithNamesAndLines) {
  Value doc = parse_ok(
      "FROM golang:1.22 AS build\nRUN go build\n\n"
      "FROM --platform=linux/amd64 alpine:3.19\nCOPY --from=build /x /x\n");
  ASSERT_EQ(at(doc, "stages").size(), 2u);
  EXPECT_EQ(at(stage(doc, 0), "name"), Value::string("build"));
  EXPECT_EQ(at(stage(doc, 0), "image"), Value::string("golang:1.22"));
  EXPECT_EQ(at(stage(doc, 0), "start_line"), Value::integer(1));
  EXPECT_EQ(at(stage(doc, 0), "end_line"), Value::integer(2));
  EXPECT_TRUE(at(stage(doc, 1), "name").is_null());
  EXPECT_EQ(at(stage(doc, 1), "platform"), Value::string("linux/amd64"));
  const Value& copy = instruction(doc, 1, 0);
  EXPECT_EQ(at(copy, "cmd"), Value::string("copy"));
  EXPECT_EQ(to_json(at(copy, "flags")), R"(["--from=build"])");
  EXPECT_EQ(at(copy, "start_line"), Value::integer(5));
}

TEST(Dockerfile, JoinsContinuationsAndSkipsCommentsInside) {
  Value doc = parse_ok(
      "FROM debian:12\nRUN apt-get update && \\\n# a note\n\n"
      "    apt-get install -y curl\nUSER app\n");
  const Value& run = instruction(doc, 0, 0);
  EXPECT_EQ(at(run, "text"),
            Value::string("apt-get update &&     apt-get install -y curl"));
  EXPECT_EQ(at(run, "start_line"), Value::integer(2));
  EXPECT_EQ(at(run, "end_line"), Value::integer(5));
  EXPECT_EQ(at(instruction(doc, 0, 1), "start_line"), Value::integer(6));
}

TEST(Dockerfile, DistinguishesExecAndShellForms) {
  Value doc = parse_ok(
      "FROM scratch\nCMD [\"/app\", \"--serve\"]\nENTRYPOINT /app run\n"
      "CMD [not json\n");
  const Value& exec = instruction(doc, 0, 0);
  EXPECT_EQ(at(exec, "exec"), Value::boolean(true));
  EXPECT_EQ(to_json(at(exec, "value")), R"(["/app","--serve"])");
  EXPECT_EQ(at(exec, "text"), Value::string("/app --serve"));
  EXPECT_EQ(at(instruction(doc, 0, 1), "exec"), Value::boolean(false));
  EXPECT_EQ(to_json(at(instruction(doc, 0, 1), "value")), R"(["/app run"])");
  EXPECT_EQ(at(instruction(doc, 0, 2), "exec"), Value::boolean(false));
}

TEST(Dockerfile, ReadsHeredocsIntoTheInstruction) {
  Value doc = parse_ok(
      "FROM alpine:3.19\nRUN <<EOF\nset -e\ncurl -s x | sh\nEOF\n"
      "COPY <<-'CONF' /etc/app.conf\n\tkey=1\n\tCONF\nUSER 10001\n");
  const Value& run = instruction(doc, 0, 0);
  EXPECT_EQ(at(run, "end_line"), Value::integer(5));
  EXPECT_EQ(to_json(at(run, "heredocs")),
            R"([{"body":"set -e\ncurl -s x | sh\n","name":"EOF",)"
            R"("start_line":3}])");
  EXPECT_EQ(at(run, "text"), Value::string("<<EOF\nset -e\ncurl -s x | sh\n"));
  const Value& copy = instruction(doc, 0, 1);
  EXPECT_EQ(at(at(copy, "heredocs").array_items()[0], "body"),
            Value::string("key=1\n"));
  EXPECT_EQ(at(instruction(doc, 0, 2), "start_line"), Value::integer(9));
}

TEST(Dockerfile, HereStringIsNotAHeredoc) {
  Value doc = parse_ok("FROM alpine:3.19\nRUN cat <<< hi\nUSER 1\n");
  EXPECT_EQ(at(instruction(doc, 0, 0), "heredocs").size(), 0u);
  EXPECT_EQ(at(instruction(doc, 0, 1), "cmd"), Value::string("user"));
}

TEST(Dockerfile, ResolvesGlobalArgsInFrom) {
  Value doc = parse_ok(
      "ARG BASE=alpine\nARG TAG\nFROM ${BASE}:${TAG:-3.19}\n"
      "FROM $UNKNOWN\n");
  EXPECT_EQ(at(doc, "args").size(), 2u);
  EXPECT_EQ(at(stage(doc, 0), "image"), Value::string("alpine:3.19"));
  EXPECT_EQ(at(stage(doc, 0), "image_raw"),
            Value::string("${BASE}:${TAG:-3.19}"));
  EXPECT_EQ(at(stage(doc, 1), "image"), Value::string("$UNKNOWN"));
  EXPECT_EQ(to_json(at(at(doc, "args").array_items()[1], "pairs")),
            R"([{"key":"TAG","value":null}])");
}

TEST(Dockerfile, HonoursEscapeAndSyntaxDirectives) {
  Value doc = parse_ok(
      "# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/"
      "windows/servercore:ltsc2022\nRUN dir `\n  C:\\\n");
  EXPECT_EQ(to_json(at(doc, "directives")),
            R"({"escape":"`","syntax":"docker/dockerfile:1"})");
  EXPECT_EQ(at(instruction(doc, 0, 0), "text"), Value::string("dir   C:\\"));
}

TEST(Dockerfile, DirectivesEndAtTheFirstOtherLine) {
  Value doc = parse_ok("# a comment\n# escape=`\nFROM alpine:3.19\n");
  EXPECT_EQ(to_json(at(doc, "directives")), R"({"escape":"\\"})");
}

TEST(Dockerfile, ReadsEnvLabelExposeAndUserFields) {
  Value doc = parse_ok(
      "FROM alpine:3.19\nENV A=1 B=\"two words\"\nENV LEGACY some value\n"
      "EXPOSE 80/tcp 22\nUSER app:staff\nLABEL k=v\n");
  EXPECT_EQ(to_json(at(instruction(doc, 0, 0), "pairs")),
            R"([{"key":"A","value":"1"},{"key":"B","value":"two words"}])");
  EXPECT_EQ(to_json(at(instruction(doc, 0, 1), "pairs")),
            R"([{"key":"LEGACY","value":"some value"}])");
  EXPECT_EQ(to_json(at(instruction(doc, 0, 2), "ports")), R"(["80/tcp","22"])");
  EXPECT_EQ(at(instruction(doc, 0, 3), "user"), Value::string("app"));
  EXPECT_EQ(at(instruction(doc, 0, 3), "group"), Value::string("staff"));
  EXPECT_EQ(at(instruction(doc, 0, 4), "cmd"), Value::string("label"));
}

TEST(Dockerfile, KeywordsAreCaseInsensitiveAndCrlfIsAccepted) {
  Value doc = parse_ok("from alpine:3.19\r\nrun echo hi\r\n");
  EXPECT_EQ(at(instruction(doc, 0, 0), "cmd"), Value::string("run"));
  EXPECT_EQ(at(instruction(doc, 0, 0), "text"), Value::string("echo hi"));
}

TEST(Dockerfile, RejectsInstructionBeforeFrom) {
  auto parsed = parse_dockerfile("\nRUN echo\nFROM alpine\n", "Dockerfile");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().to_string(),
            "Dockerfile:2: instruction run before the first FROM (only ARG "
            "may come before it)");
}

TEST(Dockerfile, RejectsBadEscapeDirective) {
  auto parsed = parse_dockerfile("# escape=x\nFROM alpine\n", "Dockerfile");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().location().line, 1);
}

TEST(Dockerfile, RejectsBinaryAndOversizedInput) {
  EXPECT_FALSE(parse_dockerfile(std::string_view("FROM a\0b", 8)).is_ok());
  DockerfileLimits limits;
  limits.max_bytes = 4;
  auto parsed = parse_dockerfile("FROM alpine\n", "", limits);
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kLimitExceeded);
}

TEST(Dockerfile, CapsTheNumberOfInstructions) {
  DockerfileLimits limits;
  limits.max_instructions = 3;
  auto parsed =
      parse_dockerfile("FROM a\nRUN 1\nRUN 2\nRUN 3\n", "Dockerfile", limits);
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().location().line, 4);
}

TEST(Dockerfile, UnterminatedHeredocRunsToTheEnd) {
  Value doc = parse_ok("FROM a\nRUN <<EOF\necho\n");
  EXPECT_EQ(at(instruction(doc, 0, 0), "end_line"), Value::integer(3));
}

TEST(Dockerfile, EmptyFileHasNoStages) {
  Value doc = parse_ok("# just a comment\n\n");
  EXPECT_EQ(at(doc, "stages").size(), 0u);
}

TEST(DockerfileName, RecognisesConventionalNames) {
  EXPECT_TRUE(is_dockerfile_name("Dockerfile"));
  EXPECT_TRUE(is_dockerfile_name("build/Containerfile"));
  EXPECT_TRUE(is_dockerfile_name("Dockerfile.prod"));
  EXPECT_TRUE(is_dockerfile_name("api.Dockerfile"));
  EXPECT_TRUE(is_dockerfile_name("x/web.dockerfile"));
  EXPECT_FALSE(is_dockerfile_name("Dockerfile.dockerignore"));
  EXPECT_FALSE(is_dockerfile_name("Dockerfiles"));
  EXPECT_FALSE(is_dockerfile_name("main.go"));
  EXPECT_FALSE(is_dockerfile_name("src/document/dockerfile.cc"));
  EXPECT_FALSE(is_dockerfile_name("include/rampart/document/dockerfile.h"));
  EXPECT_TRUE(is_dockerfile_name("dockerfile"));
}

}  // namespace
}  // namespace rampart
