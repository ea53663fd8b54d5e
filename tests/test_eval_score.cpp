// The agreement figures eval prints: undefined ratios, accuracy and Cohen's kappa on known tables.

#include <doctest/doctest.h>

#include "eval/labels.hpp"
#include "eval/score.hpp"

using namespace qalint;

TEST_CASE("eval::RuleCounts") {
    eval::RuleCounts counts;
    SUBCASE("nothing found and nothing to find: every ratio undefined") {
        counts.add(false, false);
        CHECK(counts.judged == 1);
        CHECK_FALSE(counts.precision());
        CHECK_FALSE(counts.recall());
        CHECK_FALSE(counts.f1());
    }
    SUBCASE("all missed: precision undefined, recall and F1 zero") {
        counts.add(true, false);
        counts.add(true, false);
        CHECK_FALSE(counts.precision());
        CHECK(*counts.recall() == 0.0);
        CHECK(*counts.f1() == 0.0);
    }
    SUBCASE("3 right, 1 false alarm, 2 missed") {
        for (int i = 0; i < 3; ++i) counts.add(true, true);
        counts.add(false, true);
        counts.add(true, false);
        counts.add(true, false);
        counts.add(false, false);
        CHECK(counts.judged == 7);
        CHECK(counts.positives == 5);
        CHECK(*counts.precision() == doctest::Approx(0.75));
        CHECK(*counts.recall() == doctest::Approx(0.6));
        CHECK(*counts.f1() == doctest::Approx(2.0 * 3 / (2 * 3 + 1 + 2)));
    }
}

TEST_CASE("eval::LadderAgreement") {
    eval::LadderAgreement ladder;
    CHECK_FALSE(ladder.accuracy());
    CHECK_FALSE(ladder.kappa());
    using core::Ladder;
    SUBCASE("a worked table: 70 % agreement, 50 % by chance, kappa 0.4") {
        for (int i = 0; i < 20; ++i) ladder.add(Ladder::disappointment, Ladder::disappointment);
        for (int i = 0; i < 5; ++i) ladder.add(Ladder::disappointment, Ladder::neutral);
        for (int i = 0; i < 10; ++i) ladder.add(Ladder::neutral, Ladder::disappointment);
        for (int i = 0; i < 15; ++i) ladder.add(Ladder::neutral, Ladder::neutral);
        CHECK(ladder.judged() == 50);
        CHECK(ladder.confusion[0][1] == 5);
        CHECK(ladder.confusion[1][0] == 10);
        CHECK(*ladder.accuracy() == doctest::Approx(0.7));
        CHECK(*ladder.kappa() == doctest::Approx(0.4));
    }
    SUBCASE("qalint always says neutral: agreement no better than chance") {
        ladder.add(Ladder::neutral, Ladder::neutral);
        ladder.add(Ladder::wow, Ladder::neutral);
        ladder.add(Ladder::disappointment, Ladder::neutral);
        CHECK(*ladder.accuracy() == doctest::Approx(1.0 / 3));
        CHECK(*ladder.kappa() == doctest::Approx(0.0));
    }
    SUBCASE("both always say the same rung: kappa undefined, accuracy 1") {
        ladder.add(Ladder::wow, Ladder::wow);
        CHECK(*ladder.accuracy() == 1.0);
        CHECK_FALSE(ladder.kappa());
    }
}

TEST_CASE("eval::edit_distance") {
    CHECK(eval::edit_distance("redirection", "redirection") == 0);
    CHECK(eval::edit_distance("redirektion", "redirection") == 1);
    CHECK(eval::edit_distance("aplogy", "apology") == 1);
    CHECK(eval::edit_distance("thanks", "") == 6);
    CHECK(eval::edit_distance("complaint", "customer-complaint") == 9);
}
