#include "adapters/command/command_adapter.h"

#include <chrono>
#include <utility>

#include <nlohmann/json.hpp>

#include "adapters/command/subprocess.h"
#include "adapters/wire/adapter_options.h"
#include "adapters/wire/wire_errors.h"
#include "adapters/wire/wire_json.h"

namespace kinship {
namespace {

constexpr std::size_t kMaxOutputBytes = 64u << 20;
constexpr int kStderrLines = 5;
constexpr std::size_t kStderrBytes = 400;

// The first lines of stderr, for error messages: what a failing program says first is
// usually why.
std::string StderrHead(const std::string& err) {
  std::string head;
  int lines = 0;
  std::size_t pos = 0;
  while (pos < err.size() && lines < kStderrLines) {
    std::size_t end = err.find('\n', pos);
    if (end == std::string::npos) end = err.size();
    if (end > pos) {
      if (!head.empty()) head += " | ";
      head.append(err, pos, end - pos);
      ++lines;
    }
    pos = end + 1;
  }
  if (head.empty()) return "";
  return "; stderr: " + QuoteBody(head.size() > kStderrBytes ? head.substr(0, kStderrBytes) : head);
}

class CommandAdapter : public Adapter {
 public:
  CommandAdapter(std::vector<std::string> argv, std::chrono::milliseconds timeout,
                 std::string model)
      : argv_(std::move(argv)), timeout_(timeout), model_(std::move(model)) {}

  Completion Generate(const ModelRequest& request) override {
    const std::string input = DumpJson(RequestJson(request));
    const SubprocessResult run = RunSubprocess(argv_, input, timeout_, kMaxOutputBytes);
    const std::string program = "command '" + argv_[0] + "'";
    if (!run.started) return ErrorCompletion("command_failed", program + ": " + run.start_error);
    if (run.timed_out) {
      return ErrorCompletion("timeout", program + " did not answer within " +
                                            std::to_string(timeout_.count()) +
                                            " ms and was killed" + StderrHead(run.stderr_data));
    }
    if (run.term_signal != 0) {
      return ErrorCompletion("command_failed", program + " was killed by signal " +
                                                   std::to_string(run.term_signal) +
                                                   StderrHead(run.stderr_data));
    }
    if (run.exit_code != 0) {
      return ErrorCompletion("command_failed", program + " exited with status " +
                                                   std::to_string(run.exit_code) +
                                                   StderrHead(run.stderr_data));
    }
    return ParseAnswer(run, program);
  }

 private:
  nlohmann::json RequestJson(const ModelRequest& request) const {
    nlohmann::json messages = nlohmann::json::array();
    for (const ChatMessage& m : request.messages) {
      messages.push_back({{"role", std::string(RoleName(m.role))}, {"content", m.content}});
    }
    const SamplingParams& s = request.sampling;
    nlohmann::json sampling = nlohmann::json::object();
    if (s.temperature) sampling["temperature"] = *s.temperature;
    if (s.top_p) sampling["top_p"] = *s.top_p;
    if (s.max_tokens) sampling["max_tokens"] = *s.max_tokens;
    if (s.seed) sampling["seed"] = *s.seed;
    if (s.stop) sampling["stop"] = *s.stop;
    return {{"model", model_},          {"name", request.model_name},
            {"messages", messages},     {"sampling", sampling},
            {"seed", request.seed},     {"sample", request.sample_index}};
  }

  static Completion ParseAnswer(const SubprocessResult& run, const std::string& program) {
    if (run.output_truncated) {
      return ErrorCompletion("bad_response", program + " wrote more than " +
                                                 std::to_string(kMaxOutputBytes) + " bytes");
    }
    const auto answer = ParseJsonObject(run.stdout_data);
    if (!answer) {
      Completion c = BadResponse(program + " did not print a JSON object", run.stdout_data);
      c.error += StderrHead(run.stderr_data);
      return c;
    }
    if (const auto error = answer->find("error"); error != answer->end() && !error->is_null()) {
      const std::string text = error->is_string() ? error->get<std::string>() : error->dump();
      return ErrorCompletion("command_error", program + " reported: " + QuoteBody(text));
    }
    const auto output = answer->find("output");
    if (output == answer->end() || !output->is_string()) {
      return BadResponse(program + " printed JSON without a string \"output\"", run.stdout_data);
    }
    Completion c;
    c.ok = true;
    c.output = output->get<std::string>();
    c.reasoning = StringField(*answer, "reasoning");
    c.finish_reason = StringField(*answer, "finish_reason");
    c.input_tokens = CountField(*answer, "input_tokens");
    c.output_tokens = CountField(*answer, "output_tokens");
    c.served_model = StringField(*answer, "model");
    return c;
  }

  const std::vector<std::string> argv_;
  const std::chrono::milliseconds timeout_;
  const std::string model_;
};

}  // namespace

const std::vector<std::string>& CommandOptionKeys() {
  static const std::vector<std::string> keys = {"command", "timeout_s"};
  return keys;
}

std::unique_ptr<Adapter> CreateCommandAdapter(const ModelConfig& config) {
  auto argv = StringListOption(config, "command");
  if (!argv) {
    ThrowOptionError(config, "command",
                     "the command adapter needs `command`, the program and its arguments as a "
                     "list, e.g. [python3, my_model.py]");
  }
  if ((*argv)[0].empty()) ThrowOptionError(config, "command", "the program name is empty");
  // The models-file loader reads `timeout_s` as the common per-attempt timeout
  // (ModelConfig::timeout_s); an options entry of the same name (a config built in code)
  // wins over it.
  const double common = config.timeout_s > 0 ? config.timeout_s : kCommandDefaultTimeoutS;
  const double timeout_s =
      NumberOption(config, "timeout_s", 0.001, 7 * 24 * 3600.0).value_or(common);
  const auto timeout = std::chrono::milliseconds(static_cast<long long>(timeout_s * 1000));
  return std::make_unique<CommandAdapter>(std::move(*argv), timeout, config.model);
}

}  // namespace kinship
