"""What the engine reads from a new article before it is saved, and what followers would be told.

Staff paste a page as copied from the website; whether the bot understood it shows in the facts
it found (title, date, people with their titles and organisations, places, counts, documents)
and in the answers to a few questions about it, asked of an engine built from the knowledge as
it would be with the article saved. Nothing here writes: the engine comes from check_proposed.
"""

from . import panels

# Questions about the article by its title, as a follower might ask them: what, when, where, who.
SAMPLE_QUESTIONS = ("{title}的主要内容是什么", "{title}是什么时候", "{title}在哪里举行", "{title}有谁参加")
MAX_LISTED = 30  # people, places or counts listed: a long guest list is summed up after this many
MAX_PERSON_QUESTIONS = 2  # "X是谁" for the first people named, to see their titles come out right


def read_facts(engine, path: str) -> dict | None:
    """The facts the engine read from the article at `path`, or None if it read no article there."""
    doc = next((d for d in engine.library.docs if d.article.path == path), None)
    if doc is None:
        return None
    article, facts = doc.article, doc.facts
    people = [{"name": name, "description": person.description} for name, person in facts.people.items()]
    places = _unique(f"{event.place}{'（' + event.venue + '）' if event.venue else ''}"
                     for event in facts.events if event.place)
    dates = _unique(date.text for event in facts.events for date in event.dates)
    counts = _unique(f"{count.before}{count.text}{count.noun}".strip() for count in facts.counts)
    return {
        "title": article.title, "date": article.published, "source_url": article.source_url,
        "sentences": len(article.sentences),
        "people": people[:MAX_LISTED], "people_more": max(0, len(people) - MAX_LISTED),
        "dates": dates[:MAX_LISTED], "places": places[:MAX_LISTED], "counts": counts[:MAX_LISTED],
        "documents": _unique(name for name, _ in facts.documents)[:MAX_LISTED],
    }


def sample_answers(engine, path: str, title: str, people: list[dict]) -> list[dict]:
    """Each sample question with the reply a follower would get, and whether it came from this article."""
    questions = [q.format(title=title) for q in SAMPLE_QUESTIONS]
    questions += [f"{p['name']}是谁" for p in people[:MAX_PERSON_QUESTIONS]]
    answers = []
    for question in questions:
        shown = panels.preview(question, engine)
        shown["from_article"] = any(source.get("file") == path for source in shown["sources"])
        answers.append(shown)
    return answers


def _unique(items) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))
