// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "control_socket.h"

#include <errno.h>  // program_invocation_short_name
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>

namespace complog::detail {

std::string control_directory(bool create, std::string& error) {
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    const std::string dir = runtime && runtime[0] == '/'
                                ? std::string(runtime) + "/complog"
                                : "/tmp/complog-" + std::to_string(geteuid());
    if (!create) return dir;
    if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        error = "cannot create " + dir + ": " + std::strerror(errno);
        return {};
    }
    struct stat st {};
    if (lstat(dir.c_str(), &st) != 0) {
        error = "cannot read " + dir + ": " + std::strerror(errno);
        return {};
    }
    if (!S_ISDIR(st.st_mode)) {
        error = dir + " is not a directory";
        return {};
    }
    if (st.st_uid != geteuid()) {
        error = dir + " belongs to uid " + std::to_string(st.st_uid) + ", not to this process's " +
                std::to_string(geteuid());
        return {};
    }
    if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        error = dir + " has mode " + mode + ": others may enter it (0700 is needed)";
        return {};
    }
    return dir;
}

std::string program_name() {
    std::string name = program_invocation_short_name ? program_invocation_short_name : "";
    if (name.size() > 32) name.resize(32);
    for (auto& c : name) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!plain) c = '_';
    }
    return name.empty() ? "program" : name;
}

std::string socket_name(std::string_view program, long pid) {
    return std::string(program) + "." + std::to_string(pid) + ".sock";
}

std::optional<socket_name_parts> parse_socket_name(std::string_view name) {
    constexpr std::string_view suffix = ".sock";
    if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix) {
        return std::nullopt;
    }
    name.remove_suffix(suffix.size());
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) return std::nullopt;
    long pid = 0;
    for (const char c : name.substr(dot + 1)) {
        if (c < '0' || c > '9' || pid > 100000000) return std::nullopt;
        pid = pid * 10 + (c - '0');
    }
    if (pid <= 0) return std::nullopt;
    return socket_name_parts{std::string(name.substr(0, dot)), pid};
}

}  // namespace complog::detail
