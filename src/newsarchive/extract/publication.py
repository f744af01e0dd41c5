"""Which publication an article comes from: name lines, wire credits, domains, copyright."""

from __future__ import annotations

import re
from functools import lru_cache

# Canonical name -> other spellings seen in dumps (matched case-insensitively, with or
# without a leading "The"). Extend here; no code changes needed for a new outlet.
PUBLICATIONS: dict[str, list[str]] = {
    "South China Morning Post": ["SCMP", "South China Morning Post"],
    "Reuters": ["Reuters", "Thomson Reuters"],
    "Associated Press": ["AP", "Associated Press", "The Associated Press"],
    "Agence France-Presse": ["AFP", "Agence France-Presse", "Agence France Presse"],
    "Bloomberg": ["Bloomberg", "Bloomberg News", "Bloomberg Opinion"],
    "The New York Times": ["New York Times", "NYT", "NYTimes"],
    "The Washington Post": ["Washington Post"],
    "The Wall Street Journal": ["Wall Street Journal", "WSJ"],
    "Financial Times": ["Financial Times", "FT"],
    "The Guardian": ["Guardian", "Guardian News & Media", "Guardian News and Media"],
    "Al Jazeera": ["Al Jazeera", "Al Jazeera English"],
    "Nikkei Asia": ["Nikkei Asia", "Nikkei Asian Review", "Nikkei"],
    "The Economist": ["Economist"],
    "Foreign Affairs": ["Foreign Affairs"],
    "Foreign Policy": ["Foreign Policy"],
    "Xinhua": ["Xinhua", "Xinhua News Agency"],
    "Global Times": ["Global Times"],
    "TASS": ["TASS", "ITAR-TASS"],
    "Los Angeles Times": ["Los Angeles Times", "LA Times"],
    "BBC News": ["BBC", "BBC News"],
    "CNN": ["CNN"],
    "The Japan Times": ["Japan Times"],
    "The Straits Times": ["Straits Times"],
    "The Times of India": ["Times of India"],
    "The Times": ["The Times"],
    "The Telegraph": ["Telegraph", "Daily Telegraph"],
    "The Independent": ["Independent"],
    "The Atlantic": ["Atlantic"],
    "Politico": ["Politico"],
    "Axios": ["Axios"],
    "NPR": ["NPR"],
    "San Jose Mercury News": ["San Jose Mercury News", "Mercury News"],
    "Asia Times": ["Asia Times"],
    "The Diplomat": ["Diplomat"],
    "Haaretz": ["Haaretz"],
    "The National Interest": ["National Interest"],
    "Responsible Statecraft": ["Responsible Statecraft"],
    "China Daily": ["China Daily"],
    "Kyodo News": ["Kyodo", "Kyodo News"],
    "Yonhap": ["Yonhap", "Yonhap News Agency"],
    "The New Yorker": ["New Yorker"],
    "The Boston Globe": ["Boston Globe"],
    "Project Syndicate": ["Project Syndicate"],
    "Brookings Institution": ["Brookings", "Brookings Institution", "The Brookings Institution"],
    "Center for Strategic and International Studies": ["CSIS"],
    "Council on Foreign Relations": ["CFR"],
    "Carnegie Endowment for International Peace": ["Carnegie Endowment"],
    "Chatham House": ["Chatham House"],
    "Lowy Institute": ["Lowy Institute", "The Interpreter"],
    "RAND": ["RAND Corporation", "RAND"],
    "Atlantic Council": ["Atlantic Council"],
    "Quincy Institute": ["Quincy Institute for Responsible Statecraft"],
    "Deutsche Welle": ["DW", "Deutsche Welle"],
    "Le Monde": ["Le Monde"],
    "Der Spiegel": ["Spiegel", "Der Spiegel", "Spiegel International"],
    "Caixin": ["Caixin", "Caixin Global"],
    "Korea Herald": ["Korea Herald", "The Korea Herald"],
    "The Hindu": ["The Hindu"],
    "Sydney Morning Herald": ["Sydney Morning Herald"],
    "Channel NewsAsia": ["CNA", "Channel NewsAsia"],
    "Dow Jones Newswires": ["Dow Jones Newswires"],
    "CNBC": ["CNBC"],
    "Fox News": ["Fox News"],
    "NBC News": ["NBC News"],
    "CBS News": ["CBS News"],
    "ABC News": ["ABC News"],
    "Time": ["TIME", "Time Magazine"],
    "Newsweek": ["Newsweek"],
    "Vox": ["Vox"],
    "ProPublica": ["ProPublica"],
    "The Hill": ["The Hill"],
    "El País": ["El Pais", "El País English", "El País"],
    "United Press International": ["UPI", "United Press International"],
    "Deutsche Presse-Agentur": ["dpa", "Deutsche Presse-Agentur"],
}

# Web domains -> canonical names, for "https://www.scmp.com/..." lines.
DOMAINS: dict[str, str] = {
    "scmp.com": "South China Morning Post",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "afp.com": "Agence France-Presse",
    "bloomberg.com": "Bloomberg",
    "bloomberg.net": "Bloomberg",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times",
    "theguardian.com": "The Guardian",
    "aljazeera.com": "Al Jazeera",
    "asia.nikkei.com": "Nikkei Asia",
    "economist.com": "The Economist",
    "foreignaffairs.com": "Foreign Affairs",
    "foreignpolicy.com": "Foreign Policy",
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "globaltimes.cn": "Global Times",
    "tass.com": "TASS",
    "latimes.com": "Los Angeles Times",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "cnn.com": "CNN",
    "japantimes.co.jp": "The Japan Times",
    "straitstimes.com": "The Straits Times",
    "politico.com": "Politico",
    "axios.com": "Axios",
    "npr.org": "NPR",
    "asiatimes.com": "Asia Times",
    "thediplomat.com": "The Diplomat",
    "haaretz.com": "Haaretz",
    "responsiblestatecraft.org": "Responsible Statecraft",
    "chinadaily.com.cn": "China Daily",
    "project-syndicate.org": "Project Syndicate",
    "brookings.edu": "Brookings Institution",
    "csis.org": "Center for Strategic and International Studies",
    "cfr.org": "Council on Foreign Relations",
    "newyorker.com": "The New Yorker",
    "bostonglobe.com": "The Boston Globe",
    "theatlantic.com": "The Atlantic",
    "kyodonews.net": "Kyodo News",
    "en.yna.co.kr": "Yonhap",
    "caixinglobal.com": "Caixin",
    "caixin.com": "Caixin",
    "lowyinstitute.org": "Lowy Institute",
    "nikkei.com": "Nikkei Asia",
    "dw.com": "Deutsche Welle",
    "channelnewsasia.com": "Channel NewsAsia",
    "cnbc.com": "CNBC",
    "lemonde.fr": "Le Monde",
    "elpais.com": "El País",
    "spiegel.de": "Der Spiegel",
    "thehill.com": "The Hill",
    "time.com": "Time",
}

# Wire agencies: the name that stands in `(AP)` / `(Reuters)` credits.
AGENCY_CREDITS: dict[str, str] = {
    "AP": "Associated Press",
    "Reuters": "Reuters",
    "AFP": "Agence France-Presse",
    "Bloomberg": "Bloomberg",
    "Xinhua": "Xinhua",
    "TASS": "TASS",
    "Kyodo": "Kyodo News",
    "Yonhap": "Yonhap",
    "UPI": "United Press International",
    "dpa": "Deutsche Presse-Agentur",
}

# The last word of a publication's name, for outlets not listed above
# ("The Jakarta Post", "The Hindu Times").
PUBLICATION_WORDS = {
    "Post", "Times", "Journal", "Herald", "Tribune", "News", "Review", "Daily", "Gazette",
    "Telegraph", "Chronicle", "Observer", "Monitor", "Press", "Standard", "Guardian",
    "Globe", "Mail", "Express", "Star", "Sun", "Inquirer", "Register", "Dispatch",
    "Bulletin", "Weekly", "Magazine", "Affairs", "Agency", "Online", "Insider",
    "Institute", "Institution", "Studies", "Council", "Foundation", "Center", "Centre",
}
# Lower-case words allowed inside a publication's name.
NAME_JOINERS = {"of", "the", "and", "&", "for", "on", "in"}
# `Al Jazeera and news agencies`, `Reuters with agencies`: the outlet that credits itself.
WITH_AGENCIES_RE = re.compile(r"^(?P<name>.+?)\s+(?:and|with|&)\s+(?:(?:news\s+)?(?:agencies|wires)|"
                              r"AFP|AP|Reuters|Bloomberg|dpa|Xinhua)$",
                              re.IGNORECASE)
# `BBC News, Madrid`: a known outlet and the place the story came from.
PUBLICATION_PLACE_RE = re.compile(r"^(?P<name>[^,]{2,40}),\s*(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})$")

_ALIAS_INDEX: dict[str, str] = {}
for _canonical, _aliases in PUBLICATIONS.items():
    for _alias in [_canonical, *_aliases]:
        _ALIAS_INDEX[_alias.casefold()] = _canonical
        _bare = re.sub(r"^the\s+", "", _alias.casefold())
        if " " in _bare or _bare == _alias.casefold():  # not "Times" for "The Times"
            _ALIAS_INDEX[_bare] = _canonical

URL_RE = re.compile(r"https?://(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})(?:[/?#]\S*)?", re.IGNORECASE)
FROM_LINE_RE = re.compile(
    r"^(?:From|Source|Via|Published (?:in|by)|Originally published (?:in|by)|Reprinted from)"
    r"[: ]+(?:the\s+)?(?P<name>[A-Z][\w.&' -]+?)(?:,|\s+[-—–]|:?\s*$)",
    re.IGNORECASE,
)
SOURCE_TAG_RE = re.compile(r"\[SOURCE:\s*(?P<name>[^,\]]+)", re.IGNORECASE)
# The lead of a copyright line, up to the owner's name: `Copyright © 2025,`, `(c) 2003`.
COPYRIGHT_LEAD_RE = re.compile(
    r"^(?:copyright\s*:?|©|\(c\))\s*(?:©\s*)?(?:(?:19|20)\d{2}\s*(?:[-–]\s*(?:19|20)\d{2})?\s*)?,?\s*",
    re.IGNORECASE,
)
REPRINT_RE = re.compile(
    r"\b(?:(?:originally|first) (?:published|appeared)|appeared) (?:by|in|on)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w.&' -]{2,60}?)"
    r"(?:[.,:]|\s+on\b|$)", re.IGNORECASE,
)
COMPANY_SUFFIX_RE = re.compile(
    r"(?:,?\s+(?:Limited|Ltd|Inc|LLC|PLC|Company|Co|Corp|Corporation|GmbH|S\.A|Group|Holdings))+\.?$",
    re.IGNORECASE,
)


SPACES_RE = re.compile(r"\s+")
LEADING_THE_RE = re.compile(r"^the\s+")


# The most characters other than spaces a name can have and still be found: those of
# the longest key, and of a leading "the" that the bare lookup drops. Folding the case
# never makes a name shorter nor turns a character into a space, and spacing only
# shrinks, so a longer name (a line of prose asked about) is answered without folding it.
LONGEST_NAME = max(map(len, _ALIAS_INDEX)) + len("the")


# The first word of every key, and "the" (which the bare lookup drops): a name found by
# `lookup_publication` begins, stripped and folded as it is there, with one of these.
ALIAS_FIRST_WORDS = frozenset({key.split(" ")[0] for key in _ALIAS_INDEX} | {"the"})


# Cached: a byline is looked up piece by piece, several times, by several steps.
@lru_cache(maxsize=4096)
def lookup_publication(name: str) -> str | None:
    """The canonical name for a known publication name or alias, else None."""
    key = name.strip().strip(".,:;")
    if len(key) > LONGEST_NAME and len("".join(key.split())) > LONGEST_NAME:
        return None
    key = SPACES_RE.sub(" ", key.casefold())
    bare = LEADING_THE_RE.sub("", key)
    return _ALIAS_INDEX.get(key) or (_ALIAS_INDEX.get(bare) if " " in bare else None)


def publication_from_domain(text: str) -> str | None:
    for match in URL_RE.finditer(text):
        host = match.group(1).lower()
        parts = host.split(".")
        for i in range(len(parts) - 1):
            name = DOMAINS.get(".".join(parts[i:]))
            if name:
                return name
    return None


def parse_publication_line(line: str) -> str | None:
    """A header line that names the publication, as its canonical name.

    Accepts a bare name ("The South China Morning Post"), a "From the … , date" credit,
    a "[SOURCE: …]" tag, a URL, or an unknown outlet shaped like "The Jakarta Post".
    """
    line = line.strip()
    if not line or len(line) > 200:
        return None
    known = lookup_publication(line)
    if known:
        return known
    agencies = WITH_AGENCIES_RE.match(line)
    if agencies:
        return lookup_publication(agencies.group("name"))
    for pattern in (SOURCE_TAG_RE, FROM_LINE_RE):
        match = pattern.search(line)
        if match:
            name = match.group("name").strip()
            return lookup_publication(name) or (name if _publication_shaped(name) else None)
    if URL_RE.fullmatch(line) or (URL_RE.search(line) and len(line.split()) <= 3):
        return publication_from_domain(line)
    if _publication_shaped(line):
        return line.strip(".,:;")
    return None


def publication_from_copyright(line: str) -> str | None:
    """The owner a copyright or reprint line names, as a known or publication-shaped name."""
    text = line.strip()
    reprint = REPRINT_RE.search(text)
    if reprint:
        text = reprint.group("name")
    elif not COPYRIGHT_LEAD_RE.match(text):
        return None
    text = COPYRIGHT_LEAD_RE.sub("", text)
    text = re.split(r"\.\s|\s+or its\b|\s+all rights\b|,\s*(?:19|20)\d{2}", text, maxsplit=1,
                    flags=re.IGNORECASE)[0]
    text = re.sub(r"\s+(?:19|20)\d{2}$", "", text.strip(" .,"))
    text = COMPANY_SUFFIX_RE.sub("", text).strip(" .,")
    if not text:
        return None
    return _known_prefix(text) or (text if _publication_shaped(text) else None)


def _known_prefix(name: str) -> str | None:
    """The longest leading part of `name` that is a known publication:
    `Haaretz Daily Newspaper` -> Haaretz, `The New York Times Company` -> The New York Times."""
    tokens = name.split()
    for cut in range(len(tokens), 0, -1):
        known = lookup_publication(" ".join(tokens[:cut]))
        if known:
            return known
    return None


EMAIL_DOMAIN_RE = re.compile(r"[\w.+-]+@(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.IGNORECASE)


def publication_from_email(text: str) -> str | None:
    """The outlet of a staff address in a credit line: `jane@caixin.com` -> Caixin."""
    for match in EMAIL_DOMAIN_RE.finditer(text):
        name = publication_from_domain("https://" + match.group("host"))
        if name:
            return name
    return None


def _mention_pattern() -> re.Pattern[str]:
    # Names as written (case kept), long enough not to be a common word: `The Telegraph`,
    # `SCMP`, `WSJ`; two-letter abbreviations (`AP`, `FT`) are left out.
    names = {n for c, aliases in PUBLICATIONS.items() for n in [c, *aliases]
             if (len(n) >= 4 and n[0].isupper()) or (len(n) == 3 and n.isupper())}
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![\w-])")


MENTION_RE = _mention_pattern()


def publication_in_text(text: str) -> str | None:
    """The first known outlet named in a line of site furniture (a promo, a role line)."""
    match = MENTION_RE.search(text)
    return lookup_publication(match.group(0)) if match else None


# A page title's outlet: `Headline | Reuters`, `Headline - The Japan Times`, `FT: Headline`,
# `Headline (AP)`.
TITLE_SUFFIX_RE = re.compile(r"^(?P<title>.{10,}?)\s+(?:\||-|–|—|::)\s+(?P<name>[^|–—]{2,50}?)\s*$")
TITLE_PREFIX_RE = re.compile(r"^(?P<name>[A-Z][\w .&']{1,40}?)\s*:\s+(?P<title>.{10,})$")
TITLE_PAREN_RE = re.compile(r"^(?P<title>.{10,}?)\s*\((?P<name>[^()]{2,40})\)\s*$")


def subject_credit(subject: str) -> tuple[str, str] | None:
    """(title, publication) when a subject names a known outlet before or after the title."""
    for pattern in (TITLE_SUFFIX_RE, TITLE_PAREN_RE, TITLE_PREFIX_RE):
        match = pattern.match(subject.strip())
        if match and match.group("name").strip()[:1].isupper():
            name = AGENCY_CREDITS.get(match.group("name").strip()) or lookup_publication(match.group("name"))
            if name:
                return match.group("title").strip(), name
    return None


def parse_publication_place(line: str) -> tuple[str, str] | None:
    """`BBC News, Madrid` -> (BBC News, Madrid): a known outlet, then a place."""
    match = PUBLICATION_PLACE_RE.match(line.strip())
    if not match:
        return None
    name = lookup_publication(match.group("name"))
    return (name, match.group("place")) if name else None


def _publication_shaped(text: str) -> bool:
    tokens = text.strip(".,:;").split()
    if tokens and tokens[0].lower() in {"by", "from", "via", "source"}:
        return False
    if not 2 <= len(tokens) <= 7:
        return False
    if not all(t[:1].isupper() or t.lower() in NAME_JOINERS for t in tokens):
        return False
    return tokens[-1] in PUBLICATION_WORDS
