// The registration table of provenance signals (architecture decision 9): the one place a
// signal is added; `kinship list signals` prints it. Signals are immutable statics: thread-
// safe, never destroyed, never owned by callers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/signals/signal.h"

namespace kinship {

// Every built-in signal, in listing order: word-ngram-1-3, word-ngram-idf, first-1, first-5,
// first-20, mannerisms, stylometric-loo, stylometric-separability, greedy-agreement,
// mmd-hamming, mmd-spectrum, identity, capa, cross-likelihood.
const std::vector<const Signal*>& BuiltinSignals();

// The signal called `name`, or nullptr.
const Signal* FindSignal(std::string_view name);

// The signal called `name`; throws ConfigError "field: unknown signal 'x'; did you mean
// 'y'?" when none matches.
const Signal& SignalByName(std::string_view name, std::string_view field = "signal");

}  // namespace kinship
