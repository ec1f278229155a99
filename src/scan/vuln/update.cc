// SPDX-License-Identifier: Apache-2.0
//
// Resumable downloads with libcurl and the atomic store swap of
// `rampart db update`; see update.h.
#include "rampart/scan/vuln/update.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>

#include <unistd.h>

#include "curl_api.h"

namespace rampart::scan::vuln {

namespace {

namespace fs = std::filesystem;

// libcurl's functions. Every entry point of this file calls load_curl()
// first, so the helpers below can take the table as loaded.
const CurlApi& lib() { return *curl_api().value(); }

struct CurlCloser {
  void operator()(CURL* handle) const { lib().curl_easy_cleanup(handle); }
};
struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// State shared with libcurl's callbacks for one transfer.
struct Transfer {
  std::FILE* file = nullptr;
  std::string part_path;
  std::uint64_t resumed_from = 0;
  bool truncated_for_restart = false;
  CURL* curl = nullptr;
  const std::function<void(std::uint64_t, std::uint64_t)>* progress = nullptr;
  bool write_failed = false;
};

// The server may ignore the range and answer 200 with the whole file:
// then what is on disk is dropped before the first byte is written.
size_t write_body(char* data, size_t size, size_t count, void* user) {
  Transfer& t = *static_cast<Transfer*>(user);
  if (t.resumed_from > 0 && !t.truncated_for_restart) {
    long code = 0;
    lib().curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &code);
    if (code == 200) {
      if (std::freopen(t.part_path.c_str(), "wb", t.file) == nullptr) {
        t.write_failed = true;
        return 0;
      }
      t.resumed_from = 0;
    }
    t.truncated_for_restart = true;
  }
  size_t bytes = size * count;
  if (std::fwrite(data, 1, bytes, t.file) != bytes) {
    t.write_failed = true;
    return 0;
  }
  return bytes;
}

int report_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t,
                    curl_off_t) {
  Transfer& t = *static_cast<Transfer*>(user);
  if (t.progress != nullptr && *t.progress) {
    (*t.progress)(
        t.resumed_from + static_cast<std::uint64_t>(now),
        total > 0 ? t.resumed_from + static_cast<std::uint64_t>(total) : 0);
  }
  return 0;
}

// Opens libcurl and initialises it, once per process.
Status load_curl() {
  Result<const CurlApi*> api = curl_api();
  if (!api) return api.status();
  static std::once_flag once;
  std::call_once(once, [&] { (*api)->curl_global_init(CURL_GLOBAL_DEFAULT); });
  return Status::ok();
}

void configure(CURL* curl, const std::string& url, Transfer& transfer) {
  auto setopt = lib().curl_easy_setopt;
  setopt(curl, CURLOPT_URL, url.c_str());
  setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  setopt(curl, CURLOPT_MAXREDIRS, 5L);
  setopt(curl, CURLOPT_FAILONERROR, 1L);
  setopt(curl, CURLOPT_NOSIGNAL, 1L);
  setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
  setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
  setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
         static_cast<curl_off_t>(kMaxArchiveBytes));
  setopt(curl, CURLOPT_USERAGENT, "rampart-db-update");
  setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
  setopt(curl, CURLOPT_WRITEDATA, &transfer);
  setopt(curl, CURLOPT_XFERINFOFUNCTION, report_progress);
  setopt(curl, CURLOPT_XFERINFODATA, &transfer);
  setopt(curl, CURLOPT_NOPROGRESS, 0L);
  if (transfer.resumed_from > 0) {
    setopt(curl, CURLOPT_RESUME_FROM_LARGE,
           static_cast<curl_off_t>(transfer.resumed_from));
  }
}

std::string escape_segment(CURL* curl, const std::string& segment) {
  char* escaped = lib().curl_easy_escape(curl, segment.c_str(),
                                         static_cast<int>(segment.size()));
  std::string out = escaped != nullptr ? escaped : segment;
  lib().curl_free(escaped);
  return out;
}

// For an update without --ecosystem: those fetched by earlier updates,
// else every ecosystem the store holds.
Result<std::vector<std::string>> stored_ecosystems(const std::string& path) {
  Result<VulnStore> store = VulnStore::open(path, VulnStore::Mode::kReadOnly);
  if (!store.is_ok()) return store.status();
  Result<std::vector<std::string>> updated = store->updated_ecosystems();
  if (!updated.is_ok() || !updated->empty()) return updated;
  Result<StoreStatus> status = store->status();
  if (!status.is_ok()) return status.status();
  std::vector<std::string> names;
  for (const EcosystemStatus& ecosystem : status->ecosystems) {
    names.push_back(ecosystem.ecosystem);
  }
  return names;
}

// Copies the store (if any) to `temp_path`, imports the archives there and
// renames the copy over the store.
Status swap_in(const UpdateOptions& options,
               const std::vector<std::string>& zips,
               const std::vector<std::string>& ecosystems,
               UpdateReport& report) {
  std::string temp_path =
      options.store_path + ".update-" + std::to_string(::getpid());
  std::error_code error;
  fs::remove(temp_path, error);
  if (fs::exists(options.store_path, error)) {
    fs::copy_file(options.store_path, temp_path, error);
    if (error) {
      return Status(StatusCode::kIoError,
                    temp_path + ": cannot copy the store: " + error.message());
    }
  }

  Status status = [&]() -> Status {
    Result<VulnStore> store =
        VulnStore::open(temp_path, VulnStore::Mode::kReadWrite);
    if (!store.is_ok()) return store.status();
    for (size_t i = 0; i < zips.size(); ++i) {
      Result<ImportReport> imported = store->replace_ecosystem(
          ecosystems[i], zips[i], options.base_url, options.on_import);
      if (!imported.is_ok()) return imported.status();
      ImportReport& total = report.import;
      total.files += imported->files;
      total.imported += imported->imported;
      total.unchanged += imported->unchanged;
      total.rejected += imported->rejected;
      total.problems.insert(total.problems.end(), imported->problems.begin(),
                            imported->problems.end());
    }
    return Status::ok();
  }();
  if (status.is_ok()) {
    fs::rename(temp_path, options.store_path, error);
    if (error) {
      status = Status(StatusCode::kIoError,
                      options.store_path +
                          ": cannot replace the store: " + error.message());
    }
  }
  if (!status.is_ok()) fs::remove(temp_path, error);
  return status;
}

}  // namespace

namespace {

// One attempt: continues `part_path` from its current size.
Status download_once(
    const std::string& url, const std::string& part_path,
    const std::function<void(std::uint64_t, std::uint64_t)>& progress,
    bool& range_refused) {
  std::unique_ptr<CURL, CurlCloser> curl(lib().curl_easy_init());
  if (!curl) return Status(StatusCode::kInternal, "curl_easy_init failed");

  Transfer transfer;
  std::error_code error;
  if (fs::exists(part_path, error)) {
    transfer.resumed_from = fs::file_size(part_path, error);
    if (error) transfer.resumed_from = 0;
  }
  std::unique_ptr<std::FILE, FileCloser> file(
      std::fopen(part_path.c_str(), transfer.resumed_from > 0 ? "ab" : "wb"));
  if (!file) {
    return Status(StatusCode::kIoError, part_path + ": cannot write");
  }
  transfer.file = file.get();
  transfer.part_path = part_path;
  transfer.curl = curl.get();
  transfer.progress = &progress;
  configure(curl.get(), url, transfer);

  CURLcode code = lib().curl_easy_perform(curl.get());
  long http = 0;
  lib().curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &http);
  if (std::fflush(file.get()) != 0 || transfer.write_failed) {
    return Status(StatusCode::kIoError, part_path + ": write failed");
  }
  range_refused = code == CURLE_RANGE_ERROR;

  // 416: the range starts at the end, i.e. the part file is complete.
  bool complete_already = http == 416 && transfer.resumed_from > 0;
  if (code != CURLE_OK && !complete_already) {
    return Status(StatusCode::kIoError,
                  url + ": download failed: " + lib().curl_easy_strerror(code) +
                      (http != 0 ? " (HTTP " + std::to_string(http) + ")"
                                 : std::string()) +
                      "; run the update again to resume");
  }
  return Status::ok();
}

}  // namespace

Status download_resumable(
    const std::string& url, const std::string& part_path,
    const std::string& final_path,
    const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  RAMPART_RETURN_IF_ERROR(load_curl());
  bool range_refused = false;
  Status status = download_once(url, part_path, progress, range_refused);

  // A server without range support cannot resume: start over once.
  std::error_code error;
  if (!status.is_ok() && range_refused) {
    fs::remove(part_path, error);
    status = download_once(url, part_path, progress, range_refused);
  }
  RAMPART_RETURN_IF_ERROR(status);

  fs::rename(part_path, final_path, error);
  if (error) {
    return Status(StatusCode::kIoError,
                  final_path + ": cannot store download: " + error.message());
  }
  return Status::ok();
}

Result<UpdateReport> update_store(const UpdateOptions& options) {
  UpdateReport report;
  report.ecosystems = options.ecosystems;
  if (report.ecosystems.empty()) {
    Result<std::vector<std::string>> stored =
        stored_ecosystems(options.store_path);
    if (!stored.is_ok() || stored->empty()) {
      return Status(StatusCode::kInvalidArgument,
                    "no ecosystems to update: name them with --ecosystem "
                    "(the store at " +
                        options.store_path + " has none yet)");
    }
    report.ecosystems = std::move(*stored);
  }

  std::string folder = options.store_path + ".download";
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    return Status(StatusCode::kIoError, folder + ": " + error.message());
  }

  RAMPART_RETURN_IF_ERROR(load_curl());
  std::unique_ptr<CURL, CurlCloser> escaper(lib().curl_easy_init());
  std::string base = options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();

  std::vector<std::string> zips;
  for (const std::string& ecosystem : report.ecosystems) {
    std::string url =
        base + "/" + escape_segment(escaper.get(), ecosystem) + "/all.zip";
    std::string safe = escape_segment(escaper.get(), ecosystem);
    std::string zip = folder + "/" + safe + ".zip";
    auto progress = [&](std::uint64_t done, std::uint64_t total) {
      if (options.on_download) options.on_download(ecosystem, done, total);
    };
    RAMPART_RETURN_IF_ERROR(
        download_resumable(url, zip + ".part", zip, progress));
    zips.push_back(zip);
  }

  Status swapped = swap_in(options, zips, report.ecosystems, report);
  // Archives that made it into the store are not needed any more; a
  // corrupt one is dropped too, so that the next run fetches it afresh.
  for (const std::string& zip : zips) fs::remove(zip, error);
  if (!swapped.is_ok()) return swapped;
  fs::remove(folder, error);
  return report;
}

}  // namespace rampart::scan::vuln
