// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "rego/builtins/call_builtin.h"

namespace rampart::rego {
namespace {

using testing::run;

TEST(Sprintf, FormatsGoVerbs) {
  EXPECT_EQ(run("sprintf", {R"("%s from %s")", R"(["alice", "eng"])"}),
            R"("alice from eng")");
  EXPECT_EQ(run("sprintf", {R"("%d %5d|%-4d|%05d")", "[42, 42, 7, -42]"}),
            R"("42    42|7   |-0042")");
  EXPECT_EQ(run("sprintf", {R"("%x %X %o %b %#x")", "[255, 255, 64, 15, 255]"}),
            R"("ff FF 100 1111 0xff")");
  EXPECT_EQ(
      run("sprintf", {R"("%.2f %f %e %g")", "[3.14159, 3.14, 1234.5, 0.5]"}),
      R"("3.14 3.140000 1.234500e+03 0.5")");
  EXPECT_EQ(run("sprintf", {R"("%b %x %X")", "[0.5, 0.5, 1.5]"}),
            R"("4503599627370496p-53 0x1p-01 0X1.8P+00")");
  EXPECT_EQ(run("sprintf", {R"("%v %v %v")", "[1.5, 1234567.5, 0.00001]"}),
            R"("1.5 1.2345675e+06 1e-05")");
  EXPECT_EQ(run("sprintf", {R"("%q %%")", R"(["a\"b\n"])"}),
            R"("\"a\\\"b\\n\" %")");
}

TEST(Sprintf, CompositeValuesPrintAsRego) {
  EXPECT_EQ(run("sprintf", {R"("%v")", R"([{"key": "value"}])"}),
            R"("{\"key\": \"value\"}")");
  EXPECT_EQ(run("sprintf", {R"("%v %v %s")", "[true, null, [1, \"a\"]]"}),
            R"("true null [1, \"a\"]")");
}

TEST(Sprintf, BigIntegersStayExact) {
  EXPECT_EQ(
      run("sprintf",
          {R"("%s %d")", "[123456789123456789123, 1208925819614629174706175]"}),
      R"("123456789123456789123 1208925819614629174706175")");
}

TEST(Sprintf, MismatchesAreReportedInline) {
  EXPECT_EQ(run("sprintf", {R"("%s %d")", R"(["only"])"}),
            R"x("only %!d(MISSING)")x");
  EXPECT_EQ(run("sprintf", {R"("%d")", R"(["x"])"}), R"x("%!d(string=x)")x");
  EXPECT_EQ(run("sprintf", {R"("%s")", "[5]"}), R"x("%!s(int=5)")x");
  EXPECT_EQ(run("sprintf", {R"("x")", R"([1, "a"])"}),
            R"x("x%!(EXTRA int=1, string=a)")x");
  EXPECT_EQ(run("sprintf", {"1", "[]"}),
            "type_error: operand 1 must be string but got number");
}

TEST(Sprintf, ExplicitArgumentIndexes) {
  // Go's %[n]: pick argument n, continue from n+1; no EXTRA report once
  // the arguments were reordered.
  EXPECT_EQ(run("sprintf", {R"("%[2]d %[1]s")", R"(["a", 5])"}), R"("5 a")");
  EXPECT_EQ(run("sprintf", {R"("%[1]d %[1]x %[1]o")", "[64]"}),
            R"("64 40 100")");
  EXPECT_EQ(run("sprintf", {R"("%[2]d %d")", "[1, 2, 3]"}), R"("2 3")");
  EXPECT_EQ(run("sprintf", {R"("%[1]*d|")", "[4, 7]"}), R"("   7|")");
}

TEST(Sprintf, BadIndexesAreReportedInline) {
  EXPECT_EQ(run("sprintf", {R"("%[3]d")", "[1]"}), R"x("%!d(BADINDEX)")x");
  EXPECT_EQ(run("sprintf", {R"("%[0]d")", "[1]"}), R"x("%!d(BADINDEX)")x");
  EXPECT_EQ(run("sprintf", {R"("%[x]d")", "[1]"}), R"x("%!d(BADINDEX)")x");
  EXPECT_EQ(run("sprintf", {R"("%[1]2d")", "[1]"}), R"x("%!d(BADINDEX)")x");
}

TEST(Sprintf, StarTakesWidthFromArguments) {
  // `*` consumes 42 as the width, leaving %d without an argument.
  EXPECT_EQ(run("sprintf", {R"("%*d")", "[42]"}), R"x("%!d(MISSING)")x");
  EXPECT_EQ(run("sprintf", {R"("%.*f")", "[2, 3.14159]"}), R"("3.14")");
  EXPECT_EQ(run("sprintf", {R"("%5.")", "[1]"}), R"x("%!.(int=1)")x");
}

TEST(Sprintf, InfinityPrintsAsGoDoes) {
  // A float beyond binary64 (1e400 in JSON input) must not crash.
  std::vector<Value> args = {
      Value::string("%v %f"),
      Value::array({Value::floating(1.0 / 0.0), Value::floating(-1.0 / 0.0)})};
  EXPECT_EQ(testing::show(testing::call("sprintf", args)), R"("+Inf -Inf")");
}

TEST(Strings, ReplaceNUsesKeyOrderPriority) {
  EXPECT_EQ(
      run("strings.replace_n", {R"({"a": "YY", "bba": "bX"})", R"("bbab")"}),
      R"("bXb")");
  EXPECT_EQ(run("strings.replace_n",
                {R"({"a": "Xa", "ab": "X", "ba": "bYa", "aaa": "X"})",
                 R"("aaaaab")"}),
            R"("XaXaXaXaXab")");
  EXPECT_EQ(run("strings.replace_n", {R"({"": "X", "a": "Y"})", R"("ab")"}),
            R"("XYXbX")");
  EXPECT_EQ(run("strings.replace_n", {R"({"": "-", "é": "e"})", R"("aéb")"}),
            R"("-a-e-b-")");
  EXPECT_EQ(
      run("strings.replace_n", {R"({"ab": "b", "b": "Y"})", R"("baaabbbba")"}),
      R"("YaabYYYa")");
}

TEST(Strings, CodePointPositions) {
  EXPECT_EQ(run("indexof", {R"("héllo")", R"("l")"}), "2");
  EXPECT_EQ(run("indexof_n", {R"("aaa")", R"("aa")"}), "[0,1]");
  EXPECT_EQ(run("substring", {R"("héllo")", "1", "3"}), R"("éll")");
  EXPECT_EQ(run("substring", {R"("abc")", "1", "-1"}), R"("bc")");
  EXPECT_EQ(run("substring", {R"("abc")", "-1", "1"}),
            "error: negative offset");
  EXPECT_EQ(run("strings.reverse", {R"("aé")"}), R"("éa")");
  EXPECT_EQ(run("count", {R"("aé")"}), "2");
}

TEST(Strings, SplitAndSplitN) {
  EXPECT_EQ(run("split", {R"("a.b.c")", R"(".")"}), R"(["a","b","c"])");
  EXPECT_EQ(run("split", {R"("ab")", R"("")"}), R"(["a","b"])");
  EXPECT_EQ(run("strings.split_n", {R"("a.b.c.d")", R"(".")", "2"}),
            R"(["a","b"])");
  EXPECT_EQ(run("strings.split_n", {R"("a.b.c.d")", R"(".")", "-2"}),
            R"(["c","d"])");
  EXPECT_EQ(run("strings.split_n", {R"("a.b")", R"(".")", "1.5"}),
            "type_error: operand 3 must be integer number but got "
            "floating-point number");
}

TEST(Strings, TrimFamily) {
  EXPECT_EQ(run("trim", {R"("!¡hi!¡")", R"("!¡")"}), R"("hi")");
  EXPECT_EQ(run("trim_left", {R"("xxhix")", R"("x")"}), R"("hix")");
  EXPECT_EQ(run("trim_right", {R"("xxhix")", R"("x")"}), R"("xxhi")");
  EXPECT_EQ(run("trim_prefix", {R"("prefix")", R"("pre")"}), R"("fix")");
  EXPECT_EQ(run("trim_suffix", {R"("prefix")", R"("fix")"}), R"("pre")");
  EXPECT_EQ(run("trim_space", {R"(" \t hi \n")"}), R"("hi")");
}

TEST(Strings, ConcatAndMatchers) {
  EXPECT_EQ(run("concat", {R"(",")", R"(["a","b"])"}), R"("a,b")");
  EXPECT_EQ(run("concat", {R"(",")", R"(["a",1])"}),
            "type_error: operand 2 must be array of strings but got array "
            "containing number");
  EXPECT_EQ(run("strings.any_prefix_match", {R"(["a/b"])", R"(["x/", "a/"])"}),
            "true");
  EXPECT_EQ(run("strings.any_prefix_match", {"1", R"("a")"}),
            "type_error: operand 1 must be one of {string, set, array} but "
            "got number");
  EXPECT_EQ(run("strings.any_suffix_match", {R"("a.txt")", R"(".md")"}),
            "false");
  EXPECT_EQ(run("strings.count", {R"("cheese")", R"("e")"}), "3");
  EXPECT_EQ(run("strings.count", {R"("five")", R"("")"}), "5");
}

TEST(Strings, FormatIntAndCase) {
  EXPECT_EQ(run("format_int", {"-10", "16"}), R"("-a")");
  EXPECT_EQ(run("format_int", {"10.7", "8"}), R"("12")");
  EXPECT_EQ(run("format_int", {"10", "3"}),
            "type_error: operand 2 must be one of {2, 8, 10, 16}");
  EXPECT_EQ(run("upper", {R"("héllo")"}), R"("HÉLLO")");
  EXPECT_EQ(run("lower", {R"("ÀB")"}), R"("àb")");
  EXPECT_EQ(run("replace", {R"("aaa")", R"("a")", R"("b")"}), R"("bbb")");
}

TEST(Strings, RenderTemplate) {
  EXPECT_EQ(
      run("strings.render_template",
          {R"("{{range $i, $name := .names}}{{if $i}},{{end}}hello {{$name}}{{end}}")",
           R"({"names": ["rohan", "john doe"]})"}),
      R"("hello rohan,hello john doe")");
  EXPECT_EQ(run("strings.render_template",
                {R"("test {{.foo}} {{.baz}}")", R"({"baz": 1})"}),
            R"("test <undefined> 1")");
  EXPECT_EQ(run("strings.render_template",
                {R"("{{- if .a }} yes {{- else -}} no {{- end }}")",
                 R"({"a": false})"}),
            R"("no")");
}

TEST(Strings, RenderTemplatePipelinesAndPrintf) {
  // Each command gets the previous result as its last argument.
  EXPECT_EQ(run("strings.render_template",
                {R"("{{.b | len | printf \"%v!\"}} {{index .b 1 | print}}")",
                 R"({"b": ["x", "y"]})"}),
            R"("2! y")");
  EXPECT_EQ(run("strings.render_template",
                {R"("{{(printf \"%s-%s\" .a .a) | printf \"[%s]\"}}")",
                 R"({"a": "z"})"}),
            R"("[z-z]")");
  EXPECT_EQ(run("strings.render_template",
                {R"("{{.a | .b}}")", R"({"a": 1, "b": 2})"}),
            "error: template: can't give argument to non-function .b");
}

TEST(Strings, RenderTemplatePrintfSeesOpaDataTypes) {
  // OPA decodes the variables with numbers as json.Number, a string type,
  // so %d does not apply to them while %s and %v do.
  EXPECT_EQ(run("strings.render_template",
                {R"("{{printf \"%d|%v|%05s|%t|%s\" .a .a .a .c .b}}")",
                 R"({"a": 42, "b": ["x", "y"], "c": true})"}),
            R"x("%!d(json.Number=42)|42|00042|true|[x y]")x");
  EXPECT_EQ(run("strings.render_template",
                {R"("{{printf \"%v %s\" .n .n}}")", R"({"n": null})"}),
            R"x("<nil> %!s(<nil>)")x");
}

TEST(Strings, RenderTemplateBoundsParentheses) {
  std::string deep(5000, '(');
  std::string text = "\"{{" + deep + ".a" + std::string(5000, ')') + "}}\"";
  EXPECT_EQ(run("strings.render_template", {text, R"({"a": 1})"}),
            "error: template: parentheses nested too deeply");
}

TEST(Strings, RenderTemplateRejectsMalformedTemplates) {
  // Found by fuzz_rego_builtins: an empty action used to read past its words.
  EXPECT_EQ(run("strings.render_template", {R"("{{}}x")", "{}"}),
            "error: template: template:1: missing value for command");
  EXPECT_EQ(run("strings.render_template", {R"("{{if .a}}x")", "{}"}),
            "error: template: template:1: unexpected EOF");
  EXPECT_EQ(run("strings.render_template", {R"("{{$x :=}}")", "{}"}),
            "error: template: missing value for command");
}

}  // namespace
}  // namespace rampart::rego
