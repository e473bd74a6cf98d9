#include "harness/importer/line_reader.h"

#include <cerrno>
#include <cstring>

#include "harness/core/config_error.h"

namespace kinship {

namespace {
constexpr std::size_t kBlockSize = 4 << 20;
}  // namespace

LineReader::LineReader(const std::filesystem::path& path, Sha256Stream* hasher)
    : path_(path.string()), hasher_(hasher) {
  file_ = std::fopen(path_.c_str(), "rb");
  if (file_ == nullptr) {
    throw ConfigError(path_ + ": cannot read: " + std::strerror(errno));
  }
}

LineReader::~LineReader() {
  if (file_ != nullptr) std::fclose(file_);
}

bool LineReader::Refill() {
  if (eof_) return false;
  // Keep the unfinished line, then append a block behind it.
  buffer_.erase(0, begin_);
  begin_ = 0;
  std::size_t kept = buffer_.size();
  buffer_.resize(kept + kBlockSize);
  std::size_t n = std::fread(buffer_.data() + kept, 1, kBlockSize, file_);
  buffer_.resize(kept + n);
  if (n < kBlockSize) {
    if (std::ferror(file_)) throw ConfigError(path_ + ": cannot read: " + std::strerror(errno));
    eof_ = true;
  }
  if (hasher_ != nullptr) hasher_->Update(std::string_view(buffer_).substr(kept));
  return n > 0;
}

bool LineReader::Next(std::string_view* line) {
  while (true) {
    std::size_t end = buffer_.find('\n', begin_);
    if (end != std::string::npos) {
      std::string_view view(buffer_.data() + begin_, end - begin_);
      begin_ = end + 1;
      if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
      *line = view;
      ++line_number_;
      return true;
    }
    if (!Refill()) break;
  }
  if (begin_ >= buffer_.size()) return false;
  std::string_view view(buffer_.data() + begin_, buffer_.size() - begin_);
  begin_ = buffer_.size();
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  *line = view;
  ++line_number_;
  return true;
}

}  // namespace kinship
