// SPDX-License-Identifier: Apache-2.0
//
// json.verify_schema and json.match_schema: a JSON Schema (draft-07)
// validator reporting errors in the shape OPA's gojsonschema produces
// ({"error", "type", "field", "desc"}).
//
// Keywords understood: type, enum, const, properties, required,
// additionalProperties, patternProperties, propertyNames, dependencies,
// minProperties, maxProperties, items (one schema or a tuple),
// additionalItems, contains, minItems, maxItems, uniqueItems, minLength,
// maxLength, pattern, format (date-time, date, email, ipv4, ipv6, uuid,
// regex; others pass), minimum, maximum, exclusiveMinimum,
// exclusiveMaximum, multipleOf, allOf, anyOf, oneOf, not, if/then/else,
// boolean schemas, and local "$ref" ("#", "#/definitions/..."). Remote
// references are not fetched. Schemas and documents are untrusted:
// validation depth is capped (kMaxDepth) so recursive $refs cannot loop
// forever. Errors are BuiltinResults; stateless and thread-safe.
#include <cmath>
#include <optional>

#include <arpa/inet.h>
#include <re2/re2.h>

#include "rampart/document/json.h"
#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;

constexpr int kMaxDepth = 200;

struct SchemaError {
  std::string type;
  std::string field;  // "(root)", "id", "a.b.0"
  std::string description;
};

class Validator {
 public:
  explicit Validator(const Value& root) : root_(root) {}

  // A schema problem found while validating (bad "type", bad $ref...).
  const std::string& schema_error() const { return schema_error_; }
  std::vector<SchemaError>& errors() { return errors_; }

  // Checks the whole schema for structural problems up front, as
  // gojsonschema does when it loads a schema.
  bool check_schema(const Value& schema, int depth = 0) {
    if (depth > kMaxDepth) return true;
    if (!schema.is_object()) return true;
    if (const Value* type = schema.find("type")) {
      std::vector<Value> names =
          type->is_array() ? type->array_items() : std::vector<Value>{*type};
      for (const Value& name : names) {
        if (!name.is_string() || !known_type(name.as_string())) {
          std::string given =
              name.is_string() ? name.as_string() : to_json(name);
          schema_error_ =
              "has a primitive type that is NOT VALID -- given: /" + given +
              "/ Expected valid values are:[array boolean integer number "
              "null object string]";
          return false;
        }
      }
    }
    for (const auto& [key, value] : schema.object_entries()) {
      if (!key.is_string()) continue;
      const std::string& k = key.as_string();
      if (k == "enum" || k == "const" || k == "required" || k == "type") {
        continue;
      }
      if (value.is_object()) {
        // Either a subschema or a map of subschemas.
        if (!check_schema(value, depth + 1)) return false;
        if (k == "properties" || k == "definitions" ||
            k == "patternProperties" || k == "dependencies") {
          for (const auto& [name, sub] : value.object_entries()) {
            if (!check_schema(sub, depth + 1)) return false;
          }
        }
      } else if (value.is_array()) {
        for (const Value& sub : value.array_items()) {
          if (!check_schema(sub, depth + 1)) return false;
        }
      }
    }
    return true;
  }

  void validate(const Value& schema, const Value& value,
                const std::string& field, int depth) {
    if (!schema_error_.empty()) return;
    if (depth > kMaxDepth) {
      schema_error_ = "schema nesting too deep";
      return;
    }
    if (schema.is_boolean()) {
      if (!schema.as_boolean()) {
        add("false", field, "False always fails validation");
      }
      return;
    }
    if (!schema.is_object()) return;
    if (const Value* ref = schema.find("$ref")) {
      const Value* target = resolve(*ref);
      if (target == nullptr) return;
      validate(*target, value, field, depth + 1);
      return;
    }
    if (!check_type(schema, value, field)) return;
    validate_combinators(schema, value, field, depth);
    validate_enum_const(schema, value, field);
    if (value.is_array()) validate_array(schema, value, field, depth);
    if (value.is_object()) validate_object(schema, value, field, depth);
    if (value.is_string()) validate_string(schema, value, field);
    if (value.is_number()) validate_number(schema, value, field);
  }

  // True when `value` matches `schema` (errors discarded).
  bool matches(const Value& schema, const Value& value,
               const std::string& field, int depth) {
    std::vector<SchemaError> saved;
    saved.swap(errors_);
    validate(schema, value, field, depth + 1);
    bool ok = errors_.empty();
    errors_.swap(saved);
    return ok;
  }

 private:
  static bool known_type(const std::string& name) {
    return name == "array" || name == "boolean" || name == "integer" ||
           name == "number" || name == "null" || name == "object" ||
           name == "string";
  }

  static std::string json_type(const Value& value) {
    if (value.is_number()) {
      bool integral = value.is_integer() ||
                      (std::isfinite(value.as_double()) &&
                       std::floor(value.as_double()) == value.as_double());
      return integral ? "integer" : "number";
    }
    if (value.is_set()) return "array";
    return type_name(value);
  }

  void add(std::string type, const std::string& field,
           std::string description) {
    errors_.push_back({std::move(type), field, std::move(description)});
  }

  static std::string child(const std::string& field, const std::string& key) {
    return field == "(root)" ? key : field + "." + key;
  }

  const Value* resolve(const Value& ref) {
    if (!ref.is_string() || ref.as_string().empty() ||
        ref.as_string()[0] != '#') {
      schema_error_ = "unsupported $ref (only local references are read)";
      return nullptr;
    }
    const Value* node = &root_;
    std::string_view path = std::string_view(ref.as_string()).substr(1);
    while (!path.empty()) {
      if (path[0] != '/') break;
      path.remove_prefix(1);
      std::size_t slash = path.find('/');
      std::string segment(path.substr(0, slash));
      path = slash == std::string_view::npos ? std::string_view()
                                             : path.substr(slash);
      // JSON Pointer escapes.
      for (std::size_t at; (at = segment.find("~1")) != std::string::npos;) {
        segment.replace(at, 2, "/");
      }
      for (std::size_t at; (at = segment.find("~0")) != std::string::npos;) {
        segment.replace(at, 2, "~");
      }
      node = node->find(segment);
      if (node == nullptr) {
        schema_error_ = "invalid $ref " + ref.as_string();
        return nullptr;
      }
    }
    return node;
  }

  bool check_type(const Value& schema, const Value& value,
                  const std::string& field) {
    const Value* type = schema.find("type");
    if (type == nullptr) return true;
    std::vector<std::string> names;
    for (const Value& name :
         type->is_array() ? type->array_items() : std::vector<Value>{*type}) {
      if (name.is_string()) names.push_back(name.as_string());
    }
    std::string actual = json_type(value);
    for (const std::string& name : names) {
      if (name == actual || (name == "number" && actual == "integer")) {
        return true;
      }
    }
    std::string expected;
    if (names.size() == 1) {
      expected = names[0];
    } else {
      expected = "[";
      for (std::size_t i = 0; i < names.size(); ++i) {
        expected += (i ? "," : "") + names[i];
      }
      expected += "]";
    }
    add("invalid_type", field,
        "Invalid type. Expected: " + expected + ", given: " + actual);
    return false;
  }

  void validate_combinators(const Value& schema, const Value& value,
                            const std::string& field, int depth) {
    if (const Value* all = schema.find("allOf"); all && all->is_array()) {
      bool ok = true;
      for (const Value& sub : all->array_items()) {
        ok = matches(sub, value, field, depth) && ok;
      }
      if (!ok) {
        for (const Value& sub : all->array_items()) {
          validate(sub, value, field, depth + 1);
        }
        add("number_all_of", field, "Must validate all the schemas (allOf)");
      }
    }
    if (const Value* any = schema.find("anyOf"); any && any->is_array()) {
      bool ok = false;
      for (const Value& sub : any->array_items()) {
        if (matches(sub, value, field, depth)) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        add("number_any_of", field,
            "Must validate at least one schema (anyOf)");
      }
    }
    if (const Value* one = schema.find("oneOf"); one && one->is_array()) {
      int count = 0;
      for (const Value& sub : one->array_items()) {
        count += matches(sub, value, field, depth) ? 1 : 0;
      }
      if (count != 1) {
        add("number_one_of", field,
            "Must validate one and only one schema (oneOf)");
      }
    }
    if (const Value* negated = schema.find("not")) {
      if (matches(*negated, value, field, depth)) {
        add("number_not", field, "Must not validate the schema (not)");
      }
    }
    if (const Value* condition = schema.find("if")) {
      bool holds = matches(*condition, value, field, depth);
      const Value* branch = schema.find(holds ? "then" : "else");
      if (branch != nullptr && !matches(*branch, value, field, depth)) {
        validate(*branch, value, field, depth + 1);
        if (holds) {
          add("condition_then", field,
              "Must validate \"then\" as \"if\" was valid");
        } else {
          add("condition_else", field,
              "Must validate \"else\" as \"if\" was not valid");
        }
      }
    }
  }

  static std::string list_values(const Value& values) {
    std::string text;
    for (const Value& item : values.array_items()) {
      if (!text.empty()) text += ", ";
      text += to_json(item);
    }
    return text;
  }

  void validate_enum_const(const Value& schema, const Value& value,
                           const std::string& field) {
    if (const Value* constant = schema.find("const")) {
      if (!equal_json(*constant, value)) {
        add("const", field, field + " does not match: " + to_json(*constant));
      }
    }
    if (const Value* options = schema.find("enum");
        options && options->is_array()) {
      bool found = false;
      for (const Value& option : options->array_items()) {
        found = found || equal_json(option, value);
      }
      if (!found) {
        add("enum", field,
            field + " must be one of the following: " + list_values(*options));
      }
    }
  }

  static bool equal_json(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) {
      return a == b || a.as_double() == b.as_double();
    }
    return a == b || to_json(a) == to_json(b);
  }

  static std::optional<double> number_at(const Value& schema, const char* key) {
    const Value* found = schema.find(key);
    if (found == nullptr || !found->is_number()) return std::nullopt;
    return found->as_double();
  }

  static std::string number_text(const Value& schema, const char* key) {
    return schema.find(key)->number_text();
  }

  void validate_array(const Value& schema, const Value& value,
                      const std::string& field, int depth) {
    const auto& items = value.array_items();
    if (auto min = number_at(schema, "minItems"); min && items.size() < *min) {
      add("array_min_items", field,
          "Array must have at least " + number_text(schema, "minItems") +
              " items");
    }
    if (auto max = number_at(schema, "maxItems"); max && items.size() > *max) {
      add("array_max_items", field,
          "Array must have at most " + number_text(schema, "maxItems") +
              " items");
    }
    if (const Value* unique = schema.find("uniqueItems");
        unique && unique->is_boolean() && unique->as_boolean()) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        for (std::size_t j = i + 1; j < items.size(); ++j) {
          if (equal_json(items[i], items[j])) {
            add("unique", field,
                "array items[" + std::to_string(i) + "," + std::to_string(j) +
                    "] must be unique");
            i = j = items.size();
          }
        }
      }
    }
    if (const Value* item_schema = schema.find("items")) {
      if (item_schema->is_array()) {
        const auto& tuple = item_schema->array_items();
        for (std::size_t i = 0; i < items.size() && i < tuple.size(); ++i) {
          validate(tuple[i], items[i], child(field, std::to_string(i)),
                   depth + 1);
        }
        const Value* extra = schema.find("additionalItems");
        if (extra != nullptr && items.size() > tuple.size()) {
          if (extra->is_boolean() && !extra->as_boolean()) {
            add("array_no_additional_items", field,
                "No additional items allowed on array");
          } else if (extra->is_object()) {
            for (std::size_t i = tuple.size(); i < items.size(); ++i) {
              validate(*extra, items[i], child(field, std::to_string(i)),
                       depth + 1);
            }
          }
        }
      } else {
        for (std::size_t i = 0; i < items.size(); ++i) {
          validate(*item_schema, items[i], child(field, std::to_string(i)),
                   depth + 1);
        }
      }
    }
    if (const Value* contains = schema.find("contains")) {
      bool found = false;
      for (std::size_t i = 0; i < items.size() && !found; ++i) {
        found = matches(*contains, items[i], field, depth);
      }
      if (!found) {
        add("contains", field, "At least one of the items must match");
      }
    }
  }

  void validate_object(const Value& schema, const Value& value,
                       const std::string& field, int depth) {
    const auto& entries = value.object_entries();
    if (auto max = number_at(schema, "maxProperties");
        max && entries.size() > *max) {
      add("array_max_properties", field,
          "Must have at most " + number_text(schema, "maxProperties") +
              " properties");
    }
    if (auto min = number_at(schema, "minProperties");
        min && entries.size() < *min) {
      add("array_min_properties", field,
          "Must have at least " + number_text(schema, "minProperties") +
              " properties");
    }
    if (const Value* required = schema.find("required");
        required && required->is_array()) {
      for (const Value& name : required->array_items()) {
        if (name.is_string() && value.find(name) == nullptr) {
          add("required", field, name.as_string() + " is required");
        }
      }
    }
    const Value* properties = schema.find("properties");
    const Value* patterns = schema.find("patternProperties");
    const Value* additional = schema.find("additionalProperties");
    for (const auto& [key, item] : entries) {
      std::string name = key.is_string() ? key.as_string() : to_json(key);
      std::string path = child(field, name);
      bool known = false;
      if (properties != nullptr && properties->is_object()) {
        if (const Value* sub = properties->find(name)) {
          known = true;
          validate(*sub, item, path, depth + 1);
        }
      }
      if (patterns != nullptr && patterns->is_object()) {
        for (const auto& [pattern, sub] : patterns->object_entries()) {
          if (!pattern.is_string()) continue;
          auto regex = builtins::compile_regex(pattern.as_string());
          if (regex && RE2::PartialMatch(name, *regex)) {
            known = true;
            validate(sub, item, path, depth + 1);
          }
        }
      }
      if (!known && additional != nullptr) {
        if (additional->is_boolean() && !additional->as_boolean()) {
          add("additional_property_not_allowed", field,
              "Additional property " + name + " is not allowed");
        } else if (additional->is_object()) {
          validate(*additional, item, path, depth + 1);
        }
      }
      if (const Value* names = schema.find("propertyNames")) {
        if (!matches(*names, Value::string(name), path, depth)) {
          add("invalid_property_name", field,
              "Property name of \"" + name + "\" does not match");
        }
      }
    }
    if (const Value* dependencies = schema.find("dependencies");
        dependencies && dependencies->is_object()) {
      for (const auto& [name, dependency] : dependencies->object_entries()) {
        if (value.find(name) == nullptr) continue;
        if (dependency.is_array()) {
          for (const Value& needed : dependency.array_items()) {
            if (value.find(needed) == nullptr) {
              add("missing_dependency", field,
                  "Has a dependency on " + (needed.is_string()
                                                ? needed.as_string()
                                                : to_json(needed)));
            }
          }
        } else {
          validate(dependency, value, field, depth + 1);
        }
      }
    }
  }

  static std::size_t rune_count(const std::string& s) {
    std::size_t count = 0;
    for (char c : s) count += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
    return count;
  }

  static bool valid_format(const std::string& format, const std::string& s) {
    unsigned char buffer[16];
    if (format == "ipv4") return inet_pton(AF_INET, s.c_str(), buffer) == 1;
    if (format == "ipv6") return inet_pton(AF_INET6, s.c_str(), buffer) == 1;
    if (format == "email") {
      std::size_t at = s.find('@');
      return at != std::string::npos && at > 0 && at + 1 < s.size();
    }
    if (format == "uuid") {
      static const RE2 kUuid(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
          "[0-9a-fA-F]{12}$");
      return RE2::FullMatch(s, kUuid);
    }
    if (format == "date-time") {
      static const RE2 kDateTime(
          "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?"
          "([Zz]|[+-]\\d{2}:\\d{2})$");
      return RE2::FullMatch(s, kDateTime);
    }
    if (format == "date") {
      static const RE2 kDate("^\\d{4}-\\d{2}-\\d{2}$");
      return RE2::FullMatch(s, kDate);
    }
    if (format == "regex") return builtins::compile_regex(s) != nullptr;
    return true;
  }

  void validate_string(const Value& schema, const Value& value,
                       const std::string& field) {
    const std::string& s = value.as_string();
    std::size_t length = rune_count(s);
    if (auto min = number_at(schema, "minLength"); min && length < *min) {
      add("string_gte", field,
          "String length must be greater than or equal to " +
              number_text(schema, "minLength"));
    }
    if (auto max = number_at(schema, "maxLength"); max && length > *max) {
      add("string_lte", field,
          "String length must be less than or equal to " +
              number_text(schema, "maxLength"));
    }
    if (const Value* pattern = schema.find("pattern");
        pattern && pattern->is_string()) {
      auto regex = builtins::compile_regex(pattern->as_string());
      if (regex && !RE2::PartialMatch(s, *regex)) {
        add("pattern", field,
            "Does not match pattern '" + pattern->as_string() + "'");
      }
    }
    if (const Value* format = schema.find("format");
        format && format->is_string() &&
        !valid_format(format->as_string(), s)) {
      add("format", field,
          "Does not match format '" + format->as_string() + "'");
    }
  }

  void validate_number(const Value& schema, const Value& value,
                       const std::string& field) {
    double x = value.as_double();
    if (auto min = number_at(schema, "minimum"); min && x < *min) {
      add("number_gte", field,
          "Must be greater than or equal to " + number_text(schema, "minimum"));
    }
    if (auto max = number_at(schema, "maximum"); max && x > *max) {
      add("number_lte", field,
          "Must be less than or equal to " + number_text(schema, "maximum"));
    }
    if (auto min = number_at(schema, "exclusiveMinimum"); min && x <= *min) {
      add("number_gt", field,
          "Must be greater than " + number_text(schema, "exclusiveMinimum"));
    }
    if (auto max = number_at(schema, "exclusiveMaximum"); max && x >= *max) {
      add("number_lt", field,
          "Must be less than " + number_text(schema, "exclusiveMaximum"));
    }
    if (auto step = number_at(schema, "multipleOf"); step && *step > 0) {
      double quotient = x / *step;
      if (std::fabs(quotient - std::round(quotient)) > 1e-9) {
        add("multiple_of", field,
            "Must be a multiple of " + number_text(schema, "multipleOf"));
      }
    }
  }

  const Value& root_;
  std::vector<SchemaError> errors_;
  std::string schema_error_;
};

// A document or schema operand: JSON text, or the value itself.
std::optional<Value> operand_json(const Value& operand, std::string* error) {
  if (!operand.is_string()) return operand;
  auto parsed = parse_json(operand.as_string());
  if (!parsed) {
    *error = parsed.status().message();
    return std::nullopt;
  }
  return parsed.value();
}

Value error_object(const SchemaError& error) {
  return Value::object({
      {Value::string("desc"), Value::string(error.description)},
      {Value::string("error"),
       Value::string(error.field + ": " + error.description)},
      {Value::string("field"), Value::string(error.field)},
      {Value::string("type"), Value::string(error.type)},
  });
}

BuiltinResult verify_schema(BuiltinArgs args, BuiltinContext&) {
  std::string error;
  auto schema = operand_json(args[0], &error);
  if (schema && !schema->is_object() && !schema->is_boolean()) {
    error = "schema must be an object or a boolean";
    schema.reset();
  }
  if (schema) {
    Validator validator(*schema);
    if (validator.check_schema(*schema)) {
      return BuiltinResult::of(Value::array({Value::boolean(true), Value()}));
    }
    error = validator.schema_error();
  }
  return BuiltinResult::of(
      Value::array({Value::boolean(false), Value::string(error)}));
}

BuiltinResult match_schema(BuiltinArgs args, BuiltinContext&) {
  std::string error;
  auto document = operand_json(args[0], &error);
  if (!document) return BuiltinResult::error(error);
  auto schema = operand_json(args[1], &error);
  if (!schema) return BuiltinResult::error(error);
  Validator validator(*schema);
  if (!validator.check_schema(*schema)) {
    return BuiltinResult::error(validator.schema_error());
  }
  validator.validate(*schema, *document, "(root)", 0);
  if (!validator.schema_error().empty()) {
    return BuiltinResult::error(validator.schema_error());
  }
  std::vector<Value> errors;
  for (const SchemaError& e : validator.errors()) {
    errors.push_back(error_object(e));
  }
  bool ok = errors.empty();
  return BuiltinResult::of(
      Value::array({Value::boolean(ok), Value::array(std::move(errors))}));
}

}  // namespace

void register_jsonschema_builtins(BuiltinRegistry& registry) {
  constexpr TypeMask kSchema = kTypeString | kTypeObject | kTypeBoolean;
  registry.add(
      declare("json.verify_schema", {kSchema}, kTypeArray, verify_schema));
  registry.add(declare("json.match_schema", {kTypeAny, kSchema}, kTypeArray,
                       match_schema));
}

}  // namespace rampart::rego
