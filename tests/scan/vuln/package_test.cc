// SPDX-License-Identifier: Apache-2.0
#include "rampart/scan/vuln/package.h"

#include <gtest/gtest.h>

namespace rampart::scan::vuln {
namespace {

TEST(Package, DefaultsToAnIndirectRuntimeDependency) {
  Package package;
  EXPECT_FALSE(package.direct);
  EXPECT_FALSE(package.dev);
  EXPECT_TRUE(package.dependency_path.empty());
}

}  // namespace
}  // namespace rampart::scan::vuln
