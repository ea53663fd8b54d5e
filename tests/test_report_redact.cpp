#include <doctest/doctest.h>

#include "report/redact.hpp"
#include "report_support.hpp"
#include "util/utf8.hpp"

using namespace qalint;

TEST_CASE("report::redact") {
    SUBCASE("e-mail addresses") {
        CHECK(report::redact("write to jonas.p@example.lt today") == "write to *****.*@*******.** today");
    }
    SUBCASE("phone numbers, not dates, times or short numbers") {
        CHECK(report::redact("call +370 612 34567") == "call +*** *** *****");
        CHECK(report::redact("звоните 8 (912) 345-67-89") == "звоните * (***) ***-**-**");
        CHECK(report::redact("on 2024-05-01 at 12:04, order 12345") == "on 2024-05-01 at 12:04, order 12345");
    }
    SUBCASE("card numbers only when the Luhn check passes; the last four digits stay") {
        CHECK(report::redact("card 4111 1111 1111 1111.") == "card **** **** **** 1111.");
        CHECK(report::redact("card 4111-1111-1111-1111") == "card ****-****-****-1111");
        CHECK(report::redact("ref 4111 1111 1111 1112") == "ref 4111 1111 1111 1112");
    }
    SUBCASE("IBANs when the mod-97 check passes") {
        CHECK(report::redact("IBAN LT12 1000 0111 0100 1000") == "IBAN **** **** **** **** ****");
        CHECK(report::redact("GB82WEST12345698765432") == "**********************");
        CHECK(report::redact("LT00 1000 0111 0100 1000") == "LT00 1000 0111 0100 1000");
    }
    SUBCASE("Lithuanian personal codes: 11 digits, the first 3 to 6") {
        CHECK(report::redact("asmens kodas 38703181745") == "asmens kodas ***********");
        CHECK(report::redact("kodas 48703181745.") == "kodas ***********.");
    }
    SUBCASE("masking keeps the length in characters, so positions stay valid") {
        const std::string text = "Ąžuolas: мой телефон +7 912 345 67 89, почта ąžuolas@pastas.lt";
        CHECK(util::count_chars(report::redact(text)) == util::count_chars(text));
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
}
