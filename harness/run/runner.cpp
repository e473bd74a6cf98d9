#include "harness/run/runner.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <random>
#include <span>
#include <thread>

#include <fmt/format.h>

#include "harness/core/clock.h"
#include "harness/core/http_codec.h"
#include "harness/net/http_client.h"
#include "harness/run/adaptive_limit.h"
#include "harness/run/rate_limiter.h"
#include "harness/run/retry_policy.h"

namespace kinship {

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds Seconds(double value, double fallback) {
  return std::chrono::milliseconds(static_cast<long long>((value > 0 ? value : fallback) * 1000));
}

// A rough token count for rate limiting before the answer reports usage: about four bytes
// per token of input, plus the whole output allowance.
double EstimateTokens(const Prompt& prompt, const SamplingParams& sampling) {
  std::size_t bytes = 0;
  for (const auto& message : prompt.messages) bytes += message.content.size();
  return static_cast<double>(bytes) / 4.0 + sampling.max_tokens.value_or(kDefaultMaxTokens);
}

Completion TransportFailure(const HttpOutcome& outcome) {
  Completion c;
  c.error = outcome.error.empty() ? "transport failure" : outcome.error;
  c.error_kind = outcome.error_kind.empty() ? "transport" : outcome.error_kind;
  return c;
}

// A fixed-size pool of threads for direct (non-HTTP) adapter calls.
class WorkerPool {
 public:
  explicit WorkerPool(int threads) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closing_ = true;
    }
    ready_.notify_all();
    for (auto& thread : threads_) thread.join();
  }
  void Post(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
  }

 private:
  void Loop() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return closing_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  bool closing_ = false;
};

// One item on its way: the request, its attempts so far and its clock. Flights belong to
// the engine and are reused (see Engine::MakeFlight), so MakeFlight sets every field.
struct Flight {
  long item = 0;
  int attempt = 1;
  ModelRequest request;
  Clock::time_point started;
  Clock::time_point deadline;
  std::chrono::system_clock::time_point started_wall;  // the record's started_at
  int rate_limited = 0;
  double estimated_tokens = 0;
};

class Engine {
 public:
  Engine(const std::vector<WorkItem>& items, const std::vector<Prompt>& prompts,
         const std::vector<ModelConfig>& models, const std::vector<Adapter*>& adapters,
         RunWriter& writer, const RunnerOptions& options)
      : items_(items), prompts_(prompts), models_(models), writer_(writer), options_(options),
        random_(0x6b696e73686970ULL) {
    auto now = Clock::now();
    int global = std::max(1, options.concurrency);
    for (std::size_t m = 0; m < models.size(); ++m) {
      const ModelConfig& model = models[m];
      ModelState state{AdaptiveLimit(model.concurrency > 0 ? std::min(model.concurrency, global) : global),
                       RateLimiter(model.rpm, model.tpm, now)};
      state.direct = adapters[m];
      state.http = dynamic_cast<HttpAdapter*>(adapters[m]);
      state.retry.max_attempts = model.max_attempts > 0 ? model.max_attempts : kDefaultMaxAttempts;
      state.retry.base_delay = options.retry_base_delay;
      state.attempt_timeout = Seconds(model.timeout_s, kDefaultTimeoutSeconds);
      state.item_deadline = Seconds(model.deadline_s, kDefaultDeadlineSeconds);
      states_.push_back(std::move(state));
      if (states_.back().http && !options.http) {
        throw std::logic_error("ExecutePlan: an HTTP adapter needs RunnerOptions::http");
      }
    }
    for (std::size_t i = 0; i < items.size(); ++i) states_[items[i].model].pending.push_back(i);
    // Threads only for direct adapters: an all-HTTP panel runs on the client's I/O thread,
    // and starting up to 64 idle threads was a visible share of a short run's start-up.
    const bool any_direct = std::any_of(states_.begin(), states_.end(),
                                        [](const ModelState& state) { return state.http == nullptr; });
    if (any_direct) pool_ = std::make_unique<WorkerPool>(std::clamp(options.concurrency, 1, 64));
  }

  RunnerOutcome Run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      bool stopping = Stopping();
      auto wait = std::chrono::milliseconds(50);
      if (!stopping && !aborted_) {
        auto until = DispatchRound(lock);
        if (until.count() > 0) wait = std::min(wait, until);
      }
      // A Flush still running touches the engine until it sees an empty batch.
      if (RunMayEnd() && !flushing_) break;
      changed_.wait_for(lock, std::max(wait, std::chrono::milliseconds(1)));
    }
    lock.unlock();
    pool_.reset();  // joins the workers
    if (error_) std::rethrow_exception(error_);
    outcome_.not_started = static_cast<int>(Remaining());
    outcome_.interrupted = options_.stop && options_.stop->load() && outcome_.not_started > 0;
    outcome_.deadline_reached = !outcome_.interrupted && DeadlinePassed() && outcome_.not_started > 0;
    return outcome_;
  }

 private:
  struct ModelState {
    AdaptiveLimit limit;
    RateLimiter rate;
    Adapter* direct = nullptr;
    HttpAdapter* http = nullptr;
    RetryPolicy retry;
    std::chrono::milliseconds attempt_timeout{0};
    std::chrono::milliseconds item_deadline{0};
    std::deque<std::size_t> pending;
    int in_flight = 0;
  };

  bool DeadlinePassed() const {
    return options_.run_deadline && Clock::now() >= *options_.run_deadline;
  }
  bool Stopping() const { return (options_.stop && options_.stop->load()) || DeadlinePassed(); }

  // Run's exit condition, short of the end of a flush under way. Called with the lock.
  bool RunMayEnd() const {
    return active_ == 0 && (Remaining() == 0 || Stopping() || aborted_);
  }

  std::size_t Remaining() const {
    std::size_t n = 0;
    for (const auto& state : states_) n += state.pending.size();
    return n;
  }

  // One round-robin pass over the models (so no model starves another), starting each one's
  // items as its limits allow. Returns the shortest wait a rate bucket asked for (zero when
  // none did). Called with the lock, from the dispatcher thread or a completing thread.
  std::chrono::milliseconds DispatchRound(std::unique_lock<std::mutex>& lock) {
    std::chrono::milliseconds wait{0};
    const std::size_t first = next_model_;
    next_model_ = (next_model_ + 1) % std::max<std::size_t>(1, states_.size());
    for (std::size_t k = 0; k < states_.size(); ++k) {
      auto until = DispatchFrom((first + k) % states_.size(), lock);
      if (until.count() > 0 && (wait.count() == 0 || until < wait)) wait = until;
    }
    return wait;
  }

  // Starts as many of model m's items as its limits allow. Returns how long until its rate
  // buckets allow the next one (zero when it is not rate-limited). Called with the lock.
  std::chrono::milliseconds DispatchFrom(std::size_t m, std::unique_lock<std::mutex>& lock) {
    ModelState& state = states_[m];
    // Stopping() is checked on every turn: the lock is released while an item launches, and
    // a stop request (or a fast item that sets one) may arrive in between.
    while (!state.pending.empty() && active_ < options_.concurrency &&
           state.in_flight < state.limit.current() && !Stopping() && !aborted_) {
      const WorkItem& next = items_[state.pending.front()];
      double estimate = EstimateTokens(prompts_[next.prompt], *next.sampling);
      auto now = Clock::now();
      auto wait = state.rate.WaitFor(estimate, now);
      if (wait > Clock::duration::zero()) {
        return std::max(std::chrono::milliseconds(1),
                        std::chrono::duration_cast<std::chrono::milliseconds>(wait));
      }
      state.rate.Acquire(estimate, now);
      Flight* flight = MakeFlight(state.pending.front());
      flight->estimated_tokens = estimate;
      state.pending.pop_front();
      ++state.in_flight;
      ++active_;
      lock.unlock();
      Launch(flight);
      lock.lock();
    }
    return std::chrono::milliseconds(0);
  }

  // Called with the lock. A flight that finished is reused when there is one: its
  // request's strings and message list keep their capacity, so copying the prompt into it
  // allocates nothing (a new flight cost four allocations: itself, the message list and
  // the message texts). Every field is set here. Flights live as long as the engine, so
  // the callbacks that carry one hold a plain pointer: two pointers fit in a
  // std::function without a heap block, and no reference count is touched.
  Flight* MakeFlight(std::size_t index) {
    const WorkItem& item = items_[index];
    const Prompt& prompt = prompts_[item.prompt];
    Flight* flight = nullptr;
    if (spare_flights_.empty()) {
      flight = flights_.emplace_back(std::make_unique<Flight>()).get();
    } else {
      flight = spare_flights_.back();
      spare_flights_.pop_back();
    }
    flight->item = static_cast<long>(index);
    flight->attempt = 1;
    flight->request.model_name = models_[item.model].name;
    flight->request.suite = prompt.suite;
    flight->request.prompt_id = prompt.id;
    flight->request.messages = prompt.messages;
    flight->request.sampling = *item.sampling;
    flight->request.sample_index = item.sample;
    flight->request.seed = item.seed;
    flight->started = {};
    flight->deadline = {};
    flight->started_wall = {};
    flight->rate_limited = 0;
    flight->estimated_tokens = 0;
    return flight;
  }

  void Launch(Flight* flight) {
    const WorkItem& item = items_[flight->item];
    ModelState& state = states_[item.model];
    if (flight->attempt == 1) {
      flight->started = Clock::now();
      flight->deadline = flight->started + state.item_deadline;
      flight->started_wall = std::chrono::system_clock::now();
      if (options_.cache_lookup) {
        if (auto cached = options_.cache_lookup(models_[item.model], flight->request)) {
          Finish(flight, std::move(*cached), /*cached=*/true);
          return;
        }
      }
    }
    if (state.http) {
      auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(flight->deadline - Clock::now());
      auto timeout = std::max(std::chrono::milliseconds(1), std::min(state.attempt_timeout, remaining));
      HttpRequest request = state.http->codec().BuildRequest(flight->request);
      options_.http->Send(std::move(request), timeout, [this, flight](HttpOutcome outcome) {
        const HttpCodec& codec = states_[items_[flight->item].model].http->codec();
        OnAttempt(flight, outcome.ok ? codec.ParseResponse(outcome.response) : TransportFailure(outcome));
      });
    } else {
      pool_->Post([this, flight] {
        Completion completion;
        try {
          completion = states_[items_[flight->item].model].direct->Generate(flight->request);
        } catch (const std::exception& e) {  // adapters must not throw; record it if one does
          completion = Completion{};
          completion.error = std::string("adapter threw: ") + e.what();
          completion.error_kind = "adapter_exception";
        }
        OnAttempt(flight, std::move(completion));
      });
    }
  }

  void OnAttempt(Flight* flight, Completion completion) {
    const WorkItem& item = items_[flight->item];
    ModelState& state = states_[item.model];
    std::chrono::milliseconds delay{0};
    bool retry = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      bool limited = IsRateLimited(completion);
      if (limited) {
        ++flight->rate_limited;
        ++outcome_.rate_limited;
        state.limit.OnRateLimited(Clock::now());
      } else if (completion.ok) {
        state.limit.OnSuccess();
      }
      if (IsRetryable(completion) && flight->attempt < state.retry.max_attempts && !Stopping() &&
          !aborted_) {
        delay = BackoffDelay(state.retry, flight->attempt, completion.retry_after_ms,
                             std::uniform_real_distribution<double>(0, 1)(random_));
        if (Clock::now() + delay < flight->deadline) {
          retry = true;
          ++outcome_.retries;
        }
      }
    }
    Log(*flight, completion, retry, delay);
    if (!retry) {
      Finish(flight, std::move(completion), /*cached=*/false);
      return;
    }
    if (options_.on_retry) options_.on_retry(IsRateLimited(completion));
    ++flight->attempt;
    if (state.http) {
      options_.http->RunAfter(delay, [this, flight] { Launch(flight); });
    } else {
      pool_->Post([this, flight, delay] {
        std::this_thread::sleep_for(delay);
        Launch(flight);
      });
    }
  }

  void Log(const Flight& flight, const Completion& completion, bool retry,
           std::chrono::milliseconds delay) {
    if (!options_.log) return;
    const WorkItem& item = items_[flight.item];
    std::string line = fmt::format("{} {}/{}#{} attempt {}: ", models_[item.model].name,
                                   prompts_[item.prompt].suite, prompts_[item.prompt].id,
                                   item.sample, flight.attempt);
    if (completion.ok) {
      line += fmt::format("ok, {} output tokens", completion.output_tokens);
    } else {
      line += fmt::format("{} ({})", completion.error_kind, completion.error);
      if (retry) line += fmt::format("; retrying in {} ms", delay.count());
    }
    options_.log(line);
  }

  void Finish(Flight* flight, Completion completion, bool cached) {
    const WorkItem& item = items_[flight->item];
    const Prompt& prompt = prompts_[item.prompt];
    const ModelConfig& model = models_[item.model];
    if (completion.ok && !cached && options_.cache_store) {
      options_.cache_store(model, flight->request, completion);
    }
    const double latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - flight->started).count();
    const auto finished_wall = std::chrono::system_clock::now();
    bool schedule = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      // The record is written in place into a slot of the batch whose strings kept their
      // capacity from an earlier round: building a fresh record, moving it into the batch
      // and freeing it after the write cost two timestamp allocations and ~1,000
      // instructions per request. So every field is assigned here, none left from before.
      if (batch_size_ == batch_.size()) batch_.emplace_back();
      Unwritten& u = batch_[batch_size_++];
      ResponseRecord& r = u.record;
      r.model = model.name;
      r.suite = prompt.suite;
      r.prompt_id = prompt.id;
      r.sample = item.sample;
      r.status = completion.ok ? "ok" : "error";
      if (completion.ok) {
        r.output = std::move(completion.output);
        r.error.clear();
        r.error_kind.clear();
      } else {
        r.output.clear();
        r.error = completion.error.empty() ? "unknown error" : completion.error;
        r.error_kind = completion.error_kind;
      }
      r.reasoning = std::move(completion.reasoning);
      r.finish_reason = completion.finish_reason;
      r.input_tokens = completion.input_tokens;
      r.output_tokens = completion.output_tokens;
      r.reasoning_tokens = completion.reasoning_tokens;
      r.latency_ms = latency_ms;
      r.attempts = flight->attempt;
      r.rate_limited = flight->rate_limited;
      r.cached = cached;
      r.seed = item.seed;
      r.temperature = item.sampling->temperature.value_or(kDefaultTemperature);
      r.served_model = completion.served_model;
      r.system_fingerprint = completion.system_fingerprint;
      r.logprobs = std::move(completion.logprobs);
      FormatUtcIso8601(flight->started_wall, &r.started_at);
      FormatUtcIso8601(finished_wall, &r.finished_at);
      AppendRecordJson(r, &batch_text_);
      batch_text_.push_back('\n');
      u.model = item.model;
      u.estimated_tokens = flight->estimated_tokens;
      u.line_end = batch_text_.size();
      spare_flights_.push_back(flight);  // done with it: MakeFlight may reuse it
      schedule = !flushing_;
      flushing_ = true;
    }
    if (!schedule) return;  // the flush under way takes this record too
    if (options_.http) {
      // After the other answers of this poll: they join the same write.
      options_.http->Post([this] { Flush(); });
    } else {
      Flush();
    }
  }

  // Group commit: writes every record finished so far with one write(2), and only then
  // counts those items as done (on_record, counters, their slots), so nothing is reported
  // finished before it is on disk. Runs until no record is waiting; records finished
  // meanwhile join the next round instead of scheduling another flush.
  void Flush() {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (batch_size_ == 0) {
          flushing_ = false;
          // Only Run's exit waits for the end of a flush; waking the dispatcher after every
          // group write cost a futex wake and a scheduler round trip per write. Under the
          // lock: Run may return (and the engine go) after it.
          if (RunMayEnd()) changed_.notify_all();
          return;
        }
        writing_text_.swap(batch_text_);  // both keep their capacity: no allocation per round
        writing_.swap(batch_);  // and their records, reused by later rounds (see Finish)
        writing_size_ = batch_size_;
        batch_size_ = 0;
      }
      std::size_t written = 0;
      std::exception_ptr failure;
      try {
        writer_.AppendLines(writing_text_, &written);
      } catch (...) {
        failure = std::current_exception();
      }
      const auto round = std::span<const Unwritten>(writing_).first(writing_size_);
      if (options_.on_record) {
        for (const Unwritten& u : round) {
          if (u.line_end <= written) options_.on_record(u.record);
        }
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (failure) {
          if (!error_) error_ = failure;
          aborted_ = true;
        }
        for (const Unwritten& u : round) {
          ModelState& state = states_[u.model];
          double actual = u.record.input_tokens >= 0 && u.record.output_tokens >= 0
                              ? static_cast<double>(u.record.input_tokens + u.record.output_tokens)
                              : -1;
          state.rate.Settle(u.estimated_tokens, actual);
          --state.in_flight;
          --active_;
          if (u.line_end <= written) (u.record.ok() ? outcome_.ok : outcome_.errors) += 1;
        }
      }
      writing_text_.clear();
      writing_size_ = 0;
      RefillOrWake();
    }
  }

  // A slot was freed: start the next item right here, on the completing thread (usually the
  // HTTP client's I/O thread, where Send then queues without waking anyone). Handing every
  // slot to the dispatcher thread instead cost two thread wake-ups per request (engine ->
  // dispatcher -> I/O thread), each a scheduler round trip that dominated the loopback rate
  // on a busy machine. The dispatcher is woken only for what it alone handles: the end of
  // the run, a stop or abort, and rate-bucket waits (it sleeps on a timer for those).
  // A launch that finishes inline (a cache hit) must not recurse into another round, so a
  // nested call just wakes the dispatcher, which carries on.
  void RefillOrWake() {
    static thread_local bool refilling = false;
    bool wake = true;
    if (!refilling) {
      std::unique_lock<std::mutex> lock(mutex_);
      if (!Stopping() && !aborted_) {
        refilling = true;
        struct Reset {
          ~Reset() { refilling = false; }
        } reset;
        auto until = DispatchRound(lock);
        const bool finished = Remaining() == 0 && active_ == 0;
        wake = finished || until.count() > 0 || aborted_ || Stopping();
      }
    }
    if (wake) changed_.notify_all();
  }

  const std::vector<WorkItem>& items_;
  const std::vector<Prompt>& prompts_;
  const std::vector<ModelConfig>& models_;
  RunWriter& writer_;
  const RunnerOptions& options_;

  // A finished item whose record waits in batch_text_ for the next Flush.
  struct Unwritten {
    int model = 0;
    double estimated_tokens = 0;
    std::size_t line_end = 0;  // offset just past its line in the batch text
    ResponseRecord record;
  };

  std::mutex mutex_;
  std::condition_variable changed_;
  std::string batch_text_;         // records waiting for the next write (under mutex_)
  std::vector<Unwritten> batch_;   // the first batch_size_ wait; the rest are spare slots
  std::size_t batch_size_ = 0;
  bool flushing_ = false;          // a Flush is scheduled or running (under mutex_)
  std::string writing_text_;       // the round being written (owned by the running Flush)
  std::vector<Unwritten> writing_;  // its first writing_size_ slots; the rest are spare
  std::size_t writing_size_ = 0;
  std::vector<ModelState> states_;
  std::vector<std::unique_ptr<Flight>> flights_;  // every flight of the run (under mutex_)
  std::vector<Flight*> spare_flights_;            // the finished ones, for MakeFlight
  std::unique_ptr<WorkerPool> pool_;
  std::mt19937_64 random_;
  int active_ = 0;
  std::size_t next_model_ = 0;  // where the next round-robin pass starts
  bool aborted_ = false;
  std::exception_ptr error_;
  RunnerOutcome outcome_;
};

}  // namespace

RunnerOutcome ExecutePlan(const std::vector<WorkItem>& items, const std::vector<Prompt>& prompts,
                          const std::vector<ModelConfig>& models,
                          const std::vector<Adapter*>& adapters, RunWriter& writer,
                          const RunnerOptions& options) {
  if (items.empty()) return {};
  Engine engine(items, prompts, models, adapters, writer, options);
  return engine.Run();
}

}  // namespace kinship
