// SPDX-License-Identifier: Apache-2.0
//
// The orchestrator of `rampart scan`: walks the tree once (walker.h), asks
// every scanner whether it wants each file, maps each wanted file once, and
// hands the bytes to the scanners that asked, with files spread over a small
// pool of worker threads (one per core by default). After the walk it runs
// each scanner's finish() once, in order, then attaches the offending lines
// and fingerprints to the findings (snippets.h) and sorts them by severity,
// worst first, then by location.
//
// The orchestrator does not filter by severity, apply the ignore file or
// choose an exit code; the caller does, from the outcome.
//
// Errors: only an unreadable root fails the run; a file that cannot be read
// becomes a ScanNote and the scan goes on. Scanners must not throw; if one
// does anyway the worker catches it and records an error note naming the
// scanner and the file. run_scan() itself is not reentrant for the same
// scanner objects; scanners are shared by the workers as scanner.h allows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/findings/finding.h"
#include "rampart/findings/inventory.h"
#include "rampart/scan/scanner.h"
#include "rampart/scan/walker.h"

namespace rampart::scan {

// How far the scan has come, for a progress line.
struct ScanProgress {
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  double seconds = 0;  // since run_scan() started
};

struct ScanOptions {
  WalkOptions walk;
  unsigned threads = 0;  // 0: one per core
  // Called on the calling thread about every 200 ms while files are being
  // scanned, and once at the end; may be empty.
  std::function<void(const ScanProgress&)> progress;
};

// Time spent per scanner, summed over every worker thread.
struct ScannerTiming {
  std::string scanner;
  std::size_t files = 0;
  std::uint64_t bytes = 0;
  double scan_seconds = 0;    // in scan_file(), all threads together
  double finish_seconds = 0;  // in finish()
};

struct ScanOutcome {
  std::vector<Finding> findings;  // sorted, code lines attached
  std::vector<ScanNote> notes;
  std::vector<Component> components;
  std::vector<ScannerTiming> timings;  // in the order of the scanners given
  std::size_t files_walked = 0;
  std::size_t files_scanned = 0;
  std::uint64_t bytes_scanned = 0;
  double walk_seconds = 0;
  double seconds = 0;
};

// Scans the folder or file `root` with `scanners` (not owned; none null).
Result<ScanOutcome> run_scan(const std::string& root,
                             const std::vector<Scanner*>& scanners,
                             const ScanOptions& options);

// Scans `content` as the one virtual file of `rampart scan -` (see
// FileEntry::from_stdin).
ScanOutcome run_scan_on_stdin(std::string content,
                              const std::vector<Scanner*>& scanners,
                              const ScanOptions& options);

// Orders findings worst first, then by target, line, column and rule id.
void sort_findings(std::vector<Finding>& findings);

}  // namespace rampart::scan
