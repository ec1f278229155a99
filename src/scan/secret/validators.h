// SPDX-License-Identifier: Apache-2.0
//
// Offline validators for secret candidates: checks that need no network,
// such as the CRC32 checksum inside GitHub and npm tokens, the structure of
// a PEM private key (matching labels, base64 body, DER or openssh-key-v1
// header, PGP armor CRC-24), JWT headers and base64 payload sizes.
//
// Input is a regex match from an untrusted file, already bounded by the
// rule's window; validators decode at most that much and allocate no more
// than the candidate's size. They are pure functions, safe on any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::scan::secret {

// `secret` is the rule's capture group, `match` the whole regex match.
using Validator = bool (*)(std::string_view secret, std::string_view match);

// nullptr when no validator has that name.
Validator find_validator(std::string_view name);

// Helpers shared with the matcher and the tests.
std::uint32_t crc32(std::string_view data);
// Decodes standard or URL-safe base64, padding optional, skipping ASCII
// whitespace. nullopt on any other character.
std::optional<std::string> decode_base64(std::string_view text);
// Shannon entropy of the byte distribution, in bits per byte.
double shannon_entropy(std::string_view text);
// True when the candidate looks like documentation rather than a credential:
// "EXAMPLE", "xxxx", "${VAR}", "<your-key>", a run of one character, ...
bool looks_like_placeholder(std::string_view secret);

}  // namespace rampart::scan::secret
