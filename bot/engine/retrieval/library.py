"""The articles as the engine searches them: facts, match text, names, and the index over all.

Built once per knowledge version. Match text is the article folded with synonyms
(酒店 -> 宾馆, 绿建 -> 绿色建筑), so question and article meet in one vocabulary; the
text shown to followers stays as the article wrote it.
"""

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from .. import thresholds
from ..reading.article import Article
from ..reading.facts import ArticleFacts, extract_facts, is_abbreviation
from ..reading.orgs import org_mentions
from ..text.folding import pinyin_syllables
from ..text.lexicon import ORG_SUFFIX_RE, PLACES, POSTS_SPLIT
from ..text.numerals import numbers_in
from ..text.vocab import pairs, words
from .index import GramIndex, grams
from .names import NameIndex, sound

PROVINCE_ABBREVIATIONS = pairs("province_abbreviations")

# Words of the language that mean the same (vocab/synonyms.txt); staff add their own in settings.txt (同义词).
BUILTIN_SYNONYMS = [line.split() for line in words("synonyms")]


class Canon:
    """Rewrites words to one spelling per synonym group (longest words first)."""

    @property
    def org_spellings(self) -> tuple[str, ...]:
        """The spellings that stand for an organisation ending (建协 for 建筑业协会), so a question's
        武汉建协 is still read as naming an organisation after the rewrite."""
        return tuple({head for word, head in self.table.items() if ORG_SUFFIX_RE.search(word)})

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
    short_names: dict[str, list[str]] = field(default_factory=dict)  # full name -> what the article calls it after
    from_own_association: bool = False  # published by the association that runs the account

    @functools.cached_property
    def when(self) -> str:
        """Sort key for "the newest": the first event date, else the publish date (kept: every
        question that fits several articles sorts them all by it)."""
        for event in self.facts.events:
            for date in event.dates:
                if date.year:
                    return date.iso()
        return self.article.published or ""


class Library:
    def __init__(self, articles: list[Article], synonyms: list[list[str]], association: str = "",
                 previous: "Library | None" = None):
        self.canon = Canon(BUILTIN_SYNONYMS + synonyms)
        self.docs: list[Doc] = []
        self.index = GramIndex()
        self.people = NameIndex()
        self._pinyin: dict[int, dict[str, str]] = {}
        owners = Counter(a.contacts.get("owner", "") for a in articles if a.contacts.get("owner"))
        self.association = association or (owners.most_common(1)[0][0] if owners else "")
        # On a reload, an article that did not change is not read again: its facts, match text and
        # names are the previous build's (reading is ~2 ms an article: 6 s for 3,000).
        same = previous is not None and (previous.canon.table, previous.association) == (self.canon.table,
                                                                                        self.association)
        kept = {doc.article.path: doc for doc in previous.docs} if same else {}
        for article in articles:
            old = kept.get(article.path)
            if old is not None and old.article == article:
                doc = dataclasses.replace(old, id=len(self.docs), article=article)
            else:
                doc = self._doc(article)
            self.docs.append(doc)
            self.index.add(doc.text)
            for person in doc.facts.people.values():
                self.people.add(person.name, doc.id, person.latin, [t for _, title in person.roles
                                                                    for t in POSTS_SPLIT.split(title)])
        self.index.freeze()
        # every article's field labels (联系人, 标准编号…): a question naming none needs no label lookup
        self.labels = {label for doc in self.docs for label in doc.facts.labels}
        # the prefixes of notices' file numbers (江农函 of 江农函〔2024〕17号): a question naming one asks a number
        self.file_prefixes = {m.group(0) for doc in self.docs
                              if (m := re.match(r"[\u4e00-\u9fff]{2,}", doc.article.document_number))}
        # A question that names no subject lists articles own news first, then newest first.
        self.by_recency = sorted(self.docs, key=lambda d: (d.from_own_association, d.when), reverse=True)

    def _doc(self, article: Article) -> Doc:
        facts = extract_facts(article)
        sentences = [self.canon(s.text).lower() for s in article.sentences]  # BIPV is asked as bipv
        owner = article.contacts.get("owner", "")
        # The page's header and footer name who published it, and where: part of what the article is
        # about (a provincial notice says 我省 and shows its province only in its footer or file number).
        home = " ".join(publisher_places(article))
        # (and its file number, 江农函〔2024〕17号, by which a follower may name the notice)
        text = ("\n".join(self.canon(t).lower() for t in (article.title, article.site_name, owner, home,
                                                           article.document_number)) + "\n"
                + "".join(sentences))
        names = set(facts.aliases) | set(facts.aliases.values())
        names.update(org for person in facts.people.values() for org, _ in person.roles if len(org) >= 4)
        names.update(re.findall(r"[“「]([^”」]{4,40})[”」]", article.text))
        names.update(name for s in article.sentences for name in org_mentions(s.text))
        names.add(article.title)
        if owner:
            names.add(owner)
        names = sorted(self.canon(n) for n in names if n)
        short_names: dict[str, list[str]] = {}
        for short, full in facts.aliases.items():  # 省勘设协会 stands for 青海省工程勘察设计行业协会
            short_names.setdefault(self.canon(full), []).append(self.canon(short).lower())
        return Doc(
            id=len(self.docs), article=article, facts=facts, text=text, sentences=sentences, names=names,
            name_sounds={sound(n): n for n in names if len(n) <= 12},
            numbers=numbers_in(article.title + article.text),
            places={p for p in PLACES if p in text or p in owner}, short_names=short_names,
            from_own_association=bool(self.association and owner and (owner in self.association or self.association in owner)),
        )

    def pinyin_words(self, doc: Doc) -> dict[str, str]:
        """Two- and three-character words of an article by their pinyin (guantang -> 官塘), for
        English questions that spell a Chinese name. Built on first use, for few articles."""
        if doc.id not in self._pinyin:
            if len(self._pinyin) > 256:
                self._pinyin.clear()
            words = {}
            for run in re.findall(r"[\u4e00-\u9fff]+", doc.article.title + doc.article.text):
                for size in (2, 3):
                    for i in range(len(run) - size + 1):
                        words.setdefault("".join(pinyin_syllables(run[i:i + size])), run[i:i + size])
            self._pinyin[doc.id] = words
        return self._pinyin[doc.id]

    def search(self, query: str, limit: int = 30) -> list[tuple[Doc, float]]:
        return [(self.docs[i], score) for i, score in self.index.search(grams(query), limit=limit)]






def publisher_places(article: Article) -> list[str]:
    """The provinces and cities the page's footer address and the notice's file number name."""
    places = [p for p in PLACES if p in article.contacts.get("address", "")]
    province = PROVINCE_ABBREVIATIONS.get(article.document_number[:1])
    if province and province not in places:
        places.append(province)
    return places


LATIN_WORD = re.compile(r"[a-z0-9]+")


class Subject:
    """What a question is about, compared with many texts of many articles.

    Built once per question: bigram weights are looked up once, and which parts of the
    subject abbreviate or sound like a name in an article (莆田建协 for 莆田市建筑业协会,
    西布办公室 for 西部办公室) is worked out once per article, only for the parts the
    article does not spell out as they are.
    """

    def __init__(self, topic: str, idf):
        self.chunks = subject_chunks(topic)
        # Chinese is read in bigrams; a Latin word is one piece, as the index holds it (its letter
        # pairs, "ca" "an" "nn", are in any English paragraph of any article)
        grams = [[c] if LATIN_WORD.fullmatch(c) else [c[i:i + 2] if len(c) > 1 else c for i in range(max(len(c) - 1, 1))]
                 for c in self.chunks]
        weights = {g: idf(g) for pieces in grams for g in pieces}
        seen = [w for w in weights.values() if w > 0]
        # A gram no article has weighs like an ordinary word of the question: the question asks
        # about something the knowledge never mentions (下雨 in 明天南京会下雨吗). Unless it
        # straddles two known words (立当 in 成立当天): then it is a seam, not a word.
        unseen = thresholds.UNSEEN_WEIGHT * (sum(seen) / len(seen) if seen else 1.0)

        def weight(pieces, i):
            if weights[pieces[i]]:
                return max(weights[pieces[i]], 0.3)
            seam = 0 < i < len(pieces) - 1 and weights[pieces[i - 1]] and weights[pieces[i + 1]]
            return 0.3 if seam else unseen

        self.pieces = [[(g, weight(pieces, i)) for i, g in enumerate(pieces)] for pieces in grams]
        self.total = sum(w for pieces in self.pieces for _, w in pieces)
        self._spans: dict[int, list[tuple[int, int, int, list[str]]]] = {}

    def __bool__(self):
        return bool(self.chunks)

    def coverage(self, text: str, doc: "Doc") -> float:
        """Share (0–1, weighted by rarity) of the subject that the text accounts for."""
        found = self.covered(text, doc)
        return sum(found.values()) / self.total if self.total else 1.0

    def covered(self, text: str, doc: "Doc") -> dict[tuple[int, int], float]:
        """{(chunk, piece): weight} for the pieces the text accounts for."""
        explained = {}
        for n, start, end, spellings in self._doc_spans(doc):
            if any(spelling in text for spelling in spellings):
                explained.setdefault(n, set()).update(range(start, end))
        found = {}
        for n, pieces in enumerate(self.pieces):
            for i, (piece, weight) in enumerate(pieces):
                if piece in text or (n in explained and {i, i + len(piece) - 1} <= explained[n]):
                    found[(n, i)] = weight
        return found

    def _doc_spans(self, doc: "Doc") -> list[tuple[int, int, int, list[str]]]:
        if doc.id not in self._spans:
            spans = []
            for n, chunk in enumerate(self.chunks):
                if 3 <= len(chunk) <= 40 and chunk not in doc.text:
                    spans += [(n, i, j, _spellings(name, doc)) for i, j, name in _name_spans(chunk, doc)]
                elif 3 <= len(chunk) <= 40 and chunk not in doc.article.title:
                    # 江州书协, said once in the text, abbreviates 江州市书法家协会 where a sentence spells it
                    # out; only as a whole, and only a body's name
                    spans += [(n, i, j, _spellings(name, doc)) for i, j, name in _name_spans(chunk, doc, bodies_only=True)
                              if (i, j) == (0, len(chunk))]
                if len(chunk) >= 4 and not (len(chunk) <= 40 and chunk not in doc.text):  # named (in part) in full, but the sentences may say 《标准》 (以下简称)
                    for full, shorts in doc.short_names.items():
                        if full in chunk:
                            spans.append((n, chunk.find(full), chunk.find(full) + len(full), [full] + shorts))
                        elif chunk in full:
                            spans.append((n, 0, len(chunk), [chunk] + shorts))
            self._spans[doc.id] = spans
        return self._spans[doc.id]


def _spellings(name: str, doc: "Doc") -> list[str]:
    """A name and what the article calls it for short (甘南州林草产业促进协会: 州林草协会)."""
    return [name] + [short for full, shorts in doc.short_names.items() if name in full or full in name
                     for short in shorts]


def _name_spans(chunk: str, doc: "Doc", bodies_only: bool = False) -> list[tuple[int, int, str]]:
    """Parts of the chunk that abbreviate or sound like one of the article's names (`bodies_only`:
    names of bodies, 江州市杂技家协会 for 江州杂协, not 新一届江州杂协 that holds it as it is)."""
    chars = set(chunk)
    names = [name for name in doc.names if len(chars & set(name)) >= 2
             and (not bodies_only or ORG_SUFFIX_RE.search(name))]
    spans, taken = [], [False] * len(chunk)
    for i in range(len(chunk)):
        for j in range(len(chunk), i + 2, -1):
            if any(taken[i:j]):
                continue
            part = chunk[i:j]
            # the shortest name it abbreviates: 某省灯协 is 某省灯具工业协会, not 前两届某省灯具工业协会
            name = doc.name_sounds.get(sound(part)) or min(
                (n for n in names if is_abbreviation(part, n) and not (bodies_only and part in n)), key=len, default=None)
            if name:
                spans.append((i, j, name))
                taken[i:j] = [True] * (j - i)
                break
    return spans


EDGE = re.compile(r"^[有和与及或跟同把被将就也都又还由要对]+|[有和与及或跟同把被将就也都又还由要开办去看做每]+$")


def subject_chunks(topic: str) -> list[str]:
    """The topic's pieces that say what it is about: no lone characters, no edge particles.

    协会和建设银行 is two subjects, so chunks are also split at 和 / 与 / 及 / 跟.
    """
    chunks = [EDGE.sub("", chunk) for chunk in re.split(r"[\s和与及跟]+", topic)]
    return [chunk for chunk in chunks if len(chunk) >= 2]
