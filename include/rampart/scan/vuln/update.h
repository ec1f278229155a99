// SPDX-License-Identifier: Apache-2.0
//
// `rampart db update`: downloads the per-ecosystem OSV archives
// (<base-url>/<ecosystem>/all.zip, the layout osv.dev publishes) with
// libcurl and swaps them into the store atomically.
//
// Resumable: each archive is fetched into "<store>.download/<eco>.zip.part"
// and a later run continues it with an HTTP range request (a server that
// ignores the range sends it whole, which is handled). Atomic: the store is
// copied to a temporary file beside it, the new archives replace their
// ecosystems there in one transaction, and only then is the copy renamed
// over the store; an interrupted or failed update leaves the previous
// store as it was.
//
// Untrusted input: only http and https are allowed (redirects included, at
// most 5), an archive may be at most kMaxArchiveBytes, and a download that
// stalls below 1 byte/s for 60 s is abandoned. Archives then go through the
// store's zip import with its limits. Errors name the URL or file.
// Not thread-safe: one update per store at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/scan/vuln/store.h"

namespace rampart::scan::vuln {

inline constexpr std::uint64_t kMaxArchiveBytes = 4ull << 30;
inline constexpr const char* kDefaultOsvBaseUrl =
    "https://osv-vulnerabilities.storage.googleapis.com";

// Reports download progress: the ecosystem, bytes so far and the total
// (0 when the server did not say).
using DownloadProgress = std::function<void(
    const std::string& ecosystem, std::uint64_t done, std::uint64_t total)>;

// Fetches `url` into `part_path`, continuing a partial file, and renames
// it to `final_path` when complete.
Status download_resumable(
    const std::string& url, const std::string& part_path,
    const std::string& final_path,
    const std::function<void(std::uint64_t, std::uint64_t)>& progress);

struct UpdateOptions {
  std::string store_path;
  std::string base_url = kDefaultOsvBaseUrl;
  // Ecosystems to fetch; empty = every ecosystem already in the store.
  std::vector<std::string> ecosystems;
  DownloadProgress on_download;
  ImportProgress on_import;
};

struct UpdateReport {
  std::vector<std::string> ecosystems;
  ImportReport import;
};

Result<UpdateReport> update_store(const UpdateOptions& options);

}  // namespace rampart::scan::vuln
