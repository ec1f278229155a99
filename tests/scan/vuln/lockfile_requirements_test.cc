// SPDX-License-Identifier: Apache-2.0
//
// requirements*.txt: pins, continuations, comments, includes, options.
#include <gtest/gtest.h>

#include "scan/vuln/lockfile_test_util.h"

namespace rampart::scan::vuln {
namespace {

using testing::find;
using testing::has;
using testing::parse;

TEST(Requirements, OnlyExactPinsCarryAVersion) {
  auto parsed = parse("requirements.txt",
                      "a==1.0\nb===2.0\nc>=3\nd~=4.1\ne==5.*\nf\n"
                      "g >= 1, == 7.0 ; python_version < '3'\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(find(*parsed, "a").version, "1.0");
  EXPECT_EQ(find(*parsed, "b").version, "2.0");
  EXPECT_EQ(find(*parsed, "c").version, "");
  EXPECT_EQ(find(*parsed, "d").version, "");
  EXPECT_EQ(find(*parsed, "e").version, "");
  EXPECT_EQ(find(*parsed, "f").version, "");
  EXPECT_EQ(find(*parsed, "g").version, "7.0");
  EXPECT_EQ(find(*parsed, "a").ecosystem, "PyPI");
  EXPECT_EQ(find(*parsed, "g").line, 7);
}

TEST(Requirements, ContinuationsJoinBeforeCommentsAreStripped) {
  auto parsed = parse("requirements.txt",
                      "foo==\\\n  1.2.3\nbar==1.0 # \\\nbaz==9.9\nqux==2.0\\");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(find(*parsed, "foo").version, "1.2.3");
  EXPECT_EQ(find(*parsed, "bar").version, "1.0");
  EXPECT_FALSE(has(*parsed, "baz"));  // swallowed by the comment
  EXPECT_EQ(find(*parsed, "qux").version, "2.0");
}

TEST(Requirements, OptionsNeedLeadingWhitespace) {
  auto parsed = parse("requirements.txt",
                      "a==1.0 --hash=sha256:00 -C x\nb--hash==2.0\n"
                      "c== --hash=sha256:00\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(find(*parsed, "a").version, "1.0");
  EXPECT_EQ(find(*parsed, "b--hash").version, "2.0");
  EXPECT_FALSE(has(*parsed, "c"));  // an empty pin is no requirement
}

TEST(Requirements, UrlsPathsAndVariablesAreSkipped) {
  auto parsed = parse("requirements.txt",
                      "x @ https://h/x.zip\n./w/y-1.0-py3-none-any.whl\n"
                      "https://h/z-1.0.tar.gz\nv==${VERSION}\nkept==1\n");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ(find(*parsed, "kept").version, "1");
}

TEST(Requirements, IncludesAreFollowedRelativeToTheFile) {
  auto parsed =
      parse("app/requirements.txt",
            "-r base/common.txt\n--requirement=../top.txt\n"
            "-c constraints.txt\nmain==1\n",
            {{"app/base/common.txt", "common==2\n-r ../requirements.txt\n"},
             {"top.txt", "top==3\n"}});
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(parsed->size(), 3u);
  EXPECT_EQ(find(*parsed, "common").source_file, "app/base/common.txt");
  EXPECT_EQ(find(*parsed, "top").source_file, "top.txt");
  EXPECT_EQ(find(*parsed, "main").source_file, "app/requirements.txt");
}

TEST(Requirements, MissingOrEscapingIncludesAreSkipped) {
  auto parsed =
      parse("requirements.txt", "-r nowhere.txt\n-r ../../etc/passwd\nok==1\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(parsed->size(), 1u);
}

TEST(Requirements, PipCompileViaCommentsMarkTransitives) {
  auto parsed = parse("requirements.txt",
                      "django==4.2\n    # via -r requirements.in\n"
                      "sqlparse==0.4\n    # via\n    #   django\n"
                      "asgiref==3.7\n    # via\n    #   -r requirements.in\n"
                      "    #   django\nplain==1\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(find(*parsed, "django").direct);
  EXPECT_FALSE(find(*parsed, "sqlparse").direct);
  EXPECT_TRUE(find(*parsed, "asgiref").direct);
  EXPECT_TRUE(find(*parsed, "plain").direct);
}

TEST(Requirements, ExtrasAndMarkersDoNotLeakIntoTheName) {
  auto parsed = parse("requirements.txt",
                      "celery [redis, pytest] == 4.4.7;os_name=='nt'\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(find(*parsed, "celery").version, "4.4.7");
}

}  // namespace
}  // namespace rampart::scan::vuln
