"""Chinese money parsing and formatting: "800万", "八百万元", "1.2亿", "3,000,000元"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from policy.errors import InvalidAmount

_UNITS = {
    "": Decimal(1),
    "千": Decimal(1_000),
    "万": Decimal(10_000),
    "十万": Decimal(100_000),
    "百万": Decimal(1_000_000),
    "千万": Decimal(10_000_000),
    "亿": Decimal(100_000_000),
    "w": Decimal(10_000),
}
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟"
_UNIT_RE = "亿|千万|百万|十万|万|千|w"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+"
_AMOUNT_RE = re.compile(
    # "1.5个亿", "两个亿": the measure word 个 may stand before 亿/万 in speech.
    rf"(?P<neg>[-−])?(?P<cur>[¥￥]\s*)?(?:(?P<arabic>{_ARABIC})\s*(?:个(?=亿|万))?(?P<unit>{_UNIT_RE})?"
    # "1亿2000万": a second figure only after a first one with its unit ("Q1 180万" is two)
    rf"(?(unit)(?:\s*(?P<arabic2>{_ARABIC})\s*(?P<unit2>万|千))?)"
    # "六百w", "六百个w": 万 typed as w after a Chinese numeral too
    rf"|(?P<chinese>[{_CN_DIGITS}]+(?:个[亿万][{_CN_DIGITS}]*|个?w(?![a-z]))?))"
    r"\s*(?P<yuan>元|块钱|块|人民币)?",
    re.IGNORECASE,
)
# What a 万/亿 figure counts when it is not money.
_COUNTED = re.compile(
    # (not "600万元人民币": the currency said after the unit)
    r"\s*(平方米|平米|平方|平|亩|人次|人(?!民币)|次|张|部|集|分钟|字|册|份|观众|播放|点击|粉丝|册|套|台)"
)
_MIXED_RE = re.compile(r"(?<![\d.])(?P<k>\d)千(?:(?P<h>\d)百)?(?:(?P<t>\d)十)?万")
# "这两块", "两块分别": 块 after a small numeral as a measure word of parts, not of yuan.
_SMALL = frozenset("一二两三四五六七八九")
_THESE = frozenset("这那哪几每")
_PIECES = re.compile(r"都|分别|各|加|合|一起")
_YUAN_END = re.compile(r"\s*(钱|[，。,.!！?？、；;~～）)]|$)")
_PERCENT_RE = re.compile(rf"(?P<num>{_ARABIC})\s*%|百分之(?P<cn>[{_CN_DIGITS}]+)")


def normalise(text: str) -> str:
    """Full-width → half-width (NFKC) and Traditional money units → Simplified."""
    text = unicodedata.normalize("NFKC", text)
    return (
        text.replace("萬", "万")
        .replace("億", "亿")
        .replace("兩", "两")
        .replace("點", "点")
        .replace("塊", "块")
        .replace("圓", "元")
        .replace("％", "%")
    )


# "一亿二", "三万五": the digit after the unit is its tenth (1.2亿, 3.5万) in speech.
_UNIT_TENTH = re.compile(r"^([一二两三四五六七八九])(亿|万)([一二两三四五六七八九])$")


def _cn_to_decimal(chinese: str) -> Decimal:
    import cn2an  # ~0.1 s import; only when a Chinese numeral appears

    tenth = _UNIT_TENTH.match(chinese)
    if tenth:  # cn2an reads "1.2亿" but not "一点二亿"
        digits = "一二三四五六七八九"
        whole = digits.index(tenth.group(1).replace("两", "二")) + 1
        part = digits.index(tenth.group(3).replace("两", "二")) + 1
        chinese = f"{whole}.{part}{tenth.group(2)}"
    try:
        value = cn2an.cn2an(chinese, "smart")
    except (ValueError, KeyError, IndexError) as exc:
        raise InvalidAmount(f"无法识别金额“{chinese}”") from exc
    return Decimal(str(value))


def _to_decimal(arabic: str) -> Decimal:
    try:
        return Decimal(arabic.replace(",", ""))
    except InvalidOperation as exc:
        raise InvalidAmount(f"无法识别金额“{arabic}”") from exc


def _yuan(match: re.Match[str]) -> Decimal:
    if match.group("arabic") is not None:
        value = _to_decimal(match.group("arabic")) * _UNITS[(match.group("unit") or "").lower()]
        if match.group("arabic2") is not None:  # "1亿2000万"
            value += _to_decimal(match.group("arabic2")) * _UNITS[match.group("unit2")]
        return value
    chinese = match.group("chinese").replace("个", "")
    return _cn_to_decimal(re.sub("[wW]$", "万", chinese))


# An amount of money: whole yuan as an int, or yuan and fen as a Decimal ("1,845,600.50元").
Yuan = int | Decimal
FEN = Decimal("0.01")


def exact(value: Yuan) -> Yuan:
    """An amount as it is kept: an int when it is whole yuan (a sum of invoices with 角分 may
    be), else a Decimal to the fen."""
    return _to_yuan(Decimal(value)) if isinstance(value, Decimal) else value


def _to_yuan(value: Decimal) -> Yuan:
    """Exact to the fen (below it dropped): an int when whole, else a Decimal. Sums of
    invoices with 角分 stay exact, and 4,999,999.99元 has not reached a 500万 threshold."""
    fen = value.quantize(FEN, rounding=ROUND_DOWN)
    return int(fen) if fen == fen.to_integral_value() else fen


def parse_amount(text: str | int | Decimal) -> Yuan:
    """Parse one amount of money (yuan, exact to the fen); raise InvalidAmount (Chinese
    message)."""
    if isinstance(text, bool):
        raise InvalidAmount("金额必须是数字")
    if isinstance(text, int | Decimal):
        value = Decimal(text)
    else:
        raw = normalise(str(text)).strip().replace(" ", "")
        raw = raw.removeprefix("人民币")
        if not raw:
            raise InvalidAmount("请填写金额")
        match = _AMOUNT_RE.fullmatch(raw)
        if match is None:
            raise InvalidAmount(f"无法识别金额“{text}”，请写成如“800万元”或“8000000元”")
        value = -_yuan(match) if match.group("neg") else _yuan(match)
    if value < 0:
        raise InvalidAmount("金额不能为负数")
    if value > Decimal(10) ** 13:
        raise InvalidAmount("金额过大，请核对")
    return _to_yuan(value)


@dataclass(frozen=True)
class FoundAmount:
    """An amount of money found inside a sentence."""

    yuan: Yuan
    start: int
    end: int
    text: str


def find_amounts(text: str) -> list[FoundAmount]:
    """Every amount of money in a sentence (needs a unit: 元/万/亿…); positions refer to `text`."""
    norm = normalise(text)
    if len(norm) != len(text):  # NFKC changed lengths (rare ligatures): positions refer to norm
        text = norm
    found: list[FoundAmount] = []
    mixed = [m for m in _MIXED_RE.finditer(norm)]
    for m in mixed:  # "1千2百万": Arabic digits with Chinese units inside one amount
        wan = sum(int(m.group(g) or 0) * unit for g, unit in (("k", 1000), ("h", 100), ("t", 10)))
        found.append(FoundAmount(wan * 10_000, m.start(), m.end(), text[m.start() : m.end()]))
    for match in _AMOUNT_RE.finditer(norm):
        if any(m.start() <= match.start() < m.end() for m in mixed):
            continue
        has_unit = bool(
            match.group("unit") or match.group("yuan") or match.group("unit2") or match.group("cur")
        )
        chinese = match.group("chinese")
        if chinese is not None:
            has_unit = (
                has_unit
                or chinese.lower().endswith(("万", "亿", "w"))
                or bool(_UNIT_TENTH.match(chinese.replace("个", "")))  # "一个亿二"
            )
            if chinese in {"万", "亿", "千", "百", "点"} or not re.search(
                "[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾]", chinese
            ):
                continue
        if not has_unit or _COUNTED.match(norm, match.end()):
            continue  # "20万平方米", "1亿播放量": a count, not money
        if (
            match.group("yuan") == "块"
            and chinese in _SMALL
            and (
                norm[max(0, match.start() - 1) : match.start()] in _THESE
                or _PIECES.match(norm, match.end())
                # "两块业务", "一块给剧组做…": a part of something, not yuan ("就两块钱")
                or not _YUAN_END.match(norm, match.end())
            )
        ):
            continue  # "这两块都能补吗": two parts (块 counts pieces), not two yuan
        try:
            value = _yuan(match)
        except InvalidAmount:
            continue
        if match.group("neg"):
            value = -value
        found.append(
            FoundAmount(
                _to_yuan(value), match.start(), match.end(), text[match.start() : match.end()]
            )
        )
    return sorted(found, key=lambda f: f.start)


def find_percents(text: str) -> list[Decimal]:
    """Every percentage in a sentence: "20%", "15 %", "百分之二十"."""
    out: list[Decimal] = []
    for match in _PERCENT_RE.finditer(normalise(text)):
        if match.group("num") is not None:
            out.append(_to_decimal(match.group("num")))
        else:
            try:
                out.append(_cn_to_decimal(match.group("cn")))
            except InvalidAmount:
                continue
    return out


def format_wan(yuan: int | Decimal) -> str:
    """160万元; 12.5万元; 8,000元 (below 10,000)."""
    value = Decimal(yuan)
    if abs(value) < 10_000:
        return f"{format(value.normalize(), ',f')}元" if value != 0 else "0元"
    wan = (value / 10_000).normalize()
    return f"{format(wan, 'f')}万元"


def format_yuan(yuan: int | Decimal) -> str:
    """1,600,000元."""
    value = Decimal(yuan)
    if value == value.to_integral_value():
        return f"{int(value):,}元"
    return f"{format(value, ',f')}元"


def format_percent(rate: Decimal) -> str:
    """Decimal("20") → "20%"."""
    return f"{format(rate.normalize(), 'f')}%"


# -- amounts written without a Chinese unit -------------------------------------------------
# "3.6M RMB", "RMB 45M", "5.8 million RMB", "4,200,000 RMB": English notation, read in 万元.
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_RMB = r"(?:RMB|CNY|yuan|人民币|[¥￥])"
_MILLION = r"(?:million|mn|m|k|thousand)(?![a-z])"
# Another currency: its figures are no yuan, and nothing converts them.
_FOREIGN_AFTER = re.compile(
    r"\s*(?:USD|US\$|dollars?|HKD|EUR|euros?|GBP|JPY|pounds?|美元|美金|港币|港元|欧元|日元|英镑|"
    r"韩元|卢布|新台币|澳元|加元|卢比)",
    re.I,
)
_FOREIGN_BEFORE = re.compile(
    r"(?:USD|US\$|HKD|HK\$|EUR|GBP|JPY|[$€£]|美元|美金|港币|港元|欧元|日元|英镑)\s*$", re.I
)


def _foreign(text: str, start: int, end: int) -> bool:
    """The figure at text[start:end] is said in another currency ("USD 600k", "600k USD")."""
    before = text[max(0, start - 6) : start]
    return bool(_FOREIGN_AFTER.match(text, end) or _FOREIGN_BEFORE.search(before))


_ENGLISH = re.compile(
    # (not "人民币920万元": a Chinese unit after the figure reads it as usual)
    rf"(?:{_RMB}\s*(?P<a>{_NUM})(?!\d|[.,]\d|\s*(?:万|亿|千|百|元|块))\s*(?P<am>{_MILLION})?)"
    rf"|(?:(?P<b>{_NUM})\s*(?P<bm>{_MILLION})(?:\s*{_RMB})?)"
    rf"|(?:(?P<c>{_NUM})\s*{_RMB})",
    re.I,
)
# Capital numerals of invoices and forms ("壹仟零伍拾万元", "柒人").
_CAPITAL = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟", "一二二三三四五六六七八九十百千")
# Chat shorthand: "1.2kw" (千万), "50w" (万).
# "服务费一点二亿", "零点八亿": a Chinese decimal before a unit.
_CN_DECIMAL = re.compile(
    r"(?P<i>[零一二两三四五六七八九十]{1,3})点(?P<f>[零一二三四五六七八九]{1,4})\s*(?P<u>亿|千万|百万|万)"
)
_TEN_THOUSANDS = re.compile(
    r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*[(（]\s*(?:in\s+)?(?:10k|10,000|ten[- ]thousands?)"
    r"\s*(?:yuan|rmb|cny)?\s*[)）]",
    re.I,
)
_CHAT_WAN = re.compile(r"(?<![0-9A-Za-z.])(?P<n>\d+(?:\.\d+)?)\s*(?P<k>[kK])?[wW](?![A-Za-z])")
# "（以上均为元）", "单位：元", "金额单位：万元": the unit of the bare figures of a pasted table.
_DECLARED = re.compile(
    r"单位\s*[:：为是]?\s*(?:人民币)?\s*(?P<u>万元|千元|元|万)|(?:以上|上述|下列|表中)[^，,。；;\n]{0,6}?"
    r"(?:均|都|全)?(?:为|是|按|以)\s*(?:人民币)?\s*(?P<v>万元|元|万)(?:计|为单位)?"
)
# A bare figure: not part of a code, a date, a phone number, a count or an amount with a unit.
_BARE = re.compile(
    r"(?<![\w.,\-/])(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?![\w.,%\-/:：]|\s*(?:万|亿|元|块|千|百|年|月|日|号|人|个|名|位|集|天|部|家|次|笔|分钟|小时|"
    r"平|米|岁|期|条|项|倍|成|届|%))"
)


_ZERO = re.compile(
    r"(?<=费用|花了|花费|金额|收入|投入|棚租|租金)(?:是|为|了|就是)?\s*[0０](?![\d.,%０-９万亿元千百wW块])"
)


def units_spelled(text: str) -> str:
    """The text with amounts written without a Chinese unit spelled in 万元: English notation
    ("studio rent 3.6M RMB") and the bare figures of a table whose unit the message declares
    ("摄影棚租赁  4,200,000 … （以上均为元）"). Other text is left as it is."""

    def chat(match: re.Match[str]) -> str:
        value = _to_decimal(match.group("n")) * (10_000_000 if match.group("k") else 10_000)
        return format_wan(_to_yuan(value))

    def english(match: re.Match[str]) -> str:
        if _foreign(text, match.start(), match.end()):
            return match.group(0)
        number = match.group("a") or match.group("b") or match.group("c")
        million = match.group("am") or match.group("bm")
        if million is None and match.group("c") is None and match.group("a") is None:
            return match.group(0)
        scale = 1_000 if million and million.lower() in ("k", "thousand") else 1_000_000
        value = _to_decimal(number) * (scale if million else 1)
        if million and million.lower() == "m" and not re.search(_RMB, text, re.I):
            return match.group(0)  # "4M" alone: megabytes as likely as millions
        return format_wan(_to_yuan(value))

    def decimal(match: re.Match[str]) -> str:
        import cn2an

        whole = cn2an.cn2an(match.group("i").replace("两", "二"), "strict")
        digits = "".join(str("零一二三四五六七八九".index(d)) for d in match.group("f"))
        return f"{whole}.{digits}{match.group('u')}"

    text = text.translate(_CAPITAL)  # "缴纳社保人员柒人": capital numerals read as plain ones
    text = _CN_DECIMAL.sub(decimal, text)  # "一点二亿": 1.2亿
    # "1,350 (10k yuan)": a figure in units of 万 said in English
    text = _TEN_THOUSANDS.sub(lambda m: m.group("n").replace(",", "") + "万元", text)
    text = _CHAT_WAN.sub(chat, text)
    text = _ENGLISH.sub(english, text)
    declared = _DECLARED.search(text)
    unit = (declared.group("u") or declared.group("v")) if declared else None
    scale = {"万元": 10_000, "万": 10_000, "千元": 1_000}.get(unit or "", 1)

    # no unit declared: figures in thousands ("3,600,000 … 450,000") are yuan when one of them
    # runs to millions, as in a pasted cost table
    table = bool(re.search(r"(?<![\d,])\d{1,3}(?:,\d{3}){2,}(?![\d,])", text))

    def bare(match: re.Match[str]) -> str:
        number = match.group("n")
        if unit is None and not (table and "," in number):
            return match.group(0)
        if re.fullmatch(r"1\d{10}", number):
            return match.group(0)  # a mobile phone number
        value = _to_decimal(number) * scale
        if value < 10_000:
            return match.group(0)  # too small to be one of the table's amounts
        return format_wan(_to_yuan(value))

    text = _BARE.sub(bare, text)
    # "这块费用是0": nothing spent needs no unit
    return _ZERO.sub(lambda m: f"{m.group(0)}元", text)
