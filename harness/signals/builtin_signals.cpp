#include "harness/signals/builtin_signals.h"

#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"
#include "harness/signals/agreement_signal.h"
#include "harness/signals/capa_signal.h"
#include "harness/signals/cross_likelihood_signal.h"
#include "harness/signals/identity_signal.h"
#include "harness/signals/lexical_signals.h"
#include "harness/signals/mannerisms_signal.h"
#include "harness/signals/mmd_signal.h"
#include "harness/signals/word_ngram_idf_signal.h"
#include "harness/signals/stylometry_signals.h"

namespace kinship {

const std::vector<const Signal*>& BuiltinSignals() {
  static const WordNgramSignal word_ngram;
  static const WordNgramIdfSignal word_ngram_idf;
  static const FirstTokensSignal first_1(1);
  static const FirstTokensSignal first_5(5);
  static const FirstTokensSignal first_20(20);
  static const MannerismsSignal mannerisms;
  static const StylometricLooSignal stylometric_loo;
  static const StylometricSeparabilitySignal stylometric_separability;
  static const AgreementSignal agreement;
  static const MmdSignal mmd_hamming(MmdKernel::kHamming);
  static const MmdSignal mmd_spectrum(MmdKernel::kSpectrum);
  static const IdentitySignal identity;
  static const CapaSignal capa;
  static const CrossLikelihoodSignal cross_likelihood;
  static const std::vector<const Signal*> table = {
      &word_ngram,   &word_ngram_idf, &first_1,     &first_5,         &first_20,
      &mannerisms,   &stylometric_loo, &stylometric_separability,
      &agreement,    &mmd_hamming, &mmd_spectrum,    &identity,
      &capa,         &cross_likelihood};
  return table;
}

const Signal* FindSignal(std::string_view name) {
  for (const Signal* signal : BuiltinSignals()) {
    if (signal->Name() == name) return signal;
  }
  return nullptr;
}

const Signal& SignalByName(std::string_view name, std::string_view field) {
  if (const Signal* signal = FindSignal(name)) return *signal;
  std::vector<std::string> names;
  for (const Signal* signal : BuiltinSignals()) names.emplace_back(signal->Name());
  std::string message = "unknown signal '" + std::string(name) + "'";
  const std::string suggestion = DidYouMean(name, names);
  if (!suggestion.empty()) {
    message += suggestion;
  } else {
    // No single close name ("word-ngram" starts two): list them, there are few.
    message += "; the signals are:";
    for (const auto& n : names) message += " " + n;
  }
  throw ConfigError(SourceLocation{}, std::string(field), message);
}

}  // namespace kinship
