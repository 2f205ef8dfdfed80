// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complogctl: talk to the live-control socket of a running complog program
// (complog/control.h has the rules).
//
//     complogctl [--json] list
//     complogctl [--json] PID show | set SPEC | reset | help | version
//     complogctl [--json] PID -        the requests on stdin, one per line, in order
//
// Exit status: 0 done; 1 the process answered with an error (an invalid spec, a refused
// uid), or its socket is served by another uid (sent nothing); 2 bad usage; 3 no such
// process, or it could not be reached.

#include <complog/version.h>

#include "control_socket.h"

#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <vector>

namespace {

using complog::detail::control_directory;
using complog::detail::parse_socket_name;

constexpr int exit_ok = 0;
constexpr int exit_refused = 1;
constexpr int exit_usage = 2;
constexpr int exit_unreachable = 3;

constexpr const char* usage =
    "usage: complogctl [--json] list\n"
    "       complogctl [--json] PID show | set SPEC | reset | help | version\n"
    "       complogctl [--json] PID -     (requests on stdin, one per line)\n"
    "\n"
    "Shows and changes the log settings of running programs that use complog with live\n"
    "control on (options::control, or <VAR>_CONTROL=1).\n"
    "  list        the processes with a control socket\n"
    "  show        every logger's level and where it came from, and the active spec\n"
    "  set SPEC    replace the settings (the environment variable's grammar, e.g. +net);\n"
    "              it wins over the environment until reset\n"
    "  reset       back to the settings before the first live set\n"
    "  help        the requests, then the names a spec may use\n"
    "  version     the process's complog version and protocol\n"
    "  -           read requests from stdin, one per line (e.g. 'set +net'), and send\n"
    "              them in order; stops at the first that fails, with its exit status\n"
    "  --json      one JSON object per request on stdout instead of text\n"
    "Exit status: 0 done, 1 the process answered with an error (or its socket is\n"
    "another user's), 2 bad usage, 3 no such process or it could not be reached.\n";

struct process {
    long pid;
    std::string program;
    std::string socket;
};

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (byte < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
                    out += escaped;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

constexpr int another_uid = -2;

// A connected socket to `path`, or -1 (errno set) or another_uid, and `error` says why. The socket
// must be served by this user: another uid's (in a directory it made before this user's programs
// did, say) would see the requests and could answer anything.
int connect_to(const std::string& path, std::string& error) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const auto failed = [&](int fd) {
        const int saved = errno;
        error = "cannot connect to " + path + ": " + std::strerror(saved);
        if (fd >= 0) ::close(fd);
        errno = saved;
        return -1;
    };
    if (path.size() >= sizeof address.sun_path) {
        errno = ENAMETOOLONG;
        return failed(-1);
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return failed(fd);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        return failed(fd);
    }
    ucred server{};
    socklen_t size = sizeof server;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &server, &size) != 0) return failed(fd);
    if (server.uid != ::geteuid()) {
        error = "refused: the socket is served by uid " + std::to_string(server.uid) +
                ", not by this user's uid " + std::to_string(::geteuid());
        ::close(fd);
        return another_uid;
    }
    return fd;
}

bool alive(long pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM; }

// The live processes with a socket in the control directory (`only`: that pid's, if any).
// The socket of a process that is gone (or, when listing, of an earlier process with a
// reused pid, which nobody answers) is removed when it is ours.
std::vector<process> processes(long only = 0) {
    std::string ignored;
    const auto dir = control_directory(false, ignored);
    std::vector<process> found;
    DIR* d = ::opendir(dir.c_str());
    if (!d) return found;
    while (const dirent* entry = ::readdir(d)) {
        const auto parts = parse_socket_name(entry->d_name);
        if (!parts || (only != 0 && parts->pid != only)) continue;
        const auto path = dir + "/" + entry->d_name;
        bool stale = !alive(parts->pid);
        if (!stale && only == 0) {
            std::string error;
            const int fd = connect_to(path, error);
            stale = fd == -1 && errno == ECONNREFUSED;
            if (fd >= 0) ::close(fd);
            if (fd == another_uid) continue;
        }
        if (stale) {
            struct stat st {};
            if (::lstat(path.c_str(), &st) == 0 && st.st_uid == ::geteuid()) ::unlink(path.c_str());
            continue;
        }
        found.push_back({parts->pid, parts->program, path});
    }
    ::closedir(d);
    std::sort(found.begin(), found.end(),
              [](const process& a, const process& b) { return a.pid < b.pid; });
    return found;
}

int list(bool json) {
    const auto found = processes();
    if (json) {
        std::string out = "[";
        for (const auto& p : found) {
            out += (out.size() > 1 ? "," : "");
            out += "{\"pid\":" + std::to_string(p.pid) + ",\"program\":" + json_string(p.program) +
                   ",\"socket\":" + json_string(p.socket) + "}";
        }
        std::printf("%s]\n", out.c_str());
        return exit_ok;
    }
    if (found.empty()) {
        std::string ignored;
        std::printf("no process with a control socket in %s\n",
                    control_directory(false, ignored).c_str());
        return exit_ok;
    }
    std::printf("%-8s %-24s %s\n", "PID", "PROGRAM", "SOCKET");
    for (const auto& p : found) {
        std::printf("%-8ld %-24s %s\n", p.pid, p.program.c_str(), p.socket.c_str());
    }
    return exit_ok;
}

// Sends `request` and reads the reply to its end (the process closes the connection).
std::optional<std::string> exchange(int fd, const std::string& request, std::string& error) {
    const std::string line = request + "\n";
    std::size_t sent = 0;
    while (sent < line.size()) {
        const auto n = ::send(fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;  // the process may have answered already (refused): read it
        sent += static_cast<std::size_t>(n);
    }
    std::string reply;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        pollfd p{fd, POLLIN, 0};
        if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) == 0) {
            error = "no reply within 10 seconds";
            return std::nullopt;
        }
        char buffer[4096];
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error = std::string("reading the reply: ") + std::strerror(errno);
            return std::nullopt;
        }
        if (n == 0) break;
        reply.append(buffer, static_cast<std::size_t>(n));
    }
    return reply;
}

int request(long pid, const std::string& text, const std::string& request_name, bool json) {
    const auto fail = [&](int status, const std::string& why) {
        if (json) {
            std::printf("{\"pid\":%ld,\"request\":%s,\"ok\":false,\"error\":%s}\n", pid,
                        json_string(request_name).c_str(), json_string(why).c_str());
        } else {
            std::fprintf(stderr, "complogctl: %ld: %s\n", pid, why.c_str());
        }
        return status;
    };
    const auto found = processes(pid);
    std::optional<process> target;
    if (!found.empty()) target = found.front();
    if (!target) {
        std::string ignored;
        return fail(exit_unreachable, "no control socket for this process in " +
                                          control_directory(false, ignored) +
                                          " (is live control on? <VAR>_CONTROL=1)");
    }
    std::string error;
    const int fd = connect_to(target->socket, error);
    if (fd < 0) return fail(fd == another_uid ? exit_refused : exit_unreachable, error);
    const auto reply = exchange(fd, text, error);
    ::close(fd);
    if (!reply) return fail(exit_unreachable, error);
    // Closed unanswered (the process stopped serving meanwhile): it said nothing.
    if (reply->empty()) return fail(exit_unreachable, "closed the connection without a reply");
    const auto newline = reply->find('\n');
    const auto status = reply->substr(0, newline);
    const auto body = newline == std::string::npos ? std::string() : reply->substr(newline + 1);
    if (status != "ok") {
        constexpr std::string_view prefix = "error: ";
        const auto why =
            status.compare(0, prefix.size(), prefix) == 0 ? status.substr(prefix.size()) : status;
        return fail(exit_refused, why.empty() ? "an empty status line" : why);
    }
    if (json) {
        std::printf("{\"pid\":%ld,\"program\":%s,\"request\":%s,\"ok\":true,\"output\":%s}\n", pid,
                    json_string(target->program).c_str(), json_string(request_name).c_str(),
                    json_string(body).c_str());
    } else {
        std::fwrite(body.data(), 1, body.size(), stdout);
    }
    return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    bool json = false;
    if (!args.empty() && args.front() == "--json") {
        json = true;
        args.erase(args.begin());
    }
    if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
        std::fputs(usage, stdout);
        return exit_ok;
    }
    if (args.size() == 1 && args[0] == "--version") {
        std::printf("complogctl %d.%d.%d\n", COMPLOG_VER_MAJOR, COMPLOG_VER_MINOR,
                    COMPLOG_VER_PATCH);
        return exit_ok;
    }
    if (args.size() == 1 && args[0] == "list") return list(json);
    long pid = 0;
    const bool numeric = !args.empty() && !args[0].empty() &&
                         args[0].find_first_not_of("0123456789") == std::string::npos &&
                         args[0].size() < 10;
    if (numeric) pid = std::stol(args[0]);
    if (pid <= 0 || args.size() < 2) {
        std::fputs(usage, stderr);
        return exit_usage;
    }
    const auto& verb = args[1];
    if (verb == "-" && args.size() == 2) {
        char line[8192];
        while (std::fgets(line, sizeof line, stdin)) {
            std::string text(line);
            if (!text.empty() && text.back() == '\n') text.pop_back();
            if (text.empty()) continue;
            const auto name = text.substr(0, text.find(' '));
            if (const int status = request(pid, text, name, json); status != exit_ok) {
                return status;
            }
        }
        return exit_ok;
    }
    if (verb == "set") {
        if (args.size() != 3 || args[2].empty() || args[2].find('\n') != std::string::npos) {
            std::fputs("complogctl: set needs one SPEC argument, e.g. complogctl PID set +net\n",
                       stderr);
            return exit_usage;
        }
        return request(pid, "set " + args[2], verb, json);
    }
    if ((verb == "show" || verb == "reset" || verb == "help" || verb == "version") &&
        args.size() == 2) {
        return request(pid, verb, verb, json);
    }
    std::fputs(usage, stderr);
    return exit_usage;
}
