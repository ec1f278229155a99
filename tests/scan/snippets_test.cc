// SPDX-License-Identifier: Apache-2.0
#include "rampart/scan/snippets.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace rampart::scan {
namespace {

TEST(MaskSecret, MasksColumnsOrTheRest) {
  EXPECT_EQ(mask_secret("key = AKIAABCDEF # x", 7, 17), "key = ***** # x");
  EXPECT_EQ(mask_secret("token: abc", 8, 0), "token: *****");
  EXPECT_EQ(mask_secret("short", 50, 60), "short");
}

TEST(AttachSnippets, SecretLinesNeverCarryTheSecret) {
  Finding with_columns;
  with_columns.scanner = "secret";
  with_columns.target = "a.env";
  with_columns.start_line = with_columns.end_line = 2;
  with_columns.start_column = 7;
  with_columns.end_column = 15;
  Finding without_columns = with_columns;
  without_columns.start_column = without_columns.end_column = 0;
  std::vector<Finding*> findings = {&with_columns, &without_columns};
  attach_snippets("# env\nTOKEN=s3cr3tXY\nOTHER=1\n", findings);

  // No context: the next line might hold a credential no rule matched.
  ASSERT_EQ(with_columns.code.size(), 1u);
  EXPECT_EQ(with_columns.code[0].text, "TOKEN=*****");
  ASSERT_EQ(without_columns.code.size(), 1u);
  EXPECT_EQ(without_columns.code[0].text, "*****");
}

TEST(AttachSnippets, LongLinesAreCutAndLongRangesBounded) {
  Finding f;
  f.scanner = "misconfig";
  f.start_line = 1;
  f.end_line = 100;
  std::string content = std::string(1000, 'x') + "\n";
  for (int i = 0; i < 200; ++i) content += "line\n";
  std::vector<Finding*> findings = {&f};
  attach_snippets(content, findings);
  EXPECT_LE(f.code.size(), static_cast<std::size_t>(kMaxCodeLines));
  EXPECT_EQ(f.code[0].text.size(), kMaxCodeLineBytes + 3);
}

TEST(AttachSnippets, LineBeyondEndOfFileIsHarmless) {
  Finding f;
  f.start_line = 40;
  std::vector<Finding*> findings = {&f};
  attach_snippets("one\ntwo\n", findings);
  EXPECT_TRUE(f.code.empty());
  EXPECT_FALSE(f.fingerprint.empty());
}

}  // namespace
}  // namespace rampart::scan
