"""Slot filling for the calculator: which measure, which amounts and facts a question states."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from policy import find_amounts

# Keywords per measure, with weights; the measure with the highest score wins.
MEASURE_KEYWORDS: dict[str, dict[str, int]] = {
    "studio": {
        "摄影棚": 3,
        "影棚": 2,
        "棚": 1,
        "设施设备": 3,
        "服装道具": 3,
        "道具": 2,
        "服装": 1,
        "制片方": 2,
        "拍摄基地": 1,
        "租棚": 3,
        "租用": 1,
        "来重庆拍": 1,
        "在重庆拍": 1,
    },
    "crew-services": {
        "协拍": 3,
        "协拍服务机构": 4,
        "场地搭建": 3,
        "设备租赁": 3,
        "服化道": 3,
        "机灯美": 3,
        "置景": 3,
        "外景": 2,
        "为剧组": 3,
        "给剧组": 3,
        "剧组提供": 3,
        "剧组服务": 3,
    },
    "digital-services": {
        "虚拟拍摄": 3,
        "图像处理": 3,
        "剪辑": 2,
        "配音": 2,
        "电脑特效": 3,
        "特效": 3,
        "数字内容": 3,
        "第一出品单位": 3,
        "委托": 1,
        "外包": 1,
        "cg": 2,
        "vfx": 2,
    },
    "postproduction": {
        "后期制作": 2,
        "后期": 1,
        "技术服务收入": 4,
        "技术服务": 2,
        "社保": 3,
        "营收": 2,
        "收入": 2,
        "年收入": 3,
        "员工": 1,
        "技术企业": 2,
    },
    "script": {
        "剧本": 3,
        "本子": 3,
        "编剧": 2,
        "重点影片生产规划": 4,
        "年度计划": 3,
        "重大工程": 3,
        "剧本立项": 4,
    },
    "hardware": {
        "影视棚": 2,
        "专业楼宇": 4,
        "硬件载体": 4,
        "硬件": 2,
        "建设": 2,
        "新建": 3,
        "建棚": 4,
        "修建": 3,
        "建一个": 3,
        "盖": 2,
        "固定资产": 4,
        "土地": 2,
        "存量空间": 3,
        "投资": 1,
        "重大项目": 2,
    },
    "base-park": {"基地": 3, "园区": 3, "专项资金": 4, "电影事业发展": 3, "配套支持": 2},
}
# "拍摄基地" is about studios, not the base/park measure.
_SHADOWED = {"base-park": ("拍摄基地",)}

_STAFF = re.compile(
    r"(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?:个|名|位)?\s*(?:人|员工|职工|社保)"
    r"|社保(?:人员|人数)?(?:有|是|为)?\s*(?P<m>\d+|[一二两三四五六七八九十]+)"
)
_CN_SMALL = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
# An amount right after these words is a claim about the rules ("上限是一亿元"), not a base.
_RULE_CLAIM = re.compile(r"(上限|封顶|最高|不超过|提高到|提高至|比例)[是为到至了]?[^,，。]{0,3}$")
_SEVERAL = re.compile(r"分别|各自|两笔|几笔|多笔|每笔|[两三四五几多]个(项目|剧组)|[两三四五几多]部")
_LAND = re.compile(r"土地(?:费|款|出让金)?")
_COMMERCIAL = re.compile(r"(?:配套)?商业(?:投资|配套)?")


@dataclass(frozen=True)
class Slots:
    """What the calculator needs, as far as the conversation has told us."""

    measure: str | None = None
    amount_yuan: int | None = None
    claims_yuan: tuple[int, ...] = ()  # several amounts stated for separate claims
    staff: int | None = None
    major_project: bool | None = None
    land_yuan: int = 0
    commercial_yuan: int = 0
    tier: str | None = None
    ambiguous: tuple[str, ...] = field(default=())

    def merged_over(self, earlier: Slots) -> Slots:
        """This turn's slots, filling gaps from an earlier turn of the same session."""
        return replace(
            self,
            measure=self.measure or earlier.measure,
            amount_yuan=self.amount_yuan if self.amount_yuan is not None else earlier.amount_yuan,
            claims_yuan=(self.claims_yuan if self.amount_yuan is not None else earlier.claims_yuan),
            staff=self.staff if self.staff is not None else earlier.staff,
            major_project=(
                self.major_project if self.major_project is not None else earlier.major_project
            ),
            land_yuan=self.land_yuan or earlier.land_yuan,
            commercial_yuan=self.commercial_yuan or earlier.commercial_yuan,
            tier=self.tier or earlier.tier,
        )

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "ambiguous"}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slots:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known.pop("ambiguous", None)
        known["claims_yuan"] = tuple(known.get("claims_yuan", ()))
        return cls(**known)


def measure_scores(text: str) -> dict[str, int]:
    lowered = text.lower()
    scores: dict[str, int] = {}
    for measure, words in MEASURE_KEYWORDS.items():
        probe = lowered
        for shadow in _SHADOWED.get(measure, ()):
            probe = probe.replace(shadow, "")
        score = sum(weight for word, weight in words.items() if word in probe)
        if score:
            scores[measure] = score
    # A studio that is being *built* is hardware, not the use of studios.
    if "hardware" in scores and scores["hardware"] >= 3 and "studio" in scores:
        scores["studio"] -= 2
    # Revenue and insured staff point at the post-production company measure.
    if "postproduction" in scores and scores["postproduction"] >= 4:
        scores["digital-services"] = scores.get("digital-services", 0) - 2
    return {m: s for m, s in scores.items() if s > 0}


def detect_measure(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The measure a question is about, or None; ties come back as `ambiguous`."""
    scores = measure_scores(text)
    if not scores or max(scores.values()) < 2:  # one weak word ("投资", "棚") is not enough
        return None, ()
    best = max(scores.values())
    top = tuple(sorted(m for m, s in scores.items() if s == best))
    return (top[0], ()) if len(top) == 1 else (None, top)


def _small_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text in _CN_SMALL:
        return _CN_SMALL[text]
    if text.startswith("十") and len(text) == 2 and text[1] in _CN_SMALL:
        return 10 + _CN_SMALL[text[1]]
    if len(text) == 2 and text[1] == "十" and text[0] in _CN_SMALL:
        return _CN_SMALL[text[0]] * 10
    return None


def extract(text: str) -> Slots:
    """Slots stated in one (normalised) question."""
    measure, ambiguous = detect_measure(text)
    amounts = find_amounts(text)
    bases: list[int] = []
    land = commercial = 0
    for found in amounts:
        before = text[max(0, found.start - 8) : found.start]
        if _RULE_CLAIM.search(before):
            continue
        if _LAND.search(before):
            land = found.yuan
        elif _COMMERCIAL.search(before):
            commercial = found.yuan
        else:
            bases.append(found.yuan)
    amount = bases[0] if bases else None
    # "分别花了600万和800万": separate claims (each judged against the threshold and the cap).
    claims = tuple(bases) if len(bases) > 1 and _SEVERAL.search(text) else ()
    staff: int | None = None
    for match in _STAFF.finditer(text):
        value = _small_int(match.group("n") or match.group("m") or "")
        if value is not None:
            staff = value
    major: bool | None = None
    if re.search(r"(不是|没有|未)(纳入)?(市级)?重大项目", text):
        major = False
    elif "重大项目" in text:
        major = True
    tier: str | None = None
    if "重大工程" in text:
        tier = "major"
    elif "重点影片生产规划" in text or "年度计划" in text:
        tier = "plan"
    return Slots(
        measure=measure,
        amount_yuan=amount,
        claims_yuan=claims,
        staff=staff,
        major_project=major,
        land_yuan=land,
        commercial_yuan=commercial,
        tier=tier,
        ambiguous=ambiguous,
    )
