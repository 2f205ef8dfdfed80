// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "control.h"

#include <complog/control.h>
#include <complog/logger.h>
#include <complog/version.h>

#include "configuration.h"
#include "control_socket.h"
#include "text.h"
#include "trace_init.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <future>
#include <linux/sockios.h>
#include <mutex>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <thread>
#include <vector>

namespace complog::detail::control_thread {
namespace {

using clock = std::chrono::steady_clock;
/// How long a client may take to send its request, and to read its reply.
constexpr auto client_time = std::chrono::seconds(2);
/// Clients served at once; more wait in the listening queue.
constexpr std::size_t max_clients = 8;

struct client {
    int fd = -1;
    std::string in;
    std::string out;
    std::size_t sent = 0;
    bool answered = false;  // `out` is the reply: write it, then close
    // The reply is out and our side shut: what the client still sends is read and
    // dropped until it closes. (Closing with unread input would reset the connection,
    // and the client could lose the reply.)
    bool draining = false;
    clock::time_point deadline;
    // Reply bytes the client had read at its last deadline (sent, less what SIOCOUTQ says
    // it has not read): more now means it is reading, and gets more time.
    std::size_t read_by_client = 0;
};

// Whether a client writing its reply read some of it since its last deadline.
bool reading_since_last_deadline(client& c) {
    int unread = 0;
    if (!c.answered || c.draining || ::ioctl(c.fd, SIOCOUTQ, &unread) != 0 || unread < 0) {
        return false;
    }
    const std::size_t read = c.sent - std::min(c.sent, static_cast<std::size_t>(unread));
    const bool reading = read > c.read_by_client;
    c.read_by_client = read;
    return reading;
}

struct server {
    // Held by the thread whenever it is not waiting in poll(), and by fork(): the child
    // must not start while the thread allocates, since an allocator that is not fork-safe
    // (ASan's in clang 14) would leave the child its locks. Lock order: busy, lifecycle,
    // fds_mutex, then the trace channel's and the configuration's (their fork handlers
    // run after ours). stop() joins the thread holding lifecycle: the thread's way out
    // never waits for busy (resume()).
    std::mutex busy;
    // start(), stop() and fork: whether a thread serves, and its socket.
    std::mutex lifecycle;
    std::thread* thread = nullptr;  // leaked in a forked child, where it does not run
    int listen_fd = -1;
    int wake_read = -1;
    int wake_write = -1;
    std::string path;
    // The clients' descriptors, so that a forked child can close them: a child holding
    // one would keep its client waiting for the end of the reply. Changed under the lock
    // with the accept or close itself.
    std::mutex fds_mutex;
    std::vector<int> client_fds;
};

void close_quietly(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// Whether start() ever ran: stop() (every init() without control) then has nothing to do.
std::atomic<bool> ever_started{false};

// Whether this thread is the one serving: fork() from a request (a sink's destructor) must
// not wait for `busy`, which this thread holds.
thread_local bool on_server_thread = false;

server& the_server() {
    static server* const s = [] {
        // The configuration's and the trace channel's fork handlers first, so that ours
        // run before theirs: a request takes our locks, then theirs (configuration.h).
        (void)configuration::instance();
        create_trace_channel();
        auto* created = new server;  // never destroyed: usable from exit and fork handlers
        pthread_atfork(
            [] {
                auto& self = the_server();
                if (!on_server_thread) self.busy.lock();
                self.lifecycle.lock();
                self.fds_mutex.lock();
            },
            [] {
                auto& self = the_server();
                self.fds_mutex.unlock();
                self.lifecycle.unlock();
                if (!on_server_thread) self.busy.unlock();
            },
            [] {
                // The child has no control thread: it serves nothing unless it calls
                // init() with control on, which opens a socket of its own pid. The
                // parent's socket file stays: it is the parent's.
                auto& self = the_server();
                for (auto& fd : self.client_fds) close_quietly(fd);
                self.client_fds.clear();
                close_quietly(self.listen_fd);
                close_quietly(self.wake_read);
                close_quietly(self.wake_write);
                self.thread = nullptr;
                self.path.clear();
                self.fds_mutex.unlock();
                self.lifecycle.unlock();
                if (!on_server_thread) self.busy.unlock();
            });
        return created;
    }();
    return *s;
}

std::string error_reply(std::string_view why) { return "error: " + std::string(why) + "\n"; }

// A spec_error's message on one line: its lines joined, without the indented echo of the
// spec and its caret.
std::string one_line(std::string_view message) {
    std::string out;
    while (!message.empty()) {
        const auto end = message.find('\n');
        const auto line = message.substr(0, end);
        if (!line.empty() && line.substr(0, 2) != "  ") {
            if (!out.empty()) out += ' ';
            out += line;
        }
        message = end == std::string_view::npos ? std::string_view{} : message.substr(end + 1);
    }
    return out;
}

constexpr std::string_view protocol_help =
    "requests (one line each, at most 4096 bytes):\n"
    "  show        every logger's level and where it came from, and the active spec\n"
    "  set SPEC    replace the settings with SPEC (the environment variable's grammar);\n"
    "              it wins over the environment and set_logs until reset\n"
    "  reset       back to the settings before the first live set\n"
    "  help        this text, then the names a spec may use\n"
    "  version     complog's version, the protocol's, the program and its pid\n";

void close_client(server& s, client& c) {
    std::lock_guard<std::mutex> lock(s.fds_mutex);
    s.client_fds.erase(std::remove(s.client_fds.begin(), s.client_fds.end(), c.fd),
                       s.client_fds.end());
    close_quietly(c.fd);
}

// Writes what the socket takes now; once the reply is out, shuts our side.
void flush(server& s, client& c) {
    while (c.sent < c.out.size()) {
        const auto n =
            ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            c.sent += static_cast<std::size_t>(n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return;  // the rest when poll says it fits
        } else {
            close_client(s, c);  // the client left
            return;
        }
    }
    ::shutdown(c.fd, SHUT_WR);
    c.draining = true;
    c.deadline = clock::now() + client_time;
}

void drain(server& s, client& c) {
    char buffer[1024];
    for (;;) {
        const auto n = ::recv(c.fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) continue;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        close_client(s, c);  // the client closed, or left
        return;
    }
}

void reply(server& s, client& c, std::string text) {
    c.out = std::move(text);
    c.answered = true;
    c.deadline = clock::now() + client_time;
    flush(s, c);
}

void read_request(server& s, client& c) {
    char buffer[1024];
    for (;;) {
        const auto n = ::recv(c.fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (n < 0) {
            close_client(s, c);
            return;
        }
        if (n == 0) {  // the client closed its side
            if (c.in.empty()) {
                close_client(s, c);
            } else {
                reply(s, c, error_reply("incomplete request: no newline"));
            }
            return;
        }
        const auto old_size = c.in.size();
        c.in.append(buffer, static_cast<std::size_t>(n));
        const auto newline = c.in.find('\n', old_size);
        if (newline != std::string::npos && newline < control_request_limit) {
            c.in.resize(newline);
            reply(s, c, answer(c.in));
            return;
        }
        if (c.in.size() >= control_request_limit) {
            reply(s, c,
                  error_reply("request longer than " + std::to_string(control_request_limit) +
                              " bytes"));
            return;
        }
    }
}

void accept_clients(server& s, int listen_fd, std::vector<client>& clients) {
    while (clients.size() < max_clients) {
        client c;
        {
            std::lock_guard<std::mutex> lock(s.fds_mutex);
            c.fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (c.fd < 0) return;  // none waiting (or out of descriptors: next time)
            s.client_fds.push_back(c.fd);
        }
        c.deadline = clock::now() + client_time;
        ucred peer{};
        socklen_t size = sizeof peer;
        if (getsockopt(c.fd, SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0 || peer.uid != geteuid()) {
            reply(s, c,
                  error_reply("refused: the client's uid " + std::to_string(peer.uid) +
                              " is not this process's uid " + std::to_string(geteuid())));
        }
        if (c.fd >= 0) clients.push_back(std::move(c));
    }
}

// Takes `busy` back after poll(), which fork() may hold meanwhile, unless stop() asks
// the thread to end: stop() holds `lifecycle`, which fork() waits for after `busy`, while
// it joins the thread, so the way out must not wait for `busy`.
bool resume(std::unique_lock<std::mutex>& busy, int wake_fd) {
    while (!busy.try_lock()) {
        pollfd wake{wake_fd, POLLIN, 0};
        if (::poll(&wake, 1, 1) > 0) return false;
    }
    return true;
}

// Serves until stop(). `started` is set just before the first poll(): start(), holding
// `lifecycle` (and so keeping fork() out) until then, covers the thread's own start-up.
void serve(server* s, int listen_fd, int wake_fd, std::promise<void> started) {
    on_server_thread = true;
    std::unique_lock<std::mutex> busy(s->busy, std::defer_lock);
    std::vector<client> clients;
    std::vector<pollfd> fds;
    bool announced = false;
    const auto announce = [&] {
        if (!announced) started.set_value();
        announced = true;
    };
    for (;;) {
        try {
            const auto now = clock::now();
            auto next = now + std::chrono::hours(1);
            fds.clear();
            fds.push_back({wake_fd, POLLIN, 0});
            fds.push_back(
                {listen_fd, static_cast<short>(clients.size() < max_clients ? POLLIN : 0), 0});
            for (const auto& c : clients) {
                const bool writing = c.answered && !c.draining;
                fds.push_back({c.fd, static_cast<short>(writing ? POLLOUT : POLLIN), 0});
                next = std::min(next, c.deadline);
            }
            const auto wait =
                std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1;
            if (busy.owns_lock()) busy.unlock();
            announce();
            const int polled = ::poll(fds.data(), fds.size(), static_cast<int>(wait));
            if ((polled < 0 && errno != EINTR) || fds[0].revents != 0) break;  // stop()
            if (!resume(busy, wake_fd)) break;
            for (std::size_t i = 0; i < clients.size(); ++i) {
                auto& c = clients[i];
                const auto events = fds[i + 2].revents;
                if (events == 0) continue;
                if (c.draining) {
                    drain(*s, c);
                } else if (c.answered) {
                    flush(*s, c);
                } else {
                    read_request(*s, c);
                }
            }
            const auto after = clock::now();
            for (auto& c : clients) {
                if (c.fd < 0 || after < c.deadline) continue;
                if (reading_since_last_deadline(c)) {  // slow, but reading: a long reply
                    c.deadline = after + client_time;
                    continue;
                }
                if (!c.answered) {  // one try at saying why, then gone
                    const auto why = error_reply("no request within 2 seconds");
                    (void)::send(c.fd, why.data(), why.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
                }
                close_client(*s, c);
            }
            clients.erase(std::remove_if(clients.begin(), clients.end(),
                                         [](const client& c) { return c.fd < 0; }),
                          clients.end());
            if (fds[1].revents & POLLIN) accept_clients(*s, listen_fd, clients);
        } catch (...) {  // out of memory: drop the clients, keep serving
            announce();  // start() must not wait for ever
            for (auto& c : clients) {
                if (c.fd >= 0) close_client(*s, c);
            }
            clients.clear();
        }
    }
    for (auto& c : clients) {
        if (c.fd >= 0) close_client(*s, c);
    }
}

// Stops serving before the statics constructed earlier (spdlog's registry among them)
// are destroyed, and before a shared libcomplog is unloaded.
struct stop_at_exit {
    stop_at_exit() = default;
    stop_at_exit(const stop_at_exit&) = delete;
    stop_at_exit& operator=(const stop_at_exit&) = delete;
    ~stop_at_exit() { stop(); }
};

}  // namespace

std::string start() {
    ever_started = true;
    auto& s = the_server();
    std::lock_guard<std::mutex> lock(s.lifecycle);
    if (s.thread) return {};
    std::string error;
    const auto dir = control_directory(true, error);
    if (dir.empty()) return error;
    const auto path = dir + "/" + socket_name(program_name(), getpid());
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) return "socket path too long: " + path;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);

    int listen_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int wake[2] = {-1, -1};
    const auto fail = [&](const std::string& what) {
        const auto why = what + ": " + std::strerror(errno);
        close_quietly(listen_fd);
        close_quietly(wake[0]);
        close_quietly(wake[1]);
        return why;
    };
    if (listen_fd < 0) return fail("socket");
    ::unlink(path.c_str());  // left by an earlier process of this pid
    if (::bind(listen_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        return fail("cannot bind " + path);
    }
    // The directory is 0700 already; the socket itself is 0600 too.
    if (::chmod(path.c_str(), 0600) != 0 || ::listen(listen_fd, 16) != 0 ||
        ::pipe2(wake, O_NONBLOCK | O_CLOEXEC) != 0) {
        auto why = fail("cannot listen on " + path);
        ::unlink(path.c_str());
        return why;
    }
    static stop_at_exit stopper;
    // The thread takes no signal meant for the program (it inherits a full mask).
    sigset_t all;
    sigset_t previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    try {
        std::promise<void> started;
        auto serving = started.get_future();
        s.thread = new std::thread(serve, &s, listen_fd, wake[0], std::move(started));
        serving.wait();
    } catch (const std::exception& e) {
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        ::unlink(path.c_str());
        errno = 0;
        return fail(std::string("cannot start its thread (") + e.what() + ")");
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    s.listen_fd = listen_fd;
    s.wake_read = wake[0];
    s.wake_write = wake[1];
    s.path = path;
    return {};
}

void stop() {
    if (!ever_started) return;
    auto& s = the_server();
    std::lock_guard<std::mutex> lock(s.lifecycle);
    if (!s.thread) return;
    const char byte = 0;
    while (::write(s.wake_write, &byte, 1) < 0 && errno == EINTR) {
    }
    if (s.thread->get_id() == std::this_thread::get_id()) {
        // Called from a request (a sink released by it calling reset()): the loop sees the
        // wake byte, or its closed descriptors, once the request returns, and ends.
        s.thread->detach();
    } else {
        s.thread->join();
    }
    delete s.thread;
    s.thread = nullptr;
    close_quietly(s.listen_fd);
    close_quietly(s.wake_read);
    close_quietly(s.wake_write);
    ::unlink(s.path.c_str());
    s.path.clear();
}

std::string socket_path() {
    if (!ever_started) return {};
    auto& s = the_server();
    std::lock_guard<std::mutex> lock(s.lifecycle);
    return s.path;
}

std::string answer(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    for (const char c : line) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && byte != '\t') || byte == 0x7f) {
            return error_reply("malformed request: a control character");
        }
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    const auto space = line.find_first_of(" \t");
    const auto word = line.substr(0, space);
    auto rest = space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    if (word.empty()) return error_reply("empty request; send 'help' for the requests");
    auto& config = configuration::instance();
    try {
        if (word == "set") {
            if (rest.empty()) return error_reply("'set' needs a spec, e.g. 'set +net'");
            config.live_set(rest);
            return "ok\nlive setting " + quoted(rest) +
                   " applied; 'reset' goes back to the previous settings\n";
        }
        const bool known = word == "show" || word == "reset" || word == "help" || word == "version";
        if (known && !rest.empty()) {
            return error_reply(quoted(word) + " takes no argument");
        }
        if (word == "show") return "ok\n" + config.live_show();
        if (word == "reset") {
            return config.live_reset() ? "ok\nback to the settings before the live ones\n"
                                       : "ok\nno live setting to reset\n";
        }
        if (word == "help") return "ok\n" + std::string(protocol_help) + "\n" + config.help(false);
        if (word == "version") {
            return "ok\ncomplog " + std::to_string(COMPLOG_VER_MAJOR) + "." +
                   std::to_string(COMPLOG_VER_MINOR) + "." + std::to_string(COMPLOG_VER_PATCH) +
                   ", control protocol " + std::to_string(control_protocol_version) + ", program " +
                   program_name() + ", pid " + std::to_string(getpid()) + "\n";
        }
        return error_reply("unknown request " + quoted(word) +
                           "; the requests are show, set SPEC, reset, help, version");
    } catch (const std::exception& e) {
        return error_reply(one_line(e.what()));
    } catch (...) {
        return error_reply("internal error");
    }
}

}  // namespace complog::detail::control_thread

namespace complog::control {

std::string socket_path() { return detail::control_thread::socket_path(); }

void stop() { detail::control_thread::stop(); }

}  // namespace complog::control
