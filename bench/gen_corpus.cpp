// qalint_gen_corpus: writes a synthetic, deterministic corpus of support chats
// (Russian, Lithuanian, English and mixed Lithuanian/Russian) in qalint's
// plain-text transcript format, for the benchmark in bench/run.sh.
//
//   qalint_gen_corpus OUT_DIR [MEGABYTES=100] [SEED=1]
//
// Files are 2-6 KB, 1000 per subfolder (OUT_DIR/0000/chat-0000000.txt, ...),
// written until their total size reaches MEGABYTES MiB. The same seed gives
// byte-identical output on every platform: the generator uses its own PRNG
// and never std::*_distribution, whose results are implementation-defined.
//
// Standard library only, one file, so it builds with
//   g++ -O2 -std=c++20 bench/gen_corpus.cpp -o qalint_gen_corpus

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

using Phrases = std::vector<std::string_view>;

// splitmix64: tiny, fast, and fully specified, so output is portable.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, n) by multiply-shift; bias is negligible for small n.
    std::uint32_t below(std::uint32_t n)
    {
        return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
    }

    std::uint32_t between(std::uint32_t lo, std::uint32_t hi) { return lo + below(hi - lo + 1); }

    // True with probability percent/100.
    bool chance(std::uint32_t percent) { return below(100) < percent; }

    std::string_view pick(const Phrases& phrases) { return phrases[below(static_cast<std::uint32_t>(phrases.size()))]; }

private:
    std::uint64_t m_state;
};

// Everything a language contributes. Templates may contain placeholders:
// {AGENT} agent's first name, {COMPANY}, {ORDER} order/contract number,
// {SUM} an amount, {TIME} a clock time, {DATE} a day.month date, {N} a small number.
struct LanguagePack {
    std::string_view code;
    Phrases agent_roles;
    Phrases agent_roles_female;  // Lithuanian role words agree with the name; empty elsewhere
    Phrases agent_names;
    Phrases customer_roles;
    Phrases companies;
    Phrases greetings;       // good first turn: greeting + introduction
    Phrases bare_openings;   // a first turn with no greeting
    Phrases open_questions;  // "how can I help"
    Phrases problems;        // the customer's first message
    Phrases clarifications;  // agent's specific questions
    Phrases details;         // customer's answers to them
    Phrases answers;         // agent's neutral, informative replies
    Phrases follow_ups;      // customer's further questions
    Phrases acknowledgements;
    Phrases complaints;      // customer shows frustration
    Phrases anti_patterns;   // agent: competence, redirection, rudeness, vague promises, holds ...
    Phrases empathy;
    Phrases confirmations;   // confirm understanding
    Phrases ownership;
    Phrases next_steps;      // with an exact time
    Phrases options;
    Phrases feedback;
    Phrases praise;
    Phrases thanks;          // agent's closing thanks
    Phrases bare_closings;   // agent's closing without thanks
    Phrases customer_goodbyes;
};

LanguagePack russian()
{
    return {
        "ru",
        {"Оператор", "Менеджер", "Специалист", "Оператор поддержки", "Консультант"},
        {},
        {"Ольга", "Ирина", "Алексей", "Дмитрий", "Наталья", "Сергей", "Екатерина", "Павел", "Юлия", "Артём"},
        {"Клиент", "Абонент", "Клиент", "Покупатель"},
        {"«ТелеСвязь»", "«Домашний уют»", "«СетьПлюс»", "Банк «Северный»", "«ЭнергоСбыт»", "«Быстрая доставка»"},
        {"Здравствуйте! {COMPANY}, меня зовут {AGENT}.", "Добрый день! {COMPANY}, {AGENT}, слушаю вас.",
         "Доброе утро, {COMPANY}, меня зовут {AGENT}.", "Здравствуйте, это {AGENT}, служба поддержки {COMPANY}.",
         "Добрый вечер! Вас приветствует {COMPANY}, оператор {AGENT}."},
        {"Слушаю.", "Да.", "Поддержка.", "Говорите.", "Алло."},
        {"Чем могу помочь?", "Чем могу вам помочь?", "Подскажите, пожалуйста, какой у вас вопрос?",
         "Расскажите, что случилось?", "Чем я могу быть полезна?"},
        {"Здравствуйте. Я заказывал холодильник на {DATE}, никто не приехал и не позвонил.",
         "Добрый день, мне пришёл счёт на {SUM} рублей, обычно плачу в три раза меньше.",
         "Здравствуйте, второй день не работает интернет, на роутере мигает красный.",
         "У меня заблокировали карту, не могу расплатиться в магазине.",
         "Хочу вернуть товар, заказ {ORDER}, пришёл с браком.",
         "Добрый день. Подскажите, как сменить тариф на «Семейный»?",
         "Здравствуйте, с меня дважды списали {SUM} рублей за подписку.",
         "Курьер должен был приехать сегодня до {TIME}, его до сих пор нет.",
         "Не могу войти в личный кабинет, пишет «неверный пароль», хотя пароль верный.",
         "Здравствуйте. В квартире холодные батареи со вчерашнего дня.",
         "Добрый день, я оставлял заявку {DATE}, мне обещали перезвонить и не перезвонили."},
        {"Назовите, пожалуйста, номер заказа.", "Подскажите номер договора или телефон, на который он оформлен.",
         "Когда это началось?", "Вы уже пробовали перезагрузить роутер?", "На какой адрес оформлена доставка?",
         "Уточните, пожалуйста, последние четыре цифры карты.", "Какой браузер вы используете?",
         "Оплата была картой или наличными?"},
        {"Номер заказа {ORDER}.", "Договор {ORDER}, на Кузнецова Андрея.", "Со вчерашнего утра, примерно с {TIME}.",
         "Да, перезагружал три раза, не помогает.", "Адрес тот же, ул. Ленина, 15, кв. {N}.",
         "Последние цифры {N}{N}.", "Картой, оплачивал {DATE}.", "Телефон 8 912 445-{N}-{N}."},
        {"Вижу ваш заказ, он сейчас на складе в Москве.", "Списание прошло дважды, второе списание будет отменено банком.",
         "Тариф «Семейный» стоит {SUM} рублей в месяц, смена тарифа бесплатная.",
         "На вашем адресе ведутся плановые работы на линии.", "Карта заблокирована после трёх неверных вводов ПИН-кода.",
         "Возврат оформляется через личный кабинет, раздел «Мои заказы».",
         "Пароль можно сбросить по ссылке «Забыли пароль?» на странице входа.",
         "Заявка {ORDER} зарегистрирована, статус «в работе».", "Курьер сейчас на маршруте, у него ещё три адреса перед вами.",
         "Деньги поступят на карту в течение трёх рабочих дней."},
        {"А когда примерно?", "А это бесплатно?", "А можно как-то быстрее?", "Мне нужно что-то подписывать?",
         "А если не получится, что тогда?", "И что мне теперь делать?", "А где это посмотреть?"},
        {"Понятно.", "Хорошо.", "Ясно, спасибо.", "Ок.", "Да, всё верно.", "Поняла.", "Ладно."},
        {"Я уже третий раз звоню по этому вопросу!", "Это просто безобразие, я три дня жду дома.",
         "Вы и вчера так говорили, и никто не перезвонил.", "Мне это очень неудобно, я работаю из дома.",
         "Почему я должен за это платить?", "Я стою на кассе с продуктами, а карта не работает!"},
        {"Это не моя компетенция, звоните в бухгалтерию.", "Извините, но это не в моей компетенции.",
         "Это не ко мне, обратитесь в службу доставки.", "Доставкой занимается другой отдел, звоните им, номер на сайте.",
         "Успокойтесь, пожалуйста, не надо на меня кричать.", "Такие правила, я ничего не могу изменить.",
         "Я не знаю, когда закончат.", "Перезвоним позже, как будет информация.", "Постараемся решить побыстрее.",
         "Ожидайте на линии.", "Ваш звонок очень важен для нас.", "Ничем не могу помочь.",
         "Посмотрите сами на сайте, там всё написано.", "Пишите претензию через сайт.",
         "Система не позволяет, я тут ни при чём.", "Переключу вас на другой отдел.", "Адрес найдёте сами на сайте."},
        {"Понимаю, как это неприятно.", "Сочувствую, это действительно неудобно.",
         "Понимаю ваше раздражение, вы ждали три дня.", "Мне очень жаль, что так вышло, приношу извинения."},
        {"Правильно ли я понимаю, что заказ так и не привезли?", "Уточню: правильно ли я понимаю, что перезагрузка не помогла?",
         "Правильно ли я поняла, что вы хотите вернуть деньги, а не обменять товар?",
         "Давайте проверю, что правильно вас поняла: списание прошло дважды {DATE}?"},
        {"Я займусь этим лично, вам не придётся никуда перезванивать.", "Я беру ваш вопрос на себя.",
         "Я лично прослежу, чтобы всё решилось.", "Этим займусь я сама, передавать никуда не буду."},
        {"Перезвоню вам сегодня до {TIME}.", "Мастер приедет завтра с 10:00 до 14:00, я перезвоню до {TIME}.",
         "Ответ пришлю вам на почту сегодня до {TIME}.", "Курьер привезёт заказ {DATE} до {TIME}, я проконтролирую."},
        {"Могу предложить два варианта: курьер или пункт выдачи.", "Могу предложить бесплатный мобильный интернет на это время.",
         "Есть вариант вернуть деньги или обменять товар, как вам удобнее?"},
        {"Остались ли у вас вопросы?", "Есть ли ещё вопросы, с которыми я могу помочь?",
         "Скажите, пожалуйста, вы довольны решением?", "Могу ли я ещё чем-то помочь?"},
        {"Спасибо, что сразу прислали фото, это очень помогает.", "Хорошо, что вы сохранили чек, это всё упрощает."},
        {"Спасибо за обращение! Всего доброго.", "Спасибо за терпение, хорошего дня!", "Спасибо, что позвонили.",
         "Благодарю за обращение в {COMPANY}."},
        {"Всего доброго.", "До свидания.", "Всё.", "Ожидайте."},
        {"Спасибо, до свидания.", "Нет, всё понятно.", "Понятно. Прекрасный сервис.", "Ладно, до свидания.",
         "Нет, спасибо."},
    };
}

LanguagePack lithuanian()
{
    return {
        "lt",
        {"Operatorius", "Konsultantas", "Specialistas"},
        {"Operatorė", "Konsultantė", "Specialistė"},
        {"Rūta", "Tomas", "Andrius", "Eglė", "Jurgita", "Mindaugas", "Aistė", "Darius", "Ieva", "Paulius"},
        {"Klientas", "Klientė", "Klientas"},
        {"„Telesietas“", "„Miesto šiluma“", "„Greitasis kurjeris“", "„Knygų namai“", "„Žalioji energija“",
         "„Baltijos bankas“"},
        {"Laba diena, {COMPANY}, kalba {AGENT}.", "Sveiki, čia {AGENT} iš {COMPANY}.",
         "Labas rytas, {COMPANY} klientų aptarnavimas, {AGENT}.", "Laba diena, mano vardas {AGENT}, {COMPANY}.",
         "Labas vakaras, {COMPANY}, klausau, čia {AGENT}."},
        {"Klausau.", "Taip.", "Sveiki", "Ką norėjote?"},
        {"Kuo galiu Jums padėti?", "Kuo galiu padėti?", "Kaip galėčiau Jums padėti?", "Papasakokite, kas nutiko?"},
        {"Laba diena. Gavau sąskaitą už elektrą – {SUM} eurų, nors paprastai moku apie 40.",
         "Sveiki, jau trečia diena neveikia internetas, o aš dirbu iš namų.",
         "Norėjau sužinoti, kur mano siuntinys, numeris LT{ORDER}.",
         "Užblokavo mano kortelę, negaliu atsiskaityti parduotuvėje.",
         "Laba diena, užsakymas {ORDER} vėluoja jau savaitę.", "Bute šalti radiatoriai nuo vakar.",
         "Sveiki, nuskaičiavo du kartus {SUM} eurų už prenumeratą.",
         "Vakar skambinau, žadėjote perskambinti ir niekas neperskambino.",
         "Noriu grąžinti prekę, atėjo sugadinta.", "Negaliu prisijungti prie savitarnos, rašo „neteisingas slaptažodis“."},
        {"Koks Jūsų kliento kodas?", "Gal galite pasakyti užsakymo numerį?", "Nuo kada tai tęsiasi?",
         "Ar bandėte perkrauti maršrutizatorių?", "Koks pristatymo adresas?", "Kokiu būdu mokėjote?",
         "Paskutiniai keturi kortelės skaitmenys?"},
        {"Kliento kodas {ORDER}.", "Užsakymas {ORDER}.", "Nuo pirmadienio, maždaug nuo {TIME}.",
         "Taip, perkroviau kelis kartus, nepadeda.", "Žirmūnų g. 112, butas {N}.", "Mokėjau kortele {DATE}.",
         "Paskutiniai {N}{N}."},
        {"Matau, siuntinys yra Kauno terminale.", "Jūsų name sugedęs komutatorius, gedimas užregistruotas.",
         "Sąskaita didesnė, nes buvo deklaruoti rodmenys už tris mėnesius.",
         "Kortelė užblokuota po trijų neteisingų PIN kodo įvedimų.", "Grąžinimą galite pateikti savitarnoje, skiltyje „Užsakymai“.",
         "Pinigai bus grąžinti per tris darbo dienas.", "Paštomatai paprastai pildomi pirmoje dienos pusėje.",
         "Prašymas {ORDER} užregistruotas, būsena „vykdoma“.", "Slaptažodį galite atkurti paspaudę „Pamiršote slaptažodį?“."},
        {"O kada tiksliai?", "Ar tai nemokamai?", "O ar galima greičiau?", "Ką man dabar daryti?",
         "O jeigu nepavyks?", "Kur tai galiu pamatyti?"},
        {"Supratau.", "Gerai.", "Aišku, ačiū.", "Ok.", "Taip, teisingai.", "Gerai, ačiū."},
        {"Jau trečią kartą skambinu dėl to paties!", "Kaip galima taip dirbti??", "Aš pensininkė, man tokia suma – pusė pensijos!",
         "Vakar irgi taip sakėte. Niekas neperskambino.", "Man labai nepatogu, dirbu iš namų."},
        {"Tai ne mano kompetencija, skambinkite į buhalteriją.", "Skaičiavimai – ne mano kompetencija.",
         "Kreipkitės į kortelių skyrių, čia ne pas mus.", "Nusiraminkite, nereikia ant manęs rėkti.",
         "Sistema neleidžia man to pakeisti.", "Tokia tvarka, nieko negaliu pakeisti.", "Nežinau, kada bus.",
         "Perskambinsime vėliau, kai bus informacijos.", "Pasistengsime kuo greičiau.", "Laukite ant linijos.",
         "Jūsų skambutis mums labai svarbus.", "Niekuo negaliu padėti.", "Patys pasitikrinkite savitarnoje, ten viskas matosi.",
         "Rašykite el. laišką.", "Tai ne mūsų kompetencija.", "Nieko negaliu padaryti."},
        {"Suprantu, kad esate nusivylęs.", "Suprantu, kad tai labai nemalonu.", "Atsiprašau už nepatogumus.",
         "Suprantu, kaip nemalonu laukti, atsiprašome."},
        {"Ar teisingai supratau, kad internetas neveikia nuo pirmadienio?",
         "Ar teisingai supratau, kad norite grąžinti pinigus, o ne pakeisti prekę?",
         "Pasitikslinsiu: ar teisingai supratau, kad nuskaičiavo du kartus?"},
        {"Šiuo klausimu pasirūpinsiu pats.", "Pasirūpinsiu, kad tai būtų išspręsta.", "Aš pati tuo pasirūpinsiu."},
        {"Paskambinsiu Jums šiandien iki {TIME}.", "Meistras atvyks rytoj nuo 9 iki 12 val., paskambinsiu iki {TIME}.",
         "Atsakymą atsiųsiu el. paštu iki penktadienio.", "Siuntinys bus pristatytas {DATE} iki {TIME}."},
        {"Galiu pasiūlyti du variantus: kurjerį arba paštomatą.", "Galiu pasiūlyti nemokamai įjungti 30 GB mobiliojo interneto.",
         "Galime grąžinti pinigus arba pakeisti prekę – kaip Jums patogiau?"},
        {"Ar turite daugiau klausimų?", "Ar esate patenkintas tokiu sprendimu?", "Ar galiu dar kuo nors padėti?"},
        {"Ačiū, kad pranešėte apie gedimą – tai padės ir kaimynams.", "Gerai, kad išsaugojote čekį, tai viską palengvina."},
        {"Ačiū, kad kreipėtės. Geros dienos!", "Ačiū už kantrybę!", "Ačiū, kad paskambinote.", "Dėkojame, kad kreipėtės į {COMPANY}."},
        {"Viso gero.", "Iki.", "Tiek."},
        {"Ačiū, viso gero.", "Ne, viskas aišku.", "Gerai...", "Super. Ačiū už nieką.", "Ne, ačiū."},
    };
}

LanguagePack english()
{
    return {
        "en",
        {"Agent", "Support", "Operator", "Advisor"},
        {},
        {"Sarah", "Marcus", "Emily", "James", "Priya", "Tom", "Olivia", "Daniel", "Grace", "Ben"},
        {"Customer", "Caller", "Client", "Customer"},
        {"Brightbank", "Northwind Outdoor", "FastNet", "Contoso Energy", "Parcelo", "HomeGoods"},
        {"Hi, thanks for contacting {COMPANY}, my name is {AGENT}.", "Good morning, {COMPANY}, this is {AGENT}.",
         "Hello and welcome to {COMPANY} support, I'm {AGENT}.", "Good afternoon, you're speaking with {AGENT} at {COMPANY}.",
         "Hi there, {AGENT} from {COMPANY} here."},
        {"Support.", "Yeah?", "Go ahead.", "Hello."},
        {"How can I help you today?", "How can I help?", "What can I do for you?", "How may I help you?"},
        {"Hi, I was charged twice for my subscription, ${SUM} two times on {DATE}.",
         "I ordered a tent, order {ORDER}, and the tracking hasn't moved in five days.",
         "I can't log in to the mobile app, it says my password expired.",
         "My internet has been down since yesterday morning.", "The package arrived damaged and I'd like a refund.",
         "I want to change my plan to the family one.", "My card got blocked and I'm stuck at the checkout.",
         "I called yesterday, someone promised to call back and nobody did.",
         "The courier was supposed to come before {TIME} and still isn't here."},
        {"Could you give me the order number?", "What's the email on the account?", "When did this start?",
         "Have you tried restarting the router?", "Is the delivery address still correct?",
         "Could you confirm the last four digits of the card?"},
        {"It's {ORDER}.", "m.oconnor@example.com", "Since about {TIME} yesterday.", "Yes, three times, no luck.",
         "Same address as always.", "Last four are {N}{N}."},
        {"I can see two charges, the second one will be reversed by the bank.", "The parcel is at the carrier's depot.",
         "You can reset it from the login screen by tapping “Forgot password”.",
         "There's planned maintenance on your street.", "The family plan is ${SUM} a month and switching is free.",
         "The card was blocked after three wrong PIN attempts.", "Refunds reach your account within 3 business days.",
         "Your request {ORDER} is logged and marked as in progress."},
        {"So when exactly?", "Is that free?", "Can it be any faster?", "What do I do now?", "And if that doesn't work?",
         "Where can I see that?"},
        {"Ok.", "Got it.", "Right, thanks.", "Makes sense.", "Yes, that's right.", "Fine."},
        {"This is the third time I'm explaining this!", "Honestly it's ridiculous.", "You said the same thing yesterday.",
         "I work from home, this is really a problem.", "Why should I pay for your mistake?"},
        {"That's not my department, you'll have to call billing.", "Billing is not my job, sorry.",
         "You need to contact the billing team, the number is on the website.", "Calm down, sir.",
         "That's our policy.", "I don't know when it'll be fixed.", "We'll get back to you later.",
         "We'll try to sort it out soon.", "Please hold.", "Your call is important to us.",
         "There's nothing I can do from here.", "Check the FAQ yourself, it's all there.",
         "You'll have to open a dispute with your bank yourself.", "That's not our department.",
         "We will get back to you when we can."},
        {"I understand how frustrating that is.", "I'm so sorry about this, I know it's stressful.",
         "I understand how annoying it is to wait at home all day.", "I apologise for the trouble."},
        {"Just to make sure I've got it right: the parcel never arrived?",
         "Did I understand correctly that restarting didn't help?",
         "So, just to make sure: you'd like a refund rather than a replacement?"},
        {"I'll take care of it personally.", "I'll take care of this myself, you won't need to call anyone else.",
         "Leave it with me, I'll see it through."},
        {"I'll call you back today by {TIME}.", "I'll email you the label by 3 pm.", "A replacement will be delivered by Thursday 6 pm.",
         "You'll have an email from me before {TIME} today.", "I'll check in with you on {DATE} by {TIME}."},
        {"I can offer you two options: express delivery or pickup at our store.",
         "I can offer a free month of service for the trouble.", "We can refund you or send a replacement, whichever you prefer."},
        {"Is there anything else I can help you with?", "How did this call go for you?",
         "Is there anything else you'd like me to check?"},
        {"Great idea to check the tracking early, it gave us time to fix it.", "Thanks for sending the photos, that really helped."},
        {"Thank you for contacting {COMPANY}. Have a nice day!", "Thank you for your patience!", "Thanks for calling.",
         "Thank you for getting in touch."},
        {"Ok. Have a good day.", "Bye.", "That's all."},
        {"No, that's everything, thanks.", "Thanks, bye.", "Unbelievable.", "Fine. Bye.", "No, thank you."},
    };
}

// Lithuanian typed on a keyboard without the Lithuanian layout.
std::string strip_lithuanian_diacritics(std::string_view text)
{
    struct Fold { std::string_view from; char to; };
    static constexpr Fold folds[] = {
        {"ą", 'a'}, {"č", 'c'}, {"ę", 'e'}, {"ė", 'e'}, {"į", 'i'}, {"š", 's'}, {"ų", 'u'}, {"ū", 'u'}, {"ž", 'z'},
        {"Ą", 'A'}, {"Č", 'C'}, {"Ę", 'E'}, {"Ė", 'E'}, {"Į", 'I'}, {"Š", 'S'}, {"Ų", 'U'}, {"Ū", 'U'}, {"Ž", 'Z'},
    };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        bool folded = false;
        if (static_cast<unsigned char>(text[i]) >= 0xC0) {
            for (const auto& fold : folds) {
                if (text.substr(i, fold.from.size()) == fold.from) {
                    out.push_back(fold.to);
                    i += fold.from.size();
                    folded = true;
                    break;
                }
            }
        }
        if (!folded)
            out.push_back(text[i++]);
    }
    return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to)
{
    for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
    return text;
}

void append_number(std::string& out, std::uint32_t value, int width)
{
    char buffer[16];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    for (int pad = width - static_cast<int>(end - buffer); pad > 0; --pad)
        out.push_back('0');
    out.append(buffer, end);
}

// HH:MM, or HH:MM:SS when seconds are given.
void append_clock(std::string& out, std::uint32_t hours, std::uint32_t minutes, int seconds = -1)
{
    append_number(out, hours, 2);
    out += ':';
    append_number(out, minutes, 2);
    if (seconds >= 0) {
        out += ':';
        append_number(out, static_cast<std::uint32_t>(seconds), 2);
    }
}

enum class Level { disappointment, neutral, wow };

enum class TimestampStyle { none, bracketed_seconds, bare_seconds, minutes };

// One conversation's fixed choices.
struct Conversation {
    const LanguagePack* primary;
    const LanguagePack* secondary;  // for mixed conversations; nullptr otherwise
    Level level;
    TimestampStyle timestamps;
    std::uint32_t clock;            // seconds since midnight (or since call start)
    std::string agent_label;
    std::string customer_label;
    std::string_view agent_name;
    std::string_view company;
    bool agent_without_diacritics;
    bool customer_without_diacritics;
    bool yo_as_ye;                  // Russian typed with е for ё
    bool straight_quotes;
    bool customer_lower_case;
};

class CorpusWriter {
public:
    explicit CorpusWriter(std::uint64_t seed) : m_rng(seed), m_ru(russian()), m_lt(lithuanian()), m_en(english()) {}

    // Appends one file's worth of conversations (at least target_bytes) to out.
    void write_file(std::string& out, std::size_t target_bytes)
    {
        // Half the files are an export with several conversations in a row.
        const bool several = m_rng.chance(50);
        while (true) {
            std::size_t budget = several ? std::min<std::size_t>(target_bytes - out.size(), m_rng.between(900, 2400))
                                         : target_bytes - out.size();
            write_conversation(out, out.size() + budget);
            if (out.size() + 300 >= target_bytes)
                break;
            out += "---\n";
        }
    }

private:
    void write_conversation(std::string& out, std::size_t target_size)
    {
        Conversation c = choose_conversation();
        const LanguagePack& p = *c.primary;

        const bool bare_opening = c.level == Level::disappointment ? m_rng.chance(60) : m_rng.chance(5);
        std::string first = std::string(bare_opening ? m_rng.pick(p.bare_openings) : m_rng.pick(p.greetings));
        const bool asks_need = c.level == Level::wow || (c.level == Level::neutral ? m_rng.chance(85) : m_rng.chance(30));
        if (asks_need && m_rng.chance(70)) {
            first += ' ';
            first += m_rng.pick(p.open_questions);
        }
        agent_turn(out, c, first);
        if (asks_need && first.find('?') == std::string::npos)
            agent_turn(out, c, m_rng.pick(lang(c, true).open_questions));
        customer_turn(out, c, m_rng.pick(lang(c, false).problems));

        const int anti_patterns_planned = c.level == Level::disappointment ? static_cast<int>(m_rng.between(1, 3)) : 0;
        int anti_patterns_left = anti_patterns_planned;
        int wow_moves_left = c.level == Level::wow ? static_cast<int>(m_rng.between(2, 5)) : (m_rng.chance(10) ? 1 : 0);

        while (out.size() + 300 < target_size) {
            const std::uint32_t roll = m_rng.below(100);
            const LanguagePack& agent = lang(c, true);
            const LanguagePack& customer = lang(c, false);
            if (roll < 25) {
                agent_turn(out, c, m_rng.pick(agent.clarifications));
                customer_turn(out, c, m_rng.pick(customer.details));
            } else if (roll < 55) {
                agent_turn(out, c, answer_with_extras(agent, anti_patterns_left, wow_moves_left));
                customer_turn(out, c, m_rng.pick(m_rng.chance(60) ? customer.follow_ups : customer.acknowledgements));
            } else if (roll < 70) {
                customer_turn(out, c, m_rng.pick(customer.complaints));
                agent_turn(out, c, reply_to_complaint(c, agent, anti_patterns_left, wow_moves_left));
            } else if (roll < 80 && (anti_patterns_left > 0 || wow_moves_left > 0)) {
                agent_turn(out, c, answer_with_extras(agent, anti_patterns_left, wow_moves_left));
            } else {
                agent_turn(out, c, m_rng.pick(agent.answers));
                if (m_rng.chance(70))
                    customer_turn(out, c, m_rng.pick(customer.acknowledgements));
            }
        }

        const LanguagePack& agent = lang(c, true);
        if (c.level == Level::disappointment && anti_patterns_left == anti_patterns_planned)
            agent_turn(out, c, m_rng.pick(agent.anti_patterns));  // every disappointment has at least one
        const bool asks_feedback = c.level == Level::wow || (c.level == Level::neutral && m_rng.chance(30));
        if (asks_feedback) {
            agent_turn(out, c, m_rng.pick(agent.feedback));
            customer_turn(out, c, m_rng.pick(lang(c, false).customer_goodbyes));
        }
        const bool thanks = c.level != Level::disappointment ? m_rng.chance(92) : m_rng.chance(25);
        if (thanks) {
            std::string closing(m_rng.pick(agent.thanks));
            if (c.level == Level::wow && m_rng.chance(50)) {
                closing += ' ';
                closing += m_rng.pick(agent.praise);
            }
            agent_turn(out, c, closing);
        } else {
            if (!asks_feedback && m_rng.chance(60))
                customer_turn(out, c, m_rng.pick(lang(c, false).customer_goodbyes));
            agent_turn(out, c, m_rng.pick(agent.bare_closings));
        }
    }

    std::string answer_with_extras(const LanguagePack& p, int& anti_left, int& wow_left)
    {
        std::string text(m_rng.pick(p.answers));
        if (anti_left > 0 && m_rng.chance(45)) {
            --anti_left;
            append_sentence(text, m_rng.pick(p.anti_patterns));
        } else if (wow_left > 0 && m_rng.chance(60)) {
            --wow_left;
            append_sentence(text, wow_move(p));
        }
        return text;
    }

    std::string reply_to_complaint(const Conversation& c, const LanguagePack& p, int& anti_left, int& wow_left)
    {
        if (c.level == Level::disappointment) {
            if (anti_left > 0 && m_rng.chance(70)) {
                --anti_left;
                return std::string(m_rng.pick(p.anti_patterns));
            }
            return std::string(m_rng.pick(p.answers));  // no empathy either
        }
        if (c.level == Level::neutral && m_rng.chance(50))
            return std::string(m_rng.pick(p.answers));
        std::string text(m_rng.pick(p.empathy));
        if (wow_left > 0) {
            --wow_left;
            append_sentence(text, wow_move(p));
        } else {
            append_sentence(text, m_rng.pick(p.answers));
        }
        return text;
    }

    std::string_view wow_move(const LanguagePack& p)
    {
        switch (m_rng.below(5)) {
        case 0: return m_rng.pick(p.confirmations);
        case 1: return m_rng.pick(p.ownership);
        case 2: return m_rng.pick(p.next_steps);
        case 3: return m_rng.pick(p.options);
        default: return m_rng.pick(p.empathy);
        }
    }

    static void append_sentence(std::string& text, std::string_view sentence)
    {
        text += ' ';
        text += sentence;
    }

    // In mixed conversations the customer prefers Russian and the agent
    // follows, drifting back to Lithuanian now and then.
    const LanguagePack& lang(const Conversation& c, bool agent)
    {
        if (c.secondary == nullptr)
            return *c.primary;
        return m_rng.chance(agent ? 60 : 75) ? *c.secondary : *c.primary;
    }

    Conversation choose_conversation()
    {
        Conversation c{};
        const std::uint32_t language = m_rng.below(100);
        if (language < 35) {
            c.primary = &m_ru;
        } else if (language < 65) {
            c.primary = &m_lt;
        } else if (language < 90) {
            c.primary = &m_en;
        } else {
            c.primary = &m_lt;
            c.secondary = &m_ru;
        }
        const std::uint32_t level = m_rng.below(100);
        c.level = level < 22 ? Level::disappointment : level < 75 ? Level::neutral : Level::wow;

        const std::uint32_t stamp = m_rng.below(100);
        c.timestamps = stamp < 55   ? TimestampStyle::none
                       : stamp < 75 ? TimestampStyle::bracketed_seconds
                       : stamp < 88 ? TimestampStyle::bare_seconds
                                    : TimestampStyle::minutes;
        c.clock = c.timestamps == TimestampStyle::bare_seconds ? 0 : m_rng.between(8 * 3600, 20 * 3600);

        const LanguagePack& p = *c.primary;
        c.agent_name = m_rng.pick(p.agent_names);
        c.company = m_rng.pick(p.companies);
        const bool female_form = !p.agent_roles_female.empty() && !c.agent_name.ends_with('s');
        c.agent_label = m_rng.pick(female_form ? p.agent_roles_female : p.agent_roles);
        if (m_rng.chance(60)) {
            c.agent_label += ' ';
            c.agent_label += c.agent_name;
        }
        // Speaker labels follow the primary language: Vilnius exports keep the
        // Lithuanian role words even when the conversation is in Russian.
        c.customer_label = m_rng.pick(p.customer_roles);

        c.agent_without_diacritics = m_rng.chance(15);
        c.customer_without_diacritics = c.agent_without_diacritics || m_rng.chance(40);
        c.yo_as_ye = m_rng.chance(50);
        c.straight_quotes = m_rng.chance(30);
        c.customer_lower_case = m_rng.chance(20);
        return c;
    }

    void agent_turn(std::string& out, Conversation& c, std::string_view text) { turn(out, c, true, text); }
    void customer_turn(std::string& out, Conversation& c, std::string_view text) { turn(out, c, false, text); }

    void turn(std::string& out, Conversation& c, bool agent, std::string_view template_text)
    {
        std::string text = expand(c, template_text);
        if (agent ? c.agent_without_diacritics : c.customer_without_diacritics)
            text = strip_lithuanian_diacritics(text);
        if (c.yo_as_ye) {
            text = replace_all(std::move(text), "ё", "е");
            text = replace_all(std::move(text), "Ё", "Е");
        }
        if (c.straight_quotes) {
            for (std::string_view quote : {"«", "»", "„", "“", "”"})
                text = replace_all(std::move(text), quote, "\"");
        }
        if (!agent && c.customer_lower_case && !text.empty() && text[0] >= 'A' && text[0] <= 'Z')
            text[0] = static_cast<char>(text[0] - 'A' + 'a');

        c.clock += m_rng.between(4, agent ? 70 : 40);
        write_timestamp(out, c);
        out += agent ? c.agent_label : c.customer_label;
        out += ": ";

        // Long agent turns are sometimes wrapped onto a continuation line
        // (never before a colon, which would read as a speaker).
        const std::size_t split = text.find(". ", text.size() / 2);
        if (agent && split != std::string::npos && m_rng.chance(12) &&
            text.find(':', split) == std::string::npos) {
            out.append(text, 0, split + 1);
            out += '\n';
            out.append(text, split + 2);
        } else {
            out += text;
        }
        out += '\n';
    }

    void write_timestamp(std::string& out, const Conversation& c)
    {
        const std::uint32_t h = (c.clock / 3600) % 24, m = (c.clock / 60) % 60, s = c.clock % 60;
        switch (c.timestamps) {
        case TimestampStyle::none: return;
        case TimestampStyle::bracketed_seconds:
            out += '[';
            append_clock(out, h, m, static_cast<int>(s));
            out += "] ";
            return;
        case TimestampStyle::bare_seconds:
            append_clock(out, h, m, static_cast<int>(s));
            out += ' ';
            return;
        case TimestampStyle::minutes:
            append_clock(out, h, m);
            out += ' ';
            return;
        }
    }

    std::string expand(const Conversation& c, std::string_view text)
    {
        std::string out;
        out.reserve(text.size() + 16);
        for (std::size_t i = 0; i < text.size();) {
            if (text[i] != '{') {
                out.push_back(text[i++]);
                continue;
            }
            const std::size_t close = text.find('}', i);
            const std::string_view key = text.substr(i + 1, close - i - 1);
            if (key == "AGENT") {
                out += c.agent_name;
            } else if (key == "COMPANY") {
                out += c.company;
            } else if (key == "ORDER") {
                append_number(out, m_rng.between(100000, 999999), 6);
                out += '-';
                append_number(out, m_rng.below(1000), 3);
            } else if (key == "SUM") {
                append_number(out, m_rng.between(12, 990), 0);
                if (m_rng.chance(40)) {
                    out += '.';
                    append_number(out, m_rng.below(100), 2);
                }
            } else if (key == "TIME") {
                const std::uint32_t hours = m_rng.between(9, 19);  // separate statements: argument
                const std::uint32_t minutes = m_rng.below(4) * 15; // order is unspecified in C++
                append_clock(out, hours, minutes);
            } else if (key == "DATE") {
                append_number(out, m_rng.between(1, 28), 2);
                out += '.';
                append_number(out, m_rng.between(1, 12), 2);
            } else if (key == "N") {
                append_number(out, m_rng.between(1, 99), 0);
            } else {
                out.append(text.substr(i, close - i + 1));
            }
            i = close + 1;
        }
        return out;
    }

    Rng m_rng;
    LanguagePack m_ru, m_lt, m_en;
};

bool parse_unsigned(const char* text, std::uint64_t& value)
{
    const std::string_view view(text);
    auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
    return ec == std::errc() && end == view.data() + view.size();
}

int usage()
{
    std::fputs("usage: qalint_gen_corpus OUT_DIR [MEGABYTES=100] [SEED=1]\n"
               "Writes deterministic plain-text support chats (ru, lt, en, mixed), 2-6 KB each,\n"
               "1000 per subfolder, until their total size reaches MEGABYTES MiB.\n",
               stderr);
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || argc > 4 || std::string_view(argv[1]) == "-h" || std::string_view(argv[1]) == "--help")
        return usage();
    std::uint64_t megabytes = 100;
    std::uint64_t seed = 1;
    if ((argc > 2 && (!parse_unsigned(argv[2], megabytes) || megabytes == 0 || megabytes > 1'000'000)) ||
        (argc > 3 && !parse_unsigned(argv[3], seed))) {
        std::fprintf(stderr, "qalint_gen_corpus: error: MEGABYTES must be 1..1000000 and SEED a non-negative integer\n");
        return usage();
    }

    const std::filesystem::path root(argv[1]);
    const std::uint64_t total_target = megabytes * 1024 * 1024;
    constexpr std::size_t files_per_folder = 1000;

    CorpusWriter writer(seed);
    Rng sizes(seed ^ 0xC0FFEE);  // file sizes independent of content choices
    std::string buffer;
    buffer.reserve(8 * 1024);
    std::uint64_t written = 0;
    std::size_t files = 0;

    while (written < total_target) {
        const std::filesystem::path folder = root / [&] {
            std::string name;
            append_number(name, static_cast<std::uint32_t>(files / files_per_folder), 4);
            return name;
        }();
        if (files % files_per_folder == 0) {
            std::error_code ec;
            std::filesystem::create_directories(folder, ec);
            if (ec) {
                std::fprintf(stderr, "qalint_gen_corpus: error: cannot create %s: %s\n", folder.c_str(),
                             ec.message().c_str());
                return 1;
            }
        }
        std::string name = "chat-";
        append_number(name, static_cast<std::uint32_t>(files), 7);
        name += ".txt";

        buffer.clear();
        writer.write_file(buffer, sizes.between(2048, 6144 - 400));

        const std::filesystem::path path = folder / name;
        std::FILE* file = std::fopen(path.c_str(), "wb");
        if (file == nullptr || std::fwrite(buffer.data(), 1, buffer.size(), file) != buffer.size() ||
            std::fclose(file) != 0) {
            std::fprintf(stderr, "qalint_gen_corpus: error: cannot write %s\n", path.c_str());
            return 1;
        }
        written += buffer.size();
        ++files;
    }
    std::printf("qalint_gen_corpus: wrote %zu files, %llu bytes (%.1f MiB) to %s (seed %llu)\n", files,
                static_cast<unsigned long long>(written), static_cast<double>(written) / (1024.0 * 1024.0),
                root.c_str(), static_cast<unsigned long long>(seed));
    return 0;
}
