#include "harness/cli/flags.h"

#include <algorithm>
#include <cmath>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"

namespace kinship {

namespace po = boost::program_options;

namespace {

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) parts.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

std::vector<std::string> FlagNames(const std::vector<FlagSpec>& specs) {
  std::vector<std::string> names;
  for (const auto& spec : specs) names.push_back("--" + spec.name);
  return names;
}

}  // namespace

bool ParsedFlags::Has(std::string_view name) const { return values.find(name) != values.end(); }

std::string ParsedFlags::Value(std::string_view name, const std::string& fallback) const {
  auto it = values.find(name);
  return it == values.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> ParsedFlags::Values(std::string_view name) const {
  auto it = values.find(name);
  return it == values.end() ? std::vector<std::string>{} : it->second;
}

std::optional<long long> ParsedFlags::Integer(std::string_view name, long long min,
                                              long long max) const {
  if (!Has(name)) return std::nullopt;
  std::string text = Value(name);
  std::size_t used = 0;
  long long value = 0;
  bool parsed = true;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    parsed = false;
  }
  if (!parsed || used != text.size() || value < min || value > max) {
    throw ConfigError(fmt::format("--{}: expected a whole number from {} to {}, got '{}'", name,
                                  min, max, text));
  }
  return value;
}

std::optional<double> ParsedFlags::Number(std::string_view name, double min, double max) const {
  if (!Has(name)) return std::nullopt;
  std::string text = Value(name);
  std::size_t used = 0;
  double value = 0;
  bool parsed = true;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    parsed = false;
  }
  if (!parsed || used != text.size() || !std::isfinite(value) || value < min || value > max) {
    throw ConfigError(fmt::format("--{}: expected a number from {} to {}, got '{}'", name, min,
                                  max, text));
  }
  return value;
}

ParsedFlags ParseFlags(const std::string& command, const std::vector<FlagSpec>& specs,
                       const std::vector<std::string>& args) {
  po::options_description description;
  for (const auto& spec : specs) {
    switch (spec.kind) {
      case FlagKind::kSwitch:
        description.add_options()(spec.name.c_str(), po::bool_switch(), spec.help.c_str());
        break;
      case FlagKind::kValue:
      case FlagKind::kList:
        description.add_options()(spec.name.c_str(), po::value<std::vector<std::string>>(),
                                  spec.help.c_str());
        break;
    }
  }
  description.add_options()("kinship-positional", po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  positional.add("kinship-positional", -1);

  po::variables_map parsed;
  try {
    auto style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing &
                 ~po::command_line_style::allow_short;
    po::store(po::command_line_parser(args)
                  .options(description)
                  .positional(positional)
                  .style(style)
                  .run(),
              parsed);
  } catch (const po::unknown_option& e) {
    std::string flag = e.get_option_name();
    throw ConfigError(fmt::format("unknown flag '{}' for 'kinship {}'{} (see 'kinship {} --help')",
                                  flag, command, DidYouMean(flag, FlagNames(specs)), command));
  } catch (const po::error& e) {
    throw ConfigError(fmt::format("kinship {}: {}", command, e.what()));
  }

  ParsedFlags flags;
  for (const auto& spec : specs) {
    if (!parsed.count(spec.name)) continue;
    if (spec.kind == FlagKind::kSwitch) {
      if (parsed[spec.name].as<bool>()) flags.values[spec.name] = {"true"};
      continue;
    }
    auto raw = parsed[spec.name].as<std::vector<std::string>>();
    std::vector<std::string> values;
    for (const auto& value : raw) {
      if (spec.kind == FlagKind::kList) {
        auto parts = SplitCommas(value);
        values.insert(values.end(), parts.begin(), parts.end());
      } else {
        values.push_back(value);
      }
    }
    flags.values[spec.name] = values;
  }
  if (parsed.count("kinship-positional")) {
    flags.positionals = parsed["kinship-positional"].as<std::vector<std::string>>();
  }
  for (const auto& positional_arg : flags.positionals) {
    if (positional_arg.size() > 1 && positional_arg[0] == '-') {
      throw ConfigError(fmt::format("unknown flag '{}' for 'kinship {}'{}", positional_arg,
                                    command, DidYouMean(positional_arg, FlagNames(specs))));
    }
  }
  return flags;
}

std::string FormatFlagHelp(const std::vector<FlagSpec>& specs) {
  std::vector<std::string> lefts;
  std::size_t width = 0;
  for (const auto& spec : specs) {
    std::string left = "  --" + spec.name;
    if (spec.kind != FlagKind::kSwitch) left += " " + (spec.value_name.empty() ? "VALUE" : spec.value_name);
    width = std::max(width, left.size());
    lefts.push_back(left);
  }
  std::string out = "Options:\n";
  for (std::size_t i = 0; i < specs.size(); ++i) {
    out += fmt::format("{:<{}}  {}\n", lefts[i], width, specs[i].help);
  }
  out += fmt::format("{:<{}}  {}\n", "  --help", width, "show this help");
  return out;
}

}  // namespace kinship
