// SPDX-License-Identifier: Apache-2.0
//
// Loads ConstraintTemplates and Constraints and decides which constraints
// match an object (see gatekeeper.h for the format subset). Errors are
// Status values located at the file and line of the offending document.
#include "gatekeeper.h"

#include <algorithm>
#include <map>
#include <system_error>

#include "rampart/base/file.h"
#include "rampart/document/yaml.h"

#include "scan/misconfig/check_library.h"

namespace rampart::admission {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kAdmissionTarget = "admission.k8s.gatekeeper.sh";

const Value* member(const Value& object, std::string_view key) {
  return object.is_object() ? object.find(key) : nullptr;
}

std::string string_member(const Value& object, std::string_view key) {
  const Value* found = member(object, key);
  return found != nullptr && found->is_string() ? found->as_string() : "";
}

// Follows a chain of object keys; nullptr when any is missing.
const Value* dig(const Value& root,
                 std::initializer_list<std::string_view> keys) {
  const Value* at = &root;
  for (std::string_view key : keys) {
    at = member(*at, key);
    if (at == nullptr) return nullptr;
  }
  return at;
}

// One YAML document with what locating errors inside it needs.
struct Document {
  const YamlDocument* yaml = nullptr;
  std::string file;
  const std::vector<std::string_view>* lines = nullptr;

  const Value& value() const { return yaml->value; }
  int line_of(const std::string& pointer) const {
    auto found = yaml->positions.find(pointer);
    return found != yaml->positions.end() ? found->second.line
                                          : yaml->start_line;
  }
  Status error(std::string message, const std::string& pointer = "") const {
    return Status(StatusCode::kInvalidArgument, std::move(message),
                  {file, line_of(pointer), 0});
  }
};

Result<std::vector<std::string>> string_list(const Document& doc,
                                             const Value* list,
                                             const std::string& pointer) {
  std::vector<std::string> out;
  if (list == nullptr || list->is_null()) return out;
  if (!list->is_array()) return doc.error(pointer + " must be a list", pointer);
  for (const Value& item : list->array_items()) {
    if (!item.is_string()) {
      return doc.error(pointer + " must hold strings", pointer);
    }
    out.push_back(item.as_string());
  }
  return out;
}

// --- templates ---------------------------------------------------------

// A Rego text inside the YAML and where its first line sits in the file.
struct EmbeddedRego {
  std::string name;  // module name used while compiling
  std::string text;
  int line_offset = 0;  // file line = offset + Rego line
};

// The line of a `rego: |` key holds no Rego; the block starts one line
// below. A quoted or plain scalar starts on the key's own line.
int rego_offset(const Document& doc, const std::string& pointer) {
  int key_line = doc.line_of(pointer);
  if (key_line <= 0 || key_line > static_cast<int>(doc.lines->size())) {
    return 0;
  }
  std::string_view line = (*doc.lines)[key_line - 1];
  std::size_t colon = line.find(':');
  std::string_view rest =
      colon == std::string_view::npos ? "" : line.substr(colon + 1);
  std::size_t start = rest.find_first_not_of(" \t");
  bool block = start != std::string_view::npos &&
               (rest[start] == '|' || rest[start] == '>');
  return block ? key_line : key_line - 1;
}

Status add_embedded(const Document& doc, const Value* text,
                    const std::string& pointer,
                    std::vector<EmbeddedRego>& out) {
  if (text == nullptr || !text->is_string()) {
    return doc.error(pointer + " must be a string of Rego", pointer);
  }
  out.push_back(
      {doc.file + "#" + pointer, text->as_string(), rego_offset(doc, pointer)});
  return Status::ok();
}

Status add_libs(const Document& doc, const Value* libs,
                const std::string& pointer, std::vector<EmbeddedRego>& out) {
  if (libs == nullptr || libs->is_null()) return Status::ok();
  if (!libs->is_array()) return doc.error(pointer + " must be a list", pointer);
  for (std::size_t i = 0; i < libs->size(); ++i) {
    std::string at = pointer + "/" + std::to_string(i);
    RAMPART_RETURN_IF_ERROR(
        add_embedded(doc, &libs->array_items()[i], at, out));
  }
  return Status::ok();
}

// The Rego of the admission target: `rego` + `libs`, or a `code` entry
// whose engine is Rego. The first module is the template's own.
Result<std::vector<EmbeddedRego>> template_rego(const Document& doc) {
  const Value* targets = dig(doc.value(), {"spec", "targets"});
  if (targets == nullptr || !targets->is_array() || targets->size() == 0) {
    return doc.error("ConstraintTemplate has no spec.targets", "/spec");
  }
  std::size_t chosen = 0;
  for (std::size_t i = 0; i < targets->size(); ++i) {
    if (string_member(targets->array_items()[i], "target") ==
        kAdmissionTarget) {
      chosen = i;
    }
  }
  const Value& target = targets->array_items()[chosen];
  std::string pointer = "/spec/targets/" + std::to_string(chosen);
  std::vector<EmbeddedRego> modules;
  if (member(target, "rego") != nullptr) {
    RAMPART_RETURN_IF_ERROR(
        add_embedded(doc, member(target, "rego"), pointer + "/rego", modules));
    RAMPART_RETURN_IF_ERROR(
        add_libs(doc, member(target, "libs"), pointer + "/libs", modules));
    return modules;
  }
  const Value* code = member(target, "code");
  for (std::size_t i = 0; code && code->is_array() && i < code->size(); ++i) {
    const Value& entry = code->array_items()[i];
    if (string_member(entry, "engine") != "Rego") continue;
    std::string at = pointer + "/code/" + std::to_string(i) + "/source";
    const Value* source = member(entry, "source");
    RAMPART_RETURN_IF_ERROR(
        add_embedded(doc, source ? member(*source, "rego") : nullptr,
                     at + "/rego", modules));
    RAMPART_RETURN_IF_ERROR(add_libs(doc,
                                     source ? member(*source, "libs") : nullptr,
                                     at + "/libs", modules));
    return modules;
  }
  // TODO(admission): CEL (K8sNativeValidation) templates are not evaluated;
  // loading one fails with this message. Fix: a CEL evaluator.
  return Status(StatusCode::kUnsupported,
                "ConstraintTemplate has no Rego for target " +
                    std::string(kAdmissionTarget) +
                    " (CEL templates are not supported)",
                {doc.file, doc.line_of(pointer), 0});
}

using Compiled =
    std::variant<std::shared_ptr<const rego::Policy>, rego::RegoErrors>;

Compiled compile_modules(const std::vector<EmbeddedRego>& modules,
                         const Value& inventory, bool v0) {
  rego::CompileOptions options;
  options.v0_compatible = v0;
  rego::Compiler compiler(options);
  bool uses_bundled = false;
  for (const EmbeddedRego& module : modules) {
    compiler.add_module(module.name, module.text);
    uses_bundled |= module.text.find("data.rampart.") != std::string::npos;
  }
  // A template may reuse rampart's bundled checks (policies/gatekeeper/
  // wraps them); they come along only when asked for, since compiling the
  // whole library for every template would slow loading.
  if (uses_bundled) {
    for (const auto& source : scan::misconfig::bundled_sources(false)) {
      compiler.add_module(source.file, source.text);
    }
  }
  compiler.add_data(
      Value::object({{Value::string("inventory"),
                      inventory.is_null() ? Value::object({}) : inventory}}));
  return compiler.compile();
}

bool is_parse_failure(const Compiled& compiled) {
  auto* errors = std::get_if<rego::RegoErrors>(&compiled);
  if (errors == nullptr) return false;
  return std::any_of(errors->begin(), errors->end(), [](const auto& e) {
    return e.code == "rego_parse_error";
  });
}

// Maps the first Rego error back into the YAML file.
Status template_error(const rego::RegoErrors& errors, const Document& doc,
                      const std::vector<EmbeddedRego>& modules) {
  if (errors.empty()) return doc.error("template Rego does not compile");
  const rego::RegoError& first = errors.front();
  SourceLocation location{doc.file, doc.yaml->start_line, 0};
  for (const EmbeddedRego& module : modules) {
    if (module.name != first.location.file) continue;
    location.line = module.line_offset + first.location.line;
    location.column = first.location.column;
  }
  std::string message = first.code + ": " + first.message;
  if (errors.size() > 1) {
    message += " (and " + std::to_string(errors.size() - 1) + " more)";
  }
  return Status(StatusCode::kParseError, std::move(message), location);
}

Result<Template> load_template(const Document& doc, const Value& inventory) {
  Template out;
  out.file = doc.file;
  const Value* kind =
      dig(doc.value(), {"spec", "crd", "spec", "names", "kind"});
  if (kind == nullptr || !kind->is_string() || kind->as_string().empty()) {
    return doc.error("ConstraintTemplate has no spec.crd.spec.names.kind",
                     "/spec");
  }
  out.kind = kind->as_string();
  const Value* annotations = dig(doc.value(), {"metadata", "annotations"});
  if (annotations != nullptr) {
    out.title = string_member(*annotations, "metadata.gatekeeper.sh/title");
    out.description = string_member(*annotations, "description");
  }
  if (out.title.empty()) out.title = out.kind;

  auto modules = template_rego(doc);
  if (!modules) return modules.status();
  Compiled compiled = compile_modules(*modules, inventory, true);
  if (is_parse_failure(compiled)) {
    Compiled v1 = compile_modules(*modules, inventory, false);
    if (!is_parse_failure(v1)) compiled = std::move(v1);
  }
  if (auto* errors = std::get_if<rego::RegoErrors>(&compiled)) {
    return template_error(*errors, doc, *modules);
  }
  out.policy = std::get<std::shared_ptr<const rego::Policy>>(compiled);

  std::string package = scan::misconfig::package_of(modules->front().text);
  std::string rule = "data." + package + ".violation";
  auto rules = out.policy->rules();
  if (package.empty() ||
      std::find(rules.begin(), rules.end(), rule) == rules.end()) {
    return doc.error("ConstraintTemplate " + out.kind +
                         ": its Rego defines no `violation` rule",
                     modules->front().name.substr(doc.file.size() + 1));
  }
  auto prepared = out.policy->prepare(rule);
  if (auto* errors = std::get_if<rego::RegoErrors>(&prepared)) {
    return template_error(*errors, doc, *modules);
  }
  out.violation =
      std::get<std::shared_ptr<const rego::PreparedQuery>>(prepared);
  return out;
}

// --- constraints --------------------------------------------------------

Result<LabelSelector> parse_selector(const Document& doc, const Value* value,
                                     const std::string& pointer) {
  LabelSelector selector;
  if (value == nullptr || value->is_null()) return selector;
  if (!value->is_object())
    return doc.error(pointer + " must be a map", pointer);
  selector.present = true;
  if (const Value* labels = member(*value, "matchLabels")) {
    if (!labels->is_object() && !labels->is_null()) {
      return doc.error(pointer + "/matchLabels must be a map", pointer);
    }
    for (const auto& [key, val] : labels->is_object()
                                      ? labels->object_entries()
                                      : std::vector<ObjectEntry>{}) {
      if (!key.is_string() || !val.is_string()) {
        return doc.error(pointer + "/matchLabels must map strings to strings",
                         pointer + "/matchLabels");
      }
      selector.match_labels.emplace_back(key.as_string(), val.as_string());
    }
  }
  const Value* expressions = member(*value, "matchExpressions");
  if (expressions == nullptr || expressions->is_null()) return selector;
  if (!expressions->is_array()) {
    return doc.error(pointer + "/matchExpressions must be a list", pointer);
  }
  for (std::size_t i = 0; i < expressions->size(); ++i) {
    const Value& item = expressions->array_items()[i];
    std::string at = pointer + "/matchExpressions/" + std::to_string(i);
    LabelRequirement requirement;
    requirement.key = string_member(item, "key");
    std::string op = string_member(item, "operator");
    using Op = LabelRequirement::Op;
    static const std::map<std::string, Op, std::less<>> kOps = {
        {"In", Op::kIn},
        {"NotIn", Op::kNotIn},
        {"Exists", Op::kExists},
        {"DoesNotExist", Op::kDoesNotExist}};
    auto found = kOps.find(op);
    if (requirement.key.empty() || found == kOps.end()) {
      return doc.error(at + ": needs a key and an operator In, NotIn, "
                            "Exists or DoesNotExist",
                       at);
    }
    requirement.op = found->second;
    auto values = string_list(doc, member(item, "values"), at + "/values");
    if (!values) return values.status();
    requirement.values = std::move(*values);
    selector.expressions.push_back(std::move(requirement));
  }
  return selector;
}

Result<std::vector<KindMatch>> parse_kinds(const Document& doc,
                                           const Value* kinds) {
  std::vector<KindMatch> out;
  std::string pointer = "/spec/match/kinds";
  if (kinds == nullptr || kinds->is_null()) return out;
  if (!kinds->is_array())
    return doc.error(pointer + " must be a list", pointer);
  for (std::size_t i = 0; i < kinds->size(); ++i) {
    const Value& item = kinds->array_items()[i];
    std::string at = pointer + "/" + std::to_string(i);
    KindMatch match;
    auto groups =
        string_list(doc, member(item, "apiGroups"), at + "/apiGroups");
    if (!groups) return groups.status();
    auto names = string_list(doc, member(item, "kinds"), at + "/kinds");
    if (!names) return names.status();
    match.groups = std::move(*groups);
    match.kinds = std::move(*names);
    out.push_back(std::move(match));
  }
  return out;
}

Status parse_match(const Document& doc, const Value* value, Match& match) {
  if (value == nullptr || value->is_null()) return Status::ok();
  if (!value->is_object())
    return doc.error("spec.match must be a map", "/spec");
  auto kinds = parse_kinds(doc, member(*value, "kinds"));
  if (!kinds) return kinds.status();
  match.kinds = std::move(*kinds);
  auto namespaces =
      string_list(doc, member(*value, "namespaces"), "/spec/match/namespaces");
  if (!namespaces) return namespaces.status();
  match.namespaces = std::move(*namespaces);
  auto excluded = string_list(doc, member(*value, "excludedNamespaces"),
                              "/spec/match/excludedNamespaces");
  if (!excluded) return excluded.status();
  match.excluded_namespaces = std::move(*excluded);
  match.name = string_member(*value, "name");

  std::string scope = string_member(*value, "scope");
  if (scope == "Cluster") {
    match.scope = Scope::kCluster;
  } else if (scope == "Namespaced") {
    match.scope = Scope::kNamespaced;
  } else if (!scope.empty() && scope != "*") {
    return doc.error("spec.match.scope must be Cluster, Namespaced or *",
                     "/spec/match/scope");
  }
  auto labels = parse_selector(doc, member(*value, "labelSelector"),
                               "/spec/match/labelSelector");
  if (!labels) return labels.status();
  match.labels = std::move(*labels);
  auto ns_labels = parse_selector(doc, member(*value, "namespaceSelector"),
                                  "/spec/match/namespaceSelector");
  if (!ns_labels) return ns_labels.status();
  match.namespace_labels = std::move(*ns_labels);
  return Status::ok();
}

Result<Action> parse_action(const Document& doc, const Value& spec) {
  std::string action = string_member(spec, "enforcementAction");
  if (action.empty() || action == "deny") return Action::kDeny;
  if (action == "warn") return Action::kWarn;
  if (action == "dryrun") return Action::kDryRun;
  // TODO(admission): Gatekeeper's "scoped" action (per-enforcement-point
  // actions) is refused at load. Fix: read scopedEnforcementActions.
  return doc.error(
      "spec.enforcementAction must be deny, warn or dryrun, not \"" +
          action.substr(0, 32) + "\"",
      "/spec/enforcementAction");
}

Result<Constraint> load_constraint(
    const Document& doc, const std::vector<Template>& templates,
    const std::map<std::string, std::size_t>& template_by_kind) {
  Constraint out;
  out.file = doc.file;
  out.line = doc.yaml->start_line;
  out.kind = string_member(doc.value(), "kind");
  const Value* metadata = member(doc.value(), "metadata");
  out.name = metadata ? string_member(*metadata, "name") : "";
  if (out.name.empty()) return doc.error("constraint has no metadata.name");
  auto found = template_by_kind.find(out.kind);
  if (found == template_by_kind.end()) {
    return doc.error("constraint " + out.name + " is of kind \"" + out.kind +
                         "\", which no loaded ConstraintTemplate defines",
                     "/kind");
  }
  out.template_index = found->second;
  const Template& tmpl = templates[out.template_index];
  out.info.title = tmpl.title + " (constraint " + out.name + ")";
  out.info.description = tmpl.description;
  out.info.file = doc.file;

  static const Value kEmptySpec = Value::object({});
  const Value* spec = member(doc.value(), "spec");
  if (spec == nullptr || spec->is_null()) spec = &kEmptySpec;
  if (!spec->is_object()) return doc.error("spec must be a map", "/spec");
  RAMPART_RETURN_IF_ERROR(parse_match(doc, member(*spec, "match"), out.match));
  const Value* parameters = member(*spec, "parameters");
  out.parameters = parameters != nullptr && !parameters->is_null()
                       ? *parameters
                       : Value::object({});
  auto action = parse_action(doc, *spec);
  if (!action) return action.status();
  out.action = *action;
  return out;
}

// --- files --------------------------------------------------------------

bool is_yaml_name(const fs::path& path) {
  std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

Result<std::vector<std::string>> list_files(
    const std::vector<fs::path>& paths) {
  std::vector<std::string> files;
  for (const fs::path& path : paths) {
    std::error_code error;
    if (fs::is_regular_file(path, error)) {
      files.push_back(path.string());
      continue;
    }
    if (!fs::is_directory(path, error)) {
      return Status(StatusCode::kNotFound,
                    "constraint folder not found: " + path.string());
    }
    fs::recursive_directory_iterator it(path, error), end;
    for (; !error && it != end; it.increment(error)) {
      if (it->is_regular_file(error) && is_yaml_name(it->path())) {
        files.push_back(it->path().string());
      }
    }
    if (error) {
      return Status(StatusCode::kIoError, "cannot read constraint folder " +
                                              path.string() + ": " +
                                              error.message());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (true) {
    std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// One file read and parsed; owns what Documents point into.
struct ParsedFile {
  std::string file;
  std::string text;
  std::vector<std::string_view> lines;
  std::vector<YamlDocument> documents;
};

Result<std::unique_ptr<ParsedFile>> parse_text(std::string path,
                                               std::string text) {
  auto parsed = std::make_unique<ParsedFile>();
  parsed->file = std::move(path);
  if (text.size() > kMaxConstraintFileBytes) {
    return Status(StatusCode::kLimitExceeded,
                  "file larger than " +
                      std::to_string(kMaxConstraintFileBytes) + " bytes",
                  {parsed->file, 0, 0});
  }
  parsed->text = std::move(text);
  const std::string& path_ref = parsed->file;
  YamlLimits limits;
  limits.record_positions = true;
  auto documents = parse_yaml(parsed->text, path_ref, limits);
  if (!documents) return documents.status();
  parsed->documents = std::move(*documents);
  parsed->lines = split_lines(parsed->text);
  return parsed;
}

bool is_template(const Value& value) {
  return string_member(value, "kind") == "ConstraintTemplate" &&
         string_member(value, "apiVersion")
             .starts_with("templates.gatekeeper.sh/");
}

bool is_constraint(const Value& value) {
  return string_member(value, "apiVersion")
      .starts_with("constraints.gatekeeper.sh/");
}

}  // namespace

bool glob_matches(std::string_view pattern, std::string_view text) {
  if (pattern.size() > 1 && pattern.back() == '*') {
    return text.starts_with(pattern.substr(0, pattern.size() - 1));
  }
  if (pattern.size() > 1 && pattern.front() == '*') {
    return text.ends_with(pattern.substr(1));
  }
  return pattern == "*" || pattern == text;
}

bool LabelSelector::matches(const Value& labels) const {
  auto label = [&labels](const std::string& key) -> const Value* {
    const Value* value = labels.is_object() ? labels.find(key) : nullptr;
    return value != nullptr && value->is_string() ? value : nullptr;
  };
  for (const auto& [key, value] : match_labels) {
    const Value* found = label(key);
    if (found == nullptr || found->as_string() != value) return false;
  }
  for (const LabelRequirement& requirement : expressions) {
    const Value* found = label(requirement.key);
    bool listed =
        found != nullptr &&
        std::find(requirement.values.begin(), requirement.values.end(),
                  found->as_string()) != requirement.values.end();
    switch (requirement.op) {
      case LabelRequirement::Op::kIn:
        if (!listed) return false;
        break;
      case LabelRequirement::Op::kNotIn:
        if (listed) return false;  // an absent label is "not in"
        break;
      case LabelRequirement::Op::kExists:
        if (found == nullptr) return false;
        break;
      case LabelRequirement::Op::kDoesNotExist:
        if (found != nullptr) return false;
        break;
    }
  }
  return true;
}

namespace {

bool kind_matches(const std::vector<KindMatch>& kinds,
                  const MatchSubject& subject) {
  if (kinds.empty()) return true;
  auto listed = [](const std::vector<std::string>& list,
                   const std::string& item) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& x) {
      return x == "*" || x == item;
    });
  };
  for (const KindMatch& entry : kinds) {
    if (listed(entry.groups, subject.group) &&
        listed(entry.kinds, subject.kind)) {
      return true;
    }
  }
  return false;
}

// The namespace a namespace filter looks at: a Namespace object is judged
// by its own name; other cluster-scoped objects pass every namespace
// filter, as in Gatekeeper.
const std::string* filtered_namespace(const MatchSubject& subject) {
  if (subject.is_namespace) return &subject.name;
  return subject.ns.empty() ? nullptr : &subject.ns;
}

bool any_glob(const std::vector<std::string>& patterns, const std::string& s) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return glob_matches(p, s); });
}

}  // namespace

bool matches(const Match& match, const MatchSubject& subject) {
  if (!kind_matches(match.kinds, subject)) return false;
  bool cluster_scoped = subject.ns.empty();
  if (match.scope == Scope::kCluster && !cluster_scoped) return false;
  if (match.scope == Scope::kNamespaced && cluster_scoped) return false;
  if (!match.name.empty() && !glob_matches(match.name, subject.name)) {
    return false;
  }

  if (const std::string* ns = filtered_namespace(subject)) {
    if (!match.namespaces.empty() && !any_glob(match.namespaces, *ns)) {
      return false;
    }
    if (any_glob(match.excluded_namespaces, *ns)) return false;
  }
  if (match.labels.present && !match.labels.matches(subject.labels)) {
    return false;
  }
  if (match.namespace_labels.present &&
      (!cluster_scoped || subject.is_namespace)) {
    // Unknown namespace labels cannot satisfy a selector (admission.h).
    if (subject.namespace_labels.is_null()) return false;
    if (!match.namespace_labels.matches(subject.namespace_labels)) return false;
  }
  return true;
}

Result<Gatekeeper> load_gatekeeper(const std::vector<fs::path>& paths,
                                   const Value& inventory) {
  auto files = list_files(paths);
  if (!files) return files.status();
  std::vector<std::pair<std::string, std::string>> texts;
  for (const std::string& file : *files) {
    auto text = read_file(file, kMaxConstraintFileBytes);
    if (!text) return text.status();
    texts.emplace_back(file, std::move(*text));
  }
  return load_gatekeeper_texts(std::move(texts), inventory);
}

Result<Gatekeeper> load_gatekeeper_texts(
    std::vector<std::pair<std::string, std::string>> files,
    const Value& inventory) {
  std::vector<std::unique_ptr<ParsedFile>> parsed;
  for (auto& [name, text] : files) {
    auto one = parse_text(std::move(name), std::move(text));
    if (!one) return one.status();
    parsed.push_back(std::move(*one));
  }

  // Templates first, so constraints may come before their template.
  Gatekeeper out;
  std::map<std::string, std::size_t> template_by_kind;
  std::vector<Document> constraints;
  for (const auto& file : parsed) {
    for (const YamlDocument& yaml : file->documents) {
      Document doc{&yaml, file->file, &file->lines};
      if (is_constraint(yaml.value)) constraints.push_back(doc);
      if (!is_template(yaml.value)) continue;
      auto loaded = load_template(doc, inventory);
      if (!loaded) return loaded.status();
      if (template_by_kind.count(loaded->kind) != 0) {
        return doc.error("a second ConstraintTemplate defines kind " +
                         loaded->kind);
      }
      template_by_kind[loaded->kind] = out.templates.size();
      out.templates.push_back(std::move(*loaded));
    }
  }
  for (const Document& doc : constraints) {
    auto loaded = load_constraint(doc, out.templates, template_by_kind);
    if (!loaded) return loaded.status();
    out.constraints.push_back(std::move(*loaded));
  }
  return out;
}

}  // namespace rampart::admission

namespace rampart::admission {
namespace {

// The inventory tree while it is built; a std::map keeps inserts cheap
// for large dumps, and the Value is made once at the end.
struct InventoryNode {
  std::map<std::string, InventoryNode> children;
  Value leaf;

  Value to_value() const {
    if (children.empty()) return leaf;
    std::vector<ObjectEntry> entries;
    entries.reserve(children.size());
    for (const auto& [name, child] : children) {
      entries.emplace_back(Value::string(name), child.to_value());
    }
    return Value::object(std::move(entries));
  }
};

}  // namespace

Value gatekeeper_inventory(const std::vector<Value>& objects) {
  InventoryNode root;
  for (const Value& object : objects) {
    std::string version = string_member(object, "apiVersion");
    std::string kind = string_member(object, "kind");
    const Value* metadata = member(object, "metadata");
    std::string name = metadata ? string_member(*metadata, "name") : "";
    std::string ns = metadata ? string_member(*metadata, "namespace") : "";
    if (version.empty() || kind.empty() || name.empty()) continue;
    std::vector<std::string> path =
        ns.empty()
            ? std::vector<std::string>{"cluster", version, kind, name}
            : std::vector<std::string>{"namespace", ns, version, kind, name};
    InventoryNode* node = &root;
    for (const std::string& step : path) node = &node->children[step];
    node->children.clear();  // a later object of the same name wins
    node->leaf = object;
  }
  return root.children.empty() ? Value::object({}) : root.to_value();
}

}  // namespace rampart::admission
