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
  std::string family;       // the base family: for sim models, the base voice ("terse")
};

std::vector<BuiltinModel> BuiltinModels();

}  // namespace kinship
