#include "adapters/builtin_models.h"

#include "adapters/sim/sim_zoo.h"

namespace kinship {

std::vector<BuiltinModel> BuiltinModels() {
  std::vector<BuiltinModel> models;
  for (const auto& entry : SimZooCatalog()) {
    models.push_back({entry.name, "sim", entry.description, entry.recipe.corpus});
  }
  return models;
}

}  // namespace kinship
