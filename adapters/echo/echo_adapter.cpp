#include "adapters/echo/echo_adapter.h"

#include <chrono>
#include <thread>

#include "harness/core/config_error.h"

namespace kinship {

namespace {

class EchoAdapter : public Adapter {
 public:
  EchoAdapter(std::string prefix, int latency_ms, std::string model)
      : prefix_(std::move(prefix)), latency_ms_(latency_ms), model_(std::move(model)) {}

  Completion Generate(const ModelRequest& request) override {
    if (latency_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(latency_ms_));
    Completion c;
    const ChatMessage* last_user = nullptr;
    for (const auto& message : request.messages) {
      if (message.role == Role::kUser) last_user = &message;
    }
    if (!last_user) {
      c.error = "no user turn to echo";
      c.error_kind = "bad_request";
      return c;
    }
    c.ok = true;
    c.output = prefix_ + last_user->content;
    c.finish_reason = "stop";
    c.input_tokens = static_cast<std::int64_t>(last_user->content.size());
    c.output_tokens = static_cast<std::int64_t>(c.output.size());
    c.served_model = model_;
    return c;
  }

 private:
  std::string prefix_;
  int latency_ms_;
  std::string model_;
};

}  // namespace

const std::vector<std::string>& EchoOptionKeys() {
  static const std::vector<std::string> keys = {"prefix", "latency_ms"};
  return keys;
}

std::unique_ptr<Adapter> CreateEchoAdapter(const ModelConfig& config) {
  std::string prefix;
  int latency_ms = 0;
  if (config.options.contains("prefix")) {
    if (!config.options["prefix"].is_string()) {
      throw ConfigError(config.OptionLocation("prefix"), "prefix", "expected a string");
    }
    prefix = config.options["prefix"].get<std::string>();
  }
  if (config.options.contains("latency_ms")) {
    const auto& value = config.options["latency_ms"];
    if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 600000) {
      throw ConfigError(config.OptionLocation("latency_ms"), "latency_ms",
                        "expected a number of milliseconds from 0 to 600000");
    }
    latency_ms = static_cast<int>(value.get<double>());
  }
  return std::make_unique<EchoAdapter>(prefix, latency_ms, config.model);
}

}  // namespace kinship
