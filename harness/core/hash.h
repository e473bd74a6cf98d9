// Hashes: SHA-256 for content identity (suite hashes, cache keys) and a fast stable
// 64-bit hash for seeds and shard assignment. Both are stable across platforms and
// releases; changing either changes recorded results, so treat them as formats.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kinship {

// Lower-case hex SHA-256 of `data` (OpenSSL EVP).
std::string Sha256Hex(std::string_view data);

// FNV-1a 64-bit over the bytes, then a SplitMix64 finaliser for good bit mixing.
std::uint64_t StableHash64(std::string_view data);

// Combines hashes/seeds order-dependently (SplitMix64 of a ^ rotated b).
std::uint64_t MixHash(std::uint64_t a, std::uint64_t b);

}  // namespace kinship
