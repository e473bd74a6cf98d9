// CodecAdapter: the HttpAdapter every wire backend is, owning its codec. Kept separate
// from the codecs so they stay pure functions that tests can drive without an adapter.
//
// Immutable after construction; thread-safe (the codec's methods are const and pure).
#pragma once

#include <memory>
#include <utility>

#include "harness/core/http_codec.h"

namespace kinship {

class CodecAdapter : public HttpAdapter {
 public:
  explicit CodecAdapter(std::unique_ptr<HttpCodec> codec) : codec_(std::move(codec)) {}
  const HttpCodec& codec() const override { return *codec_; }

 private:
  std::unique_ptr<HttpCodec> codec_;
};

}  // namespace kinship
