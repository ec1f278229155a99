// SPDX-License-Identifier: Apache-2.0
//
// The libarchive functions the zip reader calls, opened on first use
// (rampart/base/shared_library.h says why libarchive is not linked).
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include "rampart/base/shared_library.h"

namespace rampart::scan::vuln {

// clang-format off
#define RAMPART_ARCHIVE_FUNCTIONS(X) \
  X(archive_read_new)                \
  X(archive_read_free)               \
  X(archive_read_support_format_zip) \
  X(archive_read_open_filename)      \
  X(archive_read_next_header)        \
  X(archive_read_data)               \
  X(archive_read_data_skip)          \
  X(archive_error_string)            \
  X(archive_entry_pathname)          \
  X(archive_entry_filetype)
// clang-format on

RAMPART_DECLARE_LIBRARY_API(ArchiveApi, RAMPART_ARCHIVE_FUNCTIONS)

// libarchive's functions, or why it cannot be loaded; loaded once.
Result<const ArchiveApi*> archive_api();

}  // namespace rampart::scan::vuln
