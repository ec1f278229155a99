// SPDX-License-Identifier: Apache-2.0
//
// libarchive-based zip walking; see zip_reader.h.
#include "zip_reader.h"

#include <memory>
#include <string>

#include "archive_api.h"

namespace rampart::scan::vuln {

namespace {

struct ArchiveCloser {
  const ArchiveApi* lib = nullptr;
  void operator()(archive* handle) const { lib->archive_read_free(handle); }
};

Status archive_failure(const ArchiveApi& lib, const std::string& zip_path,
                       archive* handle, const std::string& what) {
  const char* reason = lib.archive_error_string(handle);
  return Status(StatusCode::kParseError,
                zip_path + ": " + what + ": " +
                    (reason != nullptr ? reason : "unknown archive error"));
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

// Reads the current entry whole, refusing more than `limit` bytes.
Status read_entry(const ArchiveApi& lib, archive* handle,
                  const std::string& zip_path, const std::string& name,
                  std::size_t limit, std::string& content) {
  content.clear();
  char buffer[64 * 1024];
  while (true) {
    la_ssize_t got = lib.archive_read_data(handle, buffer, sizeof(buffer));
    if (got == 0) return Status::ok();
    if (got < 0) {
      return archive_failure(lib, zip_path, handle,
                             "cannot read entry " + name);
    }
    if (content.size() + static_cast<std::size_t>(got) > limit) {
      return Status(StatusCode::kLimitExceeded,
                    zip_path + ": entry " + name + " is larger than " +
                        std::to_string(limit) + " bytes");
    }
    content.append(buffer, static_cast<std::size_t>(got));
  }
}

}  // namespace

Status for_each_zip_json(const std::string& zip_path, std::size_t max_entries,
                         std::size_t max_entry_bytes,
                         const ZipEntryVisitor& visit) {
  Result<const ArchiveApi*> loaded = archive_api();
  if (!loaded) return loaded.status();
  const ArchiveApi& lib = **loaded;

  std::unique_ptr<archive, ArchiveCloser> handle(lib.archive_read_new(),
                                                 ArchiveCloser{&lib});
  if (!handle) return Status(StatusCode::kInternal, "archive_read_new failed");
  lib.archive_read_support_format_zip(handle.get());
  if (lib.archive_read_open_filename(handle.get(), zip_path.c_str(),
                                     64 * 1024) != ARCHIVE_OK) {
    return archive_failure(lib, zip_path, handle.get(), "cannot open as zip");
  }

  std::size_t entries = 0;
  std::string content;
  while (true) {
    archive_entry* entry = nullptr;
    int status = lib.archive_read_next_header(handle.get(), &entry);
    if (status == ARCHIVE_EOF) return Status::ok();
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      return archive_failure(lib, zip_path, handle.get(), "corrupt archive");
    }
    if (++entries > max_entries) {
      return Status(
          StatusCode::kLimitExceeded,
          zip_path + ": more than " + std::to_string(max_entries) + " entries");
    }
    const char* raw_name = lib.archive_entry_pathname(entry);
    std::string name = raw_name != nullptr ? raw_name : "";
    if (lib.archive_entry_filetype(entry) != AE_IFREG ||
        !ends_with(name, ".json")) {
      lib.archive_read_data_skip(handle.get());
      continue;
    }
    RAMPART_RETURN_IF_ERROR(read_entry(lib, handle.get(), zip_path, name,
                                       max_entry_bytes, content));
    RAMPART_RETURN_IF_ERROR(visit(name, content));
  }
}

}  // namespace rampart::scan::vuln
