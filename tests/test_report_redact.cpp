#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "report/personal_data.hpp"
#include "report/redact.hpp"
#include "report_support.hpp"
#include "util/utf8.hpp"

using namespace qalint;

TEST_CASE("report::redact") {
    SUBCASE("e-mail addresses, with letters beyond ASCII too") {
        CHECK(report::redact("write to jonas.p@example.lt today") == "write to *****.*@*******.** today");
        CHECK(report::redact("paštas ąžuolas@paštas.lt.") == "paštas *******@******.**.");
    }
    SUBCASE("phone numbers, international and local, not dates, times or short numbers") {
        CHECK(report::redact("call +370 612 34567") == "call +*** *** *****");
        CHECK(report::redact("звоните 8 (912) 345-67-89") == "звоните * (***) ***-**-**");
        CHECK(report::redact("+7 912 345-67-89, +44 20 7946 0958") == "+* *** ***-**-**, +** ** **** ****");
        CHECK(report::redact("0037061234567 or 861234567") == "************* or *********");
        CHECK(report::redact("mano 8 612 34567 arba 612 34567") == "mano * *** ***** arba *** *****");
        CHECK(report::redact("мобильный 912 345 67 89, городской 123-45-67") ==
              "мобильный *** *** ** **, городской ***-**-**");
        CHECK(report::redact("UK 07700 900123") == "UK ***** ******");
        CHECK(report::redact("tel. 2345678") == "tel. *******");
        CHECK(report::redact("Tel. nr. 5 212 3456, номер телефона 2345678") == "Tel. nr. * *** ****, номер телефона *******");
        CHECK(report::redact("telling 2345678") == "telling 2345678");
        CHECK(report::redact("on 2024-05-01 at 12:04, order 12345") == "on 2024-05-01 at 12:04, order 12345");
        CHECK(report::redact("2024-05-01 8 612 34567") == "2024-05-01 * *** *****");
        CHECK(report::redact("01.05.2024 12:00, sum 1 000 000, order 123456789") ==
              "01.05.2024 12:00, sum 1 000 000, order 123456789");
        CHECK(report::redact("call 8 612 34567. 2 days later") == "call * *** *****. 2 days later");
    }
    SUBCASE("card numbers only when the Luhn check passes; the last four digits stay") {
        CHECK(report::redact("card 4111 1111 1111 1111.") == "card **** **** **** 1111.");
        CHECK(report::redact("card 4111-1111-1111-1111") == "card ****-****-****-1111");
        CHECK(report::redact("amex 378282246310005") == "amex ***********0005");
        CHECK(report::redact("ref 4111 1111 1111 1112") == "ref 4111 1111 1111 1112");
        CHECK(report::redact("ref 1234567890123456") == "ref 1234567890123456");
    }
    SUBCASE("IBANs of any country, spaced or not, followed by words or not, when the mod-97 check passes") {
        CHECK(report::redact("IBAN LT12 1000 0111 0100 1000") == "IBAN **** **** **** **** ****");
        CHECK(report::redact("Your account LT12 1000 0111 0100 1000 is frozen") ==
              "Your account **** **** **** **** **** is frozen");
        CHECK(report::redact("IBAN DE89370400440532013000 thanks") == "IBAN ********************** thanks");
        CHECK(report::redact("GB82WEST12345698765432") == "**********************");
        CHECK(report::redact("sąskaita lv80bank0000435195001, ačiū") == "sąskaita *********************, ačiū");
        CHECK(report::redact("konto NO93 8601 1117 947.") == "konto **** **** **** ***.");
        CHECK(report::redact("LT00 1000 0111 0100 1000") == "LT00 1000 0111 0100 1000");
        CHECK(report::redact("order AB12 3456 7890 1234 56") == "order AB12 3456 7890 1234 56");
    }
    SUBCASE("Lithuanian personal codes: 11 digits, first 1-6, a real birth date, the check digit") {
        CHECK(report::redact("asmens kodas 38703181745") == "asmens kodas ***********");
        CHECK(report::redact("kodas 50001010006.") == "kodas ***********.");
        CHECK(report::redact("kodas 38501010087") == "kodas ***********");   // the second weights
        CHECK(report::redact("kodas 38703181746") == "kodas 38703181746");   // wrong check digit
        CHECK(report::redact("kodas 38713181745") == "kodas 38713181745");   // month 13
        CHECK(report::redact("kodas 98703181745") == "kodas 98703181745");   // first digit 9
    }
    SUBCASE("the check digits") {
        CHECK(report::luhn_valid("4012888888881881"));
        CHECK_FALSE(report::luhn_valid("4012888888881882"));
        CHECK(report::iban_checksum_valid("lt12 1000 0111 0100 1000"));
        CHECK_FALSE(report::iban_checksum_valid("LT13 1000 0111 0100 1000"));
        CHECK(report::lithuanian_personal_code_valid("60503150001") == (report::redact("60503150001") != "60503150001"));
        CHECK_FALSE(report::lithuanian_personal_code_valid("30002300000"));    // 30 February
    }
    SUBCASE("masking keeps the length in characters, so positions stay valid") {
        const std::string text = "Ąžuolas: мой телефон +7 912 345 67 89, почта ąžuolas@pastas.lt";
        CHECK(util::count_chars(report::redact(text)) == util::count_chars(text));
    }
    SUBCASE("a long run of numbers is read once") {
        std::string text;
        for (int i = 0; i < 20000; ++i) text += "12 ";
        CHECK(report::redact(text) == text);
    }
    SUBCASE("a redacting reporter masks transcript and matches in every format") {
        const core::Verdict verdict = test::judged(
            "Agent: Hello, how can I help you?\nCustomer: my card is 4111 1111 1111 1111 and mail ann@example.com\n"
            "Agent: Please hold.\n");
        for (const char* format : {"text", "json", "csv", "sarif", "markdown", "github", "html"}) {
            const std::string out = test::render(format, {verdict}, {}, true);
            CHECK_MESSAGE(out.find("ann@example.com") == std::string::npos, format);
            CHECK_MESSAGE(out.find("4111 1111 1111 1111") == std::string::npos, format);
        }
        const std::string html = test::render("html", {verdict}, {}, true);
        CHECK(html.find("**** **** **** 1111") != std::string::npos);
        CHECK(html.find("***@*******.***") != std::string::npos);
        const std::string plain = test::render("html", {verdict});
        CHECK(plain.find("ann@example.com") != std::string::npos);
    }
    SUBCASE("speaker names, conversation ids and input problems are masked too") {
        const core::Verdict verdict = test::judged(
            "Agent: Hello, how can I help you?\nann@example.com: That is not my department.\n", "chats/chat.txt");
        const std::vector<core::InputError> problems = {
            {"chats/chat.txt", "roles guessed: \"ann@example.com\" says \"call me at +370 612 34567\"", true}};
        for (const char* format : {"text", "json", "sarif", "markdown", "github", "html"}) {
            const std::string out = test::render(format, {verdict}, problems, true);
            CHECK_MESSAGE(out.find("ann@example.com") == std::string::npos, format);
            CHECK_MESSAGE(out.find("612 34567") == std::string::npos, format);
        }
    }
}

namespace {

// A team's own rule that quotes what follows "details:", so that each kind of personal data is
// the match of a finding and reaches every field a report quotes.
const char* quoting_rule = R"(id: quotes-details
title: Details written into the chat
category: anti-pattern
level: warning
ladder: neutral
kind: phrase
speaker: any
message: Personal details were written into the chat.
patterns:
  en: [{regex: "details: [^;]+"}]
examples:
  match:
    en: ["details: 12; thanks"]
)";

struct Kind {
    const char* name;
    const char* raw;      // as the customer wrote it
    const char* masked;   // as every report must quote it
};

const std::vector<Kind> kinds = {
    {"IBAN in groups", "LT12 1000 0111 0100 1000", "**** **** **** **** ****"},
    {"IBAN unspaced", "DE89370400440532013000", "**********************"},
    {"IBAN with letters", "GB82 WEST 1234 5698 7654 32", "**** **** **** **** **** **"},
    {"card spaced", "4111 1111 1111 1111", "**** **** **** 1111"},
    {"card dashed", "5500-0000-0000-0004", "****-****-****-0004"},
    {"phone +370", "+370 612 34567", "+*** *** *****"},
    {"phone +7", "+7 (912) 345-67-89", "+* (***) ***-**-**"},
    {"phone +44", "+44 20 7946 0958", "+** ** **** ****"},
    {"phone local lt", "8 612 34567", "* *** *****"},
    {"phone local ru", "8 (912) 345-67-89", "* (***) ***-**-**"},
    {"e-mail", "ann.lee@example.com", "***.***@*******.***"},
    {"personal code", "38703181745", "***********"},
};

// Near misses: the report quotes them as they are.
const std::vector<const char*> near_misses = {
    "AB12 3456 7890 1234 56",    // an order number: fails mod-97
    "4111 1111 1111 1112",       // 16 digits failing Luhn
    "38703181746",               // 11 digits with a wrong check digit
    "order 12345 on 2024-05-01",
};

// How a format writes text it quotes: Markdown escapes the stars.
std::string as_written(const std::string& format, const std::string& text) {
    if (format != "markdown") return text;
    std::string out;
    for (char c : text) out += c == '*' ? std::string("\\*") : std::string(1, c);
    return out;
}

}  // namespace

TEST_CASE("report::redact every kind of personal data in every format, from the command line") {
    namespace fs = std::filesystem;
    const fs::path root = cli_test::temp_path("qalint-test-redact");
    fs::remove_all(root);
    fs::create_directories(root);
    std::ofstream(root / "quotes.yaml") << quoting_rule;
    std::string chat = "Agent: Hello, how can I help you?\n";
    // Each followed by words, as people write them ("LT12 1000 0111 0100 1000 is frozen"), and by
    // punctuation.
    for (const auto& kind : kinds) {
        chat += std::string("Customer: my details: ") + kind.raw + " is what I have; thanks\n";
        chat += std::string("Customer: my details: ") + kind.raw + ".; thanks\n";
    }
    for (const char* miss : near_misses) chat += std::string("Customer: my details: ") + miss + "; thanks\n";
    std::ofstream(root / "chat.txt") << chat;

    for (const std::string format : {"text", "json", "sarif", "csv", "html", "markdown", "github"}) {
        const cli_test::Run run =
            cli_test::run_qalint("check --redact --lang en --color never --format " + format + " --rules " +
                                 (root / "quotes.yaml").string() + " " + (root / "chat.txt").string());
        CHECK_MESSAGE(run.status == 1, format);
        for (const auto& kind : kinds) {
            const std::string what = format + ": " + kind.name;
            CHECK_MESSAGE(run.out.find(kind.raw) == std::string::npos, what);
            CHECK_MESSAGE(run.out.find(as_written(format, kind.masked)) != std::string::npos, what);
        }
        for (const char* miss : near_misses)
            CHECK_MESSAGE(run.out.find(miss) != std::string::npos, (format + ": " + miss));
    }
    fs::remove_all(root);
}
