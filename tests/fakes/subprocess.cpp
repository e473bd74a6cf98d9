#include "tests/fakes/subprocess.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace kinship::testing {

namespace {

std::string TempFile(const char* stem) {
  std::string pattern = std::string("/tmp/kinship-") + stem + "-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  return pattern;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::string& cwd,
                           const std::vector<std::string>& env,
                           const std::optional<std::string>& terminal_input)
    : out_path_(TempFile("out")), err_path_(TempFile("err")) {
  std::string terminal_path;
  if (terminal_input) {
    terminal_ = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (terminal_ < 0 || ::grantpt(terminal_) != 0 || ::unlockpt(terminal_) != 0) {
      throw std::runtime_error("cannot open a pseudo-terminal");
    }
    terminal_path = ::ptsname(terminal_);
  }
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    std::string name = entry.substr(0, entry.find('='));
    bool replaced = false;
    for (const auto& extra : env) replaced |= extra.substr(0, extra.find('=')) == name;
    if (!replaced) environment.push_back(entry);
  }
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int out = ::open(out_path_.c_str(), O_WRONLY | O_TRUNC);
    int err = ::open(err_path_.c_str(), O_WRONLY | O_TRUNC);
    int in = terminal_path.empty() ? ::open("/dev/null", O_RDONLY)
                                   : ::open(terminal_path.c_str(), O_RDWR | O_NOCTTY);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
    if (terminal_ >= 0) ::close(terminal_);
    ::execve(args[0], args.data(), envp.data());
    ::_exit(127);
  }
  if (terminal_input) {
    // Line-buffered by the terminal until the child reads it; the echo it sends back to
    // this side is a few bytes and is never read.
    const std::string& typed = *terminal_input;
    std::size_t written = 0;
    while (written < typed.size()) {
      const ssize_t n = ::write(terminal_, typed.data() + written, typed.size() - written);
      if (n <= 0) throw std::runtime_error("cannot type on the pseudo-terminal");
      written += static_cast<std::size_t>(n);
    }
  }
}

ChildProcess::~ChildProcess() {
  if (!waited_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  ::unlink(out_path_.c_str());
  ::unlink(err_path_.c_str());
  if (terminal_ >= 0) ::close(terminal_);
}

void ChildProcess::Signal(int signal) { ::kill(pid_, signal); }

ProcessResult ChildProcess::Wait(int timeout_s) {
  ProcessResult result;
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  for (;;) {
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  waited_ = true;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = Slurp(out_path_);
  result.err = Slurp(err_path_);
  return result;
}

std::string ChildProcess::OutputSoFar() const { return Slurp(out_path_); }

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& cwd,
                         const std::vector<std::string>& env, int timeout_s) {
  ChildProcess child(argv, cwd, env);
  return child.Wait(timeout_s);
}

ProcessResult RunProcessAtTerminal(const std::vector<std::string>& argv, const std::string& typed,
                                   int timeout_s) {
  ChildProcess child(argv, "", {}, typed);
  return child.Wait(timeout_s);
}

std::vector<std::string> Kinship(std::initializer_list<std::string> args) {
  std::vector<std::string> argv = {KINSHIP_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace kinship::testing
