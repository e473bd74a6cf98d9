// Facts about this build, fixed at configure time (see build_info.cpp.in).
#pragma once

#include <string_view>

namespace kinship {

std::string_view ToolVersion();      // "0.1.0"
std::string_view GitHash();          // short hash of the source tree, "" if unknown
std::string_view BuiltinSuitesDir(); // the source tree's suites/ folder

}  // namespace kinship
