// SPDX-License-Identifier: Apache-2.0
//
// The store's compact range and version-list encoding; see range_codec.h.
#include "range_codec.h"

namespace rampart::scan::vuln::codec {

namespace {

char event_code(OsvEvent::Kind kind) {
  switch (kind) {
    case OsvEvent::Kind::kIntroduced:
      return 'i';
    case OsvEvent::Kind::kFixed:
      return 'f';
    case OsvEvent::Kind::kLastAffected:
      return 'l';
    case OsvEvent::Kind::kLimit:
      return 'm';
  }
  return 'i';
}

OsvEvent::Kind event_kind(char code) {
  switch (code) {
    case 'f':
      return OsvEvent::Kind::kFixed;
    case 'l':
      return OsvEvent::Kind::kLastAffected;
    case 'm':
      return OsvEvent::Kind::kLimit;
    default:
      return OsvEvent::Kind::kIntroduced;
  }
}

char range_code(OsvRange::Type type) {
  switch (type) {
    case OsvRange::Type::kSemver:
      return 'S';
    case OsvRange::Type::kEcosystem:
      return 'E';
    case OsvRange::Type::kGit:
      return 'G';
  }
  return 'E';
}

OsvRange::Type range_type(char code) {
  if (code == 'S') return OsvRange::Type::kSemver;
  if (code == 'G') return OsvRange::Type::kGit;
  return OsvRange::Type::kEcosystem;
}

// Cuts the text up to `separator` (or the end) off the front of `text`.
std::string_view take(std::string_view& text, char separator) {
  std::size_t end = text.find(separator);
  std::string_view head = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return head;
}

}  // namespace

std::string encode_ranges(const std::vector<OsvRange>& ranges) {
  std::string out;
  for (const OsvRange& range : ranges) {
    if (!out.empty()) out += kRecord;
    out += range_code(range.type);
    for (const OsvEvent& event : range.events) {
      out += kUnit;
      out += event_code(event.kind);
      out += event.version;
    }
  }
  return out;
}

std::string encode_versions(const std::vector<std::string>& versions) {
  std::string out;
  for (const std::string& version : versions) {
    if (!out.empty()) out += kUnit;
    out += version;
  }
  return out;
}

bool next_range(std::string_view& text, OsvRange::Type& type,
                std::vector<EventView>& events) {
  events.clear();
  while (!text.empty()) {
    std::string_view encoded = take(text, kRecord);
    std::string_view head = take(encoded, kUnit);
    if (head.empty()) continue;  // not a range; skip it
    type = range_type(head[0]);
    while (!encoded.empty()) {
      std::string_view event = take(encoded, kUnit);
      if (event.empty()) continue;
      events.push_back({event_kind(event[0]), event.substr(1)});
    }
    return true;
  }
  return false;
}

std::vector<OsvRange> decode_ranges(std::string_view text) {
  std::vector<OsvRange> ranges;
  std::vector<EventView> events;
  OsvRange::Type type = OsvRange::Type::kEcosystem;
  while (next_range(text, type, events)) {
    OsvRange range;
    range.type = type;
    for (const EventView& event : events) {
      range.events.push_back({event.kind, std::string(event.version)});
    }
    ranges.push_back(std::move(range));
  }
  return ranges;
}

std::vector<std::string> decode_versions(std::string_view text) {
  std::vector<std::string> versions;
  if (text.empty()) return versions;
  while (true) {
    versions.emplace_back(take(text, kUnit));
    if (text.empty()) return versions;
  }
}

bool versions_contain(std::string_view list, std::string_view version) {
  if (list.empty()) return false;
  while (true) {
    if (take(list, kUnit) == version) return true;
    if (list.empty()) return false;
  }
}

}  // namespace rampart::scan::vuln::codec
