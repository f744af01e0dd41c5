"""How person names are matched: one folding rule shared by extraction, store and search.

Accents and case fold, and any punctuation separates words: `Šefčovič`, `SEFCOVIC` and
`Sefcovic` are one key, as are `Kim Jong-un` and `Kim Jong Un`, `O'Brien` and
`O Brien`, `J.P. Nadda` and `J. P. Nadda`. Mailing-list renderings often lose accents
(plain-text parts, ASCII archives), so a folded match finds the same person far more
often than it confuses two; the display name keeps the accents.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD_RE = re.compile(r"[^\W_]+")

# Lower-case words inside names; a trailing run of them belongs to the surname
# (`von der Leyen`, `da Silva`, `bin Salman`).
PARTICLES = {
    "van", "von", "der", "den", "de", "da", "das", "do", "dos", "del", "della", "di", "du",
    "la", "le", "bin", "binti", "bint", "ibn", "al", "el", "ter", "ten", "y", "zu",
}


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """The key a name is matched by: `Zoë O’Brien` -> `zoe o brien`."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(_WORD_RE.findall(text))


def name_parts(name: str) -> dict[str, str]:
    """Folded keys a name is found by, each with its kind: `full` (the whole name) and
    `last` (its last word, and the surname with its particles: `von der leyen`). A first
    name alone finds no one (`Dewey` is not `Dewey Sim`); the short forms an article
    uses (`Wang` for Wang Yi) are added as aliases when seen."""
    keys = {fold_name(name): "full"}
    words = name.split()
    if len(words) < 2:
        return keys
    keys.setdefault(fold_name(words[-1]), "last")
    tail = len(words) - 1
    while tail > 1 and words[tail - 1].lower() in PARTICLES:
        tail -= 1
    if tail < len(words) - 1:
        keys.setdefault(fold_name(" ".join(words[tail:])), "last")
    return keys
