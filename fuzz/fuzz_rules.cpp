// A user's rule file: loaded, its references checked, compiled, and run on a few turns. Errors
// are expected; crashes, hangs and memory without end are not (",\n" once grew memory until bad_alloc).

#include "fuzz_support.hpp"
#include "read/reader.hpp"

using namespace qalint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view yaml(reinterpret_cast<const char*>(data), size);
    rules::LoadResult loaded;
    rules::load_rule_yaml(yaml, "fuzz.yaml", loaded);
    rules::check_rule_references(loaded);
    if (!loaded.errors.empty()) return 0;
    std::vector<std::string> errors;
    const auto compiled = rules::CompiledRules::compile(std::move(loaded.rules), errors);
    if (!errors.empty()) return 0;
    const match::Engine engine(compiled, match::EngineOptions{});
    for (const char* text : {"Agent: Hello, how can I help?\nCustomer: my order is late\nAgent: not my department\n",
                             "Оператор: Это не моя компетенция.\nКлиент: Спасибо\n", "Agentas: Ačiū, kad palaukėte\n"}) {
        qalint::read::ReadOptions options;
        for (auto& conversation : qalint::read::read_input("chat.txt", text, options).conversations)
            (void)engine.judge(std::move(conversation));
    }
    return 0;
}
