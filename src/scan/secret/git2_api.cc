// SPDX-License-Identifier: Apache-2.0
#include "git2_api.h"

namespace rampart::scan::secret {

namespace {

Result<Git2Api> load_git2_api() {
  Git2Api api;
  RAMPART_LOAD_LIBRARY_API(api, RAMPART_GIT2_FUNCTIONS, RAMPART_GIT2_SONAME,
                           "reading git repositories");
  return api;
}

}  // namespace

Result<const Git2Api*> git2_api() {
  static const Result<Git2Api> loaded = load_git2_api();
  if (!loaded) return loaded.status();
  return &loaded.value();
}

}  // namespace rampart::scan::secret
