// SPDX-License-Identifier: Apache-2.0
//
// `rampart eval --format json` against OPA's own output, byte for byte: a
// policy calling 45 different built-ins with examples in the style of
// OPA's policy reference, and the JSON `opa eval --format json` prints for
// it. The expected text was written by hand from OPA's documented results
// and the layout of Go's JSON encoder (two-space indent, sorted object
// keys, sets as sorted arrays, <, > and & escaped as \u003c, \u003e and
// \u0026, non-ASCII text left as UTF-8).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr const char* kPolicy = R"(package ex

result := {
  "abs": abs(-3),
  "ceil": ceil(1.2),
  "round": round(2.5),
  "range": numbers.range(1, 4),
  "count": count({"a", "b"}),
  "sum": sum([1, 2, 3]),
  "max": max([3, 1, 2]),
  "sort": sort(["b", "a", "c"]),
  "concat_arrays": array.concat([1, 2], [3]),
  "slice": array.slice([1, 2, 3, 4, 5], 1, 3),
  "reverse_array": array.reverse([1, 2, 3]),
  "get": object.get({"a": {"b": 1}}, ["a", "b"], 0),
  "remove": object.remove({"a": 1, "b": 2}, ["a"]),
  "union": object.union({"a": 1, "b": {"c": 1}}, {"b": {"d": 2}}),
  "filter": object.filter({"a": 1, "b": 2, "c": 3}, ["a", "c"]),
  "keys": object.keys({"b": 1, "a": 2}),
  "patch": json.patch({"a": {"foo": 1}},
                      [{"op": "add", "path": "/a/bar", "value": 2}]),
  "join": concat(", ", ["a", "b"]),
  "sprintf": sprintf("%s has %d items", ["cart", 3]),
  "format_int": format_int(255, 16),
  "indexof_n": indexof_n("dogs and cats", "s"),
  "replace_n": strings.replace_n({"<": "&lt;", ">": "&gt;"}, "<b>"),
  "split": split("a.b.c", "."),
  "substring": substring("hello", 1, 3),
  "trim_space": trim_space("  hi  "),
  "upper": upper("rego"),
  "lower": lower("ÀB"),
  "reverse": strings.reverse("abc"),
  "regex_match": regex.match("^[a-z]+$", "abc"),
  "regex_split": regex.split("[,;]", "a,b;c"),
  "glob": glob.match("*.example.com", ["."], "api.example.com"),
  "base64": base64.encode("hello"),
  "hex": hex.encode("hi"),
  "marshal": json.marshal({"b": [1, 2], "a": true}),
  "urlquery": urlquery.encode("a b&c"),
  "cidr": net.cidr_contains("10.0.0.0/8", "10.1.2.3"),
  "semver": semver.compare("1.2.3", "1.10.0"),
  "rfc3339": time.parse_rfc3339_ns("2024-01-02T03:04:05Z"),
  "date": time.date(1704164645000000000),
  "sha256": crypto.sha256("abc"),
  "bytes": units.parse_bytes("4KiB"),
  "to_number": to_number("42"),
  "type_name": type_name({1}),
  "reachable": graph.reachable({"a": ["b"], "b": ["c"], "c": []}, ["a"]),
  "any_prefix": strings.any_prefix_match("abc", ["x", "ab"]),
}
)";

constexpr const char* kExpectedResult = R"({
  "result": [
    {
      "expressions": [
        {
          "value": {
            "abs": 3,
            "any_prefix": true,
            "base64": "aGVsbG8=",
            "bytes": 4096,
            "ceil": 2,
            "cidr": true,
            "concat_arrays": [
              1,
              2,
              3
            ],
            "count": 2,
            "date": [
              2024,
              1,
              2
            ],
            "filter": {
              "a": 1,
              "c": 3
            },
            "format_int": "ff",
            "get": 1,
            "glob": true,
            "hex": "6869",
            "indexof_n": [
              3,
              12
            ],
            "join": "a, b",
            "keys": [
              "a",
              "b"
            ],
            "lower": "àb",
            "marshal": "{\"a\":true,\"b\":[1,2]}",
            "max": 3,
            "patch": {
              "a": {
                "bar": 2,
                "foo": 1
              }
            },
            "range": [
              1,
              2,
              3,
              4
            ],
            "reachable": [
              "a",
              "b",
              "c"
            ],
            "regex_match": true,
            "regex_split": [
              "a",
              "b",
              "c"
            ],
            "remove": {
              "b": 2
            },
            "replace_n": "\u0026lt;b\u0026gt;",
            "reverse": "cba",
            "reverse_array": [
              3,
              2,
              1
            ],
            "rfc3339": 1704164645000000000,
            "round": 3,
            "semver": -1,
            "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "slice": [
              2,
              3
            ],
            "sort": [
              "a",
              "b",
              "c"
            ],
            "split": [
              "a",
              "b",
              "c"
            ],
            "sprintf": "cart has 3 items",
            "substring": "ell",
            "sum": 6,
            "to_number": 42,
            "trim_space": "hi",
            "type_name": "set",
            "union": {
              "a": 1,
              "b": {
                "c": 1,
                "d": 2
              }
            },
            "upper": "REGO",
            "urlquery": "a+b%26c"
          },
          "text": "data.ex.result",
          "location": {
            "row": 1,
            "col": 1
          }
        }
      ]
    }
  ]
}
)";

// A query that binds a variable: OPA prints the expression's value (true)
// and then the bindings; the query text is escaped like any string.
constexpr const char* kExpectedBinding = R"json({
  "result": [
    {
      "expressions": [
        {
          "value": true,
          "text": "x := upper(data.ex.result.replace_n)",
          "location": {
            "row": 1,
            "col": 1
          }
        }
      ],
      "bindings": {
        "x": "\u0026LT;B\u0026GT;"
      }
    }
  ]
}
)json";

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes the policy to a fresh folder and runs `rampart eval` on it with
// stdout and stderr captured apart.
Outcome eval(const std::string& query) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("rampart-eval-e2e-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "policy.rego", std::ios::binary) << kPolicy;
  std::string command = std::string(RAMPART_BINARY_DIR) +
                        "/bin/rampart eval --format json -d " +
                        (dir / "policy.rego").string() + " '" + query + "' >" +
                        (dir / "out").string() + " 2>" + (dir / "err").string();
  int status = std::system(command.c_str());
  Outcome run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = slurp(dir / "out");
  run.err = slurp(dir / "err");
  std::filesystem::remove_all(dir);
  return run;
}

TEST(EvalBuiltinsE2e, DocumentedExamplesPrintAsOpaDoes) {
  Outcome run = eval("data.ex.result");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, kExpectedResult);
}

TEST(EvalBuiltinsE2e, BindingsFollowExpressionsWithHtmlEscaped) {
  Outcome run = eval("x := upper(data.ex.result.replace_n)");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, kExpectedBinding);
}

TEST(EvalBuiltinsE2e, UndefinedIsAnEmptyObject) {
  Outcome run = eval("data.ex.result.no_such_key");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "{}\n");
}

}  // namespace
