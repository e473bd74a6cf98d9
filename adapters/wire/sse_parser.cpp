#include "adapters/wire/sse_parser.h"

#include <utility>

namespace kinship {

void SseParser::Feed(std::string_view bytes) {
  std::size_t i = 0;
  if (skip_lf_ && !bytes.empty()) {
    if (bytes[0] == '\n') i = 1;
    skip_lf_ = false;
  }
  std::size_t start = i;
  for (; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c != '\n' && c != '\r') continue;
    line_.append(bytes.substr(start, i - start));
    ProcessLine(line_);
    line_.clear();
    if (c == '\r') {
      if (i + 1 < bytes.size()) {
        if (bytes[i + 1] == '\n') ++i;
      } else {
        skip_lf_ = true;  // the '\n' of a CRLF may come in the next piece
      }
    }
    start = i + 1;
  }
  if (start < bytes.size()) line_.append(bytes.substr(start));
}

void SseParser::Finish() {
  if (!line_.empty()) {
    ProcessLine(line_);
    line_.clear();
  }
  DispatchEvent();
  skip_lf_ = false;
}

std::vector<SseEvent> SseParser::TakeEvents() {
  std::vector<SseEvent> out;
  out.swap(ready_);
  return out;
}

void SseParser::ProcessLine(std::string_view line) {
  if (line.empty()) {
    DispatchEvent();
    return;
  }
  if (line.front() == ':') return;  // comment, e.g. keep-alive ": ping"
  std::string_view field = line;
  std::string_view value;
  if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    field = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (pending_has_data_) pending_.data.push_back('\n');
    pending_.data.append(value);
    pending_has_data_ = true;
  } else if (field == "event") {
    pending_.event.assign(value);
  }
  // id, retry and unknown fields do not matter to a client that never reconnects.
}

void SseParser::DispatchEvent() {
  if (pending_has_data_) ready_.push_back(std::move(pending_));
  pending_ = SseEvent{};
  pending_has_data_ = false;
}

}  // namespace kinship
