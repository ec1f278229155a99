// SPDX-License-Identifier: Apache-2.0
#include "archive_api.h"

namespace rampart::scan::vuln {

namespace {

Result<ArchiveApi> load_archive_api() {
  ArchiveApi api;
  RAMPART_LOAD_LIBRARY_API(api, RAMPART_ARCHIVE_FUNCTIONS,
                           RAMPART_ARCHIVE_SONAME, "reading zip archives");
  return api;
}

}  // namespace

Result<const ArchiveApi*> archive_api() {
  static const Result<ArchiveApi> loaded = load_archive_api();
  if (!loaded) return loaded.status();
  return &loaded.value();
}

}  // namespace rampart::scan::vuln
