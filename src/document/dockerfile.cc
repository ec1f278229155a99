// SPDX-License-Identifier: Apache-2.0
//
// The Dockerfile reader (grammar in dockerfile.h). One pass over physical
// lines: directives first, then logical instructions (continuations joined,
// heredoc bodies taken), each turned into an instruction object and placed
// in the global ARG list or the current stage.
#include "rampart/document/dockerfile.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rampart/document/json.h"

namespace rampart {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_left(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  return text;
}

std::string_view trim(std::string_view text) {
  text = trim_left(text);
  while (!text.empty() && (is_space(text.back()) || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

bool is_blank_or_comment(std::string_view line) {
  line = trim(line);
  return line.empty() || line.front() == '#';
}

// Splits into physical lines, dropping the "\r" of CRLF endings.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// Splits shell-like words: whitespace separates, quotes group and are
// removed, a backslash outside single quotes keeps the next character.
std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote == 0 && is_space(c)) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\' && quote != '\'' && i + 1 < text.size()) {
      word.push_back(text[++i]);
    } else if (quote == 0 && (c == '"' || c == '\'')) {
      quote = c;
    } else if (c == quote) {
      quote = 0;
    } else {
      word.push_back(c);
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

struct Heredoc {
  std::string name;
  bool strip_tabs = false;
};

bool is_heredoc_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

// Every "<<WORD" / "<<-WORD" / "<<'WORD'" / "<<\"WORD\"" in `text`, in
// order; "<<<" (a here-string) is not one.
std::vector<Heredoc> find_heredocs(std::string_view text) {
  std::vector<Heredoc> found;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] != '<' || text[i + 1] != '<') continue;
    if ((i > 0 && text[i - 1] == '<') || text[i + 2] == '<') continue;
    Heredoc heredoc;
    std::size_t j = i + 2;
    if (j < text.size() && text[j] == '-') {
      heredoc.strip_tabs = true;
      ++j;
    }
    char quote = 0;
    if (j < text.size() && (text[j] == '"' || text[j] == '\'')) {
      quote = text[j++];
    }
    std::size_t start = j;
    while (j < text.size() && is_heredoc_name_char(text[j])) ++j;
    if (j == start || (quote != 0 && (j >= text.size() || text[j] != quote))) {
      continue;
    }
    heredoc.name = std::string(text.substr(start, j - start));
    found.push_back(std::move(heredoc));
    i = j;
  }
  return found;
}

// Replaces $NAME, ${NAME} and ${NAME:-default} from `args`; references to
// unknown names stay as written.
std::string substitute(std::string_view text,
                       const std::map<std::string, std::string>& args) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 == text.size()) {
      out.push_back(text[i]);
      continue;
    }
    bool braced = text[i + 1] == '{';
    std::size_t start = i + (braced ? 2 : 1);
    std::size_t end = start;
    while (end < text.size() && (is_heredoc_name_char(text[end]) &&
                                 text[end] != '-' && text[end] != '.')) {
      ++end;
    }
    std::string name(text.substr(start, end - start));
    std::optional<std::string> fallback;
    std::size_t close = end;
    if (braced) {
      close = text.find('}', end);
      if (close == std::string_view::npos) {
        out.append(text.substr(i));
        break;
      }
      if (text.substr(end, 2) == ":-") {
        fallback = std::string(text.substr(end + 2, close - end - 2));
      }
      ++close;
    }
    auto it = args.find(name);
    if (!name.empty() && it != args.end()) {
      out += it->second;
    } else if (fallback) {
      out += *fallback;
    } else {
      out.append(text.substr(i, close - i));
    }
    i = close - 1;
  }
  return out;
}

// One instruction as read: joined text and the physical lines it took.
struct Logical {
  std::string text;
  int start_line = 0;
  int end_line = 0;
};

class Parser {
 public:
  Parser(std::string_view text, std::string_view source,
         DockerfileLimits limits)
      : lines_(split_lines(text)), source_(source), limits_(limits) {}

  Result<Value> parse();

 private:
  Status error(int line, std::string message) const {
    return Status(StatusCode::kParseError, std::move(message),
                  SourceLocation{std::string(source_), line, 0});
  }

  Status read_directives();
  bool read_logical(Logical& out);
  std::vector<Value> read_heredocs(std::string_view arguments, int& end_line);
  Value build_instruction(const Logical& logical, std::string& keyword,
                          std::string& arguments);
  Status place(Value instruction, const std::string& keyword,
               const std::string& arguments, int line);
  Value finish_stage();

  std::vector<std::string_view> lines_;
  std::size_t next_ = 0;
  std::string_view source_;
  DockerfileLimits limits_;
  char escape_ = '\\';

  std::vector<ObjectEntry> directives_;
  std::vector<Value> global_args_;
  std::map<std::string, std::string> global_defaults_;
  std::vector<Value> stages_;

  // The stage being filled.
  bool in_stage_ = false;
  std::vector<ObjectEntry> stage_;
  std::vector<Value> stage_instructions_;
  int stage_start_ = 0;
  int stage_end_ = 0;
};

Status Parser::read_directives() {
  while (next_ < lines_.size()) {
    std::string_view line = trim(lines_[next_]);
    if (line.empty() || line.front() != '#') break;
    std::string_view body = trim(line.substr(1));
    std::size_t equals = body.find('=');
    if (equals == std::string_view::npos) break;
    std::string name = lower(trim(body.substr(0, equals)));
    std::string value(trim(body.substr(equals + 1)));
    if (name != "syntax" && name != "escape" && name != "check") break;
    if (name == "escape") {
      if (value != "\\" && value != "`") {
        return error(
            static_cast<int>(next_ + 1),
            "invalid escape directive '" + value + "': must be \\ or `");
      }
      escape_ = value[0];
    }
    directives_.emplace_back(Value::string(name), Value::string(value));
    ++next_;
  }
  return Status::ok();
}

bool Parser::read_logical(Logical& out) {
  while (next_ < lines_.size() && is_blank_or_comment(lines_[next_])) ++next_;
  if (next_ >= lines_.size()) return false;

  out.text.clear();
  out.start_line = static_cast<int>(next_ + 1);
  while (next_ < lines_.size()) {
    std::string_view line = lines_[next_];
    out.end_line = static_cast<int>(++next_);
    std::string_view trimmed = trim(line);
    bool continues = !trimmed.empty() && trimmed.back() == escape_;
    if (!continues) {
      out.text.append(line);
      break;
    }
    // Keep what precedes the escape character; the next line follows
    // directly, as BuildKit joins them.
    std::size_t cut = line.rfind(escape_);
    out.text.append(line.substr(0, cut));
    while (next_ < lines_.size() && is_blank_or_comment(lines_[next_])) {
      ++next_;
    }
  }
  return true;
}

std::vector<Value> Parser::read_heredocs(std::string_view arguments,
                                         int& end_line) {
  std::vector<Value> bodies;
  for (const Heredoc& heredoc : find_heredocs(arguments)) {
    int start = static_cast<int>(next_ + 1);
    std::string body;
    while (next_ < lines_.size()) {
      std::string_view line = lines_[next_++];
      if (heredoc.strip_tabs) {
        while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
      }
      end_line = static_cast<int>(next_);
      if (line == heredoc.name) break;
      body.append(line);
      body.push_back('\n');
    }
    bodies.push_back(Value::object({
        {Value::string("name"), Value::string(heredoc.name)},
        {Value::string("body"), Value::string(std::move(body))},
        {Value::string("start_line"), Value::integer(start)},
    }));
  }
  return bodies;
}

// Pairs of ENV, LABEL and ARG. ENV also has the legacy "ENV key value".
Value key_value_pairs(const std::string& keyword, std::string_view text) {
  std::vector<std::string> words = split_words(text);
  std::vector<Value> pairs;
  auto pair = [&](std::string key, Value value) {
    pairs.push_back(Value::object({{Value::string("key"), Value::string(key)},
                                   {Value::string("value"), value}}));
  };
  if (keyword == "env" && !words.empty() &&
      words[0].find('=') == std::string::npos) {
    std::string_view body = trim(text);
    std::size_t gap = body.find_first_of(" \t");
    std::string joined;
    if (gap != std::string_view::npos) {
      for (const auto& word : split_words(body.substr(gap))) {
        joined += (joined.empty() ? "" : " ") + word;
      }
    }
    pair(words[0], Value::string(joined));
    return Value::array(std::move(pairs));
  }
  for (const auto& word : words) {
    std::size_t equals = word.find('=');
    if (equals == std::string::npos) {
      pair(word, Value::null());
    } else {
      pair(word.substr(0, equals), Value::string(word.substr(equals + 1)));
    }
  }
  return Value::array(std::move(pairs));
}

// Adds the fields that only some keywords have.
void add_keyword_fields(const std::string& keyword, std::string_view text,
                        std::vector<ObjectEntry>& fields) {
  if (keyword == "env" || keyword == "arg" || keyword == "label") {
    fields.emplace_back(Value::string("pairs"), key_value_pairs(keyword, text));
  } else if (keyword == "expose") {
    std::vector<Value> ports;
    for (auto& word : split_words(text)) ports.push_back(Value::string(word));
    fields.emplace_back(Value::string("ports"), Value::array(std::move(ports)));
  } else if (keyword == "user") {
    std::string spec(trim(text));
    std::size_t colon = spec.find(':');
    Value group = colon == std::string::npos
                      ? Value::null()
                      : Value::string(spec.substr(colon + 1));
    fields.emplace_back(Value::string("user"),
                        Value::string(spec.substr(0, colon)));
    fields.emplace_back(Value::string("group"), group);
  }
}

// The exec form's items when `text` is a JSON array of strings.
std::optional<std::vector<Value>> exec_form(std::string_view text) {
  if (text.empty() || text.front() != '[') return std::nullopt;
  auto parsed = parse_json(text);
  if (!parsed.is_ok() || !parsed->is_array()) return std::nullopt;
  for (const Value& item : parsed->array_items()) {
    if (!item.is_string()) return std::nullopt;
  }
  return parsed->array_items();
}

Value Parser::build_instruction(const Logical& logical, std::string& keyword,
                                std::string& arguments) {
  std::string_view rest = trim_left(logical.text);
  std::size_t word_end = rest.find_first_of(" \t");
  keyword = lower(rest.substr(0, word_end));
  rest = word_end == std::string_view::npos ? std::string_view()
                                            : trim(rest.substr(word_end));

  // Leading --flags.
  std::vector<Value> flags;
  while (rest.substr(0, 2) == "--") {
    std::size_t end = rest.find_first_of(" \t");
    flags.push_back(Value::string(rest.substr(0, end)));
    rest = end == std::string_view::npos ? std::string_view()
                                         : trim_left(rest.substr(end));
  }
  arguments = std::string(rest);

  int end_line = logical.end_line;
  std::vector<Value> heredocs;
  if (keyword == "run" || keyword == "copy" || keyword == "add") {
    heredocs = read_heredocs(rest, end_line);
  }

  auto exec = exec_form(rest);
  std::string text;
  if (exec) {
    for (const Value& item : *exec) {
      text += (text.empty() ? "" : " ") + item.as_string();
    }
  } else {
    text = arguments;
  }
  for (const Value& heredoc : heredocs) {
    text += "\n" + heredoc.find("body")->as_string();
  }

  std::vector<ObjectEntry> fields = {
      {Value::string("cmd"), Value::string(keyword)},
      {Value::string("original"),
       Value::string(std::string(trim(logical.text)))},
      {Value::string("flags"), Value::array(std::move(flags))},
      {Value::string("exec"), Value::boolean(exec.has_value())},
      {Value::string("value"), exec ? Value::array(std::move(*exec))
                                    : Value::array({Value::string(arguments)})},
      {Value::string("text"), Value::string(std::move(text))},
      {Value::string("heredocs"), Value::array(std::move(heredocs))},
      {Value::string("start_line"), Value::integer(logical.start_line)},
      {Value::string("end_line"), Value::integer(end_line)},
  };
  add_keyword_fields(keyword, arguments, fields);
  return Value::object(std::move(fields));
}

Value Parser::finish_stage() {
  stage_.emplace_back(Value::string("instructions"),
                      Value::array(std::move(stage_instructions_)));
  stage_.emplace_back(Value::string("start_line"),
                      Value::integer(stage_start_));
  stage_.emplace_back(Value::string("end_line"), Value::integer(stage_end_));
  Value stage = Value::object(std::move(stage_));
  stage_.clear();
  stage_instructions_.clear();
  return stage;
}

// Opens a stage for FROM: "FROM [--platform=P] image [AS name]".
Value from_fields(const Value& instruction, const std::string& arguments,
                  const std::map<std::string, std::string>& defaults,
                  std::vector<ObjectEntry>& stage) {
  std::vector<std::string> words = split_words(arguments);
  std::string raw = words.empty() ? "" : words[0];
  Value name = Value::null();
  if (words.size() >= 3 && lower(words[1]) == "as")
    name = Value::string(words[2]);
  Value platform = Value::null();
  for (const Value& flag : instruction.find("flags")->array_items()) {
    std::string_view text = flag.as_string();
    if (text.substr(0, 11) == "--platform=") {
      platform = Value::string(text.substr(11));
    }
  }
  stage.emplace_back(Value::string("name"), name);
  stage.emplace_back(Value::string("image"),
                     Value::string(substitute(raw, defaults)));
  stage.emplace_back(Value::string("image_raw"), Value::string(raw));
  stage.emplace_back(Value::string("platform"), platform);
  return instruction;
}

Status Parser::place(Value instruction, const std::string& keyword,
                     const std::string& arguments, int line) {
  int end_line = static_cast<int>(instruction.find("end_line")->as_int64());
  if (keyword == "from") {
    if (in_stage_) stages_.push_back(finish_stage());
    in_stage_ = true;
    stage_start_ = line;
    stage_end_ = end_line;
    stage_.emplace_back(
        Value::string("index"),
        Value::integer(static_cast<std::int64_t>(stages_.size())));
    Value from = from_fields(instruction, arguments, global_defaults_, stage_);
    stage_.emplace_back(Value::string("from"), std::move(from));
    return Status::ok();
  }
  if (!in_stage_) {
    if (keyword != "arg") {
      return error(line, "instruction " + keyword +
                             " before the first FROM (only ARG may come "
                             "before it)");
    }
    for (const Value& pair : instruction.find("pairs")->array_items()) {
      const Value* value = pair.find("value");
      if (value->is_string()) {
        global_defaults_[pair.find("key")->as_string()] = value->as_string();
      }
    }
    global_args_.push_back(std::move(instruction));
    return Status::ok();
  }
  stage_end_ = end_line;
  stage_instructions_.push_back(std::move(instruction));
  return Status::ok();
}

Result<Value> Parser::parse() {
  RAMPART_RETURN_IF_ERROR(read_directives());

  std::size_t count = 0;
  Logical logical;
  while (read_logical(logical)) {
    if (++count > limits_.max_instructions) {
      return Status(
          StatusCode::kLimitExceeded,
          "more than " + std::to_string(limits_.max_instructions) +
              " instructions",
          SourceLocation{std::string(source_), logical.start_line, 0});
    }
    std::string keyword;
    std::string arguments;
    Value instruction = build_instruction(logical, keyword, arguments);
    RAMPART_RETURN_IF_ERROR(
        place(std::move(instruction), keyword, arguments, logical.start_line));
  }
  if (in_stage_) stages_.push_back(finish_stage());

  if (!std::any_of(directives_.begin(), directives_.end(),
                   [](const ObjectEntry& e) {
                     return e.first.as_string() == "escape";
                   })) {
    directives_.emplace_back(Value::string("escape"), Value::string("\\"));
  }
  return Value::object({
      {Value::string("directives"), Value::object(std::move(directives_))},
      {Value::string("args"), Value::array(std::move(global_args_))},
      {Value::string("stages"), Value::array(std::move(stages_))},
  });
}

}  // namespace

Result<Value> parse_dockerfile(std::string_view text, std::string_view source,
                               DockerfileLimits limits) {
  if (text.size() > limits.max_bytes) {
    return Status(
        StatusCode::kLimitExceeded,
        "Dockerfile larger than " + std::to_string(limits.max_bytes) + " bytes",
        SourceLocation{std::string(source), 0, 0});
  }
  if (text.find('\0') != std::string_view::npos) {
    return Status(StatusCode::kParseError,
                  "binary content (NUL byte), not a Dockerfile",
                  SourceLocation{std::string(source), 0, 0});
  }
  return Parser(text, source, limits).parse();
}

bool is_dockerfile_name(std::string_view name) {
  std::size_t slash = name.rfind('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string base = lower(name);
  if (base.ends_with(".dockerignore")) return false;
  for (std::string_view stem : {"Dockerfile", "Containerfile"}) {
    std::string lower_stem = lower(stem);
    if (base == lower_stem) return true;
    // "Dockerfile.prod": capitalised as written, so that source files such
    // as dockerfile.cc or dockerfile.h are not taken for one.
    if (name.size() > stem.size() + 1 && name.starts_with(stem) &&
        name[stem.size()] == '.') {
      return true;
    }
    // "api.Dockerfile", "api.dockerfile".
    if (base.size() > stem.size() + 1 && base.ends_with(lower_stem) &&
        base[base.size() - stem.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

}  // namespace rampart
