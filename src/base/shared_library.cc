// SPDX-License-Identifier: Apache-2.0
//
// dlopen()-based loading; see rampart/base/shared_library.h.
#include "rampart/base/shared_library.h"

#include <dlfcn.h>

namespace rampart {

Result<SharedLibrary> SharedLibrary::open(const std::string& soname,
                                          const std::string& needed_for) {
  // RTLD_NOW: a missing symbol shows here, with the library's name, rather
  // than as a crash in the middle of a download or a walk.
  void* handle = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* reason = dlerror();
    return Status(StatusCode::kUnsupported,
                  needed_for + " needs " + soname +
                      ", which cannot be loaded: " +
                      (reason != nullptr ? reason : "unknown reason"));
  }
  // The handle is never closed: function pointers into the library may be
  // held until the process exits.
  return SharedLibrary(handle, soname);
}

Result<void*> SharedLibrary::symbol(const char* name) const {
  dlerror();
  void* address = dlsym(handle_, name);
  if (address == nullptr) {
    return Status(StatusCode::kUnsupported,
                  soname_ + " has no function " + name +
                      "; rampart was built against a different version");
  }
  return address;
}

}  // namespace rampart
