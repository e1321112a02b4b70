"""The words around a person's mention, compared with what a list says the target does.

"Wang Wei, a Hong Kong accountant" and "Deputy Minister of Defence Alexander Fomin" say who
the document means. The title before a mention and the appositive after it are read for
role words and countries; a listed target's functions, positions, designation and remarks
for the same. Two rules, each giving its reason:

- the context confirms a hit when it shares a role word and at least one more significant
  word with the target's function ("deputy, minister, defence");
- it rules a hit out (the match goes back to review, never away) when it names a private
  occupation the target's function does not mention ("accountant" against "Owner and
  President of the Kings Romans Group"), an office while the listed function (and remarks)
  share no word with it and the name match is not close ("junta investment minister" for
  "Aung Naing Oo" against Aung Hlaing Oo, "Chair and founder of Myanmar Chemical and
  Machinery"), or a country none of the target's personal countries (nationality,
  citizenship, birth) is.

Only persons are judged: an organisation's context rarely says what it does in list words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import sqlite_utils

from screener.countries import to_iso2

# Words of office and rank: shared with a target's function, they confirm it.
OFFICE_WORDS = frozenset("""
minister ministry deputy president vice prime premier governor general colonel lieutenant major
admiral commander chief head chairman chairwoman chair director secretary
ambassador senator spokesperson spokesman officer leader mayor prosecutor judge member founder
owner executive ceo adviser advisor assistant envoy representative counsellor
""".split())
# Private occupations: a target whose function is known but does not name it is someone else.
OCCUPATIONS = frozenset("""
accountant lawyer attorney solicitor barrister doctor physician surgeon dentist nurse teacher
student pupil journalist reporter correspondent photographer editor writer novelist poet artist
actor actress singer musician footballer athlete farmer engineer architect researcher scientist
academic professor lecturer monk priest nun pastor chef driver shopkeeper tailor plumber
""".split())
STOPWORDS = frozenset("""
a an the of and or for in on at to from by with as its his her their who which that this is was
former formerly also now then new old said says told have has had been being are were will
would not but into over about two day days year years one his hers they them there here
""".split())
# Words that end the title phrase before a mention: what precedes them is about someone else
# ("Canada imposed sanctions on X": Canada is who sanctions, not X's country).
CLAUSE_WORDS = frozenset("""
and or with by between met meets meeting said says told visited including includes under
against after before than while when where
sanction sanctions sanctioned sanctioning imposed imposes designated designates designating
targeted targets blacklisted penalised penalized arrested charged indicted accused
""".split())
# Words opening the next item of a list after "X, ...": what follows is not about X.
_COORDINATORS = frozenset("and or but nor as plus".split())
# Countries a person of one may be listed as: Hong Kong and Macau residents are Chinese nationals.
SAME_COUNTRY = {"HK": {"CN"}, "MO": {"CN"}, "CN": {"HK", "MO"}}
_BOUNDARY = re.compile(r"[,;:()\[\]\"“”—–]|\.\s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
PERSONAL_KINDS = ("nationality", "citizenship", "birth")


@dataclass
class MentionContext:
    phrases: list[str] = field(default_factory=list)  # the words around each mention
    words: set[str] = field(default_factory=set)  # significant lower-case words
    countries: dict[str, str] = field(default_factory=dict)  # ISO code -> as written

    @property
    def occupations(self) -> set[str]:
        return self.words & OCCUPATIONS

    def __bool__(self) -> bool:
        return bool(self.words or self.countries)


@dataclass
class Verdict:
    effect: str  # "confirms" | "rules out"
    reason: str


def around(sentence: str, mention: str, names: Iterable[str] = ()) -> str:
    """The title phrase before the mention (back to the previous comma, bracket or clause) and
    the appositive after it (", a Hong Kong accountant,"), at most 8 words each."""
    at = sentence.find(mention)
    if at < 0:
        return ""
    before_words = _BOUNDARY.split(sentence[:at])[-1].split()[-8:]
    for i in range(len(before_words) - 1, -1, -1):
        if before_words[i].lower() in CLAUSE_WORDS:  # "Min Aung Hlaing and junta minister X"
            before_words = before_words[i + 1:]
            break
    after = sentence[at + len(mention):]
    after_words: list[str] = []
    if after.lstrip().startswith(","):
        after_words = _BOUNDARY.split(after.lstrip()[1:])[0].split()[:8]
        if after_words and after_words[0].lower() in _COORDINATORS:
            after_words = []  # ", and three Singapore companies": the next item, not about X
    phrase = " ".join(before_words + ["…"] + after_words)
    for name in names:
        phrase = phrase.replace(name, " ")
    return " ".join(phrase.split())


def read(phrases: Sequence[str]) -> MentionContext:
    ctx = MentionContext(phrases=[p for p in phrases if p.strip(" …")])
    for phrase in ctx.phrases:
        tokens = _WORD.findall(phrase)
        for t in tokens:
            low = t.lower().strip("'’")
            if len(low) > 2 and low not in STOPWORDS:
                ctx.words.add(low)
        # Countries: capitalised words and pairs ("Hong Kong", "North Korean").
        caps = [t for t in tokens if t[:1].isupper()]
        for n in (3, 2, 1):
            for i in range(len(caps) - n + 1):
                text = " ".join(caps[i:i + n])
                code = to_iso2(text) if len(text) > 3 else None
                if code and code not in ctx.countries:
                    ctx.countries[code] = text
    return ctx


def of_entity(db: sqlite_utils.Database, entity_id: int) -> MentionContext:
    """The context of every mention of one document entity."""
    row = db.execute("SELECT name, aliases FROM entities WHERE id = ?", [entity_id]).fetchone()
    names = [row[0], *json.loads(row[1] or "[]")] if row else []
    phrases = [around(sentence, text, names) for text, sentence in db.execute(
        "SELECT text, sentence FROM mentions WHERE entity_id = ?", [entity_id])]
    return read(phrases)


@dataclass
class TargetContext:
    roles: str  # functions, positions, designation, title: what the list says the target does
    remarks: str
    countries: set[str]

    @property
    def function_text(self) -> str:
        return f"{self.roles} {self.remarks}".strip()


def of_target(db: sqlite_utils.Database, target_id: int) -> TargetContext:
    """What the list says the target does (functions, positions, designation, title, remarks)
    and its personal countries."""
    from screener.records import load

    record = load(db, target_id)
    countries = {c["code"] for c in record.countries if c["code"] and c["kind"] in PERSONAL_KINDS}
    return TargetContext("; ".join(record.roles), record.remarks or "", countries)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2 and w.lower() not in STOPWORDS}


CLOSE_NAME = 0.9  # below this, a name match whose context fits nothing goes to review


def judge(ctx: MentionContext, target: TargetContext, name_score: float = 1.0) -> Verdict | None:
    """Confirm, rule out, or (None) say nothing: the context or the record is silent.
    Offices change (a former prime minister is now deputy chairman), so an office sharing no
    word with the listed function rules out only a name match below CLOSE_NAME."""
    listed = _words(target.function_text)
    shared = ctx.words & listed
    if shared & (OFFICE_WORDS | OCCUPATIONS) and (len(shared) >= 2 or shared & OCCUPATIONS):
        return Verdict("confirms", f"context \"{_phrase(ctx)}\" fits the listed function "
                                   f"({', '.join(sorted(shared))})")
    missing = ctx.occupations - listed
    if missing and listed & (OFFICE_WORDS | OCCUPATIONS):
        return Verdict("rules out", f"context \"{_phrase(ctx)}\": {', '.join(sorted(missing))}, "
                                    f"not in the listed function \"{_cut(target.function_text)}\"")
    if (name_score < CLOSE_NAME and ctx.words & OFFICE_WORDS
            and _words(target.roles) & OFFICE_WORDS and not ctx.words & _words(target.roles)):
        return Verdict("rules out", f"context \"{_phrase(ctx)}\" shares no word with the listed "
                                    f"function \"{_cut(target.roles)}\"")
    if ctx.countries and target.countries:
        fits = {c for code in ctx.countries for c in {code, *SAME_COUNTRY.get(code, ())}}
        if not fits & target.countries:
            said = ", ".join(f"{w} ({c})" for c, w in ctx.countries.items())
            return Verdict("rules out", f"context \"{_phrase(ctx)}\" names {said}; listed as "
                                        f"{', '.join(sorted(target.countries))}")
    return None


def _phrase(ctx: MentionContext) -> str:
    return _cut(next((p for p in ctx.phrases if p.strip(" …")), ""), 60)


def _cut(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"
