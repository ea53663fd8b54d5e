#pragma once
// Workers with no file left judge conversations of the files still being read, so one big export
// is not judged on one core while the others wait. Each file's verdicts still reach its own
// worker, in the file's order: reports stay the same whatever --jobs is.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include "core/model.hpp"
#include "match/engine.hpp"

namespace qalint::cli {

class JudgePool {
public:
    explicit JudgePool(const match::Engine& engine) : m_engine(engine) {}

    // One file's conversations, added in order by the worker reading it; `sink` gets the verdicts
    // in the same order, on that worker's thread.
    class File {
    public:
        File(JudgePool& pool, std::function<void(core::Verdict&&)> sink) : m_pool(pool), m_sink(std::move(sink)) {}
        File(const File&) = delete;
        File& operator=(const File&) = delete;

        void add(core::Conversation&& conversation);
        // Judges or waits for what is left, and hands every verdict on.
        void finish();

    private:
        friend class JudgePool;
        void hand_on_ready();
        // The verdicts next in line, taken out of m_done (the pool's mutex held).
        std::vector<core::Verdict> take_ready();
        // Queues the batch for a helper, or judges it here when the queue is full.
        void submit_batch();
        void judge_here(uint64_t first, std::vector<core::Conversation>& conversations);

        JudgePool& m_pool;
        std::function<void(core::Verdict&&)> m_sink;
        uint64_t m_next = 0;         // the next conversation's place in the file
        uint64_t m_handed = 0;       // verdicts handed to the sink so far
        bool m_shared = false;       // a conversation of this file went to the queue
        std::vector<core::Conversation> m_batch;    // gathered for the queue, from place m_batch_first
        uint64_t m_batch_first = 0;
        size_t m_outstanding = 0;    // queued or being judged by a helper (under the pool's mutex)
        std::map<uint64_t, core::Verdict> m_done;    // judged, not yet handed on (under the mutex)
        std::condition_variable m_progress;          // a helper finished one of this file's
    };

    // A worker with no file left: judges queued conversations until `finished()` (checked under
    // the pool's lock, after each wake) says every file is done.
    void help(const std::function<bool()>& finished);
    // Wakes the helpers to look at `finished()` again (a file ended).
    void wake_helpers();

private:
    // Conversations go to the queue in batches: a lock and a wake-up per conversation cost as much
    // as judging a short one, and cost more still when the two workers share a busy CPU.
    struct Task {
        File* file = nullptr;
        uint64_t first = 0;    // the place of the first conversation
        std::vector<core::Conversation> conversations;
    };
    static constexpr size_t batch_size = 8;
    // Batches queued at most: beyond that the reading worker judges them itself.
    static constexpr size_t max_queued = 8;

    const match::Engine& m_engine;
    std::mutex m_mutex;
    std::condition_variable m_work;
    std::deque<Task> m_queue;
    std::atomic<size_t> m_helpers{0};    // workers in help() (changed under m_mutex)
    std::atomic<size_t> m_idle{0};       // of those, the ones waiting for work
};

}  // namespace qalint::cli
