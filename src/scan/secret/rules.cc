// SPDX-License-Identifier: Apache-2.0
//
// The rule-file parser (format and grammar in rampart/scan/secret/rules.h).
// Reads untrusted text: every line, rule and keyword count is bounded, and
// each regex is compiled once here under an RE2 memory budget so that a bad
// pattern is reported with its line instead of failing later.
#include "rampart/scan/secret/rules.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include <hs/hs.h>
#include <re2/re2.h>

#include "validators.h"

namespace rampart::scan::secret {
namespace {

constexpr std::int64_t kRegexMemoryBudget = 8 << 20;

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text[0]))) {
    text.remove_prefix(1);
  }
  while (!text.empty() &&
         std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool valid_rule_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  auto ok = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  };
  return std::all_of(id.begin(), id.end(), ok) && id[0] != '-' &&
         id[0] != '.' && id[0] != '_';
}

// Parses the whole of `text` as an int in [low, high].
bool parse_int(std::string_view text, int low, int high, int* out) {
  int value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return false;
  if (value < low || value > high) return false;
  *out = value;
  return true;
}

// Accepts "D" or "D.D" with at most two digits each side; no locale.
bool parse_entropy(std::string_view text, double* out) {
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction =
      dot == std::string_view::npos ? "" : text.substr(dot + 1);
  int whole_value = 0;
  int fraction_value = 0;
  if (!parse_int(whole, 0, 8, &whole_value)) return false;
  if (dot != std::string_view::npos &&
      (fraction.empty() || fraction.size() > 2 ||
       !parse_int(fraction, 0, 99, &fraction_value))) {
    return false;
  }
  double scale = fraction.size() == 2 ? 100.0 : 10.0;
  *out = whole_value + fraction_value / scale;
  return *out <= 8.0;
}

std::vector<std::string> split_keywords(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string_view item = trim(text.substr(0, comma));
    if (!item.empty()) out.push_back(lowercase(item));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

class RuleFileParser {
 public:
  explicit RuleFileParser(std::string_view file_name) : file_(file_name) {}

  Result<std::vector<SecretRule>> parse(std::string_view text);

 private:
  Status error(const std::string& message) const {
    return Status(StatusCode::kParseError, message,
                  SourceLocation{file_, line_number_});
  }
  Status parse_line(std::string_view line);
  Status start_rule(std::string_view header);
  Status set_field(std::string_view key, std::string_view value);
  Status set_number_field(std::string_view key, std::string_view value);
  Status finish_rule();
  Status check_regex(const SecretRule& rule) const;

  std::string file_;
  int line_number_ = 0;
  std::vector<SecretRule> rules_;
  std::set<std::string> ids_;
  std::set<std::string> keys_seen_;
  bool in_rule_ = false;
};

Result<std::vector<SecretRule>> RuleFileParser::parse(std::string_view text) {
  while (!text.empty()) {
    ++line_number_;
    auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size()
                                                         : newline + 1);
    if (line.size() > kMaxRuleLine) {
      return error("line is longer than " + std::to_string(kMaxRuleLine) +
                   " bytes");
    }
    RAMPART_RETURN_IF_ERROR(parse_line(line));
  }
  RAMPART_RETURN_IF_ERROR(finish_rule());
  return std::move(rules_);
}

Status RuleFileParser::parse_line(std::string_view line) {
  line = trim(line);
  if (line.empty() || line[0] == '#') return Status::ok();
  if (line[0] == '[') return start_rule(line);

  auto equals = line.find('=');
  if (equals == std::string_view::npos) {
    return error("expected '[rule-id]' or 'key = value'");
  }
  if (!in_rule_) return error("'key = value' before the first [rule-id]");
  return set_field(trim(line.substr(0, equals)), trim(line.substr(equals + 1)));
}

Status RuleFileParser::start_rule(std::string_view header) {
  RAMPART_RETURN_IF_ERROR(finish_rule());
  if (header.back() != ']') return error("section header lacks ']'");
  std::string id(trim(header.substr(1, header.size() - 2)));
  if (!valid_rule_id(id)) {
    return error("rule id must match [a-z0-9][a-z0-9._-]* (128 at most)");
  }
  if (!ids_.insert(id).second) return error("duplicate rule id '" + id + "'");
  if (rules_.size() >= kMaxRules) {
    return error("more than " + std::to_string(kMaxRules) + " rules");
  }
  rules_.emplace_back();
  rules_.back().id = id;
  rules_.back().line = line_number_;
  keys_seen_.clear();
  in_rule_ = true;
  return Status::ok();
}

Status RuleFileParser::set_field(std::string_view key, std::string_view value) {
  if (!keys_seen_.insert(std::string(key)).second) {
    return error("'" + std::string(key) + "' given twice");
  }
  SecretRule& rule = rules_.back();
  if (key == "title") {
    rule.title = value;
  } else if (key == "severity") {
    auto severity = parse_severity(value);
    if (!severity || *severity == Severity::kUnknown) {
      return error("severity must be low, medium, high or critical");
    }
    rule.severity = *severity;
  } else if (key == "keywords") {
    rule.keywords = split_keywords(value);
  } else if (key == "regex") {
    rule.regex = value;
  } else if (key == "prefilter") {
    rule.prefilter = value;
  } else if (key == "validator") {
    rule.validator = value;
    if (!find_validator(rule.validator)) {
      return error("unknown validator '" + rule.validator + "'");
    }
  } else if (key == "remediation") {
    rule.remediation = value;
  } else {
    return set_number_field(key, value);
  }
  return Status::ok();
}

Status RuleFileParser::set_number_field(std::string_view key,
                                        std::string_view value) {
  SecretRule& rule = rules_.back();
  bool ok = true;
  if (key == "group") {
    ok = parse_int(value, 0, 32, &rule.group);
  } else if (key == "entropy") {
    ok = parse_entropy(value, &rule.entropy);
  } else if (key == "window") {
    ok = parse_int(value, 16, kMaxWindow, &rule.window);
  } else if (key == "priority") {
    ok = parse_int(value, 0, 100, &rule.priority);
  } else if (key == "multiline") {
    ok = value == "true" || value == "false";
    rule.multiline = value == "true";
  } else {
    return error("unknown key '" + std::string(key) + "'");
  }
  if (!ok) return error("bad value for '" + std::string(key) + "'");
  return Status::ok();
}

Status RuleFileParser::finish_rule() {
  if (!in_rule_) return Status::ok();
  in_rule_ = false;
  SecretRule& rule = rules_.back();
  int saved_line = line_number_;
  line_number_ = rule.line;
  Status status = Status::ok();
  if (rule.title.empty()) {
    status = error("rule '" + rule.id + "' has no title");
  } else if (rule.keywords.empty()) {
    status = error("rule '" + rule.id + "' has no keywords");
  } else if (rule.keywords.size() > kMaxKeywords) {
    status = error("rule '" + rule.id + "' has more than " +
                   std::to_string(kMaxKeywords) + " keywords");
  } else if (rule.regex.empty()) {
    status = error("rule '" + rule.id + "' has no regex");
  } else {
    for (const auto& keyword : rule.keywords) {
      if (keyword.size() < kMinKeywordLength) {
        status = error("keyword '" + keyword + "' is shorter than " +
                       std::to_string(kMinKeywordLength) + " characters");
      }
    }
    if (status.is_ok()) status = check_regex(rule);
  }
  line_number_ = saved_line;
  return status;
}

Status RuleFileParser::check_regex(const SecretRule& rule) const {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kRegexMemoryBudget);
  RE2 compiled(rule.regex, options);
  if (!compiled.ok()) {
    return Status(StatusCode::kParseError,
                  "rule '" + rule.id + "': bad regex: " + compiled.error(),
                  SourceLocation{file_, rule.line});
  }
  if (!rule.prefilter.empty()) {
    hs_database_t* database = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_compile(rule.prefilter.c_str(), HS_FLAG_CASELESS, HS_MODE_BLOCK,
                   nullptr, &database, &error) != HS_SUCCESS) {
      std::string message = error != nullptr && error->message != nullptr
                                ? error->message
                                : "rejected";
      hs_free_compile_error(error);
      return Status(StatusCode::kParseError,
                    "rule '" + rule.id + "': bad prefilter: " + message,
                    SourceLocation{file_, rule.line});
    }
    hs_free_database(database);
  }
  if (rule.group > compiled.NumberOfCapturingGroups()) {
    return Status(StatusCode::kParseError,
                  "rule '" + rule.id + "': group " +
                      std::to_string(rule.group) + " does not exist",
                  SourceLocation{file_, rule.line});
  }
  return Status::ok();
}

}  // namespace

Result<std::vector<SecretRule>> parse_rules(std::string_view text,
                                            std::string_view file_name) {
  RuleFileParser parser(file_name);
  return parser.parse(text);
}

}  // namespace rampart::scan::secret
