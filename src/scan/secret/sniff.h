// SPDX-License-Identifier: Apache-2.0
//
// Deciding which files the secret scanner skips, and why: by name (lock
// files, archives, images, minified assets, allow-listed paths), by size,
// and by sniffing the first bytes of content (NUL bytes, archive magic
// numbers, very long lines in JavaScript or CSS). Reads at most the first
// kSniffBytes of a file; pure functions, safe on any thread.
#pragma once

#include <cstdint>
#include <string_view>

#include "rampart/scan/secret/secret_scanner.h"

namespace rampart::scan::secret {

inline constexpr std::size_t kSniffBytes = 64 * 1024;

SkipReason sniff_name(const SecretOptions& options,
                      std::string_view relative_path, std::uint64_t size);
SkipReason sniff_content(const SecretOptions& options,
                         std::string_view relative_path,
                         std::string_view content);

// Glob match on '/'-separated paths: '*' and '?' stay within a segment, '**'
// crosses segments, and "**/" may match nothing. A pattern without '/'
// matches the last segment. Linear-time (no backtracking blow-up).
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace rampart::scan::secret
