// Voice corpora: the embedded texts the simulated models learn from. A corpus is a
// sequence of documents, each opened by a marker line "=== keyword, keyword, ..."
// naming its topic; text before the first marker is ignored (a file may start with a
// comment). Pure functions; thread-safe; never throw.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/core/embedded_file.h"

namespace kinship {

// The voice corpora (adapters/sim/corpora/*.txt) compiled into the binary, in the order
// adapters/CMakeLists.txt lists them.
std::span<const EmbeddedFile> EmbeddedCorpora();

struct SimCorpusDocument {
  std::vector<std::string> keywords;  // content words of the marker line
  std::string text;
};

std::vector<SimCorpusDocument> ParseSimCorpus(std::string_view text);

// The embedded corpus of `voice`, or "" when there is none.
std::string_view SimCorpusText(std::string_view voice);

// The voices available, in a stable order.
std::vector<std::string> SimCorpusVoices();

}  // namespace kinship
