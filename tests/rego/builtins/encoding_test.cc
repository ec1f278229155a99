// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "builtin_test_util_b.h"

namespace rampart::rego {
namespace {

using testing_b::call;
using testing_b::json;
using testing_b::s;
using testing_b::show;

TEST(Base64, RoundTrip) {
  EXPECT_EQ(show(call("base64.encode", {s("rampart?>")})), R"("cmFtcGFydD8+")");
  EXPECT_EQ(show(call("base64.decode", {s("cmFtcGFydD8+")})), R"("rampart?>")");
  EXPECT_EQ(show(call("base64.decode", {s("cmFt\ncGE=")})), R"("rampa")");
  EXPECT_EQ(show(call("base64.encode", {s("")})), R"("")");
}

TEST(Base64, GoErrors) {
  EXPECT_EQ(show(call("base64.decode", {s("cmFtcGE")})),
            "<error: illegal base64 data at input byte 4>");
  EXPECT_EQ(show(call("base64.decode", {s("cm$t")})),
            "<error: illegal base64 data at input byte 2>");
  EXPECT_EQ(show(call("base64.decode", {s("cmE=x")})),
            "<error: illegal base64 data at input byte 4>");
  EXPECT_EQ(show(call("base64.is_valid", {s("cmFtcGE=")})), "true");
  EXPECT_EQ(show(call("base64.is_valid", {s("cmFtcGE")})), "false");
}

TEST(Base64Url, PaddingVariants) {
  EXPECT_EQ(show(call("base64url.encode", {s("\xfb\xff")})), R"("-_8=")");
  EXPECT_EQ(show(call("base64url.encode_no_pad", {s("\xfb\xff")})), R"("-_8")");
  EXPECT_EQ(show(call("base64url.decode", {s("cmFtcGE")})), R"("rampa")");
  EXPECT_EQ(show(call("base64url.decode", {s("cmFtcGE=")})), R"("rampa")");
  EXPECT_EQ(show(call("base64url.decode", {s("cmFtc")})),
            "<error: illegal base64url string: cmFtc>");
}

TEST(Hex, EncodeDecodeAndErrors) {
  EXPECT_EQ(show(call("hex.encode", {s("Az")})), R"("417a")");
  EXPECT_EQ(show(call("hex.decode", {s("417A")})), R"("Az")");
  EXPECT_EQ(show(call("hex.decode", {s("41z1")})),
            "<error: encoding/hex: invalid byte: U+007A 'z'>");
  EXPECT_EQ(show(call("hex.decode", {s("414")})),
            "<error: encoding/hex: odd length hex string>");
}

TEST(UrlQuery, EscapeAndUnescape) {
  EXPECT_EQ(show(call("urlquery.encode", {s("a b&c=d/é")})),
            R"("a+b%26c%3Dd%2F%C3%A9")");
  EXPECT_EQ(show(call("urlquery.decode", {s("a+b%26c%3dd")})), R"("a b&c=d")");
  EXPECT_EQ(show(call("urlquery.decode", {s("bad%g1")})),
            R"(<error: invalid URL escape "%g1">)");
}

TEST(UrlQuery, Objects) {
  EXPECT_EQ(show(call("urlquery.encode_object",
                      {json(R"({"z": "1", "a": ["x y", "2"]})")})),
            R"("a=x+y&a=2&z=1")");
  EXPECT_EQ(show(call("urlquery.encode_object", {json(R"({"a": 1})")})),
            "<type error: operand 1 only the following data types are "
            "allowed: string, array of strings, set of strings>");
  EXPECT_EQ(show(call("urlquery.decode_object", {s("b=2&a=1&b=3&flag")})),
            R"({"a":["1"],"b":["2","3"],"flag":[""]})");
}

TEST(JsonMarshal, GoEncoding) {
  Value v = Value::object(
      {{s("html"), s("<a&b>")},
       {s("set"), Value::set({Value::integer(2), Value::integer(1)})}});
  EXPECT_EQ(show(call("json.marshal", {v})),
            R"("{\"html\":\"\\u003ca\\u0026b\\u003e\",\"set\":[1,2]}")");
}

TEST(JsonMarshalWithOptions, IndentAndPrefix) {
  Value v = json(R"({"a": [1, {}], "b": []})");
  auto result = call("json.marshal_with_options",
                     {v, json(R"({"indent": "  ", "prefix": "> "})")});
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result.value().as_string(),
            "{\n>   \"a\": [\n>     1,\n>     {}\n>   ],\n>   \"b\": []\n> }");
  auto tabs = call("json.marshal_with_options",
                   {json("[1]"), json(R"({"pretty": true})")});
  EXPECT_EQ(tabs.value().as_string(), "[\n\t1\n]");
  auto off = call("json.marshal_with_options",
                  {json("[1]"), json(R"({"indent": " ", "pretty": false})")});
  EXPECT_EQ(off.value().as_string(), "[1]");
  EXPECT_EQ(call("json.marshal_with_options",
                 {json("[1]"), json(R"({"colour": true})")})
                .outcome(),
            BuiltinResult::Outcome::kTypeError);
}

TEST(JsonUnmarshal, ValidAndInvalid) {
  EXPECT_EQ(show(call("json.unmarshal", {s(R"({"k": [true, null]})")})),
            R"({"k":[true,null]})");
  EXPECT_EQ(call("json.unmarshal", {s("{")}).outcome(),
            BuiltinResult::Outcome::kError);
  EXPECT_EQ(show(call("json.is_valid", {s("[1, 2")})), "false");
  EXPECT_EQ(show(call("json.is_valid", {s("7")})), "true");
  EXPECT_EQ(show(call("json.is_valid", {Value::integer(7)})), "false");
}

TEST(YamlUnmarshal, FirstDocumentOfValidStream) {
  EXPECT_EQ(show(call("yaml.unmarshal", {s("k:\n  - 1\n  - x\n")})),
            R"({"k":[1,"x"]})");
  EXPECT_EQ(show(call("yaml.unmarshal", {s("a: 1\n---\nb: 2\n")})),
            R"({"a":1})");
  EXPECT_EQ(show(call("yaml.is_valid", {s("a: [1\n")})), "false");
  EXPECT_EQ(show(call("yaml.is_valid", {s("a: 1\n---\n\tb: 2\n")})), "false");
  EXPECT_EQ(show(call("yaml.is_valid", {Value::null()})), "false");
  // Invalid UTF-8 is refused before the YAML reader sees it.
  EXPECT_EQ(show(call("yaml.unmarshal", {s("% [:\xf5")})),
            "<error: yaml: invalid leading UTF-8 octet>");
}

TEST(YamlUnmarshal, PlainScalarsResolveAsYaml11) {
  // OPA reads YAML through Go's yaml.v2: YAML 1.1 booleans (also as keys,
  // which JSON then spells as strings), octal 010, underscores in numbers;
  // quoted and tagged scalars stay strings, timestamps too.
  EXPECT_EQ(
      show(call("yaml.unmarshal", {s("a: yes\nb: Off\nc: \"yes\"\nd: !!str on\n"
                                     "on: push\n")})),
      R"({"a":true,"b":false,"c":"yes","d":"on","true":"push"})");
  EXPECT_EQ(show(call("yaml.unmarshal",
                      {s("o: 010\nu: 1_000\nh: 0x1F\nb: -0b101\nf: 08\n"
                         "t: 2001-12-14\nbig: 1e400\n")})),
            R"({"b":-5,"big":"1e400","f":8,"h":31,"o":8,"t":"2001-12-14",)"
            R"("u":1000})");
}

TEST(YamlUnmarshal, InfinityCannotBecomeJson) {
  EXPECT_EQ(show(call("yaml.unmarshal", {s("a: .inf\n")})),
            "<error: json: unsupported value: +Inf>");
  EXPECT_EQ(show(call("yaml.is_valid", {s("a: .nan\n")})), "false");
}

TEST(YamlMarshal, BlockStyleLikeGo) {
  Value v = json(R"({"name": "web", "ports": [80, 443], "meta": {"on": "yes",
      "empty": {}, "list": [], "n": null, "text": "a: b"},
      "items": [{"k": 1, "v": "x"}, [1, 2]], "f": 1.5})");
  auto result = call("yaml.marshal", {v});
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result.value().as_string(),
            "f: 1.5\n"
            "items:\n"
            "- k: 1\n"
            "  v: x\n"
            "- - 1\n"
            "  - 2\n"
            "meta:\n"
            "  empty: {}\n"
            "  list: []\n"
            "  \"n\": null\n"
            "  \"on\": \"yes\"\n"
            "  text: 'a: b'\n"
            "name: web\n"
            "ports:\n"
            "- 80\n"
            "- 443\n");
  EXPECT_EQ(call("yaml.marshal", {s("line1\nline2")}).value().as_string(),
            "|-\n  line1\n  line2\n");
  EXPECT_EQ(call("yaml.marshal", {s("123")}).value().as_string(), "\"123\"\n");
}

TEST(JsonMatchSchema, ReportsGoJsonSchemaErrors) {
  Value schema = json(R"({"type": "object", "required": ["name", "port"],
      "properties": {"name": {"type": "string"},
                     "port": {"type": "integer", "minimum": 1},
                     "tags": {"type": "array", "items": {"type": "string"}}},
      "additionalProperties": false})");
  EXPECT_EQ(show(call("json.match_schema",
                      {json(R"({"name": "a", "port": 8})"), schema})),
            "[true,[]]");
  auto result =
      call("json.match_schema",
           {json(R"({"port": 0, "tags": ["x", 3], "zz": 1})"), schema});
  ASSERT_TRUE(result.has_value());
  std::string text = show(result);
  EXPECT_NE(
      text.find(R"x({"desc":"name is required","error":"(root): name is )x"
                R"x(required","field":"(root)","type":"required"})x"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find(R"("error":"port: Must be greater than or equal to 1")"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"("error":"tags.1: Invalid type. Expected: string, )"
                      R"(given: integer")"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"("type":"additional_property_not_allowed")"),
            std::string::npos)
      << text;
}

TEST(JsonMatchSchema, StringsAndBadSchemas) {
  EXPECT_EQ(show(call("json.match_schema",
                      {s(R"({"a": 1})"), s(R"({"properties": {"a":
                         {"enum": [2, 3]}}})")})),
            R"([false,[{"desc":"a must be one of the following: 2, 3",)"
            R"("error":"a: a must be one of the following: 2, 3",)"
            R"("field":"a","type":"enum"}]])");
  auto bad =
      call("json.match_schema", {json("{}"), json(R"({"type": "int"})")});
  EXPECT_EQ(bad.outcome(), BuiltinResult::Outcome::kError);
  EXPECT_EQ(show(call("json.verify_schema", {json(R"({"type": "int"})")})),
            R"([false,"has a primitive type that is NOT VALID -- given: /int/ )"
            R"(Expected valid values are:[array boolean integer number null )"
            R"(object string]"])");
  EXPECT_EQ(show(call("json.verify_schema", {json(R"({"type": "string"})")})),
            "[true,null]");
}

TEST(JsonMatchSchema, RefsAndCombinators) {
  Value schema = json(R"({"definitions": {"pos": {"type": "number",
      "exclusiveMinimum": 0}}, "anyOf": [{"$ref": "#/definitions/pos"},
      {"type": "string", "pattern": "^x"}]})");
  EXPECT_EQ(show(call("json.match_schema", {Value::integer(3), schema})),
            "[true,[]]");
  EXPECT_EQ(show(call("json.match_schema", {s("\"xyz\""), schema})),
            "[true,[]]");
  EXPECT_EQ(show(call("json.match_schema", {Value::integer(-3), schema})),
            R"x([false,[{"desc":"Must validate at least one schema (anyOf)",)x"
            R"x("error":"(root): Must validate at least one schema (anyOf)",)x"
            R"x("field":"(root)","type":"number_any_of"}]])x");
}

}  // namespace
}  // namespace rampart::rego
