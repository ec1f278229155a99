// SPDX-License-Identifier: Apache-2.0
#include "findings/text.h"

#include <string>

#include <gtest/gtest.h>

namespace rampart::report_text {
namespace {

TEST(ValidUtf8, ReplacesMalformedSequences) {
  EXPECT_EQ(valid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(valid_utf8("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"),                           // surrogate
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(valid_utf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // cut short
}

TEST(AppendJsonString, EscapesControlsAndQuotes) {
  std::string out;
  append_json_string(out, std::string("a\"b\\c\n\x01\x7F", 8));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001\\u007f\"");
}

TEST(XmlSafe, DropsForbiddenControls) {
  EXPECT_EQ(xml_safe(std::string("a\x00"
                                 "b\x1B"
                                 "c\td",
                                 7)),
            "abc\td");
}

TEST(TerminalSafe, NeutralisesEscapeSequences) {
  EXPECT_EQ(terminal_safe("\x1B]0;pwned\x07ok"), "?]0;pwned?ok");
  EXPECT_EQ(terminal_safe("x\xC2\x9B"
                          "31m"),
            "x?31m");  // C1 CSI
  EXPECT_EQ(terminal_safe("tab\there"), "tab here");
}

TEST(UriPath, PercentEncodesOutsideUnreserved) {
  EXPECT_EQ(uri_path("k8s/my deploy.yaml"), "k8s/my%20deploy.yaml");
  EXPECT_EQ(uri_path("<stdin>"), "%3Cstdin%3E");
}

}  // namespace
}  // namespace rampart::report_text
