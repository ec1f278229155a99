// SPDX-License-Identifier: Apache-2.0
//
// Reads the .json entries of a zip archive (the per-ecosystem OSV exports)
// with libarchive, one entry at a time. The archive is untrusted: entries
// larger than `max_entry_bytes` and archives with more than `max_entries`
// entries are refused, and a corrupt or truncated archive is an error that
// names it. Nothing is written to disk. Thread-compatible (no shared state).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "rampart/base/status.h"

namespace rampart::scan::vuln {

// Called with each regular entry whose name ends in ".json": its name in
// the archive and its content. A failed Status from the callback stops the
// walk and is returned.
using ZipEntryVisitor =
    std::function<Status(const std::string& name, std::string_view content)>;

Status for_each_zip_json(const std::string& zip_path, std::size_t max_entries,
                         std::size_t max_entry_bytes,
                         const ZipEntryVisitor& visit);

}  // namespace rampart::scan::vuln
