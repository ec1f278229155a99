// SPDX-License-Identifier: Apache-2.0
//
// graphql.schema_is_valid: parses a GraphQL schema (SDL) and checks it the
// way OPA's gqlparser LoadSchema does.
//
// Grammar accepted: the type system part of the GraphQL specification
// (October 2021): schema, scalar, type, interface, union, enum, input and
// directive definitions with descriptions, and their "extend" forms, with
// const values for defaults and directive arguments. Commas are
// insignificant; comments run to the end of the line. Checks: every
// referenced type and directive exists (plus the built-in scalars and
// directives), kinds fit their position (input vs output types, union
// members are objects, interfaces are interfaces and their fields are
// present, transitively), objects, interfaces, inputs and enums are not
// empty, names are unique, directive locations are valid. The schema text
// is untrusted: nesting of list types and values is capped (kMaxDepth) and
// the parser is a single forward pass. Errors only make the result false.
// Stateless and thread-safe.
//
// graphql.parse_schema returns the schema as an object shaped like
// gqlparser's AST JSON, which schema_is_valid also accepts.
//
// TODO(rego): graphql.parse, parse_query, parse_and_verify and is_valid
// (queries against a schema) are not implemented; policies calling them
// fail to compile with "undefined function". The AST leaves out positions,
// descriptions, default values and directive arguments. Fix: an executable
// document parser and gqlparser's query validation rules.
#include <map>
#include <optional>
#include <set>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

constexpr int kMaxDepth = 64;

enum class Tok { kName, kPunct, kString, kNumber, kEnd, kError };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  bool block_string = false;
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Token next() {
    skip_ignored();
    if (pos_ >= text_.size()) return {Tok::kEnd, ""};
    char c = text_[pos_];
    if (c == '_' || std::isalpha(static_cast<unsigned char>(c))) {
      std::size_t start = pos_;
      while (pos_ < text_.size() &&
             (text_[pos_] == '_' ||
              std::isalnum(static_cast<unsigned char>(text_[pos_])))) {
        ++pos_;
      }
      return {Tok::kName, std::string(text_.substr(start, pos_ - start))};
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t start = pos_++;
      while (pos_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
              text_[pos_] == '.' || text_[pos_] == '+' || text_[pos_] == '-')) {
        ++pos_;
      }
      return {Tok::kNumber, std::string(text_.substr(start, pos_ - start))};
    }
    if (c == '"') return string_token();
    if (text_.substr(pos_, 3) == "...") {
      pos_ += 3;
      return {Tok::kPunct, "..."};
    }
    if (std::string_view("!$&()=:@[]{}|").find(c) != std::string_view::npos) {
      ++pos_;
      return {Tok::kPunct, std::string(1, c)};
    }
    return {Tok::kError, std::string(1, c)};
  }

 private:
  void skip_ignored() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
        ++pos_;
      } else if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (text_.substr(pos_, 3) == "\xef\xbb\xbf") {
        pos_ += 3;
      } else {
        return;
      }
    }
  }

  Token string_token() {
    if (text_.substr(pos_, 3) == "\"\"\"") {
      std::size_t end = pos_ + 3;
      while (true) {
        end = text_.find("\"\"\"", end);
        if (end == std::string_view::npos) return {Tok::kError, "\"\"\""};
        if (text_[end - 1] != '\\') break;
        end += 3;
      }
      Token token{Tok::kString,
                  std::string(text_.substr(pos_ + 3, end - pos_ - 3)), true};
      pos_ = end + 3;
      return token;
    }
    std::size_t i = pos_ + 1;
    std::string value;
    while (i < text_.size() && text_[i] != '"') {
      if (text_[i] == '\n') return {Tok::kError, "\""};
      if (text_[i] == '\\') ++i;
      if (i < text_.size()) value += text_[i++];
    }
    if (i >= text_.size()) return {Tok::kError, "\""};
    pos_ = i + 1;
    return {Tok::kString, value};
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

// --- the schema model -------------------------------------------------------

struct TypeRef {
  std::string name;  // innermost named type
  int depth = 0;
  Value ast;  // {"NamedType", "Elem", "NonNull"}, as gqlparser's ast.Type
};

struct Directive {
  std::string name;
};

struct InputValue {
  std::string name;
  TypeRef type;
  std::vector<Directive> directives;
};

struct Field {
  std::string name;
  TypeRef type;
  std::vector<InputValue> args;
  std::vector<Directive> directives;
};

struct Definition {
  std::string kind;  // SCALAR, OBJECT, INTERFACE, UNION, ENUM, INPUT_OBJECT
  std::string name;
  std::vector<std::string> interfaces;
  std::vector<Field> fields;         // objects, interfaces, inputs
  std::vector<std::string> members;  // unions
  std::vector<std::string> values;   // enums
  std::vector<Directive> directives;
  std::vector<Directive> value_directives;  // on enum values
  bool extension = false;
};

struct DirectiveDefinition {
  std::string name;
  std::vector<InputValue> args;
  std::vector<std::string> locations;
  bool repeatable = false;
};

struct Document {
  std::vector<Definition> definitions;
  std::vector<DirectiveDefinition> directives;
  std::vector<std::pair<std::string, std::string>> operations;
  std::vector<Directive> schema_directives;
  bool has_schema = false;
};

// --- parser -----------------------------------------------------------------

class Parser {
 public:
  explicit Parser(std::string_view text) : lexer_(text) { advance(); }

  std::optional<Document> parse() {
    Document document;
    while (current_.kind != Tok::kEnd) {
      if (!definition(document)) return std::nullopt;
    }
    return document;
  }

 private:
  void advance() { current_ = lexer_.next(); }
  bool at(std::string_view text) const {
    return (current_.kind == Tok::kPunct || current_.kind == Tok::kName) &&
           current_.text == text;
  }
  bool accept(std::string_view text) {
    if (!at(text)) return false;
    advance();
    return true;
  }
  bool expect(std::string_view text) { return accept(text); }
  std::optional<std::string> name() {
    if (current_.kind != Tok::kName) return std::nullopt;
    std::string text = current_.text;
    advance();
    return text;
  }

  bool definition(Document& document) {
    bool described = false;
    if (current_.kind == Tok::kString) {
      described = true;
      advance();
    }
    if (at("extend")) {
      if (described) return false;
      advance();
      return extension(document);
    }
    if (accept("schema")) return schema_body(document, false);
    if (at("directive")) return directive_definition(document);
    Definition definition;
    if (!type_definition(definition, false)) return false;
    document.definitions.push_back(std::move(definition));
    return true;
  }

  bool extension(Document& document) {
    if (accept("schema")) return schema_body(document, true);
    Definition definition;
    definition.extension = true;
    if (!type_definition(definition, true)) return false;
    document.definitions.push_back(std::move(definition));
    return true;
  }

  bool schema_body(Document& document, bool extension) {
    document.has_schema = document.has_schema || !extension;
    std::size_t before = document.schema_directives.size();
    if (!directives(document.schema_directives)) return false;
    bool has_directives = document.schema_directives.size() > before;
    if (!at("{")) return extension && has_directives;
    advance();
    int count = 0;
    while (!accept("}")) {
      auto operation = name();
      if (!operation || !expect(":")) return false;
      auto type = name();
      if (!type) return false;
      if (*operation != "query" && *operation != "mutation" &&
          *operation != "subscription") {
        return false;
      }
      document.operations.emplace_back(*operation, *type);
      ++count;
    }
    return count > 0;
  }

  bool type_definition(Definition& out, bool extension) {
    auto keyword = name();
    if (!keyword) return false;
    auto type_name = name();
    if (!type_name) return false;
    out.name = *type_name;
    if (*keyword == "scalar") {
      out.kind = "SCALAR";
      if (!directives(out.directives)) return false;
      return !extension || !out.directives.empty();
    }
    if (*keyword == "type" || *keyword == "interface") {
      out.kind = *keyword == "type" ? "OBJECT" : "INTERFACE";
      if (accept("implements")) {
        accept("&");
        do {
          auto interface = name();
          if (!interface) return false;
          out.interfaces.push_back(*interface);
        } while (accept("&"));
      }
      if (!directives(out.directives)) return false;
      bool has_fields = at("{");
      if (has_fields && !fields(out.fields, true)) return false;
      return !extension || has_fields || !out.interfaces.empty() ||
             !out.directives.empty();
    }
    if (*keyword == "union") {
      out.kind = "UNION";
      if (!directives(out.directives)) return false;
      if (accept("=")) {
        accept("|");
        do {
          auto member = name();
          if (!member) return false;
          out.members.push_back(*member);
        } while (accept("|"));
      }
      return !extension || !out.members.empty() || !out.directives.empty();
    }
    if (*keyword == "enum") {
      out.kind = "ENUM";
      if (!directives(out.directives)) return false;
      bool has_values = accept("{");
      if (has_values) {
        while (!accept("}")) {
          if (current_.kind == Tok::kString) advance();
          auto value = name();
          if (!value || *value == "true" || *value == "false" ||
              *value == "null") {
            return false;
          }
          out.values.push_back(*value);
          if (!directives(out.value_directives)) return false;
        }
        if (out.values.empty()) return false;
      }
      return !extension || has_values || !out.directives.empty();
    }
    if (*keyword == "input") {
      out.kind = "INPUT_OBJECT";
      if (!directives(out.directives)) return false;
      bool has_fields = at("{");
      if (has_fields && !fields(out.fields, false)) return false;
      return !extension || has_fields || !out.directives.empty();
    }
    return false;
  }

  bool fields(std::vector<Field>& out, bool with_args) {
    if (!expect("{")) return false;
    while (!accept("}")) {
      if (current_.kind == Tok::kString) advance();
      Field field;
      auto field_name = name();
      if (!field_name) return false;
      field.name = *field_name;
      if (at("(")) {
        if (!with_args || !arguments_definition(field.args)) return false;
      }
      if (!expect(":") || !type(field.type, 0)) return false;
      if (!with_args && accept("=")) {
        if (!value(0)) return false;
      }
      if (!directives(field.directives)) return false;
      out.push_back(std::move(field));
    }
    return !out.empty();
  }

  bool arguments_definition(std::vector<InputValue>& out) {
    if (!expect("(")) return false;
    while (!accept(")")) {
      if (current_.kind == Tok::kString) advance();
      InputValue input;
      auto input_name = name();
      if (!input_name || !expect(":") || !type(input.type, 0)) return false;
      input.name = *input_name;
      if (accept("=") && !value(0)) return false;
      if (!directives(input.directives)) return false;
      out.push_back(std::move(input));
    }
    return !out.empty();
  }

  bool type(TypeRef& out, int depth) {
    if (depth > kMaxDepth) return false;
    Value named = Value::string("");
    Value element;
    if (accept("[")) {
      if (!type(out, depth + 1) || !expect("]")) return false;
      ++out.depth;
      element = out.ast;
    } else {
      auto type_name = name();
      if (!type_name) return false;
      out.name = *type_name;
      named = Value::string(*type_name);
    }
    bool non_null = accept("!");
    out.ast =
        Value::object({{Value::string("NamedType"), named},
                       {Value::string("Elem"), element},
                       {Value::string("NonNull"), Value::boolean(non_null)}});
    return true;
  }

  bool value(int depth) {
    if (depth > kMaxDepth) return false;
    if (current_.kind == Tok::kName || current_.kind == Tok::kString ||
        current_.kind == Tok::kNumber) {
      advance();
      return true;
    }
    if (accept("[")) {
      while (!accept("]")) {
        if (current_.kind == Tok::kEnd || !value(depth + 1)) return false;
      }
      return true;
    }
    if (accept("{")) {
      while (!accept("}")) {
        if (!name() || !expect(":") || !value(depth + 1)) return false;
      }
      return true;
    }
    return false;
  }

  bool directives(std::vector<Directive>& out) {
    while (accept("@")) {
      auto directive_name = name();
      if (!directive_name) return false;
      if (accept("(")) {
        while (!accept(")")) {
          if (!name() || !expect(":") || !value(0)) return false;
        }
      }
      out.push_back({*directive_name});
    }
    return true;
  }

  bool directive_definition(Document& document) {
    advance();  // "directive"
    DirectiveDefinition definition;
    if (!expect("@")) return false;
    auto directive_name = name();
    if (!directive_name) return false;
    definition.name = *directive_name;
    if (at("(") && !arguments_definition(definition.args)) return false;
    definition.repeatable = accept("repeatable");
    if (!expect("on")) return false;
    accept("|");
    static const std::set<std::string> kLocations = {"QUERY",
                                                     "MUTATION",
                                                     "SUBSCRIPTION",
                                                     "FIELD",
                                                     "FRAGMENT_DEFINITION",
                                                     "FRAGMENT_SPREAD",
                                                     "INLINE_FRAGMENT",
                                                     "VARIABLE_DEFINITION",
                                                     "SCHEMA",
                                                     "SCALAR",
                                                     "OBJECT",
                                                     "FIELD_DEFINITION",
                                                     "ARGUMENT_DEFINITION",
                                                     "INTERFACE",
                                                     "UNION",
                                                     "ENUM",
                                                     "ENUM_VALUE",
                                                     "INPUT_OBJECT",
                                                     "INPUT_FIELD_DEFINITION"};
    do {
      auto location = name();
      if (!location || !kLocations.count(*location)) return false;
      definition.locations.push_back(*location);
    } while (accept("|"));
    document.directives.push_back(std::move(definition));
    return true;
  }

  Lexer lexer_;
  Token current_;
};

// --- validation
// ---------------------------------------------------------------

class SchemaChecker {
 public:
  bool check(Document& document) {
    add_prelude();
    for (DirectiveDefinition& directive : document.directives) {
      if (directives_.count(directive.name) &&
          !builtin_directives_.count(directive.name)) {
        return false;
      }
      directives_[directive.name] = directive.locations;
    }
    for (Definition& definition : document.definitions) {
      if (definition.extension) continue;
      if (types_.count(definition.name)) return false;
      types_[definition.name] = definition;
    }
    for (Definition& extension : document.definitions) {
      if (!extension.extension) continue;
      auto found = types_.find(extension.name);
      if (found == types_.end()) {
        Definition created = extension;
        created.extension = false;
        types_[extension.name] = created;
        continue;
      }
      Definition& base = found->second;
      if (base.kind != extension.kind) return false;
      append(base.interfaces, extension.interfaces);
      append(base.fields, extension.fields);
      append(base.members, extension.members);
      append(base.values, extension.values);
      append(base.directives, extension.directives);
      append(base.value_directives, extension.value_directives);
    }
    for (DirectiveDefinition& directive : document.directives) {
      for (const InputValue& arg : directive.args) {
        if (!input_type(arg.type.name)) return false;
      }
    }
    for (auto& [name, definition] : types_) {
      if (!check_type(definition)) return false;
    }
    std::set<std::string> seen_operations;
    for (const auto& [operation, type] : document.operations) {
      if (!seen_operations.insert(operation).second) return false;
      if (kind_of(type) != "OBJECT") return false;
    }
    return directives_ok(document.schema_directives, "SCHEMA");
  }

 private:
  template <typename T>
  static void append(std::vector<T>& to, const std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
  }

  void add_prelude() {
    for (const char* scalar : {"Int", "Float", "String", "Boolean", "ID"}) {
      Definition definition;
      definition.kind = "SCALAR";
      definition.name = scalar;
      definition.fields = {};
      types_[scalar] = definition;
      builtin_types_.insert(scalar);
    }
    directives_["skip"] = {"FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"};
    directives_["include"] = directives_["skip"];
    directives_["deprecated"] = {"FIELD_DEFINITION", "ARGUMENT_DEFINITION",
                                 "INPUT_FIELD_DEFINITION", "ENUM_VALUE"};
    directives_["specifiedBy"] = {"SCALAR"};
    directives_["oneOf"] = {"INPUT_OBJECT"};
    for (const auto& [name, locations] : directives_) {
      builtin_directives_.insert(name);
    }
  }

  std::string kind_of(const std::string& name) const {
    auto found = types_.find(name);
    return found == types_.end() ? "" : found->second.kind;
  }

  bool input_type(const std::string& name) const {
    std::string kind = kind_of(name);
    return kind == "SCALAR" || kind == "ENUM" || kind == "INPUT_OBJECT";
  }

  bool output_type(const std::string& name) const {
    std::string kind = kind_of(name);
    return !kind.empty() && kind != "INPUT_OBJECT";
  }

  bool directives_ok(const std::vector<Directive>& used,
                     const char* location) const {
    for (const Directive& directive : used) {
      auto found = directives_.find(directive.name);
      if (found == directives_.end()) return false;
      bool allowed = false;
      for (const std::string& l : found->second) allowed |= l == location;
      if (!allowed) return false;
    }
    return true;
  }

  bool fields_ok(const Definition& definition, bool input) const {
    if (definition.fields.empty()) return false;
    std::set<std::string> names;
    for (const Field& field : definition.fields) {
      if (!names.insert(field.name).second) return false;
      if (field.name.starts_with("__")) return false;
      if (input ? !input_type(field.type.name)
                : !output_type(field.type.name)) {
        return false;
      }
      if (!directives_ok(field.directives, input ? "INPUT_FIELD_DEFINITION"
                                                 : "FIELD_DEFINITION")) {
        return false;
      }
      for (const InputValue& arg : field.args) {
        if (!input_type(arg.type.name)) return false;
        if (!directives_ok(arg.directives, "ARGUMENT_DEFINITION")) {
          return false;
        }
      }
    }
    return true;
  }

  bool has_field(const Definition& definition, const std::string& name) const {
    for (const Field& field : definition.fields) {
      if (field.name == name) return true;
    }
    return false;
  }

  bool interfaces_ok(const Definition& definition) const {
    std::set<std::string> declared(definition.interfaces.begin(),
                                   definition.interfaces.end());
    for (const std::string& name : definition.interfaces) {
      auto found = types_.find(name);
      if (found == types_.end() || found->second.kind != "INTERFACE" ||
          name == definition.name) {
        return false;
      }
      for (const Field& field : found->second.fields) {
        if (!has_field(definition, field.name)) return false;
      }
      // Interfaces of an interface must be declared too.
      for (const std::string& inherited : found->second.interfaces) {
        if (!declared.count(inherited)) return false;
      }
    }
    return true;
  }

  bool check_type(const Definition& definition) const {
    if (builtin_types_.count(definition.name)) return true;
    if (definition.name.starts_with("__")) return false;
    const std::string& kind = definition.kind;
    if (kind == "SCALAR") return directives_ok(definition.directives, "SCALAR");
    if (kind == "OBJECT" || kind == "INTERFACE") {
      return fields_ok(definition, false) && interfaces_ok(definition) &&
             directives_ok(definition.directives, kind.c_str());
    }
    if (kind == "UNION") {
      if (definition.members.empty()) return false;
      std::set<std::string> names;
      for (const std::string& member : definition.members) {
        if (!names.insert(member).second) return false;
        if (kind_of(member) != "OBJECT") return false;
      }
      return directives_ok(definition.directives, "UNION");
    }
    if (kind == "ENUM") {
      std::set<std::string> names(definition.values.begin(),
                                  definition.values.end());
      return !definition.values.empty() &&
             names.size() == definition.values.size() &&
             directives_ok(definition.directives, "ENUM") &&
             directives_ok(definition.value_directives, "ENUM_VALUE");
    }
    if (kind == "INPUT_OBJECT") {
      return fields_ok(definition, true) &&
             directives_ok(definition.directives, "INPUT_OBJECT");
    }
    return false;
  }

  std::map<std::string, Definition> types_;
  std::set<std::string> builtin_types_;
  std::map<std::string, std::vector<std::string>> directives_;
  std::set<std::string> builtin_directives_;
};

// --- AST objects ----------------------------------------------------------
//
// graphql.parse_schema returns the document in the shape of gqlparser's
// ast.SchemaDocument JSON (without positions, comments, default values and
// directive arguments); schema_is_valid reads that shape back.

Value text(std::string_view s) { return Value::string(std::string(s)); }

template <typename T, typename F>
Value list_or_null(const std::vector<T>& items, F convert) {
  if (items.empty()) return Value();
  std::vector<Value> out;
  for (const T& item : items) out.push_back(convert(item));
  return Value::array(std::move(out));
}

Value names_or_null(const std::vector<std::string>& names) {
  return list_or_null(names, [](const std::string& n) { return text(n); });
}

Value directive_ast(const Directive& d) {
  return Value::object(
      {{text("Name"), text(d.name)}, {text("Arguments"), Value()}});
}

Value input_ast(const InputValue& v) {
  return Value::object(
      {{text("Description"), text("")},
       {text("Name"), text(v.name)},
       {text("DefaultValue"), Value()},
       {text("Type"), v.type.ast},
       {text("Directives"), list_or_null(v.directives, directive_ast)}});
}

Value field_ast(const Field& f) {
  return Value::object(
      {{text("Description"), text("")},
       {text("Name"), text(f.name)},
       {text("Arguments"), list_or_null(f.args, input_ast)},
       {text("DefaultValue"), Value()},
       {text("Type"), f.type.ast},
       {text("Directives"), list_or_null(f.directives, directive_ast)}});
}

Value definition_ast(const Definition& d) {
  return Value::object(
      {{text("Kind"), text(d.kind)},
       {text("Description"), text("")},
       {text("Name"), text(d.name)},
       {text("Directives"), list_or_null(d.directives, directive_ast)},
       {text("Interfaces"), names_or_null(d.interfaces)},
       {text("Fields"), list_or_null(d.fields, field_ast)},
       {text("Types"), names_or_null(d.members)},
       {text("EnumValues"), list_or_null(d.values, [](const std::string& v) {
          return Value::object({{text("Description"), text("")},
                                {text("Name"), text(v)},
                                {text("Directives"), Value()}});
        })}});
}

Value document_ast(const Document& document) {
  std::vector<Definition> definitions, extensions;
  for (const Definition& d : document.definitions) {
    (d.extension ? extensions : definitions).push_back(d);
  }
  std::vector<Value> operations;
  for (const auto& [operation, type] : document.operations) {
    operations.push_back(Value::object(
        {{text("Operation"), text(operation)}, {text("Type"), text(type)}}));
  }
  Value schema;
  if (!operations.empty() || !document.schema_directives.empty()) {
    schema = Value::array({Value::object(
        {{text("Description"), text("")},
         {text("Directives"),
          list_or_null(document.schema_directives, directive_ast)},
         {text("OperationTypes"),
          operations.empty() ? Value()
                             : Value::array(std::move(operations))}})});
  }
  Value directives =
      list_or_null(document.directives, [](const DirectiveDefinition& d) {
        return Value::object(
            {{text("Description"), text("")},
             {text("Name"), text(d.name)},
             {text("Arguments"), list_or_null(d.args, input_ast)},
             {text("Locations"), names_or_null(d.locations)},
             {text("IsRepeatable"), Value::boolean(d.repeatable)}});
      });
  return Value::object(
      {{text("Schema"), document.has_schema ? schema : Value()},
       {text("SchemaExtension"), document.has_schema ? Value() : schema},
       {text("Directives"), directives},
       {text("Definitions"), list_or_null(definitions, definition_ast)},
       {text("Extensions"), list_or_null(extensions, definition_ast)}});
}

// Reading the AST back; malformed shapes make the schema invalid.
class AstReader {
 public:
  std::optional<Document> read(const Value& root) {
    Document document;
    for (const Value& d : items(root, "Definitions")) {
      document.definitions.push_back(definition(d, false));
    }
    for (const Value& d : items(root, "Extensions")) {
      document.definitions.push_back(definition(d, true));
    }
    for (const Value& d : items(root, "Directives")) {
      DirectiveDefinition out;
      out.name = string(d, "Name");
      for (const Value& a : items(d, "Arguments")) out.args.push_back(input(a));
      for (const Value& l : items(d, "Locations")) {
        if (l.is_string()) out.locations.push_back(l.as_string());
      }
      document.directives.push_back(std::move(out));
    }
    for (const char* key : {"Schema", "SchemaExtension"}) {
      for (const Value& schema : items(root, key)) {
        if (std::string_view(key) == "Schema") document.has_schema = true;
        for (const Value& d : items(schema, "Directives")) {
          document.schema_directives.push_back({string(d, "Name")});
        }
        for (const Value& o : items(schema, "OperationTypes")) {
          document.operations.emplace_back(string(o, "Operation"),
                                           string(o, "Type"));
        }
      }
    }
    if (!ok_) return std::nullopt;
    return document;
  }

 private:
  const std::vector<Value>& items(const Value& object, const char* key) {
    static const std::vector<Value> kNone;
    const Value* found = object.find(key);
    if (found == nullptr || found->is_null()) return kNone;
    if (!found->is_array()) {
      ok_ = false;
      return kNone;
    }
    return found->array_items();
  }

  std::string string(const Value& object, const char* key) {
    const Value* found = object.find(key);
    if (found == nullptr || !found->is_string()) {
      ok_ = false;
      return "";
    }
    return found->as_string();
  }

  TypeRef type(const Value* ast, int depth = 0) {
    TypeRef out;
    if (ast == nullptr || !ast->is_object() || depth > kMaxDepth) {
      ok_ = false;
      return out;
    }
    out.ast = *ast;
    const Value* element = ast->find("Elem");
    if (element != nullptr && !element->is_null()) {
      out.name = type(element, depth + 1).name;
    } else {
      out.name = string(*ast, "NamedType");
    }
    return out;
  }

  std::vector<Directive> directives(const Value& object) {
    std::vector<Directive> out;
    for (const Value& d : items(object, "Directives")) {
      out.push_back({string(d, "Name")});
    }
    return out;
  }

  InputValue input(const Value& object) {
    return {string(object, "Name"), type(object.find("Type")),
            directives(object)};
  }

  Definition definition(const Value& object, bool extension) {
    Definition out;
    out.extension = extension;
    out.kind = string(object, "Kind");
    out.name = string(object, "Name");
    out.directives = directives(object);
    for (const Value& i : items(object, "Interfaces")) {
      if (i.is_string()) out.interfaces.push_back(i.as_string());
    }
    for (const Value& t : items(object, "Types")) {
      if (t.is_string()) out.members.push_back(t.as_string());
    }
    for (const Value& v : items(object, "EnumValues")) {
      out.values.push_back(string(v, "Name"));
      append(out.value_directives, directives(v));
    }
    for (const Value& f : items(object, "Fields")) {
      Field field;
      field.name = string(f, "Name");
      field.type = type(f.find("Type"));
      field.directives = directives(f);
      for (const Value& a : items(f, "Arguments")) {
        field.args.push_back(input(a));
      }
      out.fields.push_back(std::move(field));
    }
    return out;
  }

  static void append(std::vector<Directive>& to,
                     const std::vector<Directive>& from) {
    to.insert(to.end(), from.begin(), from.end());
  }

  bool ok_ = true;
};

BuiltinResult schema_is_valid(BuiltinArgs args, BuiltinContext&) {
  if (auto error = builtins::expect_all(args, {kTypeString | kTypeObject})) {
    return *error;
  }
  std::optional<Document> document = args[0].is_string()
                                         ? Parser(args[0].as_string()).parse()
                                         : AstReader().read(args[0]);
  bool valid = document.has_value() && SchemaChecker().check(*document);
  return BuiltinResult::of(Value::boolean(valid));
}

BuiltinResult parse_schema(BuiltinArgs args, BuiltinContext&) {
  if (auto error = builtins::expect_all(args, {kTypeString})) return *error;
  auto document = Parser(args[0].as_string()).parse();
  if (!document) {
    return BuiltinResult::error("graphql schema could not be parsed");
  }
  return BuiltinResult::of(document_ast(*document));
}

}  // namespace

void register_graphql_builtins(BuiltinRegistry& registry) {
  registry.add(builtins::declare("graphql.schema_is_valid",
                                 {kTypeString | kTypeObject}, kTypeBoolean,
                                 schema_is_valid));
  registry.add(builtins::declare("graphql.parse_schema", {kTypeString},
                                 kTypeObject, parse_schema));
}

}  // namespace rampart::rego
