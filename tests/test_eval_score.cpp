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

TEST_CASE("eval::LadderAgreement::score_order ranks the pairs the coach put on different rungs") {
    using core::Ladder;
    eval::LadderAgreement ladder;
    CHECK(ladder.score_order().pairs() == 0);
    CHECK_FALSE(ladder.score_order().gamma());
    // Coach: two disappointments (scores 10, 40), a neutral (40), a wow (80); a second neutral (55).
    ladder.add(Ladder::disappointment, Ladder::disappointment, 10);
    ladder.add(Ladder::disappointment, Ladder::neutral, 40);
    ladder.add(Ladder::neutral, Ladder::neutral, 40);
    ladder.add(Ladder::neutral, Ladder::neutral, 55);
    ladder.add(Ladder::wow, Ladder::wow, 80);
    // Pairs: d10<n40 d10<n55 d40=n40 d40<n55 | d10<w80 d40<w80 | n40<w80 n55<w80; the two
    // neutrals are on one rung and make no pair.
    const eval::ScoreOrder order = ladder.score_order();
    CHECK(order.pairs() == 8);
    CHECK(order.concordant == 7);
    CHECK(order.tied == 1);
    CHECK(order.discordant == 0);
    CHECK(*order.gamma() == 1.0);
    // A disappointment scored above a neutral is the wrong way round.
    ladder.add(Ladder::disappointment, Ladder::neutral, 60);
    const eval::ScoreOrder worse = ladder.score_order();
    CHECK(worse.pairs() == 11);
    CHECK(worse.discordant == 2);
    CHECK(*worse.gamma() == doctest::Approx((8.0 - 2.0) / 10.0));
    // Sets add up: the pairs across them are counted too.
    eval::LadderAgreement other;
    other.add(Ladder::wow, Ladder::neutral, 5);
    ladder.add(other);
    CHECK(ladder.score_order().pairs() == 11 + 5);
    CHECK(ladder.score_order().discordant == 2 + 5);
}

TEST_CASE("eval::edit_distance") {
    CHECK(eval::edit_distance("redirection", "redirection") == 0);
    CHECK(eval::edit_distance("redirektion", "redirection") == 1);
    CHECK(eval::edit_distance("aplogy", "apology") == 1);
    CHECK(eval::edit_distance("thanks", "") == 6);
    CHECK(eval::edit_distance("complaint", "customer-complaint") == 9);
}
