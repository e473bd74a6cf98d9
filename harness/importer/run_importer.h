// ImportRun: turns answers recorded elsewhere (`kinship import`) into a normal run directory
// (results/README.md), so report and every analysis read them like a run of kinship's own.
//
// The run gets one suite per suite name seen (the --suite name unless rows carry one),
// version "1", content_hash = SHA-256 of the input files' bytes in order (then the
// questions file), path = the first file; models in first-seen order with adapter "replay"
// pointing back at the run (so the run is "complete" and `run --resume` has nothing to do);
// prompts.jsonl with one user turn per prompt; responses.jsonl with one ok record per
// (model, prompt, sample).
//
// Inputs stream row by row; responses.jsonl is written in large blocks to a temporary file
// renamed into place, and manifest.json is written last, so a failed import never leaves
// something that looks like a run. Throws ConfigError for bad input (file:line: field),
// an --out that already holds a run, or a duplicate answer (unless dedupe); nothing is
// left behind then. Not thread-safe (one import at a time per output folder).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/importer/import_source.h"

namespace kinship {

struct ImportRequest {
  std::vector<std::filesystem::path> files;
  ImportFormat format = ImportFormat::kJsonl;
  std::filesystem::path out;           // the run directory to create
  std::string suite = "imported";
  std::string model;                   // --model: names every row's model when not ""
  std::filesystem::path questions;     // fastchat: question.jsonl ("" when unknown)
  bool dedupe = false;                 // duplicates: keep the last instead of failing
  std::vector<std::string> argv;       // for the manifest
};

struct ImportSummary {
  std::filesystem::path dir;
  int models = 0;
  int prompts = 0;
  std::int64_t records = 0;
  std::int64_t replaced = 0;  // duplicates dropped by dedupe
};

ImportSummary ImportRun(const ImportRequest& request);

}  // namespace kinship
