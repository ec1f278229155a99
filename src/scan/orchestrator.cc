// SPDX-License-Identifier: Apache-2.0
//
// The scan orchestrator of orchestrator.h. Files are handed out to workers
// through one atomic index, so a slow file never holds up the others and no
// queue needs locking. Each worker keeps its own timing counters and merges
// them at the end; findings go straight into the shared FindingSink.
#include "rampart/scan/orchestrator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include <fmt/format.h>

#include "rampart/base/file.h"
#include "rampart/scan/snippets.h"

namespace rampart::scan {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Calls one scanner on one file, turning a stray exception into a note: a
// scanner bug must cost one file, not the scan.
void scan_one(Scanner& scanner, const FileEntry& file, std::string_view content,
              FindingSink& sink) {
  try {
    scanner.scan_file(file, content, sink);
  } catch (const std::exception& error) {
    sink.note({ScanNote::Level::kError, std::string(scanner.name()),
               file.relative_path, 0,
               fmt::format("internal error in scanner: {}", error.what())});
  } catch (...) {
    sink.note({ScanNote::Level::kError, std::string(scanner.name()),
               file.relative_path, 0, "internal error in scanner"});
  }
}

struct Shared {
  const std::vector<FileEntry>* files = nullptr;
  const std::vector<Scanner*>* scanners = nullptr;
  std::uint64_t max_bytes = 0;
  FindingSink* sink = nullptr;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex mutex;  // guards the merged counters and wakes the progress loop
  std::condition_variable finished;
  std::size_t workers_running = 0;
  std::vector<ScannerTiming> timings;
  std::size_t files_scanned = 0;
  std::uint64_t bytes_scanned = 0;
};

void scan_file_with(Shared& shared, const FileEntry& file,
                    std::vector<ScannerTiming>& timings,
                    std::size_t& files_scanned, std::uint64_t& bytes) {
  const std::vector<Scanner*>& scanners = *shared.scanners;
  std::vector<std::size_t> wanting;
  for (std::size_t i = 0; i < scanners.size(); ++i) {
    if (scanners[i]->wants(file)) wanting.push_back(i);
  }
  if (wanting.empty()) return;

  Result<MappedFile> mapped = MappedFile::open(file.path, shared.max_bytes);
  if (!mapped.is_ok()) {
    shared.sink->note({ScanNote::Level::kWarning, "", file.relative_path, 0,
                       mapped.status().message()});
    return;
  }
  std::string_view content = mapped->view();
  // An empty file maps to no memory at all; scanners get a valid pointer
  // (memchr and memcpy must not see null, even for zero bytes).
  if (content.data() == nullptr) content = std::string_view("", 0);
  ++files_scanned;
  bytes += content.size();
  for (std::size_t i : wanting) {
    Clock::time_point start = Clock::now();
    scan_one(*scanners[i], file, content, *shared.sink);
    timings[i].scan_seconds += seconds_since(start);
    timings[i].files += 1;
    timings[i].bytes += content.size();
  }
}

void worker(Shared& shared) {
  std::vector<ScannerTiming> timings(shared.scanners->size());
  std::size_t files_scanned = 0;
  std::uint64_t bytes = 0;
  const std::vector<FileEntry>& files = *shared.files;
  for (;;) {
    std::size_t i = shared.next.fetch_add(1, std::memory_order_relaxed);
    if (i >= files.size()) break;
    scan_file_with(shared, files[i], timings, files_scanned, bytes);
    shared.done.fetch_add(1, std::memory_order_relaxed);
  }

  std::lock_guard<std::mutex> lock(shared.mutex);
  for (std::size_t s = 0; s < timings.size(); ++s) {
    shared.timings[s].files += timings[s].files;
    shared.timings[s].bytes += timings[s].bytes;
    shared.timings[s].scan_seconds += timings[s].scan_seconds;
  }
  shared.files_scanned += files_scanned;
  shared.bytes_scanned += bytes;
  if (--shared.workers_running == 0) shared.finished.notify_all();
}

unsigned worker_count(const ScanOptions& options, std::size_t files) {
  unsigned n = options.threads;
  if (n == 0) n = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(
      std::min<std::size_t>(n, std::max<std::size_t>(files, 1)));
}

// Runs the workers and, on this thread, reports progress until they finish.
void scan_files(Shared& shared, const ScanOptions& options,
                Clock::time_point started) {
  unsigned n = worker_count(options, shared.files->size());
  shared.workers_running = n;
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (unsigned i = 0; i < n; ++i) {
    threads.emplace_back([&shared] { worker(shared); });
  }
  {
    std::unique_lock<std::mutex> lock(shared.mutex);
    while (shared.workers_running > 0) {
      shared.finished.wait_for(lock, std::chrono::milliseconds(200));
      if (options.progress && shared.workers_running > 0) {
        ScanProgress progress{shared.done.load(), shared.files->size(),
                              seconds_since(started)};
        lock.unlock();
        options.progress(progress);
        lock.lock();
      }
    }
  }
  for (std::thread& thread : threads) thread.join();
}

void run_finish(const std::vector<Scanner*>& scanners, FindingSink& sink,
                std::vector<ScannerTiming>& timings) {
  for (std::size_t i = 0; i < scanners.size(); ++i) {
    Clock::time_point start = Clock::now();
    try {
      scanners[i]->finish(sink);
    } catch (const std::exception& error) {
      sink.note({ScanNote::Level::kError, std::string(scanners[i]->name()), "",
                 0,
                 fmt::format("internal error in scanner: {}", error.what())});
    } catch (...) {
      sink.note({ScanNote::Level::kError, std::string(scanners[i]->name()), "",
                 0, "internal error in scanner"});
    }
    timings[i].finish_seconds = seconds_since(start);
  }
}

// Maps each file that has findings once more, to attach code lines and
// fingerprints; findings from finish() are covered too.
void attach_all_snippets(std::vector<Finding>& findings,
                         const std::vector<FileEntry>& files,
                         std::uint64_t max_bytes,
                         std::string_view stdin_content) {
  std::map<std::string, std::vector<Finding*>> by_target;
  for (Finding& finding : findings)
    by_target[finding.target].push_back(&finding);
  std::map<std::string_view, const FileEntry*> by_path;
  for (const FileEntry& file : files) by_path[file.relative_path] = &file;

  for (auto& [target, of_target] : by_target) {
    auto it = by_path.find(target);
    if (it == by_path.end()) {
      attach_snippets({}, of_target);  // fingerprints only
      continue;
    }
    if (it->second->from_stdin) {
      attach_snippets(stdin_content, of_target);
      continue;
    }
    Result<MappedFile> mapped = MappedFile::open(it->second->path, max_bytes);
    attach_snippets(mapped.is_ok() ? mapped->view() : std::string_view(),
                    of_target);
  }
}

ScanOutcome scan_entries(std::vector<FileEntry> files,
                         std::vector<ScanNote> walk_notes,
                         const std::vector<Scanner*>& scanners,
                         const ScanOptions& options, Clock::time_point started,
                         std::string_view stdin_content) {
  FindingSink sink;
  Shared shared;
  shared.files = &files;
  shared.scanners = &scanners;
  shared.max_bytes = options.walk.max_file_bytes;
  shared.sink = &sink;
  shared.timings.resize(scanners.size());
  for (std::size_t i = 0; i < scanners.size(); ++i) {
    shared.timings[i].scanner = std::string(scanners[i]->name());
  }
  scan_files(shared, options, started);
  run_finish(scanners, sink, shared.timings);

  ScanOutcome outcome;
  outcome.findings = std::move(sink.findings());
  attach_all_snippets(outcome.findings, files, shared.max_bytes, stdin_content);
  sort_findings(outcome.findings);
  outcome.notes = std::move(walk_notes);
  for (ScanNote& note : sink.notes()) outcome.notes.push_back(std::move(note));
  outcome.components = std::move(sink.components());
  outcome.timings = std::move(shared.timings);
  outcome.files_walked = files.size();
  outcome.files_scanned = shared.files_scanned;
  outcome.bytes_scanned = shared.bytes_scanned;
  if (options.progress) {
    options.progress({files.size(), files.size(), seconds_since(started)});
  }
  outcome.seconds = seconds_since(started);
  return outcome;
}

}  // namespace

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(
      findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::forward_as_tuple(b.severity, a.target, a.start_line,
                                     a.start_column, a.rule_id, a.message) <
               std::forward_as_tuple(a.severity, b.target, b.start_line,
                                     b.start_column, b.rule_id, b.message);
      });
}

Result<ScanOutcome> run_scan(const std::string& root,
                             const std::vector<Scanner*>& scanners,
                             const ScanOptions& options) {
  Clock::time_point started = Clock::now();
  Result<WalkResult> walked = walk_tree(root, options.walk);
  if (!walked.is_ok()) return walked.status();
  double walk_seconds = seconds_since(started);
  ScanOutcome outcome =
      scan_entries(std::move(walked->files), std::move(walked->notes), scanners,
                   options, started, {});
  outcome.walk_seconds = walk_seconds;
  return outcome;
}

ScanOutcome run_scan_on_stdin(std::string content,
                              const std::vector<Scanner*>& scanners,
                              const ScanOptions& options) {
  Clock::time_point started = Clock::now();
  FileEntry entry{"-", "<stdin>", content.size(), true};
  // The content is already in memory; workers read it through a mapping
  // only for real files, so the stdin entry is scanned here directly.
  FindingSink sink;
  std::vector<ScannerTiming> timings(scanners.size());
  for (std::size_t i = 0; i < scanners.size(); ++i) {
    timings[i].scanner = std::string(scanners[i]->name());
    if (!scanners[i]->wants(entry)) continue;
    Clock::time_point start = Clock::now();
    scan_one(*scanners[i], entry, content, sink);
    timings[i].scan_seconds = seconds_since(start);
    timings[i].files = 1;
    timings[i].bytes = content.size();
  }
  run_finish(scanners, sink, timings);

  ScanOutcome outcome;
  outcome.findings = std::move(sink.findings());
  attach_all_snippets(outcome.findings, {entry}, content.size(), content);
  sort_findings(outcome.findings);
  outcome.notes = std::move(sink.notes());
  outcome.components = std::move(sink.components());
  outcome.timings = std::move(timings);
  outcome.files_walked = 1;
  outcome.files_scanned = 1;
  outcome.bytes_scanned = content.size();
  outcome.seconds = seconds_since(started);
  if (options.progress) options.progress({1, 1, outcome.seconds});
  return outcome;
}

}  // namespace rampart::scan
