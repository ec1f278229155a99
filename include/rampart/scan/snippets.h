// SPDX-License-Identifier: Apache-2.0
//
// After scanning: attaches to each finding the lines it points at (with one
// line of context either side) for the table report, and gives a fingerprint
// to findings whose scanner left it empty.
//
// Secrets never travel in clear: secret findings get no context lines, and
// on their offending lines the columns the scanner marked
// (start_column..end_column) are masked, or the whole line when it did not
// mark them. Lines are cut to kMaxCodeLineBytes
// and at most kMaxCodeLines lines are attached per finding.
//
// The fingerprint is the first 16 bytes of SHA-256 over scanner, rule id,
// target and the offending lines with their whitespace trimmed, in hex: it
// survives lines moving up or down, and changes when the content changes.
// Pure functions; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/findings/finding.h"

namespace rampart::scan {

inline constexpr std::size_t kMaxCodeLineBytes = 240;
inline constexpr int kMaxCodeLines = 12;

// Adds code lines and, where missing, fingerprints to the findings whose
// target is the file with `content`.
void attach_snippets(std::string_view content,
                     std::vector<Finding*>& findings_of_file);

// The fingerprint described above, for a finding on `content`.
std::string content_fingerprint(const Finding& finding,
                                std::string_view content);

// Masks columns [start_column, end_column) of a secret on `line` (1-based;
// end 0 means "to the end of the line").
std::string mask_secret(std::string_view line, int start_column,
                        int end_column);

}  // namespace rampart::scan
