// SPDX-License-Identifier: Apache-2.0
//
// The libcurl functions `rampart db update` calls, opened on first use
// (rampart/base/shared_library.h says why libcurl is not linked).
#pragma once

// Without this, curl.h turns curl_easy_setopt() and curl_easy_getinfo() into
// type-checking macros, which would also rewrite calls through the table.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include "rampart/base/shared_library.h"

namespace rampart::scan::vuln {

// clang-format off
#define RAMPART_CURL_FUNCTIONS(X) \
  X(curl_global_init)             \
  X(curl_easy_init)               \
  X(curl_easy_cleanup)            \
  X(curl_easy_setopt)             \
  X(curl_easy_perform)            \
  X(curl_easy_getinfo)            \
  X(curl_easy_strerror)           \
  X(curl_easy_escape)             \
  X(curl_free)
// clang-format on

RAMPART_DECLARE_LIBRARY_API(CurlApi, RAMPART_CURL_FUNCTIONS)

// libcurl's functions, or why it cannot be loaded. Loaded once per
// process; later calls return the same table (or the same error).
Result<const CurlApi*> curl_api();

}  // namespace rampart::scan::vuln
