// SHA-256 through the low-level SHA256_* functions rather than EVP: a process's first EVP
// digest loads OpenSSL 3's provider tables, 3.1-3.3 ms measured on the benchmark machine
// (0.1 ms for the low-level call), paid by every command that hashes a suite; the digest
// code underneath (SHA-NI where the CPU has it) is the same. OpenSSL 3 marks them deprecated.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "harness/core/hash.h"

#include <openssl/sha.h>

#include <array>
#include <stdexcept>

namespace kinship {

namespace {

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

Sha256Stream::Sha256Stream() {
  static_assert(sizeof(SHA256_CTX) <= 128 && alignof(SHA256_CTX) <= 8);
  if (SHA256_Init(reinterpret_cast<SHA256_CTX*>(context_)) != 1) throw std::runtime_error("SHA-256 failed");
}

void Sha256Stream::Update(std::string_view bytes) {
  if (bytes.empty()) return;
  if (SHA256_Update(reinterpret_cast<SHA256_CTX*>(context_), bytes.data(), bytes.size()) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
}

std::string Sha256Stream::FinishHex() {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  if (SHA256_Final(digest.data(), reinterpret_cast<SHA256_CTX*>(context_)) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (unsigned char byte : digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0xF]);
  }
  return hex;
}

std::string Sha256Hex(std::string_view data) {
  Sha256Stream stream;
  stream.Update(data);
  return stream.FinishHex();
}

std::uint64_t StableHash64(std::string_view data) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return SplitMix64(h);
}

std::uint64_t MixHash(std::uint64_t a, std::uint64_t b) {
  return SplitMix64(a ^ ((b << 23) | (b >> 41)) ^ 0x632BE59BD9B4E019ULL);
}

}  // namespace kinship
