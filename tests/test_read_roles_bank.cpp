// A bank of two-speaker openings in Russian, Lithuanian and English, half of them with the customer
// speaking first («Алло?», „Alio?“, "hello?", «Я хочу…», „Man reikia…“), in chat and in call-transcript
// register (lower case, no punctuation, Lithuanian without diacritics; spk_0 / spk_1 or two first
// names). Nothing in the names tells the roles: the reader must tell the agent from what is said
// (rules/vocabularies/agent-voice.yaml, customer-voice.yaml), not from who speaks first.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "read/reader.hpp"
#include "rules/load.hpp"
#include "rules/role_cues.hpp"

using namespace qalint;

namespace {

struct Opening {
    const char* language;
    bool customer_first;
    const char* agent;    // the speaker who is the agent
    const char* text;     // plain-text transcript, `Speaker: text` per line
};

// clang-format off
const std::vector<Opening> openings = {
    // ── Russian ──
    {"ru", true, "spk_1",
     "spk_0: Алло?\n"
     "spk_1: Банк «Северный», Анна, здравствуйте.\n"
     "spk_0: Здравствуйте. Мне нужно перевыпустить карту.\n"},
    {"ru", true, "spk_1",
     "spk_0: алло\n"
     "spk_1: банк северный анна здравствуйте\n"
     "spk_0: да здравствуйте мне нужно оплатить рассрочку\n"},
    {"ru", true, "spk_1",
     "spk_0: алло алло\n"
     "spk_1: компания ромашка меня зовут олег слушаю вас\n"
     "spk_0: ага добрый день я по поводу доставки\n"},
    {"ru", true, "Марина",
     "Игорь: Добрый день, мне зачем-то начислили комиссию за обслуживание\n"
     "Марина: Здравствуйте! Интернет-магазин «Лавка», меня зовут Марина. Давайте посмотрим.\n"},
    {"ru", true, "spk_0",
     "spk_1: ало\n"
     "spk_0: служба доставки быстрый кот здравствуйте\n"
     "spk_1: здрасте мне должны были вчера привезти диван\n"},
    {"ru", true, "Ольга",
     "Денис: я хочу закрыть накопительный счёт\n"
     "Ольга: Добрый вечер! С вами говорит Ольга, банк «Заря». Подскажите, какой именно счёт?\n"},
    {"ru", true, "spk_1",
     "spk_0: алло здравствуйте\n"
     "spk_1: добрый день вас слушает виктор компания теплодом\n"
     "spk_0: добрый у меня течёт батарея после монтажа\n"},
    {"ru", true, "spk_1",
     "spk_0: да алло\n"
     "spk_1: здравствуйте слушаю вас\n"
     "spk_0: мне нужно поменять адрес доставки\n"},
    {"ru", true, "Тимур",
     "Ирина: здравствуйте мне нужно срочно заблокировать карту\n"
     "Тимур: добрый день банк северный тимур слушаю вас\n"},
    {"ru", true, "spk_1",
     "spk_0: але\n"
     "spk_1: здравствуйте банк северный анна\n"
     "spk_0: ага здравствуйте я по поводу кредитных каникул\n"},
    {"ru", false, "Светлана",
     "Светлана: Добрый день! Магазин «Уют», Светлана. Чем могу помочь?\n"
     "Павел: хочу вернуть стол, пришёл со сколом\n"},
    {"ru", false, "spk_0",
     "spk_0: банк восток здравствуйте меня зовут ирина\n"
     "spk_1: здравствуйте у меня карта не работает в банкоматах\n"},
    {"ru", false, "spk_0",
     "spk_0: добрый день компания связьком екатерина слушаю вас\n"
     "spk_1: добрый мне нужно подключить домашний интернет\n"},
    {"ru", false, "Алексей",
     "Алексей: Здравствуйте, вас консультирует Алексей.\n"
     "Нина: Мне нужна справка о доходах за прошлый год\n"},
    {"ru", false, "spk_1",
     "spk_1: алло здравствуйте это анна из банка северный\n"
     "spk_0: да слушаю\n"},
    {"ru", false, "Вера",
     "Вера: Здравствуйте! Служба поддержки «Облако», меня зовут Вера.\n"
     "Глеб: добрый день, мой аккаунт заблокировали без объяснений\n"},
    {"ru", false, "spk_0",
     "spk_0: с вами говорит денис компания домофон сервис\n"
     "spk_1: у нас домофон не открывает дверь\n"},

    // ── Lithuanian ──
    {"lt", true, "spk_1",
     "spk_0: Alio?\n"
     "spk_1: Banko „Šiaurė“ klientų aptarnavimas, Rasa, laba diena.\n"
     "spk_0: Laba diena, man reikia naujos kortelės.\n"},
    {"lt", true, "spk_1",
     "spk_0: alio\n"
     "spk_1: banko siaure klientu aptarnavimas rasa laba diena\n"
     "spk_0: man reikia pasikeisti pin koda\n"},
    {"lt", true, "spk_1",
     "spk_0: alio alio\n"
     "spk_1: laba diena jus aptarnauja tomas\n"
     "spk_0: noreciau suzinoti kada atvaziuos kurjeris\n"},
    {"lt", true, "Ieva",
     "Mantas: Norėčiau pasiteirauti dėl paskolos\n"
     "Ieva: Laba diena, Mantai! Su jumis kalba Ieva, banko „Aušra“ konsultantė.\n"},
    {"lt", true, "spk_0",
     "spk_1: alio\n"
     "spk_0: internetine parduotuve namu jaukas laba diena klausau\n"
     "spk_1: sveiki pirkau lempa ir ji neatejo\n"},
    {"lt", true, "Darius",
     "Lina: mano kortelė kažkodėl užblokuota\n"
     "Darius: Sveiki, Lina. Banko „Vakarai“ klientų aptarnavimas, Darius. Tuoj pažiūrėsiu.\n"},
    {"lt", true, "spk_1",
     "spk_0: alio laba diena\n"
     "spk_1: laba diena klausau jusu\n"
     "spk_0: man reikia israso uz praejusi menesi\n"},
    {"lt", true, "spk_1",
     "spk_0: taip alio\n"
     "spk_1: bendrovė „Šilumos tinklai“, laba diena, klausau\n"
     "spk_0: noriu pranešti, kad laiptinėje šalti radiatoriai\n"},
    {"lt", true, "spk_1",
     "spk_0: alio\n"
     "spk_1: laba diena bankas siaure rasa klausau\n"
     "spk_0: labas noreciau atsidaryti nauja saskaita\n"},
    {"lt", true, "Paulius",
     "Jurgita: man reikia atšaukti vakarykštį mokėjimą\n"
     "Paulius: Laba diena, banko „Šiaurė“ klientų aptarnavimas, Paulius, klausau Jūsų.\n"},
    {"lt", false, "Agnė",
     "Agnė: Laba diena! Parduotuvė „Knygynėlis“, Agnė. Kuo galiu padėti?\n"
     "Petras: norėčiau grąžinti knygą, ji su brokuotais lapais\n"},
    {"lt", false, "spk_0",
     "spk_0: banko siaure klientu aptarnavimas laba diena\n"
     "spk_1: sveiki man reikia pagalbos su internetine bankininkyste\n"},
    {"lt", false, "spk_0",
     "spk_0: laba diena su jumis kalba egle imone elektra plius\n"
     "spk_1: laba mano saskaita sita menesi per didele\n"},
    {"lt", false, "spk_1",
     "spk_1: laba diena cia rasa is banko siaure\n"
     "spk_0: taip klausau\n"},
    {"lt", false, "Gabija",
     "Gabija: Sveiki, Jus aptarnauja Gabija.\n"
     "Tomas: Sveiki, mano siunta vis dar neatkeliavo\n"},
    {"lt", false, "spk_1",
     "spk_1: sveiki jus pasiekete elektros tinklu klientu aptarnavima\n"
     "spk_0: laba mano namuose dingo elektra\n"},

    // ── English ──
    {"en", true, "spk_1",
     "spk_0: hello?\n"
     "spk_1: northern bank this is anna speaking how can i help\n"
     "spk_0: hi i need a new card\n"},
    {"en", true, "spk_1",
     "spk_0: hello\n"
     "spk_1: good morning acme bank anna speaking\n"
     "spk_0: yeah morning my card got declined at the till\n"},
    {"en", true, "Julia",
     "Mark: my parcel never turned up\n"
     "Julia: Hi Mark, you're chatting with Julia from Parcelpoint. Let me look into it.\n"},
    {"en", true, "spk_0",
     "spk_1: hello is that acme\n"
     "spk_0: yes acme customer care sam here what can i do for you\n"},
    {"en", true, "spk_1",
     "spk_0: hi i want to close my account\n"
     "spk_1: good afternoon you're through to northern bank my name is lucy\n"},
    {"en", true, "Ben",
     "Olivia: hey, I was charged twice for one order\n"
     "Ben: Hello Olivia, Ben from Shoply support here. Let's get that sorted.\n"},
    {"en", true, "spk_1",
     "spk_0: yeah hello\n"
     "spk_1: thanks for calling bright energy this is tom\n"
     "spk_0: i need to give you a meter reading\n"},
    {"en", true, "spk_0",
     "spk_1: hello?\n"
     "spk_0: hi you've reached city water this is priya speaking\n"
     "spk_1: hi there's no water coming out of the taps\n"},
    {"en", true, "spk_1",
     "spk_0: hello hello\n"
     "spk_1: sorry about that northern bank anna speaking\n"
     "spk_0: i need to report a stolen card\n"},
    {"en", false, "Anna",
     "Anna: Hi, this is Anna from Acme, how can I help?\n"
     "Dave: I lost my wallet with both cards in it\n"},
    {"en", false, "spk_0",
     "spk_0: acme insurance good morning jane speaking\n"
     "spk_1: morning i'd like to make a claim\n"},
    {"en", false, "spk_0",
     "spk_0: thank you for holding my name is carl how may i help\n"
     "spk_1: my internet keeps dropping out\n"},
    {"en", false, "spk_1",
     "spk_1: hi this is emma calling from northern bank\n"
     "spk_0: yes speaking\n"},
    {"en", false, "Leo",
     "Leo: Good morning! Welcome to Pixel support, Leo here.\n"
     "Sara: hi my phone screen cracked\n"},
    {"en", false, "Nora",
     "Nora: Hi, you're speaking with Nora at Voltline.\n"
     "Greg: I have a question about my last bill\n"},
    {"en", false, "spk_0",
     "spk_0: good evening northern bank you are speaking with kim\n"
     "spk_1: hi im trying to pay my bill online and it keeps failing\n"},
};
// clang-format on

read::ReadOptions with_cues() {
    rules::LoadResult pack;
    rules::load_builtin_rules(pack);
    read::ReadOptions options;
    options.format = "text";
    options.roles.set_cues(rules::role_cue_finder(pack.rules));
    REQUIRE(options.roles.cues() != nullptr);
    return options;
}

// The roles read from one opening: who is the agent, and whether only the order said so.
struct Guessed {
    std::string agent;
    bool by_order = true;
};

Guessed guess(const std::string& text, const read::ReadOptions& options) {
    const auto result = read::read_input("call.txt", text, options);
    REQUIRE(result.conversations.size() == 1);
    return {result.conversations[0].agent_name(), result.conversations[0].roles_by_order};
}

void check_language(const char* language) {
    const read::ReadOptions options = with_cues();
    size_t total = 0, customer_first = 0;
    for (const auto& opening : openings) {
        if (std::string(opening.language) != language) continue;
        ++total;
        customer_first += opening.customer_first;
        const std::string text = opening.text;
        CAPTURE(text);
        const Guessed got = guess(text, options);
        CHECK(got.agent == std::string(opening.agent));
        CHECK_FALSE(got.by_order);    // told by what is said, not by who speaks first
    }
    CHECK(total >= 15);
    CHECK(customer_first * 2 >= total);
}

}  // namespace

TEST_CASE("read::assign_roles bank: Russian openings") {
    check_language("ru");
}

TEST_CASE("read::assign_roles bank: Lithuanian openings") {
    check_language("lt");
}

TEST_CASE("read::assign_roles bank: English openings") {
    check_language("en");
}
