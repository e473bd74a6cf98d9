// Declarative command-line flags for one subcommand. Parsing is done by
// Boost.Program_options inside flags.cpp only (a compile firewall: no command file
// includes Boost). Errors are ConfigErrors with a did-you-mean over the command's flags.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinship {

enum class FlagKind {
  kSwitch,  // --quiet
  kValue,   // --out DIR          (the last one wins)
  kList,    // --model A --model B, or --format html,markdown (commas split)
};

struct FlagSpec {
  std::string name;        // without dashes: "model"
  FlagKind kind = FlagKind::kValue;
  std::string value_name;  // shown in help: "NAME"
  std::string help;
};

class ParsedFlags {
 public:
  bool Has(std::string_view name) const;
  // The value of a kValue flag, or `fallback` when absent.
  std::string Value(std::string_view name, const std::string& fallback = "") const;
  // Every value of a kList flag (commas split), in order; empty when absent.
  std::vector<std::string> Values(std::string_view name) const;
  // Numeric values, range-checked. Throw ConfigError naming the flag and the range.
  std::optional<long long> Integer(std::string_view name, long long min, long long max) const;
  std::optional<double> Number(std::string_view name, double min, double max) const;

  std::vector<std::string> positionals;
  std::vector<std::string> argv;  // the whole command line, for the run manifest
  std::map<std::string, std::vector<std::string>, std::less<>> values;
};

// Parses `args` (argv after the subcommand). Throws ConfigError for unknown flags
// ("unknown flag '--modle' for 'kinship run'; did you mean '--model'?"), missing values
// and values given to switches.
ParsedFlags ParseFlags(const std::string& command, const std::vector<FlagSpec>& specs,
                       const std::vector<std::string>& args);

// The "Options:" block of a help text, one flag per line, aligned.
std::string FormatFlagHelp(const std::vector<FlagSpec>& specs);

}  // namespace kinship
