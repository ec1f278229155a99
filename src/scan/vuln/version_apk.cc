// SPDX-License-Identifier: Apache-2.0
//
// Alpine (apk-tools) version ordering. The accepted shape is
//   digits {"." digits} [letter] {"_" suffix [digits]} ["-r" digits]
// with suffixes alpha < beta < pre < rc (before the release) and
// cvs, svn, git, hg, p (after it). A component that starts with '0' after a
// '.' is weighed by its count of leading zeros, below any plain number, as
// apk does. Versions compare token by token; when one runs out first the
// longer one is greater unless what follows is a pre-release suffix. Text
// that breaks the shape sorts below a valid continuation, as current apk
// releases order it. Any input is accepted; numbers compare by their
// digits, so there is no overflow.
#include "rampart/scan/vuln/version.h"

namespace rampart::scan::vuln {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// Token types in the order apk expects them; kInvalid stands apart.
enum Token {
  kInvalid = -1,
  kDigitOrZero = 0,
  kDigit,
  kLetter,
  kSuffix,
  kSuffixNumber,
  kRevision,
  kEnd,
};

struct Value {
  bool digits = false;
  std::string_view text;  // when digits
  long small = 0;         // otherwise: a letter, a suffix rank, -zeros
};

int compare_values(const Value& a, const Value& b) {
  if (a.digits && b.digits) return compare_digit_runs(a.text, b.text);
  if (!a.digits && !b.digits) {
    return a.small < b.small ? -1 : (a.small > b.small ? 1 : 0);
  }

  // A number against a non-number: a run of leading zeros (negative) sorts
  // below any number, and the end of the text reads as zero.
  const Value& number = a.digits ? a : b;
  const Value& other = a.digits ? b : a;
  int order = other.small < 0 ? -1 : compare_digit_runs("", number.text);
  return a.digits ? -order : order;
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  Token type() const { return type_; }

  Value next() {
    Value value;
    if (text_.empty()) {
      type_ = kEnd;
      return value;
    }
    Token following = kInvalid;
    size_t used = 0;
    switch (type_) {
      case kDigitOrZero:
        if (text_[0] == '0') {
          while (used < text_.size() && text_[used] == '0') ++used;
          value.small = -static_cast<long>(used);
          following = kDigit;
          break;
        }
        [[fallthrough]];
      case kDigit:
      case kSuffixNumber:
      case kRevision:
        while (used < text_.size() && is_digit(text_[used])) ++used;
        value.digits = true;
        value.text = text_.substr(0, used);
        break;
      case kLetter:
        value.small = static_cast<unsigned char>(text_[0]);
        used = 1;
        break;
      case kSuffix:
        if (!read_suffix(value, used)) return invalid();
        break;
      default:
        return invalid();
    }
    text_.remove_prefix(used);
    if (text_.empty()) {
      type_ = kEnd;
    } else if (following != kInvalid) {
      type_ = following;
    } else {
      advance_type();
    }
    return value;
  }

  // Whether the suffix ahead is a pre-release one (alpha, beta, pre, rc).
  bool pre_release_suffix_ahead() const {
    Tokenizer copy = *this;
    Value value = copy.next();
    return copy.type_ != kInvalid && value.small < 0;
  }

 private:
  Value invalid() {
    type_ = kInvalid;
    return Value();
  }

  bool read_suffix(Value& value, size_t& used) {
    static constexpr std::string_view kPre[] = {"alpha", "beta", "pre", "rc"};
    static constexpr std::string_view kPost[] = {"cvs", "svn", "git", "hg",
                                                 "p"};
    for (long i = 0; i < 4; ++i) {
      if (text_.substr(0, kPre[i].size()) == kPre[i]) {
        value.small = i - 4;
        used = kPre[i].size();
        return true;
      }
    }
    for (long i = 0; i < 5; ++i) {
      if (text_.substr(0, kPost[i].size()) == kPost[i]) {
        value.small = i;
        used = kPost[i].size();
        return true;
      }
    }
    return false;
  }

  // Current apk rejects an unknown suffix where it meets the '_'.
  bool valid_suffix_after(size_t offset) const {
    Tokenizer probe(text_.substr(offset));
    Value value;
    size_t used = 0;
    return probe.read_suffix(value, used);
  }

  // "-r" must be followed by digits only, up to the end.
  bool valid_revision() const {
    if (text_.size() < 2 || text_[1] != 'r') return false;
    for (size_t i = 2; i < text_.size(); ++i) {
      if (!is_digit(text_[i])) return false;
    }
    return true;
  }

  // Reads the separator (if any) that decides the next token's type.
  void advance_type() {
    char c = text_[0];
    Token next = kInvalid;
    if ((type_ == kDigit || type_ == kDigitOrZero) && is_lower(c)) {
      next = kLetter;
    } else if (type_ == kLetter && is_digit(c)) {
      next = kDigit;
    } else if (type_ == kSuffix && is_digit(c)) {
      next = kSuffixNumber;
    } else {
      if (c == '.') next = kDigitOrZero;
      if (c == '_' && valid_suffix_after(1)) next = kSuffix;
      if (c == '-' && valid_revision()) {
        next = kRevision;
        text_.remove_prefix(1);
      }
      text_.remove_prefix(1);
    }

    // Tokens only move forward, except for these repetitions.
    bool allowed_back = (next == kDigitOrZero && type_ == kDigit) ||
                        (next == kSuffix && type_ == kSuffixNumber) ||
                        (next == kDigit && type_ == kLetter);
    if (next < type_ && !allowed_back) next = kInvalid;
    type_ = next;
  }

  std::string_view text_;
  Token type_ = kDigit;
};

// Ranks "what comes next" when one version has run out: an invalid tail
// sorts lowest.
int tail_rank(Token type) { return type == kInvalid ? 100 : type; }

}  // namespace

int compare_apk(std::string_view a, std::string_view b) {
  Tokenizer left(a);
  Tokenizer right(b);
  int order = 0;
  while (left.type() == right.type() && left.type() != kEnd &&
         left.type() != kInvalid && order == 0) {
    Value x = left.next();
    Value y = right.next();
    order = compare_values(x, y);
  }
  if (order != 0) return order;
  if (left.type() == right.type()) return 0;

  // Equal so far: the longer one wins unless it continues with a
  // pre-release suffix.
  if (left.type() == kSuffix && left.pre_release_suffix_ahead()) return -1;
  if (right.type() == kSuffix && right.pre_release_suffix_ahead()) return 1;
  return tail_rank(left.type()) > tail_rank(right.type()) ? -1 : 1;
}

}  // namespace rampart::scan::vuln
