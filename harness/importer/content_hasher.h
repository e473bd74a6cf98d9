// ContentHasher: SHA-256 over bytes fed in pieces, so an import can hash its input files
// while streaming them instead of holding them whole (the suite's content_hash). Not
// thread-safe; one per import. Same digest as Sha256Hex over the concatenated bytes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace kinship {

class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;

  void Update(std::string_view bytes);
  // Lower-case hex digest of everything fed so far. Call once; the hasher is spent after.
  std::string FinishHex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kinship
