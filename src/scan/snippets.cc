// SPDX-License-Identifier: Apache-2.0
//
// Code lines and fingerprints for findings (see snippets.h).
#include "rampart/scan/snippets.h"

#include <algorithm>

#include <openssl/evp.h>

namespace rampart::scan {

namespace {

// Byte offsets of the starts of lines first..last (1-based, inclusive) in
// `content`, found in one pass; lines past the end are left out.
std::vector<std::string_view> lines_between(std::string_view content, int first,
                                            int last) {
  std::vector<std::string_view> out;
  int number = 1;
  std::size_t start = 0;
  while (start <= content.size() && number <= last) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    if (number >= first) {
      std::string_view line = content.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      out.push_back(line);
    }
    if (end == content.size()) break;
    start = end + 1;
    ++number;
  }
  return out;
}

std::string_view trim(std::string_view text) {
  std::size_t b = text.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  std::size_t e = text.find_last_not_of(" \t");
  return text.substr(b, e - b + 1);
}

std::string sha256_prefix_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(),
                 nullptr) != 1) {
    return {};
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 16 && i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

std::string cut(std::string_view line) {
  if (line.size() <= kMaxCodeLineBytes) return std::string(line);
  // Cut on a UTF-8 character boundary.
  std::size_t end = kMaxCodeLineBytes;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(line.substr(0, end)) + "...";
}

void attach_code(std::string_view content, Finding& finding) {
  if (finding.start_line <= 0 || !finding.code.empty()) return;
  int last_offending = std::max(finding.end_line, finding.start_line);
  last_offending =
      std::min(last_offending, finding.start_line + kMaxCodeLines - 3);
  // Secret findings get no context lines: a neighbouring line may hold
  // another credential that no rule matched, and the report may end up in
  // a CI log.
  bool secret = finding.scanner == kScannerSecret;
  int context = secret ? 0 : 1;
  int first = std::max(1, finding.start_line - context);
  int last = last_offending + context;
  std::vector<std::string_view> lines = lines_between(content, first, last);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int number = first + static_cast<int>(i);
    bool offending = number >= finding.start_line && number <= last_offending;
    std::string text(lines[i]);
    if (secret && offending) {
      bool first_line = number == finding.start_line;
      bool last_line = number == std::max(finding.end_line, finding.start_line);
      if (finding.start_column > 0) {
        int from = first_line ? finding.start_column : 1;
        int to = last_line ? finding.end_column : 0;
        text = mask_secret(text, from, to);
      } else {
        text = mask_secret(text, 1, 0);
      }
    }
    finding.code.push_back({number, cut(text), offending});
  }
}

}  // namespace

std::string mask_secret(std::string_view line, int start_column,
                        int end_column) {
  auto size = static_cast<int>(line.size());
  int from = std::clamp(start_column, 1, size + 1) - 1;
  int to = end_column <= 0 ? size : std::clamp(end_column, 1, size + 1) - 1;
  if (to <= from) return std::string(line);
  std::string out(line.substr(0, static_cast<std::size_t>(from)));
  out += "*****";
  out += line.substr(static_cast<std::size_t>(to));
  return out;
}

std::string content_fingerprint(const Finding& finding,
                                std::string_view content) {
  std::string data =
      finding.scanner + '\0' + finding.rule_id + '\0' + finding.target + '\0';
  if (finding.start_line > 0) {
    int last = std::max(finding.end_line, finding.start_line);
    for (std::string_view line :
         lines_between(content, finding.start_line, last)) {
      data += trim(line);
      data += '\n';
    }
  } else {
    data += finding.message;
  }
  return sha256_prefix_hex(data);
}

void attach_snippets(std::string_view content,
                     std::vector<Finding*>& findings_of_file) {
  for (Finding* finding : findings_of_file) {
    if (finding->fingerprint.empty()) {
      finding->fingerprint = content_fingerprint(*finding, content);
    }
    attach_code(content, *finding);
  }
}

}  // namespace rampart::scan
