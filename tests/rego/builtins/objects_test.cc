// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "rego/builtins/call_builtin.h"

namespace rampart::rego {
namespace {

using testing::run;

TEST(Objects, GetWithKeysAndPaths) {
  EXPECT_EQ(run("object.get", {R"({"a": 1})", R"("a")", "0"}), "1");
  EXPECT_EQ(run("object.get", {R"({"a": 1})", R"("b")", "0"}), "0");
  EXPECT_EQ(
      run("object.get", {R"({"a": {"b": [5, 6]}})", R"(["a", "b", 1])", "0"}),
      "6");
  EXPECT_EQ(run("object.get", {R"({"a": 1})", "[]", "0"}), R"({"a":1})");
  EXPECT_EQ(run("object.get", {R"({"a": 1})", R"(["a", "x"])", "null"}),
            "null");
  EXPECT_EQ(run("object.keys", {R"("x")"}),
            "type_error: operand 1 must be object but got string");
}

TEST(Objects, RemoveFilterUnion) {
  EXPECT_EQ(run("object.remove", {R"({"a": 1, "b": 2})", R"(["a"])"}),
            R"({"b":2})");
  EXPECT_EQ(run("object.filter", {R"({"a": 1, "b": 2})", R"({"a": 0})"}),
            R"({"a":1})");
  EXPECT_EQ(run("object.remove", {R"({"a": 1})", R"("a")"}),
            "type_error: operand 2 must be one of {object, set, array} but "
            "got string");
  EXPECT_EQ(run("object.union",
                {R"({"a": {"b": 1, "c": 2}})", R"({"a": {"b": 3}, "d": 4})"}),
            R"({"a":{"b":3,"c":2},"d":4})");
  EXPECT_EQ(run("object.union_n", {R"([{"a": 1}, {"a": 2, "b": 1}])"}),
            R"({"a":2,"b":1})");
  EXPECT_EQ(run("object.union_n", {"[]"}), "{}");
}

TEST(Objects, Subset) {
  EXPECT_EQ(run("object.subset", {R"({"a": 1, "n": {"x": [6, 7, 8]}})",
                                  R"({"n": {"x": [7, 8]}})"}),
            "true");
  EXPECT_EQ(run("object.subset", {"[1, 2, 3]", "[1, 3]"}), "false");
  EXPECT_EQ(run("object.subset", {R"({"a": 1})", R"({"a": 2})"}), "false");
  EXPECT_EQ(run("object.subset", {R"({"a": 1})", "[1]"}),
            "type_error: operand 2 must be object but got array");
}

TEST(Json, FilterAndRemove) {
  const char* doc = R"({"a": {"b": {"c": 7, "d": 8}, "x": [1, 2]}, "e": 9})";
  EXPECT_EQ(run("json.filter", {doc, R"(["a/b/c", "e"])"}),
            R"({"a":{"b":{"c":7}},"e":9})");
  EXPECT_EQ(run("json.filter", {doc, R"([["a", "x", "1"]])"}),
            R"({"a":{"x":[2]}})");
  // Array elements are selected by index text only, as in OPA.
  EXPECT_EQ(run("json.filter", {doc, R"([["a", "x", 1]])"}),
            R"({"a":{"x":[]}})");
  EXPECT_EQ(run("json.remove", {doc, R"(["a/b/c", "a/x/0"])"}),
            R"({"a":{"b":{"d":8},"x":[2]},"e":9})");
  EXPECT_EQ(run("json.filter", {"{}", R"(["a/b"])"}), "{}");
}

TEST(Json, PatchFollowsRfc6902) {
  EXPECT_EQ(run("json.patch", {R"({"a": {"foo": 1}})",
                               R"([{"op": "add", "path": "/a/bar", "value": 2},
                                   {"op": "replace", "path": "/a/foo",
                                    "value": 42}])"}),
            R"({"a":{"bar":2,"foo":42}})");
  EXPECT_EQ(
      run("json.patch", {R"({"arr": [1, 2, 3]})",
                         R"([{"op": "add", "path": "/arr/1", "value": "x"},
                     {"op": "add", "path": "/arr/-", "value": 4},
                     {"op": "remove", "path": "/arr/0"}])"}),
      R"({"arr":["x",2,3,4]})");
  EXPECT_EQ(run("json.patch", {R"({"a": {"b": 1}})",
                               R"([{"op": "move", "from": "/a/b",
                                    "path": "/c"}])"}),
            R"({"a":{},"c":1})");
  EXPECT_EQ(run("json.patch", {R"({"foo/bar": {}})",
                               R"([{"op": "add", "path": "/foo~1bar/baz~0",
                                    "value": 1}])"}),
            R"({"foo/bar":{"baz~":1}})");
  EXPECT_EQ(
      run("json.patch",
          {R"({"a": 1})", R"([{"op": "test", "path": "/a", "value": 2}])"}),
      "undefined");
  EXPECT_EQ(
      run("json.patch", {"[1, 2]", R"([{"op": "remove", "path": "/01"}])"}),
      "undefined");
  EXPECT_EQ(
      run("json.patch", {"[1, 2]", R"([{"op": "remove", "path": "/-"}])"}),
      "undefined");
  EXPECT_EQ(run("json.patch", {R"({"a": {"b": 1}})",
                               R"([{"op": "move", "from": "/a",
                                    "path": "/a/c"}])"}),
            "undefined");
  EXPECT_EQ(run("json.patch", {R"({"a": 1})",
                               R"([{"op": "remove", "path": ""},
                                   {"op": "add", "path": "",
                                    "value": {"b": 2}}])"}),
            R"({"b":2})");
  EXPECT_EQ(run("json.patch", {"[1, 2, 3]", R"([{"op": "add", "path": "1.2",
                                                 "value": "foo"}])"}),
            "undefined");
}

TEST(Json, PatchAddressesSetMembersByValue) {
  Value set = Value::set({Value::string("a"), Value::string("b")});
  auto patch = testing::json(
      R"([{"op": "add", "path": ["c"], "value": "c"},
          {"op": "remove", "path": ["a"]}])");
  EXPECT_EQ(testing::show(testing::call("json.patch", {set, patch})),
            R"(["b","c"])");
}

TEST(Graph, WalkYieldsPathsParentFirst) {
  EXPECT_EQ(run("walk", {R"({"a": [1]})"}),
            R"([[[],{"a":[1]}],[["a"],[1]],[["a",0],1]])");
  EXPECT_TRUE(BuiltinRegistry::standard().find("walk")->relation);
}

TEST(Graph, ReachableAndPaths) {
  const char* graph = R"({"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": [],
                          "e": ["f"], "f": ["e"]})";
  EXPECT_EQ(run("graph.reachable", {graph, R"(["b", "e"])"}),
            R"(["b","d","e","f"])");
  EXPECT_EQ(run("graph.reachable", {graph, R"(["zz"])"}), "[]");
  EXPECT_EQ(run("graph.reachable_paths", {graph, R"(["a"])"}),
            R"([["a","b","d"],["a","c","d"]])");
  EXPECT_EQ(run("graph.reachable_paths", {graph, R"(["e"])"}),
            R"([["e","f"]])");
}

}  // namespace
}  // namespace rampart::rego
