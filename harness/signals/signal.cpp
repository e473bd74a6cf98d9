#include "harness/signals/signal.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace kinship {

std::vector<int> SignalRoles::Involved() const {
  std::vector<int> all = suspects;
  all.insert(all.end(), candidates.begin(), candidates.end());
  all.insert(all.end(), controls.begin(), controls.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

nlohmann::json PreparedSignal::Evidence(int, int) const { return nlohmann::json::object(); }

}  // namespace kinship
