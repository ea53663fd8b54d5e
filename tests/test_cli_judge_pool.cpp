#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "cli/judge_pool.hpp"
#include "support.hpp"

using namespace qalint;

TEST_CASE("cli::JudgePool hands a file's verdicts on in order, however many helpers judged them") {
    const auto& compiled = test::builtin_rules();
    const match::Engine engine(compiled, {});

    // Conversations that differ, so a verdict out of place shows: every third one deflects.
    std::vector<core::Conversation> conversations;
    for (int i = 0; i < 600; ++i) {
        core::Conversation conversation = test::conversation_from(
            "Agent: Hello, how can I help?\nCustomer: order " + std::to_string(i) + " is late\n" +
            (i % 3 == 0 ? "Agent: Not my department, call the warehouse.\n" : "Agent: I will check it now, thank you.\n"));
        conversation.id = std::to_string(i);
        conversations.push_back(std::move(conversation));
    }
    std::vector<std::vector<std::string>> expected;
    for (const auto& conversation : conversations) expected.push_back(test::rule_ids(engine.judge(conversation)));

    for (const int helpers : {0, 1, 3}) {
        CAPTURE(helpers);
        cli::JudgePool pool(engine);
        std::atomic<bool> done{false};
        std::vector<std::thread> threads;
        for (int h = 0; h < helpers; ++h) threads.emplace_back([&] { pool.help([&] { return done.load(); }); });
        std::vector<std::string> ids;
        std::vector<std::vector<std::string>> found;
        const auto producer_thread = std::this_thread::get_id();
        bool on_producer = true;
        {
            cli::JudgePool::File file(pool, [&](core::Verdict&& verdict) {
                on_producer = on_producer && std::this_thread::get_id() == producer_thread;
                ids.push_back(verdict.conversation.id);
                found.push_back(test::rule_ids(verdict));
            });
            for (auto conversation : conversations) file.add(std::move(conversation));
            file.finish();
        }
        done = true;
        pool.wake_helpers();
        for (auto& thread : threads) thread.join();
        REQUIRE(ids.size() == conversations.size());
        for (size_t i = 0; i < ids.size(); ++i) {
            CHECK(ids[i] == std::to_string(i));
            CHECK(found[i] == expected[i]);
        }
        CHECK(on_producer);    // the sink (the reporter) is only ever called on the file's own worker
    }
}
