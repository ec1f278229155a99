// SPDX-License-Identifier: Apache-2.0
//
// Text hygiene shared by the reporters: every string they print may come
// from a hostile file (a manifest, a lockfile, a source line), so it is made
// valid UTF-8 first, then escaped for the output format.
//
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace rampart::report_text {

// Copies `text` replacing each byte that does not start or continue a
// well-formed UTF-8 sequence (overlongs, surrogates and values past
// U+10FFFF included) by U+FFFD.
std::string valid_utf8(std::string_view text);

// Appends `text` to `out` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

// `text` as valid UTF-8 without the characters XML 1.0 forbids (C0 controls
// other than tab, newline and carriage return). Escaping of <, & and quotes
// is left to the XML writer.
std::string xml_safe(std::string_view text);

// `text` as valid UTF-8 with control characters (ESC and the other C0/C1
// controls, DEL) shown as '?', so that printing it cannot move the cursor,
// recolour or retitle the user's terminal. Tabs become a space.
std::string terminal_safe(std::string_view text);

// Percent-encodes a '/'-separated relative path for use as a URI reference
// (SARIF artifactLocation.uri): unreserved characters and '/' stay.
std::string uri_path(std::string_view path);

}  // namespace rampart::report_text
