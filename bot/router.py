"""Route a turn: calculator, knowledge, clarify or out_of_scope. Rules, not guesses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.slots import Slots

Route = Literal["calculator", "knowledge", "clarify", "out_of_scope"]

_GREETING = re.compile(
    r"^(你好|您好|hi|hello|嗨|哈喽|在吗|谢谢|多谢|感谢|再见|拜拜|你是谁|你叫什么|你能做什么|"
    r"你会什么|早上好|晚上好|下午好|ok|好的|嗯)[!！。.?？~～]*$",
    re.IGNORECASE,
)
_OTHER_PLACES = re.compile(
    r"北京|上海|广州|深圳|成都|杭州|浙江|横店|海南|海口|三亚|西安|武汉|天津|南京|苏州|青岛|厦门|"
    r"香港|澳门|台湾|长沙|郑州|贵州|贵阳|云南|昆明|新疆|西藏|东北|山东|江苏|福建|四川省|湖北|湖南|"
    r"美国|日本|韩国|欧洲|好莱坞"
)
_SUPPORT = re.compile(r"政策|补贴|补助|奖励|扶持|优惠|资金|支持|申请|拍摄|拍戏|拍电影|基地|园区|税")
_OFF_TOPIC = re.compile(
    r"天气|股票|股价|彩票|菜谱|做菜|写诗|写首诗|作诗|写代码|编程|python|翻译|笑话|房价|星座|"
    r"算命|足球|篮球|比分|游戏攻略|减肥|高考|考研|火锅店|景点|旅游攻略|机票|酒店|好吃|美食|小吃|"
    r"怎么去|怎么走|路线|坐车|高铁|上映|八卦|成员国",
    re.IGNORECASE,
)
# Costs and topics the policy does not name: never forced into a measure.
NOT_COVERED = re.compile(
    r"片酬|演员|明星|导演费|编剧费|劳务费|税|发行费|宣发|营销|广告费|票房分账|贷款|融资|利息|"
    r"签证|落户|户口|人才公寓|住房|租房补贴|门票|票价|购票|餐饮|住宿费|交通费|差旅|保险费|"
    r"版权费|音乐版权|院线|影院建设|电视剧播出|网络游戏|短视频平台|窗口|电话|热线|联系方式|"
    r"办公地址|截止|网址|网站|邮箱|申报时间|申报系统"
)
_INJECTION = re.compile(
    r"(忽略|无视|忘记|忘掉|不要管|不用管|覆盖).{0,12}(指令|规则|设定|提示|要求|限制|以上|之前|前面)|"
    r"你现在是|从现在起|扮演|system\s*prompt|jailbreak|developer\s*mode|"
    r"ignore (all|previous|the above)",
    re.IGNORECASE,
)
_HOW_MUCH = re.compile(
    r"多少|几成|几个点|能补|能拿|能领|可以拿|能得|能给|上限|封顶|最高|最多|门槛|起步|算一下|算算|"
    r"测算|能不能|能否|可不可以|有没有|比例"
)
_WHAT = re.compile(
    r"什么样|哪些|哪类|哪种|什么条件|条件|要求|资格|是谁|给谁|怎么|如何|流程|材料|是什么"
)
_MONEY = re.compile(r"补|奖|钱|元|资金|配套|拿|领|给")
_CAP_WORDS = re.compile(r"上限|封顶|最高|最多")
_THRESHOLD_WORDS = re.compile(r"门槛|起步|至少|最低|起点")
_FOLLOW_UP = re.compile(
    r"^(那|那么|如果|要是|假如|假设|换成|改成|若|再|还有|那要是|那如果)|呢[?？]?$"
)


@dataclass(frozen=True)
class Decision:
    route: Route
    why: str  # machine-readable reason, logged and used by the composer
    injection: bool = False


def looks_like_injection(text: str) -> bool:
    return bool(_INJECTION.search(text))


def is_follow_up(text: str) -> bool:
    return bool(_FOLLOW_UP.search(text)) or len(text) <= 12


def asks_cap(text: str) -> bool:
    return bool(_CAP_WORDS.search(text))


def asks_threshold(text: str) -> bool:
    return bool(_THRESHOLD_WORDS.search(text))


def decide(text: str, slots: Slots, earlier: Slots | None) -> tuple[Decision, Slots]:
    """Pick the route for a normalised question; returns the slots to use (merged if follow-up)."""
    injection = looks_like_injection(text)
    if _GREETING.match(text):
        return Decision("out_of_scope", "greeting", injection), slots
    mentions_chongqing = "重庆" in text or "永川" in text or "在渝" in text
    # "北京电影学院原副院长侯克明" is a person in the article, not another city's policy.
    about_support = bool(_SUPPORT.search(text))
    if _OTHER_PLACES.search(text) and not mentions_chongqing and about_support:
        return Decision("out_of_scope", "other_place", injection), slots
    if _OFF_TOPIC.search(text) and slots.measure is None:
        return Decision("out_of_scope", "off_topic", injection), slots

    how_much = bool(_HOW_MUCH.search(text))
    amount_intent = slots.amount_yuan is not None or (
        how_much and (bool(_MONEY.search(text)) or slots.measure is not None)
    )
    adds_facts = any(
        v is not None and v != 0
        for v in (slots.amount_yuan, slots.staff, slots.major_project, slots.tier, slots.land_yuan)
    )
    # A follow-up that only adds facts continues the earlier calculation.
    earlier_measure = earlier.measure if earlier else None
    same_measure = slots.measure is None or slots.measure == earlier_measure
    if (
        earlier is not None
        and earlier_measure
        and same_measure
        and adds_facts
        and (is_follow_up(text) or not NOT_COVERED.search(text))
    ):
        return Decision("calculator", "follow_up", injection), slots.merged_over(earlier)

    if NOT_COVERED.search(text) and slots.measure is None:
        return Decision("knowledge", "not_covered", injection), slots
    if injection and slots.measure is None:
        return Decision("out_of_scope", "injection", injection), slots
    if slots.amount_yuan is None and _WHAT.search(text) and "多少" not in text:
        return Decision("knowledge", "question", injection), slots
    if not amount_intent:
        return Decision("knowledge", "question", injection), slots
    if slots.measure is None:
        if slots.ambiguous:
            return Decision("clarify", "ambiguous_measure", injection), slots
        if slots.amount_yuan is not None:
            return Decision("clarify", "no_measure", injection), slots
        # "上限是多少" without a measure: facts from retrieval are more useful than a form.
        if asks_cap(text) or asks_threshold(text):
            return Decision("knowledge", "question", injection), slots
        return Decision("clarify", "no_measure", injection), slots
    return Decision("calculator", "calculate", injection), slots
