// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "builtin_test_util_b.h"

namespace rampart::rego {
namespace {

using testing_b::call;
using testing_b::show;

std::string valid(const char* schema) {
  return show(call("graphql.schema_is_valid", {Value::string(schema)}));
}

TEST(GraphqlSchemaIsValid, AcceptsWellFormedSchemas) {
  EXPECT_EQ(valid(R"(
    """Books and their authors."""
    type Book implements Node & Item @cached(ttl: 5) {
      id: ID!
      title(locale: Lang = EN, tags: [String!] = ["a"]): String
      author: Author
    }
    interface Node { id: ID! }
    interface Item implements Node { id: ID! }
    type Author { name: String, books: [Book!]! }
    enum Lang { EN, FR @deprecated }
    input Filter { lang: Lang, title: String = "t" }
    union Result = | Book | Author
    scalar Date @specifiedBy(url: "https://example.test")
    type Query { search(filter: Filter): [Result] }
    schema { query: Query }
    directive @cached(ttl: Int) repeatable on FIELD_DEFINITION | OBJECT
    extend type Author @cached { born: Date }
  )"),
            "true");
}

TEST(GraphqlSchemaIsValid, SyntaxErrors) {
  EXPECT_EQ(valid("type A {}"), "false");
  EXPECT_EQ(valid("type A { f: String "), "false");
  EXPECT_EQ(valid("union U = A | | B"), "false");
  EXPECT_EQ(valid("extend enum E"), "false");
  EXPECT_EQ(valid("\"doc\" extend type A { f: Int }"), "false");
  EXPECT_EQ(valid("directive @d on NOWHERE"), "false");
  EXPECT_EQ(valid("input I { f(x: Int): Int }"), "false");
  EXPECT_EQ(valid("type A { f: [[[String] }"), "false");
}

TEST(GraphqlSchemaIsValid, SemanticErrors) {
  EXPECT_EQ(valid("type A { f: Missing }"), "false");
  EXPECT_EQ(valid("type A { f: Int } input I { a: A }"), "false");
  EXPECT_EQ(valid("input I { a: Int } type A { f: I }"), "false");
  EXPECT_EQ(valid("type A { f: Int } union U = A | Int"), "false");
  EXPECT_EQ(valid("type A implements B { f: Int } type B { f: Int }"), "false");
  EXPECT_EQ(valid("interface B { g: Int } type A implements B { f: Int }"),
            "false");
  EXPECT_EQ(valid("type A { f: Int @unknown }"), "false");
  EXPECT_EQ(valid("type A @deprecated { f: Int }"), "false");
  EXPECT_EQ(valid("type A { f: Int } type A { g: Int }"), "false");
  EXPECT_EQ(valid("scalar A extend type A { f: Int }"), "false");
  EXPECT_EQ(valid("enum E { A, A }"), "false");
  EXPECT_EQ(valid("schema { query: Q }"), "false");
}

TEST(GraphqlSchemaIsValid, ExtensionsMayCreateTypes) {
  EXPECT_EQ(valid("extend type Q { a: Int } extend type Q { b: String }"),
            "true");
}

TEST(GraphqlParseSchema, AstRoundTripsThroughSchemaIsValid) {
  auto ast = call("graphql.parse_schema",
                  {Value::string("type Q { a(x: [Int!]): String! } "
                                 "schema { query: Q }")});
  ASSERT_TRUE(ast.has_value()) << show(ast);
  const Value& field = ast.value()
                           .find("Definitions")
                           ->array_items()[0]
                           .find("Fields")
                           ->array_items()[0];
  EXPECT_EQ(to_json(*field.find("Type")),
            R"({"Elem":null,"NamedType":"String","NonNull":true})");
  EXPECT_EQ(to_json(*field.find("Arguments")->array_items()[0].find("Type")),
            R"({"Elem":{"Elem":null,"NamedType":"Int","NonNull":true},)"
            R"("NamedType":"","NonNull":false})");
  EXPECT_EQ(show(call("graphql.schema_is_valid", {ast.value()})), "true");

  auto bad =
      call("graphql.parse_schema", {Value::string("type Q { a: Missing }")});
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(show(call("graphql.schema_is_valid", {bad.value()})), "false");
  EXPECT_EQ(call("graphql.parse_schema", {Value::string("type {")}).outcome(),
            BuiltinResult::Outcome::kError);
}

}  // namespace
}  // namespace rampart::rego
