// A scripted Adapter for runner and resume tests: answers "<model>:<last user turn>#<sample>"
// or fails for the items a predicate picks; counts calls and the peak concurrency it saw.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

#include "harness/core/adapter.h"

namespace kinship::testing {

class FakeAdapter : public Adapter {
 public:
  explicit FakeAdapter(std::string name) : name_(std::move(name)) {}

  std::function<bool(const ModelRequest&)> fail_when;   // returns true: record an error
  std::function<bool(const ModelRequest&)> throw_when;  // returns true: throw (misbehaving)
  std::chrono::milliseconds delay{0};

  Completion Generate(const ModelRequest& request) override {
    int now = ++in_flight_;
    int peak = peak_.load();
    while (now > peak && !peak_.compare_exchange_weak(peak, now)) {}
    ++calls_;
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
    Completion c;
    if (throw_when && throw_when(request)) {
      --in_flight_;
      throw std::runtime_error("scripted exception");
    }
    if (fail_when && fail_when(request)) {
      c.ok = false;
      c.error = "scripted failure";
      c.error_kind = "scripted";
    } else {
      c.ok = true;
      c.output = name_ + ":" + request.messages.back().content + "#" +
                 std::to_string(request.sample_index);
      c.finish_reason = "stop";
      c.input_tokens = 3;
      c.output_tokens = 5;
    }
    --in_flight_;
    return c;
  }

  int calls() const { return calls_.load(); }
  int peak_concurrency() const { return peak_.load(); }

 private:
  std::string name_;
  std::atomic<int> calls_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> peak_{0};
};

}  // namespace kinship::testing
