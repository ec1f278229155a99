// SPDX-License-Identifier: Apache-2.0
//
// Turns files into the subjects the checks judge (see documents.h): sniff,
// parse with the bounded readers of the document layer, pick out the
// Kubernetes objects, and map check paths back to lines.
#include "documents.h"

#include <algorithm>

#include "rampart/document/dockerfile.h"
#include "rampart/document/json.h"

namespace rampart::scan::misconfig {
namespace {

constexpr std::size_t kSniffBytes = 8192;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

ScanNote note(const FileEntry& file, ScanNote::Level level, std::string message,
              int line = 0) {
  ScanNote out;
  out.level = level;
  out.scanner = std::string(kScannerMisconfig);
  out.target = file.relative_path;
  out.line = line;
  out.message = std::move(message);
  return out;
}

std::string string_at(const Value& object, std::string_view key) {
  const Value* found = object.is_object() ? object.find(key) : nullptr;
  return found != nullptr && found->is_string() ? found->as_string() : "";
}

bool is_kubernetes_object(const Value& value) {
  return value.is_object() && !string_at(value, "apiVersion").empty() &&
         !string_at(value, "kind").empty();
}

Subject kubernetes_subject(const Value& object, const YamlDocument* document,
                           std::string pointer, int start, int end) {
  Subject subject;
  subject.type = InputType::kKubernetes;
  subject.object = object;
  subject.kind = string_at(object, "kind");
  const Value* metadata = object.find("metadata");
  if (metadata != nullptr) {
    subject.name = string_at(*metadata, "name");
    subject.namespace_ = string_at(*metadata, "namespace");
  }
  subject.positions = document != nullptr && !document->positions.empty()
                          ? &document->positions
                          : nullptr;
  subject.pointer = std::move(pointer);
  subject.start_line = start;
  subject.end_line = std::max(start, end);
  return subject;
}

// The lines an object spans: from its first key to the end of its last
// value, by the positions of its members (the reader gives no start line to
// a document without "---"); the document's range when unknown.
std::pair<int, int> object_range(const Value& object,
                                 const YamlDocument* document,
                                 const std::string& pointer) {
  if (document == nullptr) return {1, 1};
  int start = 0;
  int end = 0;
  for (const ObjectEntry& entry : object.object_entries()) {
    if (!entry.first.is_string()) continue;
    std::string member = pointer;
    append_pointer_segment(member, entry.first.as_string());
    auto found = document->positions.find(member);
    if (found == document->positions.end()) continue;
    const TextPosition& position = found->second;
    if (start == 0 || position.line < start) start = position.line;
    end = std::max({end, position.line, position.end_line});
  }
  if (start == 0) return {document->start_line, document->end_line};
  return {start, end};
}

// The objects of one document: itself, or the items of a List kind.
void add_objects(const Value& value, const YamlDocument* document,
                 std::vector<Subject>& out) {
  if (!is_kubernetes_object(value)) return;
  const Value* items = value.find("items");
  if (!string_at(value, "kind").ends_with("List") || items == nullptr ||
      !items->is_array()) {
    auto [start, end] = object_range(value, document, "");
    out.push_back(kubernetes_subject(value, document, "", start, end));
    return;
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    const Value& item = items->array_items()[i];
    if (!is_kubernetes_object(item)) continue;
    std::string pointer = "/items/" + std::to_string(i);
    auto [start, end] = object_range(item, document, pointer);
    out.push_back(kubernetes_subject(item, document, pointer, start, end));
  }
}

// The YAML reader ends a collection at the first token after it, which may
// sit on the next line. Step back over lines that belong to what follows:
// blank lines, comments, document markers, and (given the column of the
// key that opens the range) lines indented no deeper than that key, or,
// for a sequence item, less deep than the item's first key.
int trim_end(const LineIndex& lines, int start, int end, int key_column,
             bool item = false) {
  while (end > start) {
    std::string_view line = lines.line(end);
    std::size_t indent = line.find_first_not_of(" \t");
    std::string_view rest =
        indent == std::string_view::npos ? "" : line.substr(indent);
    bool filler = rest.empty() || rest.front() == '#' ||
                  rest.starts_with("---") || rest.starts_with("...");
    int column = static_cast<int>(indent) + 1;
    bool outside = key_column > 0 && !rest.empty() &&
                   (item ? column < key_column : column <= key_column);
    if (!filler && !outside) break;
    --end;
  }
  return end;
}

int count_lines(std::string_view content) {
  int lines =
      static_cast<int>(std::count(content.begin(), content.end(), '\n'));
  return content.empty() || content.back() == '\n' ? lines : lines + 1;
}

bool has_binary_bytes(std::string_view content) {
  return content.substr(0, kSniffBytes).find('\0') != std::string_view::npos;
}

constexpr std::size_t kSniffManifestBytes = 64u << 10;

bool is_json_name(std::string_view path) {
  return lower(path).ends_with(".json");
}

// Whether a file's start suggests something this scanner judges.
bool looks_like_manifest(const FileEntry& file, std::string_view head) {
  if (!file.from_stdin && is_dockerfile_name(file.relative_path)) return true;
  return head.find("apiVersion") != std::string_view::npos &&
         head.find("kind") != std::string_view::npos;
}

void read_dockerfile(const FileEntry& file, std::string_view content,
                     FileDocuments& out) {
  auto parsed = parse_dockerfile(content, file.relative_path);
  if (!parsed.is_ok()) {
    out.skipped = true;
    out.notes.push_back(
        note(file, ScanNote::Level::kWarning,
             "Dockerfile not scanned: " + parsed.status().message(),
             parsed.status().location().line));
    return;
  }
  Subject subject;
  subject.type = InputType::kDockerfile;
  subject.object = std::move(*parsed);
  subject.start_line = 1;
  subject.end_line = count_lines(content);
  out.subjects.push_back(std::move(subject));
}

// JSON without positions, when the YAML reader refuses a JSON file.
bool read_plain_json(std::string_view content, FileDocuments& out) {
  auto parsed = parse_json(content);
  if (!parsed.is_ok()) return false;
  add_objects(*parsed, nullptr, out.subjects);
  return true;
}

void read_manifests(const FileEntry& file, std::string_view content,
                    FileDocuments& out) {
  // Most YAML and JSON in a repository is not Kubernetes: skip it cheaply.
  if (content.find("apiVersion") == std::string_view::npos ||
      content.find("kind") == std::string_view::npos) {
    return;
  }
  if (looks_like_helm_template(file.relative_path, content)) {
    out.skipped = true;
    out.notes.push_back(
        note(file, ScanNote::Level::kInfo,
             "Helm template skipped; scan the rendered manifests with "
             "`helm template RELEASE CHART | rampart scan -`"));
    return;
  }

  YamlLimits limits;
  limits.record_positions = true;
  auto parsed = parse_yaml(content, file.relative_path, limits);
  if (!parsed.is_ok()) {
    if (is_json_name(file.relative_path) && read_plain_json(content, out)) {
      return;
    }
    out.skipped = true;
    out.notes.push_back(note(file, ScanNote::Level::kWarning,
                             "not scanned: " + parsed.status().message(),
                             parsed.status().location().line));
    return;
  }
  out.yaml = std::move(*parsed);
  for (const YamlDocument& document : out.yaml) {
    add_objects(document.value, &document, out.subjects);
  }
  // A collection that ends the file ends on its last line, not after it.
  int last_line = count_lines(content);
  out.lines.index(content);
  for (Subject& subject : out.subjects) {
    subject.lines = &out.lines;
    subject.end_line = std::min(subject.end_line, last_line);
    subject.start_line = std::min(subject.start_line, subject.end_line);
    subject.end_line =
        trim_end(out.lines, subject.start_line, subject.end_line, 0);
  }
}

// What only Helm's template actions use: its built-in objects and
// functions.
constexpr std::string_view kHelmWords[] = {
    ".Values",  ".Release", ".Chart", ".Capabilities", ".Files",
    "include ", "toYaml",   "tpl ",   "define ",       "/*",
};

}  // namespace

void LineIndex::index(std::string_view content) {
  text = content;
  starts.assign(1, 0);
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i] == '\n') starts.push_back(i + 1);
  }
}

std::string_view LineIndex::line(int number) const {
  if (number < 1 || static_cast<std::size_t>(number) > starts.size()) {
    return "";
  }
  std::size_t start = starts[static_cast<std::size_t>(number) - 1];
  std::size_t end = text.find('\n', start);
  std::string_view out =
      text.substr(start, end == std::string_view::npos ? std::string_view::npos
                                                       : end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

bool looks_like_helm_template(std::string_view relative_path,
                              std::string_view content) {
  if (content.find("{{") == std::string_view::npos) return false;
  std::string path = "/" + lower(relative_path);
  if (path.find("/templates/") != std::string::npos) return true;

  // Elsewhere "{{" may be data (Prometheus alert text, Go templates in a
  // ConfigMap): it is Helm only when an action looks like Helm's.
  for (std::size_t at = content.find("{{"); at != std::string_view::npos;
       at = content.find("{{", at + 2)) {
    std::string_view action = content.substr(at + 2, 200);
    action = action.substr(0, action.find("}}"));
    for (std::string_view word : kHelmWords) {
      if (action.find(word) != std::string_view::npos) return true;
    }
  }
  return false;
}

bool is_manifest_name(std::string_view path) {
  std::string name = lower(path);
  return name.ends_with(".yaml") || name.ends_with(".yml") ||
         name.ends_with(".json") || is_dockerfile_name(path);
}

std::unique_ptr<FileDocuments> read_documents(const FileEntry& file,
                                              std::string_view content,
                                              std::size_t max_bytes) {
  auto out = std::make_unique<FileDocuments>();
  if (content.size() > max_bytes) {
    // A large JSON or YAML file that is not a manifest (a lock file, a data
    // set) is none of this scanner's business: skip it without a note.
    if (!looks_like_manifest(file, content.substr(0, kSniffManifestBytes))) {
      return out;
    }
    out->skipped = true;
    out->notes.push_back(note(file, ScanNote::Level::kWarning,
                              "not scanned: " + std::to_string(content.size()) +
                                  " bytes, over the misconfig limit of " +
                                  std::to_string(max_bytes) + " bytes"));
    return out;
  }
  if (has_binary_bytes(content)) {
    out->skipped = true;
    out->notes.push_back(note(file, ScanNote::Level::kWarning,
                              "not scanned: binary content (NUL bytes)"));
    return out;
  }
  if (!file.from_stdin && is_dockerfile_name(file.relative_path)) {
    read_dockerfile(file, content, *out);
  } else {
    read_manifests(file, content, *out);
  }
  return out;
}

namespace {

std::string segment_text(const Value& item) {
  if (item.is_string()) return item.as_string();
  if (item.is_integer()) return item.integer_text();
  return to_json(item);
}

// Dockerfile documents carry their own lines: the deepest object on the
// path that has start_line and end_line.
std::pair<int, int> locate_in_value(const Subject& subject, const Value& path) {
  std::pair<int, int> best = {subject.start_line, subject.end_line};
  const Value* at = &subject.object;
  for (const Value& item : path.array_items()) {
    const Value* next = nullptr;
    if (at->is_object()) {
      next = at->find(item);
    } else if (at->is_array() && item.is_int64() && item.as_int64() >= 0 &&
               static_cast<std::size_t>(item.as_int64()) < at->size()) {
      next = &at->array_items()[static_cast<std::size_t>(item.as_int64())];
    }
    if (next == nullptr) break;
    at = next;
    const Value* start = at->is_object() ? at->find("start_line") : nullptr;
    const Value* end = at->is_object() ? at->find("end_line") : nullptr;
    if (start != nullptr && end != nullptr && start->is_int64() &&
        end->is_int64()) {
      best = {static_cast<int>(start->as_int64()),
              static_cast<int>(end->as_int64())};
    }
  }
  return best;
}

// The reader gives a mapping inside a sequence no column; its keys have
// one. The smallest column of the keys of the object at the first `depth`
// items of `path` (pointer `at`), or 0.
int first_key_column(const Subject& subject, const Value& path,
                     std::size_t depth, const std::string& at) {
  const Value* node = &subject.object;
  for (std::size_t i = 0; i < depth && node != nullptr; ++i) {
    const Value& item = path.array_items()[i];
    if (node->is_object()) {
      node = node->find(item);
    } else if (node->is_array() && item.is_int64() && item.as_int64() >= 0 &&
               static_cast<std::size_t>(item.as_int64()) < node->size()) {
      node = &node->array_items()[static_cast<std::size_t>(item.as_int64())];
    } else {
      node = nullptr;
    }
  }
  if (node == nullptr || !node->is_object()) return 0;
  int column = 0;
  for (const ObjectEntry& entry : node->object_entries()) {
    if (!entry.first.is_string()) continue;
    std::string member = at;
    append_pointer_segment(member, entry.first.as_string());
    auto found = subject.positions->find(member);
    if (found == subject.positions->end()) continue;
    int key = found->second.column;
    if (key > 0 && (column == 0 || key < column)) column = key;
  }
  return column;
}

}  // namespace

std::pair<int, int> locate(const Subject& subject, const Value* path) {
  std::pair<int, int> whole = {subject.start_line, subject.end_line};
  if (path == nullptr || !path->is_array() || path->size() == 0) return whole;
  if (subject.type == InputType::kDockerfile) {
    return locate_in_value(subject, *path);
  }
  if (subject.positions == nullptr) return whole;

  std::string pointer = subject.pointer;
  std::vector<std::size_t> cuts;
  for (const Value& item : path->array_items()) {
    append_pointer_segment(pointer, segment_text(item));
    cuts.push_back(pointer.size());
  }
  for (std::size_t k = cuts.size(); k-- > 0;) {
    auto found = subject.positions->find(pointer.substr(0, cuts[k]));
    bool item = path->array_items()[k].is_number();
    if (found != subject.positions->end()) {
      const TextPosition& position = found->second;
      int end = std::max(position.line, position.end_line);
      if (subject.end_line >= position.line) {
        end = std::min(end, subject.end_line);
      }
      if (subject.lines != nullptr) {
        int column = position.column;
        if (item && column == 0) {
          column = first_key_column(subject, *path, k + 1,
                                    pointer.substr(0, cuts[k]));
        }
        end = trim_end(*subject.lines, position.line, end, column, item);
      }
      return {position.line, end};
    }
  }
  return whole;
}

}  // namespace rampart::scan::misconfig
