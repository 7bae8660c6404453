"""Word lists of the language, not of any article: titles, surnames, organisation endings.

The lists themselves are data, in bot/engine/vocab/ (one list per file); this module builds the
patterns the readers use from them.

The engine reads structure from text with these (a title followed by a name is a person;
a phrase ending in 协会 is an organisation). Nothing here names a person or an event.
"""

import re

from .vocab import alternation, words

# Heads of job titles, longest first when compiled. Prefixes (副, 常务副, 名誉…) are added by TITLE_RE:
# when or how the post is held (原, 新任), then what kind of post (常务, 名誉, 一级), then 副.
TITLE_HEADS = list(words("title_heads"))
TITLE_PREFIX = f"(?:{alternation('title_status_prefixes')})?(?:{alternation('title_rank_prefixes')})?(?:副)?"
TITLE_CORE = TITLE_PREFIX + "(?:" + "|".join(sorted(map(re.escape, TITLE_HEADS), key=len, reverse=True)) + ")"
# 副理事长兼秘书长: one person, two titles.
TITLE_RE = re.compile(TITLE_CORE + "(?:兼(?:任)?" + TITLE_CORE + ")*(?![会处]|组(?!织)|扩大会)")  # not 委员会, 理事会, 专家组, 理事扩大会 (秘书长组织 is a verb)
# 副理事长兼秘书长 holds two posts; 兼职副会长 is one
POSTS_SPLIT = re.compile(r"、|兼(?!职)")

SINGLE_SURNAMES = set(words("surnames_single"))
COMPOUND_SURNAMES = set(words("surnames_compound"))

# Endings of organisation names: 中国建筑节能协会, 清华大学, 莆田市民政局, 立邦新型材料（山东）有限公司.
ORG_SUFFIXES = list(words("org_suffixes"))
ORG_SUFFIX_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, ORG_SUFFIXES), key=len, reverse=True)) + r")(?:（[^（）]{1,12}）)?$")

# China's provinces, regions and big cities: a question naming one the article does not is about something else.
PLACES = list(words("places"))

# 该基地, 其中, 此项目: a sentence opening so is about what the sentence before named
REFERS_BACK = re.compile(r"(?:该|其|此)[\u4e00-\u9fff]")
