// Hashes: SHA-256 for content identity (suite hashes, cache keys) and a fast stable
// 64-bit hash for seeds and shard assignment. Both are stable across platforms and
// releases; changing either changes recorded results, so treat them as formats.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kinship {

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// SHA-256 over bytes fed in pieces, so a large input can be hashed while it streams by
// (an import hashes its files as it reads them). The digest equals Sha256Hex of the
// concatenated pieces. Not thread-safe; FinishHex once, after which the hasher is spent.
class Sha256Stream {
 public:
  Sha256Stream();
  void Update(std::string_view bytes);
  std::string FinishHex();

 private:
  alignas(8) unsigned char context_[128];  // OpenSSL's SHA256_CTX (size checked in hash.cpp)
};

// FNV-1a 64-bit over the bytes, then a SplitMix64 finaliser for good bit mixing.
std::uint64_t StableHash64(std::string_view data);

// Combines hashes/seeds order-dependently (SplitMix64 of a ^ rotated b).
std::uint64_t MixHash(std::uint64_t a, std::uint64_t b);

}  // namespace kinship
