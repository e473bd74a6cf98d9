#include "harness/cli/dispatch.h"

#include <fmt/core.h>

#include "harness/core/build_info.h"
#include "harness/core/exit_code.h"

namespace kinship {

int RunCli(int, char**) {
  fmt::print("kinship {}\n", ToolVersion());
  return kExitOk;
}

}  // namespace kinship
