// SPDX-License-Identifier: Apache-2.0
//
// Hand-written JSON envelopes: OPA prints Go structs, whose field order is
// not sorted, so the generic Value writer cannot produce them.
#include "cli/rego_output.h"

#include <vector>

#include "rampart/document/json.h"

namespace rampart::cli {
namespace {

// Appends `value` pretty-printed, its lines indented to `depth` levels.
void append_value(std::string& out, const Value& value, int depth) {
  std::string text = to_json(value, {.pretty = true, .indent = 2});
  std::string pad(static_cast<std::size_t>(depth * 2), ' ');
  for (char c : text) {
    out.push_back(c);
    if (c == '\n') out += pad;
  }
}

void append_location(std::string& out, const SourceLocation& where,
                     const std::string& pad, bool with_file) {
  out += pad + "\"location\": {\n";
  if (with_file) {
    out += pad + "  \"file\": ";
    append_json_string(out, where.file);
    out += ",\n";
  }
  out += pad + "  \"row\": " + std::to_string(where.line) + ",\n";
  out += pad + "  \"col\": " + std::to_string(where.column) + "\n";
  out += pad + "}";
}

// OPA prints with Go's JSON encoder, which escapes <, > and & as \u003c,
// \u003e and \u0026. In JSON text these can only occur inside string
// literals, so replacing them everywhere is exact.
std::string escape_html(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string result_json(const rego::EvalResult& result) {
  if (result.rows.empty()) return "{}\n";
  std::string out = "{\n  \"result\": [\n";
  for (std::size_t r = 0; r < result.rows.size(); ++r) {
    const rego::ResultRow& row = result.rows[r];
    out += "    {\n      \"expressions\": [\n";
    for (std::size_t e = 0; e < row.expressions.size(); ++e) {
      const auto& expression = row.expressions[e];
      out += "        {\n          \"value\": ";
      append_value(out, expression.value, 5);
      out += ",\n          \"text\": ";
      append_json_string(out, expression.text);
      out += ",\n";
      append_location(out, {"", expression.row, expression.col}, "          ",
                      false);
      out += "\n        }";
      out += e + 1 < row.expressions.size() ? ",\n" : "\n";
    }
    out += "      ]";
    if (!row.bindings.empty()) {
      out += ",\n      \"bindings\": {\n";
      for (std::size_t b = 0; b < row.bindings.size(); ++b) {
        out += "        ";
        append_json_string(out, row.bindings[b].first);
        out += ": ";
        append_value(out, row.bindings[b].second, 4);
        out += b + 1 < row.bindings.size() ? ",\n" : "\n";
      }
      out += "      }";
    }
    out += "\n    }";
    out += r + 1 < result.rows.size() ? ",\n" : "\n";
  }
  out += "  ]\n}\n";
  return escape_html(out);
}

std::string errors_json(const rego::RegoErrors& errors) {
  std::string out = "{\n  \"errors\": [\n";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    const rego::RegoError& error = errors[i];
    out += "    {\n      \"message\": ";
    append_json_string(out, error.message);
    out += ",\n      \"code\": ";
    append_json_string(out, error.code);
    if (error.location.line > 0 || !error.location.file.empty()) {
      out += ",\n";
      append_location(out, error.location, "      ", true);
    }
    out += "\n    }";
    out += i + 1 < errors.size() ? ",\n" : "\n";
  }
  out += "  ]\n}\n";
  return escape_html(out);
}

std::string errors_text(const rego::RegoErrors& errors) {
  std::string out;
  for (const rego::RegoError& error : errors) {
    out += error.to_string() + "\n";
  }
  return out;
}

std::string result_in_format(const rego::EvalResult& result,
                             const std::string& format) {
  std::string out;
  if (format == "bindings") {
    std::vector<Value> all;
    for (const auto& row : result.rows) {
      std::vector<ObjectEntry> entries;
      for (const auto& [name, value] : row.bindings) {
        entries.emplace_back(Value::string(name), value);
      }
      all.push_back(Value::object(std::move(entries)));
    }
    return escape_html(to_json(Value::array(all), {.pretty = true})) + "\n";
  }
  if (format == "values" || format == "raw") {
    std::vector<Value> values;
    for (const auto& row : result.rows) {
      for (const auto& expression : row.expressions) {
        values.push_back(expression.value);
      }
    }
    if (format == "values") {
      return escape_html(to_json(Value::array(values), {.pretty = true})) +
             "\n";
    }
    for (const Value& value : values) {
      out += value.is_string() ? value.as_string() : to_json(value);
      out += "\n";
    }
    return out;
  }
  // pretty: the value of a lone expression, else the bindings of each row.
  if (result.rows.empty()) return "undefined\n";
  for (const auto& row : result.rows) {
    if (row.bindings.empty()) {
      for (const auto& expression : row.expressions) {
        out += to_json(expression.value, {.pretty = true}) + "\n";
      }
      continue;
    }
    for (const auto& [name, value] : row.bindings) {
      out += name + ": " + to_json(value) + "\n";
    }
  }
  return out;
}

std::variant<std::shared_ptr<const rego::Policy>, rego::RegoErrors>
compile_loaded(rego::LoadedPolicy& loaded, bool v0_compatible) {
  rego::CompileOptions options;
  options.v0_compatible = v0_compatible;
  rego::Compiler compiler(options);
  for (auto& [path, source] : loaded.modules) {
    compiler.add_module(path, std::move(source));
  }
  compiler.add_data(loaded.data);
  return compiler.compile();
}

void keep_until_exit(std::shared_ptr<const void> object) {
  // Reachable from a static pointer, so leak checkers do not count it.
  static auto* kept = new std::vector<std::shared_ptr<const void>>();
  kept->push_back(std::move(object));
}

}  // namespace rampart::cli
