#include "harness/net/http_client.h"

#include <future>

#include "harness/net/transport_module.h"

namespace kinship {

HttpClient::HttpClient(HttpClientOptions options) {
  ChosenTransport chosen = OpenTransport(options);
  impl_ = std::move(chosen.transport);
  transport_ = std::move(chosen.name);
}

HttpClient::~HttpClient() = default;

void HttpClient::Send(HttpRequest request, std::chrono::milliseconds timeout, std::function<void(HttpOutcome)> done) {
  impl_->Send(std::move(request), timeout, std::move(done));
}

HttpOutcome HttpClient::SendSync(HttpRequest request, std::chrono::milliseconds timeout) {
  auto promise = std::make_shared<std::promise<HttpOutcome>>();
  std::future<HttpOutcome> future = promise->get_future();
  Send(std::move(request), timeout, [promise](HttpOutcome outcome) { promise->set_value(std::move(outcome)); });
  return future.get();
}

void HttpClient::RunAfter(std::chrono::milliseconds delay, std::function<void()> fn) {
  impl_->RunAfter(delay, std::move(fn));
}

void HttpClient::Post(std::function<void()> fn) { impl_->Post(std::move(fn)); }

HttpClient::Stats HttpClient::stats() const { return impl_->stats(); }

}  // namespace kinship
