// SPDX-License-Identifier: Apache-2.0
//
// Internal to the vulnerability store and matcher: the compact text form in
// which the store keeps an affected entry's ranges and version list, and
// readers that walk it without allocating, so matching never parses JSON
// and never copies a version it does not need.
//
// Ranges: each range is a type letter (S SEMVER, E ECOSYSTEM, G GIT)
// followed by its events, each a unit separator then a kind letter (i
// introduced, f fixed, l last_affected, m limit) and the version; ranges
// are separated by record separators:
//   "E" US "i0" US "f1.2.3" RS "S" US "i0" US "l2.0.0"
// Versions: the listed versions joined by unit separators. The store
// refuses records whose names, versions or events hold a separator, so
// the encoding is unambiguous. Decoding is total: a malformed text yields
// fewer ranges or events, never an error or a read out of bounds.
// Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rampart/scan/vuln/osv.h"

namespace rampart::scan::vuln::codec {

inline constexpr char kUnit = '\x1f';    // between events or versions
inline constexpr char kRecord = '\x1e';  // between ranges

// An event whose version points into the encoded text.
struct EventView {
  OsvEvent::Kind kind = OsvEvent::Kind::kIntroduced;
  std::string_view version;
};

std::string encode_ranges(const std::vector<OsvRange>& ranges);
std::string encode_versions(const std::vector<std::string>& versions);

std::vector<OsvRange> decode_ranges(std::string_view text);
std::vector<std::string> decode_versions(std::string_view text);

// Reads the next range from `text` (advancing it) into `type` and
// `events` (cleared first, capacity kept); false when none is left.
bool next_range(std::string_view& text, OsvRange::Type& type,
                std::vector<EventView>& events);

// Whether the encoded version list holds exactly `version`.
bool versions_contain(std::string_view list, std::string_view version);

}  // namespace rampart::scan::vuln::codec
