"""Finding the people a question names, exactly or by sound.

Followers type names from memory: 武勇 for 武涌, 吴景善 for 吴景山, "Yang Xiwei" for 杨西伟.
Every name is indexed by its characters, its toneless pinyin (with the usual regional
confusions folded: zh/z, ch/c, sh/s, n/l, in/ing, en/eng) and any Latin form the article
gives, so a lookup is a few dictionary probes per question, whatever the number of people.
"""

import functools
import re
from collections import defaultdict

from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.seg.simpleseg import seg

from ..reading.people import HONORIFICS, plausible_name
from ..text.folding import pinyin_syllables
from ..text.lexicon import COMPOUND_SURNAMES, TITLE_CORE, TITLE_RE
from ..text.vocab import words

NAME_FOLLOWERS = words("name_followers")

_FUZZY = [(re.compile(r"^zh"), "z"), (re.compile(r"^ch"), "c"), (re.compile(r"^sh"), "s"), (re.compile(r"^n"), "l"),
          (re.compile(r"ing$"), "in"), (re.compile(r"eng$"), "en"), (re.compile(r"ang$"), "an")]


@functools.lru_cache(maxsize=100_000)
def _word_syllables(word: str) -> tuple[str, ...]:
    return pinyin_syllables(word)


def syllables(text: str) -> tuple[str, ...]:
    """pinyin_syllables, word by word: the same syllables (pypinyin reads each word of its own
    segmentation on its own), but a word already seen is a dictionary probe. Every organisation
    and person name of every article is keyed: a quarter of reading an article went to pypinyin."""
    return tuple(s for word in seg(text) for s in _word_syllables(word))


@functools.lru_cache(maxsize=100_000)
def sound(text: str) -> str:
    """A loose pinyin key: 吴景山, 吴景善 and 吴晶杉 all sound alike."""
    return " ".join(_fuzzy(syllable) for syllable in syllables(text))


def other_sounds(name: str, most: int = 16) -> set[str]:
    """The name's sound with its characters' other readings: 郑伯安 is also zen bai an, so a
    follower who types 郑柏安 (bai, usually) finds him."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name):
        return set()
    keys = [""]
    for readings in pinyin(name, style=Style.NORMAL, heteronym=True):
        fuzzy = dict.fromkeys(_fuzzy(r) for r in readings)
        keys = [f"{k} {r}".strip() for k in keys for r in fuzzy][:most]
    return set(keys) - {sound(name)}


def _fuzzy(syllable: str) -> str:
    for pattern, repl in _FUZZY:
        syllable = pattern.sub(repl, syllable)
    return syllable


# How a person is called after their surname (皇甫老师, 赖局长, 周院士): an honorific, or a title.
SURNAME_CHAR_WORDS = tuple(words("surname_char_words"))  # 首任, 关于: not 任, 于 the surname
HOW_CALLED = re.compile(f"{'|'.join(HONORIFICS)}|{TITLE_CORE}")


def _ends_title(text: str) -> bool:
    """Whether `text` ends with a title or honorific, after which a name starts (会长余明超)."""
    return bool(text) and (TITLE_RE.search(text[-8:]) is not None and TITLE_RE.search(text[-8:]).end() == len(text[-8:])
                           or text.endswith(HONORIFICS))


def _same_surname(asked: str, known: str) -> bool:
    """A sound-alike counts only under the same surname, or one read the same way (张/章, not 程/沈)."""
    if asked[:1] == known[:1]:
        return True
    return lazy_pinyin(asked[:1])[0] == lazy_pinyin(known[:1])[0]


def ends_name(rest: str) -> bool:
    """Whether a name can end right before `rest`: at the end, or before a title, honorific or follower word."""
    return (not rest or rest.startswith(NAME_FOLLOWERS) or TITLE_RE.match(rest) is not None
            or rest.startswith(HONORIFICS))


class NameIndex:
    def __init__(self):
        self.exact: dict[str, list] = defaultdict(list)
        self.by_sound: dict[str, set[str]] = defaultdict(set)
        self.by_latin: dict[str, str] = {}
        self.longest = 2
        self.titles: dict[str, set[str]] = defaultdict(set)  # name -> the titles it holds anywhere

    def add(self, name: str, ref, latin: str = "", titles=()):
        self.titles[name].update(titles)
        if name not in self.exact:
            self.by_sound[sound(name)].add(name)
            for other in other_sounds(name):
                self.by_sound[other].add(name)
            plain = "".join(syllables(name.replace("·", "")))
            self.by_latin[plain] = name
            self.longest = max(self.longest, len(name))
        if latin:
            self.by_latin[latin.lower().replace(" ", "")] = name
        self.exact[name].append(ref)

    def _whole(self, run: str, start: int, size: int) -> bool:
        """Whether run[start:start+size] can be a whole name: not the tail of a longer one
        (宇明超 in 罗宇明超) nor the head of one (张立 in 张立国)."""
        if start > 0 and plausible_name(run[start - 1:start + size]) and not _ends_title(run[:start]):
            return False
        return ends_name(run[start + size:])

    def _longer_name(self, run: str, start: int, size: int) -> bool:
        """True when the known name run[start:start+size] is only the start of a longer name.

        张立国在…当选 asks about 张立国, not 张立: a name ends where a title, an honorific, a word that
        follows names (是, 主持, 当选…, bot/engine/vocab/name_followers.txt) or the text ends; a
        character that starts none of these, and with the name makes a plausible longer name, is
        the next character of the same name."""
        end = start + size
        if start > 0 and run[start - 1:start + 1] in COMPOUND_SURNAMES and not _ends_title(run[:start]):
            return True  # 公孙勇敏 is not 孙勇敏: the compound surname starts the name earlier
        if ends_name(run[end:]):
            return False
        longer = run[start:end + 1]
        # …and the longer name itself ends well: 张立国在 is a name, 何文涛演讲 is not 何文涛演
        return (len(longer) <= 4 and longer not in self.exact and plausible_name(longer)
                and ends_name(run[end + 1:]))

    def unknown_in(self, text: str) -> list[str]:
        """Longer names the question asks about that contain a known one (张立国 when only 张立 is known)."""
        found = []
        for run in re.findall(r"[\u4e00-\u9fff·]+", text):
            for size in range(min(self.longest, len(run)), 1, -1):
                for i in range(len(run) - size + 1):
                    if run[i:i + size] in self.exact and self._longer_name(run, i, size):
                        found.append(run[i:i + size + 1])
        return found

    def find(self, text: str, latin_words: list[str] = ()) -> list[tuple[str, float]]:
        """Names in the question, (name, confidence 0–100), best first; exact matches only if any."""
        exact, fuzzy = {}, {}
        for run in re.findall(r"[\u4e00-\u9fff·]+", text):
            for size in range(min(self.longest, len(run)), 1, -1):
                for i in range(len(run) - size + 1):
                    window = run[i:i + size]
                    if window in self.exact:
                        if not self._longer_name(run, i, size):
                            exact[window] = 100.0
                    elif (size <= 4 and (plausible_name(window) or (size >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", window)))
                          and self._whole(run, i, size)):
                        # a name typed from memory sounds the same (武勇 for 武涌); one that merely
                        # shares a character (欧阳振邦, 欧阳文) is someone else, and so is one under
                        # a surname of another reading (程晨明 is not 沈晨明, though 沈 may be read chen)
                        for name in self.by_sound.get(sound(window), ()):
                            if _same_surname(window, name):
                                fuzzy[name] = max(fuzzy.get(name, 0), 90.0)
        for m in HOW_CALLED.finditer(text):  # 皇甫老师, 赖局长, 周院士, 省协会周会长
            for surname in (text[max(0, m.start() - 2):m.start()], text[max(0, m.start() - 1):m.start()]):
                if not surname or (len(surname) == 2) != (surname in COMPOUND_SURNAMES):
                    continue
                if text[:m.start()].endswith(SURNAME_CHAR_WORDS) and len(surname) == 1:
                    continue  # 首任会长, 主任委员: 任 ends a word there, it is no surname (省协会周会长 is one)
                same = [n for n in self.exact if n.startswith(surname) and len(n) > len(surname)
                        and (n[:2] in COMPOUND_SURNAMES) == (len(surname) == 2)]
                exactly = [n for n in same if m.group(0) in self.titles[n]]  # a 会长, not a 名誉会长
                titled = [n for n in same if any(t.endswith(m.group(0)) for t in self.titles[n])]
                same = next((group for group in (exactly, titled) if len(group) == 1), same)  # of two 周, the 院士
                if len(same) == 1 and same[0] not in exact:
                    fuzzy[same[0]] = max(fuzzy.get(same[0], 0), 80.0)
        words = [w for w in latin_words if re.fullmatch(r"[a-z]+", w)]
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                group = words[i:i + size]
                for key in ("".join(group), "".join(group[1:] + group[:1])):  # Yang Xiwei or Xiwei Yang
                    if key in self.by_latin and (size > 1 or len(key) >= 6):
                        exact[self.by_latin[key]] = 100.0
        found = exact or fuzzy
        # a name inside a longer found name (王军 in 王军辉) is not a second person
        names = [n for n in found if not any(n != m and n in m for m in found)]
        return sorted(((n, found[n]) for n in names), key=lambda item: -item[1])
