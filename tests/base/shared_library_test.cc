// SPDX-License-Identifier: Apache-2.0
#include "rampart/base/shared_library.h"

#include <cstring>

#include <gtest/gtest.h>

namespace rampart {
namespace {

TEST(SharedLibrary, ResolvesFunctionsOfALoadedLibrary) {
  auto library = SharedLibrary::open("libc.so.6", "the test");
  ASSERT_TRUE(library) << library.status().message();
  auto address = library->symbol("strlen");
  ASSERT_TRUE(address) << address.status().message();
  auto strlen_in_libc = reinterpret_cast<decltype(&std::strlen)>(*address);
  EXPECT_EQ(strlen_in_libc("four"), 4u);
}

TEST(SharedLibrary, AMissingLibraryNamesItselfAndItsUse) {
  auto library =
      SharedLibrary::open("librampart-does-not-exist.so.9", "testing errors");
  ASSERT_FALSE(library);
  EXPECT_EQ(library.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(library.status().message().find(
                "testing errors needs librampart-does-not-exist.so.9"),
            std::string::npos)
      << library.status().message();
}

TEST(SharedLibrary, AMissingFunctionNamesTheFunctionAndLibrary) {
  auto library = SharedLibrary::open("libc.so.6", "the test");
  ASSERT_TRUE(library);
  auto address = library->symbol("rampart_no_such_function");
  ASSERT_FALSE(address);
  EXPECT_NE(address.status().message().find(
                "libc.so.6 has no function rampart_no_such_function"),
            std::string::npos)
      << address.status().message();
}

}  // namespace
}  // namespace rampart
