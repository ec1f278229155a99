// SPDX-License-Identifier: Apache-2.0
//
// PyPI version ordering, PEP 440 ("Version specifiers", normalisation and
// ordering sections). Accepted, case-insensitively, with optional
// separators [-_.] where PEP 440 allows them:
//   [v] [N!] N(.N)* [{a|b|c|rc|alpha|beta|pre|preview}[N]]
//       [-N | {post|rev|r}[N]] [dev[N]] [+local]
// Text that is not a PEP 440 version is compared by the pre-PEP 440 rules
// pip used for such "legacy" versions, and sorts before every valid version.
// Any input is accepted; numbers compare by their digits (no overflow).
#include <cctype>
#include <string>
#include <vector>

#include "rampart/scan/vuln/version.h"

namespace rampart::scan::vuln {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_separator(char c) { return c == '-' || c == '_' || c == '.'; }
char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool equals_lower(std::string_view text, std::string_view word) {
  if (text.size() != word.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (lower(text[i]) != word[i]) return false;
  }
  return true;
}

struct Pep440 {
  std::string_view epoch;
  std::vector<std::string_view> release;
  int pre_kind = -1;  // 0 a, 1 b, 2 rc; -1 none
  std::string_view pre_number;
  bool has_post = false;
  std::string_view post_number;
  bool has_dev = false;
  std::string_view dev_number;
  bool has_local = false;
  std::string_view local;
};

// A cursor over the version text with the small steps the grammar needs.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool done() const { return pos_ >= text_.size(); }
  char peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  size_t pos() const { return pos_; }
  void reset(size_t pos) { pos_ = pos; }
  void skip(size_t count = 1) { pos_ += count; }

  std::string_view take_digits() { return take_while(is_digit); }
  std::string_view take_letters() { return take_while(is_alpha); }

  // An optional separator, then an optional number.
  std::string_view take_optional_number() {
    size_t start = pos_;
    if (is_separator(peek())) skip();
    std::string_view digits = take_digits();
    if (digits.empty()) reset(start);
    return digits;
  }

 private:
  template <typename Pred>
  std::string_view take_while(Pred pred) {
    size_t start = pos_;
    while (pos_ < text_.size() && pred(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  std::string_view text_;
  size_t pos_ = 0;
};

int pre_kind(std::string_view word) {
  if (equals_lower(word, "a") || equals_lower(word, "alpha")) return 0;
  if (equals_lower(word, "b") || equals_lower(word, "beta")) return 1;
  if (equals_lower(word, "rc") || equals_lower(word, "c") ||
      equals_lower(word, "pre") || equals_lower(word, "preview")) {
    return 2;
  }
  return -1;
}

void parse_pre(Cursor& cursor, Pep440& version) {
  size_t start = cursor.pos();
  if (is_separator(cursor.peek())) cursor.skip();
  int kind = pre_kind(cursor.take_letters());
  if (kind < 0) {
    cursor.reset(start);
    return;
  }
  version.pre_kind = kind;
  version.pre_number = cursor.take_optional_number();
}

void parse_post(Cursor& cursor, Pep440& version) {
  size_t start = cursor.pos();
  if (cursor.peek() == '-' && is_digit(cursor.peek(1))) {
    cursor.skip();
    version.has_post = true;
    version.post_number = cursor.take_digits();
    return;
  }
  if (is_separator(cursor.peek())) cursor.skip();
  std::string_view word = cursor.take_letters();
  if (!equals_lower(word, "post") && !equals_lower(word, "rev") &&
      !equals_lower(word, "r")) {
    cursor.reset(start);
    return;
  }
  version.has_post = true;
  version.post_number = cursor.take_optional_number();
}

void parse_dev(Cursor& cursor, Pep440& version) {
  size_t start = cursor.pos();
  if (is_separator(cursor.peek())) cursor.skip();
  if (!equals_lower(cursor.take_letters(), "dev")) {
    cursor.reset(start);
    return;
  }
  version.has_dev = true;
  version.dev_number = cursor.take_optional_number();
}

// The local label: alphanumeric segments joined by [-_.].
bool parse_local(Cursor& cursor, Pep440& version, std::string_view text) {
  if (cursor.peek() != '+') return true;
  cursor.skip();
  size_t start = cursor.pos();
  bool need_segment = true;
  while (!cursor.done()) {
    char c = cursor.peek();
    if (std::isalnum(static_cast<unsigned char>(c))) {
      need_segment = false;
    } else if (is_separator(c) && !need_segment) {
      need_segment = true;
    } else {
      break;
    }
    cursor.skip();
  }
  if (need_segment) return false;
  version.has_local = true;
  version.local = text.substr(start, cursor.pos() - start);
  return true;
}

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

// Returns false when `text` is not a PEP 440 version.
bool parse(std::string_view text, Pep440& version) {
  text = trim(text);
  Cursor cursor(text);
  if (cursor.peek() == 'v' || cursor.peek() == 'V') cursor.skip();

  size_t start = cursor.pos();
  std::string_view epoch = cursor.take_digits();
  if (!epoch.empty() && cursor.peek() == '!') {
    version.epoch = epoch;
    cursor.skip();
  } else {
    cursor.reset(start);
  }

  std::string_view number = cursor.take_digits();
  if (number.empty()) return false;
  version.release.push_back(number);
  while (cursor.peek() == '.' && is_digit(cursor.peek(1))) {
    cursor.skip();
    version.release.push_back(cursor.take_digits());
  }

  parse_pre(cursor, version);
  parse_post(cursor, version);
  parse_dev(cursor, version);
  if (!parse_local(cursor, version, text)) return false;
  return cursor.done();
}

int sign(int value) { return value < 0 ? -1 : (value > 0 ? 1 : 0); }

int compare_release(const std::vector<std::string_view>& a,
                    const std::vector<std::string_view>& b) {
  // Trailing zeros are insignificant: 1.0 == 1.0.0.
  size_t longest = a.size() > b.size() ? a.size() : b.size();
  for (size_t i = 0; i < longest; ++i) {
    std::string_view left = i < a.size() ? a[i] : std::string_view();
    std::string_view right = i < b.size() ? b[i] : std::string_view();
    int order = compare_digit_runs(left, right);
    if (order != 0) return order;
  }
  return 0;
}

// Sort ranks for the optional parts, following PEP 440's ordering: a
// dev-only release sorts before its pre-releases, a missing pre-release
// after them; a missing post-release first, a missing dev-release last.
int pre_rank(const Pep440& v) {
  if (v.pre_kind >= 0) return v.pre_kind;
  if (!v.has_post && v.has_dev) return -1;
  return 3;
}

bool is_number(std::string_view segment) {
  if (segment.empty()) return false;
  for (char c : segment) {
    if (!is_digit(c)) return false;
  }
  return true;
}

std::string_view next_local_segment(std::string_view& local) {
  size_t end = 0;
  while (end < local.size() && !is_separator(local[end])) ++end;
  std::string_view segment = local.substr(0, end);
  local.remove_prefix(end < local.size() ? end + 1 : end);
  return segment;
}

int compare_text_lower(std::string_view a, std::string_view b) {
  size_t common = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < common; ++i) {
    char x = lower(a[i]);
    char y = lower(b[i]);
    if (x != y)
      return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1
                                                                           : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

// Local labels: segment by segment, numbers above words, words
// alphabetically; a label that is a prefix of the other sorts first.
int compare_local(std::string_view a, std::string_view b) {
  while (!a.empty() && !b.empty()) {
    std::string_view left = next_local_segment(a);
    std::string_view right = next_local_segment(b);
    bool left_number = is_number(left);
    bool right_number = is_number(right);
    int order = 0;
    if (left_number && right_number) {
      order = compare_digit_runs(left, right);
    } else if (left_number != right_number) {
      order = left_number ? 1 : -1;
    } else {
      order = compare_text_lower(left, right);
    }
    if (order != 0) return order;
  }
  if (a.empty() == b.empty()) return 0;
  return a.empty() ? -1 : 1;
}

int compare_parsed(const Pep440& a, const Pep440& b) {
  int order = compare_digit_runs(a.epoch, b.epoch);
  if (order == 0) order = compare_release(a.release, b.release);
  if (order == 0) order = sign(pre_rank(a) - pre_rank(b));
  if (order == 0 && a.pre_kind >= 0) {
    order = compare_digit_runs(a.pre_number, b.pre_number);
  }
  if (order == 0 && a.has_post != b.has_post) order = a.has_post ? 1 : -1;
  if (order == 0) order = compare_digit_runs(a.post_number, b.post_number);
  if (order == 0 && a.has_dev != b.has_dev) order = a.has_dev ? -1 : 1;
  if (order == 0) order = compare_digit_runs(a.dev_number, b.dev_number);
  if (order == 0 && a.has_local != b.has_local) order = a.has_local ? 1 : -1;
  if (order == 0) order = compare_local(a.local, b.local);
  return order;
}

// The pre-PEP 440 key: lower-cased text cut into numbers (zero-padded to
// eight digits), words ("*word") and other runs; pre-release words are
// renamed so that they sort before "*final", and trailing zero numbers of
// each series are dropped.
std::vector<std::string> legacy_key(std::string_view text) {
  std::vector<std::string> parts;
  auto push = [&parts](std::string part) {
    if (part[0] == '*') {
      if (part < "*final") {
        while (!parts.empty() && parts.back() == "*final-") parts.pop_back();
      }
      while (!parts.empty() && parts.back() == "00000000") parts.pop_back();
    }
    parts.push_back(std::move(part));
  };

  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    char c = lower(text[i]);
    if (is_digit(c)) {
      while (i < text.size() && is_digit(text[i])) ++i;
      std::string digits(text.substr(start, i - start));
      if (digits.size() < 8) digits.insert(0, 8 - digits.size(), '0');
      push(std::move(digits));
      continue;
    }
    if (c == '.') {
      ++i;
      continue;
    }
    std::string word;
    if (c == '-') {
      ++i;
      word = "-";
    } else if (c >= 'a' && c <= 'z') {
      while (i < text.size() && lower(text[i]) >= 'a' &&
             lower(text[i]) <= 'z') {
        word += lower(text[i++]);
      }
    } else {
      while (i < text.size() && !is_digit(text[i]) && text[i] != '.' &&
             text[i] != '-' &&
             !(lower(text[i]) >= 'a' && lower(text[i]) <= 'z')) {
        word += text[i++];
      }
    }
    if (word == "pre" || word == "preview" || word == "rc") word = "c";
    if (word == "-") word = "final-";
    if (word == "dev") word = "@";
    push("*" + word);
  }
  push("*final");
  return parts;
}

int compare_legacy(std::string_view a, std::string_view b) {
  std::vector<std::string> left = legacy_key(a);
  std::vector<std::string> right = legacy_key(b);
  if (left == right) return 0;
  return left < right ? -1 : 1;
}

}  // namespace

int compare_pep440(std::string_view a, std::string_view b) {
  Pep440 left;
  Pep440 right;
  bool left_valid = parse(a, left);
  bool right_valid = parse(b, right);
  if (left_valid && right_valid) return compare_parsed(left, right);
  if (left_valid != right_valid) return left_valid ? 1 : -1;
  return compare_legacy(trim(a), trim(b));
}

}  // namespace rampart::scan::vuln
