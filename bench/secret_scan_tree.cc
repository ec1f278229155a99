// SPDX-License-Identifier: Apache-2.0
//
// A minimal command-line driver around the secret scanner, for benchmarks
// and hostile-input checks run beside other tools (hyperfine, /usr/bin/time)
// until `rampart scan --scanners secret` is wired by the orchestrator:
//
//   secret_scan_tree [--threads N] [--history] [--max-file-bytes N] PATH
//
// Prints one line per finding (file:line rule redacted) and the scanner's
// summary note to stdout; exits 1 when anything was found, 2 on error.
// Never prints a secret in full: findings are already redacted.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "rampart/scan/secret/history.h"
#include "rampart/scan/secret/secret_scanner.h"

using namespace rampart::scan::secret;

int main(int argc, char** argv) {
  TreeOptions tree;
  SecretOptions options;
  bool history = false;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--threads" && i + 1 < argc) {
      tree.threads = static_cast<unsigned>(std::atoi(argv[++i]));
    } else if (arg == "--max-file-bytes" && i + 1 < argc) {
      options.max_file_bytes = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--history") {
      history = true;
    } else if (arg == "--no-gitignore") {
      tree.respect_gitignore = false;
    } else {
      path = arg;
    }
  }
  if (path.empty()) {
    std::fprintf(stderr,
                 "usage: secret_scan_tree [--threads N] [--history] "
                 "[--max-file-bytes N] [--no-gitignore] PATH\n");
    return 2;
  }
  auto scanner = SecretScanner::create(options);
  if (!scanner) {
    std::fprintf(stderr, "%s\n", scanner.status().to_string().c_str());
    return 2;
  }
  rampart::scan::FindingSink sink;
  rampart::Status status = history ? scan_git_history(path, **scanner, sink)
                                   : scan_tree(path, **scanner, sink, tree);
  if (!status.is_ok()) {
    std::fprintf(stderr, "%s\n", status.to_string().c_str());
    return 2;
  }
  (*scanner)->finish(sink);
  for (const auto& finding : sink.findings()) {
    auto commit = finding.properties.find("commit");
    std::printf(
        "%s:%d %s %s%s%s\n", finding.target.c_str(), finding.start_line,
        finding.rule_id.c_str(), finding.properties.at("match").c_str(),
        commit == finding.properties.end() ? "" : " commit=",
        commit == finding.properties.end() ? "" : commit->second.c_str());
  }
  for (const auto& note : sink.notes()) {
    std::printf("note: %s %s\n", note.target.c_str(), note.message.c_str());
  }
  return sink.findings().empty() ? 0 : 1;
}
