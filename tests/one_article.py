"""An engine over one invented article in an otherwise empty knowledge folder: the setting of the
engine tests that check one mechanism on a page written for it."""

from bot.engine import Engine, load_knowledge


def engine_over(tmp_path, text: str, name: str = "article.txt") -> Engine:
    news = tmp_path / "knowledge" / "news"
    news.mkdir(parents=True)
    (news / name).write_text(text, encoding="utf-8")
    return Engine(load_knowledge(str(tmp_path / "knowledge")))
