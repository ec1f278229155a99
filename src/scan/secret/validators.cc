// SPDX-License-Identifier: Apache-2.0
//
// The offline validators named by `validator = ` in rule files, and the
// byte-level helpers they share (CRC32, base64, entropy, placeholders).
// Every function reads only the candidate it is given; none throws.
#include "validators.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "rampart/scan/secret/rules.h"

namespace rampart::scan::secret {
namespace {

constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The six-character base62 form of a CRC32, most significant digit first
// and left-padded with '0', as used by GitHub's and npm's token formats.
std::string base62_checksum(std::uint32_t value) {
  std::string digits(6, '0');
  for (int i = 5; i >= 0 && value > 0; --i) {
    digits[static_cast<std::size_t>(i)] = kBase62[value % 62];
    value /= 62;
  }
  return digits;
}

// prefix + 30 random base62 characters + 6-character checksum of the random
// part (GitHub's 2021 token format; npm adopted the same layout).
bool checksummed_token(std::string_view token, std::size_t prefix_length) {
  if (token.size() != prefix_length + 36) return false;
  std::string_view body = token.substr(prefix_length, 30);
  std::string_view check = token.substr(prefix_length + 30);
  return base62_checksum(crc32(body)) == check;
}

bool github_token(std::string_view secret, std::string_view) {
  static constexpr std::array<std::string_view, 5> kPrefixes = {
      "ghp_", "gho_", "ghu_", "ghs_", "ghr_"};
  for (auto prefix : kPrefixes) {
    if (starts_with(secret, prefix)) return checksummed_token(secret, 4);
  }
  return false;
}

bool npm_token(std::string_view secret, std::string_view) {
  return starts_with(secret, "npm_") && checksummed_token(secret, 4);
}

// AWS key ids: a four-letter kind prefix, then 16 base32 characters.
bool aws_key_id(std::string_view secret, std::string_view) {
  if (secret.size() != 20) return false;
  return std::all_of(secret.begin() + 4, secret.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
  });
}

// xox?-<digits>-<digits>-...: the numeric workspace and user segments are
// what distinguishes a real Slack token from a same-looking string.
bool slack_token(std::string_view secret, std::string_view) {
  if (secret.size() < 20 || !starts_with(secret, "xox")) return false;
  std::size_t dash = secret.find('-');
  std::string_view rest = secret.substr(dash + 1);
  std::size_t next = rest.find('-');
  if (next == std::string_view::npos || next < 6) return false;
  bool digits = std::all_of(rest.begin(), rest.begin() + next, [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
  return digits && rest.size() > next + 8;
}

// The body of a PEM block: drops RFC 1421 header lines ("Proc-Type: ...")
// and turns JSON-escaped line ends ("\n" as two characters) into spaces.
std::string pem_body(std::string_view block) {
  std::string text;
  text.reserve(block.size());
  for (std::size_t i = 0; i < block.size(); ++i) {
    if (block[i] == '\\' && i + 1 < block.size() &&
        (block[i + 1] == 'n' || block[i + 1] == 'r')) {
      text.push_back('\n');
      ++i;
    } else {
      text.push_back(block[i]);
    }
  }
  std::string body;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (!contains(line, ":") && !contains(line, "-----")) {
      body.append(line);
      body.push_back('\n');
    }
    start = end + 1;
  }
  return body;
}

// CRC-24 of OpenPGP ASCII armor (RFC 4880, section 6.1).
std::uint32_t crc24(std::string_view data) {
  std::uint32_t crc = 0xB704CEu;
  for (unsigned char byte : data) {
    crc ^= static_cast<std::uint32_t>(byte) << 16;
    for (int i = 0; i < 8; ++i) {
      crc <<= 1;
      if (crc & 0x1000000u) crc ^= 0x1864CFBu;
    }
  }
  return crc & 0xFFFFFFu;
}

bool pgp_armor(std::string_view body) {
  // The armor checksum is the last line starting with '='.
  std::size_t equals = body.rfind("\n=");
  std::string_view data = body;
  std::optional<std::string> checksum;
  if (equals != std::string_view::npos && body.size() - equals < 12) {
    checksum = decode_base64(body.substr(equals + 2));
    data = body.substr(0, equals);
  }
  auto decoded = decode_base64(data);
  if (!decoded || decoded->size() < 64) return false;
  if ((static_cast<unsigned char>((*decoded)[0]) & 0x80) == 0) return false;
  if (!checksum) return true;
  if (checksum->size() != 3) return false;
  std::uint32_t expected = 0;
  for (unsigned char byte : *checksum) expected = (expected << 8) | byte;
  return crc24(*decoded) == expected;
}

bool pem_private_key(std::string_view, std::string_view match) {
  auto begin = match.find("-----BEGIN ");
  auto end = match.rfind("-----END ");
  if (begin == std::string_view::npos || end == std::string_view::npos) {
    return false;
  }
  std::string_view label = match.substr(begin + 11);
  label = label.substr(0, label.find("-----"));
  std::string_view end_label = match.substr(end + 9);
  end_label = end_label.substr(0, end_label.find("-----"));
  if (label != end_label || !contains(label, "PRIVATE KEY")) return false;

  std::string body = pem_body(match.substr(begin, end - begin));
  if (contains(label, "PGP")) return pgp_armor(body);
  auto decoded = decode_base64(body);
  if (!decoded || decoded->size() < 64) return false;
  if (contains(label, "OPENSSH")) {
    return starts_with(*decoded, std::string_view("openssh-key-v1\0", 15));
  }
  // RSA, EC, DSA, PKCS#8 (plain or encrypted): a DER SEQUENCE.
  return static_cast<unsigned char>((*decoded)[0]) == 0x30;
}

// Kubeconfig client-key-data: base64 of a PEM private key.
bool base64_pem_key(std::string_view secret, std::string_view) {
  auto decoded = decode_base64(secret);
  return decoded && pem_private_key(*decoded, *decoded);
}

std::optional<std::string> jwt_part(std::string_view token, int index) {
  for (int i = 0; i < index; ++i) {
    auto dot = token.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    token.remove_prefix(dot + 1);
  }
  return decode_base64(token.substr(0, token.find('.')));
}

bool json_object(const std::optional<std::string>& text) {
  return text && text->size() >= 2 && text->front() == '{' &&
         text->back() == '}';
}

bool jwt(std::string_view secret, std::string_view) {
  auto header = jwt_part(secret, 0);
  auto payload = jwt_part(secret, 1);
  return json_object(header) && contains(*header, "\"alg\"") &&
         json_object(payload);
}

bool kubernetes_token(std::string_view secret, std::string_view match) {
  if (!jwt(secret, match)) return false;
  auto payload = jwt_part(secret, 1);
  return contains(*payload, "kubernetes.io") ||
         contains(*payload, "kubernetes/serviceaccount");
}

// Docker config.json "auth": base64 of "user:password".
bool docker_auth(std::string_view secret, std::string_view) {
  auto decoded = decode_base64(secret);
  if (!decoded) return false;
  auto colon = decoded->find(':');
  if (colon == 0 || colon == std::string::npos || colon + 1 >= decoded->size())
    return false;
  return std::all_of(decoded->begin(), decoded->end(), [](char c) {
    return std::isprint(static_cast<unsigned char>(c)) != 0;
  });
}

// Azure storage account keys are 64 random bytes in base64.
bool azure_storage_key(std::string_view secret, std::string_view) {
  auto decoded = decode_base64(secret);
  return decoded && decoded->size() == 64;
}

// PyPI tokens are macaroons whose location is pypi.org (or test.pypi.org).
bool pypi_token(std::string_view secret, std::string_view) {
  if (!starts_with(secret, "pypi-")) return false;
  auto decoded = decode_base64(secret.substr(5));
  return decoded && decoded->size() >= 48 && contains(*decoded, "pypi.org");
}

// Passwords in URLs: the common placeholders and template variables.
bool url_password(std::string_view secret, std::string_view) {
  static constexpr std::array<std::string_view, 16> kPlaceholders = {
      "password", "passwd",   "pass",    "pwd",     "secret", "changeme",
      "user",     "username", "admin",   "root",    "test",   "postgres",
      "mysql",    "guest",    "example", "redacted"};
  std::string lower = lowercase(secret);
  if (std::find(kPlaceholders.begin(), kPlaceholders.end(), lower) !=
      kPlaceholders.end()) {
    return false;
  }
  return secret.size() >= 6 && !starts_with(secret, "$") &&
         !starts_with(secret, "%") && !starts_with(secret, "{");
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (text[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(text[i])))
      return false;
  }
  return true;
}

// The key a generic rule's match assigns to: the run of name characters
// that ends just before the secret, past any quote, blank or operator.
std::string assigned_key(std::string_view secret, std::string_view match) {
  std::size_t at = match.rfind(secret);
  std::string_view before = match.substr(0, at == match.npos ? 0 : at);
  std::size_t end = before.find_last_not_of("\"' \t=:>");
  if (end == before.npos) return "";
  std::size_t start = end + 1;
  while (start > 0) {
    unsigned char c = static_cast<unsigned char>(before[start - 1]);
    if (std::isalnum(c) == 0 && c != '_' && c != '-' && c != '.') break;
    --start;
  }
  return lowercase(before.substr(start, end + 1 - start));
}

// Keys that hold the name of a credential object rather than the
// credential: Kubernetes `secretName`, `secretRef`, `secretKeyRef`,
// `password_ref`, ... The match starts at the rule's keyword, so a key in
// which the keyword comes last (Helm's `existingSecret`) cannot be told
// apart here.
bool names_a_secret_object(std::string_view key) {
  auto ends_with = [&](std::string_view tail) {
    return key.size() >= tail.size() &&
           key.substr(key.size() - tail.size()) == tail;
  };
  return ends_with("name") || ends_with("ref");
}

// Values of generic `secret = ...` assignments: rejects code and prose
// (function calls, file paths, plain words), UUIDs, which are ids, and
// values of keys that name a secret object instead of holding one.
bool generic_value(std::string_view secret, std::string_view match) {
  if (is_uuid(secret)) return false;
  if (names_a_secret_object(assigned_key(secret, match))) return false;
  bool digit = std::any_of(secret.begin(), secret.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
  bool letter = std::any_of(secret.begin(), secret.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
  });
  if (!digit || !letter) return false;
  return !contains(secret, "(") && !contains(secret, "/") &&
         !contains(secret, "..");
}

struct NamedValidator {
  std::string_view name;
  Validator check;
};

constexpr std::array<NamedValidator, 14> kValidators = {{
    {"github-token", github_token},
    {"npm-token", npm_token},
    {"aws-key-id", aws_key_id},
    {"slack-token", slack_token},
    {"pem", pem_private_key},
    {"base64-pem", base64_pem_key},
    {"jwt", jwt},
    {"kubernetes-token", kubernetes_token},
    {"docker-auth", docker_auth},
    {"azure-storage-key", azure_storage_key},
    {"pypi-token", pypi_token},
    {"url-password", url_password},
    {"generic-value", generic_value},
    {"not-uuid",
     [](std::string_view s, std::string_view) { return !is_uuid(s); }},
}};

}  // namespace

Validator find_validator(std::string_view name) {
  for (const auto& entry : kValidators) {
    if (entry.name == name) return entry.check;
  }
  return nullptr;
}

std::vector<std::string_view> validator_names() {
  std::vector<std::string_view> names;
  for (const auto& entry : kValidators) names.push_back(entry.name);
  return names;
}

std::uint32_t crc32(std::string_view data) {
  static const auto kTable = [] {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t value = i;
      for (int bit = 0; bit < 8; ++bit) {
        value = (value & 1u) ? 0xEDB88320u ^ (value >> 1) : value >> 1;
      }
      table[i] = value;
    }
    return table;
  }();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : data)
    crc = kTable[(crc ^ byte) & 0xFFu] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  bool padding = false;
  for (char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    if (c >= '0' && c <= '9') value = c - '0' + 52;
    if (c == '+' || c == '-') value = 62;
    if (c == '/' || c == '_') value = 63;
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    if (value < 0 || padding) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFFu));
    }
  }
  return out;
}

double shannon_entropy(std::string_view text) {
  if (text.empty()) return 0.0;
  std::array<std::size_t, 256> counts{};
  for (unsigned char c : text) ++counts[c];
  double entropy = 0.0;
  double size = static_cast<double>(text.size());
  for (std::size_t count : counts) {
    if (count == 0) continue;
    double p = static_cast<double>(count) / size;
    entropy -= p * std::log2(p);
  }
  return entropy;
}

bool looks_like_placeholder(std::string_view secret) {
  static constexpr std::array<std::string_view, 18> kMarkers = {
      "example", "xxxxxx",  "placeholder", "dummy",  "changeme", "your_",
      "your-",   "yourkey", "redacted",    "${",     "{{",       "<",
      "*****",   "......",  "insert",      "sample", "replace",  "0000000000"};
  std::string lower = lowercase(secret);
  for (auto marker : kMarkers) {
    if (contains(lower, marker)) return true;
  }
  // A long run of one character ("aaaaaaaa...") is filler, not a key.
  std::size_t run = 1;
  for (std::size_t i = 1; i < secret.size(); ++i) {
    run = secret[i] == secret[i - 1] ? run + 1 : 1;
    if (run >= 8) return true;
  }
  return false;
}

}  // namespace rampart::scan::secret
