// SPDX-License-Identifier: Apache-2.0
#include "git2_api.h"

namespace rampart::scan::secret {

RAMPART_DEFINE_LIBRARY_API(Git2Api, RAMPART_GIT2_FUNCTIONS, RAMPART_GIT2_SONAME,
                           "reading git repositories", git2_api)

}  // namespace rampart::scan::secret
