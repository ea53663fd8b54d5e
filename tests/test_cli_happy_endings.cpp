// Issue 22's examples, in our own words: the common happy endings are not "ignoring the customer",
// a call centre's welcome is a greeting, a noise fragment after the goodbye needs no answer, and an
// agent who answers a second question with the same canned text has not answered it.

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_support.hpp"

namespace {

struct Judged {
    std::string level;
    std::set<std::string> rules;
};

Judged judge(const std::string& name, const std::string& transcript) {
    const auto folder = cli_test::temp_path("qalint-endings");
    std::filesystem::create_directories(folder);
    const auto path = folder / name;
    std::ofstream(path) << transcript;
    const auto run = cli_test::run_qalint("check --format json " + path.string());
    std::filesystem::remove(path);
    REQUIRE((run.status == 0 || run.status == 1));
    const auto report = nlohmann::json::parse(run.out);
    REQUIRE(report["conversations"].size() == 1);
    Judged judged{report["conversations"][0]["level"].get<std::string>(), {}};
    for (const auto& f : report["conversations"][0]["findings"]) judged.rules.insert(f["rule"].get<std::string>());
    return judged;
}

}  // namespace

TEST_CASE("cli::a happy ending is not an unanswered customer, in ru, lt and en") {
    const std::string en_start =
        "Customer: Hi, my parcel shows delivered but it's not here.\n"
        "Agent: Hello! I'm sorry about that. I have asked the courier to redeliver it tomorrow by 12:00. "
        "Is there anything else I can help with?\n";
    for (const char* ending : {"Customer: Thank you so much for your help!", "Customer: That's everything, thanks!",
                               "Customer: Nope, I'm good.", "Customer: That will be all.",
                               "Customer: Got it. You've been very helpful.", "Customer: 👍"}) {
        CAPTURE(ending);
        const auto judged = judge("en.txt", en_start + ending + "\n");
        CHECK(judged.rules.count("unanswered-customer") == 0);
        CHECK(judged.level != "disappointment");
    }
    const std::string ru_start =
        "Клиент: Здравствуйте, посылка числится доставленной, но её нет.\n"
        "Оператор: Здравствуйте! Приношу извинения. Курьер привезёт её завтра до 12:00. Могу ещё чем-то помочь?\n";
    for (const char* ending : {"Клиент: Большое спасибо за помощь, вы очень помогли!", "Клиент: На этом всё.",
                               "Клиент: нет, ничего больше не нужно, спасибо"}) {
        CAPTURE(ending);
        CHECK(judge("ru.txt", ru_start + ending + "\n").rules.count("unanswered-customer") == 0);
    }
    const std::string lt_start =
        "Klientas: Laba diena, siuntinys pažymėtas kaip pristatytas, bet jo nėra.\n"
        "Operatorius: Laba diena! Atsiprašome. Kurjeris jį pristatys rytoj iki 12 val. Ar dar kuo nors galiu padėti?\n";
    for (const char* ending : {"Klientas: Labai ačiū už pagalbą, padėjote!", "Klientas: Ne, nieko daugiau nereikia.",
                               "Klientas: dekoju, grazaus vakaro"}) {
        CAPTURE(ending);
        CHECK(judge("lt.txt", lt_start + ending + "\n").rules.count("unanswered-customer") == 0);
    }
    SUBCASE("but a question, a new problem or sarcasm at the end still needs an answer") {
        CHECK(judge("en.txt", en_start + "Customer: Thanks, but will I get the delivery fee back?\n")
                  .rules.count("unanswered-customer") == 1);
        CHECK(judge("ru.txt", ru_start + "Клиент: Спасибо за ничего.\n").rules.count("unanswered-customer") == 1);
        CHECK(judge("lt.txt", lt_start + "Klientas: ačiū, bet pinigai vis dar negrįžo\n").rules.count("unanswered-customer") == 1);
    }
}

TEST_CASE("cli::calls: a call centre's welcome greets, and a noise fragment after the goodbye needs no answer") {
    const auto judged = judge("call.txt",
                              "Agent: Thank you for calling Northern Bank, this is Jessica, how can I help you?\n"
                              "Customer: hi um i'd like to check when my card payment clears\n"
                              "Agent: it clears tomorrow by nine a m. is there anything else i can help with\n"
                              "Customer: no that's all thanks\n"
                              "Agent: thank you for calling have a great day bye\n"
                              "Customer: you <unk>\n");
    CHECK(judged.rules.count("missing-greeting") == 0);
    CHECK(judged.rules.count("unanswered-customer") == 0);
    const auto ru = judge("call-ru.txt",
                          "Оператор: Спасибо за звонок в банк «Северный», меня зовут Анна, чем могу помочь?\n"
                          "Клиент: хотела узнать когда спишется платёж\n"
                          "Оператор: спишется завтра до девяти утра. могу ещё чем-то помочь\n"
                          "Клиент: нет спасибо\n"
                          "Оператор: всего доброго до свидания\n"
                          "Клиент: до <unk>\n");
    CHECK(ru.rules.count("missing-greeting") == 0);
    CHECK(ru.rules.count("unanswered-customer") == 0);
}

TEST_CASE("cli::non-answer: the same canned reply to a second question is a disappointment") {
    const auto judged = judge("thread.txt",
                              "Customer: @acme can I move my booking to next week?\n"
                              "Agent: @ann Here to help! Everything about bookings is here: https://t.co/Ab12\n"
                              "Customer: @acme I read it, it doesn't say. Can I move it or not?\n"
                              "Agent: @ann Hi! Please visit https://t.co/Ab12 for more information.\n");
    CHECK(judged.rules.count("non-answer") == 1);
    CHECK(judged.level == "disappointment");
    const auto answered = judge("thread.txt",
                                "Customer: @acme can I move my booking to next week?\n"
                                "Agent: @ann Here to help! Everything about bookings is here: https://t.co/Ab12\n"
                                "Customer: @acme I read it, it doesn't say. Can I move it or not?\n"
                                "Agent: @ann Yes: I have moved it to Monday the 14th, the confirmation is in your e-mail.\n");
    CHECK(answered.rules.count("non-answer") == 0);
}

TEST_CASE("cli::a short answer to the agent's question is not an unanswered customer, in ru, lt and en") {
    // The agent asked; the customer's last word gives what was asked. A number or a date is the answer here.
    CHECK(judge("en.txt", "Customer: my tv is dark\nAgent: Which TV is it?\nCustomer: lg smart tv, bought it in 2021\n")
              .rules.count("unanswered-customer") == 0);
    CHECK(judge("ru.txt", "Клиент: нет воды\nОператор: Подскажите, пожалуйста, адрес.\nКлиент: Лесная 8, второй подъезд\n")
              .rules.count("unanswered-customer") == 0);
    CHECK(judge("lt.txt", "Klientas: nėra vandens\nOperatorius: Kada jums būtų patogiau – darbo dienomis ar šeštadienį?\n"
                          "Klientas: šeštadienį ryte\n")
              .rules.count("unanswered-customer") == 0);
    // The same words without the question, or with the customer's own complaint in them, still need a reply.
    CHECK(judge("en.txt", "Customer: my tv is dark\nAgent: We have reset your box.\nCustomer: lg smart tv, bought it in 2021\n")
              .rules.count("unanswered-customer") == 1);
    CHECK(judge("en.txt", "Customer: my tv is dark\nAgent: Which TV is it?\nCustomer: lg, like I said yesterday\n")
              .rules.count("unanswered-customer") == 1);
}

TEST_CASE("cli::a promise without a time that the customer says came to nothing drops the conversation, in ru, lt and en") {
    // threads/NOTES: "we should have it working very soon" and then "still hasn't been fixed" is a disappointment;
    // the same promise answered with thanks, or a promise with a time, is not.
    const std::string en_start =
        "Customer: The change-flight page on your site is broken again.\n"
        "Agent: Sorry! Our IT team is on it and we'll have it working again soon.\n";
    const auto broken = judge("en.txt", en_start + "Customer: That was four days ago and nobody has looked at it.\n");
    CHECK(broken.rules.count("promise-not-kept") == 1);
    CHECK(broken.level == "disappointment");
    CHECK(judge("en.txt", en_start + "Customer: Thanks, I'll wait.\n").rules.count("promise-not-kept") == 0);
    CHECK(judge("en.txt",
                "Customer: The change-flight page on your site is broken again.\n"
                "Agent: Sorry! We'll have it fixed by 6 pm today.\n"
                "Customer: It's 7 pm and it's still broken.\n")
              .rules.count("promise-not-kept") == 0);
    const auto ru = judge("ru.txt",
                          "Клиент: Нет интернета с утра.\n"
                          "Оператор: Простите! Специалисты уже работают, скоро всё заработает.\n"
                          "Клиент: Вы и вчера так говорили. Мне никто не перезвонил.\n");
    CHECK(ru.rules.count("promise-not-kept") == 1);
    CHECK(ru.level == "disappointment");
    const auto lt = judge("lt.txt",
                          "Klientas: Nuo ryto neveikia internetas.\n"
                          "Operatorius: Atsiprašome! Specialistai jau dirba, greitai viskas veiks.\n"
                          "Klientas: praejo dvi dienos, niekas nepaskambino\n");
    CHECK(lt.rules.count("promise-not-kept") == 1);
    CHECK(lt.level == "disappointment");
    SUBCASE("the customer restating the problem at once is not a promise broken") {
        CHECK(judge("en.txt", en_start + "Customer: Still no way to change my flight online.\n")
                  .rules.count("promise-not-kept") == 0);
    }
}
