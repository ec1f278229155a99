// SPDX-License-Identifier: Apache-2.0
//
// Package is plain data (see rampart/scan/vuln/package.h); this file gives
// the library a translation unit until the matcher lands beside it.
#include "rampart/scan/vuln/package.h"
