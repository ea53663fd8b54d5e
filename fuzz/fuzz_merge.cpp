// `qalint merge` of the bytes as a shard, given twice and beside a real shard: it must refuse or
// merge, and what it writes must be JSON whose counts did not wrap.

#include <fstream>
#include <iterator>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "fuzz_support.hpp"

using namespace qalint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string shard = fuzz::write_scratch("shard.json", bytes);
    const std::string real = fuzz::write_scratch(
        "real.json",
        R"({"tool":{"name":"qalint","version":"0.1.0"},"conversations":[{"file":"a.txt","id":"a","source":"conversation",)"
        R"("languages":["en"],"level":"neutral","score":60,"turns":2,"findings":[]}],"errors":[],"warnings":[],)"
        R"("summary":{"conversations":1,"files":1,"ignored":0}})");
    cli::MergeOptions options;
    options.reports = {shard, real, shard};
    options.output = (fuzz::scratch() / "merged.json").string();
    options.color = "never";
    cli::run_merge(options);
    std::ifstream in(options.output, std::ios::binary);
    const std::string merged((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    fuzz::check_json("merged", merged);
    const auto report = nlohmann::json::parse(merged);
    const auto& summary = report.at("summary");
    // No count past what any run could hold: a wrapped sum is near 2^64.
    for (const char* key : {"files", "ignored", "conversations"})
        if (summary.at(key).get<uint64_t>() > (uint64_t{1} << 42)) fuzz::fail(std::string("summary.") + key + " wrapped", merged);
    return 0;
}
