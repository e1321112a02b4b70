"""The word lists the news-text rules read names with: heads of organisations' names, legal
forms, titles, places' and buildings' last words, page furniture, documents and events.

Kept apart from the rules (screener/extract.py and the modules its docstring lists) so that
the lists can be read and extended in one place; every list says what its words mark.
"""

from __future__ import annotations

import re

from screener.names import TITLES

# Ranks and titles written before names in news text (compared on normalised tokens).
# Honorifics and ranks (shared with matching) plus the job titles news text puts before names.
TITLE_PHRASES = [
    *TITLES,
    "defense minister", "defence minister", "foreign minister", "deputy defense minister",
    "deputy defence minister", "secretary", "chairman", "director", "director general",
    "general director", "chief", "spokesperson", "tatarstan president", "adviser", "advisor",
    "security adviser", "security advisor", "national security adviser",
    "national security advisor", "speaker", "chief justice", "attorney general",
]
TITLE_SEQUENCES = sorted((tuple(t.split()) for t in TITLE_PHRASES), key=len, reverse=True)
PERSON_TITLES = {t for t in TITLE_SEQUENCES}

ORG_HEADS = frozenset("""
corporation corp holding holdings ministry ministries army navy council association institute
company group bank forces party league union organisation organization agency service services
university academy committee commission government office department bureau authority
federation foundation fund trust enterprise enterprises industries concern plant factory
airlines airways helicopters systems technologies media network press agency tv radio
assembly parliament congress senate duma rada hluttaw majlis railways
division brigade battalion regiment command corps directorate enterprise force forces alliance
centre center complex
""".split())
ORG_CONNECTORS = frozenset({"for", "of", "and", "the", "de"})
# Legal forms that end a company's name, in any case ("Evraz plc", "Chelsea FC").
COMPANY_SUFFIXES = frozenset("""ag bv cjsc co corp dmcc fgup fzc fzco fze gmbh inc kft limited
llc llp lp ltd nv oao ojsc ooo oy pao pjsc plc sa sarl spa srl tov zao fc pte bhd jsc
incorporated asa oyj sas kgaa""".split())
# Lower-case words that make the capitalised word before them an organisation ("VTB bank",
# "the Shoon group"), and the numbered units of armies and state industry.
LOWER_ORG_HEADS = frozenset("bank group holding holdings conglomerate".split())
MILITARY_UNIT_HEADS = frozenset("""division brigade battalion regiment command corps directorate
unit squadron fleet enterprise factory""".split())
# Last words that make a name a place, not an actor ("Hlaing Tharyar Township", "Shan State",
# "Donetsk People's Republic").
PLACE_HEADS = frozenset("""township townships state states region regions district districts
province provinces oblast krai village villages city county prefecture republic territory
island islands zone zones okrug""".split())
# Honorifics that may stand before a single name ("Dr. Sasa", "U Nu", "Daw Suu").
HONORIFICS = frozenset("dr u daw mr mrs ms sayadaw sheikh".split())
# Month and day names that no person's name has ("Mar" in "Zin Mar Aung", "May" in "Theresa
# May", "June" and "August" are names too).
DATE_WORDS = frozenset("""january february march september october november december monday
tuesday wednesday thursday friday saturday sunday""".split())
# Buildings and places made by hands are not actors ("Shwezigon Pagoda").
BUILDING_HEADS = frozenset("""pagoda temple mosque church cathedral monastery palace stadium
airport bridge dam tower square street road avenue highway base airbase port harbour harbor
terminal refinery mill""".split())
# What a number before a name may count ("Two Burma Army officers", "three Kamaz trucks").
COUNTED_NOUNS = frozenset("""officers officials soldiers troops members fighters leaders generals
commanders ministers executives employees staff companies firms banks units battalions ships
vessels tankers aircraft jets helicopters trucks individuals entities people persons men women
subsidiaries affiliates""".split())
# Numbers and quantities before a name describe how many ("Two Burma Army officers").
QUANTITY_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve
dozens hundreds thousands""".split())
# Page furniture: a name with one of these is a credit, a button or a caption, not an actor.
FURNITURE_WORDS = frozenset("""photo photos pdf download subscribe newsletter advertisement
copyright cookie cookies login print share tweet video videos image images getty shutterstock
afp/getty caption click menu podcast recommended wikimedia flickr""".split())
# Heads that, after a country's name or demonym, make one body's name: a country has one
# navy, one government ("Russian Navy", "Indian Army"), and capitalised plurals are trading
# names ("Russian Helicopters", "Turkish Airlines", "Indian Railways").
NATIONAL_NAME_HEADS = frozenset("navy army parliament helicopters airlines airways "
                                "railways treasury".split())
# Bodies whose names go on with "on" ("Commission on Human Rights", "Council on Foreign
# Relations"); after other words "on" starts a phrase of its own ("Council on Tuesday").
ON_NAMED_HEADS = frozenset("commission committee council".split())
# Titles of agreements and laws: the words after "Agreement on (the)" are the document's
# subject, not an organisation ("Agreement on the Abolition of Visas for Holders of ...").
DOCUMENT_WORDS = frozenset("""agreement agreements treaty treaties convention declaration
memorandum protocol accord charter law act decree resolution order directive regulation
license licence principles guidelines statement communique""".split())
# Last words that make a company name ("Daimler Truck", "General Motors").
ORG_TRADE_WORDS = frozenset("""truck trucks motors steel oil gas energy petroleum shipping logistics
aviation electronics engineering mining chemicals pharmaceuticals airlines trading international
""".split())
VESSEL_WORDS = frozenset("warship ship vessel frigate corvette tanker destroyer submarine".split())
# Prefixes of ships' names: motor tanker, motor vessel, steamship.
VESSEL_PREFIXES = frozenset("MT MV M/T M/V SS".split())
EVENT_HEADS = frozenset("""
day days games war forum summit conference parade exhibition anniversary dialogue partnership
agreement declaration resolution programme program festival award prize treaty accord week
list report index initiative briefing roadmap corridor consensus meeting meetings""".split())  # ... and documents: "Entity List", "Belt and Road Initiative"
# Abstract last words: a name only when an organisation word comes before them
# ("Association for Friendship and Cooperation", not "Cultural Cooperation").
ABSTRACT_HEADS = frozenset("cooperation relations affairs development friendship".split())
# "State-run Xinhua", "Kremlin-backed Kadyrov": a capitalised compound adjective at a
# sentence start describes the name after it and is no part of it.
DESCRIBING_COMPOUND = re.compile(r"^[A-Z][A-Za-z.]+-(?:run|owned|controlled|backed|led|based|funded|"
                                 r"linked|affiliated|aligned|allied|appointed|installed|registered|"
                                 r"incorporated|headquartered|listed|made)$")
# Lower-case parts of persons' names ("Ursula von der Leyen", "Abu Mohammad al-Jolani").
NAME_PARTICLE = re.compile(r"^(?:bin|ibn|bint|van|von|der|den|de|da|di|du|del|della|dos|das|la|le|"
                           r"y|(?:al|el|ad|an|ar|as|ash|at|az|ul)-[A-Z][\w’'-]*)$")
PERSON_PARTICLES = frozenset("bin ibn bint van von der den da di du del della dos das".split())
# One-word company names of the Russian and similar kind end in what the company does
# ("Promsvyazbank", "Rosneft", "Rosoboronexport", "Sovcomflot", "Gazprom").
ORG_WORD_ENDINGS = ("bank", "neft", "prom", "export", "import", "holding", "energo", "atom",
                    "flot", "stroy", "telecom", "trans")
# Capitalised words that name a kind of body, not one body ("the Treasury said", "State").
GENERIC_ORG_WORDS = frozenset("""state treasury government parliament military junta regime police
court cabinet embassy central federal national""".split())
# Words that describe a kind of body along with its head word ("Air Force", "Armed Forces").
DESCRIBING_WORDS = frozenset("air armed special".split())
WEB_ADDRESS = re.compile(r"\.(?:org|com|net|gov|info|io|int|ru|mm)$", re.I)
GENERIC_PERSON_WORDS = frozenset("""
coup leader junta leaders official officials spokesperson minister president general
deputy chief commander head director representative delegation members member
""".split())
# Words of civil-society and media names made of dictionary words ("Human Rights Watch",
# "Global Witness", "Frontier Myanmar"): with a reporting verb after them, such a name is a
# body's, where the recogniser (which misses them at a sentence start) found nothing.
BODY_NAME_WORDS = frozenset("""international watch witness rights campaign justice global amnesty
transparency crisis peace freedom democracy monitor frontier institute centre center""".split())
# Nouns that say a body is named next to them ("its subsidiary X", "arms company Rostec",
# "X, a truck company").
ORG_NOUNS = frozenset("""company companies firm manufacturer maker producer corporation conglomerate
holding agency group supplier exporter subsidiary affiliate concern dealer trader broker lender operator
contractor carrier insurer giant monopoly""".split())
