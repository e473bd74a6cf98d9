#include "adapters/sim/sim_corpus.h"

#include "adapters/sim/sim_tokenizer.h"

namespace kinship {

namespace {

constexpr std::string_view kMarker = "===";

void Finish(SimCorpusDocument* document, std::vector<SimCorpusDocument>* out) {
  auto& text = document->text;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::size_t start = text.find_first_not_of("\n ");
  text.erase(0, start == std::string::npos ? text.size() : start);
  if (!text.empty()) out->push_back(std::move(*document));
  *document = {};
}

}  // namespace

std::vector<SimCorpusDocument> ParseSimCorpus(std::string_view text) {
  std::vector<SimCorpusDocument> documents;
  SimCorpusDocument current;
  bool inside = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.substr(0, kMarker.size()) == kMarker) {
      if (inside) Finish(&current, &documents);
      inside = true;
      for (const auto& token : TokenizeSim(line.substr(kMarker.size()))) {
        std::string word = SimContentWord(token);
        if (!word.empty()) current.keywords.push_back(std::move(word));
      }
      continue;
    }
    if (inside) {
      current.text.append(line);
      current.text.push_back('\n');
    }
  }
  if (inside) Finish(&current, &documents);
  return documents;
}

std::string_view SimCorpusText(std::string_view voice) {
  for (const auto& file : EmbeddedCorpora()) {
    if (file.name == voice) return file.data;
  }
  return {};
}

std::vector<std::string> SimCorpusVoices() {
  std::vector<std::string> names;
  for (const auto& file : EmbeddedCorpora()) names.emplace_back(file.name);
  return names;
}

}  // namespace kinship
