// Chat messages: the common shape of a prompt across every backend.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinship {

enum class Role { kSystem, kUser, kAssistant };

std::string_view RoleName(Role role);                 // "system", "user", "assistant"
std::optional<Role> ParseRole(std::string_view name); // nullopt for anything else

struct ChatMessage {
  Role role = Role::kUser;
  std::string content;  // UTF-8, kept byte-exact
};

}  // namespace kinship
