// SPDX-License-Identifier: Apache-2.0
//
// Tests for SecretEngine: matching, redaction, fingerprints, suppression,
// allow-lists, user rules, skip reasons and hostile input bounds.
#include <string>

#include <gtest/gtest.h>

#include "rampart/scan/secret/secret_scanner.h"

#include "scan/secret/sniff.h"
#include "scan/secret/validators.h"

namespace rampart::scan::secret {
namespace {

// A GitHub-format token with a valid checksum, built here so the test needs
// no stored credential-shaped data.
std::string github_token(char seed) {
  static constexpr char kBase62[] =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string body;
  for (int i = 0; i < 30; ++i) body.push_back(kBase62[(i * 7 + seed) % 62]);
  std::uint32_t crc = crc32(body);
  std::string check(6, '0');
  for (int i = 5; i >= 0 && crc > 0; --i) {
    check[static_cast<std::size_t>(i)] = kBase62[crc % 62];
    crc /= 62;
  }
  return "ghp_" + body + check;
}

std::unique_ptr<SecretEngine> make_engine(const SecretOptions& options = {}) {
  auto engine = SecretEngine::create(options);
  EXPECT_TRUE(engine.is_ok()) << engine.status().to_string();
  return std::move(engine.value());
}

TEST(SecretEngine, FindsGithubTokenWithLineRedactionAndFingerprint) {
  std::string token = github_token('a');
  std::string content = "line one\nline two\nGH_TOKEN=" + token + "\n";
  auto engine = make_engine();
  ScanResult result = engine->scan("app/.env", content);
  ASSERT_EQ(result.matches.size(), 1u);
  const SecretMatch& match = result.matches[0];
  EXPECT_EQ(match.rule->id, "github-pat");
  EXPECT_EQ(match.start_line, 3);
  EXPECT_EQ(match.end_line, 3);
  EXPECT_EQ(match.start_column, 10);  // after "GH_TOKEN="
  EXPECT_EQ(match.end_column, 10 + static_cast<int>(token.size()));
  EXPECT_EQ(match.redacted,
            token.substr(0, 4) + "****" + token.substr(token.size() - 4));
  EXPECT_EQ(match.fingerprint, secret_fingerprint("github-pat", token));
  EXPECT_EQ(match.fingerprint.size(), 64u);

  Finding finding = make_secret_finding(match, "app/.env");
  EXPECT_EQ(finding.scanner, "secret");
  EXPECT_EQ(finding.target, "app/.env");
  EXPECT_EQ(finding.severity, Severity::kCritical);
  EXPECT_EQ(finding.start_column, match.start_column);
  EXPECT_EQ(finding.end_column, match.end_column);
  EXPECT_EQ(finding.properties["match"], match.redacted);
  EXPECT_EQ(finding.message.find(token), std::string::npos);
  EXPECT_EQ(finding.remediation.find(token), std::string::npos);
}

TEST(SecretEngine, MultilineKeyColumnsEndOnTheLastLine) {
  // A PEM block whose END line is short: the end column counts from the
  // start of that line, not of the first.
  std::string body;
  for (int i = 0; i < 8; ++i) {
    body +=
        "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n";
  }
  std::string content = "key: |\n  -----BEGIN RSA PRIVATE KEY-----\n" + body +
                        "-----END RSA PRIVATE KEY-----\n";
  auto engine = make_engine();
  ScanResult result = engine->scan("k.yaml", content);
  ASSERT_EQ(result.matches.size(), 1u);
  EXPECT_EQ(result.matches[0].start_line, 2);
  EXPECT_EQ(result.matches[0].start_column, 3);
  EXPECT_EQ(result.matches[0].end_line, 11);
  EXPECT_EQ(result.matches[0].end_column, 30);
}

TEST(SecretEngine, RejectsGithubTokenWithBadChecksum) {
  std::string token = github_token('a');
  token.back() = token.back() == 'A' ? 'B' : 'A';
  auto engine = make_engine();
  EXPECT_TRUE(engine->scan("x", "t=" + token).matches.empty());
}

TEST(SecretEngine, FingerprintIsSha256OfRuleNulSecret) {
  // sha256("r\0s"), computed independently with `printf 'r\0s' | sha256sum`.
  EXPECT_EQ(secret_fingerprint("r", "s"),
            "436f0e33ded58eff51a7a9fb7ac1a880ca2f85769dbc7986817687719a2168ec");
  EXPECT_NE(secret_fingerprint("r", "s"), secret_fingerprint("q", "s"));
}

TEST(SecretEngine, RedactionNeverShowsMoreThanASixthAtEachEnd) {
  EXPECT_EQ(redact_secret("abc"), "****");
  EXPECT_EQ(redact_secret("abcdefghijkl"), "ab****kl");
  EXPECT_EQ(redact_secret(std::string(100, 'z')), "zzzz****zzzz");
}

TEST(SecretEngine, InlineCommentSuppressesOnlyItsLine) {
  std::string a = github_token('a');
  std::string b = github_token('b');
  std::string content =
      "x = \"" + a + "\"  # rampart:allow\ny = \"" + b + "\"\n";
  auto engine = make_engine();
  ScanResult result = engine->scan("f.py", content);
  ASSERT_EQ(result.matches.size(), 1u);
  EXPECT_EQ(result.matches[0].start_line, 2);
}

TEST(SecretEngine, AllowListsByValueRegexFingerprintRuleAndPath) {
  std::string token = github_token('a');
  std::string content = "t=" + token + "\n";
  auto count = [&](const SecretOptions& options, std::string_view path) {
    return make_engine(options)->scan(path, content).matches.size();
  };
  SecretOptions by_value;
  by_value.allow.values = {token};
  EXPECT_EQ(count(by_value, "f"), 0u);
  SecretOptions by_regex;
  by_regex.allow.regexes = {"^" + token.substr(0, 8)};
  EXPECT_EQ(count(by_regex, "f"), 0u);
  SecretOptions by_fingerprint;
  by_fingerprint.allow.fingerprints = {secret_fingerprint("github-pat", token)};
  EXPECT_EQ(count(by_fingerprint, "f"), 0u);
  SecretOptions by_rule;
  by_rule.allow.rule_ids = {"github-pat"};
  EXPECT_EQ(count(by_rule, "f"), 0u);
  SecretOptions by_path;
  by_path.allow.paths = {"testdata/**"};
  EXPECT_EQ(count(by_path, "testdata/a/f"), 0u);
  EXPECT_EQ(count(by_path, "src/f"), 1u);
  EXPECT_EQ(count({}, "f"), 1u);
}

TEST(SecretEngine, UserRulesAddAndDisabledRulesDrop) {
  SecretOptions options;
  options.extra_rules =
      "[acme-internal-key]\ntitle = ACME key\nseverity = low\n"
      "keywords = acme_\nregex = \\b(acme_[0-9a-f]{16})\\b\n";
  options.disabled_rules = {"github-pat"};
  auto engine = make_engine(options);
  ScanResult result = engine->scan(
      "f", "k=acme_0123456789abcdef t=" + github_token('a') + "\n");
  ASSERT_EQ(result.matches.size(), 1u);
  EXPECT_EQ(result.matches[0].rule->id, "acme-internal-key");
}

TEST(SecretEngine, UserPrefilterRegexReplacesKeywords) {
  SecretOptions options;
  options.use_builtin_rules = false;
  options.extra_rules =
      "[order-code]\ntitle = Order code\nkeywords = order\n"
      "prefilter = order\\s*#\\s*[0-9]{6}\n"
      "regex = order\\s*#\\s*([0-9]{6}[A-Z]{4})\n";
  auto engine = make_engine(options);
  ScanResult result = engine->scan("f", "order list\norder # 123456QWER\n");
  ASSERT_EQ(result.matches.size(), 1u);
  EXPECT_EQ(result.matches[0].start_line, 2);

  options.extra_rules =
      "[bad]\ntitle = Bad\nkeywords = order\nprefilter = (\nregex = x\n";
  auto bad = SecretEngine::create(options);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("bad prefilter"), std::string::npos)
      << bad.status().to_string();
}

TEST(SecretEngine, BadUserRuleIsAnError) {
  SecretOptions options;
  options.extra_rules = "[x]\ntitle = t\nkeywords = abc\nregex = (\n";
  options.extra_rules_name = "rampart.yaml";
  auto engine = SecretEngine::create(options);
  ASSERT_FALSE(engine.is_ok());
  EXPECT_EQ(engine.status().location().file, "rampart.yaml");
}

TEST(SecretEngine, SkipsBinaryArchiveLockMinifiedAndLargeFiles) {
  SecretOptions options;
  options.max_file_bytes = 1024;
  auto engine = make_engine(options);
  EXPECT_EQ(engine->scan("a.bin", std::string("ab\0cd", 5)).skipped,
            SkipReason::kBinary);
  EXPECT_EQ(engine->scan("a.dat", "PK\x03\x04rest").skipped,
            SkipReason::kArchive);
  EXPECT_EQ(engine->scan("web/package-lock.json", "{}").skipped,
            SkipReason::kLockFile);
  EXPECT_EQ(engine->scan("app.min.js", "x").skipped, SkipReason::kMinified);
  EXPECT_EQ(engine->scan("app.js", std::string(900, 'x')).skipped,
            SkipReason::kMinified);
  EXPECT_EQ(engine->scan("big.txt", std::string(2048, '\n')).skipped,
            SkipReason::kTooLarge);
  EXPECT_EQ(engine->scan("ok.txt", "hello\n").skipped, SkipReason::kNone);
}

TEST(SecretEngine, InvalidUtf8IsScannedAsBytes) {
  std::string content =
      "\xff\xfe\xc3("
      "\n\x80 t=" +
      github_token('a') + " \xe2\x82\n";
  auto engine = make_engine();
  ScanResult result = engine->scan("f.txt", content);
  ASSERT_EQ(result.matches.size(), 1u);
  EXPECT_EQ(result.matches[0].start_line, 2);
}

TEST(SecretEngine, BoundsFindingsPerFileOnAMillionShortMatches) {
  // One million lines that each hold a token-shaped string: the engine stops
  // at the candidate cap instead of holding a million findings.
  std::string token = github_token('a');
  std::string line = token + "\n";
  std::string content;
  content.reserve(line.size() * 1000000);
  for (int i = 0; i < 1000000; ++i) content += line;
  SecretOptions options;
  options.max_file_bytes = content.size() + 1;
  options.max_findings_per_file = 100;
  auto engine = make_engine(options);
  ScanResult result = engine->scan("many.txt", content);
  EXPECT_EQ(result.matches.size(), 100u);
  EXPECT_TRUE(result.findings_truncated);
}

TEST(SecretEngine, LongSingleLineStaysLinearAndFindsTheSecret) {
  // A 64 MiB line (the 2 GB case scaled down): windows are clamped, so the
  // scan is one prefilter pass plus small RE2 runs.
  std::string content(64u << 20, 'a');
  std::string token = github_token('b');
  content.replace(content.size() / 2, token.size() + 2, " " + token + " ");
  for (std::size_t i = 4096; i < content.size(); i += 8192) {
    content.replace(i, 6, " ghp_ ");  // keyword hits with nothing to match
  }
  SecretOptions options;
  options.max_file_bytes = content.size();
  auto engine = make_engine(options);
  ScanResult result = engine->scan("one-line.txt", content);
  ASSERT_EQ(result.matches.size(), 1u);
  EXPECT_EQ(result.matches[0].start_line, 1);
}

TEST(SecretEngine, LongLineDenseWithKeywordsKeepsSearchesBounded) {
  // 32 MiB on one line with a weak keyword every 24 bytes: merged windows
  // are capped, so this is many bounded RE2 searches, not one 32 MiB one.
  std::string unit = "token=abc; password: x; ";
  std::string content;
  while (content.size() < (32u << 20)) content += unit;
  std::string token = github_token('c');
  content.replace(content.size() / 3, token.size() + 2, " " + token + " ");
  SecretOptions options;
  options.max_file_bytes = content.size();
  auto engine = make_engine(options);
  ScanResult result = engine->scan("dense.txt", content);
  ASSERT_EQ(result.matches.size(), 1u);
  EXPECT_EQ(result.matches[0].rule->id, "github-pat");
}

TEST(SecretEngine, TwoGigabyteFileIsSkippedBySizeFromItsEntry) {
  auto engine = make_engine();
  EXPECT_EQ(engine->skip_by_name("huge.log", 2ull << 30),
            SkipReason::kTooLarge);
}

TEST(SecretEngine, SpecificRuleWinsOverGenericOnSameSecret) {
  std::string content = "api_token = \"" + github_token('a') + "\"\n";
  auto engine = make_engine();
  ScanResult result = engine->scan("f", content);
  ASSERT_EQ(result.matches.size(), 1u);
  EXPECT_EQ(result.matches[0].rule->id, "github-pat");
}

TEST(SecretGlob, MatchesSegmentsAndDoubleStars) {
  EXPECT_TRUE(glob_match("vendor/**", "vendor/a/b.go"));
  EXPECT_TRUE(glob_match("**/*_test.go", "a_test.go"));
  EXPECT_TRUE(glob_match("**/*_test.go", "x/y/a_test.go"));
  EXPECT_FALSE(glob_match("src/*.go", "src/a/b.go"));
  EXPECT_TRUE(glob_match("*.pem", "deep/dir/key.pem"));
  EXPECT_TRUE(glob_match("docs/?.md", "docs/a.md"));
  EXPECT_FALSE(glob_match("docs/?.md", "docs/ab.md"));
  // Linear time on a pattern that would make a backtracking matcher explode.
  EXPECT_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

// Kubernetes manifests and Helm values name Secret objects under keys such
// as secretName; a chart's commented example (`secretName:
// ui5-repo-binding-secret`) was reported as a secret by generic-secret.
TEST(SecretEngine, GenericRulesSkipKeysThatNameASecretObject) {
  auto engine = make_engine();
  const std::string name = "orders-db-creds-v2x9k7";
  for (std::string_view key : {"secretName", "secret_name", "secretKeyRef",
                               "tokenSecretRef", "password-secret-name"}) {
    ScanResult result = engine->scan(
        "values.yaml", "    " + std::string(key) + ": " + name + "\n");
    EXPECT_TRUE(result.matches.empty()) << key;
  }
  // The same value assigned to the secret itself is still reported.
  ScanResult real = engine->scan("values.yaml", "app_secret: " + name + "\n");
  ASSERT_EQ(real.matches.size(), 1u);
  EXPECT_EQ(real.matches[0].rule->id, "generic-secret");
}

TEST(SecretValidators, Base64AndEntropyHelpers) {
  EXPECT_EQ(decode_base64("aGVsbG8="), "hello");
  EXPECT_EQ(decode_base64("aGVs\nbG8"), "hello");
  EXPECT_FALSE(decode_base64("a$b").has_value());
  EXPECT_DOUBLE_EQ(shannon_entropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(shannon_entropy("abcd"), 2.0);
  EXPECT_TRUE(looks_like_placeholder("AKIAIOSFODNN7EXAMPLE"));
  EXPECT_TRUE(looks_like_placeholder("${TOKEN}"));
  EXPECT_FALSE(looks_like_placeholder("q8Zr2LmX0pTa"));
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);  // the standard check value
}

}  // namespace
}  // namespace rampart::scan::secret
