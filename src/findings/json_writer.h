// SPDX-License-Identifier: Apache-2.0
//
// A small streaming JSON writer for the reporters: objects, arrays and
// scalars appended in order, two-space indented. Strings go through
// report_text::append_json_string, so any input text yields valid JSON.
//
// Misuse (a value where a key is due, unbalanced ends) is a programmer error
// caught by assert in debug builds. Not thread-safe; one writer per report.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rampart {

class JsonWriter {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();

  // Inside an object, names the next value.
  void key(std::string_view name);

  void string(std::string_view value);
  void number(std::int64_t value);
  // A number already formatted as JSON (e.g. "7.5").
  void raw_number(std::string_view text);
  void boolean(bool value);
  void null();

  // key() followed by the value, for the common case.
  void field(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }
  void field(std::string_view name, const char* value) {
    key(name);
    string(value);
  }
  void field(std::string_view name, std::int64_t value) {
    key(name);
    number(value);
  }
  void field(std::string_view name, int value) {
    key(name);
    number(value);
  }
  void field(std::string_view name, std::size_t value) {
    key(name);
    number(static_cast<std::int64_t>(value));
  }
  void field(std::string_view name, bool value) {
    key(name);
    boolean(value);
  }

  // The text written so far, with a final newline once balanced.
  std::string take();

 private:
  struct Level {
    bool is_object = false;
    bool empty = true;
  };
  void before_value();
  void newline();

  std::string out_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace rampart
