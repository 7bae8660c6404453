"""Raw pasted pages read into title, dates, sentences and the site's contacts."""

import os

import pytest

from bot.engine.reading.article import load_article, parse_article
from bot.engine.text.dates import find_dates, with_arabic_dates
from bot.engine.text.folding import fold

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
SEED = os.path.join(os.path.dirname(HERE), "knowledge", "news", "2023-11-03-west-office-launch.txt")
FIXTURES = os.path.join(HERE, "fixtures", "articles")


def load(path):
    article, problems = load_article(path, os.path.basename(path))
    assert article is not None, problems
    return article, problems


def test_seed_title_dates_and_noise():
    article, problems = load(SEED)
    assert problems == []
    assert article.title == "西部地区建筑绿色低碳发展协调推进行动在成都启动"
    assert article.published == "2023-11-03"
    text = article.text
    assert "111.jpg" not in text and "浏览量" not in text and "行业动态" not in text
    assert "CopyRight" not in text and "备案号" not in text and "扫码关注" not in text
    assert "西部地区建筑绿色低碳发展协调推进行动" in text  # "西部地 区" mended
    assert article.sentences[1].text.startswith("2024年2月3日推进行动启动仪式")
    assert article.sentences[1].line == 8


def test_seed_footer_is_the_sites_contact():
    article, _ = load(SEED)
    assert article.contacts == {"address": "重庆市渝北区龙溪街道华怡路23号", "phone": ["023-67614487", "023-63852601"],
                                "owner": "重庆市绿色建筑与建筑产业化协会"}


def test_traditional_article_is_read_in_simplified_with_its_footer():
    article, problems = load(os.path.join(FIXTURES, "taiwan-forum-2024.txt"))
    assert problems == []
    assert article.title == "绿色建筑与净零转型论坛于台北举行"
    assert article.published == "2024-09-12"
    assert "9月10日" in article.sentences[0].text  # 九月十日 with digits
    assert article.contacts["phone"] == ["(02)2771-2345"]
    assert article.contacts["owner"] == "台湾绿色建筑发展协会"
    assert not any("上一则" in s.text for s in article.sentences)


def test_article_without_publish_date_or_footer_is_used_with_a_warning():
    article, problems = load(os.path.join(FIXTURES, "city-energy-meeting.txt"))
    assert article.title == "我市召开建筑节能与绿色建筑工作推进会"
    assert article.published == "" and article.contacts == {}
    assert [p.severity for p in problems] == ["warning"]
    assert "发布日期" in str(problems[0])
    assert not any("IMG_0315" in s.text for s in article.sentences)


def test_guest_list_in_columns_keeps_name_and_title_apart():
    text = "新闻\n\n成立大会召开\n发布时间：2010-06-20\n\n出席的嘉宾如下：\n\n王有为　中国绿色建筑与节能委员会主任\n田　明　朗诗集团董事长\n"
    article, _ = parse_article(text, "news/x.txt")
    assert [s.text for s in article.sentences[1:]] == ["王有为：中国绿色建筑与节能委员会主任", "田明：朗诗集团董事长"]


def test_page_with_only_navigation_is_an_error_naming_the_line():
    article, problems = parse_article("首页 > 新闻 > 正文\n\n标题在这里\n发布时间：2024-01-01\n", "news/empty.txt")
    assert article is None
    assert str(problems[0]).startswith("news/empty.txt:3: 文章没有正文")


def test_gbk_file_is_read_with_a_warning(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("协会动态\n\n协会召开年会\n发布时间：2024-01-02\n\n年会在重庆召开。\n".encode("gbk"))
    article, problems = load_article(str(path), "news/gbk.txt")
    assert article.title == "协会召开年会"
    assert [p.severity for p in problems] == ["warning"]


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "word.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    article, problems = load_article(str(path), "news/word.txt")
    assert article is None and "不是文本文件" in str(problems[0])


def test_dates_as_news_writes_them():
    assert with_arabic_dates("于二〇一七年六月五日至七日举行") == "于2017年6月5日至7日举行"
    found = [(d.text, d.iso(), d.end_day) for d, _, _ in find_dates("5月18日至19日开幕，2024-02-03闭幕")]
    assert found == [("5月18日至19日", "05-18", 19), ("2024-02-03", "2024-02-03", None)]
    assert with_arabic_dates("落款二0二三年五月六日") == "落款2023年5月6日"  # a zero typed among Chinese digits
    (span, _, _), = find_dates("展期：2023年6月18至9月28日")  # the first day's 日 left out
    assert (span.month, span.day, span.end_month, span.end_day) == (6, 18, 9, 28)
    assert find_dates("每组28至30人") == []
    (race, _, _), = find_dates("8月21日（星期五）至8月23日（星期日）在江州举行")  # a weekday in brackets
    assert (race.day, race.end_month, race.end_day) == (21, 8, 23)


def test_fold_mends_paste_artefacts():
    assert fold("誰參加了會議？ＡＢＣ１２３") == "谁参加了会议？ABC123"
    assert fold("部署 ,进一步") == "部署，进一步"
    assert fold("电话：023—63852601") == "电话：023-63852601"


def test_a_captioned_table_becomes_sentences_that_name_their_row():
    page = ("关于公布获奖名单的通知\n发布时间：2024-12-06\n\n现将获奖名单公布如下：\n\n一等奖（2项）\n"
            "序号｜项目名称｜主要完成单位\n1｜超低能耗建筑关键技术｜华南理工大学\n2｜智慧能源管控平台｜珠海格瑞公司\n")
    article, _ = parse_article(page, "news/x.txt")
    rows = [s.text for s in article.sentences if s.text.startswith("一等奖：")]
    assert rows == ["一等奖：超低能耗建筑关键技术，主要完成单位为华南理工大学。",
                    "一等奖：智慧能源管控平台，主要完成单位为珠海格瑞公司。"]


def test_attachments_are_listed_once_from_the_notice_and_the_download_links():
    article, _ = load(os.path.join(FIXTURES, "training-notice-2025.txt"))
    assert article.attachments == ["报名回执表", "课程安排表"]
    assert "附件" not in article.text  # the list ends the body, it is not a sentence


def test_short_items_after_a_colon_stay_one_sentence():
    from bot.engine.reading.article import _sentences_of
    line = "《规程》共分9章，主要技术内容包括：总则；术语；节能诊断；供暖通风与空调系统改造；施工与验收。"
    assert _sentences_of(line) == [line]
    # clauses of a sentence are longer than items: they stay apart
    assert _sentences_of("会议要求，要加强行业自律，完善会员服务体系；要加快团体标准的编制与推广。") == [
        "会议要求，要加强行业自律，完善会员服务体系；", "要加快团体标准的编制与推广。"]


def test_a_contact_line_in_the_body_is_a_sentence_not_the_footer(tmp_path):
    page = tmp_path / "notice.txt"
    page.write_text("通知公告\n\n关于征求团体标准意见的通知\n发布时间：2025-06-01\n\n"
                    "　　请于8月15日前反馈意见。\n"
                    "　　技术问题请联系编制组：孔德华（山东建筑大学）　电话：0531-86367218\n\n"
                    "地址：济南市历下区1号　电话：0531-86552700\n", encoding="utf-8")
    article, _ = load_article(str(page), "notice.txt")
    assert any("孔德华" in s.text for s in article.sentences)
    assert article.contacts["phone"] == ["0531-86552700"]



@pytest.mark.parametrize(("text", "day", "end"), [
    ("2024年3月8—9日，协会一行赴外地调研", 8, 9), ("3月1-2日", 1, 2), ("11月16日-21日", 16, 21), ("6月12日上午", 12, None),
])
def test_a_day_range_may_leave_out_its_first_day_mark(text, day, end):
    (date, _, _), = find_dates(with_arabic_dates(fold(text)))
    assert (date.day, date.end_day) == (day, end)


def test_the_source_link_line_is_the_articles_address_not_its_text():
    text = ("协会召开年会\n来源链接：https://www.example.org.cn/a.php?id=1\n发布时间：2024-01-02\n"
            "2024年1月2日，协会年会在成都召开。\n")
    article, problems = parse_article(text, "news/a.txt")
    assert article.source_url == "https://www.example.org.cn/a.php?id=1"
    assert article.title == "协会召开年会" and article.published == "2024-01-02"
    assert article.text == "2024年1月2日，协会年会在成都召开。"
    assert not problems


def test_only_a_web_address_is_taken_as_the_source_link():
    text = "协会召开年会\n发布时间：2024-01-02\n原文链接：javascript:alert(1)\n2024年1月2日，协会年会在成都召开。\n"
    assert parse_article(text, "news/a.txt")[0].source_url == ""


def test_a_paragraph_pasted_behind_a_bullet_is_the_article_and_a_bulleted_link_is_not():
    text = ("本会新闻\n\n三省协会座谈会召开\n发布时间：2022-05-06\n"
            "  •     5月5日，三省协会座谈会在南昌召开，三省协会的领导出席会议。会议由本会张某某秘书长主持，与会代表围绕行业发展作了交流。\n\n"
            "· 关于举办2022年度培训班的通知\n")
    article, _ = parse_article(text, "news/x.txt")
    assert [s.text for s in article.sentences] == ["5月5日，三省协会座谈会在南昌召开，三省协会的领导出席会议。",
                                                   "会议由本会张某某秘书长主持，与会代表围绕行业发展作了交流。"]


def test_a_channel_name_with_its_english_above_an_undated_title_is_not_the_title():
    text = ("新闻中心 NEWS CENTER\n\n首页 | 关于我们 | 新闻中心 | 联系我们\n\n"
            "某省设计协会三届二次常务理事会扩大会议召开\n\n"
            "某省设计协会三届二次常务理事会扩大会议于3月5日在杭州召开。会议由协会副会长程远主持。\n")
    article, _ = parse_article(text, "news/x.txt")
    assert article.title == "某省设计协会三届二次常务理事会扩大会议召开"


def test_a_caption_naming_someone_doing_something_is_a_sentence_and_a_scene_caption_is_not():
    text = ("学会新闻\n\n土木讲堂第三期讲座举行\n发布时间：2019-09-06\n"
            "9月4日下午，土木讲堂第三期讲座在西安举行，300多位代表参加。\n"
            "DSC_0437.JPG\n吴立新院士作主题报告\nDSC_0412.JPG\n讲座现场\n")
    article, _ = parse_article(text, "news/x.txt")
    assert [s.text for s in article.sentences][-1] == "吴立新院士作主题报告"
    assert not any(s.text == "讲座现场" for s in article.sentences)


def test_a_publication_line_dates_the_page_and_an_update_line_is_meta():
    """出版: 2019-06-03 15:34 is the page's date, not a line of the body (nor an event on that
    day); 更新: … is the page's meta line too."""
    article, _ = parse_article("江州新聞網\n江州銀行公會舉辦合作會議\n閱讀量: 1,160\n出版: 2019-06-03 15:34\n"
                               "更新: 2019-06-04 23:25\n由江州銀行公會主辦的合作會議日前於中銀大厦舉行。\n", "news/x.txt")
    assert article.published == "2019-06-03"
    assert [s.text for s in article.sentences] == ["由江州银行公会主办的合作会议日前于中银大厦举行。"]


def test_a_meta_line_with_no_date_and_the_page_s_buttons_on_it_is_meta_not_nav():
    """来源：… 点击：… 【字体：大 中 小】 is the meta line though it gives no date, so a notice's own
    时间：… point further down is not taken for it (and its numbered heading for the title)."""
    text = ("临江文化网  Linjiang Culture Net\n首页 | 资讯 | 通知公告\n\n"
            "关于举办第二届临江剪纸作品评选的通知\n\n来源:通知公告  点击:305次  【字体:大 中 小】\n\n"
            "为繁荣剪纸艺术，临江市民间文艺家协会决定举办第二届剪纸作品评选。现将有关事宜通知如下:\n\n"
            "一、评选时间、地点\n\n时间:6月2日-6月8日\n\n地点:临江市文化馆\n")
    article, _ = parse_article(text, "news/x.txt")
    assert article.title == "关于举办第二届临江剪纸作品评选的通知"
    assert any("临江市文化馆" in s.text for s in article.sentences)


def test_a_view_counter_and_a_date_glued_to_its_source_label_are_meta_so_a_caption_is_no_title():
    """1263 次 on its own line and 2011.04.11来源: are the page's meta lines; without them the first
    short line over a longer one, an image caption, was read as the title."""
    text = ("江州市锅炉协会 | Jiangzhou Boiler Association\n首页 | 协会动态 | 联系我们\n\n"
            "2019年江州市锅炉协会理事会在江州召开\n862 次\n2019.05.12来源:\n\n"
            "5月10日，2019年江州市锅炉协会理事会在江州宾馆召开。会议由秘书长葛文涛主持。\n\n"
            "img_01.jpg\n葛文涛秘书长作年度报告\n\n"
            "协会理事长鲁一鸣致词，对协会一年来的工作给予肯定。\n")
    article, _ = parse_article(text, "news/x.txt")
    assert article.title == "2019年江州市锅炉协会理事会在江州召开"
    assert article.published == "2019-05-12"


def test_the_reporter_in_the_opening_bracket_wrote_it_not_the_site_named_as_author_in_the_meta_line():
    """作者：临江文化网日期：… names the site (and runs into the next label); 本报讯（记者某某/文 某某/图）
    opening the body names who wrote it."""
    text = ("临江文化网\n\n临江十家书店签订诚信经营公约\n\n作者:临江文化网日期:2021-06-02人气:318\n\n"
            "本报讯(记者葛文涛/文 鲁一鸣/图)昨日，临江十家书店与临江书业协会签订诚信经营公约。\n")
    article, _ = parse_article(text, "news/x.txt")
    assert article.author == "葛文涛"
    article, _ = parse_article("江州书业协会成立\n\n本报讯 (记者 黎正方) 日前，江州书业协会成立。\n", "news/y.txt")
    assert article.author == "黎正方"
