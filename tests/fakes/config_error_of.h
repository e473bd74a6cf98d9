// ConfigErrorOf: runs `fn` and returns the message of the ConfigError it throws, or
// "(no error)" when it throws none -- for tests that check what a bad input says.
#pragma once

#include <functional>
#include <string>

#include "harness/core/config_error.h"

namespace kinship::testing {

inline std::string ConfigErrorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace kinship::testing
