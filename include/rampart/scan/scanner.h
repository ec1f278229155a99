// SPDX-License-Identifier: Apache-2.0
//
// The contract between `rampart scan`'s orchestrator and each scanner
// (misconfig, secret, vuln). The orchestrator walks the tree once, asks every
// scanner whether it wants each file, maps the file once, and hands the bytes
// to the scanners that asked, in parallel over files. After the walk each
// scanner's finish() runs once, for work that needs every file seen (matching
// a whole inventory against the vulnerability store, for instance).
//
// Thread-safety: wants() and scan_file() are called from several threads at
// once and must not mutate shared state without their own locking;
// FindingSink is safe to call from any thread. finish() runs alone.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/findings/finding.h"
#include "rampart/findings/inventory.h"

namespace rampart::scan {

// One file met by the walk.
struct FileEntry {
  std::string path;           // as opened (absolute or relative to the cwd)
  std::string relative_path;  // relative to the scan root, '/'-separated;
                              // what findings report as their target
  std::uint64_t size = 0;
  // True for the virtual file of `rampart scan -`: a multi-document YAML
  // stream read from standard input (e.g. `helm template` output). Its
  // relative_path is "<stdin>" and its path "-"; scanners that read YAML
  // should want it whatever its name.
  bool from_stdin = false;
};

// Collects findings and notes from all scanners; safe from any thread.
class FindingSink {
 public:
  void add(Finding finding) {
    std::lock_guard<std::mutex> lock(mutex_);
    findings_.push_back(std::move(finding));
  }
  void note(ScanNote note) {
    std::lock_guard<std::mutex> lock(mutex_);
    notes_.push_back(std::move(note));
  }
  // The inventory hook: a scanner that resolves dependencies (the vuln
  // scanner) reports each package here, and `--format cyclonedx` lists them.
  void add_component(Component component) {
    std::lock_guard<std::mutex> lock(mutex_);
    components_.push_back(std::move(component));
  }

  // Only once scanning is over.
  std::vector<Finding>& findings() { return findings_; }
  std::vector<ScanNote>& notes() { return notes_; }
  std::vector<Component>& components() { return components_; }

 private:
  std::mutex mutex_;
  std::vector<Finding> findings_;
  std::vector<ScanNote> notes_;
  std::vector<Component> components_;
};

class Scanner {
 public:
  virtual ~Scanner() = default;

  // "misconfig", "secret" or "vuln" (the kScanner* names).
  virtual std::string_view name() const = 0;

  // Whether scan_file() should see this file. Cheap: called for every file,
  // before its content is read.
  virtual bool wants(const FileEntry& file) const = 0;

  // Scans one file whose whole content is `content`. Problems with the file
  // become ScanNotes in `sink`; nothing here may throw or stop the scan.
  // content.data() is never null, not even for an empty file, so it may be
  // handed to memchr() and friends as it is.
  virtual void scan_file(const FileEntry& file, std::string_view content,
                         FindingSink& sink) = 0;

  // Runs once after every file has been scanned.
  virtual void finish(FindingSink& sink) { (void)sink; }
};

}  // namespace rampart::scan
