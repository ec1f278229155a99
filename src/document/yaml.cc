// SPDX-License-Identifier: Apache-2.0
//
// YAML reading on libfyaml's event stream: a stack of open collections is
// filled as events arrive, which gives us positions for every node (the
// document API of libfyaml 0.7 has none for collections) and full control
// over alias expansion.
#include "rampart/document/yaml.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include <libfyaml.h>

#include "rampart/document/json.h"

namespace rampart {

void append_pointer_segment(std::string& pointer, std::string_view key) {
  pointer.push_back('/');
  for (char c : key) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer.push_back(c);
    }
  }
}

namespace {

// --- scalars --------------------------------------------------------------

bool is_null_word(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> bool_word(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

std::optional<Value> radix_integer(std::string_view s, int base) {
  std::int64_t n = 0;
  auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), n, base);
  if (error != std::errc() || end != s.data() + s.size() || s.empty()) {
    return std::nullopt;
  }
  return Value::integer(n);
}

bool is_decimal(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_core_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exponent = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exponent;
    if (exponent == 0) return false;
  }
  return i == s.size();
}

std::optional<Value> number_word(std::string_view s) {
  if (is_decimal(s)) {
    return Value::big_integer(s[0] == '+' ? s.substr(1) : s);
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') {
    return radix_integer(s.substr(2), 8);
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x') {
    return radix_integer(s.substr(2), 16);
  }
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf") {
    return Value::floating(HUGE_VAL);
  }
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") {
    return Value::floating(-HUGE_VAL);
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    return Value::floating(std::nan(""));
  }
  if (is_core_float(s)) {
    std::string_view text = s[0] == '+' ? s.substr(1) : s;
    std::string normalized(text);
    if (normalized[0] == '.') normalized.insert(0, "0");
    if (normalized.size() > 1 && normalized[0] == '-' && normalized[1] == '.') {
      normalized.insert(1, "0");
    }
    Value v = Value::number_from_text(normalized);
    if (v.is_number()) return v;
    double d = 0;
    std::from_chars(normalized.data(), normalized.data() + normalized.size(),
                    d);
    return Value::floating(d);
  }
  return std::nullopt;
}

// Applies the YAML 1.2 core schema to a plain scalar, or a tag's demand.
Value resolve_scalar(std::string_view text, bool plain, std::string_view tag) {
  if (tag == "tag:yaml.org,2002:str") return Value::string(text);
  if (tag == "tag:yaml.org,2002:null") return Value::null();
  if (tag == "tag:yaml.org,2002:bool") {
    if (auto b = bool_word(text)) return Value::boolean(*b);
  }
  if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float") {
    if (auto n = number_word(text)) return *n;
  }
  if (!plain) return Value::string(text);
  if (is_null_word(text)) return Value::null();
  if (auto b = bool_word(text)) return Value::boolean(*b);
  if (auto n = number_word(text)) return *n;
  return Value::string(text);
}

std::string_view token_text(fy_token* token) {
  if (token == nullptr) return {};
  std::size_t length = 0;
  const char* text = fy_token_get_text(token, &length);
  return text == nullptr ? std::string_view() : std::string_view(text, length);
}

// --- the builder ----------------------------------------------------------

struct Frame {
  bool mapping = false;
  std::vector<Value> items;
  std::vector<ObjectEntry> entries;
  std::vector<Value> merges;  // values of "<<" keys, applied at the end
  std::optional<Value> pending_key;
  int pending_key_line = 0;
  int pending_key_column = 0;
  std::size_t pointer_length = 0;  // pointer of this collection
  std::string anchor;
  int start_line = 0;
  std::size_t nodes = 1;  // expanded node count of this subtree
};

struct Anchored {
  Value value;
  std::size_t nodes = 1;
};

class Builder {
 public:
  Builder(std::string_view source, YamlLimits limits)
      : source_(source), limits_(limits) {}

  Status on_event(fy_event* event);
  std::vector<YamlDocument>& documents() { return documents_; }

 private:
  Status begin_collection(bool mapping, fy_token* anchor, int line);
  Status end_collection(int end_line);
  Status add_node(Value value, std::size_t nodes, int line, int column,
                  int end_line, std::string_view anchor);
  Status count(std::size_t nodes, int line);
  std::string child_pointer(const Frame& parent, const Value& key) const;
  Status error(StatusCode code, const std::string& message, int line) const {
    return Status(code, message, SourceLocation{std::string(source_), line});
  }

  std::string_view source_;
  YamlLimits limits_;
  std::vector<Frame> stack_;
  std::map<std::string, Anchored, std::less<>> anchors_;
  std::vector<YamlDocument> documents_;
  std::string pointer_;
  std::size_t total_nodes_ = 0;
};

Status Builder::count(std::size_t nodes, int line) {
  total_nodes_ += nodes;
  if (total_nodes_ > limits_.max_nodes) {
    return error(StatusCode::kLimitExceeded,
                 "YAML expands to more than " +
                     std::to_string(limits_.max_nodes) + " nodes (alias bomb?)",
                 line);
  }
  return Status::ok();
}

std::string Builder::child_pointer(const Frame& parent,
                                   const Value& key) const {
  std::string pointer = pointer_.substr(0, parent.pointer_length);
  if (parent.mapping) {
    append_pointer_segment(pointer,
                           key.is_string() ? key.as_string() : to_json(key));
  } else {
    append_pointer_segment(pointer, std::to_string(parent.items.size()));
  }
  return pointer;
}

Status Builder::begin_collection(bool mapping, fy_token* anchor, int line) {
  if (stack_.size() >= limits_.max_depth) {
    return error(StatusCode::kLimitExceeded,
                 "YAML nesting deeper than " +
                     std::to_string(limits_.max_depth) + " levels",
                 line);
  }
  RAMPART_RETURN_IF_ERROR(count(1, line));
  Frame frame;
  frame.mapping = mapping;
  frame.anchor = std::string(token_text(anchor));
  frame.start_line = line;
  if (stack_.empty()) {
    pointer_.clear();
  } else {
    Frame& parent = stack_.back();
    if (parent.mapping && !parent.pending_key) {
      // A collection used as a key: allowed, but it has no pointer.
      pointer_ = pointer_.substr(0, parent.pointer_length);
    } else {
      pointer_ = child_pointer(parent, parent.pending_key.value_or(Value()));
      if (limits_.record_positions) {
        int key_line = parent.mapping ? parent.pending_key_line : line;
        int key_col = parent.mapping ? parent.pending_key_column : 0;
        documents_.back().positions[pointer_] = {key_line, key_col, line};
      }
    }
  }
  frame.pointer_length = pointer_.size();
  stack_.push_back(std::move(frame));
  return Status::ok();
}

// Applies "<<" merges: keys already present win over merged ones.
void apply_merges(Frame& frame) {
  std::vector<ObjectEntry> merged = std::move(frame.entries);
  auto add_missing = [&](const Value& source) {
    for (const ObjectEntry& entry : source.object_entries()) {
      bool present = false;
      for (const ObjectEntry& existing : merged) {
        if (existing.first == entry.first) {
          present = true;
          break;
        }
      }
      if (!present) merged.push_back(entry);
    }
  };
  for (const Value& source : frame.merges) {
    if (source.is_object()) add_missing(source);
    for (const Value& item : source.array_items()) add_missing(item);
  }
  frame.entries = std::move(merged);
}

Status Builder::end_collection(int end_line) {
  Frame frame = std::move(stack_.back());
  stack_.pop_back();
  if (frame.mapping && !frame.merges.empty()) apply_merges(frame);
  Value value = frame.mapping ? Value::object(std::move(frame.entries))
                              : Value::array(std::move(frame.items));
  if (!stack_.empty()) pointer_.resize(stack_.back().pointer_length);
  if (limits_.record_positions && !documents_.empty()) {
    std::string pointer;
    if (!stack_.empty()) {
      Frame& parent = stack_.back();
      if (!parent.mapping || parent.pending_key) {
        pointer = child_pointer(parent, parent.pending_key.value_or(Value()));
      }
    }
    auto found = documents_.back().positions.find(pointer);
    if (found != documents_.back().positions.end()) {
      found->second.end_line = end_line;
    }
  }
  // The collection's nodes were counted as they arrived; pass the subtree
  // size up without counting again.
  total_nodes_ -= frame.nodes;
  return add_node(std::move(value), frame.nodes, frame.start_line, 0, end_line,
                  frame.anchor);
}

Status Builder::add_node(Value value, std::size_t nodes, int line, int column,
                         int end_line, std::string_view anchor) {
  RAMPART_RETURN_IF_ERROR(count(nodes, line));
  if (!anchor.empty()) {
    anchors_[std::string(anchor)] = Anchored{value, nodes};
  }
  if (stack_.empty()) {
    documents_.back().value = std::move(value);
    return Status::ok();
  }

  Frame& parent = stack_.back();
  parent.nodes += nodes;
  if (!parent.mapping) {
    if (limits_.record_positions && !value.is_collection()) {
      documents_.back().positions[child_pointer(parent, Value())] = {
          line, column, end_line};
    }
    parent.items.push_back(std::move(value));
    return Status::ok();
  }
  if (!parent.pending_key) {
    parent.pending_key = std::move(value);
    parent.pending_key_line = line;
    parent.pending_key_column = column;
    return Status::ok();
  }
  Value key = std::move(*parent.pending_key);
  parent.pending_key.reset();
  if (key.is_string() && key.as_string() == "<<") {
    parent.merges.push_back(std::move(value));
    return Status::ok();
  }
  if (limits_.record_positions && !value.is_collection()) {
    documents_.back().positions[child_pointer(parent, key)] = {
        parent.pending_key_line, parent.pending_key_column, end_line};
  }
  parent.entries.emplace_back(std::move(key), std::move(value));
  return Status::ok();
}

Status Builder::on_event(fy_event* event) {
  const fy_mark* start = fy_event_start_mark(event);
  const fy_mark* end = fy_event_end_mark(event);
  int line = start != nullptr ? start->line + 1 : 0;
  int column = start != nullptr ? start->column + 1 : 0;
  int end_line = end != nullptr ? end->line + 1 : line;
  // An end mark at column 0 belongs to the line before it.
  if (end != nullptr && end->column == 0 && end_line > line) --end_line;

  switch (event->type) {
    case FYET_DOCUMENT_START:
      documents_.emplace_back();
      documents_.back().start_line = line;
      stack_.clear();
      return Status::ok();
    case FYET_DOCUMENT_END:
      if (!documents_.empty()) documents_.back().end_line = end_line;
      return Status::ok();
    case FYET_MAPPING_START:
      return begin_collection(true, event->mapping_start.anchor, line);
    case FYET_SEQUENCE_START:
      return begin_collection(false, event->sequence_start.anchor, line);
    case FYET_MAPPING_END:
    case FYET_SEQUENCE_END:
      return end_collection(end_line);
    case FYET_SCALAR: {
      fy_token* value = event->scalar.value;
      bool plain = fy_token_scalar_style(value) == FYSS_PLAIN;
      std::string_view tag;
      if (event->scalar.tag != nullptr) tag = token_text(event->scalar.tag);
      Value scalar = plain && tag.empty() && limits_.resolve_plain != nullptr
                         ? limits_.resolve_plain(token_text(value))
                         : resolve_scalar(token_text(value), plain, tag);
      return add_node(std::move(scalar), 1, line, column, end_line,
                      token_text(event->scalar.anchor));
    }
    case FYET_ALIAS: {
      std::string_view name = token_text(event->alias.anchor);
      auto found = anchors_.find(name);
      if (found == anchors_.end()) {
        return error(StatusCode::kParseError,
                     "unknown alias '*" + std::string(name) + "'", line);
      }
      Anchored anchored = found->second;
      return add_node(anchored.value, anchored.nodes, line, column, end_line,
                      "");
    }
    default:
      return Status::ok();
  }
}

// Owns a libfyaml parser with errors collected rather than printed.
class Parser {
 public:
  Parser() {
    fy_diag_cfg diag_config;
    fy_diag_cfg_default(&diag_config);
    diag_config.fp = nullptr;
    diag_config.output_fn = [](fy_diag*, void*, const char*, size_t) {};
    diag_ = fy_diag_create(&diag_config);
    if (diag_ != nullptr) fy_diag_set_collect_errors(diag_, true);
    fy_parse_cfg config{};
    config.flags = static_cast<fy_parse_cfg_flags>(
        FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DEFAULT_VERSION_1_2);
    config.diag = diag_;
    parser_ = fy_parser_create(&config);
  }
  ~Parser() {
    if (parser_ != nullptr) fy_parser_destroy(parser_);
    if (diag_ != nullptr) fy_diag_destroy(diag_);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  fy_parser* get() { return parser_; }

  // The first collected error, as "line N: message".
  Status first_error(std::string_view source) {
    void* iterator = nullptr;
    fy_diag_error* failure =
        diag_ != nullptr ? fy_diag_errors_iterate(diag_, &iterator) : nullptr;
    if (failure == nullptr) {
      return Status(StatusCode::kParseError, "invalid YAML",
                    SourceLocation{std::string(source)});
    }
    return Status(StatusCode::kParseError,
                  std::string("invalid YAML: ") + failure->msg,
                  SourceLocation{std::string(source), failure->line + 1,
                                 failure->column + 1});
  }

 private:
  fy_diag* diag_ = nullptr;
  fy_parser* parser_ = nullptr;
};

// Whether `text` is well-formed UTF-8 (no overlongs, surrogates or code
// points past U+10FFFF) made only of characters YAML allows: no control
// characters other than tab, line feed and carriage return.
bool valid_yaml_text(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      return false;
    }
    std::size_t length = c < 0x80           ? 1
                         : (c >> 5) == 0x6  ? 2
                         : (c >> 4) == 0xe  ? 3
                         : (c >> 3) == 0x1e ? 4
                                            : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t code = length == 1 ? c : c & (0x7f >> length);
    for (std::size_t j = 1; j < length; ++j) {
      auto next = static_cast<unsigned char>(text[i + j]);
      if ((next & 0xc0) != 0x80) return false;
      code = (code << 6) | (next & 0x3f);
    }
    static const std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[length] || code > 0x10ffff ||
        (code >= 0xd800 && code < 0xe000)) {
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

Result<std::vector<YamlDocument>> parse_yaml(std::string_view text,
                                             std::string_view source,
                                             YamlLimits limits) {
  // libfyaml 0.7.12 loops forever on invalid UTF-8 in a directive line and
  // crashes while cleaning up after some inputs with NUL and other control
  // bytes; YAML allows neither, so such text is refused before parsing.
  if (!valid_yaml_text(text)) {
    return Status(StatusCode::kParseError,
                  "invalid YAML: not UTF-8 text (control or invalid bytes)",
                  SourceLocation{std::string(source)});
  }
  Parser parser;
  if (parser.get() == nullptr) {
    return Status(StatusCode::kInternal, "cannot create a YAML parser");
  }
  // libfyaml reads the buffer in place; it must outlive the parse.
  std::string buffer(text);
  if (fy_parser_set_string(parser.get(), buffer.data(), buffer.size()) != 0) {
    return Status(StatusCode::kInternal, "cannot start the YAML parser");
  }

  Builder builder(source, limits);
  while (fy_event* event = fy_parser_parse(parser.get())) {
    Status status = builder.on_event(event);
    fy_parser_event_free(parser.get(), event);
    if (!status.is_ok()) return status;
  }
  if (fy_parser_get_stream_error(parser.get())) {
    return parser.first_error(source);
  }
  return std::move(builder.documents());
}

Result<Value> parse_yaml_value(std::string_view text, std::string_view source,
                               YamlLimits limits) {
  auto documents = parse_yaml(text, source, limits);
  if (!documents) return documents.status();
  if (documents->empty()) return Value::null();
  if (documents->size() > 1) {
    return Status(StatusCode::kParseError,
                  "expected one YAML document, found " +
                      std::to_string(documents->size()),
                  SourceLocation{std::string(source)});
  }
  return std::move(documents->front().value);
}

}  // namespace rampart
