// Helpers for building RunData values in analysis tests without reading a run directory.
#pragma once

#include <string>

#include "harness/run/run_reader.h"

namespace kinship::testing {

inline ResponseRecord OkRecord(const std::string& model, const std::string& prompt_id,
                               int sample, const std::string& output,
                               const std::string& suite = "demo") {
  ResponseRecord record;
  record.model = model;
  record.suite = suite;
  record.prompt_id = prompt_id;
  record.sample = sample;
  record.status = "ok";
  record.output = output;
  return record;
}

inline ResponseRecord ErrorRecord(const std::string& model, const std::string& prompt_id,
                                  int sample, const std::string& suite = "demo") {
  ResponseRecord record;
  record.model = model;
  record.suite = suite;
  record.prompt_id = prompt_id;
  record.sample = sample;
  record.status = "error";
  record.error = "HTTP 500";
  record.error_kind = "server";
  return record;
}

inline Prompt MakePrompt(const std::string& id, const std::string& user_text,
                         const std::string& suite = "demo") {
  Prompt prompt;
  prompt.suite = suite;
  prompt.id = id;
  ChatMessage message;
  message.role = Role::kUser;
  message.content = user_text;
  prompt.messages.push_back(message);
  return prompt;
}

}  // namespace kinship::testing
