"""The outcome training bank: short statements in en/ru/uk, each with the outcome(s) it asserts.

    python -m evals.outcome_bank [--out evals/data/outcome_train.jsonl] [--seed 7]

Written by the team for training the learned outcome classifier (bot.stance.outcomes). Every
sentence pattern below is our own wording of the kind of claim that sides, officials and media
make about a fight for a place, a strike, a downed aircraft or casualties: active and passive,
nominal forms, hedges, denials ("fake"), euphemisms ("liberated", "withdrew to more favourable
positions", "levelled the front line"), the grey zone and partial control. Places are mostly
invented villages plus towns of the dev/test/holdout splits; no holdout2 event or place is used.
Patterns are filled with places and claimants by a seeded generator, and many are free-form
sentences used once; the output is deterministic for a seed.

Outcome vocabulary: evals/data/README.md (ru_holds, ua_holds, contested, encircled,
not_encircled, ru_strike, ua_blame, civilian_target, military_target, downed, not_downed,
many_killed, none_killed, other, unconfirmed, both).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "outcome_train.jsonl"

# Places: en name; ru and uk (nominative, genitive, locative with its preposition, accusative).
# Invented villages first, then towns of the dev/test/holdout splits.
PLACES: list[dict[str, tuple[str, ...] | str]] = [
    {"en": "Vilkhivka", "ru": ("Ольховка", "Ольховки", "в Ольховке", "Ольховку"),
     "uk": ("Вільхівка", "Вільхівки", "у Вільхівці", "Вільхівку")},
    {"en": "Berezove", "ru": ("Березовое", "Березового", "в Березовом", "Березовое"),
     "uk": ("Березове", "Березового", "у Березовому", "Березове")},
    {"en": "Kamianka", "ru": ("Каменка", "Каменки", "в Каменке", "Каменку"),
     "uk": ("Кам'янка", "Кам'янки", "у Кам'янці", "Кам'янку")},
    {"en": "Zelenyi Hai", "ru": ("Зелёный Гай", "Зелёного Гая", "в Зелёном Гае", "Зелёный Гай"),
     "uk": ("Зелений Гай", "Зеленого Гаю", "у Зеленому Гаю", "Зелений Гай")},
    {"en": "Sosnivka", "ru": ("Сосновка", "Сосновки", "в Сосновке", "Сосновку"),
     "uk": ("Соснівка", "Соснівки", "у Соснівці", "Соснівку")},
    {"en": "Petrivske", "ru": ("Петровское", "Петровского", "в Петровском", "Петровское"),
     "uk": ("Петрівське", "Петрівського", "у Петрівському", "Петрівське")},
    {"en": "Novoandriivka", "ru": ("Новоандреевка", "Новоандреевки", "в Новоандреевке",
                                   "Новоандреевку"),
     "uk": ("Новоандріївка", "Новоандріївки", "у Новоандріївці", "Новоандріївку")},
    {"en": "Yablunivka", "ru": ("Яблоновка", "Яблоновки", "в Яблоновке", "Яблоновку"),
     "uk": ("Яблунівка", "Яблунівки", "у Яблунівці", "Яблунівку")},
    {"en": "Chervonyi Yar", "ru": ("Красный Яр", "Красного Яра", "в Красном Яре", "Красный Яр"),
     "uk": ("Червоний Яр", "Червоного Яру", "у Червоному Яру", "Червоний Яр")},
    {"en": "Stepove", "ru": ("Степовое", "Степового", "в Степовом", "Степовое"),
     "uk": ("Степове", "Степового", "у Степовому", "Степове")},
    {"en": "Dibrivka", "ru": ("Дубровка", "Дубровки", "в Дубровке", "Дубровку"),
     "uk": ("Дібрівка", "Дібрівки", "у Дібрівці", "Дібрівку")},
    {"en": "Lisove", "ru": ("Лесное", "Лесного", "в Лесном", "Лесное"),
     "uk": ("Лісове", "Лісового", "у Лісовому", "Лісове")},
    {"en": "Malynivka", "ru": ("Малиновка", "Малиновки", "в Малиновке", "Малиновку"),
     "uk": ("Малинівка", "Малинівки", "у Малинівці", "Малинівку")},
    {"en": "Svitle", "ru": ("Светлое", "Светлого", "в Светлом", "Светлое"),
     "uk": ("Світле", "Світлого", "у Світлому", "Світле")},
    {"en": "Horikhove", "ru": ("Ореховое", "Орехового", "в Ореховом", "Ореховое"),
     "uk": ("Горіхове", "Горіхового", "у Горіховому", "Горіхове")},
    {"en": "Hlyboke", "ru": ("Глубокое", "Глубокого", "в Глубоком", "Глубокое"),
     "uk": ("Глибоке", "Глибокого", "у Глибокому", "Глибоке")},
    {"en": "Topolyne", "ru": ("Тополиное", "Тополиного", "в Тополином", "Тополиное"),
     "uk": ("Тополине", "Тополиного", "у Тополиному", "Тополине")},
    {"en": "Pryvilne", "ru": ("Привольное", "Привольного", "в Привольном", "Привольное"),
     "uk": ("Привільне", "Привільного", "у Привільному", "Привільне")},
    {"en": "Horodyshche", "ru": ("Городище", "Городища", "в Городище", "Городище"),
     "uk": ("Городище", "Городища", "у Городищі", "Городище")},
    {"en": "Rakytne", "ru": ("Ракитное", "Ракитного", "в Ракитном", "Ракитное"),
     "uk": ("Ракитне", "Ракитного", "у Ракитному", "Ракитне")},
    {"en": "Kalynivka", "ru": ("Калиновка", "Калиновки", "в Калиновке", "Калиновку"),
     "uk": ("Калинівка", "Калинівки", "у Калинівці", "Калинівку")},
    {"en": "Vyshneve", "ru": ("Вишнёвое", "Вишнёвого", "в Вишнёвом", "Вишнёвое"),
     "uk": ("Вишневе", "Вишневого", "у Вишневому", "Вишневе")},
    {"en": "Ozerne", "ru": ("Озёрное", "Озёрного", "в Озёрном", "Озёрное"),
     "uk": ("Озерне", "Озерного", "в Озерному", "Озерне")},
    {"en": "Mykhailivka", "ru": ("Михайловка", "Михайловки", "в Михайловке", "Михайловку"),
     "uk": ("Михайлівка", "Михайлівки", "у Михайлівці", "Михайлівку")},
    {"en": "Krasnopillia", "ru": ("Краснополье", "Краснополья", "в Краснополье", "Краснополье"),
     "uk": ("Краснопілля", "Краснопілля", "у Краснопіллі", "Краснопілля")},
    {"en": "Dovhenke", "ru": ("Долгенькое", "Долгенького", "в Долгеньком", "Долгенькое"),
     "uk": ("Довгеньке", "Довгенького", "у Довгенькому", "Довгеньке")},
    {"en": "Bilozerka", "ru": ("Белозёрка", "Белозёрки", "в Белозёрке", "Белозёрку"),
     "uk": ("Білозерка", "Білозерки", "у Білозерці", "Білозерку")},
    {"en": "Tykhe", "ru": ("Тихое", "Тихого", "в Тихом", "Тихое"),
     "uk": ("Тихе", "Тихого", "у Тихому", "Тихе")},
    {"en": "Lysychansk", "ru": ("Лисичанск", "Лисичанска", "в Лисичанске", "Лисичанск"),
     "uk": ("Лисичанськ", "Лисичанська", "у Лисичанську", "Лисичанськ")},
    {"en": "Soledar", "ru": ("Соледар", "Соледара", "в Соледаре", "Соледар"),
     "uk": ("Соледар", "Соледара", "у Соледарі", "Соледар")},
    {"en": "Izium", "ru": ("Изюм", "Изюма", "в Изюме", "Изюм"),
     "uk": ("Ізюм", "Ізюма", "в Ізюмі", "Ізюм")},
    {"en": "Lyman", "ru": ("Лиман", "Лимана", "в Лимане", "Лиман"),
     "uk": ("Лиман", "Лимана", "у Лимані", "Лиман")},
    {"en": "Kupiansk", "ru": ("Купянск", "Купянска", "в Купянске", "Купянск"),
     "uk": ("Куп'янськ", "Куп'янська", "у Куп'янську", "Куп'янськ")},
    {"en": "Avdiivka", "ru": ("Авдеевка", "Авдеевки", "в Авдеевке", "Авдеевку"),
     "uk": ("Авдіївка", "Авдіївки", "в Авдіївці", "Авдіївку")},
    {"en": "Kherson", "ru": ("Херсон", "Херсона", "в Херсоне", "Херсон"),
     "uk": ("Херсон", "Херсона", "у Херсоні", "Херсон")},
    {"en": "Kramatorsk", "ru": ("Краматорск", "Краматорска", "в Краматорске", "Краматорск"),
     "uk": ("Краматорськ", "Краматорська", "у Краматорську", "Краматорськ")},
    {"en": "Kremenchuk", "ru": ("Кременчуг", "Кременчуга", "в Кременчуге", "Кременчуг"),
     "uk": ("Кременчук", "Кременчука", "у Кременчуці", "Кременчук")},
]

# Claimants: (name, verb "said" agreeing with it), by side. U = Ukrainian, R = Russian,
# I = independent.
CLAIMANTS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "en": {
        "R": [("Russia's Defence Ministry", "said"), ("Igor Konashenkov", "claimed"),
              ("the Kremlin", "said"), ("Denis Pushilin", "announced"),
              ("Russian war correspondents", "reported"), ("Russian state television", "reported"),
              ("the Moscow-installed administration", "said"), ("Russian military bloggers", "wrote"),
              ("a Russian army spokesman", "said"), ("TASS, citing the defence ministry,", "reported"),
              ("the Russian-appointed governor", "claimed"), ("Maria Zakharova", "said")],
        "U": [("Ukraine's General Staff", "said"), ("the Ukrainian military", "said"),
              ("President Zelensky", "said"), ("a spokesman for the eastern group of forces", "said"),
              ("Ukraine's Defence Ministry", "said"), ("the regional military administration", "reported"),
              ("Ukraine's air force", "said"), ("the brigade's press service", "said"),
              ("DeepState analysts", "wrote"), ("the head of the regional administration", "said"),
              ("Ukrainian officials", "said"), ("the National Guard", "reported")],
        "I": [("the ISW", "assessed"), ("British intelligence", "said"), ("Reuters", "reported"),
              ("the BBC", "reported"), ("UN monitors", "said"), ("an OSINT analyst", "wrote"),
              ("Western officials", "said"), ("AP", "reported")],
    },
    "ru": {
        "R": [("Минобороны России", "заявило"), ("Игорь Конашенков", "заявил"),
              ("Денис Пушилин", "сообщил"), ("Песков", "сказал"), ("военкоры", "сообщили"),
              ("российские военные блогеры", "пишут"), ("источник в силовых структурах", "сообщил"),
              ("представитель группировки войск «Центр»", "заявил"),
              ("глава оккупационной администрации", "заявил"), ("Мария Захарова", "заявила"),
              ("ТАСС со ссылкой на Минобороны", "сообщил"), ("Кремль", "заявил")],
        "U": [("Генштаб ВСУ", "сообщил"), ("Зеленский", "заявил"), ("Сырский", "заявил"),
              ("представитель ВСУ", "сказал"), ("украинские военные", "сообщили"),
              ("Минобороны Украины", "заявило"), ("Воздушные силы Украины", "сообщили"),
              ("глава областной администрации", "сообщил"), ("Киев", "заявил"),
              ("пресс-служба бригады ВСУ", "сообщила")],
        "I": [("ISW", "отмечает"), ("британская разведка", "сообщила"), ("Reuters", "сообщает"),
              ("Би-би-си", "сообщает"), ("мониторинговая миссия ООН", "сообщила"),
              ("независимые аналитики", "пишут"), ("западные чиновники", "заявили")],
    },
    "uk": {
        "R": [("Міноборони РФ", "заявило"), ("Ігор Конашенков", "заявив"),
              ("Денис Пушилін", "повідомив"), ("Пєсков", "сказав"), ("російські воєнкори", "пишуть"),
              ("окупаційна влада", "заявила"), ("російські пропагандисти", "стверджують"),
              ("Кремль", "заявив"), ("Марія Захарова", "заявила"), ("росЗМІ", "повідомили")],
        "U": [("Генштаб ЗСУ", "повідомив"), ("Зеленський", "заявив"), ("Сирський", "заявив"),
              ("речник ЗСУ", "сказав"), ("українські військові", "повідомили"),
              ("Міноборони України", "заявило"), ("Повітряні сили ЗСУ", "повідомили"),
              ("начальник ОВА", "повідомив"), ("пресслужба бригади", "повідомила"),
              ("Центр протидії дезінформації", "заявив"), ("аналітики DeepState", "пишуть")],
        "I": [("ISW", "зазначає"), ("британська розвідка", "повідомила"), ("Reuters", "пише"),
              ("Бі-Бі-Сі", "повідомляє"), ("моніторингова місія ООН", "повідомила"),
              ("незалежні аналітики", "пишуть"), ("західні посадовці", "заявили")],
    },
}

# Patterns by language: (outcomes, text). Slots: {P} nominative, {Pg} genitive, {Pl} locative
# with its preposition, {Pa} accusative; {C}/{S} a claimant and its "said" (side from the prefix
# "R|", "U|" or "I|" of the text, else any side); {R}/{Rs} and {U}/{Us} a Russian and a Ukrainian
# claimant; {N} a number. A pattern without {C} may be wrapped with a claimant ("{C}: ...").
PATTERNS: dict[str, list[tuple[str, str]]] = {
    "en": [
        # -- Russia holds the place (captured, or Ukraine withdrew) --
        ("ru_holds", "R|{C} {S} Russian troops had taken full control of {P}."),
        ("ru_holds", "R|{C} {S} units of the Southern group had liberated {P}."),
        ("ru_holds", "{P} has been captured by Russian forces."),
        ("ru_holds", "Russian forces seized {P} after weeks of assaults."),
        ("ru_holds", "U|{C} {S} Ukrainian units had withdrawn from {P} to more favourable positions."),
        ("ru_holds", "U|{C} {S} the defenders pulled out of {P} to save soldiers' lives."),
        ("ru_holds", "Ukraine confirmed the loss of {P}."),
        ("ru_holds", "U|{C} {S} troops had left {P} and levelled the front line west of it."),
        ("ru_holds", "The village of {P} is now under Russian control, {C} {S}."),
        ("ru_holds", "R|The Russian flag was raised over {P}, {C} {S}."),
        ("ru_holds", "{P} fell to Russian troops on Tuesday."),
        ("ru_holds", "I|{C} {S} that Russian forces had very likely captured {P}."),
        ("ru_holds", "Ukrainian forces retreated from {P} under heavy pressure."),
        ("ru_holds", "R|{C} {S} the settlement of {P} was completely cleared of Ukrainian fighters."),
        ("ru_holds", "U|The order to leave {P} was given to avoid encirclement, {C} {S}."),
        ("ru_holds", "Kyiv acknowledged that its troops no longer hold {P}."),
        ("ru_holds", "R|Our assault units are in full control of {P}, {C} {S}."),
        ("ru_holds", "The capture of {P} opens the road to the next town, {C} {S}."),
        ("ru_holds", "U|Our soldiers have moved to prepared lines outside {P}, {C} {S}."),
        ("ru_holds", "Moscow says its troops now hold all of {P}."),
        ("ru_holds", ("Footage geolocated by {C} shows Russian soldiers in the centre of {P}, "
                     "which appears to have fallen.")),
        ("ru_holds", "After the withdrawal of Ukrainian units, {P} is controlled by the Russian army."),
        # -- Ukraine holds or retook it --
        ("ua_holds", "U|{C} {S} Ukrainian forces had liberated {P}."),
        ("ua_holds", "{P} remains under Ukrainian control."),
        ("ua_holds", "U|{C} {S} all Russian attacks on {P} had been repelled."),
        ("ua_holds", "U|Claims that {P} has fallen are fake, {C} {S}."),
        ("ua_holds", "Ukrainian troops have retaken {P}, {C} {S}."),
        ("ua_holds", "R|{C} {S} Russian units had withdrawn from {P} to more advantageous lines."),
        ("ua_holds", "The Ukrainian flag is flying over {P} again."),
        ("ua_holds", "U|Our defenders continue to hold {P}; the enemy has not advanced, {C} {S}."),
        ("ua_holds", "U|{C} denied that Russian forces had captured {P}, calling it propaganda."),
        ("ua_holds", "Russian troops were pushed out of {P}, {C} {S}."),
        ("ua_holds", "U|{C} {S} Moscow's report on the capture of {P} was a lie."),
        ("ua_holds", "Ukraine recaptured {P} in a counteroffensive."),
        ("ua_holds", "I|{C} {S} there was no evidence Russian forces had taken {P}, which Ukraine still holds."),
        ("ua_holds", "R|{C} {S} the grouping had regrouped away from {P}."),
        ("ua_holds", "{P} is ours, and it will stay ours, {U} {Us}."),
        ("ua_holds", "Ukrainian units cleared {P} of Russian troops."),
        ("ua_holds", "The Russian claim to have taken {P} is false: our troops are in the village, {U} {Us}."),
        ("ua_holds", "U|{C} {S} the enemy's attempt to storm {P} had failed and the village was held."),
        # -- contested --
        ("contested", "Fighting for {P} continues."),
        ("contested", "{C} {S} heavy street battles were under way in {P}."),
        ("contested", "{P} has not been fully captured; fighting goes on on its outskirts."),
        ("contested", "{P} is in the grey zone, {C} {S}."),
        ("contested", "Neither side fully controls {P}, {C} {S}."),
        ("contested", "U|{C} {S} the situation in {P} was difficult but the village had not been taken."),
        ("contested", "Russian forces control part of {P}, while Ukrainian troops hold the rest, {C} {S}."),
        ("contested", "I|{C} {S} Russian troops had advanced into {P} but not captured it."),
        ("contested", "Talk of the capture of {P} is premature, {C} {S}."),
        ("contested", "Battles for {P} have been going on for a third week."),
        ("contested", "R|{C} {S} assault groups were still clearing {P} block by block."),
        ("contested", "The front line runs through the middle of {P}, {C} {S}."),
        # -- encircled / not --
        ("encircled", "{P} is completely surrounded, {C} {S}."),
        ("encircled", "R|{C} {S} the Ukrainian garrison in {P} had been encircled."),
        ("encircled", "Ukrainian troops in {P} are trapped in a cauldron, {C} {S}."),
        ("encircled", "The last supply road to {P} has been cut and the town is encircled."),
        ("not_encircled", "U|{C} {S} there was no encirclement of {P}."),
        ("not_encircled", "{P} is not surrounded; supply routes remain open, {C} {S}."),
        ("not_encircled", "U|Reports of an encirclement of {P} are fake, {C} {S}."),
        ("ua_holds|not_encircled", "U|{C} {S} {P} was held by Ukrainian forces and was not encircled."),
        # -- strikes --
        ("ru_strike|civilian_target", "A Russian missile hit a hospital {Pl}, {C} {S}."),
        ("ru_strike|civilian_target", "U|{C} {S} Russia had struck a residential building {Pl} overnight."),
        ("ru_strike|civilian_target", "Russian shelling destroyed a school {Pl}."),
        ("ru_strike|civilian_target", "Russia launched a drone attack on the market {Pl}, killing shoppers."),
        ("ru_strike", "Russian forces shelled {P} with artillery, {C} {S}."),
        ("ru_strike", "The strike on {P} was carried out by Russia with a Kh-22 missile, {C} {S}."),
        ("ru_strike", "I|{C} {S} the evidence pointed to a Russian missile."),
        ("ru_strike|military_target", "R|{C} {S} its forces had struck a Ukrainian command post {Pl}."),
        ("ru_strike|military_target", "R|Our precision strike {Pl} hit a depot of Western weapons, {C} {S}."),
        ("ru_strike|military_target", "R|{C} {S} a temporary base of foreign mercenaries {Pl} had been destroyed."),
        ("ru_strike|civilian_target", ("An Iskander hit the railway station {Pl} where people were waiting for "
                                      "evacuation trains.")),
        ("ua_blame", "R|{C} {S} the Ukrainian armed forces shelled {P} themselves."),
        ("ua_blame", "R|The explosion {Pl} was a staged provocation by Kyiv, {C} {S}."),
        ("ua_blame", "R|{C} {S} a Ukrainian air-defence missile fell on the houses {Pl}."),
        ("ua_blame", "R|{C} {S} the Tochka-U that hit {P} was fired from Ukrainian-held territory."),
        ("ua_blame", "R|Russia had nothing to do with the blast {Pl}, {C} {S}, blaming Ukrainian artillery."),
        ("ua_blame", "R|{C} {S} Kyiv had shelled its own town to accuse Moscow."),
        ("ua_blame", "R|The damage {Pl} was caused by Ukrainian shelling, {C} {S}."),
        ("military_target", "R|{C} {S} only military targets had been hit {Pl}."),
        ("military_target", "R|{C} {S} the building {Pl} housed soldiers and was a legitimate target."),
        ("military_target", "R|The mall {Pl} had been closed for months and was used to store ammunition, {C} {S}."),
        ("civilian_target", "U|There were no military facilities near the site {Pl}, only homes, {C} {S}."),
        ("civilian_target", "The strike {Pl} hit an apartment block full of sleeping families."),
        ("civilian_target", "I|{C} {S} the building hit {Pl} was a civilian shelter."),
        # -- aircraft --
        ("downed", "R|{C} {S} air defence had shot down a Ukrainian Su-25 near {P}."),
        ("downed", "U|{C} {S} a Russian Ka-52 helicopter was downed near {P}."),
        ("downed", "Minus one more Su-24: the jet was destroyed over {P}, {C} {S}."),
        ("downed", "An enemy Su-30 was brought down by a MANPADS team near {P}."),
        ("downed", "U|{C} {S} air defence had intercepted all twelve drones over {P}."),
        ("downed", "A Russian Mi-28 crashed near {P} after being hit, {C} {S}."),
        ("not_downed", "U|{C} denied losing an aircraft near {P}."),
        ("not_downed", "U|Russian claims of a downed Su-25 near {P} are fake; all our jets returned, {C} {S}."),
        ("not_downed", "R|{C} {S} the missile was not intercepted and hit its target {Pl}."),
        ("not_downed", "R|{C} denied that the Ka-52 had been shot down."),
        ("not_downed", "The helicopter was not shot down but made an emergency landing near {P}, {C} {S}."),
        # -- casualties --
        ("many_killed", "At least {N} people were killed in the strike {Pl}, {C} {S}."),
        ("many_killed", "R|{C} {S} more than {N} Ukrainian soldiers were killed {Pl}."),
        ("many_killed", "The death toll {Pl} has risen to {N}."),
        ("many_killed", "U|{C} {S} the enemy lost up to {N} men in the assaults on {P}."),
        ("many_killed", "Dozens of civilians died when the shelter {Pl} was hit."),
        ("none_killed", "U|{C} {S} no one was killed in the strike {Pl}."),
        ("none_killed", "Nobody was hurt {Pl}, {C} {S}."),
        ("none_killed", ("U|Russian claims of hundreds of dead soldiers {Pl} are fake; there were no casualties, "
                        "{C} {S}.")),
        ("none_killed", "There were no casualties among the personnel, {C} {S}."),
        ("none_killed", "The building {Pl} was empty and there were no victims."),
        # -- no side --
        ("other", "Evacuation of civilians from {P} continues, {C} {S}."),
        ("other", "Humanitarian aid was delivered to {P} on Monday."),
        ("other", "A day of mourning was declared {Pl}."),
        ("other", "Power and water supply were partly restored {Pl}."),
        ("other", "{C} {S} the battle for {P} was important for the whole front."),
        ("other", "Journalists visited {P} and described ruined streets."),
        ("other", "Air-raid alerts sounded {Pl} several times overnight."),
        ("other", "Residents of {P} spent the night in basements."),
        ("unconfirmed", "Telegram channels reported that {P} had fallen; this could not be verified."),
        ("unconfirmed", "There is no official confirmation of reports that {P} has been captured."),
        ("unconfirmed", "Unverified footage purportedly shows troops in {P}."),
        ("unconfirmed", "Reports of a downed aircraft near {P} have not been confirmed by either side."),
        ("unconfirmed", "It was not immediately clear who was behind the strike {Pl}."),
        ("unconfirmed", "The claim that {P} is encircled could not be independently checked."),
        ("both", "{R} {Rs} {P} had been captured, but {U} {Us} the fighting was still going on."),
        ("both", "Moscow claims the capture of {P}; Kyiv denies it."),
        ("both", "{R} blamed Ukraine for the strike {Pl}, while {U} blamed Russia."),
        ("both", "Russia says it shot down a Su-25 near {P}; Ukraine says it lost no aircraft."),
        ("both", "{U} {Us} {P} was held, while {R} {Rs} it was taken."),
    ],
    "ru": [
        ("ru_holds", "R|{C} {S}, что населённый пункт {P} полностью освобождён."),
        ("ru_holds", "R|{C} {S} о взятии {Pg} под полный контроль."),
        ("ru_holds", "Российские войска заняли {Pa}, {S} {C}."),
        ("ru_holds", "Населённый пункт {P} перешёл под контроль российской армии."),
        ("ru_holds", "U|{C} {S}, что подразделения ВСУ отошли из {Pg} на более выгодные рубежи."),
        ("ru_holds", "U|ВСУ покинули {Pa}, чтобы сохранить жизни военных, — {S} {C}."),
        ("ru_holds", "R|Над {Pl_over} подняли российский флаг."),
        ("ru_holds", "R|Штурмовые отряды зачистили {Pa} от боевиков ВСУ, {S} {C}."),
        ("ru_holds", "Киев признал потерю {Pg}."),
        ("ru_holds", "Украинские войска отступили из {Pg} под давлением противника."),
        ("ru_holds", "U|{C} {S}, что линия фронта выровнена, войска отведены из {Pg}."),
        ("ru_holds", "R|Наши бойцы полностью контролируют {Pa}, {S} {C}."),
        ("ru_holds", "I|{C} {S}, что российские войска, скорее всего, захватили {Pa}."),
        ("ru_holds", "Взятие {Pg} открывает дорогу на запад, {S} {C}."),
        ("ru_holds", "R|Противник бежал из {Pg}, населённый пункт под нашим контролем."),
        ("ru_holds", "Оборона ВСУ {Pl} рухнула, посёлок занят."),
        ("ru_holds", "R|{C} {S} об освобождении {Pg} подразделениями группировки «Восток»."),
        ("ru_holds", "U|Принято решение о выходе наших подразделений из {Pg}, {S} {C}."),
        ("ru_holds", "Посёлок {P} пал после многомесячных боёв."),
        ("ru_holds", "После отхода ВСУ {P} контролирует российская армия."),
        ("ua_holds", "U|{C} {S}, что ВСУ освободили {Pa}."),
        ("ua_holds", "{P} остаётся под контролем Украины."),
        ("ua_holds", "U|{C} {S}, что все атаки на {Pa} отбиты."),
        ("ua_holds", "U|Заявления о захвате {Pg} — фейк, {S} {C}."),
        ("ua_holds", "R|{C} {S}, что войска отведены из {Pg} на более выгодные позиции."),
        ("ua_holds", "R|Российские подразделения покинули {Pa} в рамках перегруппировки."),
        ("ua_holds", "Украинские военные вернули контроль над {Pi}."),
        ("ua_holds", "U|Наши защитники удерживают {Pa}, враг не продвинулся, — {S} {C}."),
        ("ua_holds", "U|В Генштабе ВСУ опровергли сообщения о взятии {Pg}, назвав их пропагандой."),
        ("ua_holds", "Российских военных выбили из {Pg}."),
        ("ua_holds", "Над {Pl_over} снова поднят украинский флаг."),
        ("ua_holds", "I|{C} {S}, что нет подтверждений захвата {Pg}: посёлок по-прежнему удерживает Украина."),
        ("ua_holds", "U|Попытка противника штурмовать {Pa} провалилась, посёлок наш."),
        ("ua_holds", "{U} {Us}, что информация Минобороны России о взятии {Pg} не соответствует действительности."),
        ("ua_holds", "ВСУ зачистили {Pa} от российских войск."),
        ("contested", "Бои за {Pa} продолжаются."),
        ("contested", "{C} {S}, что {Pl} идут тяжёлые уличные бои."),
        ("contested", "Посёлок {P} не взят полностью, бои идут на окраинах."),
        ("contested", "{P} находится в серой зоне, {S} {C}."),
        ("contested", "Ни одна из сторон не контролирует {Pa} полностью, {S} {C}."),
        ("contested", "Часть {Pg} контролируют российские войска, часть — ВСУ."),
        ("contested", "U|{C} {S}, что ситуация {Pl} сложная, но посёлок не сдан."),
        ("contested", "Говорить о взятии {Pg} преждевременно, {S} {C}."),
        ("contested", "R|{C} {S}, что штурмовые группы продолжают зачистку {Pg}."),
        ("contested", "Линия фронта проходит через центр {Pg}."),
        ("encircled", "Населённый пункт {P} полностью окружён, {S} {C}."),
        ("encircled", "R|{C} {S}, что гарнизон ВСУ {Pl} попал в окружение."),
        ("encircled", "Украинская группировка {Pl} оказалась в котле."),
        ("encircled", "Последняя дорога снабжения {Pg} перерезана, город в окружении."),
        ("not_encircled", "U|{C} {S}, что окружения {Pg} нет."),
        ("not_encircled", "Город {P} не окружён, логистика работает, — {S} {C}."),
        ("not_encircled", "U|Сообщения об окружении {Pg} — фейк, {S} {C}."),
        ("ru_strike|civilian_target", "Российская ракета попала в больницу {Pl}, {S} {C}."),
        ("ru_strike|civilian_target", "U|{C} {S}, что Россия нанесла удар по жилому дому {Pl}."),
        ("ru_strike|civilian_target", "Российский обстрел разрушил школу {Pl}."),
        ("ru_strike|civilian_target", "Армия РФ атаковала дронами рынок {Pl}."),
        ("ru_strike", "Российская артиллерия обстреляла {Pa}, {S} {C}."),
        ("ru_strike", "I|{C} {S}, что, судя по обломкам, удар нанесла Россия."),
        ("ru_strike|military_target", "R|{C} {S}, что высокоточным оружием поражён пункт управления ВСУ {Pl}."),
        ("ru_strike|military_target", "R|Удар {Pl} пришёлся по складу западного оружия, {S} {C}."),
        ("ru_strike|military_target", "R|{C} {S} об уничтожении пункта временной дислокации наёмников {Pl}."),
        ("ua_blame", "R|{C} {S}, что ВСУ сами обстреляли {Pa}."),
        ("ua_blame", "R|Взрыв {Pl} — постановка киевского режима, {S} {C}."),
        ("ua_blame", "R|{C} {S}, что на дома {Pl} упала ракета украинской ПВО."),
        ("ua_blame", "R|По {Pd} ударили с подконтрольной Киеву территории, {S} {C}."),
        ("ua_blame", "R|Россия не имеет отношения к взрыву {Pl}, это провокация ВСУ."),
        ("ua_blame", "R|{C} {S}, что разрушения {Pl} вызваны обстрелом украинской артиллерии."),
        ("ua_blame", "R|Украинские боевики обстреляли {Pa}, чтобы обвинить Россию."),
        ("military_target", "R|{C} {S}, что удары наносились только по военным объектам."),
        ("military_target", "R|В здании {Pl} размещались военные ВСУ, это законная цель."),
        ("military_target", "R|Торговый центр {Pl} давно не работал и использовался как склад боеприпасов."),
        ("civilian_target", "U|Рядом с местом удара {Pl} не было военных объектов, только жилые дома."),
        ("civilian_target", "Удар {Pl} пришёлся по многоэтажке, где спали семьи."),
        ("downed", "R|{C} {S}, что ПВО сбила украинский Су-25 в районе {Pg}."),
        ("downed", "U|{C} {S}, что под {Pi} сбит российский вертолёт Ка-52."),
        ("downed", "Минус ещё один Су-24: самолёт уничтожен над {Pi}."),
        ("downed", "Вражеский Су-30 сбит из ПЗРК возле {Pg}."),
        ("downed", "U|{C} {S}, что все двенадцать дронов над {Pi} перехвачены."),
        ("downed", "R|Средствами ПВО перехвачены и уничтожены ракеты над {Pi}, {S} {C}."),
        ("not_downed", "U|В ВСУ опровергли потерю самолёта в районе {Pg}."),
        ("not_downed", "U|Заявления о сбитом Су-25 — фейк, все самолёты вернулись, — {S} {C}."),
        ("not_downed", "R|{C} {S}, что ракета не была перехвачена и поразила цель."),
        ("not_downed", "Вертолёт не был сбит, он совершил вынужденную посадку под {Pi}."),
        ("many_killed", "Погибли не менее {N} человек, {S} {C}."),
        ("many_killed", "R|{C} {S}, что {Pl} уничтожено более {N} украинских военных."),
        ("many_killed", "Число погибших {Pl} выросло до {N}."),
        ("many_killed", "U|{C} {S}, что противник потерял до {N} человек при штурме {Pg}."),
        ("many_killed", "Десятки мирных жителей погибли при ударе по укрытию {Pl}."),
        ("none_killed", "U|{C} {S}, что в результате удара {Pl} никто не погиб."),
        ("none_killed", "Пострадавших нет, {S} {C}."),
        ("none_killed", "U|Сообщения о сотнях погибших военных {Pl} — фейк, потерь нет, — {S} {C}."),
        ("none_killed", "Здание {Pl} было пустым, жертв нет."),
        ("none_killed", "Обошлось без жертв, {S} {C}."),
        ("other", "Из {Pg} продолжается эвакуация мирных жителей."),
        ("other", "{Pl} раздали гуманитарную помощь."),
        ("other", "{Pl} объявлен день траура."),
        ("other", "{Pl} частично восстановили электроснабжение."),
        ("other", "{C} {S}, что бои за {Pa} важны для всего фронта."),
        ("other", "Жители {Pg} ночевали в подвалах."),
        ("other", "{Pl} несколько раз объявляли воздушную тревогу."),
        ("unconfirmed", "Telegram-каналы пишут о падении {Pg}, официального подтверждения нет."),
        ("unconfirmed", "Сообщения о взятии {Pg} пока не подтверждены."),
        ("unconfirmed", "Появилось непроверенное видео, якобы снятое {Pl}."),
        ("unconfirmed", "Информация о сбитом самолёте под {Pi} не подтверждена ни одной из сторон."),
        ("unconfirmed", "Кто стоит за ударом {Pl}, пока неясно."),
        ("both", "{R} {Rs} о взятии {Pg}, однако {U} {Us}, что бои продолжаются."),
        ("both", "Москва заявляет о захвате {Pg}, Киев это отрицает."),
        ("both", "{R} {Rs}, что удар {Pl} нанесла Украина, а {U} {Us}, что Россия."),
        ("both", "Россия заявляет о сбитом Су-25, Украина отрицает потерю самолёта."),
    ],
    "uk": [
        ("ru_holds", "R|{C} {S}, що населений пункт {P} повністю «звільнено»."),
        ("ru_holds", "Російські війська захопили {Pa}, — {S} {C}."),
        ("ru_holds", "Населений пункт {P} перейшов під контроль окупантів."),
        ("ru_holds", "U|{C} {S}, що підрозділи ЗСУ відійшли з {Pg} на вигідніші рубежі."),
        ("ru_holds", "U|Українські військові залишили {Pa}, щоб зберегти життя особового складу."),
        ("ru_holds", "U|{C} {S} про вихід наших підрозділів з {Pg}."),
        ("ru_holds", "Окупанти підняли свій прапор над {Pi}."),
        ("ru_holds", "Київ визнав втрату {Pg}."),
        ("ru_holds", "Сили оборони відступили з {Pg} під тиском ворога."),
        ("ru_holds", "U|{C} {S}, що лінію фронту вирівняно, а війська відведено з {Pg}."),
        ("ru_holds", "R|Наші бійці повністю контролюють {Pa}, — {S} {C}."),
        ("ru_holds", "I|{C} {S}, що російські війська, ймовірно, захопили {Pa}."),
        ("ru_holds", "{P} окуповано після кількох місяців боїв."),
        ("ru_holds", "R|{C} {S} про взяття {Pg} під повний контроль."),
        ("ru_holds", "U|Ворог захопив {Pa}, наші підрозділи перемістилися на більш вигідні позиції, — {S} {C}."),
        ("ru_holds", "Після відходу ЗСУ {P} контролюють росіяни."),
        ("ru_holds", "Оборона {Pg} впала, село зайняте російськими військами."),
        ("ru_holds", "{P} втрачено: ЗСУ вийшли з села."),
        ("ua_holds", "U|{C} {S}, що ЗСУ звільнили {Pa}."),
        ("ua_holds", "{P} залишається під контролем України."),
        ("ua_holds", "U|{C} {S}, що всі атаки на {Pa} відбито."),
        ("ua_holds", "U|Заяви про захоплення {Pg} — фейк, — {S} {C}."),
        ("ua_holds", "R|{C} {S}, що війська відведено з {Pg} на більш вигідні позиції."),
        ("ua_holds", "Російські підрозділи залишили {Pa}."),
        ("ua_holds", "Українські військові повернули контроль над {Pi}."),
        ("ua_holds", "U|Наші захисники утримують {Pa}, ворог не просунувся, — {S} {C}."),
        ("ua_holds", "U|У Генштабі ЗСУ спростували повідомлення про взяття {Pg}, назвавши їх пропагандою."),
        ("ua_holds", "Окупантів вибили з {Pg}."),
        ("ua_holds", "Над {Pi} знову майорить український прапор."),
        ("ua_holds", "I|{C} {S}, що немає доказів захоплення {Pg}: село досі тримає Україна."),
        ("ua_holds", "U|Спроба ворога штурмувати {Pa} провалилася, село наше."),
        ("ua_holds", "{U} {Us}, що заява Міноборони РФ про взяття {Pg} не відповідає дійсності."),
        ("ua_holds", "ЗСУ зачистили {Pa} від російських військ."),
        ("ua_holds", "{P} — це Україна, село під нашим контролем, — {S} {C}."),
        ("contested", "Бої за {Pa} тривають."),
        ("contested", "{C} {S}, що {Pl} тривають важкі вуличні бої."),
        ("contested", "{P} не захоплено повністю, бої точаться на околицях."),
        ("contested", "{P} перебуває в сірій зоні, — {S} {C}."),
        ("contested", "Жодна зі сторін не контролює {Pa} повністю."),
        ("contested", "Частину {Pg} контролюють росіяни, частину — ЗСУ."),
        ("contested", "U|{C} {S}, що ситуація {Pl} складна, але село не здане."),
        ("contested", "Говорити про захоплення {Pg} передчасно, — {S} {C}."),
        ("contested", "R|{C} {S}, що штурмові групи продовжують зачищати {Pa}."),
        ("contested", "Лінія фронту проходить через центр {Pg}."),
        ("encircled", "{P} повністю оточено, — {S} {C}."),
        ("encircled", "R|{C} {S}, що гарнізон ЗСУ {Pl} потрапив в оточення."),
        ("encircled", "Українське угруповання {Pl} опинилося в котлі."),
        ("encircled", "Останню дорогу постачання до {Pg} перерізано, місто в оточенні."),
        ("not_encircled", "U|{C} {S}, що оточення {Pg} немає."),
        ("not_encircled", "{P} не оточено, логістика працює, — {S} {C}."),
        ("not_encircled", "U|Повідомлення про оточення {Pg} — фейк, — {S} {C}."),
        ("ru_strike|civilian_target", "Російська ракета влучила в лікарню {Pl}, — {S} {C}."),
        ("ru_strike|civilian_target", "U|{C} {S}, що Росія вдарила по житловому будинку {Pl}."),
        ("ru_strike|civilian_target", "Російський обстріл зруйнував школу {Pl}."),
        ("ru_strike|civilian_target", "Армія РФ атакувала дронами ринок {Pl}."),
        ("ru_strike", "Російська артилерія обстріляла {Pa}, — {S} {C}."),
        ("ru_strike", "I|{C} {S}, що, судячи з уламків, удар завдала Росія."),
        ("ru_strike|military_target", "R|{C} {S}, що високоточною зброєю уражено пункт управління ЗСУ {Pl}."),
        ("ru_strike|military_target", "R|Удар {Pl} припав на склад західної зброї, — {S} {C}."),
        ("ua_blame", "R|{C} {S}, що ЗСУ самі обстріляли {Pa}."),
        ("ua_blame", "R|Вибух {Pl} — інсценування Києва, — {S} {C}."),
        ("ua_blame", "R|{C} {S}, що на будинки {Pl} впала ракета української ППО."),
        ("ua_blame", "R|Росія не має стосунку до вибуху {Pl}, це провокація ЗСУ, — {S} {C}."),
        ("ua_blame", "R|{C} {S}, що руйнування {Pl} спричинив обстріл української артилерії."),
        ("ua_blame", "Росіяни звинуватили ЗСУ в ударі по {Pd}."),
        ("ua_blame", "R|Українські бойовики обстріляли {Pa}, щоб звинуватити Росію."),
        ("military_target", "R|{C} {S}, що удари завдавалися лише по військових об'єктах."),
        ("military_target", "R|У будівлі {Pl} розміщувалися військові ЗСУ, це законна ціль."),
        ("military_target", "R|Торговий центр {Pl} давно не працював і використовувався як склад боєприпасів."),
        ("civilian_target", "U|Поруч з місцем удару {Pl} не було військових об'єктів, лише житлові будинки."),
        ("civilian_target", "Удар {Pl} припав на багатоповерхівку, де спали родини."),
        ("downed", "R|{C} {S}, що ППО збила український Су-25 в районі {Pg}."),
        ("downed", "U|{C} {S}, що біля {Pg} збито російський гелікоптер Ка-52."),
        ("downed", "Мінус ще один Су-24: літак знищено над {Pi}."),
        ("downed", "Ворожий Су-30 збили з ПЗРК поблизу {Pg}."),
        ("downed", "U|{C} {S}, що всі дванадцять дронів над {Pi} знешкоджено."),
        ("downed", "U|Сили ППО перехопили ракети над {Pi}, — {S} {C}."),
        ("not_downed", "U|У Повітряних силах спростували втрату літака в районі {Pg}."),
        ("not_downed", "U|Заяви про збитий Су-25 — фейк, усі літаки повернулися, — {S} {C}."),
        ("not_downed", "R|{C} {S}, що ракету не було перехоплено і вона уразила ціль."),
        ("not_downed", "Гелікоптер не був збитий, він здійснив вимушену посадку біля {Pg}."),
        ("many_killed", "Загинули щонайменше {N} людей, — {S} {C}."),
        ("many_killed", "R|{C} {S}, що {Pl} знищено понад {N} українських військових."),
        ("many_killed", "Кількість загиблих {Pl} зросла до {N}."),
        ("many_killed", "U|{C} {S}, що ворог втратив до {N} осіб під час штурму {Pg}."),
        ("many_killed", "Десятки цивільних загинули під час удару по укриттю {Pl}."),
        ("none_killed", "U|{C} {S}, що внаслідок удару {Pl} ніхто не загинув."),
        ("none_killed", "Постраждалих немає, — {S} {C}."),
        ("none_killed", "U|Повідомлення про сотні загиблих військових {Pl} — фейк, втрат немає, — {S} {C}."),
        ("none_killed", "Будівля {Pl} була порожня, жертв немає."),
        ("none_killed", "Обійшлося без жертв, — {S} {C}."),
        ("other", "З {Pg} триває евакуація мирних жителів."),
        ("other", "{Pl} роздали гуманітарну допомогу."),
        ("other", "{Pl} оголошено день жалоби."),
        ("other", "{Pl} частково відновили електропостачання."),
        ("other", "{C} {S}, що бої за {Pa} важливі для всього фронту."),
        ("other", "Мешканці {Pg} ночували в підвалах."),
        ("other", "{Pl} кілька разів оголошували повітряну тривогу."),
        ("unconfirmed", "Telegram-канали пишуть про падіння {Pg}, офіційного підтвердження немає."),
        ("unconfirmed", "Повідомлення про захоплення {Pg} поки не підтверджені."),
        ("unconfirmed", "З'явилося неперевірене відео, нібито зняте {Pl}."),
        ("unconfirmed", "Інформацію про збитий літак біля {Pg} не підтвердила жодна зі сторін."),
        ("unconfirmed", "Хто стоїть за ударом {Pl}, поки незрозуміло."),
        ("both", "{R} {Rs} про захоплення {Pg}, однак {U} {Us}, що бої тривають."),
        ("both", "Москва заявляє про захоплення {Pg}, Київ це заперечує."),
        ("both", "{R} {Rs}, що удару {Pl} завдала Україна, а {U} {Us}, що Росія."),
        ("both", "Росія заявляє про збитий Су-25, Україна заперечує втрату літака."),
    ],
}

# Free-form statements, written once each (no claimant or place filled in, though some have a
# place slot).
FREE: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("ru_holds", ("After a week of street fighting the last defenders left the town's industrial zone, "
                     "and the Ukrainian command admitted the position could no longer be held.")),
        ("ru_holds", ("Moscow's troops now stand on the western edge of {P}, having pushed the defenders "
                     "out of the last streets.")),
        ("ru_holds", "A Kremlin spokesman congratulated the troops on the liberation of {P}."),
        ("ru_holds", ("Ukrainian commanders said the brigade's rotation out of {P} was completed and the "
                     "village was given up.")),
        ("ru_holds", "\"We are no longer in {P},\" a Ukrainian battalion commander told reporters."),
        ("ua_holds", "The enemy's assault on {P} was beaten back with heavy losses; our positions are intact."),
        ("ua_holds", ("Moscow's announcement about {P} is yet another fake: the village is ours, the "
                     "brigade said, posting a video from its centre.")),
        ("ua_holds", "Russian units abandoned their positions around {P} and fled across the river."),
        ("ua_holds", "Ukrainian paratroopers raised the national flag over the village council in {P}."),
        ("ua_holds", "The regrouping announced by Moscow means its troops have left {P}."),
        ("contested", "Russian infiltration groups entered {P}, but Ukrainian units still hold most of it."),
        ("contested", "Control of {P} changes hands almost daily."),
        ("contested", "Assaults continue in the direction of {P}; the enemy has a foothold on its eastern edge."),
        ("contested", "Russian troops managed to gain a foothold in {P}, but were unable to advance further."),
        ("encircled", "The operational encirclement of {P} is complete: every road is under fire control."),
        ("not_encircled", "Our troops in {P} are supplied normally; there is no cauldron."),
        ("ru_strike|civilian_target", ("Two Russian cruise missiles slammed into the maternity ward "
                                      "in {P} shortly after midnight.")),
        ("ru_strike|civilian_target", ("A glide bomb dropped by a Russian jet destroyed a supermarket "
                                      "in {P} during opening hours.")),
        ("ua_blame", ("The mall was set on fire by Ukrainian saboteurs to provoke outrage, a Russian "
                     "diplomat told the Security Council.")),
        ("ua_blame", "The dormitory in {P} was hit by a stray Ukrainian S-300 interceptor, Moscow insisted."),
        ("military_target", ("The target was a workshop assembling Ukrainian attack drones, and it was destroyed, "
                            "a Russian source said.")),
        ("civilian_target", "The bus station was full of commuters when the shells landed."),
        ("downed", "Wreckage of the helicopter was found in a field near {P}; the crew did not survive."),
        ("downed", "Another Russian Su-25 attack jet turned into a fireball over the steppe."),
        ("not_downed", "The jet that Moscow says it downed landed safely at its base an hour later."),
        ("not_downed", ("All of the Kalibr missiles fired at {P} reached their targets, none were intercepted, "
                       "the Russian ministry insisted.")),
        ("many_killed", "Rescuers pulled {N} bodies from the rubble of the five-storey building."),
        ("many_killed", "The strike wiped out a whole company, killing around {N} servicemen."),
        ("none_killed", "Windows were blown out but, luckily, no one died."),
        ("none_killed", "The dormitories hit were empty: not a single soldier was killed, the city's mayor said."),
        ("other", "The mayor of {P} asked residents to stock up on water."),
        ("other", "A convoy of buses left {P} with 120 evacuees."),
        ("unconfirmed", ("Pro-Russian channels are spreading a video of a flag on a ruined building; its "
                        "location has not been established.")),
        ("both", ("The sides give opposite accounts of the battle for {P}: Moscow speaks of capture, Kyiv "
                 "of repelled assaults.")),
    ],
    "ru": [
        ("ru_holds", ("После недели уличных боёв последние защитники покинули промзону, и украинское "
                     "командование признало, что удерживать позиции больше невозможно.")),
        ("ru_holds", "Российские войска вышли на западную окраину {Pg}, выбив противника с последних улиц."),
        ("ru_holds", "Путин поздравил военных с освобождением {Pg}."),
        ("ru_holds", "«Нас больше нет в {Pl_plain}», — сказал журналистам командир украинского батальона."),
        ("ru_holds", "Над зданием администрации {Pg} водрузили триколор."),
        ("ua_holds", "Штурм {Pg} отбит с большими потерями для противника, позиции удержаны."),
        ("ua_holds", "Заявление Москвы про {Pa} — очередной фейк: посёлок наш, бригада выложила видео из центра."),
        ("ua_holds", "Российские подразделения бросили позиции у {Pg} и бежали за реку."),
        ("ua_holds", "Объявленная Москвой перегруппировка означает, что её войска ушли из {Pg}."),
        ("contested", "Российские ДРГ зашли в {Pa}, но большую часть посёлка удерживают ВСУ."),
        ("contested", "Противник закрепился на восточной окраине {Pg}, бои продолжаются."),
        ("contested", "Контроль над {Pi} переходит из рук в руки почти ежедневно."),
        ("encircled", "Оперативное окружение {Pg} завершено: все дороги под огневым контролем."),
        ("not_encircled", "Снабжение наших войск {Pl} идёт в штатном режиме, никакого котла нет."),
        ("ru_strike|civilian_target", "Две российские крылатые ракеты вскоре после полуночи попали в роддом {Pl}."),
        ("ru_strike|civilian_target", "Российский самолёт сбросил управляемую авиабомбу на супермаркет {Pl}."),
        ("ua_blame", ("Торговый центр подожгли украинские диверсанты ради провокации, заявил российский "
                     "дипломат в Совбезе ООН.")),
        ("ua_blame", "В общежитие {Pl} попала сбившаяся с курса украинская ракета С-300, настаивают в Москве."),
        ("military_target", "Целью был цех по сборке украинских ударных дронов, он уничтожен, сообщил российский источник."),
        ("civilian_target", "В момент обстрела на автостанции было много пассажиров."),
        ("downed", "Обломки вертолёта нашли в поле у {Pg}, экипаж погиб."),
        ("downed", "Ещё один российский штурмовик Су-25 превратился в огненный шар над степью."),
        ("not_downed", "Самолёт, который в Москве объявили сбитым, через час благополучно сел на базе."),
        ("not_downed", "Все «Калибры», выпущенные по {Pd}, достигли целей, ни один не перехвачен, настаивают в Минобороны РФ."),
        ("many_killed", "Спасатели извлекли из-под завалов пятиэтажки {N} тел."),
        ("many_killed", "Удар уничтожил целую роту, погибли около {N} военных."),
        ("none_killed", "Выбиты окна, но, к счастью, никто не погиб."),
        ("none_killed", "Общежития были пустыми: ни один военный не погиб, заявил мэр."),
        ("other", "Мэр {Pg} призвал жителей запастись водой."),
        ("other", "Колонна автобусов вывезла из {Pg} 120 человек."),
        ("unconfirmed", ("Пророссийские каналы распространяют видео с флагом на разрушенном здании, "
                        "место съёмки не установлено.")),
        ("both", "Стороны по-разному описывают бои за {Pa}: Москва говорит о взятии, Киев — об отбитых штурмах."),
    ],
    "uk": [
        ("ru_holds", ("Після тижня вуличних боїв останні захисники залишили промзону, і командування "
                     "визнало, що втримувати позиції далі неможливо.")),
        ("ru_holds", "Російські війська вийшли на західну околицю {Pg}, вибивши оборонців з останніх вулиць."),
        ("ru_holds", "Путін привітав військових зі «звільненням» {Pg}."),
        ("ru_holds", "«Нас більше немає {Pl}», — сказав журналістам командир українського батальйону."),
        ("ru_holds", "Над будівлею адміністрації {Pg} окупанти вивісили триколор."),
        ("ua_holds", "Штурм {Pg} відбито з великими втратами для ворога, позиції втримано."),
        ("ua_holds", "Заява Москви про {Pa} — черговий фейк: село наше, бригада виклала відео з центру."),
        ("ua_holds", "Російські підрозділи кинули позиції біля {Pg} і втекли за річку."),
        ("ua_holds", "Оголошене Москвою «перегрупування» означає, що її війська пішли з {Pg}."),
        ("contested", "Російські ДРГ зайшли в {Pa}, але більшу частину села утримують ЗСУ."),
        ("contested", "Ворог закріпився на східній околиці {Pg}, бої тривають."),
        ("contested", "Контроль над {Pi} переходить з рук у руки майже щодня."),
        ("encircled", "Оперативне оточення {Pg} завершено: усі дороги під вогневим контролем."),
        ("not_encircled", "Постачання наших військ {Pl} йде в штатному режимі, жодного котла немає."),
        ("ru_strike|civilian_target", "Дві російські крилаті ракети невдовзі після опівночі влучили в пологовий будинок {Pl}."),
        ("ru_strike|civilian_target", "Російський літак скинув керовану авіабомбу на супермаркет {Pl}."),
        ("ua_blame", "ТЦ підпалили українські диверсанти заради провокації, заявив російський дипломат у Радбезі ООН."),
        ("ua_blame", "У гуртожиток {Pl} влучила українська ракета С-300, що збилася з курсу, наполягають у Москві."),
        ("military_target", "Ціллю був цех зі збирання українських ударних дронів, його знищено, стверджує російське джерело."),
        ("civilian_target", "У момент обстрілу на автостанції було багато пасажирів."),
        ("downed", "Уламки гелікоптера знайшли в полі біля {Pg}, екіпаж загинув."),
        ("downed", "Ще один російський штурмовик Су-25 перетворився на вогняну кулю над степом."),
        ("not_downed", "Літак, який у Москві оголосили збитим, за годину благополучно сів на базі."),
        ("not_downed", "Усі «Калібри», випущені по {Pd}, досягли цілей, жодного не перехоплено, наполягають у Міноборони РФ."),
        ("many_killed", "Рятувальники дістали з-під завалів п'ятиповерхівки {N} тіл."),
        ("many_killed", "Удар знищив цілу роту, загинули близько {N} військових."),
        ("none_killed", "Вибито вікна, але, на щастя, ніхто не загинув."),
        ("none_killed", "Гуртожитки були порожні: жоден військовий не загинув, заявив мер."),
        ("other", "Мер {Pg} закликав мешканців запастися водою."),
        ("other", "Колона автобусів вивезла з {Pg} 120 людей."),
        ("unconfirmed", "Проросійські канали поширюють відео з прапором на зруйнованій будівлі, місце зйомки не встановлено."),
        ("both", "Сторони по-різному описують бої за {Pa}: Москва говорить про захоплення, Київ — про відбиті штурми."),
    ],
}

NUMBERS = ["12", "17", "23", "31", "40", "52", "64", "80", "100", "120", "200", "300", "600"]
# How many times each pattern is used (with different places and claimants).
USES = 2


def _instrumental(place: dict, lang: str) -> str:
    """'над/під/над X' needs the instrumental; built from the nominative (good enough for our
    village names: -ка -> -кой/-кою, -е/-ое -> -им/-ым, consonant -> -ом)."""
    nom = place[lang][0]
    words = nom.split()
    out = []
    for w in words:
        if lang == "ru":
            for end, rep in (("ое", "ым"), ("ый", "ым"), ("ий", "им"), ("ка", "кой"),
                             ("ье", "ьем"), ("ще", "щем"), ("а", "ой"), ("ё", "ём")):
                if w.endswith(end):
                    w = w[: -len(end)] + rep
                    break
            else:
                w = w + "ом"
        else:
            for end, rep in (("ке", "ким"), ("не", "ним"), ("ве", "вим"), ("те", "тим"),
                             ("ле", "лим"), ("ий", "им"), ("ка", "кою"), ("ля", "лям"),
                             ("ще", "щем"), ("е", "им"), ("а", "ою")):
                if w.endswith(end):
                    w = w[: -len(end)] + rep
                    break
            else:
                w = w + "ом"
        out.append(w)
    return " ".join(out)


def _dative(place: dict, lang: str) -> str:
    """'по X' (a strike on X) takes the dative in ru and the locative in uk."""
    nom, gen, loc, _acc = place[lang]
    bare = loc.split(" ", 1)[1]
    if lang == "uk":
        return bare
    if nom.endswith("ка"):
        return nom[:-1] + "е"
    if nom.endswith(("ое", "ее", "ье", "ще")):
        return gen[:-1] + "му" if gen.endswith("го") else gen[:-1] + "у"
    if nom.endswith(("ый Яр", "ый Гай")):
        return bare.replace("ом ", "ому ").replace("Яре", "Яру").replace("Гае", "Гаю")
    return nom + "у"


def fill(text: str, lang: str, rng: random.Random, place: dict) -> tuple[str, str | None]:
    side = None
    if len(text) > 2 and text[1] == "|":
        side, text = text[0], text[2:]
    claimants = CLAIMANTS[lang]
    pool = claimants[side] if side else claimants["R"] + claimants["U"] + claimants["I"]
    name, said = rng.choice(pool)
    r_name, r_said = rng.choice(claimants["R"])
    u_name, u_said = rng.choice(claimants["U"])
    if lang == "en":
        forms = {"P": place["en"], "Pg": place["en"], "Pl": f"in {place['en']}", "Pa": place["en"],
                 "Pi": place["en"], "Pd": place["en"], "Pl_over": place["en"],
                 "Pl_plain": place["en"]}
    else:
        nom, gen, loc, acc = place[lang]
        forms = {"P": nom, "Pg": gen, "Pl": loc, "Pa": acc, "Pi": _instrumental(place, lang),
                 "Pd": _dative(place, lang), "Pl_over": _instrumental(place, lang),
                 "Pl_plain": loc.split(" ", 1)[1]}
    values = {**forms, "C": name, "S": said, "R": r_name, "Rs": r_said, "U": u_name, "Us": u_said,
              "N": rng.choice(NUMBERS)}
    out = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], text)
    own_side = re.search(r"(?i)\b(?:our|we|наш\w*|мы|ми)\b", text)
    if ("{C}" not in text and "{R}" not in text and "{U}" not in text and not (own_side and not side)
            and rng.random() < 0.45):
        # Wrap with a claimant: "Konashenkov: ..." or "..., Konashenkov said."
        name, said = rng.choice(pool)
        if rng.random() < 0.5:
            out = f"{name[0].upper()}{name[1:]}: {out}"
        elif lang == "en":
            out = re.sub(r"[.!]$", "", out) + f", {name} {said}."
        else:
            out = re.sub(r"[.!]$", "", out) + f", — {said} {name}."
    out = out[0].upper() + out[1:]
    return out, side


def build(seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    for lang in ("en", "ru", "uk"):
        items = [(o, t, USES) for o, t in PATTERNS[lang]] + [(o, t, 1) for o, t in FREE[lang]]
        n = 0
        for outcomes, text, uses in items:
            seen: set[str] = set()
            for _ in range(uses):
                place = rng.choice(PLACES)
                sentence, _side = fill(text, lang, rng, place)
                if sentence in seen:
                    continue
                seen.add(sentence)
                n += 1
                rows.append({"id": f"T{lang}{n:03d}", "lang": lang,
                             "outcomes": outcomes.split("|"), "place": place["en"],
                             "text": sentence})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.outcome_bank", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rows = build(args.seed)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    from collections import Counter

    print(f"wrote {len(rows)} statements to {args.out}: "
          + ", ".join(f"{k}={v}" for k, v in sorted(Counter(r['lang'] for r in rows).items())))
    print(", ".join(f"{k}={v}" for k, v in Counter(o for r in rows for o in r["outcomes"])
                    .most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
