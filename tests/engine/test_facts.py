"""People, parts, places, dates, documents and counts read out of raw articles."""

import os

import pytest

from bot.engine.reading.article import load_article
from bot.engine.reading.facts import extract_facts
from bot.engine.reading.orgs import org_mentions
from bot.engine.reading.people import find_people

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
SEED = os.path.join(os.path.dirname(HERE), "knowledge", "news", "2023-11-03-west-office-launch.txt")
FIXTURES = os.path.join(HERE, "fixtures", "articles")


def facts_of(path):
    article, _ = load_article(path, os.path.basename(path))
    return article, extract_facts(article)


@pytest.fixture(scope="module")
def seed():
    return facts_of(SEED)


@pytest.mark.parametrize("name, description", [
    ("武涌", "中国建筑节能协会会长"),
    ("吴景山", "中国建筑节能协会秘书长"),  # the organisation carries forward along the list
    ("谢骆乐", "中国建筑节能协会副秘书长"),
    ("陶昌军", "西藏自治区勘察设计与建设科技协会副理事长兼秘书长"),
    ("张晔", "西藏自治区勘察设计与建设科技协会副秘书长"),
    ("秦帆", "成都市节能及新材料产业协会副会长"),  # 会长施平西副会长秦帆: no separator
    ("王军", "成都市节能及新材料产业协会专委会主任"),
    ("侯文", "四川省建设科技协会秘书长"),  # 会议由…主持
    ("魏庆芃", "清华大学建筑节能研究中心教授"),
    ("王仲辉", "立邦新型材料（山东）有限公司总监"),
])
def test_seed_people_with_title_and_organisation(seed, name, description):
    assert seed[1].people[name].description == description


def test_seed_parts_played(seed):
    article, facts = seed
    people = facts.people
    assert ("host", 4) in people["侯文"].actions
    assert {k for k, _ in people["武涌"].actions} == {"attend", "speech"}
    assert any(k == "speech" for k, _ in people["马荣江"].actions)  # 四位嘉宾…做了精彩分享
    assert all(any(k == "attend" for k, _ in people[n].actions) for n in ("陈琼", "李荣", "董小丽"))
    assert people["谢骆乐"].said == [13, 14, 15]  # 他深入分析… 他坚定表示…
    assert len(people) == 20


def test_seed_event_document_counts_and_short_name(seed):
    _, facts = seed
    event = facts.events[0]
    assert (event.dates[0].iso(), event.place) == ("2024-02-03", "四川成都索菲斯锦苑宾馆西藏厅")
    assert facts.documents == [("《西部地区建筑绿色低碳发展协调推进办公室工作规则》（草案）", 21)]
    assert "8家" in [c.text for c in facts.counts]
    assert facts.aliases["西部办公室"] == "西部地区建筑绿色低碳发展协调推进办公室"
    assert facts.org_lists[0][:2] == (["立邦", "青岛科瑞", "中煤科工"], "企业")


def test_traditional_article(tmp_path):
    _, facts = facts_of(os.path.join(FIXTURES, "taiwan-forum-2024.txt"))
    assert facts.people["陈志明"].description == "台湾绿色建筑发展协会理事长"  # 協會理事長 = the site's own
    assert facts.people["张国华"].description == "国立台湾大学土木工程学系教授"
    assert facts.events[0].place == "台北国际会议中心201会议室"
    assert facts.documents[0][0] == "《建筑部门净零行动宣言》"


def test_article_without_date_links_bare_names_to_what_they_said():
    article, facts = facts_of(os.path.join(FIXTURES, "city-energy-meeting.txt"))
    liu = facts.people["刘国强"]
    assert liu.description == "市住建局党组书记、市住建局局长"
    assert any(article.sentences[i].text.startswith("刘国强强调") for i in liu.said)
    counts = [(c.text, c.unit) for c in facts.counts]
    assert ("412万平方米", "万平方米") in counts and ("58万平方米", "万平方米") in counts and ("96%", "%") in counts
    assert facts.people["吴晓梅"].description == "市建筑节能协会秘书长"


@pytest.mark.parametrize("sentence, expected", [
    ("会议由安徽省住房和城乡建设厅副巡视员刘少为主持。", [("刘少为", "安徽省住房和城乡建设厅副巡视员")]),
    ("典礼由绿建委香港委员会副主任、香港中文大学邹经宇教授主持。",
     [("邹经宇", "绿建委香港委员会副主任、香港中文大学教授")]),
    ("会长：蒋清峰", [("蒋清峰", "会长")]),  # the organisation comes from the rows above, or the article
    ("大会决定聘任陈文豹、蔡开清2人为协会名誉会长。", [("陈文豹", "本会名誉会长"), ("蔡开清", "本会名誉会长")]),
    ("国际可持续建筑环境倡议组织（iiSBE）主席尼尔斯·拉森（Nils Larsson）发来贺信。",
     [("尼尔斯·拉森", "国际可持续建筑环境倡议组织（iiSBE）主席")]),
    ("章茂木副院长、徐思光副总规划师应邀参加研讨会。", [("章茂木", "副院长"), ("徐思光", "副总规划师")]),
    ("签约仪式完成后，西部办公室和指导委员会组成人员名单公布。", []),
    ("沙龙由协会副秘书长阿依古丽·买买提主持。", [("阿依古丽·买买提", "本会副秘书长")]),  # the name ends before 主持
    ("上午场由国立成功大学建筑学系欧阳慧君教授揭开序幕。", [("欧阳慧君", "国立成功大学建筑学系教授")]),
    ("协会秘书长其木格；银行普惠金融部副总经理苏日娜等出席。",  # names with no Han surname
     [("其木格", "本会秘书长"), ("苏日娜", "银行普惠金融部副总经理")]),
    ("理事长致词表示，将持续推动交流。", []),
    ("天润热能科技有限公司技术总监艾尔肯·吐尔逊以《光热+储能》为题作了分享。",
     [("艾尔肯·吐尔逊", "天润热能科技有限公司技术总监")]),
    # titles waiting for their name never cross a clause; an unlisted title word ends it before the name
    ("某市建材协会创会会长、首席专家程一鸣，某市工信局原调研员谭秀兰参加会议。",
     [("程一鸣", "某市建材协会创会会长、首席专家"), ("谭秀兰", "某市工信局原调研员")]),
    # the search for 某某同志任… may begin on the verb's last character
    ("大会一致选举贺平同志任第三届理事会秘书长。", [("贺平", "第三届理事会秘书长")]),
    # a counted list: every name takes the post, and 位同志 is no name
    ("全国各地300余名理事参加会议。", []),  # 余名 after a count is no name
    ("大会选举葛长青、岳海涛、鲁文斌等3位同志为副理事长。",
     [("葛长青", "本会副理事长"), ("岳海涛", "本会副理事长"), ("鲁文斌", "本会副理事长")]),
    # 本会 before a name and its title: the article's own organisation
    ("会议由本会齐远方秘书长主持。", [("齐远方", "本会秘书长")]),
    # a list of names after a title, the last joined by 及/和, all share it (学 may be in a given name)
    ("新任永远荣誉会长甘立、庄学文及韦德亦获颁发纪念座。",
     [("甘立", "新任永远荣誉会长"), ("庄学文", "新任永远荣誉会长"), ("韦德", "新任永远荣誉会长")]),
    ("副会长龚平、江河和滕飞出席。", [("龚平", "副会长"), ("江河", "副会长"), ("滕飞", "副会长")]),
    ("副会长龚平和协会代表出席。", [("龚平", "副会长")]),
    # 另设监事一名，由某某先生担任: the post before 由…担任, past a count, a comma and an honorific
    ("第三届理事会另设监事一名，由邬平先生担任。", [("邬平", "第三届理事会监事")]),
    # 镇 may stand in a given name; 为 inside an organisation's name (有为) does not cut it
    ("市园林局党组书记车镇国出席。", [("车镇国", "市园林局党组书记")]),
    ("有为工程咨询（澳门）有限公司专案经理祁镇喜作分享。", [("祁镇喜", "有为工程咨询（澳门）有限公司专案经理")]),
    # 连任 says the post is the name's again
    ("日前，商会举行第12届会董就职典礼，林宏达连任会长，某办副主任何平出席。",
     [("何平", "某办副主任"), ("林宏达", "本会会长")]),
    # 秘书长组织…: a title followed by the verb 组织 is a title (not 专家组, 秘书组)
    ("苗青秘书长组织参会人员学习文件。", [("苗青", "秘书长")]),
    # 致欢迎辞 ends the name before it: 致 is no part of it
    ("本会会长、某某集团董事长郑远致欢迎辞。", [("郑远", "本会会长、某某集团董事长")]),
])
def test_people_in_one_sentence(sentence, expected):
    found = [(m.name, m.description) for m in find_people(sentence, home_org="本会")]
    assert found == expected


def test_rows_labelled_with_a_title_give_it_to_everyone_in_them(tmp_path):
    page = tmp_path / "committee.txt"
    page.write_text("协会动态\n\n省绿色建筑协会专家委员会成立\n发布时间：2025-03-02\n\n"
                    "　　会上宣读了省绿色建筑协会专家委员会首批委员名单。其中：\n"
                    "　　主任委员：东南大学教授周明远\n"
                    "　　副主任委员：省建筑设计研究院总工程师钱文斌、南京工业大学教授孙丽\n", encoding="utf-8")
    _, facts = facts_of(str(page))
    assert ("专家委员会", "副主任委员") in facts.people["孙丽"].roles  # and still 南京工业大学教授
    assert ("南京工业大学", "教授") in facts.people["孙丽"].roles
    assert ("专家委员会", "主任委员") in facts.people["周明远"].roles


def test_a_name_is_found_by_any_reading_of_its_characters():
    from bot.engine.retrieval.names import NameIndex
    index = NameIndex()
    index.add("郑伯阳", ref=0)
    assert index.find("郑柏阳是哪个大学的") == [("郑伯阳", 90.0)]  # 柏 usually reads bai, as 伯 can


def test_a_name_read_with_the_verb_after_it_is_the_person_named_before(tmp_path):
    """某某致欢迎辞: 致 could end a name, but the article already named 某某 with the same post."""
    path = tmp_path / "a.txt"
    path.write_text("某市建材协会召开新春座谈会\n发布时间：2024-02-27\n"
                    "某市建材协会常务副会长童海，某大学教授贺一鸣参加会议。\n"
                    "协会常务副会长童海致欢迎辞，代表协会表示感谢。\n", encoding="utf-8")
    people = facts_of(path)[1].people
    assert "童海致" not in people
    assert ("speech" in {kind for kind, _ in people["童海"].actions})


def test_a_number_of_years_is_counted_only_after_a_word_of_duration(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("某协会举办年会\n发布时间：2024-03-01\n"
                    "年会自2010年创办至今，已连续举办14年。2023年协会新增会员12家。\n", encoding="utf-8")
    counts = [(c.text, c.unit) for c in facts_of(path)[1].counts]
    assert ("14年", "年") in counts
    assert not [c for c in counts if c[0] in ("2010年", "2023年")]


def test_a_heading_over_numbered_points_is_a_list_of_them(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("关于评选优秀会员单位的通知\n发布时间：2024-03-01\n一、申报条件\n协会会员单位均可申报。\n"
                    "二、申报材料\n1.申报表。按要求填写并盖章。\n2.工作总结。写明近两年的主要成绩。\n"
                    "3.证明材料。包括获奖证书复印件。\n三、报送时间\n请于4月30日前报送。\n", encoding="utf-8")
    article, facts = facts_of(path)
    lists = {article.sentences[a].text: [article.sentences[i].text for i in items] for a, items in facts.lists}
    assert lists["二、申报材料"] == ["1.申报表。", "2.工作总结。", "3.证明材料。"]


def test_an_organisations_name_starts_after_the_year_before_it():
    """2021年某某协会工作交流会: the 本会 of such an article is 某某协会, not 年某某协会."""
    assert org_mentions("2021年华东六省建筑业协会工作交流会成功召开") == ["华东六省建筑业协会"]
    assert org_mentions("第3届亚洲建筑协会大会") == ["亚洲建筑协会"]


def test_an_organisations_name_starts_after_the_verb_of_visiting_or_taking_over():
    """某局一行到访某协会 / 某某接掌某公会: the visited body and the guild, not the verb and all before it."""
    assert org_mentions("某市贸促局代表团一行到访东湖灯具行业协会")[-1] == "东湖灯具行业协会"
    assert org_mentions("柏文彦接掌灯具公会") == ["灯具公会"]


def test_a_count_in_ten_thousands_keeps_its_digits(tmp_path):
    """4.5万余家 is 4.5万 firms, never 万余家; 412万平方米 keeps its measure 万平方米."""
    path = tmp_path / "a.txt"
    path.write_text("江州乡村旅游协会成立\n全省的乡村游业主有4.5万余家，民宿面积412万平方米。\n", encoding="utf-8")
    _, facts = facts_of(str(path))
    counts = [(c.text, c.unit) for c in facts.counts]
    assert ("4.5万余家", "家") in counts and ("412万平方米", "万平方米") in counts


def test_a_title_whose_last_character_begins_a_place_and_a_body_is_no_title():
    """江州设计院长沙分院: 长沙分院 is a branch, so 院长 there is no post and 沙分 no one's name."""
    people = find_people("江州设计院温学良副院长、江州设计院长沙分院黎正方院长等出席了座谈会。")
    assert [(p.name, p.title) for p in people] == [("温学良", "副院长"), ("黎正方", "院长")]
    assert [p.name for p in find_people("协会会长春节前夕走访了会员企业。")] == []
