"""Simple English questions, mapped onto the Chinese words the articles use.

Followers write "Who was at the meeting?" or "When did the West Office open?". A small
glossary of question words and the sector's common nouns covers that genre; words it does
not know are kept (names like Nils Larsson, acronyms like iiSBE) or read as pinyin
(Yang Xiwei, Anhui) and matched against names in the knowledge base.
"""

import functools
import re

from ..text.folding import pinyin_key
from ..text.lexicon import PLACES

# Longest phrases first. Values are Chinese words the question analyser and articles use.
PHRASES = {
    "who was at": "谁参加了", "who were at": "谁参加了", "who attended": "谁参加了", "who came": "谁参加了",
    "who took part": "谁参加了", "who joined": "谁参加了", "who participated": "谁参加了",
    "who hosted": "谁主持", "who chaired": "谁主持", "who presided": "谁主持", "who organized": "谁主办",
    "who organised": "谁主办", "who spoke": "谁发言", "who gave": "谁作了", "who is": "是谁", "who's": "是谁",
    "who are": "是谁", "who was": "是谁", "what is": "是什么", "what's": "是什么", "what are": "是什么",
    "what was": "是什么", "how many": "多少", "how much": "多少", "when did": "什么时候", "when was": "什么时候",
    "when is": "什么时候", "where was": "在哪里", "where is": "在哪里", "where did": "在哪里", "what date": "哪天",
    "what day": "哪天", "which day": "哪天", "what time": "什么时候", "which year": "哪一年",
    "phone number": "电话", "telephone number": "电话", "contact number": "电话", "e-mail": "邮箱",
    "secretary general": "秘书长", "secretary-general": "秘书长",
    "deputy secretary general": "副秘书长", "vice president": "副会长", "vice chairman": "副主席",
    "chief engineer": "总工程师", "general manager": "总经理", "hong kong": "香港", "built environment": "建筑环境",
    "green building": "绿色建筑", "green buildings": "绿色建筑", "energy saving": "节能", "energy efficiency": "节能",
    "low carbon": "低碳", "construction industry association": "建筑业协会", "construction industry": "建筑业",
    "green building salon": "绿建沙龙", "energy conservation": "节能", "building energy conservation": "建筑节能",
    "net zero": "净零", "net-zero": "净零", "zero carbon": "零碳", "passive house": "被动房",
    "talent apartment": "人才公寓", "memorandum of understanding": "合作备忘录", "won awards": "获奖",
    "won an award": "获奖", "first prize": "一等奖", "second prize": "二等奖", "third prize": "三等奖", "low-carbon": "低碳", "full name": "全称", "set up": "成立", "signing ceremony": "签约仪式",
    "prefab building": "装配式建筑", "prefabricated building": "装配式建筑", "site meeting": "现场会",
    "expert database": "专家库", "expert pool": "专家库", "annual meeting": "年会", "general assembly": "会员大会",
    "opening ceremony": "开幕式", "pass rate": "合格率", "passing rate": "合格率",
    "tree planting": "植树", "planted trees": "植树", "press conference": "记者会", "keynote speech": "主旨报告",
    # the sector's common terms, as its articles write them
    "greater bay area": "大湾区", "bay area": "大湾区", "life cycle": "全生命周期", "life-cycle": "全生命周期",
    "carbon emissions": "碳排放", "carbon emission": "碳排放", "carbon neutrality": "碳中和", "carbon peak": "碳达峰",
    "carbon peaking": "碳达峰", "industrial park": "产业园", "science and technology": "科学技术",
    "per person": "每人", "each person": "每人", "phase ii": "二期", "phase 2": "二期", "phase i": "一期",
    "phase 1": "一期", "smart energy": "智慧能源", "smart city": "智慧城市", "smart construction": "智能建造",
    "intelligent construction": "智能建造", "smart manufacturing": "智造", "energy management": "能源管理",
    "training course": "培训班", "training class": "培训班", "renewable energy": "可再生能源",
    "solar energy": "太阳能", "heat pump": "热泵", "building materials": "建材", "real estate": "房地产",
    "urban renewal": "城市更新", "member units": "会员单位", "member companies": "会员企业",
    "ultra-low energy": "超低能耗", "near zero energy": "近零能耗", "nearly zero energy": "近零能耗",
    "local standard": "地方标准", "editor in chief": "主编", "chief editor": "主编", "editor-in-chief": "主编",
    "work report": "工作报告", "board of directors": "理事会", "council meeting": "理事会",
    "on behalf of": "代表", "opening ceremony of": "开幕式", "public buildings": "公共建筑",
    "public building": "公共建筑", "existing buildings": "既有建筑", "existing building": "既有建筑",
    "energy retrofit": "节能改造", "comments on": "意见", "application deadline": "申报截止时间", "legislative council": "立法会", "standing council": "常务理事会", "case selection": "案例评选", "expert committee": "专家委员会",
}
WORDS = {
    "who": "谁", "whom": "谁", "when": "什么时候", "where": "在哪里", "which": "哪个", "what": "什么",
    "meeting": "会议", "meetings": "会议", "conference": "会议", "congress": "大会", "forum": "论坛",
    "summit": "峰会", "ceremony": "仪式", "event": "活动", "seminar": "研讨会", "symposium": "研讨会",
    "attend": "参加", "attended": "参加", "attendees": "参会人员", "participants": "参会人员", "guests": "嘉宾",
    "speakers": "发言", "spoke": "发言", "speech": "讲话", "speeches": "讲话", "report": "报告", "talk": "报告",
    "host": "主持", "hosted": "主持", "chair": "主持", "chaired": "主持", "moderator": "主持",
    "organizer": "主办", "organiser": "主办", "organizers": "主办", "organisers": "主办", "organized": "主办",
    "organised": "主办", "co-organized": "合办", "co-organised": "合办",
    "venue": "地点", "location": "地点", "place": "地点", "held": "举行", "hold": "举行", "open": "成立",
    "opened": "成立", "launch": "启动", "launched": "启动", "established": "成立", "founded": "成立",
    "inaugurated": "成立", "start": "启动", "started": "启动",
    "phone": "电话", "telephone": "电话", "tel": "电话", "contact": "联系方式", "address": "地址", "email": "邮箱",
    "fax": "传真", "office": "办公室", "west": "西部", "western": "西部", "association": "协会",
    "committee": "委员会", "council": "理事会", "university": "大学", "company": "公司", "companies": "公司",
    "enterprise": "企业", "enterprises": "企业", "project": "项目", "projects": "项目", "visit": "参观",
    "visited": "参观", "tour": "参观", "toured": "参观", "prefab": "装配式", "prefabricated": "装配式",
    "building": "建筑", "buildings": "建筑", "construction": "建设", "site": "现场", "green": "绿色",
    "sustainable": "可持续", "sustainability": "可持续", "environment": "环境", "carbon": "碳",
    "energy": "能源", "global": "全球", "international": "国际", "expert": "专家", "experts": "专家",
    "people": "人", "persons": "人", "president": "会长", "chairman": "主席",
    "director": "主任", "professor": "教授", "dean": "院长", "engineer": "工程师", "secretary": "秘书长",
    "vice": "副", "deputy": "副", "sign": "签约", "signed": "签约", "signing": "签约", "agreement": "协议",
    "rules": "规则", "document": "文件", "documents": "文件", "approved": "通过", "adopted": "通过",
    "passed": "通过", "approve": "通过", "adopt": "通过", "theme": "主题", "topic": "主题", "ticket": "门票", "tickets": "门票", "price": "价格",
    "cost": "费用", "fee": "费用", "fees": "费用", "area": "面积", "elected": "当选", "election": "选举",
    "bank": "银行", "industry": "行业", "promise": "承诺", "promised": "承诺",
    "new": "新", "conservation": "节能", "credit": "授信", "loan": "贷款", "loans": "贷款", "chairs": "主任",
    "chairman of": "主任", "head": "负责人", "salon": "沙龙", "guide": "指南", "guidelines": "指南",
    "registration": "报名", "deadline": "截止时间", "register": "报名", "members": "会员", "efficiency": "节能", "mou": "合作备忘录", "award": "奖",
    "awards": "奖", "awarded": "获奖", "prize": "奖", "won": "获得", "training": "培训", "course": "培训班",
    "standard": "标准", "standards": "标准", "review": "审查", "acceptance": "验收", "research": "研究",
    "organization": "机构", "organisation": "机构", "institute": "研究院", "school": "学校", "apartment": "公寓",
    "built": "承建", "build": "建设", "developed": "开发", "first": "第一", "annual": "年度", "national": "全国", "province": "省", "city": "市",
    "weather": "天气", "rain": "下雨", "purpose": "作用", "role": "作用", "function": "作用", "title": "职务",
    "position": "职务", "job": "职务", "member": "成员", "list": "名单",
    "overall": "总体", "supervisor": "监理", "supervisors": "监理", "supervision": "监理", "exam": "考试",
    "exams": "考试", "examination": "考试", "test": "考试", "second": "第二", "third": "第三", "trees": "树",
    "graduate": "毕业", "graduated": "毕业", "penalty": "罚款", "fine": "罚款", "hotline": "专线",
    "emissions": "排放", "emission": "排放", "decarbonisation": "减碳", "decarbonization": "减碳",
    "decarbonise": "减碳", "decarbonize": "减碳", "smart": "智能", "intelligent": "智能", "digital": "数字",
    "technology": "技术", "technologies": "技术", "science": "科学", "platform": "平台", "management": "管理",
    "assessment": "测评", "evaluation": "评价", "manufacturing": "制造", "innovation": "创新",
    "cooperation": "合作", "strategic": "战略", "exchange": "交流", "delegation": "代表团",
    "retrofit": "改造", "renovation": "改造", "rural": "农村", "housing": "住房", "urban": "城市",
    "heating": "供暖", "insulation": "保温", "materials": "材料", "material": "材料", "quality": "质量",
    "safety": "安全", "certificate": "证书", "certificates": "证书", "editor": "主编", "approval": "批准",
    "subsidy": "补贴", "finance": "金融", "financial": "金融", "photovoltaic": "光伏", "solar": "太阳能",
    "winner": "获奖", "winners": "获奖", "edition": "届", "session": "届", "volunteer": "志愿",
    "volunteers": "志愿者", "student": "学生", "students": "学生", "survey": "调研", "inspection": "检查",
    "application": "申报", "applications": "申报", "apply": "申报", "case": "案例", "cases": "案例",
    "selection": "评选", "excellent": "优秀", "outstanding": "优秀", "macau": "澳门", "macao": "澳门",
    "capital": "首都", "memorandum": "备忘录", "trainees": "学员", "trainee": "学员",
    "comments": "意见", "opinions": "意见", "feedback": "意见", "opening": "开幕", "existing": "既有",
    "public": "公共", "term": "期限", "amount": "额度",
}
STOP = set("a an the of to in on at for by with and or is are was were be been did do does done "
           "has have had it its this that these those there their his her he she they them me my i you your we "
           "our us can could would should will shall may might from about as into up out how".split())


@functools.cache
def _place_by_pinyin() -> dict[str, str]:
    """anhui -> 安徽, chengdu -> 成都: place names written in pinyin."""
    places = {pinyin_key(place): place for place in PLACES}
    # 山西 and 陕西 are both shanxi in pinyin; 陕西 is spelled Shaanxi in English
    places.update({"shanxi": "山西", "shaanxi": "陕西"})
    return places


def translate(text: str) -> tuple[str, list[str], list[str]]:
    """English words -> Chinese words; returns (text, leftover Latin words, pinyin-like words)."""
    lowered = " " + text.lower() + " "
    lowered = re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", r" 第\1届 ", lowered)  # the 6th awards -> 第6届
    for phrase in sorted(PHRASES, key=len, reverse=True):
        lowered = re.sub(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", f" {PHRASES[phrase]} ", lowered)
    out, leftover = [], []
    for token in re.findall(r"[a-z][a-z'\-]*|[^a-z\s]+", lowered):
        if token in WORDS:
            out.append(WORDS[token])
        elif token in STOP:
            continue
        elif token.replace("'", "") in _place_by_pinyin():  # xi'an
            out.append(_place_by_pinyin()[token.replace("'", "")])
        elif re.fullmatch(r"[a-z][a-z'\-]*", token):
            leftover.append(token)
            out.append(token)
        else:
            out.append(token)
    joined = " ".join(out)  # spaces kept: each English word is one subject word
    return joined.strip(), leftover, [w for w in leftover if re.fullmatch(r"[a-z]+", w)]
