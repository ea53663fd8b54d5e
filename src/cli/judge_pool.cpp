#include "cli/judge_pool.hpp"

#include <algorithm>
#include <vector>

namespace qalint::cli {

void JudgePool::File::add(core::Conversation&& conversation) {
    const uint64_t place = m_next++;
    if (!m_shared && m_batch.empty() && m_pool.m_helpers.load(std::memory_order_relaxed) == 0) {
        // No helper, and nothing of this file with one: judged here and handed straight on, without
        // a lock (every worker busy with a file of its own, the usual case).
        ++m_handed;
        m_sink(m_pool.m_engine.judge(std::move(conversation)));
        return;
    }
    if (m_batch.empty()) m_batch_first = place;
    m_batch.push_back(std::move(conversation));
    if (m_batch.size() >= batch_size) submit_batch();
}

void JudgePool::File::submit_batch() {
    {
        std::unique_lock lock(m_pool.m_mutex);
        // Helpers judge while this worker reads and reports; it judges itself only when they are
        // behind (the queue is full).
        if (m_pool.m_helpers.load(std::memory_order_relaxed) > 0 && m_pool.m_queue.size() < max_queued) {
            m_pool.m_queue.push_back({this, m_batch_first, std::move(m_batch)});
            m_batch.clear();
            ++m_outstanding;
            m_shared = true;
            const bool wake = m_pool.m_idle.load(std::memory_order_relaxed) > 0;
            // What the helpers have judged meanwhile, taken under the same lock.
            std::vector<core::Verdict> ready = take_ready();
            lock.unlock();
            if (wake) m_pool.m_work.notify_one();
            for (auto& verdict : ready) m_sink(std::move(verdict));
            return;
        }
    }
    judge_here(m_batch_first, m_batch);
    m_batch.clear();
    hand_on_ready();
}

void JudgePool::File::judge_here(uint64_t first, std::vector<core::Conversation>& conversations) {
    std::vector<core::Verdict> verdicts;
    verdicts.reserve(conversations.size());
    for (auto& conversation : conversations) verdicts.push_back(m_pool.m_engine.judge(std::move(conversation)));
    std::lock_guard guard(m_pool.m_mutex);
    for (size_t i = 0; i < verdicts.size(); ++i) m_done.emplace(first + i, std::move(verdicts[i]));
}

std::vector<core::Verdict> JudgePool::File::take_ready() {
    std::vector<core::Verdict> ready;
    for (auto it = m_done.begin(); it != m_done.end() && it->first == m_handed; it = m_done.erase(it)) {
        ready.push_back(std::move(it->second));
        ++m_handed;
    }
    return ready;
}

void JudgePool::File::hand_on_ready() {
    std::vector<core::Verdict> ready;
    {
        std::lock_guard guard(m_pool.m_mutex);
        ready = take_ready();
    }
    for (auto& verdict : ready) m_sink(std::move(verdict));
}

void JudgePool::File::finish() {
    if (!m_batch.empty()) {
        judge_here(m_batch_first, m_batch);
        m_batch.clear();
    }
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
            judge_here(task.first, task.conversations);
            lock.lock();
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
        std::vector<core::Verdict> verdicts;
        verdicts.reserve(task.conversations.size());
        for (auto& conversation : task.conversations) verdicts.push_back(m_engine.judge(std::move(conversation)));
        lock.lock();
        for (size_t i = 0; i < verdicts.size(); ++i) task.file->m_done.emplace(task.first + i, std::move(verdicts[i]));
        --task.file->m_outstanding;
        task.file->m_progress.notify_one();
    }
}

void JudgePool::wake_helpers() {
    { std::lock_guard guard(m_mutex); }
    m_work.notify_all();
}

}  // namespace qalint::cli
