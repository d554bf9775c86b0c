"""Text normalisation for matching: cleaning, language detection, lemmas and cross-script name keys.

Used on both sides of lexical search: when a claim is indexed and when a post becomes a query,
so that "Lysychansk", "Lisichansk", "Лисичанск" and "Лисичанськ" meet on the same key.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

URL_RE = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
# The date that ends an embedded tweet's signature: "— Name (@handle) January 14, 2020". The
# author's name stays: claims are often about what that person said.
TWEET_SIGNATURE_RE = re.compile(r"(\(@\w+\))\s*[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\s*$")
HANDLE_RE = re.compile(r"(?<!\w)@\w{2,}")
TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
# Letters only Ukrainian of ru/uk writes: a Cyrillic text with one of them is Ukrainian.
UKRAINIAN_RE = re.compile(r"[іїєґІЇЄҐ]")
WS_RE = re.compile(r"\s+")

# Lines that channels append to every post; they say nothing about the claim.
BOILERPLATE_RE = re.compile(
    r"^\s*(?:subscribe|follow us|read more|source|join|подписаться|подписывайтесь|"
    r"подпишись|читать далее|источник|підписатися|підписуйтесь|джерело|читайте також)\b.*$",
    re.IGNORECASE | re.MULTILINE,
)

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """a about above after again against all am an and any are as at be because been before
        being below between both but by can could did do does doing down during each few for from
        further had has have having he her here hers herself him himself his how i if in into is it
        its itself just me more most my myself no nor not now of off on once only or other our ours
        ourselves out over own same she should so some such than that the their theirs them
        themselves then there these they this those through to too under until up very was we were
        what when where which while who whom why will with would you your yours yourself
        yourselves also via rt amp s t says said say new just like get got one two us""".split()
    ),
    "ru": frozenset(
        """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
        ее её мне было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни
        быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где
        есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж
        тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее
        сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше
        тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой
        перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это также
        сообщил сообщила сообщили заявил заявила заявили""".split()
    ),
    "uk": frozenset(
        """і й та в у на з із зі до від за про по не що як це цей ця ці той та те ті він вона воно
        вони ми ви я ти його її їх їм нам вам мені тобі бо але а чи або ж же би б був була було
        були бути є так також тут там де коли якщо щоб який яка яке які вже ще лише тільки після
        перед через під над між для без при усі всі все весь вся своє свій свою своїх нас вас
        повідомив повідомила повідомили заявив заявила заявили""".split()
    ),
}

# Languages the detector may answer: the ones our sources publish in. Restricting the set keeps
# short posts from being called Latin or Esperanto.
LANGUAGES = ["en", "ru", "uk", "be", "bg", "de", "fr", "es", "it", "pt", "pl", "nl", "cs", "sk",
             "ro", "hu", "tr", "ar", "he", "fa", "ka", "kk", "az", "hy", "lt", "lv", "et", "fi",
             "sv", "no", "da", "el", "sr", "hr", "zh", "ja", "ko"]

_CYR_TO_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "iu", "я": "ia", "ў": "u",
}
# Order matters: longest digraphs first. Upper-case letters stand for merged consonant classes.
_DIGRAPHS = (
    ("shch", "S"), ("tsch", "C"), ("sch", "S"), ("tch", "C"), ("kh", "H"), ("zh", "J"), ("ch", "C"),
    ("sh", "S"), ("ts", "C"), ("tz", "C"), ("ck", "k"), ("dzh", "J"), ("dj", "J"),
)
_SINGLE = str.maketrans({"w": "v", "q": "k", "c": "k", "h": "g", "x": "k", "j": "i"})
_VOWELS_RE = re.compile(r"[aeiouy'’]")
_REPEAT_RE = re.compile(r"(.)\1+")


def content_hash(text: str) -> str:
    """Stable hash of a text, insensitive to whitespace, case and quote styles."""
    norm = WS_RE.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()
    norm = norm.translate(str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                                         "‘": "'", "’": "'"}))
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def clean_text(text: str) -> str:
    """Drop URLs, @handles, channel boilerplate lines and hashtag signs; collapse whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = TWEET_SIGNATURE_RE.sub(r"\1", text)
    text = URL_RE.sub(" ", text)
    text = HANDLE_RE.sub(" ", text)
    text = BOILERPLATE_RE.sub(" ", text)
    text = text.replace("#", " ")
    return WS_RE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _langid():  # type: ignore[no-untyped-def]
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True, langs=LANGUAGES)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to say."""
    sample = clean_text(text)[:2000]
    if len(TOKEN_RE.findall(sample)) < 1:
        return None
    lang, prob = _langid().classify(sample)
    if CYRILLIC_RE.search(sample):
        # Short Cyrillic texts are often mislabelled (bg, mk, sr...); keep to ru/uk unless sure.
        if lang not in ("ru", "uk") and prob < 0.99:
            return "uk" if UKRAINIAN_RE.search(sample) else "ru"
        if lang == "ru" and UKRAINIAN_RE.search(sample):
            return "uk"
    return str(lang)


def tokens(text: str) -> list[str]:
    """Word tokens of a cleaned text, original case kept."""
    return TOKEN_RE.findall(text)


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str) -> str:
    """Lower-cased lemma for Russian and Ukrainian words; English is stemmed later by FTS5 porter."""
    low = word.lower().replace("’", "'")
    if language in ("ru", "uk") and CYRILLIC_RE.search(low):
        import simplemma

        try:
            return str(simplemma.lemmatize(low, lang=language)).lower()
        except Exception:  # pragma: no cover - simplemma raises only on unknown languages
            return low
    return low


@lru_cache(maxsize=200_000)
def name_key(word: str) -> str | None:
    """Consonant skeleton shared by Latin and Cyrillic spellings of a proper name.

    Lysychansk, Lisichansk, Лисичанск, Лисичанськ -> "lSCnSk"-like key; None for short words.
    """
    low = unicodedata.normalize("NFKD", word.lower())
    low = "".join(ch for ch in low if not unicodedata.combining(ch))
    low = "".join(_CYR_TO_LAT.get(ch, ch) for ch in low)
    if not low.isascii():
        return None
    for digraph, repl in _DIGRAPHS:
        low = low.replace(digraph, repl)
    low = low.translate(_SINGLE)
    key = _REPEAT_RE.sub(r"\1", _VOWELS_RE.sub("", low))
    if len(key) < 3 or len(word) < 5:
        return None
    # FTS5 lower-cases tokens; keep the classes distinct from plain letters with a digit suffix.
    return "".join(ch.lower() + "9" if ch.isupper() else ch for ch in key)


def is_stopword(word: str, language: str | None) -> bool:
    low = word.lower()
    if language and language in STOPWORDS:
        return low in STOPWORDS[language]
    return any(low in words for words in STOPWORDS.values())


def index_terms(text: str, language: str | None) -> tuple[str, str]:
    """The two FTS columns for a text: normalised terms, and cross-script name keys."""
    lang = language or detect_language(text) or "en"
    words = tokens(clean_text(text))
    terms = [lemma(w, lang) for w in words if not is_stopword(w, lang)]
    keys = [k for w in words if w[:1].isupper() and (k := name_key(w))]
    return " ".join(terms), " ".join(keys)


def query_terms(text: str, language: str | None, max_terms: int = 48) -> tuple[list[str], list[str]]:
    """Distinct query terms and name keys for a post, stopwords and boilerplate removed."""
    lang = language or detect_language(text) or "en"
    words = tokens(clean_text(text))
    terms: list[str] = []
    keys: list[str] = []
    for word in words:
        if is_stopword(word, lang) or (len(word) < 2 and not word.isdigit()):
            continue
        term = lemma(word, lang)
        if term not in terms:
            terms.append(term)
        if word[:1].isupper() and (key := name_key(word)) and key not in keys:
            keys.append(key)
    return terms[:max_terms], keys[:max_terms]
