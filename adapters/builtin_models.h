// Models that need no models file: the simulated zoo. `--model NAME` finds them by name
// and `kinship list models` prints them.
#pragma once

#include <string>
#include <vector>

namespace kinship {

struct BuiltinModel {
  std::string name;         // "teacher-a"
  std::string adapter;      // "sim"
  std::string description;  // one line
};

std::vector<BuiltinModel> BuiltinModels();

}  // namespace kinship
