#include "adapters/command/subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace kinship {
namespace {

using Clock = std::chrono::steady_clock;

// PATH lookup done before fork(), because the child may only call async-signal-safe
// functions and execvp's search is not guaranteed to be one.
std::string ResolveExecutable(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    const auto colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    if (dir.empty()) dir = ".";
    const std::string candidate = dir + "/" + name;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return name;  // exec fails with ENOENT, reported through the status pipe
}

void CloseFd(int* fd) {
  if (*fd >= 0) ::close(*fd);
  *fd = -1;
}

// In the child, after fork: only async-signal-safe calls from here on.
[[noreturn]] void ExecChild(int in_fd, int out_fd, int err_fd, int status_fd, const char* path,
                            char* const* argv) {
  ::setpgid(0, 0);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  ::sigaction(SIGPIPE, &dfl, nullptr);
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  if (::dup2(in_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) {
    const int e = errno;
    [[maybe_unused]] auto n = ::write(status_fd, &e, sizeof e);
    ::_exit(127);
  }
  // Every other descriptor -- including ones another thread opened without O_CLOEXEC --
  // closes at exec. The status pipe is among them, which is how the parent learns that
  // exec succeeded.
#ifdef SYS_close_range
  if (::syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */) != 0)
#endif
  {
    const long max_fd = ::sysconf(_SC_OPEN_MAX);
    for (int fd = 3; fd < (max_fd > 0 && max_fd < 65536 ? max_fd : 65536); ++fd) {
      ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
  }
  ::execv(path, argv);
  const int e = errno;
  [[maybe_unused]] auto n = ::write(status_fd, &e, sizeof e);
  ::_exit(127);
}

// Blocks SIGPIPE in this thread for the lifetime of the object and swallows any SIGPIPE
// our writes raised, so a child that exits without reading cannot kill the process.
class ScopedSigpipeBlock {
 public:
  ScopedSigpipeBlock() {
    sigset_t pipe_set;
    ::sigemptyset(&pipe_set);
    ::sigaddset(&pipe_set, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipe_set, &old_);
  }
  ~ScopedSigpipeBlock() {
    sigset_t pipe_set;
    ::sigemptyset(&pipe_set);
    ::sigaddset(&pipe_set, SIGPIPE);
    const struct timespec zero {};
    while (::sigtimedwait(&pipe_set, nullptr, &zero) == SIGPIPE) {
    }
    ::pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }

 private:
  sigset_t old_;
};

}  // namespace

SubprocessResult RunSubprocess(const std::vector<std::string>& argv, std::string_view stdin_data,
                               std::chrono::milliseconds timeout, std::size_t max_output) {
  SubprocessResult result;
  if (argv.empty()) {
    result.start_error = "empty command";
    return result;
  }
  const std::string path = ResolveExecutable(argv[0]);
  std::vector<std::string> args = argv;
  std::vector<char*> c_argv;
  for (std::string& a : args) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);

  int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1},
      status_pipe[2] = {-1, -1};
  auto close_all = [&] {
    for (int* p : {in_pipe, out_pipe, err_pipe, status_pipe}) {
      CloseFd(&p[0]);
      CloseFd(&p[1]);
    }
  };
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(err_pipe, O_CLOEXEC) != 0 || ::pipe2(status_pipe, O_CLOEXEC) != 0) {
    result.start_error = std::string("pipe: ") + std::strerror(errno);
    close_all();
    return result;
  }

  ScopedSigpipeBlock sigpipe_block;
  const Clock::time_point deadline = Clock::now() + timeout;
  const pid_t pid = ::fork();
  if (pid < 0) {
    result.start_error = std::string("fork: ") + std::strerror(errno);
    close_all();
    return result;
  }
  if (pid == 0) {
    ExecChild(in_pipe[0], out_pipe[1], err_pipe[1], status_pipe[1], path.c_str(), c_argv.data());
  }
  ::setpgid(pid, pid);  // also in the parent: no window where a kill misses the group
  CloseFd(&in_pipe[0]);
  CloseFd(&out_pipe[1]);
  CloseFd(&err_pipe[1]);
  CloseFd(&status_pipe[1]);

  int exec_errno = 0;
  ssize_t got;
  do {
    got = ::read(status_pipe[0], &exec_errno, sizeof exec_errno);
  } while (got < 0 && errno == EINTR);
  CloseFd(&status_pipe[0]);
  if (got == static_cast<ssize_t>(sizeof exec_errno)) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.start_error = "cannot run '" + argv[0] + "': " + std::strerror(exec_errno);
    close_all();
    return result;
  }
  result.started = true;

  for (int fd : {in_pipe[1], out_pipe[0], err_pipe[0]}) {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  }
  std::size_t written = 0;
  if (stdin_data.empty()) CloseFd(&in_pipe[1]);
  char buffer[65536];
  while (out_pipe[0] >= 0 || err_pipe[0] >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      break;
    }
    struct pollfd fds[3];
    int n = 0;
    if (in_pipe[1] >= 0) fds[n++] = {in_pipe[1], POLLOUT, 0};
    if (out_pipe[0] >= 0) fds[n++] = {out_pipe[0], POLLIN, 0};
    if (err_pipe[0] >= 0) fds[n++] = {err_pipe[0], POLLIN, 0};
    const int ready = ::poll(fds, n, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    for (int i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      const int fd = fds[i].fd;
      if (fd == in_pipe[1]) {
        const ssize_t w = ::write(fd, stdin_data.data() + written, stdin_data.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == stdin_data.size()) {
          CloseFd(&in_pipe[1]);  // done, or the child stopped reading (EPIPE)
        }
        continue;
      }
      const ssize_t r = ::read(fd, buffer, sizeof buffer);
      if (r > 0) {
        std::string& sink = fd == out_pipe[0] ? result.stdout_data : result.stderr_data;
        const std::size_t room = max_output - std::min(max_output, sink.size());
        if (static_cast<std::size_t>(r) > room) result.output_truncated = true;
        sink.append(buffer, std::min(room, static_cast<std::size_t>(r)));
      } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        CloseFd(fd == out_pipe[0] ? &out_pipe[0] : &err_pipe[0]);
      }
    }
  }
  close_all();

  // The pipes are closed; now wait for the exit, still bounded by the deadline. A child
  // that closed its output but keeps running is killed at the deadline like any other.
  if (result.timed_out) ::kill(-pid, SIGKILL);
  int status = 0;
  while (true) {
    const pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) break;
    if (w == 0) {
      if (!result.timed_out && Clock::now() >= deadline) {
        result.timed_out = true;
        ::kill(-pid, SIGKILL);
      }
      ::usleep(2000);
    }
  }
  if (result.timed_out) ::kill(-pid, SIGKILL);  // helpers of the group that outlived it
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.term_signal = WTERMSIG(status);
  return result;
}

}  // namespace kinship
