// SPDX-License-Identifier: Apache-2.0
//
// From a file's bytes to the documents the checks judge: Kubernetes objects
// (recognised by content: an apiVersion and a kind; List kinds give their
// items) from YAML or JSON streams, or one Dockerfile. Private to
// rampart_misconfig.
//
// The bytes are untrusted. Oversized files, binary content, Helm templates,
// broken YAML and documents beyond the YAML reader's limits (alias
// expansion, nesting depth) give a note naming the reason instead of
// subjects. Pure functions; safe from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rampart/document/value.h"
#include "rampart/document/yaml.h"
#include "rampart/findings/finding.h"
#include "rampart/scan/misconfig/misconfig_scanner.h"
#include "rampart/scan/scanner.h"

namespace rampart::scan::misconfig {

// Where each line of a file starts, to look at the lines a YAML position
// names. Views the file's content, so it lives only while that does.
struct LineIndex {
  std::string_view text;
  std::vector<std::size_t> starts;  // offset of line 1, 2, ...

  // Indexes `content` (built only for files that parsed as YAML).
  void index(std::string_view content);
  // Line `number` (1-based) without its line break; "" when out of range.
  std::string_view line(int number) const;
};

// One document to judge.
struct Subject {
  InputType type = InputType::kKubernetes;
  Value object;
  std::string kind;  // Kubernetes kind; "" for Dockerfiles
  std::string name;  // metadata.name, for finding properties
  std::string namespace_;
  // Positions of the YAML document holding it (null without positions)
  // and the JSON Pointer of the object in that document ("" at the root,
  // "/items/3" for a List item).
  const std::unordered_map<std::string, TextPosition>* positions = nullptr;
  std::string pointer;
  int start_line = 0;
  int end_line = 0;
  // The file's lines (YAML only; null otherwise).
  const LineIndex* lines = nullptr;
};

struct FileDocuments {
  LineIndex lines;
  std::vector<YamlDocument> yaml;  // owns what `subjects` point into
  std::vector<Subject> subjects;
  std::vector<ScanNote> notes;
  bool skipped = false;  // nothing judged, for a reason given in a note
};

// Whether the scanner reads this file at all (by name).
bool is_manifest_name(std::string_view path);

// Reads `content` of `file` into subjects.
std::unique_ptr<FileDocuments> read_documents(const FileEntry& file,
                                              std::string_view content,
                                              std::size_t max_bytes);

// Whether `content` looks like a Helm template rather than plain YAML.
bool looks_like_helm_template(std::string_view relative_path,
                              std::string_view content);

// The line range that `path` (a JSON path inside the subject, as a check
// returns it) points at: its own key, else its nearest ancestor present in
// the file, else the subject's own range.
std::pair<int, int> locate(const Subject& subject, const Value* path);

}  // namespace rampart::scan::misconfig
