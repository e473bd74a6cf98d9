#include "harness/run/runner.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "harness/core/clock.h"

namespace kinship {

namespace {

ResponseRecord MakeRecord(const WorkItem& item, const Prompt& prompt, const ModelConfig& model,
                          const Completion& completion, std::string started_at, double latency_ms) {
  ResponseRecord r;
  r.model = model.name;
  r.suite = prompt.suite;
  r.prompt_id = prompt.id;
  r.sample = item.sample;
  r.status = completion.ok ? "ok" : "error";
  r.output = completion.ok ? completion.output : "";
  r.reasoning = completion.reasoning;
  r.error = completion.ok ? "" : (completion.error.empty() ? "unknown error" : completion.error);
  r.error_kind = completion.ok ? "" : completion.error_kind;
  r.finish_reason = completion.finish_reason;
  r.input_tokens = completion.input_tokens;
  r.output_tokens = completion.output_tokens;
  r.reasoning_tokens = completion.reasoning_tokens;
  r.latency_ms = latency_ms;
  r.seed = item.seed;
  r.temperature = item.sampling.temperature.value_or(kDefaultTemperature);
  r.served_model = completion.served_model;
  r.system_fingerprint = completion.system_fingerprint;
  r.logprobs = completion.logprobs;
  r.started_at = std::move(started_at);
  r.finished_at = UtcNowIso8601();
  return r;
}

// Shared scheduling state: which items wait, how many run per model.
class Scheduler {
 public:
  Scheduler(const std::vector<WorkItem>& items, const std::vector<ModelConfig>& models,
            const std::atomic<bool>* stop)
      : items_(items), stop_(stop), in_flight_(models.size(), 0) {
    for (const auto& m : models) limits_.push_back(m.concurrency > 0 ? m.concurrency : 1 << 30);
    for (std::size_t i = 0; i < items.size(); ++i) pending_.push_back(i);
  }

  // The next item to run, or -1 when there is nothing left to start.
  long Take() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (aborted_ || Stopping() || pending_.empty()) return -1;
      for (auto it = pending_.begin(); it != pending_.end(); ++it) {
        int model = items_[*it].model;
        if (in_flight_[model] < limits_[model]) {
          long index = static_cast<long>(*it);
          pending_.erase(it);
          ++in_flight_[model];
          return index;
        }
      }
      // Every waiting item's model is at its limit: wait for a slot (or a stop).
      changed_.wait_for(lock, std::chrono::milliseconds(100));
    }
  }

  void Done(long index) {
    std::lock_guard<std::mutex> lock(mutex_);
    --in_flight_[items_[index].model];
    changed_.notify_all();
  }

  void Abort(std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!aborted_) error_ = error;
    aborted_ = true;
    changed_.notify_all();
  }

  std::exception_ptr error() const { return error_; }
  std::size_t pending() const { return pending_.size(); }
  bool Stopping() const { return stop_ && stop_->load(); }

 private:
  const std::vector<WorkItem>& items_;
  const std::atomic<bool>* stop_;
  std::vector<int> in_flight_;
  std::vector<int> limits_;
  std::deque<std::size_t> pending_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool aborted_ = false;
  std::exception_ptr error_;
};

}  // namespace

RunnerOutcome ExecutePlan(const std::vector<WorkItem>& items, const std::vector<Prompt>& prompts,
                          const std::vector<ModelConfig>& models,
                          const std::vector<Adapter*>& adapters, RunWriter& writer,
                          const RunnerOptions& options) {
  Scheduler scheduler(items, models, options.stop);
  std::atomic<int> ok{0};
  std::atomic<int> errors{0};

  auto work = [&] {
    for (long index; (index = scheduler.Take()) >= 0;) {
      const WorkItem& item = items[index];
      const Prompt& prompt = prompts[item.prompt];
      const ModelConfig& model = models[item.model];
      ModelRequest request;
      request.model_name = model.name;
      request.suite = prompt.suite;
      request.prompt_id = prompt.id;
      request.messages = prompt.messages;
      request.sampling = item.sampling;
      request.sample_index = item.sample;
      request.seed = item.seed;
      std::string started_at = UtcNowIso8601();
      std::int64_t start = MonotonicMillis();
      Completion completion;
      try {
        completion = adapters[item.model]->Generate(request);
      } catch (const std::exception& e) {  // adapters must not throw; record it if one does
        completion = Completion{};
        completion.error = std::string("adapter threw: ") + e.what();
        completion.error_kind = "adapter_exception";
      }
      auto record = MakeRecord(item, prompt, model, completion, std::move(started_at),
                               static_cast<double>(MonotonicMillis() - start));
      try {
        writer.Append(record);
      } catch (...) {
        scheduler.Abort(std::current_exception());
        scheduler.Done(index);
        return;
      }
      (record.ok() ? ok : errors).fetch_add(1);
      if (options.on_record) options.on_record(record);
      scheduler.Done(index);
    }
  };

  int threads = std::max(1, std::min<int>(options.concurrency, static_cast<int>(items.size())));
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) workers.emplace_back(work);
  for (auto& worker : workers) worker.join();
  if (scheduler.error()) std::rethrow_exception(scheduler.error());

  RunnerOutcome outcome;
  outcome.ok = ok.load();
  outcome.errors = errors.load();
  outcome.not_started = static_cast<int>(scheduler.pending());
  outcome.interrupted = scheduler.Stopping() && outcome.not_started > 0;
  return outcome;
}

}  // namespace kinship
