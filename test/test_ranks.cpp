// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Ranks: the launchers' variables in their order, set_rank winning over them, <VAR>_RANKS
// parsed and applied to complog's console sinks only. test/ranks/ runs real processes.

#include <complog/complog.h>

#include "catch_compat.h"
#include "environment.h"
#include "rank.h"
#include "test_sink.h"

#include <map>
#include <string>

namespace {

using complog::detail::parse_rank_list;
using complog::detail::rank_list;
using complog::test::fresh_complog;
using complog::test::scoped_env;

complog::detail::environment read(const std::map<std::string, std::string>& vars,
                                  std::optional<int> program_rank = std::nullopt) {
    complog::options opts{"APP_LOGS", "app"};
    opts.out_per_rank = true;
    return complog::detail::read_environment(
        opts,
        [&](const char* name) -> const char* {
            const auto it = vars.find(name);
            return it == vars.end() ? nullptr : it->second.c_str();
        },
        program_rank);
}

}  // namespace

TEST_CASE("each quantity comes from the first of its variables that holds one", "[ranks]") {
    auto env = read({{"SLURM_PROCID", "6"}, {"SLURM_LOCALID", "2"}, {"SLURM_NTASKS", "8"}});
    CHECK(env.rank == 6);
    CHECK(env.job.local_rank == 2);
    CHECK(env.job.world_size == 8);
    env = read({{"RANK", "1"},
                {"OMPI_COMM_WORLD_RANK", "2"},
                {"PMI_RANK", "3"},
                {"SLURM_PROCID", "4"},
                {"PMI_SIZE", "16"},
                {"SLURM_NTASKS", "32"}});
    CHECK(env.rank == 1);
    CHECK_FALSE(env.job.local_rank);
    CHECK(env.job.world_size == 16);
    env = read({{"OMPI_COMM_WORLD_RANK", "2"},
                {"OMPI_COMM_WORLD_LOCAL_RANK", "0"},
                {"OMPI_COMM_WORLD_SIZE", "4"},
                {"PMI_RANK", "3"}});
    CHECK(env.rank == 2);
    CHECK(env.job.local_rank == 0);
    CHECK(env.job.world_size == 4);
    CHECK(env.diagnostics.empty());
}

TEST_CASE("a variable that holds no number is reported and the next one read", "[ranks]") {
    const auto env = read({{"RANK", "first"},
                           {"PMI_RANK", "5"},
                           {"WORLD_SIZE", "0"},
                           {"LOCAL_RANK", "-1"},
                           {"SLURM_LOCALID", "99999999"}});
    CHECK(env.rank == 5);
    CHECK(env.job.rank == 5);
    CHECK_FALSE(env.job.world_size);
    CHECK_FALSE(env.job.local_rank);
    CHECK(env.diagnostics ==
          "ignoring RANK='first': not a rank\n"
          "ignoring LOCAL_RANK='-1': not a local rank\n"
          "ignoring SLURM_LOCALID='99999999': not a local rank\n"
          "ignoring WORLD_SIZE='0': not a world size\n");
}

TEST_CASE("the program's rank wins over the variables, for the per-rank file too", "[ranks]") {
    auto env = read({{"RANK", "3"}, {"APP_LOGS_OUT", "out.txt"}}, 7);
    CHECK(env.rank == 7);
    CHECK(env.job.rank == 3);
    CHECK(env.out_path == "out.rank7.txt");
    env = read({{"RANK", "3"}, {"APP_LOGS_OUT", "out.txt"}}, -1);  // hidden by the program
    CHECK_FALSE(env.rank);
    CHECK(env.out_path == "out.txt");
}

TEST_CASE("<VAR>_RANKS is a list of ranks and ranges", "[ranks]") {
    CHECK(parse_rank_list("0,4-7") == rank_list{{0, 0}, {4, 7}});
    CHECK(parse_rank_list(" 3 , 1 - 2 ") == rank_list{{3, 3}, {1, 2}});
    for (const char* bad :
         {"", ",", "0,", "a", "7-4", "-1", "1-", "0;1", "1.5", "2-3-4", "99999999"}) {
        INFO(bad);
        CHECK_FALSE(parse_rank_list(bad));
    }
    const auto ranks = *parse_rank_list("0,4-7");
    CHECK(complog::detail::rank_in(ranks, 5));
    CHECK_FALSE(complog::detail::rank_in(ranks, 3));
    CHECK(complog::detail::rank_in(ranks, -1));  // no rank known: the console is kept

    auto env = read({{"APP_LOGS_RANKS", "0,4-7"}});
    CHECK(env.console_ranks == rank_list{{0, 0}, {4, 7}});
    env = read({{"APP_LOGS_RANKS", "0,x"}});
    CHECK(env.console_ranks.empty());
    CHECK(env.diagnostics ==
          "ignoring APP_LOGS_RANKS='0,x': not a list of ranks (e.g. 0,4-7); "
          "every rank writes to the console\n");
}

TEST_CASE("init reads the ranks; set_rank before init wins; reset forgets them", "[ranks]") {
    fresh_complog env;
    scoped_env rank("RANK", "3"), local("LOCAL_RANK", "1"), size("WORLD_SIZE", "8");
    complog::init({fresh_complog::var, "app"});
    CHECK(complog::rank() == 3);
    CHECK(complog::local_rank() == 1);
    CHECK(complog::world_size() == 8);
    complog::reset();
    CHECK(complog::rank() == -1);
    CHECK(complog::local_rank() == -1);
    CHECK(complog::world_size() == -1);
    complog::set_rank(5);
    complog::init({fresh_complog::var, "app"});
    CHECK(complog::rank() == 5);
    CHECK(complog::world_size() == 8);
}

TEST_CASE("<VAR>_RANKS keeps the console to those ranks, set_rank after init included", "[ranks]") {
    fresh_complog env;
    scoped_env ranks("TEST_LOGS_RANKS", "1,3");
    scoped_env rank("RANK", "0");
    complog::init({fresh_complog::var, "app"});
    complog::set_sinks({env.sink});
    const auto log = complog::get_logger("app.x");
    log->warn("from 0");
    complog::set_rank(3);
    log->warn("from 3");
    complog::set_rank(-1);
    log->warn("no rank");
    const auto records = env.sink->records();
    REQUIRE(records.size() == 2);
    CHECK(records[0].text == "from 3");
    CHECK(records[1].text == "no rank");
}
