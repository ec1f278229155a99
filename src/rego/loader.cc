// SPDX-License-Identifier: Apache-2.0
//
// Policy and data loading from files and folders (see loader.h).
#include "rampart/rego/loader.h"

#include <algorithm>
#include <filesystem>

#include "rampart/base/file.h"
#include "rampart/document/json.h"
#include "rampart/document/yaml.h"

namespace rampart::rego {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_data_file(const std::string& name) {
  return ends_with(name, ".json") || ends_with(name, ".yaml") ||
         ends_with(name, ".yml");
}

Value nest_under(const std::vector<std::string>& path, Value value) {
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    value = Value::object({{Value::string(*it), std::move(value)}});
  }
  return value;
}

Value merge(const Value& base, const Value& extra) {
  if (!base.is_object() || !extra.is_object()) return extra;
  std::vector<ObjectEntry> entries = base.object_entries();
  for (const ObjectEntry& entry : extra.object_entries()) {
    auto it = std::lower_bound(
        entries.begin(), entries.end(), entry.first,
        [](const ObjectEntry& e, const Value& k) { return e.first < k; });
    if (it != entries.end() && it->first == entry.first) {
      it->second = merge(it->second, entry.second);
    } else {
      entries.insert(it, entry);
    }
  }
  return Value::object_sorted(std::move(entries));
}

Status add_file(const std::string& path, const std::vector<std::string>& at,
                LoadedPolicy& loaded) {
  if (ends_with(path, ".rego")) {
    auto source = read_file(path);
    if (!source) return source.status();
    loaded.modules.emplace_back(path, std::move(*source));
    return Status::ok();
  }
  auto document = load_document(path);
  if (!document) return document.status();
  if (at.empty() && !document->is_object()) {
    return Status(StatusCode::kInvalidArgument,
                  "data file must hold an object at its root",
                  SourceLocation{path});
  }
  loaded.data = merge(loaded.data, nest_under(at, std::move(*document)));
  return Status::ok();
}

Status add_directory(const fs::path& root, LoadedPolicy& loaded) {
  std::error_code error;
  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(root, error), end;
  if (error) {
    return Status(StatusCode::kIoError, "cannot read: " + error.message(),
                  SourceLocation{root.string()});
  }
  for (; it != end; it.increment(error)) {
    if (error) break;
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() &&
        (ends_with(name, ".rego") || is_data_file(name))) {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::vector<std::string> at;
    if (is_data_file(file.filename().string())) {
      for (const auto& part : file.parent_path().lexically_relative(root)) {
        if (part != ".") at.push_back(part.string());
      }
    }
    RAMPART_RETURN_IF_ERROR(add_file(file.string(), at, loaded));
  }
  return Status::ok();
}

}  // namespace

Result<Value> load_document(const std::string& path) {
  auto content = read_file(path);
  if (!content) return content.status();
  if (ends_with(path, ".yaml") || ends_with(path, ".yml")) {
    return parse_yaml_value(*content, path);
  }
  return parse_json(*content, path);
}

Result<LoadedPolicy> load_policy_paths(const std::vector<std::string>& paths) {
  LoadedPolicy loaded;
  for (const std::string& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      Status status = add_directory(path, loaded);
      if (!status.is_ok()) return status;
    } else {
      Status status = add_file(path, {}, loaded);
      if (!status.is_ok()) return status;
    }
  }
  return loaded;
}

}  // namespace rampart::rego
