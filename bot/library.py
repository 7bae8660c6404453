"""The articles as the engine searches them: facts, match text, names, and the index over all.

Built once per knowledge version. Match text is the article folded with synonyms
(酒店 -> 宾馆, 绿建 -> 绿色建筑), so question and article meet in one vocabulary; the
text shown to followers stays as the article wrote it.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from .article import Article
from .facts import ArticleFacts, extract_facts, is_abbreviation
from .index import GramIndex, grams
from .lexicon import PLACES
from .names import NameIndex, sound
from .question import numbers_in

# Words of the language that mean the same; staff add their own in settings.txt (同义词).
BUILTIN_SYNONYMS = [
    ["宾馆", "酒店", "饭店", "大酒店"], ["举行", "举办", "召开"],
    ["参加", "出席", "参会", "与会", "到会", "参与"], ["参观", "观摩", "考察"], ["成立", "启动", "开幕"], ["电话", "联系电话"],
    ["报告", "分享", "发言", "演讲"], ["公司", "企业"], ["签约", "签署", "签订"],
]


class Canon:
    """Rewrites words to one spelling per synonym group (longest words first)."""

    def __init__(self, groups: list[list[str]]):
        self.table: dict[str, str] = {}
        for group in groups:
            head = group[0]
            for word in group[1:]:
                if len(word) >= 2 and word != head:
                    self.table.setdefault(word, head)
        words = sorted(self.table, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, words))) if words else None

    def __call__(self, text: str) -> str:
        if not self.pattern:
            return text
        return self.pattern.sub(lambda m: self.table[m.group(0)], text)


@dataclass
class Doc:
    id: int
    article: Article
    facts: ArticleFacts
    text: str  # match text: title + body
    sentences: list[str]  # match text per sentence
    names: list[str] = field(default_factory=list)  # long names a question may abbreviate
    name_sounds: dict[str, str] = field(default_factory=dict)  # sound -> name (typos in names)
    numbers: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    own: bool = False  # published by the association that runs the account

    @property
    def when(self) -> str:
        """Sort key for "the newest": the first event date, else the publish date."""
        for event in self.facts.events:
            for date in event.dates:
                if date.year:
                    return date.iso()
        return self.article.published or ""


class Library:
    def __init__(self, articles: list[Article], synonyms: list[list[str]], association: str = ""):
        self.canon = Canon(BUILTIN_SYNONYMS + synonyms)
        self.docs: list[Doc] = []
        self.index = GramIndex()
        self.people = NameIndex()
        owners = Counter(a.contacts.get("owner", "") for a in articles if a.contacts.get("owner"))
        self.association = association or (owners.most_common(1)[0][0] if owners else "")
        for article in articles:
            doc = self._doc(article)
            self.docs.append(doc)
            self.index.add(doc.text)
            for person in doc.facts.people.values():
                self.people.add(person.name, doc.id, person.latin)
        self.index.freeze()

    def _doc(self, article: Article) -> Doc:
        facts = extract_facts(article)
        sentences = [self.canon(s.text) for s in article.sentences]
        text = self.canon(article.title) + "\n" + "".join(sentences)
        names = set(facts.aliases) | set(facts.aliases.values())
        names.update(org for person in facts.people.values() for org, _ in person.roles if len(org) >= 4)
        names.update(re.findall(r"[“「]([^”」]{4,40})[”」]", article.text))
        names.add(article.title)
        owner = article.contacts.get("owner", "")
        if owner:
            names.add(owner)
        names = sorted(self.canon(n) for n in names if n)
        return Doc(
            id=len(self.docs), article=article, facts=facts, text=text, sentences=sentences, names=names,
            name_sounds={sound(n): n for n in names if len(n) <= 12},
            numbers=numbers_in(article.title + article.text),
            places={p for p in PLACES if p in text or p in owner},
            own=bool(self.association and owner and (owner in self.association or self.association in owner)),
        )

    def search(self, query: str, limit: int = 30) -> list[tuple[Doc, float]]:
        return [(self.docs[i], score) for i, score in self.index.search(grams(query), limit=limit)]


def covers(topic: str, text: str, names: list[str], name_sounds: dict[str, str], idf) -> float:
    """Share (0–1, weighted by rarity) of the topic's bigrams that the text accounts for."""
    found, total = coverage_detail(topic, text, names, name_sounds, idf)
    return sum(found.values()) / total if total else 1.0


def coverage_detail(topic: str, text: str, names: list[str], name_sounds: dict[str, str], idf):
    """({piece: weight} the text accounts for, total weight of the topic).

    A bigram counts when it is in the text, or when it lies in a part of the topic that
    abbreviates a name in the text (莆田建协 for 莆田市建筑业协会) or sounds like one (西布办公室).
    """
    total, found = 0.0, {}
    names = [name for name in names if name in text]  # only names this text contains explain anything
    name_sounds = {key: name for key, name in name_sounds.items() if name in text}
    for n, chunk in enumerate(subject_chunks(topic)):
        explained = _explained_spans(chunk, names, name_sounds)
        pieces = [chunk[i:i + 2] for i in range(len(chunk) - 1)] if len(chunk) > 1 else [chunk]
        for i, piece in enumerate(pieces):
            weight = max(idf(piece), 0.3)
            total += weight
            if piece in text or all(explained[i:i + len(piece)]):
                found[(n, i)] = weight
    return found, total


EDGE = re.compile(r"^[有和与及或跟同把被将就也都又还由要]+|[有和与及或跟同把被将就也都又还由要]+$")


def subject_chunks(topic: str) -> list[str]:
    """The topic's pieces that say what it is about: no lone characters, no edge particles.

    协会和建设银行 is two subjects, so chunks are also split at 和 / 与 / 及 / 跟.
    """
    chunks = [EDGE.sub("", chunk) for chunk in re.split(r"[\s和与及跟]+", topic)]
    return [chunk for chunk in chunks if len(chunk) >= 2]


def _explained_spans(chunk: str, names: list[str], name_sounds: dict[str, str]) -> list[bool]:
    mask = [False] * len(chunk)
    if not 3 <= len(chunk) <= 40:  # longer runs are pasted text, not a name to abbreviate
        return mask
    for i in range(len(chunk)):
        for j in range(len(chunk), i + 2, -1):
            part = chunk[i:j]
            if any(mask[i:j]):
                continue
            if sound(part) in name_sounds or any(is_abbreviation(part, name) for name in names):
                mask[i:j] = [True] * (j - i)
                break
    return mask
