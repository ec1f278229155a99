// SPDX-License-Identifier: Apache-2.0
//
// The streaming JSON writer of json_writer.h.
#include "findings/json_writer.h"

#include <cassert>

#include "findings/text.h"

namespace rampart {

void JsonWriter::newline() {
  out_ += '\n';
  out_.append(levels_.size() * 2, ' ');
}

// Writes the separator a new value needs: nothing after a key, else a comma
// when the container already holds something, then a fresh line.
void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  assert(!levels_.back().is_object && "a value inside an object needs a key");
  if (!levels_.back().empty) out_ += ',';
  levels_.back().empty = false;
  newline();
}

void JsonWriter::key(std::string_view name) {
  assert(!levels_.empty() && levels_.back().is_object && !after_key_);
  if (!levels_.back().empty) out_ += ',';
  levels_.back().empty = false;
  newline();
  report_text::append_json_string(out_, name);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  levels_.push_back({true, true});
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  levels_.push_back({false, true});
}

void JsonWriter::end_object() {
  assert(!levels_.empty() && levels_.back().is_object);
  bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) newline();
  out_ += '}';
}

void JsonWriter::end_array() {
  assert(!levels_.empty() && !levels_.back().is_object);
  bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) newline();
  out_ += ']';
}

void JsonWriter::string(std::string_view value) {
  before_value();
  report_text::append_json_string(out_, value);
}

void JsonWriter::number(std::int64_t value) {
  before_value();
  out_ += std::to_string(value);
}

void JsonWriter::raw_number(std::string_view text) {
  before_value();
  out_ += text;
}

void JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

std::string JsonWriter::take() {
  assert(levels_.empty());
  out_ += '\n';
  return std::move(out_);
}

}  // namespace rampart
