"""Claim frames: who claims what happened, to which place, by whom, asserted or denied.

A frame is parsed from one clause of a claim sentence in English, Russian or Ukrainian with the
team's lexicons (bot.stance.lexicon), lemmas (simplemma) and cross-script place keys. Each frame
carries an *outcome* ("ru_holds", "not_encircled", "struck_by_ua", ...): two frames about the same
place whose outcomes clash contradict each other; equal or compatible outcomes corroborate
(a confirmed Ukrainian withdrawal and a Russian capture claim both say "ru_holds").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from bot.stance import lexicon as lx
from bot.textnorm import CYRILLIC_RE, UKRAINIAN_RE, clean_text, lemma

Side = str  # "RU" | "UA" | "independent"

EVENT_TYPES = ("took", "entered", "holds", "withdrew", "encircled", "contested", "struck",
               "shot_down", "survived", "failure", "killed", "sank", "accident")
# Overlapping triggers: the longer match wins; on equal length, the earlier type in this order.
_PRIORITY = {name: i for i, name in enumerate(
    ("encircled", "shot_down", "survived", "failure", "withdrew", "took", "entered", "contested",
     "holds", "killed", "sank", "accident", "struck"))}

# Outcome families: frames are compared only within one family.
FAMILY = {
    "ru_holds": "control", "ua_holds": "control", "contested": "control", "encircled": "control",
    "not_encircled": "control", "struck_by_ru": "strike", "struck_by_ua": "strike",
    "not_struck_by_ru": "strike", "not_struck_by_ua": "strike", "accident": "strike",
    "civilian_target": "target", "military_only": "target",
    "downed": "downed", "not_downed": "downed", "killed": "killed", "none_killed": "killed",
    "sank": "sank", "not_sank": "sank",
}
# Unordered outcome pairs that contradict; equal outcomes corroborate; pairs listed in
# COMPATIBLE corroborate too; everything else within a family is merely related.
CONTRADICTORY = {frozenset(p) for p in [
    ("ru_holds", "ua_holds"), ("ru_holds", "contested"), ("encircled", "not_encircled"),
    ("struck_by_ru", "struck_by_ua"), ("struck_by_ru", "not_struck_by_ru"),
    ("struck_by_ua", "not_struck_by_ua"), ("accident", "struck_by_ru"),
    ("accident", "struck_by_ua"), ("civilian_target", "military_only"), ("downed", "not_downed"),
    ("killed", "none_killed"), ("sank", "not_sank"),
]}
COMPATIBLE = {frozenset(p) for p in [
    ("struck_by_ua", "not_struck_by_ru"), ("struck_by_ru", "not_struck_by_ua"),
    ("accident", "not_struck_by_ru"), ("accident", "not_struck_by_ua"),
]}
# How much a corroboration within a family says about the claim (casualty numbers agree
# across sides far more often than control claims do, so they say less).
FAMILY_WEIGHT = {"control": 1.0, "strike": 0.9, "target": 0.8, "downed": 0.9, "killed": 0.6,
                 "sank": 0.8}
# ...but "dozens were killed" against "nobody was killed" is a clash as plain as any other.
CONTRADICTION_WEIGHT = {"killed": 0.7}


def outcome_relation(a: str, b: str) -> str | None:
    """corroborates / contradicts / related for two outcomes of one family; None across
    families."""
    if FAMILY.get(a) is None or FAMILY.get(a) != FAMILY.get(b):
        return None
    pair = frozenset((a, b))
    if pair in CONTRADICTORY:
        return "contradicts"
    if a == b or pair in COMPATIBLE:
        return "corroborates"
    return "related"


@dataclass(slots=True)
class Frame:
    """One claim clause: who claims it, what happened, where, by whom, asserted or not."""

    text: str
    event: str
    outcome: str | None
    places: frozenset[str] = frozenset()
    agent: Side | None = None  # by whom (the side that acted, held, withdrew...)
    claimant: str | None = None
    claimant_side: Side | None = None
    polarity: str = "asserted"  # asserted | negated | denied
    modality: str = "claims"  # claims | confirms | denies | reports | hedges | unconfirmed
    time: str | None = None
    sentence: int = 0
    confidence: float = 1.0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"event": self.event, "outcome": self.outcome, "places": sorted(self.places),
                "agent": self.agent, "claimant": self.claimant,
                "claimant_side": self.claimant_side, "polarity": self.polarity,
                "modality": self.modality, "time": self.time, "text": self.text,
                "confidence": round(self.confidence, 3)}


# -- compiled lexicons -----------------------------------------------------------------------

def _alternation(words: list[str]) -> str:
    # Longest first, so that "no sign of" wins over "no".
    ordered = sorted(words, key=len, reverse=True)
    return r"(?<![\w\-])(?:" + "|".join(ordered) + r")(?![\w])"


def _compile(table: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    return {script: re.compile(_alternation(words), re.IGNORECASE) for script, words in
            table.items()}


_TRIGGERS = {event: _compile(table) for event, table in lx.TRIGGERS.items()}
# The same, matched at every start position, so that "had taken" does not hide "taken full
# control" (overlaps are resolved afterwards, longest first).
_TRIGGERS_ALL = {event: {script: re.compile(r"(?=(" + _alternation(words) + r"))", re.I)
                         for script, words in table.items()}
                 for event, table in lx.TRIGGERS.items()}
_DENIAL_LABEL = re.compile(
    r"(?<!\w)(?:fake|false|untrue|a lie|lies|disinformation|propaganda|not true|baseless|hoax|"
    r"фейк\w*|ложь|неправд\w*|дезинформац\w*|брехн\w*|дезінформац\w*|вигадк\w*|"
    r"маніпуляц\w*|манипуляц\w*|manipulation|"
    r"выдумк\w*|небылиц\w*|байк\w*|premature|nonsense|myth|передчасн\w*|преждевременн\w*|"
    r"міф\w*|миф\w*|не соответству\w* действительност\w*|не відповіда\w* дійсност\w*|"
    r"вкид\w*)(?!\w)", re.IGNORECASE)
_CIVILIANS_BEFORE = re.compile(r"civilians?|residents|people|families|жител\w*|мешкан\w*|"
                               r"цивільн\w*|мирн\w*|люди|людей", re.IGNORECASE)
# "вуличних боїв у місті немає", "«котла» під Гірським немає", "удары ... не наносились"
_AFTER_NEGATION = re.compile(r"^[»\"”]?(?:\s+[\w«»\"]+){0,3}?\s+(?:немає|нет|не было|не було|"
                             r"не має|не мають|не имеет|не имеют|"
                             r"не (?:наносил|наносились|завдава|нанесен|нанесли)\w*)(?!\w)",
                             re.IGNORECASE)
_RU = _compile(lx.RU_MARKERS)
_UA = _compile(lx.UA_MARKERS)
_IND = _compile(lx.INDEPENDENT_MARKERS)
_SELF = _compile(lx.SELF_REFERENCE)
_NEG = _compile(lx.NEGATION)
_DENIAL = _compile(lx.DENIAL)
_HEDGE = _compile(lx.HEDGE)
_UNCONFIRMED = _compile(lx.UNCONFIRMED)
_CONFIRM = _compile(lx.CONFIRM)
_SPEECH = _compile(lx.SPEECH)
_ATTRIB = _compile(lx.ATTRIBUTION_PREFIX)
_CIVILIAN = _compile(lx.CIVILIAN_TARGET)
_MILITARY = _compile(lx.MILITARY_TARGET)
_MILITARY_PRESENCE = _compile(lx.MILITARY_PRESENCE)
_NOT_IN_USE = _compile(lx.NOT_IN_USE)
_LEFT_BANK = re.compile(r"^left\s+(?:bank|side|hand|to\b)", re.IGNORECASE)
_PASSIVE_AUX = re.compile(r"(?:being|were|been|was|is|are)\s+$", re.IGNORECASE)
_LIBERATE_RU = re.compile(r"освобо", re.IGNORECASE)
_LIBERATE_UA = re.compile(r"звільн|повернул", re.IGNORECASE)
_LIBERATE_EN = re.compile(r"liberat|retak|retook|recaptur|freed", re.IGNORECASE)
_OCCUPY = re.compile(r"occup|оккуп|окуп", re.IGNORECASE)
# Two verbs joined by "and" with at most a few words between share their subject.
_COORDINATED = re.compile(r"\s+(?:[\w«»\"'’-]+\s+){0,3}(?:и|і|й|та|and)\s+", re.IGNORECASE)
_LOST = re.compile(r"(?<!\w)(?:los[st]\w*|loss|потер\w*|утрат\w*|втрат\w*)", re.IGNORECASE)
_HOMECOMING = re.compile(r"домой|додому", re.IGNORECASE)
# "fell to the Russian army": the side after "to" took it.
_FELL_TO = re.compile(r"f[ae]ll\w*\s+to$", re.IGNORECASE)
# "The fall of Izium": a change of hands with no direction of its own.
_FALL = re.compile(r"fall|fell|пал|впав|впало", re.IGNORECASE)
# "after the strike": what follows happened after it, its subject did not strike
_AFTER_EVENT = re.compile(r"(?<!\w)(?:після|после|after|following)\s+$", re.IGNORECASE)
_NOMINAL_STRIKE = re.compile(r"^(?:удар\w*|обстрел\w*|обстріл\w*|strikes?|airstrikes?|shelling|"
                             r"ракетн\w* (?:атак|удар)\w*|missile attacks?|"
                             r"авиаудар\w*|авіаудар\w*|диверси\w*|диверсі\w*|sabotage|"
                             r"попадани\w*|влучанн\w*|direct hit)$", re.IGNORECASE)
# "cleared X of Russian troops", "зачищено від російських військ": the side named is the one
# driven out, so the agent is the other side.
_CLEARED = re.compile(r"clear|зачищ|зачист|очищ|очист", re.IGNORECASE)
# "освобождена от украинских боевиков", "liberated from the occupiers": freed of that side
_FREED = re.compile(r"освобо|звільн|liberat|freed", re.IGNORECASE)
_FREED_FROM = re.compile(r"\S*\s+(?:from|от|від)\s+(?:(?:the\s+)?(?:remnants?\s+of\s+)?|"
                         r"(?:остатк|залишк|решт)\w*\s+)?$", re.IGNORECASE)
# "cleared of (the remnants of) Ukrainian units", "зачистка от остатков подразделений ВСУ"
_CLEARED_OF = re.compile(r"\S*\s+(?:\S+\s+){0,3}?(?:of|від|от)\s+"
                         r"(?:(?:the\s+)?(?:remnants?|remaining)\s+(?:of\s+)?|"
                         r"(?:остатк|залишк|решт)\w*\s+)?"
                         r"(?:(?:подразделени|підрозділ|част|формирован|формуван)\w*\s+)?$",
                         re.IGNORECASE)
# "выбили ВСУ из села", "їх вибили з Кринок": the side named (or the object pronoun) is the
# one driven out; a subject named before an active verb is the side that drove it out.
_EXPEL_ACTIVE = re.compile(r"выбил|вибил|выдавил|видавил|вытеснил|витіснил", re.IGNORECASE)
_OBJECT_PRONOUN = re.compile(r"(?<!\w)(?:их|їх|нас)\s+$", re.IGNORECASE)
# "о потере Работино", "loss of Avdiivka": a loss is a withdrawal only when a place follows.
_LOSS = re.compile(r"потер|утрат|втрат|loss of|lost control", re.IGNORECASE)
_LOSS_VERB = re.compile(r"(?:втрати|потеря|утрати)л[иао]?$|(?:потерян|втрачен|утрачен)[аоы]?$",
                        re.IGNORECASE)
_NAME_FIRST = re.compile(r"\s*[«\"]?[A-ZА-ЯЁІЇЄҐ]")
# "no Kinzhal missile had ever been intercepted": a negated subject of a passive.
_NOTHING_SHOWS = re.compile(r"(?<!\w)(?:nothing|no evidence|no footage|ничто|ничего|ніщо|"
                            r"нічого)\s+"
                            r"(?:[\w'’]+\s+){0,4}(?:shows?|suggests?|indicates?|confirms?|"
                            r"to support|supports?|backs? up|"
                            r"показывает|подтверждает|свідчить|підтверджує|показує)\s+"
                            r"(?:[\w'’]+\s+){0,8}$", re.IGNORECASE)
_NEG_SUBJECT = re.compile(
    r"(?<!\w)(?:no|not a single|not one|ни один|ни одного|жоден|жодного|жодна|жодної)\s+"
    r"(?:[\w«»\"-]+\s+){0,3}(?:(?:has|had|have|was|were|is|are|been|ever|yet|not|был\w*|"
    r"бул\w*|було)\s+){1,3}$", re.IGNORECASE)
# "затопление населённых пунктов": flooding, not a sinking.
_FLOODED = re.compile(r"\s*(?:\w+\s+){0,2}?(?:населен|населён|насел|сел|сёл|міст|город|территор|"
                      r"територ|дом|будин|район|villages|towns|homes|areas)", re.IGNORECASE)
# A return to base is a claim of survival only for a damaged aircraft or against the odds.
_SURVIVAL_CONTEXT = re.compile(r"damag\w*|managed to|despite|not (?:been )?(?:shot|brought) down|"
                               r"поврежд\w*|пошкодж\w*|сумел\w*|смог\w*|зміг|змогл\w*|"
                               r"несмотря|попри|не (?:был\w* )?сбит\w*|не (?:був )?збит\w*|"
                               r"не впа\w*|не упа\w*", re.IGNORECASE)
_ONLY = re.compile(r"(?<!\w)(?:only|solely|exclusively|только|лишь|исключительно|лише|тільки|"
                   r"виключно)(?!\w)", re.IGNORECASE)
_NOT_CIVILIANS = re.compile(
    r"(?<!\w)(?:(?:а не|не по|не на|not|no|rather than|instead of|ні|ни)\s+(?:\w+\s+){0,2}?"
    r"(?:civilians?|мирн\w*|цивільн\w*)|"
    # "прятать свои потери за спинами гражданских": civilians as a cover story
    r"(?:за спинами|behind|прикрыва\w*|прикрива\w*)\s+(?:\w+\s+)?(?:гражданск\w*|"
    r"мирн\w*|цивільн\w*|civilians?|детьми|дітьми|children)|human shields?|живым щитом|"
    r"живим щитом)", re.IGNORECASE)
_ANAPHORIC_DENIAL = re.compile(
    r"(?<!\w)(?:it|this|that|these|the claim|the report|это|этого|эти|це|цього|ці|цю заяву|"
    r"это заявление|эту версию|цю версію|this version|that version|эту историю|цю історію|"
    r"this story|the whole story)(?!\w)", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d\s,.]*")
_DATE = re.compile(
    r"(?<!\w)\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|январ|феврал|март|"
    r"апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр|січ|лют|берез|квіт|трав|черв|"
    r"лип|серп|верес|жовт|листопад|груд)\w*|(?<!\w)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)\w*\s+\d{1,2}(?!\d)|\d{4}-\d{2}-\d{2}", re.IGNORECASE)

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”']?\s+(?=[\"«“'(]?[A-ZА-ЯЁІЇЄҐ0-9])|\n+")
_CLAUSE_SPLIT = re.compile(
    r";|\s[-–—]\s(?=\S+(?:\s+\S+){3,})|,\s*(?=(?:but|while|although|though|even though|even if|"
    r"whereas|however|yet|and|which|after|"
    r"а|но|однако|хотя|зато|и|але|проте|однак|хоча|тоді як|і|й|та|после|після|saying|"
    r"назвав|назвал|заявив|заявил|called|calling|describing|rejecting|denying|dismissing|"
    r"adding|insisting|noting|отвергнув|опровергнув|спростувавши|заперечивши)\b)|"
    r":\s|\s(?=(?:but|while|although|whereas|however|and that|and called|and said|and made|"
    r"and denied|and blamed|and accused|and assessed|and added|и назвал\w*|і назвав|але|проте|"
    r"однако|хотя|хоча|"
    r"а также|и обвинил\w*|і звинуватил\w*)\b)|"
    r",\s*(?=(?:blaming|accusing|обвинив|звинувативши)\b)|"
    r"\s(?=(?:meant to|intended to|to cover up|чтобы скрыть|чтобы прикрыть|щоб приховати|"
    r"щоб прикрити)\b)|"
    r",\s*(?=(?:[\w«»\"-]+\s+){1,4}(?:это|це|this|it|that)\s+(?:\w+\s+)?(?:опроверг|отрица|"
    r"отверг|спросто|запереч|den[yi]|reject|dismiss|refut)\w*)",
    re.IGNORECASE)


_SPEECH_WORDS = "|".join(sorted(set(lx.SPEECH["en"]) | set(lx.SPEECH["cyr"]), key=len,
                                 reverse=True))
# ", Украина настаивает, что ...", ", Kyiv insists that ...": a second speaker mid-sentence.
_MID_SPEAKER = (r"(?P<head>(?:[\w«»\"'’-]+\s+){1,3}?)(?:" + _SPEECH_WORDS
                + r")\s*,?\s*(?:что|що|that)(?!\w)\s*")
_MID_ATTRIBUTION = re.compile(r"\s*" + _MID_SPEAKER, re.IGNORECASE)
# "Moscow says A, while Ukrainian officials say B", "в Москве уверяют, что A, а в Киеве называют
# удар B": after a contrast, a second speaker needs no "that".
_CONTRAST_ATTRIBUTION = re.compile(
    r"\s*(?:while|whereas|but|а|но|але|тоді як|тогда как)\s+(?P<head>(?:[\w«»\"'’-]+\s+){1,3}?)"
    r"(?:(?:has|had|have)\s+)?(?:" + _SPEECH_WORDS + r"|say|point to|called|называют|"
    r"називають|говорят|кажуть|заявляют|заявляють|утверждают|стверджують|уверяют|запевняють)"
    r"(?:\s+(?:earlier|later|on \w+|the same day|earlier the same day))*\s*,?\s*"
    r"(?:что|що|that)?(?!\w)\s*",
    re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(_CLAUSE_SPLIT.pattern + r"|,\s*(?=" + _MID_SPEAKER.replace(
    "?P<head>", "") + ")", re.IGNORECASE)


def _script(text: str) -> str:
    return "cyr" if CYRILLIC_RE.search(text) else "en"


def split_sentences(text: str) -> list[str]:
    """Sentences of a post or claim, without URLs and channel boilerplate."""
    cleaned = clean_text(text)
    parts = [p.strip() for p in _SENTENCE_END.split(cleaned)]
    return [p for p in parts if p and re.search(r"\w", p)]


# -- places ----------------------------------------------------------------------------------

_CYR_TO_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
_DIGRAPHS = (("shch", "S"), ("sch", "S"), ("kh", "H"), ("zh", "J"), ("ch", "C"), ("sh", "S"),
             ("ts", "C"), ("tz", "C"), ("ck", "k"), ("dzh", "J"))
# g and k share a class: Кременчуг / Kremenchuk.
_SINGLE = str.maketrans({"w": "v", "q": "k", "c": "k", "h": "k", "g": "k", "x": "k", "j": "i"})


@lru_cache(maxsize=50_000)
def place_skeleton(word: str) -> str:
    """Consonant skeleton of a name in any script: Лисичанськ, Lisichansk -> 'lsCnsk'."""
    low = unicodedata.normalize("NFKD", word.lower())
    low = "".join(ch for ch in low if not unicodedata.combining(ch))
    low = "".join(_CYR_TO_LAT.get(ch, ch) for ch in low)
    low = re.sub(r"[^a-z]", "", low)
    # Ukrainian puts a "в" before an initial "у" that Russian lacks: Вуглегірськ / Углегорск,
    # Вузлове / Узловое
    low = re.sub(r"^vu(?=[^aeiouy])", "u", low)
    for digraph, repl in _DIGRAPHS:
        low = low.replace(digraph, repl)
    low = low.translate(_SINGLE)
    low = re.sub(r"[aeiouy]", "", low)
    return re.sub(r"(.)\1+", r"\1", low)


_GAZ: dict[str, str] = {}
for _name in lx.GAZETTEER:
    _GAZ.setdefault(place_skeleton(_name), _name.lower())
for _alias in ("artemovsk", "artemivsk", "ugledar"):
    _GAZ[place_skeleton(_alias)] = lx.ALIASES[_alias]
_SPELLINGS = {"severodonetsk": "sievierodonetsk", "lisichansk": "lysychansk", "izyum": "izium",
              "rubezhnoe": "rubizhne", "uhledar": "vuhledar", "kiev": "kyiv", "odessa": "odesa",
              "volchansk": "vovchansk", "okhmatdet": "okhmatdyt",
              "konstantinovka": "kostiantynivka", "kharkov": "kharkiv", "lugansk": "luhansk",
              "nikolaev": "mykolaiv", "chernigov": "chernihiv", "kremenchug": "kremenchuk"}
for _name, _key in _SPELLINGS.items():
    _GAZ[place_skeleton(_name)] = _key


def _initial(word: str) -> str:
    """A name's first letter in Latin script; Russian г (g) and Ukrainian г (h) are one."""
    first = _CYR_TO_LAT.get(word[:1].lower(), word[:1].lower())[:1]
    return "h" if first == "g" else first


# Gazetteer names that share a skeleton but not a first letter are different places, told apart
# by that letter: Hirske / Горское / Гірське and Kursk / Курск are both "krsk".
_BY_SKELETON: dict[str, dict[str, str]] = {}
for _name in lx.GAZETTEER:
    _BY_SKELETON.setdefault(place_skeleton(_name), {}).setdefault(_initial(_name), _name.lower())
_SAME_SKELETON = {key: by_initial for key, by_initial in _BY_SKELETON.items()
                  if len(by_initial) > 1}
_NOT_PLACE_KEYS = {place_skeleton(w) for w in lx.NOT_PLACES} - set(_GAZ)
# Words that are never places even where their skeleton is a known one (Moscow / Moskva,
# Peskov / Pisky, New / Nova).
_NOT_PLACE_WORDS = {w.lower() for w in lx.NOT_PLACES}
_ALIAS_RE = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, lx.ALIASES), key=len,
                                                      reverse=True)) + r")", re.IGNORECASE)
_REGION = {"луганщин": "luhansk", "донеччин": "donetsk", "харківщин": "kharkiv",
           "херсонщин": "kherson", "дніпропетровщин": "dnipropetrovsk", "запоріжж": "zaporizhzhia",
           "миколаївщин": "mykolaiv", "сумщин": "sumy", "чернігівщин": "chernihiv",
           "київщин": "kyiv", "одещин": "odesa", "бєлгородщин": "belgorod",
           "белгородчин": "belgorod", "курщин": "kursk", "полтавщин": "poltava",
           "вінниччин": "vinnytsia", "дніпровщин": "dnipro"}
_REGION_RE = re.compile(r"(?<!\w)(" + "|".join(_REGION) + r")\w*", re.IGNORECASE)
_LOCATIVE = re.compile(r"(?:in|near|around|at|from|into|outside|towards|toward|of|в|во|у|под|"
                       r"возле|районе|районі|района|бік|саме|самому|самом|"
                       r"около|из|под|біля|під|поблизу|з|із|до|над|по)$", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_ENDINGS = ("m", "H", "v", "i")


# Adjectives of place names: "Одесской областью", "Київській", "Авдеевский завод", "Крымский
# мост": Russian and Ukrainian endings after -ск- / -ськ- (longest first).
_PLACE_ADJECTIVE = re.compile(r"(?:ськ|ск)(?:ого|ому|ими|ий|ый|ой|ая|ое|ую|ом|ие|их|ій|ої|ою|им|а|"
                              r"е|у|і)$", re.IGNORECASE)


# Adjectives of countries, peoples and institutions, never of a town.
_NOT_PLACE_ADJECTIVE = re.compile(r"(?:украин|україн|росси|росій|русск|руськ|российск|американ|"
                                  r"британ|европ|європ|чеченск|чеченськ|советск|радянськ|"
                                  r"военн|військов|польск|польськ|турецк|турецьк)", re.IGNORECASE)


def _place_of_key(key: str, token: str) -> str | None:
    place = _GAZ.get(key)
    if place is None:
        return None
    if key in _SAME_SKELETON:
        return _SAME_SKELETON[key].get(_initial(token), place)
    return place


def _place_of_token(token: str, adjectives: bool = False) -> str | None:
    """The gazetteer place a token names; with `adjectives`, also the place of an adjective
    ("Херсонской области", "Одеському порту"): the matcher's place filter wants those (a claim
    about the Kherson region is about Kherson's ground), a frame's place does not (the
    administration "of the Kherson region" is not where the event happened)."""
    token = re.sub(r"['’]s$", "", token)  # "Bakhmut's"
    candidates = [token]
    if CYRILLIC_RE.search(token):
        for language in ("ru", "uk"):
            candidates.append(lemma(token, language))
    for cand in candidates:
        key = place_skeleton(cand)
        if len(key) < 2:
            continue
        if key in _GAZ:
            return _place_of_key(key, token)
        # case endings (Лимана, Бахмутом) exist in Cyrillic only: "Ohirtseve" is not Kerch
        if len(key) >= 4 and key[:-1] in _GAZ and key[-1] in _ENDINGS and CYRILLIC_RE.search(
                token):
            return _place_of_key(key[:-1], token)
    adjective = (_PLACE_ADJECTIVE.search(token) if adjectives and CYRILLIC_RE.search(token)
                 else None)
    if adjective and adjective.start() >= 3 and not _NOT_PLACE_ADJECTIVE.match(token):
        stem = place_skeleton(token[:adjective.start()])
        # Одес-ская, Авдеев-ский (Авдеевка), Оде-ський (Одеса)
        for key in (stem, stem + "k", stem + "s"):
            if len(key) >= 2 and key in _GAZ:
                return _place_of_key(key, token)
    return None


def extract_places(text: str, landmarks: bool = True) -> frozenset[str]:
    """Normalised place names in a text: gazetteer names in any spelling, aliases, and capitalised
    words after a locative preposition ("near Bilohorivka"). Where no place is named but a
    landmark is ("a village west of Avdiivka"), the landmark is kept as "@key", like a region
    (not with landmarks=False)."""
    found: set[str] = set()
    for m in _ALIAS_RE.finditer(text):
        found.add(lx.ALIASES[m.group(1).lower()])
    reference: set[str] = set()  # "a village south of Bakhmut": a landmark, not the place
    # "Золота Балка на Херсонщині", "in the Kherson region": where a settlement is named too,
    # the region only locates it
    regions = {_REGION[m.group(1).lower()] for m in _REGION_RE.finditer(text)}
    tokens = list(_TOKEN.finditer(text))
    named: set[int] = set()  # indexes of the tokens read as places
    aliased = [(a.start(), a.end()) for a in _ALIAS_RE.finditer(text)]
    compounds: set[int] = set()  # indexes of the adjectives of two-word names read
    for i, m in enumerate(tokens):
        word = m.group(0)
        if not word[:1].isupper() and not CYRILLIC_RE.search(word[:1] or " "):
            continue
        if not word[:1].isupper() or i - 1 in compounds:
            continue
        # "Мала Рогань", "Малой Рогани", "Mala Rohan": an adjective and a name, one key
        compound = _compound_key(text, tokens, i, aliased)
        end = tokens[i + 1].end() if compound else m.end()
        if re.sub(r"['’]s$", "", word).lower() in _NOT_PLACE_WORDS:
            continue
        if word.lower().startswith("москв") and text[max(0, m.start() - 1):m.start()] not in (
                "«", '"', "“"):
            continue  # "заява Москви": the government; only «Москва», the cruiser, is named
        # "Новая Таволжанка", "Новий Комар": not the gazetteer's "Nova" of Nova Kakhovka
        place = None if compound else _place_of_token(word)
        if place and (_RIVER_BEFORE.search(text[max(0, m.start() - 25):m.start()])
                      or _RIVER_AFTER.match(text, m.end())):
            named.add(i)
            continue  # "форсировали Ирпень", "the Irpin River": a river, not the town
        if place:
            named.add(i)
            if (_REFERENCE_BEFORE.search(text[max(0, m.start() - 40):m.start()])
                    or _NEAR_NAMED.search(text[max(0, m.start() - 40):m.start()])):
                reference.add(place)
            elif _REGION_AFTER.match(text, m.end()):
                regions.add(place)
            elif (_AXIS_AFTER.match(text, m.end()) or _GOVERNMENT_AFTER.match(text, m.end())
                  or (place in ("kyiv", "moscow") and _CAPITAL_SAYS.match(text, m.end()))):
                continue  # "на Купянском направлении", "Kyiv's claim": no place of the event
            else:
                found.add(place)
            continue
        opens = not text[:m.start()].strip(" «\"“") or _COMPLEMENTIZER.search(text[:m.start()])
        subject = opens and _PLACE_SUBJECT.match(text, end)
        if (i > 0 and (_LOCATIVE.match(tokens[i - 1].group(0)) or _settlement_before(text, m)
                       or _STANCE_SETTLEMENT_BEFORE.search(text[max(0, m.start() - 20):m.start()]))
                or subject or _APPOSITION.match(text, m.end())
                # "Красное (Ивановское)": the other name of the place just named
                or (i > 0 and text[:m.start()].endswith("(") and i - 1 in named)):
            strong = (subject or _settlement_before(text, m) or _APPOSITION.match(text, m.end())
                      or _AREA_BEFORE.search(text[max(0, m.start() - 20):m.start()]))
            key = compound or _guessed_key(word, 3 if strong else 4)
            if key and compound:
                compounds.add(i)
            if key and _REFERENCE_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
                reference.add(key)  # "south-east of Pryluky": a landmark
                named.add(i)
            elif key:
                found.add(key)
                named.add(i)
    # A region alone locates an event only loosely ("villages in southern Donetsk region"): it
    # is kept as "@key", which places_compatible matches only against other regions.
    return frozenset(found or {REGION_MARK + r for r in (reference if landmarks else ())}
                     or {REGION_MARK + r for r in regions})


_NAME_ADJECTIVE = re.compile(r"(?:мал|велик|нов|стар|верхн|нижн|красн|червон|біл|бел|mal|vel|"
                             r"nov|star|verkhn|nyzhn|nizhn|krasn|chervon|bil|bel)\w{0,4}",
                             re.IGNORECASE)


def _compound_key(text: str, tokens: list[re.Match[str]], i: int,
                  aliased: list[tuple[int, int]]) -> str | None:
    """The "~" key of a two-word name the gazetteer does not know, an adjective and a name
    ("Мала Рогань", "Малой Рогани", "Mala Rohan" give one key), or None."""
    if i + 1 >= len(tokens) or not _NAME_ADJECTIVE.fullmatch(tokens[i].group(0)):
        return None
    second = tokens[i + 1]
    if (text[tokens[i].end():second.start()] != " " or not second.group(0)[:1].isupper()
            or any(a <= tokens[i].start() < b for a, b in aliased)
            or _place_of_token(second.group(0)) or _is_actor(second.group(0))):
        return None
    word = second.group(0)
    if CYRILLIC_RE.search(word):
        word = re.sub(r"(?<=\w\w\w)ці$", "ка", word)
    stem = _CASE_ENDING.sub("", word) if CYRILLIC_RE.search(word) else word
    noun = place_skeleton(stem if len(stem) >= 3 else word)
    adjective = place_skeleton(tokens[i].group(0))[:2]
    return "~" + adjective + noun if len(noun) >= 2 and len(adjective) == 2 else None


# A name that opens the text as the subject of a control verb is a place: "Іванівське
# залишається під контролем …", "Novoprokopivka remains under Russian control".
_PLACE_SUBJECT = re.compile(
    # "Kodema, south-east of Bakhmut, has most likely changed hands": an apposition may follow
    r"(?:\s*,[^,;:.]{1,40},)?(?:\s+[\w’'-]+){0,5}?\s+(?:changed hands|"
    r"(?:was|is|has been|had been|remains|remained|stays|stayed)\s+"
    r"(?:still\s+|now\s+|back\s+|firmly\s+)?(?:under|in)\s+(?:\w+\s+)?(?:control|hands)|"
    r"remains? contested|(?:has|had) fallen|(?:appears|seems) to (?:be|remain)|"
    r"[—–]\s*(?:українськ\w*|российск\w*|русск\w*|наш[аеи]?)(?=[\s.!,:])|"
    r"(?:is|was|remains) (?:still |now )?(?:a |in (?:a |the )?)?gr[ae]y zone|"
    r"(?:была и |була і |по-прежнему |досі |и дальше |й надалі )?"
    r"(?:оста[её]тся|остается|залишається|лишається|находится|перебуває)\s+(?:под|під|в|у)\s+|"
    r"(?:полностью |повністю )?(?:перешл\w*|перейшл\w*|перешёл|перейшов)\s+(?:под|під)|"
    r"(?:под|під)\s+(?:\w+\s+){0,2}контролем|"
    # "Кругляківка — під контролем наших підрозділів", "Кругляковка за нами:"
    r"[—–]\s*(?:под|під)\s+(?:\w+\s+){0,2}контролем|за (?:нами|нашими)(?!\w)|"
    # "Кодема полностью освобождена", "Прогрес не захоплено", "Новодарівку … звільнено"
    r"(?:не |полностью |повністю |fully |now |has been |was |is )?(?:освобожден[аоы]?|"
    r"освобожд[её]н|звільнен[оаи]?|захвачен[аоы]?|захоплен[оаи]?|взят[аоы]?|занят[аоы]?|"
    r"окупован[оаи]?|оккупирован[аоы]?|зачищен[аоеоы]?|очищен[аоеиы]?|очищений|liberated|"
    r"captured|retaken|seized|cleared)(?!\w)|"
    # "Метьолкіне вже контролюють росіяни"
    r"(?:уже |вже |already |now )?(?:контролю(?:ють|є)|контролиру(?:ют|ет))(?!\w)|"
    # "Конотоп не здається", "Конотоп в кольце", "Konotop is not cut off"
    r"не (?:здається|сда[её]тся)|(?:в|у) (?:кольце|кільці|окружении|оточенні|блокаде|блокаді)"
    r"(?!\w)|(?:is|was|has been) (?:not |now |still )?(?:cut off|encircled|surrounded|"
    r"blockaded)|"
    r"(?:is|are|was) (?:\w+ )?ours(?!\w)|"
    # "Новая Таволжанка наша.", "Новий Комар уже за ворогом", "Новый Комар для ВСУ потерян"
    r"наш[аеи]?(?=\s*[.!:]|\s*$)|(?:уже |вже )?за (?:ворогом|врагом|противником)(?!\w)|"
    r"(?:для \w+ )?(?:потерян[аоы]?|втрачен[оаи]?)(?!\w)|"
    # "Ровнополь, если говорить прямо, мы отдали"
    r"(?:ми|мы|we)(?!\w)[\w\s,’'-]{0,30}?(?:отдали|віддали)(?!\w)|"
    # "Кругляківку ми, на жаль, фактично втратили"
    r"(?:ми|мы|we)(?!\w)[\w\s,’'-]{0,30}?(?:втратили|потеряли|здали|сдали|залишили|"
    r"оставили|have lost|lost)(?!\w))", re.IGNORECASE)
REGION_MARK = "@"
_AREA_BEFORE = re.compile(r"(?<!\w)(?:в районе|в районі|у районі|area of|vicinity of)\s+$",
                          re.IGNORECASE)
_RIVER_BEFORE = re.compile(r"(?<!\w)(?:форсир\w*|форсува\w*|форсуван\w*|переправ\w* через|crossed|"
                           r"crossing|рек[аиуе]|річк[аиуі]|river)\s+$", re.IGNORECASE)
_RIVER_AFTER = re.compile(r"\s+river\b", re.IGNORECASE)
# "Moshchun, a village just north-west of Kyiv": the name is a settlement
_APPOSITION = re.compile(r",\s*(?:(?:a|the)?\s*(?:small\s+)?(?:village|town|city|settlement|село|"
                         r"селище|посёлок|поселок|місто|город)\b|(?:just |about |some )?"
                         r"(?:north|south|east|west)[\w-]* of\b)", re.IGNORECASE)
# "…, что Юнаковка перешла под контроль": a clause opening with the name
_COMPLEMENTIZER = re.compile(r"(?:(?<!\w)(?:что|що|that)|[,;:—–])\s+[«\"“]?$", re.IGNORECASE)
# "Юнаковка под Сумами": a village named by the town it lies near (case kept: a name before)
_NEAR_NAMED = re.compile(r"(?<!\w)[A-ZА-ЯЁІЇЄҐ][\w'’-]+\s+(?:под|під|near|outside)\s+$")
_AXIS_AFTER = re.compile(r"\s+(?:направлени\w*|напрям\w*|axis|direction|front)", re.IGNORECASE)
_GOVERNMENT_AFTER = re.compile(
    r"\s+(?:claims?|version|account|statements?|denials?|government|officials|side|"
    r"leadership|assertion)\b", re.IGNORECASE)
# "Kyiv counts Novodarivka among …", "Київ говорить про …", "Киев рисует …": the government
_CAPITAL_SAYS = re.compile(
    r"\s+(?:says|said|claims|insists|counts|lists|names|denies|говорить|заявляє|заявив|заявил|"
    r"заявляет|утверждает|стверджує|уверяет|запевняє|рисует|малює|отрицает|заперечує)\b",
    re.IGNORECASE)
_REGION_AFTER = re.compile(r"[\s-]+(?:region|oblast|province|област\w*|обл\.|(?:ОВА|ОДА|ВЦА|"
                           r"ОГА)(?!\w))", re.IGNORECASE)


def _settlement_before(text: str, token: re.Match[str]) -> bool:
    return bool(_SETTLEMENT_BEFORE.search(text[max(0, token.start() - 40):token.start()]))


# English words that mark a settlement for the stance frames only ("fighting inside
# Novooleksandrivka", "cleared Stepove"); the retrieval place filter (settlement_names) leaves
# them out: fact-check tweets say "inside Starbucks".
_STANCE_SETTLEMENT_BEFORE = re.compile(
    r"(?<!\w)(?:cleared|pulled out of|withdrew from|inside|taken|reached|including|fall of|"
    r"shaded|marked|"
    r"штурмува\w*|штурмова\w*|штурму\w*|атакува\w*|атакова\w*|"
    r"(?:battles?|fight(?:s|ing)?|struggle) "
    r"(?:(?:is |are )?(?:raging |continuing |going on )?)for)\s+$", re.IGNORECASE)


_CASE_ENDING = re.compile(r"(?:ого|ому|ему|его|ими|ыми|ами|ями|им|ым|ом|ем|ім|ій|ий|ый|ой|ої|ою|ей|"
                          r"ая|ое|ые|ых|их|ую|ах|ях)$", re.IGNORECASE)


def _guessed_key(word: str, shortest: int = 4) -> str | None:
    """The "~" skeleton key of a name the gazetteer does not know, if it can be a place. Case
    endings are cut first, so that Степовому and Степового give one key. `shortest` is the
    fewest letters of the skeleton: 3 where the wording itself says the word is a place
    ("Кодема полностью освобождена")."""
    if CYRILLIC_RE.search(word):
        # Ukrainian locative -ці of -ка: "у Таволжанці" is Таволжанка
        word = re.sub(r"(?<=\w\w\w)ці$", "ка", word)
        stem = _CASE_ENDING.sub("", word)
        word = stem if len(stem) >= 4 else word
    key = place_skeleton(word)
    if (len(word) >= 5 and len(key) >= shortest and key not in _NOT_PLACE_KEYS
            and not _is_actor(word)):
        return "~" + key
    return None


# A name right after a settlement noun or a capture verb is a place: "населённый пункт
# Ласточкино", "the village of Lukiantsi", "seized Lastochkyne", "освободили Лукьянцы".
_SETTLEMENT_BEFORE = re.compile(
    r"(?<!\w)(?:населённ\w* пункт\w*|населенн\w* пункт\w*|населен\w* пункт\w*|сел[оаеуі]|"
    r"селищ\w*|пос[её]л\w*|город\w*|міст[оау]|village(?: of)?|town(?: of)?|"
    r"captured|seized|took|liberated|в том числе|у тому числі|"
    r"recaptured|retook|retaken|secured|освободил\w*|освобождени\w*|взял\w*|заняли|занял|"
    r"захватил\w*|звільнил\w*|звільненн\w*|захопил\w*|зайняли|зайняв|відбили|отбили|"
    # more capture words, nouns among them ("о взятии", "про захоплення", "окупацію"), and
    # "в центре" a settlement
    r"зачистил\w*|окупува\w*|оккупировал\w*|"
    r"взяти[еяи]|взятт[яі]|захвате|захоплен\w*|окупаці\w*|оккупаци\w*|в центре|в центрі|"
    r"у центрі|падіння|падени[еяи]|под контроль|під контроль)[»\"”]?(?:\s*[—–])?\s+$",
    re.IGNORECASE)
_REFERENCE_BEFORE = re.compile(
    r"(?:(?:north|south|east|west)\w*(?:-(?:north|south|east|west)\w*)?\s+of|"
    # "северо-западнее Авдеевки", "західніше Покровська", "на північний захід від Авдіївки"
    r"(?<!\w)(?:(?:северо|юго|північно|південно)-)?(?:северн|южн|западн|восточн|північн|"
    r"південн|західн|східн)(?:ее|іше)|"
    r"на\s+(?:північн\w*|південн\w*)?\s*(?:північ|південь|захід|схід)\s+від|"
    r"approaches\s+to|(?:подступах|подходах)\s+к|(?:підступах|підходах)\s+до|"
    r"(?:к|на)\s+(?:северу|югу|западу|востоку|северо-\w+|юго-\w+|північ|південь|захід|схід|"
    r"північн\w*-\w+|південн\w*-\w+)\s+(?:от|від)|(?:км|кілометр\w*|километр\w*|"
    r"kilometres|kilometers|km|miles)\s+(?:from|от|від))\s+$", re.IGNORECASE)


def _is_actor(word: str) -> bool:
    script = _script(word)
    return any(p[script].fullmatch(word) for p in (_RU, _UA, _IND))


# Latin spellings of each gazetteer place, by its key: what known_places accepts in Latin script.
_LATIN_SPELLINGS: dict[str, str] = {
    name.lower(): (name.lower() if place_skeleton(name) in _SAME_SKELETON
                   else _GAZ[place_skeleton(name)]) for name in lx.GAZETTEER}
_LATIN_SPELLINGS.update(_SPELLINGS)


def _names_place(word: str, place: str) -> bool:
    """Does this token really spell the place its consonant skeleton matched? In Latin script
    only a known spelling counts (possessive dropped): skeletons also fit English words ("Give"
    ~ Kyiv, "Does" ~ Odesa, "Love" ~ Lviv). Cyrillic tokens keep the skeleton match, which
    covers the inflected and Russian forms (Авдеевки, Києві)."""
    if CYRILLIC_RE.search(word):
        return True
    return _LATIN_SPELLINGS.get(re.sub(r"['’]s$", "", word).lower()) == place


@lru_cache(maxsize=50_000)
def known_places(text: str) -> frozenset[str]:
    """The gazetteer places, aliases and regions a text names for sure: extract_places without
    its guesses (a capitalised word after a preposition: "in Texas") and with every skeleton
    match checked against the place's spellings (_names_place). Landmarks ("a village south of
    Bakhmut") count as named."""
    found = {lx.ALIASES[m.group(1).lower()] for m in _ALIAS_RE.finditer(text)}
    found |= {_REGION[m.group(1).lower()] for m in _REGION_RE.finditer(text)}
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if not word[:1].isupper() or re.sub(r"['’]s$", "", word).lower() in _NOT_PLACE_WORDS:
            continue
        if word.lower().startswith("москв") and text[max(0, m.start() - 1):m.start()] not in (
                "«", '"', "“"):
            continue  # "заява Москви": the government; only «Москва», the cruiser, is named
        place = _place_of_token(word, adjectives=True)
        if place and _names_place(word, place):
            found.add(place)
    return frozenset(found)


@lru_cache(maxsize=50_000)
def settlement_names(text: str) -> frozenset[str]:
    """Names the gazetteer does not know, where the wording says they are settlements: right
    after a settlement noun or a capture verb ("населённый пункт Ласточкино", "seized
    Lastochkyne", "the village of Lukiantsi"), as "~" skeleton keys that places_compatible
    compares by prefix across scripts. Narrower than extract_places' guesses ("in Texas")."""
    found: set[str] = set()
    for m in _TOKEN.finditer(text):
        word = re.sub(r"['’]s$", "", m.group(0))
        if (not word[:1].isupper() or word.lower() in _NOT_PLACE_WORDS
                or not _settlement_before(text, m) or _place_of_token(word, adjectives=True)):
            continue
        key = _guessed_key(word)
        if key:
            found.add(key)
    return frozenset(found)


def places_conflict(post: frozenset[str], claim: frozenset[str]) -> bool:
    """Both name known places and none is shared (nor one inside the other): a claim about
    Siversk is not evidence for a post about Pokrovsk."""
    return places_compatible(post, claim) is False


def places_compatible(a: frozenset[str], b: frozenset[str]) -> bool | None:
    """True if two place sets share a place, False if both name places and none is shared,
    None if either names no place."""
    if not a or not b:
        return None
    if a & b:
        return True
    regional_a = all(p.startswith(REGION_MARK) for p in a)
    regional_b = all(p.startswith(REGION_MARK) for p in b)
    if regional_a != regional_b:
        return None  # a region and a settlement: it may lie inside
    if regional_a:
        return False
    # A site and the town it lies in: Okhmatdyt and Kyiv.
    if ({lx.PLACE_PARENT.get(p, p) for p in a} & {lx.PLACE_PARENT.get(p, p) for p in b}):
        return True
    # Skeleton-only places ("~key") match known names by prefix.
    keys_a = {p[1:] if p.startswith("~") else place_skeleton(p) for p in a}
    keys_b = {p[1:] if p.startswith("~") else place_skeleton(p) for p in b}
    for x in keys_a:
        for y in keys_b:
            if len(x) >= 4 and len(y) >= 4 and (x.startswith(y) or y.startswith(x)):
                return True
    return False


# -- sides -----------------------------------------------------------------------------------

def side_mentions(text: str) -> list[tuple[int, int, Side]]:
    """(start, end, side) of every RU/UA/independent actor mention, in text order."""
    script = _script(text)
    out: list[tuple[int, int, Side]] = []
    for pattern, side in ((_RU[script], "RU"), (_UA[script], "UA"), (_IND[script], "independent")):
        out.extend((m.start(), m.end(), side) for m in pattern.finditer(text))
    if script == "cyr":  # mixed-script texts: Latin outlet names inside Cyrillic text
        out.extend((m.start(), m.end(), "independent") for m in _IND["en"].finditer(text))
    # "легион «Свобода России»": a mention inside a longer one of another side is part of it
    out = [m for m in out if not any(o[0] <= m[0] and m[1] <= o[1] and o[2] != m[2]
                                     and (o[1] - o[0]) > (m[1] - m[0]) for o in out)]
    return sorted(out)


def side_of(text: str) -> Side | None:
    """The side a claimant phrase belongs to; the first RU/UA mention wins over independent."""
    mentions = side_mentions(text)
    partisan = [m for m in mentions if m[2] in ("RU", "UA")]
    independent = [m for m in mentions if m[2] == "independent"]
    if independent and (not partisan or independent[0][0] < partisan[0][0]):
        return "independent"
    return partisan[0][2] if partisan else None


def _other(side: Side | None) -> Side | None:
    return {"RU": "UA", "UA": "RU"}.get(side or "")


# -- claimant --------------------------------------------------------------------------------

@dataclass(slots=True)
class _Attribution:
    claimant: str | None
    side: Side | None
    content_start: int
    verb: str | None
    # a parenthetical source (", по данным Минобороны России,"): blanked out of the content,
    # so that the side it names is not read as the one that acted
    aside: tuple[int, int] | None = None


_TRAILING_PARTICIPLE = re.compile(
    r"\s*,\s*(?:\w+ing|as|while|when|calling|adding|saying|noting|describing|citing|claiming|"
    r"pointing|referring|"
    r"назвав|назвал\w*|"
    r"добавив|додавши|отметив|зазначивши)(?!\w)", re.IGNORECASE)


def _speaker_after_claim(sentence: str, speech: re.Match[str]) -> str | None:
    """The speaker of "<claim>, <short speaker> <verb> …" ("…, the General Staff said …")."""
    script = _script(sentence)
    head = sentence[:speech.start()].rstrip()
    comma = head.rfind(",")
    if comma <= 0:
        return None
    speaker = head[comma + 1:].strip(" —–-")
    if re.match(r"\s*[—–]", head[comma + 1:]) or re.fullmatch(r"(?:так|thus|so|as|как|як)?",
                                                                 speaker, re.IGNORECASE):
        return None  # "…, — так описывают обстановку военкоры": the speaker follows the verb
    if (0 < len(speaker.split()) <= 6 and any(p[script].search(head[:comma])
                                              for p in _TRIGGERS.values())
            and not any(p[script].search(speaker) for p in _TRIGGERS.values())):
        return speaker
    return None


def _speaker_after_verb(sentence: str, speech: re.Match[str]) -> str | None:
    """The speaker of "<claim>, <verb> <speaker>[ …];": a claim (any trigger) before a comma,
    the verb, then a name up to the next punctuation, not "…, said that …"."""
    script = _script(sentence)
    dash = bool(re.search(r"[—–]\s*$", sentence[:speech.start()]))
    # "…, — так описывают …", "…, — с горечью констатируют …": a dash and up to three words
    head = re.sub(r",?\s*[—–]\s*(?:[\w’'-]+\s+){0,2}[\w’'-]*$", ",",
                  sentence[:speech.start()].rstrip(), flags=re.IGNORECASE)
    name = re.match(r"\s*([^,;:.()—–]+)(.?)", sentence[speech.end():])
    speaker = name.group(1).strip() if name else ""
    # "…, заявил глава администрации Виталий Ганчев и призвал жителей …": the name ends at "и"
    speaker = re.split(r"\s+(?:и|і|та|and)\s+", speaker, maxsplit=1)[0]
    # "…, вважає аналітик Дмитро Жмайло: …" and "…, заявил официальный представитель Игорь
    # Конашенков; …" name their speaker before a colon or a semicolon, claim or not
    # "Это теракт киевского режима, заявил Владимир Путин на совещании, …": a name right
    # after the verb is the speaker too (its capitalised words only)
    named = re.match(r"(?:[A-ZА-ЯЁІЇЄҐ][\w'’-]*\s*){1,4}", speaker)
    if named and not dash and not (name and name.group(2) in (":", ";")) and not any(
            p[script].search(head) for p in _TRIGGERS.values()):
        speaker = named.group(0).strip()
    # "…, запевняють у бригаді, яка …": a source office after the verb
    office = bool(re.match(r"(?:у|в|во)\s+\w", speaker))
    if not head.endswith(",") or not (
            any(p[script].search(head) for p in _TRIGGERS.values()) or dash or office
            or (name and name.group(2) in (":", ";")) or speaker[:1].isupper()):
        return None
    # "…, — сказала про вибухи на мосту речниця Сил оборони Наталія Гуменюк": after a dash the
    # verb may take its object before the speaker
    if (not speaker or not 0 < len(speaker.split()) <= (14 if dash else 10)
            or (not dash and re.match(r"(?:that|что|що|про|о|об)(?!\w)", speaker, re.IGNORECASE))
            or (not dash and any(p[script].search(speaker) for p in _TRIGGERS.values()))):
        return None
    return speaker


def _ends_with_speaker(sentence: str, speech: re.Match[str]) -> bool:
    """"…, повідомив Генштаб.": a comma, the verb, then only a short name to the end."""
    before = sentence[:speech.start()].rstrip()
    rest = sentence[speech.end():].strip(" .!»\"")
    return before.endswith(",") and 0 < len(rest.split()) <= 5 and "," not in rest


_ASIDE_END = re.compile(r"[,;.]")


def _parenthetical_source(sentence: str) -> _Attribution | None:
    """"На … направлении, по данным Минобороны России, отбиты …", "…, according to the General
    Staff, …": a named source set off by commas inside the sentence."""
    script = _script(sentence)
    for attrib in _ATTRIB[script].finditer(sentence):
        if attrib.start() < 5 or not sentence[:attrib.start()].rstrip().endswith(","):
            continue
        close = _ASIDE_END.search(sentence, attrib.end())
        end = close.start() if close else len(sentence)
        head = sentence[attrib.end():end].strip()
        if (0 < len(head.split()) <= 6 and (side_of(head) or re.search(r"[A-ZА-ЯІЇЄҐ]", head))
                and not any(p[script].search(head) for p in _TRIGGERS.values())):
            return _Attribution(head, side_of(head), 0, None,
                                (attrib.start(), end + (1 if close else 0)))
    return None


_BARE_MINISTRY = re.compile(r"(?:в |во )?(?:(?:сводке|докладе|сообщении|брифинге) )?"
                            r"(?:минобороны|министерств\w* обороны|"
                            r"военн\w* ведомств\w*|"
                            r"российское военное ведомство)", re.IGNORECASE)
_SPEAKER_RELATIVE = re.compile(r"\s*,\s*(?:яка|який|які|котор\w*|which|who)\s+[^,;:]*[.!]?\s*$",
                               re.IGNORECASE)
# "Удачное наше: штурмовики зашли в посёлок": a claim before the colon, not a speaker
_OURS_END = re.compile(r"(?<!\w)(?:наш[аеиу]?|наші|ours|за нами|за нашими|"
                       # "Кодему берут тяжело:", "Под Харьковом сейчас жарко:": a scene, no one
                       r"тяжело|тяжко|важко|непросто|жарко|горячо|спокойно|неспокойно)\s*$",
                       re.IGNORECASE)


# Narrower than _DENIAL_LABEL on purpose: "Центр протидії дезінформації: …" is a speaker.
_HEADLINE_VERDICT = re.compile(r"(?<!\w)(?:фейк|вброс|вкид|брехн|ложь|fake|lie\b|hoax)\w*",
                               re.IGNORECASE)


def _attribution(sentence: str) -> _Attribution:
    script = _script(sentence)
    # Headline form: "Минобороны РФ: гарнизон покинул остров".
    colon = sentence.find(":")
    # "История с детским садом — очередная постановка: …": a predicate before the colon
    head = sentence[:colon]
    if (0 < colon < 70 and not any(p[script].search(head) for p in _TRIGGERS.values())
            and not _OURS_END.search(head) and not re.search(r"\s[—–]\s", head)
            # "Курская область: …": a dateline
            and not (len(head.split()) <= 3 and extract_places(head) and not side_of(head))
            # "Уперше в історії …: …, повідомили в ГУР": a speech verb after the colon names
            # the speaker; what precedes the colon is a headline
            and not any(m.start() > colon for m in _SPEECH[script].finditer(sentence))
            # "Очередной фейк ГУР: …": a verdict on the other side's claim, no speaker
            and not _HEADLINE_VERDICT.search(head)):
        head = sentence[:colon].strip()
        return _Attribution(head, side_of(head), colon + 1, None)
    attrib = _ATTRIB[script].search(sentence)
    if attrib and attrib.start() < 5:
        comma = sentence.find(",", attrib.end())
        if comma > 0:
            head = sentence[attrib.end():comma].strip()
            return _Attribution(head, side_of(head), comma + 1, None)
    aside = _parenthetical_source(sentence)
    if aside:
        return aside
    speech = _SPEECH[script].search(sentence)
    speaker = _speaker_after_claim(sentence, speech) if speech and speech.start() < 160 else None
    if speech and speaker:
        # "Fighting goes on in X, the General Staff said in its evening update, …": the
        # speaker is the name after the last comma, the claim is what comes before it.
        return _Attribution(speaker, side_of(speaker), 0, speech.group(0).lower())
    inverted = _speaker_after_verb(sentence, speech) if speech and speech.start() < 160 else None
    if speech and inverted:
        # "Новопрокоповка остаётся под нашим контролем, заявил Владимир Рогов из …; …": the
        # claim comes first, the speaker right after the verb
        described = _SPEAKER_RELATIVE.match(sentence, speech.end() + len(inverted) + 1) if (
            sentence.find(inverted, speech.end()) == speech.end() + 1) else None
        # "…, запевняють у бригаді, яка тримає оборону на цій ділянці": the relative clause
        # describes the speaker, it is no claim
        aside = (speech.start(), len(sentence)) if described else None
        return _Attribution(inverted, side_of(inverted), 0, speech.group(0).lower(), aside)
    if speech and speech.start() < 160 and _ends_with_speaker(sentence, speech):
        speech = None  # "…, повідомив Генштаб.": a trailing attribution, below
    if speech and speech.start() < 160:
        head = sentence[:speech.start()].strip(" ,")
        words = len(head.split())
        # The speech verb must come early, and what precedes it must not itself be a claim; a
        # verb that ends the sentence ("..., Kyiv said.") is a trailing attribution, below.
        # (English "holds" and "contested" words also describe speakers: "who holds the post")
        if 0 < words <= 14 and re.search(r"\w", sentence[speech.end():]) and not any(
                p[script].search(head) for name, p in _TRIGGERS.items()
                if script == "cyr" or name not in ("holds", "contested")):
            start = speech.end()
            rest = sentence[start:]
            lead = re.match(r"\s*(?:,\s*)?(?:that|что|що|о том, что|про те, що)?\s*", rest,
                            re.IGNORECASE)
            start += lead.end() if lead else 0
            return _Attribution(head, side_of(head), start, speech.group(0).lower())
    # Trailing attribution: "..., officials said." / "..., повідомив Генштаб ЗСУ."
    tail = list(_SPEECH[script].finditer(sentence))
    # "Ocheretyne has been liberated, Russian state media said, calling the village ...": a
    # speech verb between commas, followed by a participle, is a trailing attribution too.
    if tail and tail[-1].start() <= len(sentence) * 0.5 and _TRAILING_PARTICIPLE.match(
            sentence[tail[-1].end():]):
        before = sentence[:tail[-1].start()].rstrip(" ,")
        comma = before.rfind(",")
        head = before[comma + 1:].strip() if comma > 0 else ""
        if head and len(head.split()) <= 6 and not any(
                p[script].search(head) for p in _TRIGGERS.values()):
            return _Attribution(head, side_of(head), 0, tail[-1].group(0).lower())
    if tail and tail[-1].start() > len(sentence) * 0.5:
        head = sentence[tail[-1].end():].strip(" .,")
        if _TRAILING_PARTICIPLE.match(sentence[tail[-1].end():]) or tail[-1].group(0).lower() in (
                "told", "сказал", "сказала", "сказав"):
            # "…, the analyst wrote, pointing to a video …", "…, the mayor told residents …":
            # the name is before the verb
            head = ""
        before = sentence[:tail[-1].start()].rstrip(" ,")
        comma = before.rfind(",")
        if comma > 0 and len(before) - comma < 60 and not head:
            head = before[comma + 1:].strip()  # "..., the General Staff said."
        if head and len(head.split()) <= 10:
            return _Attribution(head, side_of(head), 0, tail[-1].group(0).lower())
    return _Attribution(None, None, 0, None)


# -- clause parsing --------------------------------------------------------------------------

def _clauses(text: str, offset: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > pos:
            out.append((offset + pos, text[pos:m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append((offset + pos, text[pos:]))
    return [(o, c) for o, c in out if c.strip()]


def _triggers(clause: str) -> list[tuple[int, int, str]]:
    script = _script(clause)
    found: list[tuple[int, int, str]] = []
    for event, patterns in _TRIGGERS_ALL.items():
        for m in patterns[script].finditer(clause):
            if event == "withdrew" and (_LEFT_BANK.match(clause[m.start(1):]) or (
                    m.group(1).lower().startswith("abandon")
                    and _PASSIVE_AUX.search(clause[:m.start(1)]))):
                continue  # "the left bank", "troops were being abandoned"
            if event == "encircled" and _utilities_cut(clause, m.start(1), m.end(1)):
                continue  # "power and water are cut off", "отрезаны от водоснабжения"
            if event == "encircled" and re.match(r"окружн", m.group(1), re.IGNORECASE):
                continue  # "до киевской окружной": the ring road
            found.append((m.start(1), m.end(1), event))
    # Resolve overlaps: longer first, then priority.
    found.sort(key=lambda t: (-(t[1] - t[0]), _PRIORITY[t[2]], t[0]))
    chosen: list[tuple[int, int, str]] = []
    for start, end, event in found:
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, event))
    return sorted(chosen)


# Supplies whose being "cut off" says nothing about an encirclement.
_UTILITY = (r"(?<!\w)(?:power|electricity|water|gas|heating|internet|communications?|"
            r"свет(?:а|у)?|электри\w*|электроэнерги\w*|вод(?:а|ы|у|ой|оснабжени\w*)|"
            r"газ(?:а|у|ом|оснабжени\w*)?|отоплени\w*|связ(?:ь|и)|світл(?:о|а|у)|"
            r"електри\w*|електроенергі\w*|вод(?:и|ою|опостачанн\w*)|газопостачанн\w*|"
            r"опаленн\w*|зв['’]яз(?:ок|ку))(?!\w)")
_UTILITY_BEFORE = re.compile(_UTILITY + r"(?:\s+\w+){0,5}\s*$", re.IGNORECASE)
_UTILITY_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}" + _UTILITY, re.IGNORECASE)


def _utilities_cut(clause: str, start: int, end: int) -> bool:
    """A "cut off" trigger whose object is a supply: "power and water are cut off", "cut off
    the water", "отрезаны от водоснабжения"."""
    before, after = clause[:start], clause[end:]
    return bool(_UTILITY_BEFORE.search(before) or _UTILITY_AFTER.search(after))


_VICINITY = re.compile(
    r"\s*(?:\w+\s+){0,4}?(?:heights|outskirts|(?<!the )villages?|approaches|positions|around|near|"
    r"высот\w*|окраин\w*|околиц\w*|подступ\w*|вокруг|возле|около|висот\w*|навколо|біля|"
    r"поблизу|підступ\w*)\b", re.IGNORECASE)
# "blown up by the Soviet authorities in 1936": background from before the war claims nothing.
_YEAR = r"(?:18[0-9]{2}|19[0-9]{2}|200[0-9]|201[0-3])"
_BEFORE_THE_WAR = re.compile(
    r"(?<!\w)(?:in|since|until|в|у)\s+" + _YEAR + r"(?![\w-])|(?<![\w-])" + _YEAR
    + r"\s+(?:год\w*|рок\w*|рік|р\.)", re.IGNORECASE)
_ROUTE_BEFORE = re.compile(r"(?<!\w)(?:routes?|ways?|paths?|roads?|пут(?:ь|и|ей)|шлях\w*|"
                           r"дорог\w*|коридор\w*)\s+(?:of\s+|for\s+|для\s+)?$", re.IGNORECASE)
_NOT_CAPTURE_BEFORE = re.compile(r"(?<!\w)(?:decisions?|steps?|measures?|actions?|precautions?|"
                                 r"footage|videos?|cameras?|images?|photos?|pictures?|"
                                 r"решени\w*|рішенн\w*|мер[аыу]?|заход\w*)\s+(?:\w+\s+){0,2}$",
                                 re.IGNORECASE)
# "took back its old name", "took part in the attack": no capture
_NOT_CAPTURE_AFTER = re.compile(r"\s*(?:(?:back\s+)?(?:its|their|the|a|an|his|her)\s+"
                                r"(?:\w+\s+){0,2}(?:name|names|part|place|decision|step|steps|"
                                r"measures|photos?|pictures?|oath|office)|part in|part)\b",
                                re.IGNORECASE)
_AFTER_CLAUSE = re.compile(r"(?:^|[,;:])\s*(?:після того,? як|после того,? как)\s", re.IGNORECASE)


def _in_quotes(text: str, position: int) -> bool:
    """True if `position` lies inside «…» quotes."""
    return text.rfind("«", 0, position) > text.rfind("»", 0, position)


def _in_scare_quotes(text: str, position: int) -> bool:
    """True inside short «…» quotes (three words at most): "«мирных жертв» Киев рисует", words
    held up for derision, not a quoted statement."""
    opening = text.rfind("«", 0, position)
    if opening < 0 or opening < text.rfind("»", 0, position):
        return False
    closing = text.find("»", position)
    return closing > 0 and len(text[opening + 1:closing].split()) <= 3


_TOO_EARLY_AROUND = re.compile(r"(?:говорить|говорити)[^.;]{0,40}?(?:рано|зарано|преждевременно|"
                               r"передчасно)", re.IGNORECASE)
_TRYING_BEFORE = re.compile(r"(?<!\w)(?:trying|tried|attempting|attempted|seeking|sought) to\s+$",
                            re.IGNORECASE)
_ATTEMPT_BEFORE = re.compile(r"(?:попытк|спроб|attempt)\w*\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_AIRCRAFT_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:літак|самол[её]т|aircraft|plane|jet|гелікоптер|"
                             r"вертол)", re.IGNORECASE)
_SINCE_AFTER = re.compile(r"\s+(?:з перших днів|с первых дней|since|з початку|с начала|ще з|еще с|"
                          r"ещё с|from the first days|in the first days|у перші дні|в первые дни)",
                          re.IGNORECASE)
_AIR_ATTACK = re.compile(r"(?:атак\w*|нал[её]т\w*|attacks?) (?:\w+ ){0,2}(?:беспилотник|"
                         r"безпілотник|дрон|бпла|ракет|drone|missile|uav)\w*|"
                         r"(?:drone|missile|air) attacks?|air raids?|"
                         r"(?:повітрян|воздушн)\w* (?:атак|удар|напад)\w*", re.IGNORECASE)
_HAD_BEFORE = re.compile(r"(?<!\w)had (?:\w+ ){0,2}(?:sat|been|remained|stayed|lain)\b"
                         r".*\bbefore\b", re.IGNORECASE)
_OTHER_PLACES = re.compile(r"(?<!\w)(?:other (?:villages|towns|settlements|places|areas)|"
                           r"інш\w* (?:сіл|сел|населен\w* пункт|міст|ділянк|напрямк)\w*|"
                           r"други\w* (?:сёл|сел|населённ\w* пункт|населенн\w* пункт|город|участк|"
                           r"направлени)\w*)", re.IGNORECASE)
_PRETEND_BEFORE = re.compile(r"(?:вда(?:ють|є)|делают вид|притворя\w*|pretend\w*|ніби|будто|"
                             r"якобы|нібито|as if)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_AIR_DEFENCE = re.compile(r"пво|ппо|противовоздушн|протиповітрян|air[- ]defen|interceptor|"
                          r"перехватчик|перехоплювач", re.IGNORECASE)
_BUILDING_AFTER = re.compile(r"\s+(?:the |a |an )?(?:\w+ ){0,2}(?:block|building|house|home|"
                             r"tower|apartment|flats|school|hospital)", re.IGNORECASE)
_TOO_EARLY = re.compile(r"(?:говорить|говорити|заявлять|заявляти) (?:\w+ )?(?:рано|зарано|"
                        r"преждевременно|передчасно)|(?:рано|зарано|преждевременно|передчасно) "
                        r"(?:\w+ )?(?:говорить|говорити)|too early to (?:speak|talk)|premature to "
                        r"(?:speak|talk)", re.IGNORECASE)
# "Russian soldiers captured there", "dozens of troops captured": people taken prisoner
_PEOPLE_BEFORE = re.compile(r"(?<!\w)(?:soldiers|servicemen|troops|fighters|conscripts|"
                            r"personnel|men|mercenaries)\s+(?:were\s+)?$", re.IGNORECASE)
_NO_OBJECT_AFTER = re.compile(r"\s*(?:[,.;)]|$|(?:there|alive|in|near|during|as|by|after|"
                              r"while|and)\b)", re.IGNORECASE)
_SCENERY = re.compile(r"\s*by\s+(?:\w+\s+){0,2}(?:forests?|woods|woodland|fields|hills|water|"
                      r"lakes?|marsh\w*|steppe|trees|mountains)\b", re.IGNORECASE)
_THREAT = re.compile(r"(?:threat|risk|danger|avoid\w*|угроз\w*|загроз\w*|избежа\w*|уникну\w*|"
                     r"не потрапити|не попасть|опасност\w*|небезпек\w*)(?:\s+\w+){0,2}\s*$",
                     re.IGNORECASE)
_REGION_WORDS = re.compile(r"territor\w*|republic\w*|region\w*|oblast\w*|территори\w*|"
                           r"республик\w*|област\w*|територі\w*|республік\w*", re.IGNORECASE)
# "under the control of", "под контролем", "під контролем": a side right after names the holder.
_UNDER_CONTROL = re.compile(r"(?:под|під)\s+(?:\w+\s+)?контролем$|under\s+(?:the\s+)?control$",
                            re.IGNORECASE)
_CONJUNCTION = re.compile(r"(?<!\w)(?:and|but|or|и|но|а|і|й|та|але|или|або)(?!\w)", re.I)
_REPEL = re.compile(lx.REPEL, re.IGNORECASE)
# Passive participles of "repel": "атака отбита", "наступ відбито".
_PASSIVE_REPEL = re.compile(r"(?:отбит|отражен|відбит)\w*$", re.IGNORECASE)
_ATTACK = re.compile(lx.ATTACK_WORDS, re.IGNORECASE)
_VICTIMS = re.compile(lx.VICTIMS, re.IGNORECASE)
_TARGET_BEFORE = re.compile(r"(?<!\w)(?:по|против|проти|against)\s+$", re.IGNORECASE)
_LOCATION_AFTER = re.compile(r"[\w'’-]*\s+(?:town|city|village|region|oblast|port|airfield|"
                             r"air ?base|territory|soil|border|город\w*|міст\w*|сел[оаіе]\w*|"
                             r"посёл\w*|"
                             r"област\w*|территори\w*|територі\w*|аэродром\w*|аеродром\w*)\b",
                             re.IGNORECASE)
_STORED_BEFORE = re.compile(r"(?:stored|storing|kept|housed|хранил\w*|хранятся|зберіга\w*|"
                            r"склад\w*|depots? of|арсенал\w*)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


# Events whose outcome depends on who acted; for the others ("shot down", "killed") a side
# left unnamed costs no confidence.
_AGENT_DECIDES = {"took", "entered", "holds", "withdrew", "struck"}


def _negated(clause: str, start: int, end: int) -> bool:
    """A negation word at most two words before the trigger, with no conjunction between."""
    script = _script(clause)
    if _AFTER_NEGATION.match(clause[end:end + 40]):
        return True  # "вуличних боїв у місті немає"
    if _NEG_SUBJECT.search(clause[max(0, start - 80):start]):
        return True  # "no Kinzhal missile had ever been intercepted"
    if _NOT_BY.search(clause[max(0, start - 40):start]):
        return True  # "by a Ukrainian missile, not by a Russian strike"
    if _NOTHING_SHOWS.search(clause[max(0, start - 100):start]):
        return True  # "nothing it has seen shows Russian forces holding the village"
    window = clause[max(0, start - 32):start]
    tail = list(_NEG[script].finditer(window))
    if not tail:
        return False
    between = window[tail[-1].end():]
    return (len(between.split()) <= 2 and not re.search(r"[,;:]", between)
            and not _CONJUNCTION.search(between))


_NOT_BY = re.compile(r"(?<!\w)(?:not|а не|не|rather than|instead of)\s+(?:by|from|with|від|от|"
                     r"ударом)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# "a strike ... with a Russian missile", "удару ... російською ракетою": the weapon's side acted.
_WEAPON_AFTER = re.compile(r"\s*(?:[\w-]+\s+)?(?:missile|rocket|bomb|drone|shell|ракет|бомб|"
                           r"снаряд|дрон|шахед|беспилотник|безпілотник|авиабомб|авіабомб|"
                           r"балістик|баллистик)", re.IGNORECASE)
_MUTUAL = re.compile(r"(?<!\w)(?:each other|one another|друг на друга|друг друга|одне на одного|"
                     r"один на одного|одне одного|один одного|взаємно|взаимно)(?!\w)",
                     re.IGNORECASE)
_ENEMY = re.compile(r"(?<!\w)(?:the enemy|enemy (?:troops|forces|units)|противник\w*|"
                    r"супротивник\w*|враг\w*|неприятел\w*|диверсант\w*|saboteurs?|"
                    r"нарушител\w*|intruders?|infiltrators?|ДРГ)(?!\w)", re.IGNORECASE)
_FLAGS = [(re.compile(r"(?<!\w)(?:державн\w* (?:прапор|стяг)\w*|синьо-жовт\w*|жовто-блакитн\w*|"
                      r"сине-жёлт\w*|сине-желт\w*)", re.IGNORECASE), "UA"),
          (re.compile(r"(?<!\w)(?:триколор\w*|российск\w* флаг\w*|російськ\w* (?:прапор|стяг)\w*)",
                      re.IGNORECASE), "RU")]
# Weapons that only one side fields: who fired them names the striking side.
_WEAPONS = [(re.compile(r"(?<!\w)(?:iskander\w*|kinzhal\w*|kalibr\w*|shahed\w*|geran\w*|"
                        r"искандер\w*|іскандер\w*|кинжал\w*|кинджал\w*|калибр\w*|калібр\w*|"
                        r"шахед\w*|герань\w*|х-\d+\w*|kh-\d+\w*|oreshnik\w*|орешник\w*|"
                        r"орєшнік\w*|орешнік\w*)", re.IGNORECASE), "RU"),
            (re.compile(r"(?<!\w)(?:фаб-?\d*|каб|fab-\d+)(?!\w)", re.IGNORECASE), "RU"),
            (re.compile(r"(?<!\w)(?:atacms|himars|storm shadow|scalp|хаймарс\w*|"
                        r"нептун\w*)", re.IGNORECASE), "UA")]
_MOST_OF_BEFORE = re.compile(r"(?<!\w)(?:most of|the bulk of|much of|half of|половин\w*|"
                             r"більш\w* частин\w*|"
                             r"больш\w* част\w*|значн\w* частин\w*|значительн\w* част\w*)",
                             re.IGNORECASE)
_OCCUPIED_AREA = re.compile(r"(?:temporarily )?occupied (?:\w+ )?(?:areas?|territor\w*|regions?|"
                            r"lands?|parts? of)|(?:окупован|оккупирован)\w* (?:\w+ )?"
                            r"(?:територі|территори|район|област|земл|частин|част)\w*|"
                            # an adjective in an oblique case: "з окупованого Криму", "из
                            # оккупированного Донецка", "в окупованому місті"
                            r"(?:окупован|оккупирован)н?"
                            r"(?:ого|ому|ом|ой|ої|ій|ім|ую|ых|их|ими|ыми)\b",
                            re.IGNORECASE)
_OCCUPIED_NAME = re.compile(r"occupied\s+[A-Z]")
_PREPOSITION_BEFORE = re.compile(r"(?<!\w)(?:in|of|from|over|on|near|at|into|across|to|the|"
                                 r"an?)\s+$", re.IGNORECASE)
_NOTHING_LEFT = re.compile(r"nothing (?:was )?left|ничего не осталось|нічого не залишил\w*|"
                           r"нечего (?:\w+ )?(?:удерживать|оборонять)|"
                           r"нічого (?:\w+ )?(?:утримувати|обороняти)", re.IGNORECASE)
_STATIONED = re.compile(r"располага\w*|размещ\w*|находил\w*|розміщ\w*|розташов\w*|"
                        r"перебува\w*|(?:was|were) (?:located|housed|stationed|based)|"
                        r"(?:housed|stored|hid|hidden|billeted|quartered)\b|"
                        r"used (?:\w+ ){0,4}to (?:store|house|hide)\b|квартирова\w*|"
                        r"розквартирова\w*|расквартирова\w*|прятал\w*|спрятан\w*|укрывал\w*|"
                        r"ховал\w*|сховал\w*|приховува\w*|"
                        # "под вывеской типографии работал цех": a front for a workshop
                        r"под вывеской|під вивіскою|under the guise|(?:was )?a front for|"
                        r"secretly|тайно|таємно|"
                        # "роддом превращён в опорный пункт": turned into a military site
                        r"превращ\w*|перетвор\w*|(?:turned|converted) into|устроил\w*|"
                        r"облаштува\w*|обустроил\w*", re.IGNORECASE)



def _agent(clause: str, start: int, end: int, floor: int, claimant_side: Side | None,
           event: str, denials: list[tuple[int, int]], ukrainian: bool = False) -> Side | None:
    """The side that acted: an actor named inside the trigger, before it (after `floor`, the end
    of the previous trigger), or right after it for passives and object-verb-subject order."""
    script = _script(clause)
    if event == "struck" and _MUTUAL.search(clause):
        return None  # "Kyiv and Moscow blame each other for the strike"
    mentions = [m for m in side_mentions(clause) if m[2] in ("RU", "UA")]
    if claimant_side not in ("RU", "UA") and (UKRAINIAN_RE.search(clause) or ukrainian):
        # "ворог відкотився", "наші підрозділи вийшли з …" in Ukrainian with no speaker named:
        # the enemy of Ukrainian-language reporting is Russia, "ours" is Ukraine's.
        claimant_side = "UA"
    if claimant_side in ("RU", "UA"):
        # "the enemy left the town": the side the claimant fights
        enemies = [(m.start(), m.end(), _other(claimant_side) or "")
                   for m in _ENEMY.finditer(clause)]
        named = sorted([m for m in mentions
                        if not _TARGET_BEFORE.search(clause[max(0, m[0] - 12):m[0]])]
                       + enemies)
        for m in _SELF[script].finditer(clause):
            if m.group(0).lower() in _POSSESSIVES and _POSITIONS_AFTER.match(clause, m.end()):
                continue  # "йшли на наші позиції": whose positions, not who acted
            earlier = [n for n in named if n[1] <= m.start()]
            if m.group(0).lower() in ("its", "their", "his", "her", "их", "їх", "її", "её",
                                      "ее") and earlier:
                # "Russia sent 800 drones, its biggest attack": "its" is the side named before
                mentions.append((m.start(), m.end(), earlier[-1][2]))
            else:
                mentions.append((m.start(), m.end(), claimant_side))
        mentions += enemies
    if event == "entered":  # "бійці піднімають державний прапор": the flag's side
        mentions += [(m.start(), m.end(), side) for pattern, side in _FLAGS
                     for m in pattern.finditer(clause)]
    if event == "struck":  # "an Iskander hit the station": the weapon's side fired it
        mentions += [(m.start(), m.end(), side) for pattern, side in _WEAPONS
                     for m in pattern.finditer(clause)]
    # "Ukrainian disinformation", "фейком ВСУ": the side a falsehood is pinned on is no agent.
    mentions = [m for m in mentions if not any(abs(m[1] + 1 - d0) <= 2 or abs(d1 + 1 - m[0]) <= 2
                                               for d0, d1 in denials)]
    if event in ("struck", "killed"):  # "killed 600 Ukrainian soldiers": a victim, no agent
        mentions = [m for m in mentions
                    if not _VICTIMS.search(clause[max(0, m[0] - 25):m[1] + 25])]
    if event == "struck":  # "Росія випустила по Україні 309 дронів": the target, no agent
        mentions = [m for m in mentions
                    if not _TARGET_BEFORE.search(clause[max(0, m[0] - 12):m[0]])
                    # "a depot in the Russian town of Toropets", "the depot stored Iskanders"
                    and not _LOCATION_AFTER.match(clause, m[1])
                    and not _STORED_BEFORE.search(clause[max(0, m[0] - 25):m[0]])]
        # "так голова ОДА описав удар": who describes the strike did not strike
        mentions = [m for m in mentions
                    if not (m[1] <= start and _SPEECH[script].search(clause[m[1]:start]))]
    mentions.sort()
    inside = [m for m in mentions if m[0] >= start and m[1] <= end]
    if inside:
        return inside[0][2]
    before = [m for m in mentions if m[1] <= start and m[0] >= floor]
    after = [m for m in mentions if m[0] >= end]
    trigger = clause[start:end]
    if (event == "holds" and after and _UNDER_CONTROL.search(trigger)
            and re.fullmatch(r"\s*(?:of\s+(?:the\s+)?)?", clause[end:after[0][0]], re.I)):
        return after[0][2]  # "місто під контролем українських військ": the holder follows
    for verb, of_side in ((_CLEARED, _CLEARED_OF), (_FREED, _FREED_FROM)):
        if event == "took" and verb.search(trigger):
            expelled = [m for m in after if of_side.match(clause[start:m[0]])]
            if expelled:  # "cleared of Russian troops", "freed from …": the other side holds it
                return _other(expelled[0][2])
    if event == "withdrew" and _EXPEL_ACTIVE.search(trigger):
        if _OBJECT_PRONOUN.search(clause[max(0, start - 8):start]) and claimant_side in ("RU",
                                                                                         "UA"):
            return claimant_side  # "їх вибили з": the claimant's own side was driven out
        if before and len(before) == 1 and _OBJECT_CASE.search(clause[before[0][0]:before[0][1]]):
            return before[0][2]  # "Окупантів звідти вибили": the object comes first, it withdrew
        earlier = [m for m in mentions if m[1] <= start]
        if not before and len(earlier) == 1 and _OBJECT_CASE.search(
                clause[earlier[0][0]:earlier[0][1]]):
            # "диверсантов, проникших в Любечане, выдавили обратно": the object opens the clause
            return earlier[0][2]
        if before:
            return _other(before[-1][2])  # "ВСУ выбили оккупантов из": the others withdrew
    side: Side | None = None
    if after and re.match(r"\s*(?:by|ударом|силами|від|от|со стороны|з боку|падением|падінням|"
                          r"уламками|обломками)\b", clause[end:after[0][0]], re.IGNORECASE):
        side = after[0][2]
    elif (event == "took" and after and _FELL_TO.search(clause[start:end])
          and len(clause[end:after[0][0]].split()) <= 1):
        side = after[0][2]  # "falls to Russian army"
    elif (before and after and event in ("holds", "took") and re.fullmatch(
            r"\s*(?:\w+\s+)?", clause[end:after[0][0]])
          and _CONJUNCTION.search(clause[before[-1][1]:start])):
        # "...украинского десанта и село контролируют российские войска": after a conjunction,
        # the side right behind the verb is its subject.
        side = after[0][2]
    elif (event == "struck" and after and after[0][0] - end < 40
          and "," not in clause[end:after[0][0]]
          and _WEAPON_AFTER.match(clause[after[0][1]:after[0][1] + 30])):
        side = after[0][2]
    elif before:
        side = before[-1][2]
    elif after and after[0][0] - end < 40 and event in ("holds", "withdrew", "struck", "took",
                                                         "entered"):
        gap = clause[end:after[0][0]]
        if event == "withdrew" and re.search(r"(?:ая|яя|вши|ючи|учи|ячи)$", trigger) and (
                re.fullmatch(r"\s*,\s*", gap)):
            return after[0][2]  # "отступая, противник бросил часть техники"
        if event == "withdrew" and not re.fullmatch(r"\s*(?:of|из|з|із)?\s*", gap):
            return None
        if event == "holds" and "," in gap:
            return None  # "Пески под контролем, идёт зачистка от остатков противника"
        if event != "struck" and re.search(r"(?<!\w)(?:and|и|і|й|та)(?!\w)", gap):
            return None  # "has been liberated and Russian soldiers captured": a new clause
        if event == "struck" and _AFTER_EVENT.search(clause[max(0, start - 12):start]):
            return None  # "Після удару окупаційна влада закрила пляжі": no one named struck
        # Object-verb-subject order ("удар нанесли украинские войска") or "of its forces".
        if event != "struck" or re.search(r"нанес|нанёс|завда|ударил|вдарил|обстрелял|"
                                          r"обстріля|ударили|вдарили|взорвал|підірвал|"
                                          r"зруйнува|разрушил|устроил|влаштува|"
                                          r"організува|организова|влучил|попал|поразил|"
                                          r"стреля|стріля|"
                                          r"уразил|поцілил|атакова|атакува",
                                          clause[start:after[0][0]],
                                          re.IGNORECASE) or (
                _NOMINAL_STRIKE.match(clause[start:end]) and len(gap.split()) <= 1):
            if event != "took" or (len(gap.split()) <= 2 and "," not in gap):
                side = after[0][2]
    if side and event == "holds" and _REPEL.search(clause[start:end]):
        comma = clause.find(",", before[-1][1], start) if before else -1
        if comma >= 0 and not after and not _ATTACK.search(
                clause[max(0, before[-1][0] - 25):comma]):
            # "...under Ukrainian control, all assaults were repelled": the side before the
            # comma holds the place; the repelled attacker is not named.
            return before[-1][2]
        chosen = before[-1] if before else after[0] if after else None
        # "Russian troops ... were beaten back", "атаки ВСУ отбиты": the side named is the
        # one repelled, whether an attack word names it or a passive verb has it as subject.
        passive = chosen is not None and chosen[1] <= start and (
            _PASSIVE_REPEL.match(clause[start:end])
            or _PASSIVE_AUX.search(clause[max(0, start - 12):start]))
        # The attack word must go with the side named, not be the verb's object after it
        # ("Сили оборони відбили спробу ворога": the defenders are not the attackers).
        # "Усі атаки захисники відбили": the side right before the active verb repelled
        active = (chosen is not None and not passive and chosen[1] <= start
                  and not clause[chosen[1]:start].strip())
        if chosen and not active:
            reach = chosen[1] + 15 if chosen[0] >= end else min(chosen[1] + 15, start)
            if passive or _ATTACK.search(clause[max(0, chosen[0] - 25):reach]):
                side = _other(side)
    return side


def _side_named_last(text: str, claimant_side: Side | None, event: str) -> Side | None:
    """The side _agent would give a verb at the very end of `text`: the last one named."""
    return _agent(text, len(text), len(text), 0, claimant_side, event, [])


def _outcome(event: str, agent: Side | None, negated: bool, trigger: str,
             claimant_side: Side | None, denied: bool,
             ukrainian: bool = False) -> tuple[str | None, Side | None]:
    """Map an event with its agent and polarity to an outcome; also return the agent used.

    A denial ("X denied that ...") is a negation of what it governs.
    """
    partisan = claimant_side if claimant_side in ("RU", "UA") else None
    if denied:
        negated = not negated
    if event == "took":
        if _OCCUPY.search(trigger):
            agent = "RU"
        elif agent is None:
            if _HOMECOMING.search(trigger):
                agent = partisan  # "the village came home": the speaker's side took it
            elif _LIBERATE_RU.search(trigger):
                agent = partisan or "RU"  # "Киев объявил об освобождении": Kyiv's
            elif _LIBERATE_UA.search(trigger):
                agent = partisan or "UA"
            elif _LIBERATE_EN.search(trigger):
                agent = partisan
            elif ukrainian and partisan is None and _CLEARED.search(trigger):
                agent = "UA"  # "Село зачищене, кажуть у підрозділі": Ukrainian reporting
            elif _FALL.match(trigger) or trigger.lower() in ("its fall", "fall of"):
                agent = None
            elif _FALL.search(trigger):
                # "X has fallen" is a loss whoever says it, not the speaker's own capture: in
                # these wars a town that "has fallen" went to Russia
                agent = "RU"
            else:
                agent = partisan or "RU"
        if agent not in ("RU", "UA"):
            return None, agent
        if negated:
            return "contested", agent
        return f"{agent.lower()}_holds", agent
    if event == "entered":
        agent = agent or (claimant_side if claimant_side in ("RU", "UA") else None)
        if agent not in ("RU", "UA") or negated:
            return None, agent
        return f"{agent.lower()}_holds", agent
    if event == "holds":
        agent = agent or (claimant_side if claimant_side in ("RU", "UA") else None)
        if agent is None and ukrainian and re.search(r"(?:ється|ються)$", trigger):
            agent = "UA"  # "Мала Локня тримається": in Ukrainian reporting, held by Ukraine
        if agent not in ("RU", "UA"):
            return None, agent
        return ("contested" if negated else f"{agent.lower()}_holds"), agent
    if event == "withdrew":
        agent = agent or (claimant_side if claimant_side in ("RU", "UA") else None)
        if agent not in ("RU", "UA"):
            return None, agent
        holder = agent if negated else _other(agent)
        return f"{(holder or '').lower()}_holds", agent
    if event == "encircled":
        return ("not_encircled" if negated else "encircled"), agent
    if event == "contested":
        return (None if negated else "contested"), agent
    if event == "struck":
        if agent is None and denied:
            agent = partisan  # "the ministry denied striking the station"
        if agent not in ("RU", "UA"):
            return None, agent
        return (f"not_struck_by_{agent.lower()}" if negated else
                f"struck_by_{agent.lower()}"), agent
    if event == "shot_down":
        return ("not_downed" if negated else "downed"), agent
    if event == "survived":  # "the damaged plane made it back to the airfield"
        return (None if negated else "not_downed"), agent
    if event == "failure":  # "the bomber crashed because of a technical fault"
        return (None if negated else "not_downed"), agent
    if event == "killed":
        return ("none_killed" if negated else "killed"), agent
    if event == "sank":
        return ("not_sank" if negated else "sank"), agent
    if event == "accident":
        return (None if negated else "accident"), agent
    return None, agent


def _flip(outcome: str | None) -> str | None:
    """The outcome a denial of `outcome` asserts."""
    return {
        "ru_holds": "contested", "ua_holds": "contested", "encircled": "not_encircled",
        "not_encircled": "encircled", "struck_by_ru": "not_struck_by_ru",
        "struck_by_ua": "not_struck_by_ua", "downed": "not_downed", "killed": "none_killed",
        "sank": "not_sank", "contested": None, "accident": None,
        "military_only": "civilian_target", "civilian_target": "military_only",
    }.get(outcome or "", None)


def _provocation(clause: str) -> bool:
    """Wording by which a Russian claimant pins a strike on Ukraine: a staged provocation, or a
    "terrorist attack" / "crime" of the Kyiv regime."""
    return bool(re.search(r"провокац|staged|false flag|инсцениров|постановк|інсценува|"
                          r"смонтирова|змонтова|инсценировк|інсценуванн|"
                          r"чтобы обвинить|щоб звинуватити|to blame russia|"
                          r"(?:теракт|преступлени)\w* (?:\w+ )?(?:киевск|всу|укр)", clause, re.I))


@lru_cache(maxsize=4096)
def parse_frames(text: str) -> tuple[Frame, ...]:
    """Every claim frame in a post or claim text, sentence by sentence (cached by text)."""
    frames: list[Frame] = []
    previous: list[Frame] = []
    sentences = split_sentences(text)
    # "Из Мощуна пришлось уйти: … Кто писал «Мощун наш», может это удалить, — признаёт военкор.":
    # a speaker named after the claim in the last sentence speaks for the sentences before it
    # that name no speaker of their own
    attributions = [_attribution(sentence) for sentence in sentences]
    last = attributions[-1] if len(sentences) > 1 else None
    inherited = last if (last and last.claimant and last.verb and last.content_start == 0
                         and (last.aside is None or last.aside[1] == len(sentences[-1]))) else None
    for number, (sentence, attribution) in enumerate(zip(sentences, attributions, strict=True)):
        current = _parse_sentence(sentence, number, attribution, inherited)
        if previous and _UNCONFIRMED[_script(sentence)].search(sentence) and (
                _refers_back(sentence) or _opens_with_no_comment(sentence)):
            # "… отбила аэропорт. В Минобороны эти сообщения пока не комментировали.": the
            # sentence before is reported, not taken up.
            for frame in previous:
                frame.modality = "unconfirmed"
        frames.extend(current)
        previous = current
    return tuple(frames)


def _opens_with_no_comment(sentence: str) -> bool:
    """"Kyiv has not commented, and what was hit cannot be checked.": a sentence whose first
    clause only refuses comment (no claim of its own) is about the sentence before."""
    clauses = _clauses(sentence, 0)
    if not clauses:
        return False
    first = clauses[0][1]
    return bool(_NO_COMMENT.search(first) and not _triggers(first))


def _parse_sentence(sentence: str, number: int, attribution: _Attribution,
                    inherited: _Attribution | None = None) -> list[Frame]:
    script = _script(sentence)
    if attribution.claimant is None and inherited is not None:
        attribution = _Attribution(inherited.claimant, inherited.side, 0, None)
    if (attribution.side is None and attribution.claimant
            and _BARE_MINISTRY.fullmatch(attribution.claimant.strip())
            and not UKRAINIAN_RE.search(sentence)):
        # "…, сообщили в Минобороны." in Russian names Russia's ministry
        attribution = _Attribution(attribution.claimant, "RU", attribution.content_start,
                                   attribution.verb, attribution.aside)
    claimant_side = attribution.side
    if attribution.aside:
        start, end = attribution.aside
        sentence = sentence[:start].rstrip(" ,") + " " + sentence[end:].lstrip(" ,")
    ukrainian_sentence = bool(UKRAINIAN_RE.search(sentence))
    content = sentence[attribution.content_start:]
    sentence_places = extract_places(sentence)
    hedged = bool(_HEDGE[script].search(sentence))
    # An unconfirmed report in the attribution covers the sentence; in the content it covers its
    # own clause, the clauses it points back to ("these reports were not commented on"), and
    # the clauses after it up to a contrast ("..., although most of the town is held").
    unconfirmed = bool(_UNCONFIRMED[script].search(sentence[:attribution.content_start]))
    confirmed = bool(_CONFIRM[script].search(sentence))
    verb_denies = bool(attribution.verb and _DENIAL[script].fullmatch(attribution.verb))
    dates = _DATE.findall(sentence)
    modality = ("unconfirmed" if unconfirmed else "denies" if verb_denies else
                "hedges" if hedged else "confirms" if confirmed else
                "claims" if attribution.claimant else "reports")
    frames: list[Frame] = []
    previous: list[Frame] = []
    clauses = _clauses(content, attribution.content_start)
    unconfirmed_clauses = _unconfirmed_clauses([c for _o, c in clauses], script, unconfirmed)
    muted: list[str] = []  # clauses that deny a strike: their objects are not targets
    claimant_name = attribution.claimant
    speakers = [_second_speaker(clause) if index > 0 else None
                for index, (_offset, clause) in enumerate(clauses)]
    # Two speakers in one sentence: each one's strike target is read from their own clauses.
    speaker_spans = [i for i, m in enumerate(speakers) if m is not None] + [len(clauses)]
    for index, (offset, clause) in enumerate(clauses):
        local = clause
        second = speakers[index]
        if second is not None:
            # "Russia announced the capture, Ukraine insists that its units still hold part of
            # the town": the second speaker's clause is theirs, not the first speaker's.
            claimant_name = second.group("head").strip()
            claimant_side = side_of(claimant_name)
            local = clause[second.end():]
        modality = ("unconfirmed" if unconfirmed_clauses[index] else "denies" if verb_denies
                    else "hedges" if hedged else "confirms" if confirmed else
                    "claims" if claimant_name else "reports")
        triggers = _triggers(local) if not _BEFORE_THE_WAR.search(local) else []
        relative = _PAST_RELATIVE.search(local) or _PAST_WHILE.search(local)
        if relative:
            triggers = [t for t in triggers if t[0] < relative.start()]
        for after in _AFTER_CLAUSE.finditer(local):
            # "після того як у лютому українські війська залишили місто, …": the time of what
            # follows, background
            comma = local.find(",", after.end())
            stop = comma if comma >= 0 else len(local)
            triggers = [t for t in triggers if not after.end() <= t[0] < stop]
        # "the Russian column that broke into the town has pulled back": who entered is the
        # subject's description, not the news
        triggers = [t for t in triggers if not (t[2] == "entered" and _RELATIVE_BEFORE.search(
            local[max(0, t[0] - 12):t[0]]))]
        denial_hits = list(_DENIAL[script].finditer(local))
        own_places = extract_places(local)
        clause_places = own_places or sentence_places
        if own_places and _regional(own_places) and sentence_places and not _regional(
                sentence_places):
            # "взяли под контроль пять сёл Харьковской области, в том числе Стрелечью": a
            # capture in a region names its settlement elsewhere in the sentence ("widening a
            # foothold in northern Sumy region" keeps the region)
            clause_places = sentence_places if (
                _TRIGGERS["took"][script].search(local)
                # "наші підрозділи відкинули ворога далі на схід від Харкова": a landmark alone
                or not extract_places(local, landmarks=False)) else own_places
        if not triggers and _STATIONED.search(local) and _MILITARY[script].search(local):
            # "a depot and a deployment point were housed in the mall": a target claim.
            frames.append(Frame(
                text=local.strip(), event="struck", outcome="military_only",
                places=clause_places, agent=None, claimant=claimant_name,
                claimant_side=claimant_side, modality=modality, sentence=number,
                confidence=0.8))
            continue
        if not triggers:
            # "..., but the National Guard denied it": a denial that points back.
            # "…; в Москве же всю эту историю называют инсценировкой": staged, a denial too
            staged = None if denial_hits else re.search(
                r"инсценировк\w*|постановк\w*|інсценуванн\w*|staged", local, re.IGNORECASE)
            if (denial_hits or staged) and previous and _ANAPHORIC_DENIAL.search(local):
                first = denial_hits[0].start() if denial_hits else staged.start()
                claimant = local[:first].strip(" ,") or None
                for prior in previous:
                    flipped = _flip(prior.outcome)
                    if flipped:
                        frames.append(Frame(
                            text=local.strip(), event=prior.event, outcome=flipped,
                            places=prior.places, agent=prior.agent, claimant=claimant,
                            claimant_side=side_of(claimant or "") or None, polarity="denied",
                            modality="denies", time=prior.time, sentence=number,
                            confidence=prior.confidence))
            continue
        current: list[Frame] = []
        denial_spans = [(d.start(), d.end()) for d in denial_hits]
        floor = 0
        prior_start = 0
        prior: tuple[int, str, Side | None] | None = None  # (end, event, agent) of the last
        for start, end, event in triggers:
            trigger = local[start:end]
            negated = _negated(local, start, end)
            agent = _agent(local, start, end, floor, claimant_side, event, denial_spans,
                           ukrainian_sentence)
            if (agent is None and prior and prior[2] and prior[1] == event
                    and (_COORDINATED.fullmatch(local[prior[0]:start])
                         or not local[prior[0]:start].strip(" ,"))):
                # "the enemy left the town and rolled back", "окупанти з втратами
                # відкочуються": one subject
                agent = prior[2]
            if (agent is None and event == "holds" and _REPEL.search(trigger) and prior
                    and prior[1] == "struck" and prior[2] in ("RU", "UA") and (any(
                        abs(m[1] - prior_start) <= 3 or abs(m[0] - prior[0]) <= 12
                        for m in side_mentions(local)) or _ENEMY.search(local[:prior_start]))):
                # "every Ukrainian attack near X has been beaten back": the attacker's enemy
                # holds the place
                agent = _other(prior[2])
            if (agent is None and prior is None and index > 0 and previous
                    and _CONTRAST_START.match(local)
                    and not any(m[0] < start for m in side_mentions(local))):
                # "ворог пробував відновити положення, проте, зазнавши втрат, був змушений
                # відійти": a clause with no subject of its own after a contrast continues the
                # subject of the clause before
                subjects = [f.agent for f in previous if f.event == event and f.agent]
                agent = subjects[-1] if subjects else None
            if (agent is None and prior is None and _BARE_AND.search(local[:start])
                    and not any(m[0] < start for m in side_mentions(local[:start]))):
                # "Росіяни дочекалися, поки люди прийдуть на роботу, і вдарили ракетою": a verb
                # after "and" with no subject of its own has the subject named before
                agent = _side_named_last(" ".join(c for _o, c in clauses[:index]) + " "
                                         + local[:start], claimant_side, event)
            if (agent is None and prior is None and index > 0 and _CONTRAST_START.match(local)
                    and not any(m[0] < start for m in side_mentions(local))):
                # "ворог намагається там закріпитися, але повного контролю не має": the side
                # named last in the clause before
                before_text = clauses[index - 1][1]
                agent = _side_named_last(before_text, claimant_side, event)
                if event == "holds" and _REPEL.search(trigger) and _TRIED.search(before_text):
                    # "окупанти намагалися просунутися, але всі штурми відбито": the side
                    # that tried is the one repelled
                    agent = _other(agent)
            prior, prior_start = (end, event, agent), start
            floor = end
            if agent is None and event == "struck" and _AIR_DEFENCE.search(trigger):
                # "киевский режим ставит ПВО в жилых кварталах, поэтому дома рушат ракеты его же
                # противовоздушной обороны": whose air defence is the side named before it
                agent = (_side_named_last(local[:start], claimant_side, event)
                         or _side_named_last(sentence[:offset], claimant_side, event))
            guessed = agent is None
            if event == "struck" and _provocation(sentence) and claimant_side == "RU":
                agent, guessed = "UA", False
            # A denial in the clause (before the trigger, or a label after it), or a denying
            # speech verb governing the first clause, turns the outcome around. A holding
            # statement followed by "and called reports ... fake" is not itself denied.
            denied = any(d.start() < start or (d.start() >= end and _DENIAL_LABEL.fullmatch(
                local[d.start():d.end()])) for d in denial_hits)
            if event == "holds" and not negated and all(d.start() > end for d in denial_hits):
                denied = False
            if index == 0 and verb_denies:
                denied = True
            if event == "contested":
                denied = False
            if event == "struck" and agent == "UA" and not guessed and claimant_side == "RU" and (
                    _provocation(sentence)):
                denied = False  # "a fake attack staged by Kyiv": the claim is Ukraine's doing
            outcome, agent = _outcome(event, agent, negated, trigger, claimant_side, denied,
                                      bool(UKRAINIAN_RE.search(local)))
            if (event in ("took", "entered", "holds") and _VICINITY.match(local[end:end + 60])
                    and not _named_next(local, end)):
                outcome = None  # "seized the heights around Lysychansk": not the town itself
            if event == "encircled" and _CIVILIANS_BEFORE.search(local[max(0, start - 25):start]):
                outcome = None  # "searched the floors for people trapped inside"
            if event == "encircled" and _THREAT.search(local[max(0, start - 30):start]):
                outcome = None  # "to avoid encirclement", "threat of encirclement": no status
            if event == "withdrew" and _CIVILIANS_BEFORE.search(local[max(0, start - 40):start]):
                outcome = None  # "civilians could leave": an evacuation, not a retreat
            if event == "withdrew" and re.match(r"\s+behind\b", local[end:end + 10]):
                outcome = None  # "no equipment was left behind": no one left a place
            if event == "withdrew" and _ROUTE_BEFORE.search(local[max(0, start - 25):start]):
                outcome = None  # "no routes of retreat left": no one withdrew
            if event == "took" and (_NOT_CAPTURE_BEFORE.search(local[max(0, start - 40):start])
                                    or _NOT_CAPTURE_AFTER.match(local[end:end + 50])):
                outcome = None  # "the decision was taken", "took back its old name"
            if event == "failure" and _PRETEND_BEFORE.search(local[max(0, start - 40):start]):
                outcome = None  # "тепер вдають, ніби дрон упав сам": the other side's story
            if event == "holds" and _REPEL.search(trigger) and _AIR_ATTACK.search(
                    local[max(0, start - 40):end + 40]):
                outcome = None  # "отражается атака украинских беспилотников": air defence
            if event == "shot_down" and _in_scare_quotes(local, start):
                negated = True  # "ищем «сбитые» Ил-76": derided, denied
                outcome = "not_downed"
            if _HAD_BEFORE.search(local):
                outcome = None  # "had sat in a grey zone for months before the assault"
            if event in ("holds", "took", "entered") and _OTHER_PLACES.search(local) and not (
                    own_places):
                outcome = None  # "assaults at several other villages were beaten back"
            if event == "withdrew" and _AIRCRAFT_AFTER.match(local[end:end + 25]):
                outcome = None  # "пілот відвів літак від населених пунктів": no one withdrew
            if event == "killed" and _in_scare_quotes(local, start):
                outcome = None  # "«мирных жертв» Киев рисует": derided
            if event == "failure" and _in_quotes(local, start):
                outcome = None  # "«Аварийная ситуация на борту» — красивое название": derided
            if event == "withdrew" and trigger.lower() == "left" and re.search(
                    r"(?<!\w)(?:are|is|were|was|been|only)\s+$", local[max(0, start - 8):start]):
                outcome = None  # "only Ukrainian staff are left at the station"
            if event == "withdrew" and re.match(r"\s+(?:из строя|з ладу)", local[end:end + 12]):
                outcome = None  # "выведен из строя узел связи": disabled, no withdrawal
            if event == "shot_down" and _BUILDING_AFTER.match(local[end:end + 40]):
                outcome = None  # "brought down the block of flats": a building, no aircraft
            if event == "took" and _SINCE_AFTER.match(local[end:end + 30]):
                outcome = None  # "селище, окуповане з перших днів вторгнення, звільнене"
            if (event == "took" and _TOO_EARLY.search(local[max(0, start - 30):end + 30])) or (
                    event == "withdrew" and _TOO_EARLY_AROUND.search(
                        local[max(0, start - 40):end + 30])):
                outcome = None  # "о взятии говорить рано", "говорить, что X потерян, рано"
            if event == "took" and _TRYING_BEFORE.search(local[max(0, start - 25):start]):
                outcome = "contested"  # "troops are trying to seize the plant": a fight for it
            if (event == "contested" and _ATTEMPT_BEFORE.search(local[max(0, start - 40):start])
                    and any(_REPEL.search(local[a:b]) for a, b, e in triggers if e == "holds")):
                outcome = None  # "пресечена попытка … продвинуться к X": the attempt failed
            if event == "encircled" and _in_scare_quotes(local, start) and (
                    denial_hits or _ONLY.search(local)):
                # "Про «оточення» Тоненького говорять тільки російські пабліки": the other
                # side's word, held up in derision
                outcome = "not_encircled"
            if event == "took" and _PEOPLE_BEFORE.search(local[max(0, start - 30):start]) and (
                    _NO_OBJECT_AFTER.match(local[end:end + 20])):
                outcome = None  # "liberated, and Russian soldiers captured there": prisoners
            if event in ("holds", "withdrew") and _NOTHING_LEFT.search(
                    local[max(0, start - 40):end]):
                outcome = None  # "there was nothing left of the town to hold": ruins, no status
            if event == "encircled" and _SCENERY.match(local[end:end + 40]):
                outcome = None  # "surrounded by pine forests"
            if event == "withdrew" and _LOSS.match(trigger) and not _place_next(local, end) and (
                    not (_LOSS_VERB.search(trigger) and _NAME_FIRST.match(local)
                         and extract_places(local[:end]))):  # "Кругляківку ми втратили"
                outcome = None  # "heavy losses near Robotyne", "loss of life": no place lost
            if event == "survived" and not _SURVIVAL_CONTEXT.search(sentence):
                outcome = None  # a routine return to base says nothing about a shoot-down
            if event == "sank" and _FLOODED.match(local[end:end + 40]):
                outcome = None  # "the flooding of villages": not a ship
            if event == "holds" and _MOST_OF_BEFORE.search(local[max(0, start - 60):start]):
                outcome = None  # "більша частина міста під нашим контролем": contested, no hold
            if event == "took" and (_OCCUPIED_AREA.match(local[start:]) or (
                    _OCCUPIED_NAME.match(local[start:])
                    and _PREPOSITION_BEFORE.search(local[max(0, start - 12):start]))):
                # "to cross into occupied areas", "sites in occupied Luhansk were hit": a
                # description, not a capture
                outcome = None
            if event in ("took", "holds") and _REGION_WORDS.search(local) and not extract_places(
                    local):
                outcome = None  # "held 98% of the republic's territory": not the town
            if (not denied and not _DENIAL[script].search(sentence)
                    and _CLAIM_OF_BEFORE.search(local[max(0, start - 40):start])):
                # "despite Kyiv's claim of liberation": another party's claim, named, not taken
                # up by this speaker
                clause_modality = "unconfirmed"
            else:
                clause_modality = modality
            polarity = "denied" if denied else "negated" if negated else "asserted"
            confidence = 1.0
            if guessed and event in _AGENT_DECIDES:
                confidence *= 0.8  # an unnamed side matters only where it decides the outcome
            if event == "entered":
                confidence *= 0.85
            if hedged:
                confidence *= 0.8
            if not clause_places:
                confidence *= 0.85
            frame = Frame(
                text=local.strip(), event=event, outcome=outcome, places=clause_places,
                agent=agent, claimant=claimant_name, claimant_side=claimant_side,
                polarity=polarity, modality=clause_modality, time=dates[0] if dates else None,
                sentence=number, confidence=confidence)
            if event == "struck" and _GROUND_ATTACK.fullmatch(trigger) and (
                    _GROUND_MEANS.search(local) and not _STRIKE_MEANS.search(local)):
                # "ВСУ попытались атаковать в направлении Бердина", "Ukrainian forces
                # attacked north-east of Sudzha": a ground assault, no strike two reports share
                frame.notes.append(GROUND_ATTACK)
            current.append(frame)
        # Strike targets: a civilian object hit, or "only military objects, the mall was idle".
        strikes = [f for f in current if f.event == "struck"]
        if any(t[2] in ("struck", "killed") for t in triggers):
            if len(speaker_spans) > 1:
                first = max([0, *(i for i in speaker_spans if i <= index)])
                last = min(i for i in speaker_spans if i > index)
                target = _target(_unmuted(" ".join(c for _o, c in clauses[first:last]), muted))
            else:
                target = _target(_unmuted(sentence, muted))
            if strikes and all(f.polarity == "negated" for f in strikes):
                target = None  # "we do not strike residential buildings": no target claimed
                muted.append(local)
            elif strikes and all(f.polarity == "denied" for f in strikes) and (
                    _MILITARY_PRESENCE[script].search(local)):
                # "called the story of a strike on a meeting of officers a lie": what is denied
                # is the military target, not the strike.
                target = "civilian_target"
                for f in strikes:
                    f.outcome = None
            if target:
                current.append(Frame(
                    text=local.strip(), event="struck", outcome=target, places=clause_places,
                    agent=None, claimant=claimant_name, claimant_side=claimant_side,
                    modality=modality, sentence=number, confidence=0.8))
        frames.extend(current)
        previous = current or previous
    # A fire or detonation is an accident only where no strike is asserted in the sentence.
    if any(f.event == "struck" and f.polarity == "asserted" for f in frames):
        frames = [f for f in frames if f.outcome != "accident"]
    # "blamed a technical fault for the loss of the bomber": the loss is no shoot-down.
    if any(f.outcome == "not_downed" and f.event == "failure" for f in frames):
        frames = [f for f in frames if not (f.outcome == "downed" and _LOST.search(f.text))]
    # "Ударами высокоточного оружия поражён пункт дислокации ВСУ, заявил Конашенков": a passive
    # strike with no agent, by a side's own spokesman who names a military target, is that
    # side's strike (the target it names is the claim the other side's reports clash with)
    if claimant_side in ("RU", "UA") and any(f.outcome == "military_only" for f in frames) and (
            not any(f.outcome and f.outcome.startswith("struck_by") for f in frames)):
        for f in frames:
            if (f.event == "struck" and f.outcome is None and f.agent is None
                    and f.polarity == "asserted" and f.claimant_side == claimant_side):
                f.outcome, f.agent = f"struck_by_{claimant_side.lower()}", claimant_side
                # the striker is inferred from the speaker: it may clash with another
                # account of who struck, but it corroborates nothing on its own
                f.notes.append(INFERRED_STRIKER)
    return _dedupe(frames)


INFERRED_STRIKER = "striker inferred from the speaker"
GROUND_ATTACK = "a ground attack, not a strike"
# Frames with these notes may clash with another text but corroborate nothing.
NO_CORROBORATION_NOTES = {INFERRED_STRIKER, GROUND_ATTACK}
_GROUND_ATTACK = re.compile(r"attack(?:ed|s|ing)?|атак\w*|атакува\w*|атакова\w*|штурм\w*",
                            re.IGNORECASE)
_GROUND_MEANS = re.compile(r"направлени|напрямк|toward|north|south|east|west|positions?|позиц|"
                           r"танк|tank|пехот|піхот|infantry|armou?r|бронетехн|бронемашин|штурмов|"
                           r"assault", re.IGNORECASE)
_STRIKE_MEANS = re.compile(r"drone|missile|rocket|shell|bomb|artillery|air|дрон|ракет|бомб|снаряд|"
                           r"артилл|артилер|авиа|авіа|шахед|беспилот|безпілот|бпла", re.IGNORECASE)


_CONTRAST_START = re.compile(
    r"^\s*(?:but|while|although|though|even though|whereas|however|yet|хотя|хоча|але|но|однако|"
    r"однак|"
    r"проте|зато|"
    r"тоді як|а|and (?:said|assessed|added)|и (?:заявил|добавил)\w*|і (?:заявив|додав)\w*)"
    r"(?!\w)", re.IGNORECASE)
# "...; Kyiv has not commented": a refusal to comment is always about what came before.
_NO_COMMENT = re.compile(r"(?<!\w)(?:not (?:yet )?comment\w*|declined to comment|no comment|"
                         r"not (?:yet )?acknowledg\w*|not (?:yet )?(?:respond|react)\w*|"
                         r"no (?:immediate )?(?:word|response|reaction|comment) from|"
                         r"(?:has|have|had) been silent|"
                         r"(?:was|were|is|are|remained|remains) silent|"
                         r"kept silent|keeps? silent|not (?:yet )?mention\w*|"
                         r"(?:мовч|молч)(?:ать|ат|ит|ить|али|ал|ала|ав)(?!\w)|"
                         r"не (?:\w+ )?(?:ответил|відповів|відповіли|отреагировал|відреагува)\w*|"
                         r"не (?:про)?коммент\w*|не (?:про)?комент\w*)", re.IGNORECASE)
_POINTS_BACK = re.compile(
    r"(?<!\w)(?:it|this|that|these|those|the (?:[\w-]+ )?claims?|the (?:[\w-]+ )?reports?|"
    r"the figures?|the (?:[\w-]+ )?accounts?|neither account|the accusations?|"
    r"\w+['’]s claims?|its claims?|это\w*|эти|этого|этому|"
    r"ці|це|цього|цьому|цих|сведени\w*|ці заяви|такі заяви|цю|цієї|эту|этой|её|ее|її|их|їх|"
    r"them)(?!\w)", re.IGNORECASE)


def _second_speaker(clause: str) -> re.Match[str] | None:
    """A clause that opens with a second speaker of a known side ("…, Kyiv insists that …",
    "…, while Ukrainian officials say …")."""
    second = _MID_ATTRIBUTION.match(clause) or _CONTRAST_ATTRIBUTION.match(clause)
    return second if second and side_of(second.group("head")) else None


_CLAIM_OF_BEFORE = re.compile(
    r"(?<!\w)(?:claims? (?:of|that)|reports? (?:of|that)|повідомлен\w* (?:\w+ ){0,2}про|"
    r"отчита\w* (?:\w+ ){0,2}(?:о|об)|звітува\w* (?:\w+ ){0,2}про|"
    r"отч[её]т\w* (?:о|об) том,? что(?: \w+){0,3}|"
    r"сообщени\w* (?:\w+ ){0,2}(?:о|об)|заявлени\w* (?:\w+ ){0,2}(?:о|об|про)|"
    r"заяв[аиуі]\w* (?:\w+ ){0,2}про|твердженн\w* (?:\w+ ){0,2}про|"
    r"утверждени\w* (?:\w+ ){0,2}(?:о|об))\s+(?:[«\"“]\s*)?$",
    re.IGNORECASE)
_INDEPENDENTLY = re.compile(r"independent\w*|незалежн\w*|независим\w*", re.IGNORECASE)
# "...; Ukraine's General Staff has not confirmed any loss in the area": a refusal to confirm a
# loss is about the capture just claimed, though "loss" is itself a trigger.
_UNCONFIRMED_LOSS = re.compile(
    r"(?<!\w)(?:not (?:yet )?(?:confirm|acknowledg|admit)\w* (?:\w+ ){0,2}(?:loss|losing|"
    r"withdraw\w*|retreat\w*)|не (?:\w+ )?(?:подтверд|підтверд|призна|визна)\w* (?:\w+ ){0,2}"
    r"(?:потер|утрат|втрат|отступлен|відступ|выход|вихід|отход|відхід)\w*)", re.IGNORECASE)


def _refers_back(text: str) -> bool:
    """An unconfirmed-report text with no claim of its own that refers back ("these reports"),
    refuses comment, or checks "independently" (a newsroom's verification of the claim just
    reported): it covers what came before it, in its sentence or the sentence before."""
    if _UNCONFIRMED_LOSS.search(text):
        return True
    return not _triggers(text) and bool(_POINTS_BACK.search(text) or _NO_COMMENT.search(text)
                                        or _INDEPENDENTLY.search(text))


# "…, который оставался под контролем ВСУ": what a place was until the news, background
_PAST_RELATIVE = re.compile(r"(?:^|,)\s*(?:котор\w*|який|яка|яке|які|which)\s+(?:\w+\s+){0,2}?"
                            r"(?:оставал\w*|залишал\w*|находил\w*|перебува\w*|был\w*|був\w*|"
                            r"had (?:been|remained)|remained|was)(?!\w)|"
                            # "the columns that had held the plant", "позиции, с которых
                            # противник обстреливал Энергодар": the past of what was hit
                            r"(?<!\w)(?:that|which|who) had (?:held|controlled|occupied)(?!\w)|"
                            r"(?:^|,)\s*(?:с|з|из|із)\s+(?:котор\w*|яких|якої|якого)\s",
                            re.IGNORECASE)
_POSITIONS_AFTER = re.compile(r"\s+(?:позиц|позиці|positions|lines|рубеж|окоп|trenches|оборон|"
                              r"defen[cs]es?)", re.I)
# possessives that may belong to a noun rather than name an actor ("наші позиції")
_POSSESSIVES = {"наші", "наших", "наши", "нашу", "наш", "нашим", "our", "свої", "свои", "its",
                "their"}
# Accusative / genitive plural of the side nouns ("окупантів", "оккупантов", "противника")
_OBJECT_CASE = re.compile(r"(?:ів|ов|ев|ника|ога)$", re.IGNORECASE)
_BARE_AND = re.compile(r"(?:^|,)\s*(?:і|и|й|та|and)\s+(?:(?:трижды|дважды|снова|опять|знову|"
                       r"тричі|двічі|again|then|потом|потім)\s+)?$", re.IGNORECASE)
# "когда Буча находилась под контролем российских войск", "while Russian troops held Bucha":
# the time of another event, not a claim about control now
_PAST_WHILE = re.compile(r"(?:^|,)\s*(?:когда|коли|while|when|пока|поки)\s+(?:[\w'’-]+\s+){0,3}?"
                         r"(?:(?:находил\w*|перебувал\w*|был[аио]?|була|було|були)\s+(?:под|під)|"
                         r"held|controlled|occupied|(?:were|was)\s+(?:under|in control))(?!\w)",
                         re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"(?<!\w)(?:that|which|who|котор\w*|який|яка|яке|які)\s+$",
                              re.IGNORECASE)
_TRIED = re.compile(r"(?<!\w)(?:намага\w*|пыта\w*|пробува\w*|пробовал\w*|tried|attempt\w*|"
                    r"sought)", re.IGNORECASE)
_RELATIVE_START = re.compile(r"^\s*(?:which|котор\w*|який|яка|яке|які)(?!\w)", re.IGNORECASE)


def _unconfirmed_clauses(clauses: list[str], script: str, whole: bool) -> list[bool]:
    """Which clauses an unconfirmed-report cue covers (see _parse_sentence)."""
    if whole:
        return [True] * len(clauses)
    flags = [False] * len(clauses)
    for i, clause in enumerate(clauses):
        if not _UNCONFIRMED[script].search(clause):
            continue
        flags[i] = True
        if _refers_back(clause):
            for j in range(i):
                flags[j] = True
        for j in range(i + 1, len(clauses)):
            if _CONTRAST_START.match(clauses[j]) or _RELATIVE_START.match(clauses[j]):
                break  # "…, which it continues to describe as contested": its own view
            flags[j] = True
    return flags


def _word_after(clause: str, end: int) -> str | None:
    """The word right after `end` (past spaces and an opening quote), if any."""
    word = re.match(r"\s*[«\"]?([^\W_]+(?:[-'’][^\W_]+)*)", clause[end:])
    return word.group(1) if word else None


def _named_next(clause: str, end: int) -> bool:
    """True if a capitalised name that is no actor follows `end` ("окупував Новоолександрівку
    поблизу Очеретиного": the village is what was taken, "поблизу" only says where it is)."""
    name = _word_after(clause, end)
    return bool(name and name[:1].isupper() and name.lower() not in _NOT_PLACE_WORDS
                and not _is_actor(name))


def _place_next(clause: str, end: int) -> bool:
    """True if the word right after `end` names a place ("о потере Работино")."""
    word = _word_after(clause, end)
    return bool(word and extract_places(word))


def _target(sentence: str) -> str | None:
    script = _script(sentence)
    # "no military objects nearby", "никаких военных объектов не было": not a military target;
    # "cluster munitions" are the weapon, not the target.
    hits = [m for p in (_MILITARY[script], _MILITARY_PRESENCE[script])
            for m in p.finditer(sentence)
            if not _WEAPON_BEFORE.search(sentence[max(0, m.start() - 20):m.start()])]
    asserted = [m for m in hits
                if not _NO_BEFORE.search(sentence[max(0, m.start() - 20):m.start()])]
    military = asserted[0] if asserted else None
    presence = next((m for m in _MILITARY_PRESENCE[script].finditer(sentence)
                     if any(m.start() == a.start() for a in asserted)), None)
    civilian = next((m for m in _CIVILIAN[script].finditer(sentence)
                     if not _AMONG_DEAD.search(sentence[max(0, m.start() - 30):m.start()])
                     and not _in_scare_quotes(sentence, m.start())), None)
    if hits and not asserted:
        return "civilian_target"  # "there were no military objects there"
    if (military and civilian and military.start() < civilian.start()
            and _STATIONED.search(sentence[military.end():civilian.start()])):
        return "military_only"  # "a depot, which they hid in a disused shopping centre"
    if (military and civilian and civilian.start() < military.start()
            and _STATIONED.search(sentence[max(0, civilian.start() - 20):military.start()])):
        return "military_only"  # "в здании администрации располагался штаб"
    if _LEGITIMATE.search(sentence) and (military or not civilian):
        return "military_only"  # "called the strike the destruction of a legitimate target"
    if presence and military and not _CIVILIAN_PEOPLE.search(sentence):
        return "military_only"  # "a restaurant where commanders were meeting was hit"
    if military and (_NOT_IN_USE[script].search(sentence) or _ONLY.search(sentence)
                     or _NOT_CIVILIANS.search(sentence)):
        return "military_only"  # "only military targets", "at fighters, not at civilians"
    if not civilian and presence:
        return "military_only"  # "a deployment point of the AFU was hit"
    if military and not civilian and _STATIONED.search(sentence):
        return "military_only"  # "the buildings hit were being used to store ammunition"
    if civilian and not military:
        return "civilian_target"
    return None


_LEGITIMATE = re.compile(r"(?<!\w)(?:законн\w* (?:военн\w* )?цел\w*|законн\w* (?:військов\w* )?"
                         r"ціл\w*|legitimate (?:military )?targets?)", re.IGNORECASE)


def _unmuted(sentence: str, muted: list[str]) -> str:
    for clause in muted:
        sentence = sentence.replace(clause, " ")
    return sentence


# "25 killed, among them two children": who died, not what was hit.
_AMONG_DEAD = re.compile(r"(?<!\w)(?:среди них|серед них|among them|including|в том числе|"
                         r"у тому числі|в тому числі|из них|з них)\s+(?:\w+\s+){0,2}$",
                         re.IGNORECASE)
_WEAPON_BEFORE = re.compile(r"(?:cluster|кассетн\w*|касетн\w*)\s+$", re.IGNORECASE)
_NO_BEFORE = re.compile(r"(?<!\w)(?:no|not any|никаких|нет|ни одного|жодних|жодного|немає)\s+"
                        r"(?:\w+\s+)?$", re.IGNORECASE)
_CIVILIAN_PEOPLE = re.compile(r"(?<!\w)(?:civilians?|residents|children|families|мирн\w*|жител\w*|"
                              r"дет(?:ей|и)|цивільн\w*|мешкан\w*|діт(?:ей|и))(?!\w)", re.IGNORECASE)


def _dedupe(frames: list[Frame]) -> list[Frame]:
    seen: dict[tuple[str | None, frozenset[str], bool], Frame] = {}
    out: list[Frame] = []
    for frame in frames:
        key = (frame.outcome, frame.places, frame.modality == "unconfirmed")
        if frame.outcome is not None and key in seen:
            kept = seen[key]
            kept.confidence = max(kept.confidence, frame.confidence)
            continue
        seen[key] = frame
        out.append(frame)
    return out


def outcomes(frames: tuple[Frame, ...] | list[Frame]) -> list[str]:
    """The asserted outcomes of a text's frames (unconfirmed reports left out)."""
    return [f.outcome for f in frames if f.outcome and f.modality != "unconfirmed"]


# -- comparing two texts ---------------------------------------------------------------------

# Families whose agreement says nothing on its own ("a civilian object was hit" is common
# ground between the sides; only "military only, the mall was idle" disputes it).
NO_CORROBORATION = {"target"}
# ...but "only military targets were hit" from two texts is a specific shared claim.
CORROBORATING_TARGETS = {"military_only"}


@dataclass(slots=True)
class FrameVerdict:
    """How two texts relate according to their frames, and why."""

    relation: str  # corroborates | contradicts | related
    confidence: float
    reason: str
    post_outcomes: list[str] = field(default_factory=list)
    claim_outcomes: list[str] = field(default_factory=list)


def usable(frames: tuple[Frame, ...] | list[Frame]) -> list[Frame]:
    return [f for f in frames if f.outcome and f.modality != "unconfirmed"]


# Holding positions or lines is not holding the town ("удерживают позиции в северной части").
_CONTROL_WORD = re.compile(r"контрол|control|руках|hands", re.IGNORECASE)
_PARTIAL_HOLD = re.compile(r"(?<!\w)(?:позици|позиці|position|рубеж|lines|частин|част[иьюі]|"
                           r"parts? of)\w*", re.I)


def _regional(places: frozenset[str]) -> bool:
    return all(p.startswith(REGION_MARK) for p in places)


def _clash(a: Frame, b: Frame) -> bool:
    """Clashing outcomes about one place. Within a text a region is not the settlement named
    beside it ("освободили Горналь — последний пункт Курской области под контролем ВСУ")."""
    if a.places and b.places and _regional(a.places) != _regional(b.places):
        return False
    return (outcome_relation(a.outcome or "", b.outcome or "") == "contradicts"
            and places_compatible(a.places, b.places) is not False)


def settle(frames: list[Frame]) -> list[Frame]:
    """One claimant's clashing outcomes: "captured most of the city, but a district still holds"
    is a contested city, so a 'contested' frame overrides what it clashes with in its sentence."""
    out = []
    # "освободили Горналь — последний пункт Курской области, который оставался под контролем
    # ВСУ": beside a named settlement, what a text says of its region alone is background.
    # "Никакого «освобождения» не было: посёлок под контролем наших войск": a capture denied
    # by the side that says it holds the place is that hold
    frames = [f for f in frames if not (
        f.outcome == "contested" and f.event in ("took", "entered")
        and f.polarity in ("negated", "denied") and f.claimant_side in ("RU", "UA")
        and any(o.event == "holds" and o.polarity == "asserted" and o.claimant == f.claimant
                and o.outcome == f"{(f.claimant_side or '').lower()}_holds"
                and not _PARTIAL_HOLD.search(o.text) and _CONTROL_WORD.search(o.text)
                and places_compatible(o.places, f.places) is not False for o in frames))]
    named = [f for f in frames if f.places and not _regional(f.places)]
    frames = [f for f in frames if not (f.places and _regional(f.places) and any(
        outcome_relation(f.outcome or "", n.outcome or "") == "contradicts" for n in named))]
    for frame in frames:
        overridden = any(other.outcome == "contested" and other.sentence == frame.sentence
                         and other.claimant == frame.claimant and _clash(frame, other)
                         for other in frames if other is not frame)
        # "спростував вигадки про «звільнення» Синьківки: … село залишається під контролем
        # Сил оборони": the denied capture is only "not taken"; the hold says more
        overridden = overridden or (frame.polarity == "denied" and frame.outcome == "contested"
                                    and any(other.outcome in ("ru_holds", "ua_holds")
                                            and other.polarity == "asserted"
                                            and other.claimant == frame.claimant
                                            and not _clash(frame, other)
                                            and not _PARTIAL_HOLD.search(other.text)
                                            for other in frames))
        # "the units that had entered the town were destroyed and it remained ours": entering
        # is the weakest word on control; a capture, hold or withdrawal in the sentence wins.
        overridden = overridden or (frame.event == "entered" and any(
            other.event in ("took", "holds", "withdrew") and other.sentence == frame.sentence
            and other.claimant == frame.claimant and _clash(frame, other)
            for other in frames if other is not frame))
        # "a tank group entered the village, fighting for its streets goes on": contested,
        # whichever side entered.
        overridden = overridden or (frame.event == "entered" and any(
            other.outcome == "contested" and other.sentence == frame.sentence
            and other.claimant == frame.claimant for other in frames if other is not frame))
        if not overridden:
            out.append(frame)
    return out


def is_mixed(frames: list[Frame]) -> bool:
    """True when a text gives clashing outcomes about one place from different claimants (or
    from one claimant and a denial of it): it reports both sides."""
    for i, a in enumerate(frames):
        for b in frames[i + 1:]:
            if _clash(a, b):
                return True
    return False


def compare_frames(post: tuple[Frame, ...] | list[Frame],
                   claim: tuple[Frame, ...] | list[Frame]) -> FrameVerdict:
    """Relation of a claim's frames to a post's frames: clashing outcomes about the same place
    contradict, equal or compatible ones corroborate; anything else is related."""
    p_frames, c_frames = settle(usable(post)), settle(usable(claim))
    verdict = FrameVerdict("related", 0.0, "no comparable frames",
                           [f.outcome or "" for f in p_frames],
                           [f.outcome or "" for f in c_frames])
    if not p_frames or not c_frames:
        return verdict
    if is_mixed(p_frames):
        verdict.reason, verdict.confidence = "the post reports both sides", 0.5
        return verdict
    if is_mixed(c_frames):
        verdict.reason, verdict.confidence = "the claim reports both sides", 0.5
        return verdict
    best: dict[str, float] = {}
    reasons: dict[str, str] = {}
    families: dict[str, str] = {}
    for p in p_frames:
        for c in c_frames:
            relation = outcome_relation(p.outcome or "", c.outcome or "")
            family = FAMILY.get(p.outcome or "")
            if relation in (None, "related") or family is None:
                continue
            if (relation == "corroborates" and family in NO_CORROBORATION
                    and p.outcome not in CORROBORATING_TARGETS):
                continue
            if relation == "corroborates" and NO_CORROBORATION_NOTES & set(p.notes + c.notes):
                continue
            same_place = places_compatible(p.places, c.places)
            if same_place is False:
                continue
            family_weight = FAMILY_WEIGHT[family]
            if relation == "contradicts":
                family_weight = CONTRADICTION_WEIGHT.get(family, family_weight)
            weight = p.confidence * c.confidence * family_weight
            weight *= 1.0 if same_place else 0.8
            if weight > best.get(relation, 0.0):
                best[relation] = weight
                reasons[relation] = f"{p.outcome} vs {c.outcome}"
                families[relation] = family
    if not best:
        # Both texts were understood, and their outcomes neither clash nor agree.
        verdict.reason, verdict.confidence = "outcomes neither clash nor agree", 0.3
        return verdict
    # Texts that agree on one aspect and clash on another (same strike, different target)
    # contradict on that aspect: a clash outranks an agreement unless it is much weaker.
    if "contradicts" in best and best["contradicts"] >= 0.5 * best.get("corroborates", 0.0):
        relation = "contradicts"
    else:
        relation = "corroborates"
    confidence = best[relation]
    if len(best) > 1 and len(set(families.values())) == 1:
        # both kinds of evidence on one aspect: less confidence ("both say Russia struck, one
        # says a plant, the other a block of flats" is a plain clash on the target)
        confidence *= 0.75
    verdict.relation, verdict.confidence, verdict.reason = relation, confidence, reasons[relation]
    return verdict
