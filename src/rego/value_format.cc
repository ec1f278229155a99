// SPDX-License-Identifier: Apache-2.0
//
// Values printed as Rego source text, the form OPA uses in print(),
// sprintf("%v", ...) and error messages.
#include "rampart/document/json.h"
#include "rampart/rego/engine.h"

namespace rampart::rego {
namespace {

void append_rego(std::string& out, const Value& value);

void append_items(std::string& out, const std::vector<Value>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    append_rego(out, items[i]);
  }
}

void append_rego(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kArray:
      out.push_back('[');
      append_items(out, value.array_items());
      out.push_back(']');
      return;
    case Value::Kind::kSet:
      if (value.size() == 0) {
        out += "set()";
        return;
      }
      out.push_back('{');
      append_items(out, value.set_items());
      out.push_back('}');
      return;
    case Value::Kind::kObject: {
      out.push_back('{');
      bool first = true;
      for (const ObjectEntry& entry : value.object_entries()) {
        if (!first) out += ", ";
        first = false;
        append_rego(out, entry.first);
        out += ": ";
        append_rego(out, entry.second);
      }
      out.push_back('}');
      return;
    }
    default:
      // Scalars print as JSON does.
      append_json(out, value);
      return;
  }
}

}  // namespace

std::string to_rego_string(const Value& value) {
  std::string out;
  append_rego(out, value);
  return out;
}

std::string RegoError::to_string() const {
  std::string text;
  if (!location.file.empty() || location.line > 0) {
    text = location.file;
    if (location.line > 0) text += ":" + std::to_string(location.line);
    text += ": ";
  }
  return text + code + ": " + message;
}

}  // namespace rampart::rego
