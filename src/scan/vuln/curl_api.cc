// SPDX-License-Identifier: Apache-2.0
#include "curl_api.h"

namespace rampart::scan::vuln {

RAMPART_DEFINE_LIBRARY_API(CurlApi, RAMPART_CURL_FUNCTIONS, RAMPART_CURL_SONAME,
                           "downloading advisories", curl_api)

}  // namespace rampart::scan::vuln
