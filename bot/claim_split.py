"""Claim-level checking: a post that reports several sides is split into its claimants' claims.

"Russia's defence ministry said its forces took Lysychansk; Ukraine's National Guard said the
city is not encircled" carries two claims about one place from two claimants. Checked as one
text, the stance model can only say "the post reports both sides" (related). Split per claimant,
each claim is matched and judged on its own, and the report says who claims what.

The split reuses the claim frames (bot.stance.frames: claimant, outcome, places per clause). A
post is split only when at least two claimants give outcomes about the same place that do not
agree (a clash, or merely different outcomes such as "took" and "not encircled"); a post with
one claim, or with several claimants who agree, is left whole.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from bot.domain import ClaimPart
from bot.stance import frames as fr
from bot.stance.frames import Frame

# Where a sentence may hold a second claimant's claim: "X said A; Y said B", "X says A, while Y
# says B", "X claims A, but Y denies it". A piece is cut off only when it names its own
# claimant (or is a denial pointing back: "but Ukraine denies it").
_PIECE_SPLIT = re.compile(
    r";\s*|,?\s+(?=(?:but|while|whereas|however|meanwhile|а|но|однако|тогда как|"
    r"в то время как|зато|але|проте|однак|тоді як|натомість)\s)", re.IGNORECASE)
_LEADING_WORDS = re.compile(
    r"^(?:(?:but|while|whereas|however|meanwhile|and|а|но|однако|тогда как|в то время как|зато|"
    r"и|але|проте|однак|тоді як|натомість|і|й|та)\b[\s,]*)+", re.IGNORECASE)
_TRAILING_WORDS = re.compile(
    r"(?:\s+(?:later|also|then|now|since|itself|позже|позднее|также|тоже|затем|пізніше|також|"
    r"згодом|потім))+$", re.IGNORECASE)
MAX_CLAIMANT_CHARS = 80
# At most this many claims are checked (each costs two matcher calls); a long article with more
# claimants keeps its first ones.
MAX_PARTS = 6
# A claim shorter than this (after its attribution) is matched with its attribution.
MIN_QUERY_WORDS = 3
# Self-reference made explicit when a denial's claim is restated under another claimant.
_EXPLICIT = {
    "en": {"RU": "Russian", "UA": "Ukrainian"},
    "cyr": {"RU": "российские", "UA": "украинские"},
}


@dataclass(slots=True)
class _Segment:
    text: str
    frames: list[Frame] = field(default_factory=list)
    claimant: str | None = None
    side: str | None = None
    stance_text: str = ""
    content: str = ""  # what is claimed, without who claims it (the matcher's query)


def clean_claimant(name: str | None) -> str | None:
    """A claimant phrase without leading conjunctions and trailing adverbs ("but Ukraine" ->
    "Ukraine", "Ukraine's General Staff later" -> "Ukraine's General Staff")."""
    if not name:
        return None
    cleaned = _LEADING_WORDS.sub("", name.strip(" ,.;:—-"))
    cleaned = _TRAILING_WORDS.sub("", cleaned).strip(" ,.;:—-")
    if not cleaned or len(cleaned) > MAX_CLAIMANT_CHARS:
        return None
    return cleaned[0].upper() + cleaned[1:]


def _key(claimant: str | None) -> str | None:
    return claimant.casefold() if claimant else None


def _pieces(sentence: str) -> list[str]:
    """A sentence cut where a new claimant starts speaking; other cuts are joined back."""
    cuts = [m.end() for m in _PIECE_SPLIT.finditer(sentence) if 0 < m.start()]
    bounds = [0, *cuts, len(sentence)]
    pieces: list[str] = []
    for start, end in itertools.pairwise(bounds):
        piece = sentence[start:end]
        if not piece.strip():
            continue
        if pieces and not _own_voice(piece):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return [p.strip() for p in pieces]


def _own_voice(piece: str) -> bool:
    """True when a piece names who says it, or denies what came before."""
    body = _LEADING_WORDS.sub("", piece.strip())
    if fr._attribution(body).claimant:
        return True
    return _anaphoric_denial(body)


def _anaphoric_denial(piece: str) -> bool:
    script = fr._script(piece)
    return bool(fr._DENIAL[script].search(piece) and fr._ANAPHORIC_DENIAL.search(piece)
                and not fr._triggers(piece))


def _explicit(content: str, side: str | None) -> str:
    """A claim's self-references ("its forces") named by side ("Russian forces")."""
    if side not in ("RU", "UA"):
        return content
    script = fr._script(content)
    return fr._SELF[script].sub(_EXPLICIT[script][side], content)


def _segments(text: str) -> list[_Segment]:
    """The post's claim pieces, each with its frames, claimant and the text to judge it by."""
    segments: list[_Segment] = []
    for sentence in fr.split_sentences(text):
        for piece in _pieces(sentence):
            body = _LEADING_WORDS.sub("", piece.strip())
            previous = segments[-1] if segments else None
            if previous is not None and previous.frames and _anaphoric_denial(body):
                segments.append(_denial_segment(previous, piece, body))
                continue
            frames = [f for f in fr.usable(fr.parse_frames(body))]
            claimant = clean_claimant(frames[0].claimant if frames else
                                      fr._attribution(body).claimant)
            side = frames[0].claimant_side if frames else fr.side_of(claimant or "")
            content = body[fr._attribution(body).content_start:]
            if len(content.split()) < MIN_QUERY_WORDS:
                content = body
            segments.append(_Segment(piece.strip(), frames, claimant, side,
                                     body.rstrip(" ,;"), content.strip(" ,;")))
    return segments


def _denial_segment(previous: _Segment, piece: str, body: str) -> _Segment:
    """ "..., but Ukraine denies it": the denial's frames (from the frames parser, which reads it
    after the claim it points to), and the claim restated under the denier for the stance model.
    """
    joined = previous.stance_text.rstrip(" .;,") + ", but " + body
    frames = [f for f in fr.usable(fr.parse_frames(joined)) if f.polarity == "denied"
              and f.modality == "denies" and f.claimant and f.claimant.strip(" ,") in joined[
                  len(previous.stance_text.rstrip(" .;,")):]]
    claimant = clean_claimant(frames[0].claimant if frames else None)
    side = fr.side_of(claimant or "") if claimant else None
    stance_text = content = body
    if claimant and frames:
        prior = previous.stance_text
        prior_content = prior[fr._attribution(prior).content_start:].strip(" .;,")
        restated = f"{claimant} denied that {_explicit(prior_content, previous.side)}."
        wanted = sorted(f.outcome or "" for f in frames)
        got = sorted(f.outcome or "" for f in fr.usable(fr.parse_frames(restated)))
        if got == wanted:
            stance_text = restated
            content = _explicit(prior_content, previous.side)
    return _Segment(piece.strip(), frames, claimant, side, stance_text.rstrip(" ,;"),
                    content.strip(" ,;"))


def _disagree(a: list[Frame], b: list[Frame]) -> bool:
    """Two claimants' frames give outcomes about one place that are not the same claim."""
    for x in a:
        for y in b:
            relation = fr.outcome_relation(x.outcome or "", y.outcome or "")
            if relation in ("contradicts", "related") and fr.places_compatible(
                    x.places, y.places) is not False:
                return True
    return False


def _place_words(text: str, places: frozenset[str]) -> list[str]:
    """The post's own spelling of each place its frames name (first occurrence)."""
    found: dict[str, str] = {}
    for m in fr._TOKEN.finditer(text):
        word = m.group(0)
        if not word[:1].isupper():
            continue
        for place in fr.extract_places(word) & places:
            found.setdefault(place, word)
    return list(found.values())


def split_claims(text: str) -> list[ClaimPart]:
    """The claims of a post, one part per claimant, when it reports several sides about one
    place; an empty list when it does not (the post is checked whole)."""
    segments = _segments(text)
    parts: list[tuple[_Segment, list[_Segment]]] = []  # (voice, its segments)
    for segment in segments:
        if not segment.frames:
            if parts:
                parts[-1][1].append(segment)  # context of the claim before it
            else:
                parts.append((segment, [segment]))
            continue
        same = [p for p in parts if p[0].frames and _key(p[0].claimant) == _key(segment.claimant)]
        if segment.claimant is None and parts and parts[-1][0].frames and not _disagree(
                parts[-1][0].frames, segment.frames):
            same = [parts[-1]]  # an unattributed sentence goes on with the claim before it
        if same:
            same[0][0].frames.extend(segment.frames)
            same[0][1].append(segment)
        elif parts and not parts[-1][0].frames:
            parts[-1] = (segment, parts[-1][1] + [segment])  # leading context joins it
        else:
            parts.append((segment, [segment]))
    voiced = [p for p in parts if p[0].frames]
    if len(voiced) < 2 or not any(_disagree(a[0].frames, b[0].frames)
                                  for i, a in enumerate(voiced) for b in voiced[i + 1:]):
        return []
    all_places = frozenset(p for voice, _ in voiced for f in voice.frames for p in f.places)
    out: list[ClaimPart] = []
    for voice, members in voiced[:MAX_PARTS]:
        part_text = _LEADING_WORDS.sub("", " ".join(s.text for s in members)).rstrip(" ,;")
        part_text = part_text[:1].upper() + part_text[1:]
        stance_text = " ".join(s.stance_text for s in members)
        query = " ".join(s.content for s in members)
        own_places = frozenset(p for f in voice.frames for p in f.places)
        if not own_places and all_places:
            words = _place_words(text, all_places)
            if words:
                context = ", ".join(words)
                query = f"{query} {context}"
                stance_text = f"{stance_text.rstrip()} ({context})"
        out.append(ClaimPart(text=part_text, claimant=voice.claimant, side=voice.side,
                             query=query, stance_text=stance_text))
    return out
