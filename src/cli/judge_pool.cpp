#include "cli/judge_pool.hpp"

#include <algorithm>
#include <vector>

namespace qalint::cli {

void JudgePool::File::add(core::Conversation&& conversation) {
    const uint64_t place = m_next++;
    if (!m_shared && m_pool.m_helpers.load(std::memory_order_relaxed) == 0) {
        // No helper, and nothing of this file with one: judged here and handed straight on, without
        // a lock (every worker busy with a file of its own, the usual case).
        ++m_handed;
        m_sink(m_pool.m_engine.judge(std::move(conversation)));
        return;
    }
    {
        std::unique_lock lock(m_pool.m_mutex);
        // Helpers judge while this worker reads and reports; it judges itself only when they are
        // behind (the queue is full), so they seldom wait and need waking.
        if (m_pool.m_helpers.load(std::memory_order_relaxed) > 0 && m_pool.m_queue.size() < max_queued) {
            m_pool.m_queue.push_back({this, place, std::move(conversation)});
            ++m_outstanding;
            m_shared = true;
            // A sleeping helper is woken for a few conversations at once, not for each one.
            const bool wake = m_pool.m_idle.load(std::memory_order_relaxed) > 0 && m_pool.m_queue.size() >= wake_at;
            lock.unlock();
            if (wake) m_pool.m_work.notify_one();
            hand_on_ready();
            return;
        }
    }
    core::Verdict verdict = m_pool.m_engine.judge(std::move(conversation));
    {
        std::lock_guard guard(m_pool.m_mutex);
        m_done.emplace(place, std::move(verdict));
    }
    hand_on_ready();
}

void JudgePool::File::hand_on_ready() {
    std::vector<core::Verdict> ready;
    {
        std::lock_guard guard(m_pool.m_mutex);
        for (auto it = m_done.begin(); it != m_done.end() && it->first == m_handed; it = m_done.erase(it)) {
            ready.push_back(std::move(it->second));
            ++m_handed;
        }
    }
    for (auto& verdict : ready) m_sink(std::move(verdict));
}

void JudgePool::File::finish() {
    for (;;) {
        std::unique_lock lock(m_pool.m_mutex);
        if (m_outstanding == 0) break;
        // A conversation of this file still queued is judged here rather than waited for.
        const auto own = std::find_if(m_pool.m_queue.begin(), m_pool.m_queue.end(),
                                      [&](const Task& task) { return task.file == this; });
        if (own != m_pool.m_queue.end()) {
            Task task = std::move(*own);
            m_pool.m_queue.erase(own);
            lock.unlock();
            core::Verdict verdict = m_pool.m_engine.judge(std::move(task.conversation));
            lock.lock();
            m_done.emplace(task.place, std::move(verdict));
            --m_outstanding;
        } else {
            m_progress.wait(lock);
        }
        lock.unlock();
        hand_on_ready();
    }
    hand_on_ready();
}

void JudgePool::help(const std::function<bool()>& finished) {
    std::unique_lock lock(m_mutex);
    m_helpers.fetch_add(1, std::memory_order_relaxed);
    for (;;) {
        if (m_queue.empty()) {
            if (finished()) {
                m_helpers.fetch_sub(1, std::memory_order_relaxed);
                return;
            }
            m_idle.fetch_add(1, std::memory_order_relaxed);
            m_work.wait(lock);
            m_idle.fetch_sub(1, std::memory_order_relaxed);
            continue;
        }
        Task task = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        core::Verdict verdict = m_engine.judge(std::move(task.conversation));
        lock.lock();
        task.file->m_done.emplace(task.place, std::move(verdict));
        --task.file->m_outstanding;
        task.file->m_progress.notify_one();
    }
}

void JudgePool::wake_helpers() {
    { std::lock_guard guard(m_mutex); }
    m_work.notify_all();
}

}  // namespace qalint::cli
