// SPDX-License-Identifier: Apache-2.0
//
// Libraries loaded on first use rather than at start-up.
//
// `rampart eval` and `rampart test` start in about a millisecond only when
// the dynamic loader has little to do. libcurl, libarchive and libgit2 bring
// some 35 further libraries with them (TLS, LDAP, Kerberos, ICU...), and
// mapping and relocating those cost several milliseconds on every run,
// although only `db update`, zip imports and git-aware walks call them. So
// rampart does not link them: it opens each with dlopen() the first time a
// command needs it and calls it through a table of function pointers.
//
// A table is declared with an X-macro listing the functions by name:
//
//   #define RAMPART_CURL_FUNCTIONS(X) X(curl_easy_init) X(curl_easy_cleanup)
//   RAMPART_DECLARE_LIBRARY_API(CurlApi, RAMPART_CURL_FUNCTIONS)  // header
//   Result<const CurlApi*> curl_api();                             // header
//   RAMPART_DEFINE_LIBRARY_API(CurlApi, RAMPART_CURL_FUNCTIONS,    // .cc
//                              "libcurl.so.4", "downloading", curl_api)
//
// The pointer types come from the library's own header, so a call through
// the table is checked by the compiler exactly like a direct call.
#pragma once

#include <string>

#include "rampart/base/status.h"

namespace rampart {

// A library opened with dlopen(); it stays loaded for the process.
class SharedLibrary {
 public:
  // Opens `soname` (for example "libcurl.so.4"). The error names the
  // library, why rampart needs it (`needed_for`), and the loader's reason.
  static Result<SharedLibrary> open(const std::string& soname,
                                    const std::string& needed_for);

  // The address of `symbol`, or an error naming the symbol and library.
  Result<void*> symbol(const char* name) const;

 private:
  SharedLibrary(void* handle, std::string soname)
      : handle_(handle), soname_(std::move(soname)) {}

  void* handle_ = nullptr;
  std::string soname_;
};

}  // namespace rampart

#define RAMPART_LIBRARY_API_MEMBER(name) decltype(&::name) name = nullptr;

// struct Api { <one pointer per listed function, named as the function> };
#define RAMPART_DECLARE_LIBRARY_API(Api, FUNCTIONS) \
  struct Api {                                      \
    FUNCTIONS(RAMPART_LIBRARY_API_MEMBER)           \
  };

#define RAMPART_LIBRARY_API_RESOLVE(name)                             \
  {                                                                   \
    auto address = library->symbol(#name);                            \
    if (!address) return address.status();                            \
    api.name = reinterpret_cast<decltype(api.name)>(address.value()); \
  }

// Defines `Result<const Api*> accessor()`: the first call opens `soname`
// and resolves every function FUNCTIONS lists; every later call returns the
// same table, or the same error naming the library or the function.
#define RAMPART_DEFINE_LIBRARY_API(Api, FUNCTIONS, soname, needed_for,   \
                                   accessor)                             \
  ::rampart::Result<const Api*> accessor() {                             \
    static const ::rampart::Result<Api> loaded =                         \
        []() -> ::rampart::Result<Api> {                                 \
      Api api;                                                           \
      auto library = ::rampart::SharedLibrary::open(soname, needed_for); \
      if (!library) return library.status();                             \
      FUNCTIONS(RAMPART_LIBRARY_API_RESOLVE)                             \
      return api;                                                        \
    }();                                                                 \
    if (!loaded) return loaded.status();                                 \
    return &loaded.value();                                              \
  }
