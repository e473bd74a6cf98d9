#include "harness/importer/content_hasher.h"

#include <stdexcept>

#include <openssl/evp.h>

namespace kinship {

struct ContentHasher::State {
  EVP_MD_CTX* ctx = nullptr;
};

ContentHasher::ContentHasher() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  if (state_->ctx == nullptr || EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256: cannot initialise OpenSSL digest");
  }
}

ContentHasher::~ContentHasher() { EVP_MD_CTX_free(state_->ctx); }

void ContentHasher::Update(std::string_view bytes) {
  if (!bytes.empty()) EVP_DigestUpdate(state_->ctx, bytes.data(), bytes.size());
}

std::string ContentHasher::FinishHex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(state_->ctx, digest, &size);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

}  // namespace kinship
