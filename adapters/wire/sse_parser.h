// SseParser: an incremental parser for Server-Sent Events (the text/event-stream format
// streaming chat APIs answer with). Bytes may arrive in arbitrary pieces -- an event, a
// line, even a CRLF pair may be split across Feed() calls -- so the parser keeps the
// unfinished line and event between calls. It knows nothing about JSON: an event is its
// `event:` name and its `data:` lines joined with '\n'; comment lines (": ping") and
// unknown fields are dropped, as the format prescribes.
//
// Ownership: plain value; not thread-safe (one parser per stream). Never throws beyond
// std::bad_alloc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kinship {

struct SseEvent {
  std::string event;  // the `event:` field, empty when absent
  std::string data;   // `data:` lines joined with '\n'
};

class SseParser {
 public:
  // Consumes the next piece of the stream. Completed events become available from
  // TakeEvents().
  void Feed(std::string_view bytes);

  // End of stream: a final line without its terminator still counts, and an event that
  // was not closed by a blank line is dispatched (servers that close the connection right
  // after the last data line are common enough to tolerate).
  void Finish();

  // The events completed so far, in order; the parser forgets them.
  std::vector<SseEvent> TakeEvents();

 private:
  void ProcessLine(std::string_view line);
  void DispatchEvent();

  std::string line_;           // the current, unterminated line
  bool skip_lf_ = false;       // the previous piece ended in '\r': a leading '\n' belongs to it
  SseEvent pending_;           // the event being assembled
  bool pending_has_data_ = false;
  std::vector<SseEvent> ready_;
};

}  // namespace kinship
