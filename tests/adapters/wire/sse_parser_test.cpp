#include "adapters/wire/sse_parser.h"

#include <catch2/catch.hpp>

#include "tests/adapters/wire/wire_test_support.h"

namespace kinship {
namespace {

std::vector<SseEvent> ParseAll(std::string_view text) {
  SseParser parser;
  parser.Feed(text);
  parser.Finish();
  return parser.TakeEvents();
}

TEST_CASE("SSE parser splits events on blank lines and drops comments", "[sse]") {
  const auto events = ParseAll(": ping\n\ndata: one\n\nevent: delta\ndata: two\n\n");
  REQUIRE(events.size() == 2);
  CHECK(events[0].data == "one");
  CHECK(events[0].event.empty());
  CHECK(events[1].event == "delta");
  CHECK(events[1].data == "two");
}

TEST_CASE("SSE parser joins multi-line data with newlines and strips one leading space",
          "[sse]") {
  const auto events = ParseAll("data:first\ndata:  second\n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "first\n second");
}

TEST_CASE("SSE parser accepts CRLF and lone CR line endings", "[sse]") {
  const auto crlf = ParseAll("data: a\r\n\r\ndata: b\r\n\r\n");
  REQUIRE(crlf.size() == 2);
  CHECK(crlf[0].data == "a");
  CHECK(crlf[1].data == "b");
  const auto cr = ParseAll("data: a\r\rdata: b\r\r");
  REQUIRE(cr.size() == 2);
  CHECK(cr[1].data == "b");
}

TEST_CASE("SSE parser dispatches a last event that lacks its blank line at Finish", "[sse]") {
  SseParser parser;
  parser.Feed("data: [DONE]");
  CHECK(parser.TakeEvents().empty());
  parser.Finish();
  const auto events = parser.TakeEvents();
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "[DONE]");
}

TEST_CASE("SSE parser gives the same events for every split point of a real stream", "[sse]") {
  const std::string lf = testing::ReadFixture("openai/response_stream.sse");
  std::string crlf;
  for (char c : lf) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  for (const std::string* stream : std::vector<const std::string*>{&lf, &crlf}) {
    const auto whole = ParseAll(*stream);
    REQUIRE(whole.size() == 7);
    for (std::size_t cut = 0; cut <= stream->size(); ++cut) {
      SseParser parser;
      parser.Feed(std::string_view(*stream).substr(0, cut));
      auto events = parser.TakeEvents();
      parser.Feed(std::string_view(*stream).substr(cut));
      parser.Finish();
      for (auto& e : parser.TakeEvents()) events.push_back(std::move(e));
      REQUIRE(events.size() == whole.size());
      for (std::size_t i = 0; i < events.size(); ++i) {
        INFO("cut at " << cut);
        REQUIRE(events[i].data == whole[i].data);
      }
    }
  }
}

TEST_CASE("SSE parser survives a stream fed one byte at a time", "[sse]") {
  const std::string stream = testing::ReadFixture("openai/response_stream.sse");
  SseParser parser;
  for (char c : stream) parser.Feed(std::string_view(&c, 1));
  parser.Finish();
  const auto events = parser.TakeEvents();
  REQUIRE(events.size() == 7);
  CHECK(events.back().data == "[DONE]");
}

}  // namespace
}  // namespace kinship
