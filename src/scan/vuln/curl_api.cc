// SPDX-License-Identifier: Apache-2.0
#include "curl_api.h"

namespace rampart::scan::vuln {

namespace {

Result<CurlApi> load_curl_api() {
  CurlApi api;
  RAMPART_LOAD_LIBRARY_API(api, RAMPART_CURL_FUNCTIONS, RAMPART_CURL_SONAME,
                           "downloading advisories");
  return api;
}

}  // namespace

Result<const CurlApi*> curl_api() {
  static const Result<CurlApi> loaded = load_curl_api();
  if (!loaded) return loaded.status();
  return &loaded.value();
}

}  // namespace rampart::scan::vuln
