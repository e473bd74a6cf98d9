#include "harness/importer/import_source.h"

#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"

namespace kinship {

const std::vector<std::string>& ImportFormatNames() {
  static const std::vector<std::string> kNames = {"jsonl", "alpaca-eval", "fastchat"};
  return kNames;
}

ImportFormat ParseImportFormat(std::string_view name) {
  if (name == "jsonl") return ImportFormat::kJsonl;
  if (name == "alpaca-eval") return ImportFormat::kAlpacaEval;
  if (name == "fastchat") return ImportFormat::kFastChat;
  throw ConfigError(SourceLocation{}, "format",
                    "unknown import format '" + std::string(name) + "'" +
                        DidYouMean(name, ImportFormatNames()) +
                        " (formats: jsonl, alpaca-eval, fastchat)");
}

}  // namespace kinship
