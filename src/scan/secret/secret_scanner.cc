// SPDX-License-Identifier: Apache-2.0
//
// SecretScanner (the "secret" Scanner for the orchestrator), the Finding it
// builds, redaction and fingerprints. A secret leaves this file only as its
// redacted form and its SHA-256 fingerprint.
#include "rampart/scan/secret/secret_scanner.h"

#include <array>
#include <cstdio>

#include <openssl/evp.h>

namespace rampart::scan::secret {
namespace {

constexpr std::array<const char*, static_cast<std::size_t>(SkipReason::kCount)>
    kSkipNames = {"none",      "too-large",   "binary",       "archive",
                  "lock-file", "minified",    "allowed-path", "unreadable",
                  "symlink",   "not-regular", "gitignored"};

constexpr std::string_view kDefaultRemediation =
    "Revoke the credential where it was issued, remove it from the file and "
    "the git history, and load it from a secret store at run time.";

std::size_t index_of(SkipReason reason) {
  return static_cast<std::size_t>(reason);
}

}  // namespace

const char* skip_reason_name(SkipReason reason) {
  return kSkipNames[index_of(reason)];
}

std::string redact_secret(std::string_view secret) {
  // Shows at most a sixth of the secret at each end, and never more than 4
  // characters, so a short secret is not half given away.
  std::size_t shown = std::min<std::size_t>(4, secret.size() / 6);
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) {
    char c = secret[i];
    out.push_back(c >= 0x21 && c <= 0x7e ? c : '?');
  }
  out += "****";
  for (std::size_t i = secret.size() - shown; i < secret.size(); ++i) {
    char c = secret[i];
    out.push_back(c >= 0x21 && c <= 0x7e ? c : '?');
  }
  return out;
}

std::string secret_fingerprint(std::string_view rule_id,
                               std::string_view secret) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
  EVP_DigestUpdate(context, rule_id.data(), rule_id.size());
  EVP_DigestUpdate(context, "", 1);
  EVP_DigestUpdate(context, secret.data(), secret.size());
  EVP_DigestFinal_ex(context, digest, &length);
  EVP_MD_CTX_free(context);

  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

Finding make_secret_finding(const SecretMatch& match, std::string_view target) {
  Finding finding;
  finding.scanner = std::string(kScannerSecret);
  finding.rule_id = match.rule->id;
  finding.title = match.rule->title;
  finding.severity = match.rule->severity;
  finding.target = std::string(target);
  finding.start_line = match.start_line;
  finding.end_line = match.end_line;
  finding.start_column = match.start_column;
  finding.end_column = match.end_column;
  finding.message = match.rule->title + " found (" + match.redacted + ")";
  finding.remediation = match.rule->remediation.empty()
                            ? std::string(kDefaultRemediation)
                            : match.rule->remediation;
  finding.fingerprint = match.fingerprint;
  finding.properties["match"] = match.redacted;
  return finding;
}

SecretScanner::SecretScanner(std::unique_ptr<SecretEngine> engine)
    : engine_(std::move(engine)) {}

Result<std::unique_ptr<SecretScanner>> SecretScanner::create(
    const SecretOptions& options) {
  auto engine = SecretEngine::create(options);
  if (!engine) return engine.status();
  return std::unique_ptr<SecretScanner>(
      new SecretScanner(std::move(engine.value())));
}

bool SecretScanner::wants(const FileEntry& file) const {
  SkipReason reason = engine_->skip_by_name(file.relative_path, file.size);
  if (reason == SkipReason::kNone) return true;
  count_skip(reason);
  return false;
}

void SecretScanner::count_skip(SkipReason reason) const {
  skips_[index_of(reason)].fetch_add(1, std::memory_order_relaxed);
}

void SecretScanner::count_scanned(std::size_t bytes) const {
  scanned_.fetch_add(1, std::memory_order_relaxed);
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
}

std::size_t SecretScanner::skip_count(SkipReason reason) const {
  return skips_[index_of(reason)].load(std::memory_order_relaxed);
}

void SecretScanner::scan_file(const FileEntry& file, std::string_view content,
                              FindingSink& sink) {
  ScanResult result = engine_->scan(file.relative_path, content);
  if (result.skipped != SkipReason::kNone) {
    count_skip(result.skipped);
    return;
  }
  count_scanned(content.size());
  for (const auto& match : result.matches) {
    sink.add(make_secret_finding(match, file.relative_path));
  }
  if (result.findings_truncated || result.hits_truncated) {
    std::string why =
        result.findings_truncated
            ? "more than " +
                  std::to_string(engine_->options().max_findings_per_file) +
                  " secret candidates; the first are reported, the rest of "
                  "the file was not examined"
            : "keyword hit limit reached; the rest of the file was not "
              "examined";
    sink.note({ScanNote::Level::kWarning, std::string(kScannerSecret),
               file.relative_path, 0, why});
  }
}

void SecretScanner::finish(FindingSink& sink) {
  std::string text = "scanned " + std::to_string(files_scanned()) + " files (" +
                     std::to_string(bytes_scanned()) + " bytes)";
  for (std::size_t i = 1; i < skips_.size(); ++i) {
    std::size_t count = skips_[i].load();
    if (count == 0) continue;
    text += "; skipped " + std::to_string(count) + " " + kSkipNames[i];
  }
  sink.note({ScanNote::Level::kInfo, std::string(kScannerSecret), "", 0, text});
}

}  // namespace rampart::scan::secret
