// SPDX-License-Identifier: Apache-2.0
//
// Runs the Rego conformance cases in ../shared/conformance through the
// engine library and judges each as its suite's own runner would:
//   - OPA's format: want_result rows, want_error_code / want_error,
//     strict_error, sort_bindings, input_term, want_defined;
//   - rego-cpp's additions: module file names, result rows compared as a
//     set of variable bindings;
//   - regorus's variant: want_result as one value or {many!: [...]},
//     set! / object! encodings, no_result, error (substring), strict
//     (default true), Rego v0 unless the module imports rego.v1.
// regorus folders for regorus-only features (rego-extensions, target,
// limits, scheduler) are not counted. Cases listed in unsupported.txt are
// reported as skipped, each with the reason written there.
//
// Prints per-folder and total pass counts; exits 1 when the total is below
// the floor in --floor-file (raise it as work lands), 2 on a harness error.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "rampart/base/file.h"
#include "rampart/document/json.h"
#include "rampart/document/yaml.h"
#include "rampart/rego/engine.h"

namespace rampart::rego {
namespace {

namespace fs = std::filesystem;

const char* kRegorusOnly[] = {"rego-extensions", "target", "limits",
                              "scheduler"};

struct Case {
  std::string file;    // relative to the cases root
  std::string folder;  // relative folder, for the report
  std::string note;
  Value raw;
  bool regorus = false;
  bool rego_cpp = false;
};

struct Outcome {
  bool passed = false;
  std::string reason;
};

std::string text_of(const Value* v) {
  return v != nullptr && v->is_string() ? v->as_string() : "";
}

bool flag(const Value& raw, const char* name, bool fallback) {
  const Value* v = raw.find(name);
  return v != nullptr && v->is_boolean() ? v->as_boolean() : fallback;
}

// regorus's value encodings to plain values; false for "#undefined".
bool decode_regorus(const Value& in, Value& out) {
  if (in.is_string() && in.as_string() == "#undefined") return false;
  if (in.is_array()) {
    std::vector<Value> items;
    for (const Value& item : in.array_items()) {
      Value decoded;
      if (!decode_regorus(item, decoded)) return false;
      items.push_back(decoded);
    }
    out = Value::array(std::move(items));
    return true;
  }
  if (in.is_object()) {
    if (const Value* set = in.find("set!"); set && in.size() == 1) {
      std::vector<Value> items;
      for (const Value& item : set->array_items()) {
        Value decoded;
        if (!decode_regorus(item, decoded)) return false;
        items.push_back(decoded);
      }
      out = Value::set(std::move(items));
      return true;
    }
    if (const Value* object = in.find("object!"); object && in.size() == 1) {
      std::vector<ObjectEntry> entries;
      for (const Value& entry : object->array_items()) {
        Value key, value;
        if (!decode_regorus(*entry.find("key"), key) ||
            !decode_regorus(*entry.find("value"), value)) {
          return false;
        }
        entries.emplace_back(key, value);
      }
      out = Value::object(std::move(entries));
      return true;
    }
    std::vector<ObjectEntry> entries;
    for (const ObjectEntry& entry : in.object_entries()) {
      Value decoded;
      if (!decode_regorus(entry.second, decoded)) return false;
      entries.emplace_back(entry.first, decoded);
    }
    out = Value::object(std::move(entries));
    return true;
  }
  out = in;
  return true;
}

// Results as JSON text, the form both sides are compared in (sets print
// as sorted arrays, objects with string keys, as the suites write them).
std::string canonical(const Value& v) { return to_json(v); }

Value sort_arrays(const Value& row) {
  if (!row.is_object()) return row;
  std::vector<ObjectEntry> entries;
  for (const ObjectEntry& entry : row.object_entries()) {
    Value v = entry.second;
    if (v.is_array() || v.is_set()) {
      std::vector<Value> items = v.is_array() ? v.array_items() : v.set_items();
      std::sort(items.begin(), items.end(), [](const Value& a, const Value& b) {
        return canonical(a) < canonical(b);
      });
      v = Value::array(std::move(items));
    }
    entries.emplace_back(entry.first, v);
  }
  return Value::object(std::move(entries));
}

class Runner {
 public:
  explicit Runner(fs::path root) : root_(std::move(root)) {}

  Outcome judge(const Case& c);

 private:
  std::vector<std::pair<std::string, std::string>> modules(const Case& c,
                                                           bool& ok);
  bool input_from_term(const std::string& term, Value& input);
  std::vector<Value> rows_of(const EvalResult& result, const Case& c);

  fs::path root_;
};

std::vector<std::pair<std::string, std::string>> Runner::modules(const Case& c,
                                                                 bool& ok) {
  std::vector<std::pair<std::string, std::string>> out;
  const Value* list = c.raw.find("modules");
  if (list == nullptr) return out;
  int index = 0;
  for (const Value& module : list->array_items()) {
    std::string text = module.as_string();
    std::string name = "test-" + std::to_string(index++) + ".rego";
    if (text.size() > 5 && text.find('\n') == std::string::npos &&
        text.compare(text.size() - 5, 5, ".rego") == 0) {
      auto loaded =
          read_file((root_ / fs::path(c.file).parent_path() / text).string());
      if (!loaded) {
        ok = false;
        return out;
      }
      text = *loaded;
    }
    out.emplace_back(name, text);
  }
  return out;
}

bool Runner::input_from_term(const std::string& term, Value& input) {
  Compiler compiler;
  auto policy = compiler.compile();
  auto prepared =
      std::get<std::shared_ptr<const Policy>>(policy)->prepare("x := " + term);
  if (std::holds_alternative<RegoErrors>(prepared)) return false;
  EvalResult result =
      std::get<std::shared_ptr<const PreparedQuery>>(prepared)->evaluate({});
  if (!result.ok() || result.rows.empty()) return false;
  input = result.rows[0].bindings[0].second;
  return true;
}

std::vector<Value> Runner::rows_of(const EvalResult& result, const Case& c) {
  bool ignore_generated = flag(c.raw, "ignore_generated_vars", false);
  std::vector<Value> rows;
  for (const ResultRow& row : result.rows) {
    std::vector<ObjectEntry> bindings;
    for (const auto& [name, value] : row.bindings) {
      if (ignore_generated && name.rfind("__", 0) == 0) continue;
      bindings.emplace_back(Value::string(name), value);
    }
    if (!bindings.empty()) {
      rows.push_back(Value::object(std::move(bindings)));
    } else if (c.regorus && row.expressions.size() > 1) {
      // regorus writes a result of several expressions as their values.
      std::vector<Value> values;
      for (const auto& expression : row.expressions) {
        values.push_back(expression.value);
      }
      rows.push_back(Value::array(std::move(values)));
    } else {
      rows.push_back(row.expressions.empty() ? Value()
                                             : row.expressions.back().value);
    }
  }
  return rows;
}

bool error_matches(const std::string& want, const RegoErrors& errors) {
  for (const RegoError& e : errors) {
    if (e.message.empty()) continue;
    std::string coded = e.code + ": " + e.message;
    std::string located = fs::path(e.location.file).filename().string() + ":" +
                          std::to_string(e.location.line) + ": " + coded;
    bool ends = want.size() >= e.message.size() &&
                want.compare(want.size() - e.message.size(), e.message.size(),
                             e.message) == 0;
    if (located.find(want) != std::string::npos ||
        coded.find(want) != std::string::npos || ends) {
      return true;
    }
  }
  return false;
}

Outcome Runner::judge(const Case& c) {
  bool ok = true;
  auto sources = modules(c, ok);
  if (!ok) return {false, "cannot read a module file"};

  bool v0 =
      c.regorus && c.file.find("binding/bindings.yaml") == std::string::npos;
  CompileOptions options;
  options.v0_compatible = v0;
  Compiler compiler(options);
  for (auto& [name, text] : sources) compiler.add_module(name, text);
  if (const Value* data = c.raw.find("data"); data && data->is_object()) {
    compiler.add_data(*data);
  }

  bool strict = c.regorus ? flag(c.raw, "strict", true)
                          : flag(c.raw, "strict_error", false);
  std::vector<Value> inputs;
  bool has_input = c.raw.find("input") != nullptr;
  if (const Value* input = c.raw.find("input")) {
    const Value* many = c.regorus ? input->find("many!") : nullptr;
    if (many != nullptr && input->size() == 1) {
      inputs = many->array_items();
    } else {
      inputs.push_back(*input);
    }
  }
  if (const Value* term = c.raw.find("input_term")) {
    Value input;
    if (!input_from_term(term->as_string(), input)) {
      return {false, "input_term does not evaluate"};
    }
    inputs = {input};
    has_input = true;
  }
  if (inputs.empty()) inputs.push_back(Value());

  RegoErrors errors;
  std::vector<Value> rows;
  auto compiled = compiler.compile();
  if (auto* e = std::get_if<RegoErrors>(&compiled)) {
    errors = *e;
  } else {
    auto policy = std::get<std::shared_ptr<const Policy>>(compiled);
    auto prepared = policy->prepare(text_of(c.raw.find("query")));
    if (auto* e2 = std::get_if<RegoErrors>(&prepared)) {
      errors = *e2;
    } else {
      auto query = std::get<std::shared_ptr<const PreparedQuery>>(prepared);
      for (const Value& input : inputs) {
        EvalOptions eval;
        eval.input = input;
        eval.has_input = has_input;
        eval.strict_builtin_errors = strict;
        eval.limits.deadline = std::chrono::milliseconds(10000);
        EvalResult result = query->evaluate(eval);
        if (!result.ok()) {
          errors = result.errors;
          break;
        }
        for (Value& row : rows_of(result, c)) rows.push_back(row);
      }
    }
  }

  std::string want_error =
      text_of(c.raw.find(c.regorus ? "error" : "want_error"));
  std::string want_code =
      c.regorus ? "" : text_of(c.raw.find("want_error_code"));
  if (!want_error.empty() || !want_code.empty()) {
    if (errors.empty()) return {false, "wanted an error, got a result"};
    if (!want_code.empty()) {
      bool found =
          std::any_of(errors.begin(), errors.end(),
                      [&](const RegoError& e) { return e.code == want_code; });
      if (!found)
        return {false, "wanted " + want_code + ", got " + errors[0].code};
    }
    if (!want_error.empty() && !error_matches(want_error, errors)) {
      return {false, "wanted message '" + want_error + "', got '" +
                         errors[0].message + "'"};
    }
    return {true, ""};
  }
  if (!errors.empty()) {
    return {false, "unexpected " + errors[0].code + ": " + errors[0].message};
  }

  // What is wanted, as a list of rows.
  std::vector<Value> want;
  bool has_want = false;
  if (c.regorus) {
    if (flag(c.raw, "no_result", false)) {
      has_want = true;
    } else if (const Value* w = c.raw.find("want_result")) {
      has_want = true;
      const Value* many = w->find("many!");
      Value decoded;
      if (many != nullptr && w->size() == 1) {
        for (const Value& item : many->array_items()) {
          if (!decode_regorus(item, decoded)) return {false, "undecodable"};
          want.push_back(decoded);
        }
      } else {
        if (!decode_regorus(*w, decoded)) return {false, "undecodable"};
        want.push_back(decoded);
      }
    }
  } else if (const Value* w = c.raw.find("want_result")) {
    has_want = true;
    want = w->array_items();
  }
  if (!has_want) {
    bool want_defined = flag(c.raw, "want_defined", false);
    if (rows.empty() == want_defined) {
      return {false, want_defined ? "wanted defined" : "wanted undefined"};
    }
    return {true, ""};
  }

  bool sort = !c.regorus && flag(c.raw, "sort_bindings", false);
  std::multiset<std::string> want_set, got_set;
  auto add = [&](std::multiset<std::string>& into, const Value& row) {
    Value r = sort ? sort_arrays(row) : row;
    if (c.rego_cpp && r.is_object()) {
      for (const ObjectEntry& e : r.object_entries()) {
        into.insert(e.first.as_string() + "=" + canonical(e.second));
      }
    } else {
      into.insert(canonical(r));
    }
  };
  for (const Value& row : want) add(want_set, row);
  for (const Value& row : rows) add(got_set, row);
  if (c.rego_cpp) {
    std::set<std::string> a(want_set.begin(), want_set.end());
    std::set<std::string> b(got_set.begin(), got_set.end());
    if (a == b) return {true, ""};
  } else if (want_set == got_set) {
    return {true, ""};
  }
  std::string got;
  for (const std::string& s : got_set) got += s + " ";
  return {false, "got " + got.substr(0, 300)};
}

std::vector<Case> collect(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());

  std::vector<Case> cases;
  for (const fs::path& path : files) {
    std::string rel = path.lexically_relative(root).string();
    bool regorus = rel.rfind("regorus/", 0) == 0;
    bool skip_folder = false;
    for (const char* only : kRegorusOnly) {
      if (regorus && rel.rfind(std::string("regorus/") + only + "/", 0) == 0) {
        skip_folder = true;
      }
    }
    if (skip_folder) continue;
    auto text = read_file(path.string());
    if (!text) continue;
    auto doc = parse_yaml_value(*text, rel);
    if (!doc || !doc->is_object()) continue;
    const Value* list = doc->find("cases");
    if (list == nullptr) continue;
    for (const Value& raw : list->array_items()) {
      if (!raw.is_object() || flag(raw, "skip", false) ||
          raw.find("query") == nullptr) {
        continue;
      }
      Case c;
      c.file = rel;
      c.folder = fs::path(rel).parent_path().string();
      c.note = text_of(raw.find("note"));
      c.raw = raw;
      c.regorus = regorus;
      c.rego_cpp = rel.rfind("rego-cpp/", 0) == 0;
      // regorus's "#undefined" marker has no JSON form: not countable.
      Value decoded;
      if (regorus && raw.find("want_result") &&
          !decode_regorus(*raw.find("want_result"), decoded)) {
        continue;
      }
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

// unsupported.txt: "file<TAB>note<TAB>reason" per line; '#' comments.
std::map<std::pair<std::string, std::string>, std::string> read_unsupported(
    const std::string& path) {
  std::map<std::pair<std::string, std::string>, std::string> out;
  auto text = read_file(path);
  if (!text) return out;
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    std::string line = text->substr(start, end - start);
    start = end + 1;
    if (line.empty() || line[0] == '#') continue;
    std::size_t a = line.find('\t');
    std::size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos) continue;
    out[{line.substr(0, a), line.substr(a + 1, b - a - 1)}] =
        line.substr(b + 1);
  }
  return out;
}

int run(int argc, char** argv) {
  std::string cases_dir, unsupported_path, floor_path, failures_path;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&]() { return i + 1 < argc ? std::string(argv[++i]) : ""; };
    if (arg == "--cases")
      cases_dir = next();
    else if (arg == "--unsupported")
      unsupported_path = next();
    else if (arg == "--floor-file")
      floor_path = next();
    else if (arg == "--list-failures")
      failures_path = next();
    else if (arg == "-v")
      verbose = true;
  }
  if (cases_dir.empty() || !fs::is_directory(cases_dir)) {
    std::fprintf(stderr, "rego_conformance: no case folder at '%s'\n",
                 cases_dir.c_str());
    return 2;
  }

  auto unsupported = read_unsupported(unsupported_path);
  Runner runner(cases_dir);
  std::map<std::string, std::pair<int, int>> by_folder;
  int passed = 0, total = 0, skipped = 0;
  std::string failures;
  for (const Case& c : collect(cases_dir)) {
    auto listed = unsupported.find({c.file, c.note});
    if (listed != unsupported.end()) {
      ++skipped;
      continue;
    }
    Outcome outcome = runner.judge(c);
    auto& [ok, count] = by_folder[c.folder];
    ++count;
    ++total;
    if (outcome.passed) {
      ++ok;
      ++passed;
    } else {
      failures += c.file + "\t" + c.note + "\t" + outcome.reason + "\n";
    }
  }

  for (const auto& [folder, counts] : by_folder) {
    if (verbose || counts.first != counts.second) {
      std::printf("%-48s %d/%d\n", folder.c_str(), counts.first, counts.second);
    }
  }
  if (!failures_path.empty()) {
    Status written = write_file_atomic(failures_path, failures);
    if (!written.is_ok())
      std::fprintf(stderr, "%s\n", written.to_string().c_str());
  }
  int floor = 0;
  if (auto text = read_file(floor_path)) floor = std::atoi(text->c_str());
  std::printf(
      "conformance: %d/%d passed (%.1f%%), %d listed unsupported, "
      "floor %d\n",
      passed, total, total ? 100.0 * passed / total : 0.0, skipped, floor);
  if (passed < floor) {
    std::printf("conformance: FAILED, below the floor of %d\n", floor);
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace rampart::rego

int main(int argc, char** argv) { return rampart::rego::run(argc, argv); }
