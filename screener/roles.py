"""Civilian offices and roles written before names in news text.

Military ranks are a closed list; civilian roles are a small grammar: modifiers ("Deputy",
"Acting", "Foreign", "Under"), a role noun ("Secretary", "CEO", "Spokesman") and perhaps the
office it belongs to ("of State", "of the Treasury for Terrorism and Financial
Intelligence"). "Secretary of State Antony Blinken" is a person, Antony Blinken, with a
title; without this grammar the name keeps the office's last word ("State Antony Blinken").
"""

from __future__ import annotations

from screener.newstext import demonyms, places

# Words that qualify a role noun after them (compared on normalised tokens).
MODIFIERS = frozenset("""
deputy vice acting former first second senior chief executive assistant under principal
special state foreign finance financial defence defense interior home economy economic trade
energy justice health education labour labor agriculture industry information security
national federal regional provincial general managing permanent parliamentary presidential
press prime crown co interim outgoing incoming late then union lead top associate high
honorary
""".split())
ROLE_NOUNS = frozenset("""
secretary minister president chairman chairwoman chairperson chair ceo cfo coo cto director
manager owner founder cofounder head chief executive governor mayor ambassador envoy spokesman
spokeswoman spokesperson commissioner senator sen rep representative congressman
congresswoman judge prosecutor attorney chancellor premier prince princess emir
sheikh tycoon businessman businesswoman oligarch billionaire adviser advisor counsellor
counselor officer leader boss deputy treasurer administrator minister-president ombudsman
speaker rapporteur president-elect commander quartermaster adjutant inspector
comptroller registrar auditor consul sec journalist reporter editor correspondent columnist
analyst researcher activist lawyer economist
""".split())
# Words that name the office after "of" or "for" ("of State", "of the Treasury for
# Terrorism and Financial Intelligence", "for Foreign Affairs").
OFFICE_WORDS = frozenset("""
state treasury terrorism financial intelligence foreign affairs defence defense interior home
economy economic trade commerce energy justice health education labour labor agriculture
industry industries information security homeland staff finance development planning
investment transport communications culture tourism environment resources natural mines
mining oil gas power electricity construction immigration internal external relations
cooperation international political military administration management operations policy
sanctions enforcement asset control public works welfare social religious ethnic border
union government board directors ministry department office council committee commission
services service forces armed navy army air force asia europe africa science technology
electricity posts telecommunications hotels commerce cooperatives rural livestock fisheries
irrigation forestry housing relief resettlement population sports youth women children human
rights religion home legal justice constitutional cyber space atomic nuclear water urban general
commonwealth
the of for and on in
""".split())


# Endings of the abstract nouns and adjectives offices are named with ("Terrorist Financing
# and Financial Crimes", "Nonproliferation", "Human Rights"); names rarely end so.
ABSTRACT_ENDINGS = ("ing", "ism", "ist", "tion", "sion", "ics", "ity", "ment", "ance", "ence",
                    "ies", "ive", "crimes", "rights", "ial")


def role_length(flat: list[str]) -> int:
    """How many of the leading normalised tokens make a civilian role ("under secretary of
    the treasury for terrorism and financial intelligence"); 0 when they make none."""
    end = 0
    i = 0
    while i < len(flat) and (flat[i] in MODIFIERS or flat[i] in ROLE_NOUNS):
        if flat[i:i + 3] == ["commander", "in", "chief"]:
            i += 2
        i += 1
        if flat[i - 1] in ROLE_NOUNS:
            end = i
    if end == 0:
        return 0
    if end < len(flat) and flat[end] in ("of", "for"):
        j = end + 1
        while j < len(flat):
            size = next((n for n in range(6, 1, -1) if " ".join(flat[j:j + n]) in places()), 0)
            if size:
                j += size  # "of the Republic of Korea", "of the Russian Federation"
            elif flat[j] in OFFICE_WORDS or flat[j].removesuffix("s") in OFFICE_WORDS \
                    or flat[j] in places() or flat[j] in demonyms() \
                    or flat[j].endswith(ABSTRACT_ENDINGS):  # "of Foreign Assets Control"
                j += 1
            else:
                break
        j = min(j, len(flat))
        if j < len(flat) and flat[j - 1] in ("of", "for", "and", "the", "on", "in"):
            return end  # the office's name goes on ("of the State Council for Peace and ...")
        if j > end + 1:
            end = j
    return end
