// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "rego/builtins/call_builtin.h"

namespace rampart::rego {
namespace {

using testing::run;

TEST(Regex, MatchAndValidity) {
  EXPECT_EQ(run("regex.match", {R"("^[a-z]+\\[[0-9]+\\]$")", R"("foo[1]")"}),
            "true");
  EXPECT_EQ(run("regex.match", {R"("")", R"("x")"}), "true");
  EXPECT_EQ(run("re_match", {R"("^$")", R"("x")"}), "false");
  EXPECT_EQ(run("regex.match", {R"("(abc")", R"("x")"}),
            "error: error parsing regexp: missing closing ): `(abc`");
  EXPECT_EQ(run("regex.is_valid", {R"(".*")"}), "true");
  EXPECT_EQ(run("regex.is_valid", {R"("[")"}), "false");
  EXPECT_EQ(run("regex.is_valid", {"1"}), "false");
}

TEST(Regex, SplitFollowsGo) {
  EXPECT_EQ(run("regex.split", {R"("^[a-z]+\\[[0-9]+\\]$")", R"("")"}),
            R"([""])");
  EXPECT_EQ(run("regex.split", {R"("^[a-z]+")", R"("foobar baz")"}),
            R"([""," baz"])");
  EXPECT_EQ(run("regex.split", {R"("[a-z]+$")", R"("foobar baz")"}),
            R"(["foobar ",""])");
  EXPECT_EQ(run("regex.split", {R"("a")", R"("banana")"}),
            R"(["b","n","n",""])");
}

TEST(Regex, FindAndSubmatches) {
  EXPECT_EQ(run("regex.find_n", {R"("a.")", R"("paranormal")", "-1"}),
            R"(["ar","an","al"])");
  EXPECT_EQ(run("regex.find_n", {R"("a.")", R"("paranormal")", "2"}),
            R"(["ar","an"])");
  EXPECT_EQ(run("regex.find_n", {R"("a*")", R"("baaab")", "-1"}),
            R"(["","aaa",""])");
  EXPECT_EQ(run("regex.find_all_string_submatch_n",
                {R"x("a(x*)b")x", R"("-axxb-ab-")", "-1"}),
            R"([["axxb","xx"],["ab",""]])");
}

TEST(Regex, ReplaceExpandsGroups) {
  EXPECT_EQ(run("regex.replace", {R"("-axxxbyc-")", R"x("w(x*)y")x", R"("0")"}),
            R"("-axxxbyc-")");
  EXPECT_EQ(run("regex.replace", {R"("-wxy-wy-")", R"x("w(x*)y")x", R"("0")"}),
            R"("-0-0-")");
  EXPECT_EQ(run("regex.replace", {R"("foo")", R"x("(foo)")x", R"("$1$1")"}),
            R"("foofoo")");
  EXPECT_EQ(run("regex.replace", {R"("ab")", R"x("(?P<x>a)")x", R"("[${x}]")"}),
            R"("[a]b")");
  EXPECT_EQ(run("regex.replace", {R"("abc")", R"("x*")", R"("-")"}),
            R"("-a-b-c-")");
}

TEST(Regex, TemplateMatch) {
  EXPECT_EQ(
      run("regex.template_match",
          {R"("urn:foo:{.*}")", R"("urn:foo:bar:baz")", R"("{")", R"("}")"}),
      "true");
  EXPECT_EQ(
      run("regex.template_match", {R"("urn:foo.bar:{[0-9]+}")",
                                   R"("urn:fooxbar:1")", R"("{")", R"("}")"}),
      "false");
  EXPECT_EQ(run("regex.template_match",
                {R"("urn:{a")", R"("urn:a")", R"("{")", R"("}")"}),
            "error: unbalanced braces in \"urn:{a\"");
}

TEST(Regex, GlobsMatchIntersectsLanguages) {
  EXPECT_EQ(run("regex.globs_match", {R"("a.a.")", R"(".b.b")"}), "true");
  EXPECT_EQ(run("regex.globs_match", {R"("[a-z]+")", R"("[0-9]*")"}), "false");
  EXPECT_EQ(run("regex.globs_match", {R"("[a-z]+")", R"("[0-9]*x")"}), "true");
  EXPECT_EQ(run("regex.globs_match", {R"("ab*c")", R"("a[^b]c")"}), "false");
  EXPECT_EQ(run("regex.globs_match", {R"("[z-a]")", R"("a")"}),
            "error: input:[z-a], pos:4, range is out of order: 'a' comes "
            "before 'z' in Unicode: the input provided is invalid");
  EXPECT_EQ(run("regex.globs_match", {R"("a\\")", R"("a")"}),
            "error: input:a\\, pos:1, input ends with a \\\\ (escape) "
            "character: the input provided is invalid");
  EXPECT_EQ(run("regex.globs_match", {R"("]")", R"("a")"}),
            "error: input:], pos:1, set-close ']' with no preceding '[': the "
            "input provided is invalid");
}

TEST(Glob, MatchWithDelimiters) {
  EXPECT_EQ(
      run("glob.match", {R"("*.github.com")", "[]", R"("api.github.com")"}),
      "true");
  EXPECT_EQ(
      run("glob.match", {R"("*.github.com")", "[]", R"("api.cdn.github.com")"}),
      "false");
  EXPECT_EQ(
      run("glob.match", {R"("*hub.com")", "null", R"("api.cdn.github.com")"}),
      "true");
  EXPECT_EQ(
      run("glob.match", {R"("api.**.com")", "[]", R"("api.cdn.github.com")"}),
      "true");
  EXPECT_EQ(run("glob.match", {R"("*?*")", R"([".", "/"])", R"("a/b")"}),
            "false");
  EXPECT_EQ(run("glob.match", {R"("?")", "null", R"("")"}), "false");
  EXPECT_EQ(run("glob.match", {R"("**/x")", "null", R"("x")"}), "false");
  EXPECT_EQ(run("glob.match", {R"("{**/,}x")", "null", R"("x")"}), "true");
  EXPECT_EQ(run("glob.match", {R"("[!a-c]at")", "[]", R"("lat")"}), "true");
  EXPECT_EQ(run("glob.match", {R"("{cat,bat,[fr]at}")", "[]", R"("at")"}),
            "false");
  EXPECT_EQ(run("glob.match", {R"("\\*")", "null", R"("*")"}), "true");
}

TEST(Glob, SyntaxErrorsInGobwasWording) {
  // OPA passes gobwas/glob's compile errors through unchanged.
  EXPECT_EQ(run("glob.match", {R"("[a")", "null", R"("a")"}),
            "error: unexpected end of input");
  EXPECT_EQ(run("glob.match", {R"("x[z-a]")", "[]", R"("xm")"}),
            "error: hi character 'a' should be greater than lo 'z'");
  EXPECT_EQ(run("glob.match", {R"("[]")", "[]", R"("a")"}),
            "error: could not parse range");
}

TEST(Glob, QuoteMeta) {
  EXPECT_EQ(run("glob.quote_meta", {R"("*.github.com")"}),
            R"("\\*.github.com")");
}

}  // namespace
}  // namespace rampart::rego
