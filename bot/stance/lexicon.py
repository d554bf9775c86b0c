"""Word lists for claim frames in English, Russian and Ukrainian, written by the team.

Every entry is a regular-expression fragment matched case-insensitively against lower-cased
text at a word start. Cyrillic texts are matched against both the Russian and the Ukrainian lists
(short posts are often misdetected, and many stems are shared). Keep entries short stems, so that
inflected forms match: "захоп" covers захопили, захоплення, захоплено.
"""

from __future__ import annotations

# -- event triggers --------------------------------------------------------------------------
# event type -> {"en": [...], "cyr": [...]}; order matters only for readability.
TRIGGERS: dict[str, dict[str, list[str]]] = {
    "encircled": {
        "en": [r"encircl\w*", r"surround\w*", r"cut off", r"in a (?:pocket|cauldron|kettle)",
               r"trapped", r"blockaded", r"closed the ring",
               r"ring (?:\w+ ){0,3}(?:has been |had been |was |is )?closed"],
        "cyr": [r"окруж\w*", r"котл(?:а|е|у|ом|ы|ов|ах|ами|і|ів)?(?!\w)", r"котёл", r"котел",
                r"замкнул\w* кольц\w*",
                # "под Свердликово захлопнулся мешок", "в мешке"
                r"(?:захлопнул|закрыл|замкнул|затягива|затягує)\w* (?:\w+ )?(?:мешок|мішок)",
                r"(?:мешок|мішок) (?:\w+ )?(?:захлопнул|закрыл|замкнул|закрився|закрил)\w*",
                r"(?:в|у) (?:мешке|мішку)",
                # "взяли Конотоп у блокаду", "взяли город в кольцо"
                r"(?:взял|взяли|взяв|узяли|беруть|берут) (?:[\w'’-]+ "
                r"){0,2}(?:у|в) (?:блокад|кольц|кільц|"
                r"окружени|оточенн)\w*",
                r"замкнул\w* кільц\w*", r"оточ\w*", r"в кільці", r"в кольце",
                r"кольц\w* (?:\w+ ){0,3}замкн\w*", r"кільц\w* (?:\w+ ){0,3}замкн\w*", r"отрезан\w*",
                r"відрізан\w*", r"блокирован\w*", r"заблокирован\w*", r"заблокован\w*",
                r"(?:взят|взял|узял)\w* (?:\w+ )?(?:в|у) (?:кольц|кільц|окружени|оточенн)\w*"],
    },
    "withdrew": {
        "en": [r"(?:have|has|had) gone from", r"moved (?:off|out)", r"(?:failed|unable) to hold",
               r"could(?: not|n't) hold", r"withdr[ae]w\w*",
               r"withdrawal", r"pull(?:ed|ing|s)? (?:out|back)", r"pull-?back",
               r"pull(?:ed|ing|s)? (?:\w+ ){1,3}(?:out of|back from)",
               r"retreat\w*", r"f[ae]ll(?:en|ing|s)? back",
               r"(?:driven|pushed|forced|kicked|knocked) out(?: of)?", r"(?:expelled|ousted) from",
               r"(?:drove|driven|pushed|forced|kicked|knocked) (?:\w+ ){1,3}out of",
               r"to (?:more )?(?:favou?rable|advantageous|defensible) (?:positions|lines)",
               r"(?:moved|pulled back|fell back|withdrawn|withdrew) to new (?:positions|lines)",
               r"loss of", r"lost control (?:of|over)", r"left", r"leav(?:e|es|ing)",
               r"abandon\w*", r"regroup\w*", r"fled", r"flee(?:s|ing)?",
               r"evacuated (?:its|their|the) "
               r"(?:troops|forces|garrison)", r"taken? (?:troops|forces|soldiers) out",
               r"took (?:troops|forces|soldiers) out", r"laid down (?:their )?arms",
               r"surrender\w*", r"g[ai]ve(?:n)? up", r"giving up",
               r"failed to (?:break|punch) through"],
        "cyr": [r"(?:виходил|выходил)\w* (?:\w+ ){0,2}(?:з|із|зі|из)(?= [А-ЯЁІЇЄҐ])",
                r"(?:з|із|зі|из) [А-ЯЁІЇЄҐ][\w'’-]+ (?:виходил|выходил|відходил|отходил)\w*",
                # "Котлино, увы, не удержали": the place was lost
                r"не (?:смогли )?(?:удержали|удержал|удержать|втримали|утримали|втримав|утримав)",
                r"(?:потерян|втрачен|утрачен)[аоы]?(?!\w)",
                r"(?:мы|ми) (?:[\w,]+ ){0,3}(?:отдали|віддали)",
                r"(?:пришлось|пришлося|довелося|довелось|вынуждены были|змушені були) (?:\w+ )?"
                r"(?:уйти|уходить|піти|відійти|отойти|оставить|залишити|покинуть|покинути)",
                r"отступ\w*", r"отвод\w*", r"отвест\w*", r"отвел\w*", r"отвёл\w*", r"отведен\w*",
                r"отошл\w*", r"отош[её]л", r"отход\w*", r"покину\w*", r"покида\w*", r"остави\w*",
                r"оставл\w*", r"вышл\w* из", r"выйти из", r"выход\w* из", r"вывел\w*",
                r"выведен\w*", r"вывод\w* (?:войск|подразделен|сил)", r"перегруппир\w*",
                r"перегруппировк\w*", r"передислоц\w*", r"переброск\w* войск", r"бежал\w*",
                r"ушл\w* из", r"(?<=наши )ушл\w*", r"(?<=мы )ушл\w*", r"уход\w* из", r"сложил\w* оружие", r"сдал\w*ся", r"сдались",
                r"відступ\w*", r"відвед\w*", r"відвест\w*", r"відвів\w*", r"відійш\w*",
                r"відійт\w*", r"відход\w*", r"залиши\w*", r"залишен\w*", r"покинул\w*",
                r"покинут\w*", r"вийшл\w* з", r"вийти з", r"вихід з", r"вивел\w*",
                r"вивед\w*", r"виведен\w*", r"вивів", r"перегрупу\w*", r"втекл\w*", r"тікал\w*",
                r"склал\w* зброю", r"здал\w*ся", r"здались", r"вихід\w* (?:\w+ ){0,3}з",
                r"выход\w* (?:\w+ ){0,3}из", r"вивід\w* (?:\w+ ){0,3}з",
                r"вывод\w* (?:\w+ ){0,3}из", r"відхід\w*", r"відход\w* з",
                r"(?:на )?(?:более|більш) (?:выгодн|вигідн)\w* (?:рубеж|позиці|позици|ліні)\w*",
                r"на вигідніш\w* (?:рубеж|позиці)\w*", r"на выгодн\w* (?:рубеж|позици)\w*",
                r"выбит\w* из", r"вибит\w* з", r"(?:выбил\w*|вибил\w*) (?:\w+ ){0,2}(?:из|изо|з|із|зі|звідти|оттуда)",
                r"(?:звідти|оттуда) (?:\w+ )?(?:вибил|выбил)\w*",
                # "диверсантов выдавили обратно за границу", "нарушители вытеснены"
                r"(?:выдавил|видавил|вытеснил|витіснил)\w* (?:\w+ "
                r"){0,2}(?:из|з|із|обратно|назад|за)",
                r"(?:вытеснен|витіснен)\w*",
                r"откатил\w*", r"откатыва\w*", r"відкотил\w*", r"відкочу\w*", r"відкоти\w*",
                r"откати\w*", r"отойти", r"сдать", r"сдали", r"здати", r"здали",
                # passive "thrown back": the subject withdrew ("противник отброшен"); an
                # attacker that never moved the defence got nowhere (the defender holds)
                r"отброшен\w*", r"відкинут\w*",
                r"не (?:зміг|змогл\w*|зумі\w*|смог\w*|сумел\w*) (?:\w+ ){0,2}(?:прорвати|прорвать|"
                r"зрушити|пробити|пробить|сдвинуть) (?:\w+ ){0,2}оборон\w*",
                r"(?:так і )?не зрушив\w* (?:\w+ )?оборон\w*",
                # "there was no sense in holding it any longer": given up
                r"не (?:було|было) (?:\w+ ){0,2}сенсу (?:\w+ ){0,2}(?:тримати|утримувати)",
                r"не имело (?:\w+ )?смысла (?:\w+ ){0,2}(?:удерживать|держать)",
                r"(?:тримати|утримувати) (?:\w+ ){0,3}не (?:було|было) (?:\w+ ){0,2}сенсу",
                r"(?:удерживать|держать) (?:\w+ ){0,3}не имело (?:\w+ )?смысла",
                r"потер[яеюи]\w*", r"утрат[аыуе]\w*", r"втрат[аиуі]\w*",
                r"втрачен\w*", r"утрачен\w*", r"потерян\w*"],
    },
    "took": {
        "en": [r"captur\w*", r"seiz\w*", r"took (?:full |complete |total )?control",
               r"tak(?:en|es|ing|e) (?:full |complete |total )?control", r"took over",
               r"tak(?:en|es|ing|e) over", r"has been taken", r"had been taken", r"regain\w*",
               r"have been taken", r"was taken", r"were taken", r"is taken", r"(?:has|had) taken",
               r"took", r"occup(?:ied|ies|y|ying)", r"overr[au]n", r"liberat\w*", r"retak\w*",
               r"retook",
               r"recaptur\w*", r"conquer\w*", r"secured", r"fell to", r"has fallen", r"had fallen",
               r"fall of", r"its fall", r"stormed", r"f[ae]ll(?:s|ing)? to", r"freed", r"won control", r"established control",
               r"in control of", r"gained control", r"(?:has|had|have|to have) taken",
               r"(?:has|had|have) \w+ly taken", r"(?:is|are) (?:ukrainian|russian) again",
               r"(?<=without )securing", r"(?<=failed to )secure",
               r"(?:is|are) again (?:ukrainian|russian)",
               # "have not (yet) taken Pisky": the negation before is read as for any trigger
               r"(?<=not )taken", r"(?<=not yet )taken", r"(?<=never )taken",
               r"(?:has|had|have) (?:\w+ly )?fallen", r"clear(?:ed|ing) (?:\w+ ){0,2}of",
               r"(?:been|was|were|is) (?:fully |completely )?cleared of"],
        # "взят в кольцо", "взяли в оточення" is an encirclement, not a capture
        "cyr": [r"взял\w*(?! (?:\w+ )?(?:в|у) (?:кольц|кільц|окружени|оточенн))",
                r"взят\w*(?! (?:\w+ )?(?:в|у) (?:кольц|кільц|окружени|оточенн))", r"взяти\w*", r"возьм\w*", r"захват\w*", r"захвач\w*",
                r"занял\w*", r"заняли", r"занят\w*", r"освобод\w*", r"освобожд\w*",
                r"оккупирова\w*", r"перешл\w* под (?:\w+ )?контроль",
                r"перешёл под (?:\w+ )?контроль",
                r"зачищен\w*", r"зачистил\w*", r"зачистк\w*", r"зачистить", r"зачистити", r"очищен\w* от", r"очищен\w* від",
                r"очистил\w* от", r"очистил\w* від",
                r"установил\w* (?:полный )?контроль", r"пал\b", r"пала\b", r"сдан\w*",
                r"захоп\w*", r"зайнял\w*", r"зайнят\w*", r"звільн\w*", r"окупува\w*",
                r"окупован\w*", r"перейш\w* під (?:\w+ )?контроль",
                r"встановил\w* (?:повний )?контроль", r"взяли під контроль", r"взяли под контроль",
                r"впав\b", r"впало\b", r"повернул\w* під контроль",
                r"повернул\w* під (?:\w+ )?(?:прапор|стяг)", r"вернул\w* под (?:\w+ )?флаг",
                r"(?:вернул|повернул)\w*(?:ся|сь) (?:\w+ )?(?:домой|додому)",
                # "куди повернулися українські військові"
                r"(?:повернул|вернул)\w*(?:ся|сь)(?= (?:\w+ )?(?:українськ|украинск|российск|"
                r"російськ|наш)\w* (?:військ|войск|сил|підрозділ|подраздел|воен))"],
    },
    "entered": {
        "en": [r"entered", r"enter(?:s|ing)? the city", r"went into", r"(?:broke|broken|breaking) into", r"moved into",
               r"reached the (?:city )?cent(?:re|er)", r"are (?:already )?in the city",
               r"were (?:already )?in the city", r"raised (?:the|a) \w+ flag",
               r"rais(?:e|es|ing) (?:(?:the|a) )?(?:\w+ )?flag",
               r"flag (?:was |being |been |is )?(?:raised|hoisted)",
               r"hoist(?:s|ed|ing)? (?:(?:the|a) )?(?:\w+ )?flag",
               r"flag (?:is |was |has been )?(?:flying|flies|flew) (?:again|once (?:again|more)|"
               r"over)"],
        "cyr": [r"вошл\w*", r"вош[её]л", r"вступил\w*", r"зашл\w*", r"зайшов", r"увійшов", r"вышл\w* к центру",
                r"дошл\w* до центра", r"ворвал\w*", r"подняли? \w* ?(?:флаг|знамя)",
                r"поднима\w* (?:\w+ ){0,2}(?:флаг|знамя|триколор)", r"підн[иі]ма\w* (?:\w+ ){0,2}прапор",
                r"поднят\w* \w* ?(?:флаг|знамя|триколор)", r"(?:триколор|флаг) (?:\w+ )?над",
                r"увійшл\w*", r"увійш\w*", r"зайшл\w*", r"дійшл\w* до центру",
                r"увірвал\w*", r"підняли? \w* ?(?:прапор|стяг)", r"піднял\w* \w* ?прапор",
                r"піднят\w* \w* ?(?:прапор|стяг)", r"замайор\w* \w* ?(?:прапор|стяг)",
                r"(?:флаг|прапор|стяг) (?:\w+ )?(?:подня\w*|підня\w*|замайор\w*|майор\w*)",
                r"майор\w* (?:[\w-]+ ){0,2}(?:прапор|стяг)", r"(?:прапор|флаг|стяг) над"],
    },
    "holds": {
        "en": [r"hold(?:s|ing)?", r"held", r"remain\w* (?:under|in) \w* ?control",
               r"under (?:full |complete )?(?:\w+ )?control", r"controlled by", r"controls?\b",
               r"controlled(?! (?:withdraw|retreat|pull|exit|evacuat|demolit|explos|detonat)\w*)",
               r"keep\w* control", r"still (?:in|under)", r"holding out", r"repel\w*",
               r"repuls\w*", r"fought off", r"beat(?:en)? back", r"(?:thrown|threw) back",
               r"stay(?:ing|s|ed)? in",
               r"(?:is|are|were|was) staying", r"not lost", r"had not been lost",
               r"has not been lost", r"remain\w* in the city", r"defend\w* the city",
               r"(?:still )?in (?:\w+ )?hands", r"(?:retain|maintain|keep)\w* control",
               r"(?:remains?|stays?|will (?:remain|stay)) (?:\w+ )?(?:Ukrainian|Russian)"
               r"(?! at heart| in spirit)",
               r"(?:is|are|was) (?:\w+ )?ours(?: again)?",
               r"(?:will not|won't|does not|did not|has not|"
               r"never) (?:\w+ )?(?:surrender\w*|given? up)",
               r"stopped (?:\w+ ){0,3}(?:assaults?|attacks?|advances?)"],
        "cyr": [r"(?<=[—–] )(?:український|українська|українське|українські|русский|русская|русское|"
                r"российск\w*|наш[аеи]?)(?=[\s.!,:])", r"(?<=\w )наш[аеи]?(?=\s*(?:[:.!]|$))", r"удерж\w*", r"удержива\w*", r"контролир\w*", r"под контролем",
           r"под \w+ контролем",
                r"отбит\w*", r"отбил\w*", r"отраж\w*", r"отрази\w*", r"пресечен\w*", r"пресекл\w*",
                r"провалил\w*", r"провалив\w*", r"сорван\w*", r"зірван\w*", r"остал\w*ся под", r"оста[её]тся под",
                r"остаются под", r"остаются в", r"оста[её]тся в",
                r"утриму\w*", r"утрима\w*", r"трима\w*", r"контролю\w*",
                r"під контролем", r"під \w+ контролем", r"відбил\w*", r"відбит\w*", r"відбива\w*",
                r"залишається під", r"залишаються під", r"залишається в", r"обороня\w* місто",
                r"контроль над", r"сохраня\w* контроль", r"зберіга\w* контроль",
                r"в (?:\w+ )?руках",
                r"оборон\w* город",
                # "Місто було і лишається українським", "город остался за ВСУ", "не здається"
                r"(?:залишається|лишається|залишився|лишився|залишилося|залишилось|остается|"
                r"остаётся|остался|осталось|осталась) (?:\w+ "
                r")?(?:українськ|украинск|российск|русск|"
                r"російськ)\w*",
                r"(?:остал|залишил|лишил)\w* за(?= \w)",
                r"не (?:здається|здаеться|сда[её]тся|здамо|сдадим|здадуть|сдадут)",
                r"(?:зупинил|зупинили|остановил|остановили)\w* "
                r"(?:\w+ ){0,3}(?:штурм|наступ|атак)\w*",
                r"(?<!\w)за нами(?!\w)", r"(?:держим|тримаємо|удерживаем)(?!\w)",
                # "Новий Комар уже за ворогом": held by the enemy
                r"(?:уже |вже )?за (?:ворогом|врагом|противником|окупантами|оккупантами)(?!\w)"],
    },
    "contested": {
        "en": [r"(?:fighting|battle|fights|clashes|combat|street battles?)(?: [\w'’]+){0,4} "
               r"(?:continu\w*|(?:is |was |were |are )?(?:still )?going on|goes on|go on|ongoing|"
               r"rag\w*)",
               r"still (?:being )?fought", r"street fighting", r"not fully", r"not completely",
               r"(?:a |small |only )*parts? of (?:the )?(?:city|town|village)", r"most of",
               r"gr[ae]y zone", r"no man's land", r"several (?:streets|blocks|districts)",
               r"advanc\w* on (?:its |the )?flanks?",
               r"still fighting (?:for|in)\b", r"(?:battles?|fighting) for (?:the )?(?:town|city|"
               r"village|control of)", r"contested (?:zone|area)", r"neither side (?:\w+ ){0,3}"
               r"control\w*", r"(?:control\w*|hold\w*|held|occup\w*|captured|seized|took|taken) "
               r"(?:a |the )?(?:large|significant|big|major|greater) (?:share|part|portion)",
               r"(?:large|significant|big|major|greater) (?:share|part|portion) of (?:the )?"
               r"(?:city|town|village|settlement)", r"gains (?:inside|within)",
               r"clearing (?:is |was )?(?:not|far from) (?:yet )?(?:finished|complete\w*|over)",
               r"(?:control\w*|hold\w*|held|occup\w*|captured|seized|took|taken) most\b",
               r"most(?:,? but not all,?)? of", r"not all of",
               r"(?:a |small |only )*parts? of (?:the )?settlement",
               r"advancing in (?:central|the cent(?:re|er)|the (?:north|south|east|west)\w*)",
               r"remains? contested", r"(?:is|are|was|were) (?:still )?contested",
               r"counter-?attacking in",
               r"(?:regain\w*|retak\w*|retook|recaptur\w*) (?:several|some|a few|a number of) "
               r"positions",
               r"in the (?:north|south|east|west)\w* (?:part )?of the (?:city|town|village|"
               r"settlement)",
               r"clearing (?:operations? )?(?:continu\w*|(?:is |are )?(?:still )?(?:going on|under "
               r"way|underway))",
               r"(?:entered|reached|broke into|into) (?:some |several |the (?:north|south|east|west)"
               r"\w* )?parts? of",
               r"not (?:yet )?(?:taken|captured|seized|occupied) (?:the )?(?:whole|entire|all of)",
               r"(?:still )?being fought over",
               r"(?:not|never|yet to) (?:yet )?(?:fully )?consolidated? (?:\w+ )?(?:control|"
               r"positions|gains)",
               # "seized a small foothold near the village": not the village
               r"(?:seized|gained|established|secured|won|holding|hold) (?:a |an )?(?:\w+ )?"
               r"(?:foothold|bridgehead|toehold)",
               r"no sign (?:yet )?that (?:\w+ ){0,3}control",
               r"(?:been |was |were |is |are )?unable to (?:take|capture|secure|seize)",
               # on the approaches, not in it: "within a few hundred metres of", "fighting their
               # way toward", "the fight for the town has begun", "not yet theirs"
               r"(?:came|come|comes|coming|got|get|moved|advanced) within (?:[\w-]+ ){0,3}"
               r"(?:metres|meters|kilometres|kilometers|km|miles|yards) of",
               r"fighting (?:their|its|our|his) way (?:toward|towards|into|to)",
               r"fights? for (?:the )?(?:town|city|village|settlement)",
               r"not yet (?:theirs|ours|in (?:\w+ )?hands)",
               r"(?:striking|hitting|fighting) back (?:inside|in)\b",
               r"(?:are|is|were|was) fighting (?:in|inside) (?:the )?(?:[\w'’]+ ){0,2}streets",
               r"(?:in|into) the (?:north|south|east|west)\w* (?:part|outskirts|edge) of",
               r"(?:describ|assess|consider|list|mark|class)\w* (?:it |the (?:town|village|city) )?"
               r"as contested",
               r"(?:too early|premature) to (?:speak|talk) (?:of|about)",
               r"partial success"],
        "cyr": [r"бо[ийї]\w*(?: [\w'’-]+){0,4} (?:продолжа\w*|ид[уё]т|трива\w*|точат\w*|"
                r"й?дуть|ідуть)",
                r"бо[ийї]\w*(?: [\w'’]+){0,6} не (?:вщуха|стиха|утиха|затиха|прекраща|"
                r"припиня)\w*", r"вед[уеё]\w* зачистк\w*",
                r"(?:ид[уё]т|й?дуть|ідуть|трива\w*|точат\w*|продолжа\w*) (?:\w+ ){1,2}бо[ийї]\w*",
                r"спорн\w* зон\w*", r"спірн\w* зон\w*",
                r"ни одна из сторон не контролир\w*", r"жодна (?:зі |з |із )?сторін не контролю\w*",
                r"зачистк\w* (?:\w+ ){0,2}не (?:окончен|завершен|закончен|закінчен)\w*",
                r"продолжа\w* бо\w*", r"ид[уё]т бо\w*", r"уличн\w* бо\w*", r"ещё не", r"еще не",
                r"частично(?! (?:\w+ )?(?:эвакуир|повреж|разруш|восстанов|обесточ))",
                r"част\w* город\w*", r"большую часть", r"трива\w* бо\w*",
                r"сер\w* зон\w*", r"сір\w* зон\w*", r"нескольк\w* кварталов",
                r"кількох кварталів", r"кілька кварталів", r"част\w* сел\w*",
                r"точат\w* бо\w*", r"вуличн\w* бо\w*", r"частин\w* міст\w*", r"частин\w* сел\w*",
                r"частково(?! (?:\w+ )?(?:евакуй|евакуюв|пошкод|зруйн|відновл|знеструм))",
                r"більш\w* частин\w*", r"ще не", r"ділянк\w*",
                r"вед[уеё]\w* бо[ийї]\w*", r"ведуть бо[ийї]\w*",
                r"част\w* (?:посёлка|поселка|селища|села|міста|города)",
                r"(?:северн|южн|западн|восточн|північн|південн|західн|східн)\w* част\w*",
                r"больш\w* част\w*",
                # "идёт зачистка от остатков противника" is a mop-up after the capture
                r"(?:ид[уё]т|трива\w*|продолжа\w*) зачистк\w*(?! (?:\w+ ){0,3}(?:от|від) "
                r"(?:остатк|залишк|решт)\w*)",
                # "зачистка ещё продолжается", "зачистка триває" (the noun first)
                r"зачистк\w* (?:ещё |еще |ще |всё ещё |досі )?(?:продолжа|трива|ид[её]т)\w*",
                r"оборон\w* (?:\w+ ){0,2}(?:трива\w*|продолжа\w*)",
                # a foothold on the outskirts; offensive actions going on near a village
                r"(?:закрепил|закріпил|зачепил|зацепил)\w* (?:\w+ ){0,4}(?:окраин|околиц)\w*",
                r"(?:продолжа|продовжу)\w* (?:\w+ ){0,2}(?:наступательн|наступальн)\w* "
                r"(?:действи|дії|ді[йя])\w*",
                # on the approaches, a partial success, advancing toward it, a wedge into the
                # defence: the place is fought for, not taken
                r"(?:б['’]ють\w*|бьют\w*|бьются|воюют|воюють|бо[иії]\w*) (?:\w+ ){0,2}на (?:підступах|"
                r"подступах)", r"частков\w* успіх\w*",
                r"частичн\w* успех\w*", r"(?:вед|точ)\w* (?:\w+ )?бі[йї]\w*",
                r"(?:держ|удержива|утриму|трима)\w* (?:\w+ ){0,2}плацдарм\w*",
                r"(?:выбить|выбили|вибити|вибили) (?:\w+ ){0,3}(?:не получается|не удаётся|"
                r"не удается|не вдається|не вдалося|не удалось)",
                r"(?:просуваю|просува|продвига|продвину|просунул)\w* (?:\w+ ){0,2}(?:в бік|в "
                r"сторону|у напрямку|в направлении|к|до)",
                # "зацепились за южные улицы", "ВСУ засели на северной окраине", "до зачистки
                # ещё далеко"
                r"(?:зацепил|зачепил)\w* за (?:\w+ ){0,2}(?:улиц|вулиц|окраин|околиц|квартал|"
                r"дом|будин|позиц)\w*",
                r"засел\w* (?:\w+ ){0,4}(?:окраин|околиц|сектор|квартал|высот|висот)\w*",
                r"(?:кілька|кількох|нескольк\w*) (?:\w+ )?(?:вулиц|улиц)\w*",
                r"(?:половин|частин)\w* (?:\w+ ){0,2}(?:села|"
                r"міста|селища|города|посёлка) (?:\w+ )?"
                r"(?:тримаємо|тримають|удерживаем|удерживают|контролюємо|контролируем)",
                # "За Прогресс бьются уже на улицах", "о взятии говорить рано"
                r"(?:ещё|еще|ще|досі|всё ещё|все ещё) (?:зачища|зачищу)\w*",
                r"до полного контроля",
                r"до повного контролю",
                r"(?:бьются|б['’]ються|воюют|воюють|сражаются) (?:\w+ ){0,2}(?:на улицах|на "
                r"вулицях|в центре|у центрі)",
                r"(?<!\w)за [\w'’-]+ (?:\w+ )?(?:бьются|б['’]ються|сражаются|воюют|воюють)",
                r"(?:о|об|про) (?:\w+ ){0,2}(?:взяти|взятт|захват|захоплен|освобожден|звільнен|"
                r"падени|падінн|контрол)\w* (?:\w+ ){0,2}(?:говорить|говорити|заявлять|заявляти) "
                r"(?:\w+ )?(?:рано|зарано|преждевременно|передчасно)",
                r"(?:рано|зарано|преждевременно|передчасно) "
                r"(?:\w+ )?(?:говорить|говорити) (?:о|об|"
                r"про) (?:\w+ ){0,2}(?:взяти|взятт|захват|захоплен|освобожден|звільнен|падени|"
                r"падінн|контрол)\w*",
                r"до (?:полной )?(?:зачистки|зачистки|взятия|захоплення|взяття) (?:ещё |еще |ще )?"
                r"далеко",
                ],
    },
    "struck": {
        "en": [r"strik\w*", r"struck", r"airstrike\w*", r"hit", r"hits", r"shell(?:ed|ing|s)",
               r"bomb(?:ed|ing|s)?", r"missile attack", r"attack(?:ed|s)?", r"blew up",
               r"blown up", r"blow(?:ing|s)? (?:it |them )?up", r"fir(?:ed|ing) (?:at|on)",
               r"explosion", r"target(?:ed|ing)", r"destroyed the", r"damaged by",
               r"sabotage", r"destruction of", r"direct hit",
               r"(?:[\w-]+ )?air[- ]defen[cs]e (?:missile|rocket|interceptor|fire)s?",
               # "a Ukrainian interceptor, not a Russian missile, brought down the block"
               r"(?:[\w-]+ )?interceptor(?: missile)?s?(?=,? (?:[\w,]+ ){0,6}(?:brought down|hit|"
               r"fell|crashed|slammed|destroyed|wrecked|levell?ed|collapsed))",
               r"(?:missile|rocket|bomb|drone|shell)s? (?:had |has |have )?(?:destroyed|"
               r"demolished|flattened|levell?ed|leveled|wrecked)",
               r"slam(?:med|s)? into", r"crash(?:ed|es)? into", r"(?:tore|torn) (?:through|into)",
               r"ploughed into", r"set (?:\w+ ){0,4}(?:ablaze|on fire)",
               r"fir(?:ed|ing) (?:\w+ ){1,3}at", r"act of (?:\w+ )?terror(?:ism)?",
               r"launch(?:ed|es)? (?:a |an )?(?:\w+ )?(?:missile|rocket)s?",
               # "Russia had fired an experimental ballistic missile at Dnipro"
               r"(?:fired|launched)(?= (?:[\w-]+ ){1,5}(?:missiles?|rockets?|drones?)\b)",
               r"(?:buildings|houses|homes|schools|apartments?) (?:[\w-]+ ){0,4}(?:were |was )?damaged",
               # "the missile ... was most likely fired by Ukrainian air defence"
               r"(?:fired|launched)(?= by)", r"open(?:ed|s|ing)? fire (?:on|at)", r"pound(?:ed|ing|s)?",
               r"war crimes?(?= (?:committed )?by)",
               # "shelling hit a kindergarten, and they blame Russian troops"
               r"blam(?:e|ed|es|ing) (?:the )?(?:Russia\w*|Ukrain\w*|Kyiv|Moscow|Kremlin)"
               r"(?: (?:troops|forces|army|military))?"],
        "cyr": [r"удар\w*", r"ударил\w*", r"нан[её]с\w*", r"обстрел\w*", r"расстрел\w*",
                r"розстріл\w*", r"розстріля\w*", r"расстреля\w*",
                r"(?:ракет\w*|снаряд\w*|бомб\w*|дрон\w*|шахед\w*) (?:\w+ )?(?:зруйнува\w*|розтроща\w*|"
                r"пошкоди\w*|разруши\w*|поврежди\w*|уничтожи\w*|знищи\w*)",
                r"цілил\w* (?:в|у|по)", r"целил\w* (?:в|по)", r"прил[её]т\w*", r"приліт\w*",
                r"прильот\w*",
                r"(?:уничтож|знищ)\w* (?:\w+ ){0,2}(?:высокоточн|ракет|удар)\w*", r"зруйнувал\w*",
                r"разрушил\w*",
                r"прилетіл\w*",
                r"бомб(?!ардировщ|ардувальн)\w*", r"поразил\w*", r"диверси\w*", r"диверсі\w*",
                r"разрушени\w*", r"зруйнуванн\w*", r"руйнуванн\w*", r"попадани\w*",
                r"взорва\w*", r"атак\w*", r"авиаудар\w*", r"ракетн\w* удар\w*",
                r"вдарил\w*", r"завда\w* удар\w*", r"обстріл\w*", r"влучи\w*", r"влучан\w*",
                r"поцілил\w*", r"підірва\w*", r"уразил\w*", r"атакува\w*", r"скину\w* (?:\w+ )?авіабомб\w*", r"сбросил\w* (?:\w+ )?авиабомб\w*",
                r"отработал\w* (?:не )?по", r"відпрацюва\w* (?:не )?по",
                r"стреля(?:ют|ли|л|ет)(?!\w)", r"стріля(?:ють|ли|в|є)(?!\w)",
                r"(?:в)?гати(?:ли|в|ла|ть|ять)(?!\w)",
                r"(?:била|били|бив|бьёт|бьет|б['’]є) (?:\w+ ){0,2}по",
                r"авіаудар\w*", r"розбомб\w*", r"взрыв\w*", r"вибух\w*", r"уражен\w*",
                r"пораж[её]н\w*",
                r"(?:получил\w*|отримав\w*|отримал\w*) (?:\w+ )?(?:повреждени\w*|пошкодженн\w*)",
                r"пошкоджен\w* від", r"поврежден\w* от",
                r"бь[юёе]т\w*", r"б['’]ють", r"попал[аио]?\b", r"попадут",
                r"(?:ракет\w*|работ\w*|робот\w*|действи\w*|"
                r"дії|дій|перехватчик\w*|перехоплювач\w*) "
                r"(?:\w+ ){0,2}(?:пво|ппо|противовоздушной обороны|протиповітряної оборони)",
                r"зенитн\w* ракет\w*", r"зенітн\w* ракет\w*",
                r"(?:уламк|обломк)\w* (?:\w+ ){0,2}(?:пво|ппо|ракет\w*)",
                r"накрыл\w*", r"накрил\w*", r"ракетн\w* атак\w*",
                # "по Дніпру росіяни запустили балістичну ракету", "выпустили ракеты по городу"
                r"(?:запустил|выпустил|випустил)\w*(?= (?:\w+ ){0,4}(?:ракет|дрон|беспилотник|"
                r"безпілотник|шахед)\w*)",
                # "уничтожены батарея РСЗО и склад боеприпасов" (a ministry's strike report)
                r"(?:уничтожен|знищен)\w*(?= (?:\w+ ){0,3}(?:склад|батаре|пункт|ангар|позици|позиці|"
                r"техник|техні|расчёт|расчет|розрахун)\w*)",
                r"(?:выпустил|випустил)\w* (?:\w+ ){0,3}ракет\w*",
                r"разрушен[аоы]?\b", r"зруйнован\w*", r"зруйновано"],
    },
    "shot_down": {
        "en": [r"shot down", r"shoot(?:s|ing)? down", r"downed", r"brought down",
               # a jet that strikes a drone: "clipped the propeller of a US MQ-9", "sent the
               # drone into the sea"
               r"(?:clipped|struck|hit|rammed|collided with) (?:the |a |an |its )?(?:[\w-]+ ){0,3}"
               r"(?:propeller|wing|tail)",
               r"sent (?:the |a |an )?(?:[\w-]+ ){0,2}(?:drone|aircraft|plane|jet|helicopter) "
               r"(?:into the sea|down|crashing)",
               r"ambush\w* by (?:a |an |the )?(?:[\w-]+ ){0,3}air[- ]defen[cs]e",
               r"shot (?:\w+ ){1,3}down",
               r"(?:bomber|aircraft|plane|jet|fighter|helicopter)s? (?:had |has |have |was |were )?"
               r"(?:been )?hit by",
               r"intercept\w*",
               r"(?:aircraft|plane|jet|fighter|helicopter|bomber|(?:su|mig|a)-\d+\w*)s? "
               r"(?:(?:has|had|have) been|was|were) lost",
               r"destroyed (?:a|an|the) (?:\w+[ -]?){0,7}"
               r"(?:aircraft|plane|jet|fighter|helicopter)",
               r"(?:los(?:t|ing|e|s)|loss of) (?:a|an|the|any)? ?(?:\w+[ -]?){0,3}"
               r"(?:aircraft|plane|jet|fighter|helicopter|bomber|mig|su|a-50)"],
        "cyr": [r"засідк\w* (?:\w+ ){0,2}(?:ппо|протиповітрян\w* оборон\w*)",
                r"засад\w* (?:\w+ ){0,2}(?:пво|противовоздушн\w* оборон\w*)", r"сбит\w*", r"сбил\w*", r"сбива\w*", r"збива\w*",
                r"(?:бомбардировщик|самол[её]т|вертол[её]т|истребител|літак|бомбардувальник|"
                r"гелікоптер|вертоліт|винищувач)\w* (?:\w+ ){0,2}(?:поразил|уразил|влучил|"
                r"поцілил|попал)\w*",
                r"(?:поразил|уразил|влучил|поцілил)\w* (?:\w+ ){0,3}(?:бомбардировщик|самол[её]т|"
                r"вертол[её]т|истребител|літак|бомбардувальник|гелікоптер|вертоліт|винищувач)\w*",
           r"уничтож\w* (?:\w+ ){0,4}«?(?:самол\w*|вертол\w*|истребит\w*|бомбардировщик\w*|"
           r"ракет[аыуи]?\b|крылат\w* ракет\w*|беспилотник\w*|дрон\w*|кинжал\w*)",
                r"потер\w* (?:\w+ ){0,3}(?:самол\w*|вертол\w*|бомбардировщик\w*|а-50|миг|су-)",
                r"збит\w*", r"збил\w*", r"збило", r"перехват\w*", r"перехоп\w*",
                r"знищ\w* (?:\w+ ){0,5}«?(?:літак\w*|гелікоптер\w*|"
                r"вертоліт\w*|винищувач\w*|бомбардувальник\w*|ракет[аиуі]?\b|"
                r"крилат\w* ракет\w*|безпілотник\w*|дрон\w*|кинджал\w*)",
                r"втрат\w* (?:\w+ ){0,3}(?:літак\w*|бомбардувальник\w*|а-50|міг|су-)",
                r"(?:зачепив|зачепил|задел|зацепил)\w* (?:\w+ ){0,2}(?:гвинт|винт|крил|крыл|хвіст|"
                r"хвост)\w*",
                r"(?:минус|мінус) (?:\w+ ){0,3}(?:самол\w*|вертол\w*|бомбардировщик\w*|"
                r"літак\w*|гелікоптер\w*|бомбардувальник\w*|винищувач\w*|су-|миг|міг)"],
    },
    "survived": {
        "en": [r"(?:returned|made it back|limped back|flew back) to (?:its |the )?(?:base|airfield)",
               r"landed safely", r"(?:made|managed) (?:\w+ )?(?:an? )?(?:emergency )?landing"],
        "cyr": [r"дотян\w* до (?:\w+ )?аэродром\w*", r"дотяг\w* до (?:\w+ )?аеродром\w*",
                r"вернул\w* на (?:\w+ )?аэродром\w*", r"вернуть\w* на (?:\w+ )?аэродром\w*",
                r"поверну\w* на (?:\w+ )?аеродром\w*", r"благополучно (?:сел|приземл\w*)",
                r"(?:успешно|вдало|успішно) (?:сел|приземл\w*)", r"совершил\w* (?:\w+ )?посадку",
                r"здійснив\w* (?:\w+ )?посадку"],
    },
    "killed": {
        "en": [r"kill\w*", r"dead", r"death toll", r"died", r"casualt\w*", r"lost their lives",
               r"eliminated", r"claimed (?:\w+ ){0,2}lives", r"no survivors",
               r"(?:none|no one|nobody) (?:\w+ ){0,4}survived",
               r"(?:\d+|dozens of|scores of|several) bodies"],
        "cyr": [r"погиб\w*", r"гибел\w*", r"убит\w*", r"убил\w*", r"жертв\w*",
                r"уничтожен\w* (?:\w+ ){0,3}(?:\d+ )?"
                r"(?:военнослужащ\w*|боевик\w*|солдат\w*|военных|резервист\w*)",
                r"не выжил\w*", r"не вижил\w*", r"не вижи\w*",
                r"загин\w*", r"загибл\w*", r"ун[её]с\w* жизн\w*", r"унесл\w* жизн\w*",
                r"забрал\w* жизн\w*", r"забра\w* житт\w*", r"ліквідова\w*",
                r"ликвидирова\w*", r"вбит\w*", r"вбив\w*", r"вбил\w*", r"убив\w*",
                r"знищен\w* (?:\w+ ){0,3}(?:військовослужбовц\w*|бойовик\w*|солдат\w*)",
                r"(?:\d+ )?(?:тел|тіл) (?:погибш|загибл)\w*"],
    },
    "sank": {
        "en": [r"sank", r"sunk", r"sink\w*", r"went down", r"sent (?:\w+ ){0,3}to the bottom",
               r"(?:landing )?ship (?:\w+ ){0,2}destroyed", r"destroyed (?:the |a )?(?:\w+ ){0,2}"
               r"(?:landing )?ship",
               r"(?:disappear|vanish|slipp)\w* (?:under|beneath) the (?:water|waves|surface)",
               r"(?:ship|corvette|vessel|cruiser|frigate|submarine|patrol boat)(?: [\w,-]+){0,8} "
               r"(?:was|is|has been|had been) (?:\w+ ){0,2}lost"],
        "cyr": [r"(?:знищен|уничтожен)\w* (?:\w+ ){0,3}(?:десантн\w* )?(?:корабел\w*|корабл\w*)",
                r"затонул\w*", r"затонув\w*", r"потоплен\w*", r"потопил\w*", r"пош[её]л ко дну",
                r"пішов на дно", r"затопил\w*", r"затопле\w*", r"(?:отправил|відправил)\w* на дно",
                r"(?:за)?гибел\w* (?:\w+ ){0,3}(?:корабл|судн|крейсер|фрегат|катер)\w*",
                r"(?:исчез|исчеза|скрыва|скрыл|зника|зник|зникл|сховал)\w* под водой",
                r"(?:исчез|исчеза|скрыва|скрыл|зника|зник|зникл|сховал)\w* під водою"],
    },
    "failure": {
        "en": [r"emergency on board", r"technical (?:malfunction|fault|failure|problem)s?",
               r"equipment failure",
               r"engine fire",
               # "the drone fell on its own after sharp manoeuvring, there was no contact"
               r"(?:fell|crashed|went down) (?:\w+ ){0,3}on its own", r"of its own accord",
               r"(?:because of|due to|after) (?:\w+ ){0,2}(?:sharp |abrupt )?manoeuvr\w*"],
        "cyr": [r"аварійн\w* ситуаці\w*", r"аварийн\w* ситуаци\w*",
                r"техническ\w* неисправност\w*", r"технічн\w* несправн\w*",
                r"(?:из-за|через|после) (?:\w+ ){0,2}(?:маневрировани|маневрування|маневр)\w*",
                r"(?:сам|сама|само) (?:\w+ )?(?:упал|рухнул|упав|впав|рухнув)\w*",
                r"(?:упал|рухнул|упав|впав|рухнув)\w* (?:\w+ ){0,2}сам(?:о|а)?(?!\w)",
                r"(?:возгорани|загорани|займанн|загоранн)\w* двигател\w*", r"(?:займанн|загоранн)\w* двигун\w*",
                r"(?:отказ|відмов)\w* (?:\w+ )?(?:техники|техніки)"],
    },
    "accident": {
        "en": [r"fire (?:had )?detonat\w*", r"caught fire", r"a fire", r"detonation of ammunition",
               r"ammunition (?:had )?detonat\w*"],
        "cyr": [r"пожар\w*", r"сдетонировал\w*", r"детонац\w*", r"пожеж\w*", r"здетонува\w*",
                r"вибух\w* боєкомплект\w*", r"загорел\w*"],
    },
}

# -- sides -----------------------------------------------------------------------------------
RU_MARKERS = {
    "en": [r"putin\w*", r"russia\w*", r"moscow", r"kremlin\w*", r"lpr", r"dpr", r"wagner", r"chechen\w*",
           r"allied forces", r"occupier\w*", r"invader\w*", r"kadyrov\w*", r"prigozhin",
           r"shoigu", r"konashenkov", r"pushilin", r"pasechnik", r"marochko", r"akhmat",
           r"pro-russian", r"kremlin-installed", r"russian-installed", r"separatist\w*",
           r"moscow-installed", r"moscow-appointed", r"russian-appointed", r"peskov",
           r"zakharova", r"nebenzia", r"nebenzya", r"saldo", r"rogov", r"balitsky", r"aksyonov",
           # pro-war Telegram channels and war correspondents
           r"rybar", r"wargonzo", r"readovka", r"colonelcassad", r"kots",
           r"poddubny"],
    "cyr": [r"путин\w*", r"путін\w*", r"росси\w*", r"российск\w*", r"рф\b", r"русск\w*", r"москв\w*", r"кремл\w*", r"лнр",
            r"днр", r"вагнер\w*", r"чеченск\w*", r"союзн\w*", r"оккупант\w*", r"кадыров\w*",
            r"пригожин\w*", r"шойгу", r"конашенков\w*", r"пушилин\w*", r"пушилін\w*", r"пасечник\w*",
            r"марочко", r"ахмат\w*", r"пророссийск\w*", r"народн\w* милици\w*",
            r"росі\w*", r"російськ\w*", r"росіян\w*", r"окупант\w*", r"кадиров\w*",
            r"окупаційн\w*", r"ворог\w*",
            r"проросійськ\w*", r"орк\w*", r"рашист\w*", r"песков\w*", r"пєсков\w*",
            r"захаров[аоуы]\w*", r"небенз\w*", r"сальдо", r"рогов\b", r"балицк\w*",
            r"балицьк\w*", r"военкор\w*", r"воєнкор\w*", r"федеральн\w* канал\w*",
            r"провоенн\w*", r"провоєнн\w*", r"военно-гражданск\w* администрац\w*",
            r"ходаковск\w*", r"ходаковськ\w*", r"лавров\w*", r"ворож\w*",
            r"рыбар\w*", r"рибар\w*", r"акс[её]нов\w*", r"аксьонов\w*", r"wargonzo", r"readovka",
            r"поддубн\w*",
            r"колонелкассад\w*", r"«два майора»", r"двух майоров"],
}
UA_MARKERS = {
    "en": [r"russian volunteer corps", r"rdk", r"freedom of russia legion",
           r"legion (?:of )?\W?freedom of russia\W?", r"ukrain\w*", r"kyiv", r"kiev",
           r"zelensk\w*", r"general staff", r"national guard",
           r"haidai", r"gaidai", r"defenders?", r"afu", r"azov regiment", r"zaluzhn\w*",
           r"syrskyi", r"maliar", r"cherevat\w*", r"energoatom", r"kyiv's", r"deepstate",
           r"syniehubov", r"trehubov", r"shtupun", r"pletenchuk", r"ihnat", r"oleshchuk",
           r"budanov", r"umerov", r"kuleba", r"yermak", r"klitschko", r"defen[cs]e forces",
           r"khortytsia", r"tavria", r"sbu", r"hur"],
    "cyr": [r"рдк", r"русск\w* добровольческ\w* корпус\w*",
            r"російськ\w* добровольч\w* корпус\w*",
            r"легион\w* «?свобода россии»?", r"легіон\w* «?свобода росії»?", r"украин\w*",
            r"укров\w*", r"всу", r"киев\w*", r"зеленск\w*", r"генштаб\w* всу",
            r"нацгвард\w*", r"национальн\w* гварди\w*", r"гайда\w*", r"защитник\w*",
            r"азов\b", r"«азов»", r"полк\w* «?азов", r"боевик\w* «?азов\w*",
            r"україн\w*", r"зсу", r"київ\w*", r"зеленськ\w*", r"генштаб\w* зсу",
            r"національн\w* гварді\w*", r"захисник\w*", r"сили оборони",
            r"енергоатом\w*", r"маляр", r"череват\w*", r"сирськ\w*", r"оборонц\w*",
            r"синєгубов\w*", r"синегубов\w*", r"трегубов\w*", r"штупун\w*",
            r"плетенчук\w*", r"ігнат\w*", r"олещук\w*", r"буданов\w*", r"умєров\w*",
            r"кулеб\w*", r"єрмак\w*", r"кличк\w*", r"deepstate", r"сил\w* оборони",
            r"генштабі(?!\s+(?:рф|росі\w*|зс рф))", r"«?хортиц[яі]»?", r"«?хортиц[аы]»?",
            r"«?таврі[яї]»?", r"«?таври[яи]»?", r"осув", r"сбу",
            r"окрем\w* (?:\w+ ){0,2}бригад\w*", r"ова\b", r"ода\b", r"мва\b",
            r"повітрян\w* сил\w*", r"игнат\b", r"синьо-жовт\w*", r"жовто-блакитн\w*",
            r"сине-жёлт\w*", r"сине-желт\w*", r"желто-голуб\w*", r"жёлто-голуб\w*", r"гур\b"],
}
INDEPENDENT_MARKERS = {
    "en": [r"isw", r"institute for the study of war", r"uk ministry of defence", r"british",
           r"reuters", r"un\b", r"united nations", r"iaea", r"amnesty", r"western officials",
           r"us officials", r"pentagon", r"bbc", r"ap\b", r"afp", r"reporters"],
    "cyr": [r"isw", r"британск\w*", r"британськ\w*", r"оон", r"магатэ", r"магате", r"інститут "
            r"вивчення війни", r"институт изучения войны", r"amnesty", r"reuters"],
}
# Words that point back to the claimant: "its forces", "our troops", "свои войска".
SELF_REFERENCE = {
    "en": [r"its", r"their", r"our", r"ours", r"we", r"his", r"her"],
    # the forms of свой / свій only: "сво\w*" also read "сводке" and "Свободы" as "its own"
    "cyr": [r"сво(?:й|я|ё|е|и|его|ей|ему|им|ими|их|ю|ём|ем|ї|є|єї|єму|їм|їми|їх|єю|їй)",
            r"свій", r"свого", r"наш\w*", r"її", r"ее", r"её", r"мы", r"ми", r"их", r"їх",
            r"нами"],
}

# -- polarity and modality -------------------------------------------------------------------
NEGATION = {
    "en": [r"not", r"no", r"never", r"n't", r"nobody", r"no one", r"none", r"neither",
           r"without", r"failed to", r"has yet to", r"have yet to", r"avoid(?: being)?",
           r"no sign of", r"no mention of"],
    "cyr": [r"не", r"нет", r"ни", r"никто не", r"ніхто не", r"ні", r"немає", r"без",
            r"никак\w*", r"ніяк\w*",
            r"чтобы избежать", r"щоб уникнути", r"щоб не потрапити в", r"чтобы не попасть в"],
}
# A denial verb or label: what it governs is claimed to be false.
DENIAL = {
    "en": [r"den(?:y|ied|ies|ying)", r"dismiss\w*", r"reject\w*", r"refut\w*", r"debunk\w*",
           r"fake", r"false", r"untrue", r"a lie", r"lies", r"lying", r"disinformation",
           r"propaganda", r"fabricat\w*", r"not true", r"baseless", r"called \w+ (?:a )?hoax",
           r"hoax", r"premature", r"nonsense", r"myth", r"conspiracy theor\w*"],
    "cyr": [r"опроверг\w*", r"отверг\w*", r"отрица\w*", r"фейк\w*", r"ложь", r"лжи", r"неправд\w*",
            r"дезинформац\w*", r"не соответству\w* действительности", r"пропаганд\w*",
            r"спростува\w*", r"спростову\w*", r"запереч\w*", r"заперечу\w*", r"брехн\w*",
            r"дезінформац\w*", r"не відповіда\w* дійсності", r"вигадк\w*", r"выдумк\w*",
            r"небылиц\w*", r"байк\w*", r"передчасн\w*", r"преждевременн\w*", r"міф\w*",
            r"миф\w*", r"конспиролог\w*", r"конспіролог\w*", r"маніпуляц\w*", r"манипуляц\w*",
            r"(?:никаких|жодних) (?:фактов|фактів|ознак|признаков)"],
}
HEDGE = {
    "en": [r"probabl\w*", r"likely", r"may", r"might", r"could", r"reportedly", r"allegedly",
           r"possibly", r"apparently", r"assess\w*", r"believ\w*", r"suggest\w*", r"appear\w*"],
    "cyr": [r"вероятно", r"возможно", r"якобы", r"предположительно", r"по-видимому", r"видимо",
            r"считает", r"ймовірно", r"можливо", r"нібито", r"імовірно", r"вважа\w*",
            r"припуска\w*", r"очевидно"],
}
UNCONFIRMED = {
    "en": [r"(?:could|can) ?not (?:yet )?(?:independently )?(?:confirm|verify)",
           r"could not be (?:independently )?(?:confirmed|verified)", r"unverified",
           r"unconfirmed", r"(?:did|does|has|have|had) not (?:yet )?confirm\w*", r"not yet confirmed",
           r"no confirmation", r"cannot be verified", r"unclear whether", r"remains unknown",
           r"(?:did|does|has|have) not (?:yet )?comment(?:ed)? on (?:the )?(?:reports?|claims?)",
           r"declined to comment on (?:the )?(?:reports?|claims?)",
           r"(?:could|can) ?not (?:independently )?verify",
           r"(?:has|have|had) (?:seen|found) no (?:\w+ ){0,2}(?:evidence|confirmation)",
           r"(?:saw|sees|see|found|finds) no (?:\w+ ){0,2}(?:evidence|confirmation)",
           r"(?:did|does|do|has|have|had) not (?:yet )?comment\w*", r"declined to comment",
           r"no comment", r"not (?:yet )?commented",
           r"(?:does|do|did) not (?:back up|support|corroborate|bear out)",
           r"impossible to (?:independently )?(?:verify|confirm)",
           r"(?:was|were|is|are|has been|have been) unable to (?:independently )?(?:verify|confirm)",
           r"(?:could|can) ?not (?:independently )?(?:determine|establish|ascertain)",
           r"(?:has|have|had|did|does) not (?:yet )?(?:acknowledg|admit)\w*",
           r"(?:was|were|is|are) not able to (?:independently )?(?:confirm|verify)",
           r"could (?:not )?be (?:independently )?checked(?: independently)?",
           r"neither (?:[\w'’-]+ ){1,6}nor (?:[\w'’-]+ ){1,4}(?:has |have |had )?confirm\w*",
           r"(?:did|does|do) not address (?:the )?(?:accusations?|claims?|reports?)",
           r"could not be (?:independently )?(?:established|determined|ascertained)",
           r"(?:did|does|do|has|have|had) not (?:yet )?(?:respond|react)\w*",
           r"no (?:immediate )?(?:word|response|reaction|comment) from",
           r"(?:has|have|had) been silent", r"(?:remain\w*|kept|keeps?) silent",
           r"(?:has|have|had|did|does) not (?:yet )?mention\w*",
           r"(?:nobody|no one) (?:\w+ ){0,5}(?:check|verify|confirm)\w*",
           r"(?:observed|seen|found) no (?:\w+ ){0,2}(?:proof|evidence)",
           r"impossible to check", r"(?:cannot|can't|could not) be checked",
           r"(?:nobody|no one) (?:\w+ ){0,4}(?:could|can) (?:say|tell|confirm)",
           r"(?:has|have|had) (?:seen|found) no (?:\w+ ){0,2}(?:footage|images?|videos?|proof) "
           r"(?:confirming|showing|of)"],
    "cyr": [r"не (?:удалось |может |могут )?подтверд\w*", r"не подтвержда\w*",
            r"не (?:\w+ )?подтвержд\w*", r"не (?:\w+ )?підтвердж\w*",
            r"не подтвердил\w*", r"не подтверждено", r"неподтвержд\w*", r"не (?:може |можуть )?"
            r"підтверд\w*", r"не підтвердж\w*", r"не підтверджу\w*", r"непідтвердж\w*",
            r"пока не подтвердил\w*", r"поки не підтверджу\w*",
            r"не (?:про)?коммент\w* (?:сообщени|информаци|заявлени|данн)\w*",
            r"не (?:про)?комент\w* (?:повідомлен|інформаці|заяв|дан)\w*",
            r"(?:никаких|нет|жодних|немає) (?:\w+ )?(?:подтверждени|підтвердж)\w*",
            r"не (?:про)?коммент\w*", r"не (?:про)?комент\w*",
            r"(?:невозможно|неможливо) (?:\w+ )?(?:провер|перевір|подтверд|підтверд)\w*",
            # "Незалежних підтверджень цього, як і фото уламків, поки немає"
            r"(?:підтвердж|подтвержд)\w* (?:[\w,]+ ){0,6}(?:немає|нет)(?!\w)",
            r"(?:провер|перевір|подтверд|підтверд)\w* (?:\w+ ){0,3}(?:невозможно|неможливо)",
            # "подтверждений этому не приводилось", "доказів не навели"
            r"(?:подтверждени|доказательств|підтверджен|доказ)\w* (?:\w+ ){0,3}не "
            r"(?:привод|привел|привёл|представ|навод|навел|навів|надав|надал)\w*",
            # "де і коли знято ці кадри, встановити не вдалося"
            r"(?:встановити|установить|перевірити|проверить|з'ясувати|з’ясувати|выяснить) "
            r"(?:\w+ ){0,2}не (?:вдалося|удалось|вдається|удаётся|удается)",
            r"не (?:вдалося|удалось|вдається|удаётся|удается) (?:\w+ )?(?:встановити|установить|"
            r"перевірити|проверить|з'ясувати|з’ясувати|выяснить)",
            # "У Москві про місто мовчать", "Киев на заявление не ответил"
            r"(?:мовч|молч)(?:ать|ат|ит|ить|али|ал|ала|ав|ала)(?!\w)",
            r"не (?:\w+ )?(?:ответил|відповів|відповіли|отреагировал|відреагува)\w*"],
}
CONFIRM = {
    "en": [r"confirm\w*", r"acknowledg\w*", r"admit\w*", r"conced\w*"],
    "cyr": [r"подтверд\w*", r"признал\w*", r"признает", r"підтверд\w*", r"визнав\w*",
            r"визнал\w*", r"визна\w*"],
}
# Verbs that introduce what someone said; the text before them names the claimant.
SPEECH = {
    "en": [r"said", r"says", r"claim(?:ed|s)", r"announc\w*", r"reported", r"reports", r"told",
           r"stated", r"declared", r"insist\w*", r"confirm\w*", r"acknowledg\w*", r"admitted",
           r"denied", r"dismissed", r"rejected", r"refuted", r"assess\w*", r"accus\w*", r"described", r"wrote", r"noted",
           r"added", r"warn\w*", r"blam\w*", r"believ\w*", r"judged", r"concluded",
           r"boast\w*", r"argued", r"assured", r"condemned", r"denounced",
           # "Zelensky called the strike an act of terror" (not "called for", "a town called")
           r"called(?= (?:the|it|this|that|these|those)\b)"],
    "cyr": [r"розповіда\w*", r"розповів\w*", r"рассказыва\w*", r"рассказал\w*", r"делится",
            r"ділиться", r"иронизиру\w*", r"іронізу\w*", r"язвит", r"ликует", r"тішиться",
            r"заявил\w*", r"сообщил\w*", r"сказал\w*", r"объявил\w*", r"написал\w*",
            r"признал\w*", r"подтвердил\w*", r"опроверг\w*", r"доложил\w*", r"отметил\w*",
            r"отрица\w*", r"запереч\w*", r"спростовує", r"спростовують",
            r"обвинил\w*", r"утвержда\w*", r"считает", r"счита\w*", r"пишет", r"назвал\w*",
            r"заявив", r"повідомил\w*", r"повідомив", r"сказав", r"оголосил\w*", r"оголосив",
            r"написав", r"визнав", r"визнал\w*", r"підтвердил\w*", r"підтвердив",
            r"спростував", r"спростувал\w*", r"стверджу\w*", r"вважа\w*", r"назвав",
            r"пришл\w* к выводу", r"дійшл\w* висновку", r"оцінил\w*", r"оцінив\w*",
            r"звинуватил\w*", r"звинуватив", r"пишут", r"пишуть", r"пише",
            r"визнають", r"признают", r"признаёт", r"признает", r"запевни\w*", r"запевня\w*",
            r"заверил\w*", r"заверя\w*", r"уверя\w*", r"перекону\w*", r"убежда\w*",
            r"наголоси\w*", r"наголошу\w*", r"підкресли\w*", r"подчеркну\w*", r"подчеркива\w*",
            r"зазначи\w*", r"зазнача\w*",
            r"отчитал\w*", r"звітую\w*", r"звітува\w*", r"уточнил\w*", r"уточня\w*",
            r"уточнив", r"настаива\w*", r"наполяга\w*",
            # "— так описывают обстановку военкоры", "говорится в сводке", "йдеться у зведенні"
            r"описыва\w*", r"опису\w*", r"описав\w*", r"описал\w*", r"констатиру\w*",
            r"констату\w*", r"рапорту\w*", r"зазначено", r"указано", r"отмечено", r"говорится", r"йдеться", r"ідеться"],
}
ATTRIBUTION_PREFIX = {
    "en": [r"according to"],
    "cyr": [r"по словам", r"по данным", r"по информации", r"по оценке", r"по версии",
            r"за версією", r"за (?:\w+ )?повідомленням", r"по (?:\w+ )?сообщению", r"согласно",
            r"за словами",
            r"за даними", r"за інформацією", r"за оцінкою",
            # "Як наголосив голова ОВА …,", "Как заявил генерал …,"
            r"як (?:наголосив|повідомив|зазначив|заявив|сказав|розповів|підкреслив|пояснив)\w*",
            r"как (?:заявил|сообщил|отметил|подчеркнул|рассказал|пояснил|уточнил)\w*",
            # "бои, как говорится в сводке Минобороны, идут …"
            r"как (?:говорится|сказано|утверждается|указано) в", r"як (?:ідеться|йдеться|"
            r"сказано|зазначено|вказано) (?:в|у)"],
}

# Stems of "repelled": the side named with an attack word is the attacker, not the holder.
REPEL = (r"отбит|отбил|отраж|отраз|пресеч|пресекл|провал|сорван|зірван|відбил|відбит|"
         r"відбива|repel|repuls|fought off|beat|thrown back|threw back|зупинил|остановил|"
         r"stopped")
ATTACK_WORDS = (r"атак|наступ|штурм|прорва|прорив|прорыв|попытк|спроб|attack|assault|"
                r"offensive|attempt|break through|breakthrough|storm")
# Nouns for the killed: a side named next to them is the victim, not the agent.
VICTIMS = (r"soldiers|servicemen|troops killed|военнослужащ|военных|солдат|військовослужбовц|"
           r"військових|бойовик|резервист|резервіст|reservists")

# -- strike targets --------------------------------------------------------------------------
CIVILIAN_TARGET = {
    "en": [r"civilian (?:infrastructure|roads?|objects?)", r"shopping (?:cent(?:re|er)|mall)",
           r"mall", r"station", r"theat(?:re|er)", r"school",
           r"hospital", r"residential", r"civilians?", r"apartment", r"market", r"caf[eé]",
           r"restaurant", r"children's", r"hotel", r"church", r"supermarket", r"funeral",
           r"wake", r"hypermarket", r"high-rise", r"children", r"cathedral", r"passenger",
           r"skating rink", r"humanitarian convoy", r"civilian convoy", r"memorial",
           r"rehabilitation cent(?:re|er)", r"rescuers", r"paramedics", r"medics",
           r"(?:regional |city )?administration building", r"regional administration",
           r"nothing military", r"no military (?:targets?|objects?|facilit\w*)",
           r"queu(?:e|ing) for (?:bread|water|food)", r"printing (?:house|works|plant)s?",
           r"print works", r"maternity (?:hospital|ward|unit)", r"(?:married )?couple",
           r"no military (?:sense|purpose|value)"],
    "cyr": [r"(?:гражданск|цивільн)\w* (?:дорог|объект|об.єкт|инфраструктур|інфраструктур)\w*",
            r"торгов\w*", r"тц\b", r"вокзал\w*", r"театр\w*", r"драмтеатр\w*", r"школ\w*",
            r"больниц\w*", r"жил\w* дом\w*", r"мирн\w*", r"торговельн\w*", r"лікарн\w*",
            r"житлов\w*", r"цивільн\w*", r"ринок", r"рынок", r"рынк[аеуи]", r"ринк[уиа]", r"кафе", r"ресторан\w*",
            r"детск\w*", r"дитяч\w*", r"гостиниц\w*", r"готел\w*", r"церкв\w*",
            r"супермаркет\w*", r"поминк\w*", r"похорон\w*", r"гипермаркет\w*",
            r"гіпермаркет\w*", r"многоэтаж\w*", r"багатоповерх\w*", r"многоквартирн\w*",
            r"дет(?:ей|и)", r"діт(?:ей|и)", r"собор\w*", r"храм\w*", r"пассажирск\w*",
            r"пасажирськ\w*", r"гуманитарн\w* колонн\w*", r"гуманітарн\w* колон\w*",
            r"колонн\w* (?:мирных|гражданск)\w*", r"мемориал\w*", r"меморіал\w*",
            r"реабилитационн\w* центр\w*", r"центр\w* реабіліт\w*", r"центр\w* реабилит\w*",
            r"реабілітаційн\w* центр\w*", r"рятувальник\w*", r"спасател\w*", r"медик\w*",
            r"(?:власн|приватн|собственн|частн)\w* (?:будин|будинк|дом|оселі|осел)\w*",
            # a regional administration with its staff inside (the team's convention)
            r"типограф\w*", r"друкарн\w*", r"інтернат\w*", r"интернат\w*", r"супруг\w*",
            r"подружж\w*", r"военного смысла (?:\w+ ){0,3}нет", r"військового сенсу (?:\w+ ){0,3}немає",
            r"не используется для военных", r"не використовується для військових", r"роддом\w*", r"пологов\w* будин\w*",
            r"родильн\w* дом\w*", r"[\w'’]*поверхівк\w*", r"[\w'’]*этажк\w*", r"під['’]їзд\w*", r"подъезд\w*",
            r"облдержадміністраці\w*", r"обладминистраци\w*", r"[\w-]+ськ\w* ода",
            r"адміністративн\w* будів\w*", r"административн\w* здани\w*",
            r"(?:областн|обласн)\w* (?:администраци|адміністраці)\w*"],
}
MILITARY_TARGET = {
    "en": [r"weapons? depot", r"depot", r"hangars?", r"ammunition", r"military target\w*",
           r"weapons", r"barracks", r"military infrastructure",
           r"(?:military|defen[cs]e[- ]industr\w*)(?: and [\w-]+)? (?:targets?|facilit\w*|sites?)",
           r"mercenar\w*", r"gathering of (?:\w+ )?(?:troops|soldiers|fighters|militants)",
           r"(?:military |army )?headquarters", r"command post",
           r"assembl\w* (?:\w+ ){0,2}drones", r"strong ?points?", r"stronghold", r"air ?base",
           r"military airfield"],
    "cyr": [r"штаб\w*", r"командн\w* пункт\w*", r"склад\w*", r"опорн\w* пункт\w*",
            r"(?:военн|військов)\w* (?:аэродром|аеродром)\w*",
            r"мест\w* (?:сбора|скоплени)\w*", r"місц\w* (?:збору|скупченн)\w*",
            r"(?:сборк|сбор|собира|собрал|збирал|збира|збирання|складанн)\w* (?:\w+ ){0,3}(?:беспилотник|безпілотник|"
            r"дрон)\w*", r"ангар\w*", r"оружи\w*", r"боеприпас\w*", r"военн\w* объект\w*",
            r"зброї", r"боєприпас\w*", r"військов\w* об.єкт\w*",
            r"пункт\w* (?:временн\w* )?дислокаци\w*", r"пункт\w* (?:тимчасов\w* )?дислокаці\w*",
            r"скоплени\w*", r"скупченн\w*", r"наемник\w*", r"найманц\w*", r"неонацист\w*",
            r"военн\w* цел\w*", r"військов\w* ціл\w*", r"объект\w* военн\w*",
            r"военн\w* инфраструктур\w*", r"військов\w* інфраструктур\w*",
            r"военн\w* и \w+ объект\w*", r"військов\w* (?:і|та) \w+ об.єкт\w*",
            r"об.єкт\w* військов\w*", r"казарм\w*",
            r"мест\w* подготовки (?:\w+ ){0,2}(?:теракт|террористическ|диверси)\w*",
            r"місц\w* підготовки (?:\w+ ){0,2}(?:теракт|терористичн|диверсі)\w*"],
}
# Words that say who was hit were fighters (a claim about the target on their own, unlike
# "depot", which a strike on a town may also hit).
MILITARY_PRESENCE = {
    "en": [r"(?:weapons|arms|ammunition|missile) depots?",
           r"defen[cs]e[- ]industr\w* (?:enterprises|plants|factories)",
           r"defen[cs]e (?:plant|enterprise|factory)", r"drone (?:crews|operators|teams)",
           r"mercenar\w*", r"gathering of (?:\w+ )?(?:troops|soldiers|fighters|militants)",
           r"(?:troop|military) (?:concentration|deployment) point", r"neo-?nazis?",
           r"command post", r"barracks",
           r"meeting of (?:\w+ ){0,2}(?:officers|commanders|troops|soldiers)",
           r"(?:military|troop) trains?", r"reservists", r"military air ?bases?",
           r"(?:artillery|firing) positions",
           r"(?:uses?|used) to move troops", r"military cargo",
           r"(?:supply|logistics?) routes?", r"supplies its (?:forces|troops)",
           r"military (?:vehicles|equipment)"],
    "cyr": [r"склад\w* (?:\w+ ){0,2}(?:с |з |із )?(?:\w+ )?(?:оружи|зброє|зброї|боеприпас|боєприпас|ракет)\w*",
            r"предприяти\w* (?:\w+ ){0,2}(?:оборонн\w* промышленност\w*|впк|опк)",
            r"підприєм\w* (?:\w+ ){0,2}(?:оборонн\w* промисловост\w*|впк|опк)",
            r"оборонн\w* (?:предприяти|завод)\w*", r"оборонн\w* підприєм\w*",
            r"(?:военно-промышленн|військово-промислов)\w* комплекс\w*",
            r"(?:военн\w* |військов\w* )?(?:авиабаз|авіабаз)\w*",
            r"расч[её]т\w* (?:\w+ ){0,2}(?:дрон|бпла|беспилотн)\w*",
            r"розрахунк\w* (?:\w+ ){0,2}(?:дрон|бпла|безпілотн)\w*",
            r"пункт\w* (?:временн\w* )?дислокаци\w*", r"пункт\w* (?:тимчасов\w* )?дислокаці\w*",
            r"скоплени\w*", r"скупченн\w*", r"наемник\w*", r"найманц\w*", r"неонацист\w*",
            r"командн\w* пункт\w*", r"казарм\w*",
            r"огнев\w* (?:точк|позици)\w*", r"вогнев\w* (?:точк|позиці)\w*", r"миномёт\w*",
            r"миномет\w*", r"міномет\w*",
            r"(?:эшелон|ешелон)\w*", r"батальон\w* (?:\w+ )?(?:теробороны|тероборони|всу|зсу)",
            r"(?:собира|собрал|збира|збирал)\w* (?:\w+ ){0,3}(?:беспилотник|безпілотник|дрон)\w*",
            r"логистичн\w* маршрут\w*", r"логістичн\w* маршрут\w*", r"военн\w* техник\w*",
            r"військов\w* технік\w*", r"узл\w* связи", r"узел связи", r"вузл\w* зв['’]язку",
            r"вузол зв['’]язку",
            r"(?:военн\w*|військов\w*) (?:связи|зв['’]язку)",
            r"(?:совещани|встреч|собрани)\w* (?:\w+ ){0,2}(?:командир|командн|командовани|офицер|"
            r"военн)\w*",
            r"(?:нарад|зустріч)\w* (?:\w+ ){0,2}(?:командир|командн|командуванн|офіцер|"
            r"військов)\w*",
            r"объект\w* военного управлени\w*", r"об.єкт\w* військового управлінн\w*",
            r"(?:собравш|зібрал|зібравш)\w* (?:\w+ ){0,2}(?:командир|офицер|офіцер)\w*",
            r"(?:воинск|военн|військов)\w* эшелон\w*", r"эшелон\w* с (?:\w+ )?(?:резервист|"
            r"военн|солдат)\w*", r"ешелон\w* (?:з|із) (?:\w+ )?(?:резервіст|військов|солдат)\w*",
            r"військов\w* ешелон\w*", r"резервист\w*", r"резервіст\w*"],
}
# "the mall was not functioning": the civilian object is said to be out of use.
NOT_IN_USE = {
    "en": [r"not functioning", r"was empty", r"was closed", r"not working", r"not in use",
           r"not operating"],
    "cyr": [r"не работал\w*", r"был закрыт\w*", r"пустовал\w*", r"не функционировал\w*",
            r"не працював\w*", r"був закрит\w*", r"порожн\w*"],
}

# -- places ----------------------------------------------------------------------------------
# Places that war news names most, one spelling each: name_key() maps other spellings and
# scripts onto the same key. ALIASES maps names that differ in more than spelling.
GAZETTEER = """
Lysychansk Sievierodonetsk Severodonetsk Rubizhne Popasna Bakhmut Soledar Kramatorsk Sloviansk
Kostiantynivka Avdiivka Marinka Vuhledar Pokrovsk Chasiv Yar Toretsk Siversk Lyman Izium Kupiansk
Balakliia Kharkiv Kherson Mykolaiv Odesa Zaporizhzhia Enerhodar Melitopol Berdiansk Mariupol
Azovstal Azot Kremenchuk Kyiv Kiev Irpin Bucha Hostomel Borodianka Chernihiv Sumy Dnipro Kryvyi
Nikopol Kakhovka Nova Kakhovka Crimea Sevastopol Kerch Belgorod Bilohorivka Hirske Zolote Toshkivka
Vovchansk Robotyne Krynky Antonivskyi Luhansk Donetsk Dnipropetrovsk Kursk Sudzha Shebekino
Horlivka Makiivka Yasynuvata Pisky Volnovakha Okhtyrka Trostianets Snihurivka Vysokopillia
Moskva Novoazovsk Ugledar Uhledar Artemivsk Artemovsk Rubezhnoe Lisichansk Izyum
Krasnohorivka Novomykhailivka Ocheretyne Kurakhove Selydove Myrnohrad Lviv Odessa
Hroza Okhmatdyt Tsukuryne Synkivka Terny Staromaiorske Urozhaine
Klishchiivka Andriivka Novosilka Uman
Kreminna Pervomaiske Chaplyne
""".split()
ALIASES: dict[str, str] = {
    "artemovsk": "bakhmut", "artemivsk": "bakhmut", "артемовск": "bakhmut", "артёмовск": "bakhmut",
    "артемівськ": "bakhmut",
    "snake island": "zmiinyi", "зміїний": "zmiinyi", "змеиный": "zmiinyi", "zmiinyi": "zmiinyi",
    "zmiinyi island": "zmiinyi",
    "ugledar": "vuhledar", "угледар": "vuhledar",
    "zaporizhzhia nuclear": "znpp", "zaporizhzhia plant": "znpp", "запорожской аэс": "znpp",
    "запорожская аэс": "znpp", "запорізьку аес": "znpp", "запорізька аес": "znpp",
    "запорізької аес": "znpp", "зaporizhzhia npp": "znpp", "zaporizhzhia power": "znpp",
    "запорожскую аэс": "znpp", "запорізькій аес": "znpp", "запорізькою аес": "znpp",
    "zaporozhye nuclear": "znpp", "zaporizhzhia npp": "znpp", "zaporozhye npp": "znpp",
    # the Kerch (Crimean) bridge
    "crimean bridge": "kerch", "крымский мост": "kerch", "крымском мосту": "kerch",
    "крымского моста": "kerch", "крымскому мосту": "kerch", "крымским мостом": "kerch",
    "кримський міст": "kerch", "кримському мосту": "kerch", "кримського мосту": "kerch",
    "кримським мостом": "kerch",
    "энергодар": "enerhodar",
    "каховськ": "kakhovka", "каховск": "kakhovka", "kakhovsky": "kakhovka",
    "азовсталь": "azovstal", "азовсталі": "azovstal", "азовстали": "azovstal",
    "«азовсталь»": "azovstal", "«азовсталі»": "azovstal", "«азовстали»": "azovstal",
    # Soviet-era and Russian names of renamed towns
    "красноармейск": "pokrovsk", "красноармійськ": "pokrovsk", "krasnoarmeisk": "pokrovsk",
    "krasnoarmeysk": "pokrovsk", "krasnoarmiisk": "pokrovsk",
    "димитров": "myrnohrad", "димитрів": "myrnohrad", "dimitrov": "myrnohrad",
    "dymytrov": "myrnohrad",
    "нью-йорк": "niu-york", "niu-york": "niu-york", "novgorodsk": "niu-york",
    "novhorodsk": "niu-york", "новгородск": "niu-york", "новгородськ": "niu-york",
}
# Capitalised words that are never places (actors, outlets, months).
NOT_PLACES = """
Europe European Europeans Centre Center Центр Центрі Центре Центра Бійці Бійців Бойцы Бойцов
Russia Russian Russians Ukraine Ukrainian Ukrainians Moscow Kremlin Wagner LPR DPR Chechen
National Guard General Staff Defence Defense Ministry Institute Study War ISW Reuters TASS RIA
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday President Prime Minister Army Armed
Forces Air Force Navy Black Sea Sea Azov Neptune Tochka Marochko Kadyrov Zelensky Haidai Shoigu
Konashenkov Prigozhin Pushilin Pasechnik Putin UN IAEA Amnesty New Peskov Песков Пескова
Пєсков Пєскова Syrskyi Сырский Сирський
СМИ ЗМІ Минобороны Міноборони Some
""".split()
# A site inside a town: a claim about the site is a claim about the town too.
PLACE_PARENT: dict[str, str] = {"okhmatdyt": "kyiv", "azovstal": "mariupol", "znpp": "enerhodar"}
