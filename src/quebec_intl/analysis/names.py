"""How a sentence names a partner or a region, in French or English: with its article, and in French `de` and `à`
contracted with it (du Tennessee, aux États-Unis), a pair of names each with its own."""

from __future__ import annotations

from ..data.partners import Partner
from ..data.regions import Region
from .text import t

# French contracts `de` and `à` with the article: du Tennessee, des États-Unis, au Tennessee, aux États-Unis.
FRENCH_DE = (("les ", "des "), ("le ", "du "), ("la ", "de la "), ("l'", "de l'"))
FRENCH_A = (("les ", "aux "), ("le ", "au "), ("la ", "à la "), ("l'", "à l'"))
# `in` is where a member lies or belongs, after a noun: French says « les pays de l'Europe », English "in Europe".
CONTRACTIONS = {"from": (FRENCH_DE, "de "), "of": (FRENCH_DE, "de "), "in": (FRENCH_DE, "de "), "at": (FRENCH_A, "à ")}


def _contracted(with_article: str, role: str) -> str:
    """`de` or `à` fused with the article, as French writes it: de la Géorgie, au Tennessee, aux États-Unis; each
    name of a pair takes its own (de l'Afrique et du Moyen-Orient, de l'Amérique latine et des Caraïbes)."""
    table, bare = CONTRACTIONS[role]
    first, joint, second = with_article.partition(" et ")
    if joint and second.startswith(tuple(article for article, _ in table)):
        return f"{_contracted(first, role)} et {_contracted(second, role)}"
    for article, contracted in table:
        if with_article.startswith(article):
            return contracted + with_article[len(article) :]
    return bare + with_article


def names_a_pair(region: Region) -> bool:
    """Whether the name joins two places, each with its article (« l'Afrique et le Moyen-Orient »): « Le Québec et »
    before it would read as three, so a title lists them (« Le Québec, l'Afrique et le Moyen-Orient »)."""
    _, joint, second = region.with_article_fr.partition(" et ")
    return bool(joint) and second.startswith(tuple(article for article, _ in FRENCH_DE))


def partner_phrase(partner: Partner | Region, lang: str, role: str) -> str:
    """`role` is "to", "from", "with", "of" or "at": vers les États-Unis / from the United States / avec la France /
    de la Géorgie / au Tennessee; a region by the name a sentence gives it (« de la SEUS-CP »)."""
    article = partner.sentence_name(lang)
    if not article:
        return t(lang, f"names.{role}_plain", name=partner.name(lang))
    if lang == "fr" and role in CONTRACTIONS:
        article = _contracted(article, role)
    return t(lang, f"names.{role}_article", name=article)


def belonging(region: Region, lang: str) -> str:
    """How a region's members relate to it, after a noun: « membres de la SEUS-CP », « des Amériques », « du
    territoire d'Atlanta »; "in SEUS-CP", "in the Americas" (a continent or a territory has no members)."""
    kind = "within" if region.members_are_within else "member"
    return t(lang, f"names.belonging_{kind}", where=partner_phrase(region, lang, "in"))


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
