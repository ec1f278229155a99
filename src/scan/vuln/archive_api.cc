// SPDX-License-Identifier: Apache-2.0
#include "archive_api.h"

namespace rampart::scan::vuln {

RAMPART_DEFINE_LIBRARY_API(ArchiveApi, RAMPART_ARCHIVE_FUNCTIONS,
                           RAMPART_ARCHIVE_SONAME, "reading zip archives",
                           archive_api)

}  // namespace rampart::scan::vuln
