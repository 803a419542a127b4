"""Reading messages, by table: message → parts, measures, amounts and their roles, facts,
topics; then message (and earlier turns) → route and calculations. Milliseconds: the
analysis runs on the policy data alone (no index, no model)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bot import lexicon as lx
from bot.analyse import Analyser
from bot.lexicon import Lexicon
from bot.normalize import normalise
from bot.plan import decide
from policy import Facts, builtin_policies

DOC = "policy-chongqing-tech-film"
W = 10_000
LEXICON = Lexicon(builtin_policies())
ANALYSER = Analyser(LEXICON)


def q(measure: str) -> str:
    return f"{DOC}/{measure}"


# message → {measure: expected facts (only the listed attributes are checked)}
READS: list[tuple[str, dict[str, dict[str, Any]]]] = [
    (
        "棚和服装道具花了1200万，特效委托重庆公司做了800万，分别补多少？",
        {
            "studio": {"amount_yuan": 1200 * W},
            "digital-services": {"amount_yuan": 800 * W, "conditions": {"in_chongqing": True}},
        },
    ),
    (
        "特效交给北京的公司做的，花了500万",
        {"digital-services": {"conditions": {"in_chongqing": False}}},
    ),
    (
        "项目还没立项备案，在重庆用摄影棚花了700万",
        {"studio": {"conditions": {"filed": False, "local": True}}},
    ),
    ("项目已经备案了，在重庆用摄影棚花了700万", {"studio": {"conditions": {"filed": True}}}),
    (
        "剧本在上海立项的，被列入了重点影片生产规划",
        {"script": {"tier": "plan", "conditions": {"registered": False}}},
    ),
    (
        "剧本在重庆立项，列入中央和国家规划重大工程",
        {"script": {"tier": "major", "conditions": {"registered": True}}},
    ),
    # an award already received is not the base; a claimed rule is not the base
    (
        "我们协拍公司今年已经拿了150万补助，又给剧组做了置景服务600万",
        {"crew-services": {"amount_yuan": 600 * W, "prior_awards_yuan": 150 * W}},
    ),
    ("听说摄影棚补贴封顶改成2000万了，我们棚费1.5亿", {"studio": {"amount_yuan": 15000 * W}}),
    # a vendor asking about its client's award: the vendor's place is its own
    (
        "我们是北京的特效团队，委托我们的那个剧组（已备案）特效费是800万，他们能补多少？",
        {
            "digital-services": {
                "amount_yuan": 800 * W,
                "conditions": {"filed": True, "in_chongqing": False},
            }
        },
    ),
    (
        "我们是重庆的特效公司，给外地一个已备案的剧组做特效收了350万，剧组那边能补多少？",
        {
            "digital-services": {
                "amount_yuan": 350 * W,
                "conditions": {"filed": True, "in_chongqing": True},
            }
        },
    ),
    (
        "我们给外地一个剧组做特效收了350万，剧组那边能补多少？",
        {"digital-services": {"amount_yuan": 350 * W, "conditions": {}}},
    ),
    # a total less the parts of it named as something else
    (
        "在重庆拍摄总共花了1500万，其中演员片酬600万，其余都是摄影棚和设备租赁，棚这块能补多少？",
        {"studio": {"amount_yuan": 900 * W}},
    ),
    (
        "我们协拍公司今年给剧组的服务收入总共900万，其中有200万是代收代付的群演劳务费",
        {"crew-services": {"amount_yuan": 700 * W}},
    ),
    # ... but not what is said beside it
    (
        "重庆棚租设备合计12,600,000元，另外剧组餐饮和酒店大概200万，分别多少",
        {"studio": {"amount_yuan": 1260 * W}},
    ),
    # an award of an earlier year leaves this year's cap whole
    (
        "去年我们公司（重庆的协拍机构）拿了协拍补助200万，已经封顶了。今年给剧组做场地搭建收了700万",
        {"crew-services": {"amount_yuan": 700 * W, "prior_awards_yuan": 0}},
    ),
    # the year said last in an amount's sentence is its year
    (
        "我们公司在重庆，去年给三个剧组做协拍收了1,100万；今年到10月为止做了两单外景协拍，一单480万一单350万",
        {"crew-services": {"amount_yuan": None, "claims_yuan": (480 * W, 350 * W)}},
    ),
    # an award received this year, however far the words that say so
    (
        "我们是重庆的协拍机构，今年3月拿过一次协拍服务补助80万，现在又给一部网剧做了场地搭建，费用950万",
        {"crew-services": {"amount_yuan": 950 * W, "prior_awards_yuan": 80 * W}},
    ),
    # a place of ours denied ("不是重庆的") is no statement that it is ours
    (
        "我们这部电影已经备案了；但是做电脑特效的那家公司不是重庆的，是在长沙。特效费用700万",
        {
            "digital-services": {
                "amount_yuan": 700 * W,
                "conditions": {"filed": True, "in_chongqing": False},
            }
        },
    ),
    # asked or doubted is not denied; two negations affirm; a parent company's place is not ours
    (
        "不确定我们有没有备案，制片那边在办。在重庆用摄影棚和服装道具花了800万",
        {"studio": {"amount_yuan": 800 * W, "conditions": {"local": True}}},
    ),
    (
        "我们的剧本并非没有在重庆立项，今年列入了国家电影局重点影片生产规划和年度计划",
        {"script": {"tier": "plan", "conditions": {"registered": True}}},
    ),
    (
        "我们后期公司在重庆，社保人员5人，今年技术服务收入1,100万；我们的母公司在北京，有300人",
        {"postproduction": {"amount_yuan": 1100 * W, "conditions": {"in_chongqing": True}}},
    ),
    # a negation of another phrase does not deny the next one
    (
        "网大还没备案 重庆棚租700万",
        {"studio": {"amount_yuan": 700 * W, "conditions": {"filed": False, "local": True}}},
    ),
    # years matter only where the text counts a year
    (
        "同一个影视棚项目分两期：一期2024年投入800万，二期今年投入900万，合计1,700万，都不含土地费",
        {"hardware": {"amount_yuan": 1700 * W}},
    ),
    # an award another labelled company received leaves this one's cap whole
    (
        "今年A子公司已经拿到协拍补助200万。B子公司今年给剧组提供服化道和置景，费用1,050万，B子公司能拿多少？",
        {"crew-services": {"amount_yuan": 1050 * W, "prior_awards_yuan": 0}},
    ),
    # the applicant's place is not where its money went
    (
        "电影已在国家电影局备案，由北京一家公司作为第一出品单位。后期特效委托重庆一家数字公司完成，费用640万元",
        {
            "digital-services": {
                "amount_yuan": 640 * W,
                "conditions": {"filed": True, "in_chongqing": True},
            }
        },
    ),
    # an amount someone else paid
    (
        "我们是第一出品单位，重庆的合作方负责虚拟拍摄，我们付给他们520万；他们又把剪辑配音转包给了同在重庆的工作室，"
        "费用80万（这80万是他们付的，不是我们付的）",
        {"digital-services": {"amount_yuan": 520 * W}},
    ),
    # several years by number: the year asked about, else the last
    (
        "我们是重庆的协拍机构，2024年给剧组服务700万，2025年给剧组服务600万，2025年度能补多少",
        {"crew-services": {"amount_yuan": 600 * W}},
    ),
    (
        "重庆后期公司，2024年收入150万；2025年做了两个项目，收入100万和130万。2024年度能拿多少",
        {"postproduction": {"amount_yuan": 150 * W}},
    ),
    # a breakdown: only the part labelled as the measure's base is its base
    (
        "后期公司营业收入3000万，其中技术服务收入1800万，设备出租收入700万；社保18人",
        {"postproduction": {"amount_yuan": 1800 * W, "claims_yuan": ()}},
    ),
    # one company's revenue of one year: separate amounts, added up by the calculator
    (
        "后期公司今年三个项目技术服务收入分别是80万、90万和100万",
        {"postproduction": {"claims_yuan": (80 * W, 90 * W, 100 * W)}},
    ),
    # parts of one spend add up; a stated total is not counted twice
    ("棚租300万，服装道具250万", {"studio": {"amount_yuan": 550 * W}}),
    ("棚租300万，服装道具200万，一共500万", {"studio": {"amount_yuan": 500 * W}}),
    # two projects are two claims
    ("两个项目分别在重庆摄影棚花了600万和800万", {"studio": {"claims_yuan": (600 * W, 800 * W)}}),
    (
        "新建影视棚总投入3000万，其中土地费500万",
        {"hardware": {"amount_yuan": 3000 * W, "land_yuan": 500 * W}},
    ),
    ("新建影视棚投资8000万，没有纳入市级重大项目", {"hardware": {"major_project": None}}),
    ("我们是重庆的后期公司，年收入600万，社保8人", {"postproduction": {"amount_yuan": 600 * W}}),
    (
        "我们是重庆的公司，帮剧组搭景、租灯，这块收入700万",
        {"crew-services": {"amount_yuan": 700 * W}},
    ),
    ("我们用的是成都的摄影棚，花了800万", {"studio": {"conditions": {"local": False}}}),
    (
        "北京那家特效公司帮我们做了600万的特效",
        {"digital-services": {"conditions": {"in_chongqing": False}}},
    ),
    (
        "我们不是重庆的公司，特效委托重庆企业做了300万",
        {"digital-services": {"conditions": {"in_chongqing": True}}},
    ),
    # another place named in the measure's own clause, however worded; filing still under way
    (
        "特效外包给了一个深圳的团队，花了400万",
        {"digital-services": {"conditions": {"in_chongqing": False}}},
    ),
    ("项目备案还在走流程，在重庆棚里花了600万", {"studio": {"conditions": {"filed": False}}}),
    ("北京的剧组来重庆租棚花了800万", {"studio": {"conditions": {"local": True}}}),
    # an award applied for is not a base; a hoped-for cap is a claim; numbered projects
    ("已经申请了100万补贴，这次又在重庆棚里花了600万", {"studio": {"amount_yuan": 600 * W}}),
    ("听说现在摄影棚补贴能到1500万，我们棚费9000万", {"studio": {"amount_yuan": 9000 * W}}),
    ("第一个项目棚租300万，第二个项目棚租800万", {"studio": {"claims_yuan": (300 * W, 800 * W)}}),
    # named projects are separate claims; a range is not an amount to compute with
    ("《山河》棚租300万，《远方》棚租400万", {"studio": {"claims_yuan": (300 * W, 400 * W)}}),
    ("棚租大概300到400万", {"studio": {"amount_yuan": 350 * W}}),  # computed only if steady
    # a total whose parts are named is not added to them; the remainder is not this measure's
    ("总预算3000万，其中在重庆租棚和服装道具花了650万", {"studio": {"amount_yuan": 650 * W}}),
    (
        "棚费总共1100万，其中700万是在渝北的棚，剩下400万是在横店补拍的",
        {"studio": {"amount_yuan": 700 * W}},
    ),
    (
        "后期公司营收1000万，其中后期技术服务600万，其余400万是卖设备的",
        {"postproduction": {"amount_yuan": 600 * W}},
    ),
    # a place per amount, however the clause is worded
    ("棚：重庆700万、成都300万", {"studio": {"amount_yuan": 700 * W}}),
    # an award received (领过, 拿满了) or hoped for (能拿) is never a base; "差一万" neither
    (
        "今年已经领过120万协拍补助，又给剧组做了置景700万",
        {"crew-services": {"amount_yuan": 700 * W, "prior_awards_yuan": 120 * W}},
    ),
    ("在重庆租棚花了800万，我们自己算的是能拿200万", {"studio": {"amount_yuan": 800 * W}}),
    ("后期技术服务收入199万，社保5人，就差一万", {"postproduction": {"amount_yuan": 199 * W}}),
    # an amount joined to the next by 加/和 keeps its own measure; a total of both is no base
    (
        "棚租300万加特效300万，都在重庆，加起来600万，过500万门槛了吧",
        {"studio": {"amount_yuan": 300 * W}, "digital-services": {"amount_yuan": 300 * W}},
    ),
    # a threshold the user claims ("满300万就能补") is not spend; "差一点到500万" neither
    ("棚租满300万就能补20%是吧？我们在重庆花了350万", {"studio": {"amount_yuan": 350 * W}}),
    # "400万能补贴多少" asks the award of 400万
    ("特效外包给重庆公司做的，花了400万能补贴多少", {"digital-services": {"amount_yuan": 400 * W}}),
    # figures that are not this spend: a loan, a co-producer's stake, a director's fee, an
    # award hoped for, a threshold the caller supposes
    (
        "我们找银行贷了2000万拍这部戏，在重庆租棚花了650万，能补多少？",
        {"studio": {"amount_yuan": 650 * W}},
    ),
    (
        "联合出品方投了3000万，我们是第一出品单位，委托重庆特效公司做了420万特效，能拿多少？",
        {"digital-services": {"amount_yuan": 420 * W}},
    ),
    (
        "主演片酬1500万，导演800万，在重庆棚里棚租加道具是580万，这部分能补多少？",
        {"studio": {"amount_yuan": 580 * W}},
    ),
    (
        "听说能补15%，我们算了下希望能有200万，委托重庆公司做虚拟拍摄实际花了1200万，能拿多少？",
        {"digital-services": {"amount_yuan": 1200 * W}},
    ),
    ("听说在重庆租棚要满800万才给补，我们才花了600万", {"studio": {"amount_yuan": 600 * W}}),
    # a breakdown: the grand total is not added to its subtotals
    (
        "项目已备案，在重庆一共花了2,000万，其中棚租设备服化道合计1,100万（都在永川），"
        "特效和调色是重庆公司做的，合计600万，剩下的是演员和盒饭",
        {"studio": {"amount_yuan": 1100 * W}, "digital-services": {"amount_yuan": 600 * W}},
    ),
    # the rest of a total given to a company elsewhere is left out, not a denial
    (
        "特效一共800万，其中500万给了两江新区的公司，剩下的给了上海一家公司做",
        {"digital-services": {"amount_yuan": 500 * W}},
    ),
    # a total investment with nothing named inside it is the investment; hotel and shops
    # built beside the studio are commercial; "单个都不到200万" is said of the amounts given
    (
        "方案评审通过、固投也入统了，棚已经建完，投资总额8,000万元，其中土地款2,000万元",
        {"hardware": {"amount_yuan": 8000 * W, "land_yuan": 2000 * W}},
    ),
    (
        "总投资6000万，里面土地费1500万、配套的酒店商铺2000万，剩下都是摄影棚和后期楼",
        {"hardware": {"amount_yuan": 6000 * W, "commercial_yuan": 2000 * W}, "studio": {}},
    ),
    (
        "我们重庆后期公司今年两个单子，一个120万一个150万，单个都不到200万，4个人交社保",
        {"postproduction": {"claims_yuan": (120 * W, 150 * W)}},
    ),
    (
        "重庆本地协拍机构，今年两单：一单300万，一单900万",
        {"crew-services": {"claims_yuan": (300 * W, 900 * W)}},
    ),
    # the caller's own result ("那就是180万？") is no base
    (
        "我们重庆协拍公司给剧组做服化道收了600万，比例是30%吧，那就是180万？",
        {"crew-services": {"amount_yuan": 600 * W}},
    ),
    # a pasted list (line breaks kept by bot.normalize): "分别" is per measure, not per line
    (
        "我们这个项目:;重庆棚租——420万;重庆道具租赁——160万;重庆特效公司——280万;"
        "演员片酬——1500万;分别能补多少",
        {"studio": {"amount_yuan": 580 * W}, "digital-services": {"amount_yuan": 280 * W}},
    ),
    # thousands separators are no clause breaks; a cost named before "另外花了" is not covered
    (
        "棚租加设备一共¥6,800,000,盒饭住宿另外花了120万,能补多少",
        {"studio": {"amount_yuan": 680 * W}},
    ),
    # renting equipment is the studio measure, whichever measure the clause before names
    (
        "项目委托重庆公司做特效600万，同时也在重庆租了设备200万",
        {"digital-services": {"amount_yuan": 600 * W}, "studio": {"amount_yuan": 200 * W}},
    ),
    # registered elsewhere, with no company here: not a Chongqing company
    (
        "我们公司注册在西安，重庆没有分公司，派人到重庆给剧组提供设备租赁，服务费800万",
        {"crew-services": {"conditions": {"in_chongqing": False}}},
    ),
    # a production renting equipment is the studio measure, not the service company's
    (
        "剧组在重庆的开销：摄影棚租金320万，灯光摄影设备租赁110万，服装道具95万",
        {"studio": {"amount_yuan": 525 * W}},
    ),
    # land inside a total, listed with commercial investment
    (
        "楼宇总投资9000万，里面含土地3000万和配套商业1500万",
        {"hardware": {"amount_yuan": 9000 * W, "land_yuan": 3000 * W, "commercial_yuan": 1500 * W}},
    ),
    # one amount for each of several films; items listed with slashes, a lodging cost and a
    # claimed threshold left out; a vendor that is "not from elsewhere"
    ("我们两部片子各在重庆摄影棚花了550万", {"studio": {"claims_yuan": (550 * W, 550 * W)}}),
    (
        "花销：棚租280万/设备租赁120万/服装道具90万/剧组住宿300万，合计790万，过了500万的线了吧",
        {"studio": {"amount_yuan": 490 * W}},
    ),
    (
        "剪辑配音的供应商不是外地的，是重庆本地公司，费用三百六十万",
        {"digital-services": {"amount_yuan": 360 * W, "conditions": {}}},
    ),
    # an amount corrected right after; last year's revenue beside this year's
    ("我们在重庆棚里拍摄的服务费是580万，不对，是850万", {"studio": {"amount_yuan": 850 * W}}),
    (
        "后期公司12个人交社保。去年技术服务收入1500万，今年到目前是260万",
        {"postproduction": {"amount_yuan": 260 * W}},
    ),
    (
        "专业楼宇实际投入1800万，不含土地费，但里面包含了300万的配套商业投资",
        {"hardware": {"amount_yuan": 1800 * W, "commercial_yuan": 300 * W}},
    ),
    # figures that are not spend; an amount taken out of a total; its place is not the base's
    (
        "我们贷款2000万新建了一个影视棚，固定资产实际投入1200万",
        {"hardware": {"amount_yuan": 1200 * W}},
    ),
    (
        "剧组自己采购了400万的摄影设备，另外租用重庆摄影棚服务费300万",
        {"studio": {"amount_yuan": 300 * W}},
    ),
    (
        "重庆协拍公司给剧组提供外景协拍服务350万，另外还给剧组包了餐饮300万",
        {"crew-services": {"amount_yuan": 350 * W}},
    ),
    (
        "特效总费用500万，扣掉给成都公司做的150万，其余都委托重庆公司做",
        {"digital-services": {"amount_yuan": 350 * W}},
    ),
    (
        "重庆摄影棚300万，设施设备200万，服装道具100万，合计600万",
        {"studio": {"amount_yuan": 600 * W}},
    ),
    ("在重庆摄影棚服务费用1200万元（大写：壹仟贰佰万元整）", {"studio": {"amount_yuan": 1200 * W}}),
    # an award of an earlier year leaves this year's cap alone
    (
        "后期公司去年已经批了200万奖励，今年技术服务收入4000万，社保20人",
        {"postproduction": {"amount_yuan": 4000 * W, "prior_awards_yuan": 0}},
    ),
    (
        "盖个摄影棚，投资1.5个亿，其中土地款3000万",
        {"hardware": {"amount_yuan": 15000 * W, "land_yuan": 3000 * W}},
    ),
    # an amount said again to be sure is one amount; two projects of the same amount are two
    (
        "重庆协拍公司给剧组置景，合同是，嗯，六百八十万，对六百八十万",
        {"crew-services": {"amount_yuan": 680 * W}},
    ),
    ("我们在重庆租棚，棚租是，呃，一千九百万，一千九百万", {"studio": {"amount_yuan": 1900 * W}}),
    # what another company itself earned, when the message asks about ours
    (
        "我们和合作方都是重庆的协拍公司，今年我们给剧组做了750万，他们做了1100万。我们公司能拿多少？",
        {"crew-services": {"amount_yuan": 750 * W}},
    ),
    (
        "我们委托他们做了520万特效，他们是重庆的公司，我们能拿多少？",
        {"digital-services": {"amount_yuan": 520 * W}},
    ),
    # a period's sum after monthly figures is that period's, not their total
    (
        "重庆后期公司（社保5人）今年各月技术服务收入：1月30万，2月25万，3月45万，4月50万，"
        "5月60万，6月40万，下半年一共250万",
        {"postproduction": {"claims_yuan": tuple(x * W for x in (30, 25, 45, 50, 60, 40, 250))}},
    ),
    # a table's subtotals and its grand total are no further amounts
    (
        "一、摄影棚租赁；A号棚 2,150,000.00；B号棚 1,870,500.00；小计 4,020,500.00；"
        "二、设施设备租赁；摄影机组 860,000.00；灯光组 545,300.00；小计 1,405,300.00；"
        "三、服装道具 312,800.00；合计：5,738,600.00元（单位：元，都在重庆）",
        {"studio": {"amount_yuan": 5_738_600}},
    ),
    # a result or a threshold the caller offers is no amount spent
    (
        "后期奖励按技术服务收入的18%给，我们重庆公司收入1,000万、社保7人，应该是180万吧？",
        {"postproduction": {"amount_yuan": 1000 * W}},
    ),
    (
        "影视棚投了2,000万（不含土地和配套商业），已评审纳统建成，补240万？",
        {"hardware": {"amount_yuan": 2000 * W}},
    ),
    (
        "委托在渝企业做虚拟拍摄，费用满100万元及以上就能申请补助吧？我们花了150万",
        {"digital-services": {"amount_yuan": 150 * W}},
    ),
    # a form's field and its value, split at the colon
    (
        "剧本名称：《钢铁与星辰》；剧本立项地：北京市；入选情况：列入中央和国家规划重大工程",
        {"script": {"conditions": {"registered": False}}},
    ),
    # the place after the thing placed; a filing said with 过 inside it
    (
        "棚是在重庆永川的，项目在国家电影局备过案了，租棚和设备860万",
        {"studio": {"conditions": {"local": True, "filed": True}}},
    ),
    # an asset's value, a company's own revenue for a fee's measure, a job its words put
    # outside the measure, a car rental: none is a base
    (
        "重庆的协拍公司，设备原值3000万，今年给一个电影剧组做场地搭建收了880万，"
        "另外给一个广告片做了120万（那个不是影视剧组）",
        {"crew-services": {"amount_yuan": 880 * W}},
    ),
    (
        "我们是北京的出品公司，去年营收3.5亿，新片已备案，把电脑特效交给重庆两江的一家公司做，"
        "合同金额2200万",
        {"digital-services": {"amount_yuan": 2200 * W}},
    ),
    (
        "住宿花了600万，车辆租赁150万，在重庆租棚和设备只花了420万",
        {"studio": {"amount_yuan": 420 * W}},
    ),
    # several rules claimed in a list are all claims, none a base
    (
        "我听到三个说法：租棚补贴上限500万、1000万、2000万，到底哪个对？单个项目最多补多少？",
        {"studio": {"amount_yuan": None}},
    ),
    # a filler between the words that say what an amount is and the amount
    (
        "我们是重庆的后期公司，收入的话大概是，嗯，一千一百万吧，就是说技术服务这块的",
        {"postproduction": {"amount_yuan": 1100 * W}},
    ),
    (
        "重庆协拍公司，两个剧组，一个600万，一个600万",
        {"crew-services": {"claims_yuan": (600 * W, 600 * W)}},
    ),
    # a step not taken yet, in words the condition's own patterns do not list
    (
        "影视棚实际投入2800万，建设方案还没报专业评审，固定资产已经入统了",
        {"hardware": {"conditions": {"reviewed": False, "in_statistics": True}}},
    ),
    (
        "立项备案要等明年初才报，重庆棚租1500万",
        {"studio": {"conditions": {"filed": False}}},
    ),
    ("重庆棚租800万，备案下个月才下来", {"studio": {"conditions": {"filed": False}}}),
    # the kind of spend said and taken back names no measure
    (
        "这800万不是棚租，而是委托重庆的公司做虚拟拍摄和电脑特效的",
        {"digital-services": {"amount_yuan": 800 * W}},
    ),
    # a total less the part of it spent elsewhere, the rest spent here
    (
        "今年重庆和成都两边拍，摄影棚、设备的服务费一共800万，其中300万是在成都花的",
        {"studio": {"amount_yuan": 500 * W, "conditions": {"local": True}}},
    ),
    # a condition asked about ("备案了没有") and said not known is no condition stated
    (
        "剧组在重庆的棚里花了九百万，不清楚出品方那边项目备案了没有，问能补多少",
        {"studio": {"conditions": {"filed": None, "local": True}}},
    ),
    # the items of a list headed as revenue are revenue, under the measure asked
    (
        "重庆后期公司做年报，社保9人。收入明细：后期剪辑300万、调色150万、特效500万、"
        "银行利息20万。按后期制作那条，他们能拿多少奖励？",
        {
            "postproduction": {"claims_yuan": (300 * W, 150 * W, 500 * W)},
            "digital-services": {"amount_yuan": None},
        },
    ),
    # a building's investment said in a base's clause, with its land apart
    (
        "基地的国家电影事业发展专项资金还在申报，没批下来；基地内影视棚项目投入3500万，"
        "其中土地费500万，方案已评审、已纳统。问配套支持和硬件补贴各多少。",
        {"hardware": {"amount_yuan": 3500 * W, "land_yuan": 500 * W}, "base-park": {}},
    ),
    # building a studio, said with a measure word between ("建个棚"), is the building measure
    ("我们也想投5000万建个棚，能补多少？", {"hardware": {"amount_yuan": 5000 * W}}),
    # an episode's length is no cost paid per episode
    (
        "网剧项目（已备案，共24集，每集约45分钟）的全部电脑特效委托给重庆一家公司，费用3,600万元",
        {"digital-services": {"amount_yuan": 3600 * W}},
    ),
    # the year's total said beside months of it; an inexact investment is still one
    (
        "重庆后期公司，缴纳社保19人；2025年1-9月技术服务收入1,450万元，预计全年2,100万元，"
        "参与项目总投资超过5亿元。问全年能拿多少奖励。",
        {"postproduction": {"amount_yuan": 2100 * W, "staff": None}},
    ),
    # "很多不到200万": of the items, no spend of its own
    (
        "后期公司（重庆，社保7人）今年做了四个项目：180万、220万、90万、310万，都是后期技术服务"
        "收入，单个项目很多不到200万。还能拿后期制作奖励吗？",
        {"postproduction": {"claims_yuan": (180 * W, 220 * W, 90 * W, 310 * W)}},
    ),
    # a wedding company's stage is no crew's service
    (
        "协拍公司会计：今年收入表——给《雾都》剧组的置景和机灯美，一份合同合计620万；给一家婚庆"
        "公司做舞台搭建80万；写字楼转租收入40万。今年我们按协拍服务那条能拿多少？",
        {"crew-services": {"amount_yuan": 620 * W}},
    ),
    # two tiers offered as alternatives nobody can tell apart: neither is stated
    (
        "剧本在本市立项，到底是重点影片生产规划和年度计划，还是中央和国家规划重大工程，他也"
        "说不清。问能拿多少。",
        {"script": {"tier": None, "conditions": {"registered": True}}},
    ),
    # "不是租棚的钱，是…虚拟拍摄": the kind taken back names no measure
    (
        "更正一下：这600万不是租棚的钱，是委托重庆本地一家技术公司做的虚拟拍摄技术服务",
        {"digital-services": {"amount_yuan": 600 * W}},
    ),
    # 纳统 is the same step as 入统
    (
        "影视棚项目实际投入9000万，评审、纳统都有，已建成",
        {"hardware": {"conditions": {"reviewed": True, "in_statistics": True}}},
    ),
    (
        "影视棚实际投入2500万（不含土地和商业），已建成，方案评审通过，投资纳统",
        {"hardware": {"conditions": {"reviewed": True, "in_statistics": True}}},
    ),
    (
        "影视棚实际投入2500万，已建成，方案评审通过，投资没纳统",
        {"hardware": {"conditions": {"reviewed": True, "in_statistics": False}}},
    ),
    # a guess states nothing
    ("项目好像已经备案了，在重庆棚租800万，能补多少", {"studio": {"conditions": {"filed": None}}}),
    # a figure in another currency is no yuan
    ("委托重庆公司做特效，付了100万美元", {"digital-services": {"amount_yuan": None}}),
]


@pytest.mark.parametrize(("message", "expected"), READS, ids=[m[:14] for m, _ in READS])
def test_reads_measures_amounts_and_facts(
    message: str, expected: dict[str, dict[str, Any]]
) -> None:
    a = ANALYSER.analyse(message)
    assert set(a.measures) == {q(m) for m in expected}, a.measures
    for measure, attrs in expected.items():
        facts = a.facts.get(q(measure), Facts())
        for name, value in attrs.items():
            if name == "conditions":
                for cond, want in value.items():
                    assert facts.conditions.get(cond) is want, (measure, cond, facts.conditions)
            else:
                assert getattr(facts, name) == value, (measure, name, facts)


def test_a_step_said_taken_after_its_term() -> None:
    a = ANALYSER.analyse("备案号有的👌", q("studio"))
    assert a.facts[q("studio")].conditions.get("filed") is True
    a = ANALYSER.analyse("影视棚投了2000万，评审都过了，入统办好了")
    assert a.facts[q("hardware")].conditions == {"reviewed": True, "in_statistics": True}
    # asked, not said
    a = ANALYSER.analyse("重庆棚租800万，备案有了吗？")
    assert a.facts[q("studio")].conditions.get("filed") is None


def test_a_count_alone_is_staff_only_where_staff_is_counted() -> None:
    assert ANALYSER.analyse("额 其实有一个离职了 现在就2个", q("postproduction")).shared.staff == 2
    assert ANALYSER.analyse("现在就2个", q("studio")).shared.staff is None
    assert ANALYSER.analyse("我们刚好3个项目", q("postproduction")).shared.staff is None


@pytest.mark.parametrize("yes", ["嗯对", "对的对的", "是的", "嗯嗯 没错"])
def test_a_few_words_of_assent_confirm(yes: str) -> None:
    assert lx.YES.match(yes)


def test_asked_again_beside_a_topic_the_text_leaves_open() -> None:
    state = _state(["在重庆棚租设备花了1300万"])
    plan = decide(ANALYSER.analyse("能补多少？大概多久能到账？", q("studio")), LEXICON, state)
    assert [m for m, _ in plan.calculations] == [q("studio")]
    assert "到账时间" in plan.not_covered


def _plans(turns: list[str]) -> Any:
    state: dict[str, Any] = {}
    plan = None
    for turn in turns:
        context = state["focus"][0] if len(state.get("focus", [])) == 1 else None
        plan = decide(ANALYSER.analyse(turn, context), LEXICON, state)
        if plan.focus:
            state = {"focus": plan.focus, "facts": {k: f.to_json() for k, f in plan.facts.items()}}
            if plan.labels:
                state["labels"] = plan.labels  # as the bot keeps them
    return plan


@pytest.mark.parametrize(
    ("turns", "measure", "amount"),
    [
        # the company the money was paid to, under the measure it may claim it by
        (
            [
                "我们是外地剧组，在重庆租了一家影视公司的棚和设备，花了1000万，能补多少",
                "那租给我们棚的这家重庆公司自己能拿补助吗？",
            ],
            "crew-services",
            1000 * W,
        ),
        # a post house's year is the client's money only when the turn says so
        (
            [
                "我们委托重庆一家后期公司做剪辑配音，花了600万，能补多少",
                "那这家后期公司呢？他们今年就我们这一单，社保有8个人",
            ],
            "postproduction",
            600 * W,
        ),
        (
            ["我们委托重庆一家后期公司做剪辑配音，花了600万，能补多少", "那这家后期公司呢？"],
            "postproduction",
            None,
        ),
    ],
)
def test_the_company_paid_is_asked_about(
    turns: list[str], measure: str, amount: int | None
) -> None:
    plan = _plans(turns)
    if amount is None:  # its own amount is asked for
        assert (plan.calculations, plan.clarify) == ([], [q(measure)])
    else:
        assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q(measure), amount)]


def test_the_paid_company_s_place_said_is_the_spend_s_place() -> None:
    plan = _plans(["委托一家特效公司做了400万的CG，能补多少", "那家公司在成都"])
    assert [m for m, _ in plan.calculations] == [q("digital-services")]


def test_the_total_includes_a_measure_with_no_amount_said_before() -> None:
    plan = _plans(
        [
            "剧本在重庆立项，入选了中央和国家规划重大工程",
            "后来也在重庆棚里拍，棚租设备2000万",
            "剧本奖励和租棚补助一共多少",
        ]
    )
    assert {m for m, _ in plan.calculations} == {q("script"), q("studio")}


def test_a_greeting_with_an_emoji_is_a_greeting() -> None:
    assert ANALYSER.analyse("👋你好").greeting


def test_two_negations_do_not_defer_a_step() -> None:
    a = ANALYSER.analyse("这个项目不是没备案，备案手续早就办了。在重庆摄影棚的费用是640万")
    assert a.facts[q("studio")].conditions.get("filed") is not False
    a = ANALYSER.analyse("这个项目还没备案，在重庆摄影棚的费用是640万")
    assert a.facts[q("studio")].conditions.get("filed") is False


def test_staff_counts_the_insured() -> None:
    a = ANALYSER.analyse("年技术服务收入2000万，交社保的只有2个人，另外外包了30个人")
    assert a.shared.staff == 2


def test_staff_counts_in_other_words() -> None:
    assert ANALYSER.analyse("五险一金交了12个人").shared.staff == 12
    assert ANALYSER.analyse("就老板和会计两个人交五险").shared.staff == 2
    assert ANALYSER.analyse("社保就俩人").shared.staff == 2
    assert ANALYSER.analyse("人都是外包的，一个交社保的都没有").shared.staff == 0
    assert ANALYSER.analyse("没有人交社保").shared.staff == 0
    # people counted who are not insured, or an insured count nobody knows
    assert ANALYSER.analyse("团队18个人，社保的情况我不清楚，要问人事").shared.staff is None
    # the insured named person by person, or listed by name
    assert ANALYSER.analyse("就老板交了社保，另外4个人都是兼职不交社保").shared.staff == 1
    assert ANALYSER.analyse("老板和两个合伙人交社保，其他人都是外包").shared.staff == 3
    assert ANALYSER.analyse("夫妻俩开的工作室，交社保的就我和我老婆").shared.staff == 2
    assert ANALYSER.analyse("社保缴纳人员：王磊、陈静、刘洋、赵敏。今年收入620万").shared.staff == 4
    assert (
        ANALYSER.analyse("参保名单：1. 李娜；2. 周杰；3. 吴昊；技术服务收入：220万").shared.staff
        == 3
    )
    assert ANALYSER.analyse("五十多号人都交社保").shared.staff == 50
    # several people of a kind, uncounted
    assert ANALYSER.analyse("员工都交社保，技术服务收入500万").shared.staff is None


def test_one_sided_amounts_are_ranges() -> None:
    assert ANALYSER.analyse("在重庆租摄影棚，服务费一千万出头").spans == {
        q("studio"): ("range", 1000 * W, 1100 * W)
    }
    assert ANALYSER.analyse("在重庆租摄影棚，服务费不到500万").spans == {
        q("studio"): ("range", 450 * W, 500 * W - 1)
    }


def test_an_amount_followed_by_not_quite_is_just_below_it() -> None:
    assert ANALYSER.analyse("在重庆租棚花了一千万不到").spans == {
        q("studio"): ("range", 900 * W, 1000 * W - 1)
    }


def test_a_hundred_million_and_more_is_a_range() -> None:
    a = ANALYSER.analyse("专业楼宇投了一个多亿，土地另算")
    assert a.spans == {q("hardware"): ("range", 10000 * W, 20000 * W - 1)}


def test_spoken_ranges_are_read_with_both_ends() -> None:
    assert ANALYSER.analyse("棚费大概六七千万").spans == {
        q("studio"): ("range", 6000 * W, 7000 * W)
    }
    assert ANALYSER.analyse("棚费大概八九百万").spans == {q("studio"): ("range", 800 * W, 900 * W)}
    post = ANALYSER.analyse("后期公司今年技术服务收入四千多万")
    assert post.spans == {q("postproduction"): ("range", 4000 * W, 5000 * W - 1)}
    assert ANALYSER.analyse("棚费四百七八十万").spans == {q("studio"): ("range", 470 * W, 480 * W)}
    # both ends said with their unit: one range, the low end no amount of its own
    both = ANALYSER.analyse("棚租设备道具预计在300万到400万之间，能拿多少？")
    assert both.spans == {q("studio"): ("range", 300 * W, 400 * W)}
    assert [x.yuan for x in both.amounts] == [350 * W]
    # a contract and what is paid of it: what is paid, the rest pending
    paid = ANALYSER.analyse("特效委托重庆公司，合同1000万，已付600万，能补多少")
    assert [x.yuan for x in paid.bases[q("digital-services")]] == [600 * W]
    assert paid.pending == {q("digital-services"): 400 * W}
    # with and without tax: both readings
    taxed = ANALYSER.analyse("重庆棚租900万（含税），不含税850万，能补多少")
    assert taxed.spans == {q("studio"): ("range", 850 * W, 900 * W)}
    # an estimate restated more closely is one amount, the second
    restated = ANALYSER.analyse("在重庆租棚不到500万，大概四百七八十万吧")
    assert restated.spans == {q("studio"): ("range", 470 * W, 480 * W)}


def test_a_question_only_about_what_the_text_leaves_open_is_not_computed() -> None:
    plan = decide(ANALYSER.analyse("剧本在重庆立项具体去哪个部门办理？要多长时间？"), LEXICON, {})
    assert (plan.route, plan.calculations) == ("knowledge", [])
    assert "受理部门" in plan.not_covered


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("协拍补助要“经审核”，我们报了700万的服务费，审核一般要多长时间？", "审核时长"),
        ("去年在重庆花了600万棚租，今年还能补申请吗？", "往年费用能否补报"),
        ("协拍公司在重庆，今年服务费700万，发票要开专票还是普票？", "发票的开具"),
        ("重庆后期公司，年度技术服务收入850万，社保3人，今年几月开始申报？", "申报时间"),
    ],
)
def test_an_amount_beside_a_question_the_text_leaves_open_is_not_computed(
    message: str, topic: str
) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert (plan.route, plan.calculations) == ("knowledge", [])
    assert topic in plan.not_covered
    # asked with the amount, the amount is computed and the question named
    plan = decide(ANALYSER.analyse(message.rstrip("？") + "，能补多少？"), LEXICON, {})
    assert plan.route == "calculator" and topic in plan.not_covered


@pytest.mark.parametrize(
    "message",
    [
        "摄影棚补助的申请表在哪里下载？有没有模板？我们棚租花了850万，想早点报。",
        "补助能不能先预拨一部分？我们戏还在拍，在重庆的棚租已经付了700万。",
        "改造旧厂房做影视棚，装修费算不算固定资产实际投入？我们装修花了1,300万。",
        # how much someone else invested, and a size, are no award asked
        "洽谈会上签约的23个重点影视产业项目，投资最大的是哪一个，投了多少钱？我们也想投5000万建个棚。",
        "影视棚建设补贴对棚的面积有没有要求？最少多少平方米？我们准备投2000万。",
    ],
)
def test_a_spend_beside_a_question_about_something_else_is_not_computed(message: str) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert (plan.route, plan.calculations) == ("knowledge", [])


@pytest.mark.parametrize(
    "message",
    [
        "我们协拍公司今年给剧组提供场地搭建服务，总共480万，够补助吗？",
        "改造旧厂房做影视棚，投了九百万，硬件补贴有没有",
        "全片特效都在重庆做，4,200万元，补助15%是630万吗",
        "今年后期技术服务收入199万，社保5人，就差一万，能通融吗？",
        "建棚投入3000万 评审入统都过了 贷款有贴息吗",  # the case for the award is built
        "硬件补贴是开工先给一半、建成再给另一半吧？我们建棚实际投入2000万（不含土地）",
        "委托重庆企业：虚拟拍摄费用2500000元，图像处理费用1500000元，请问补助金额？",
    ],
)
def test_a_spend_with_a_question_the_calculation_answers_is_computed(message: str) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert plan.route == "calculator" and plan.calculations, plan


def test_advice_asked_beside_the_award_leaves_the_award_computed() -> None:
    message = (
        "项目已备案，在重庆棚里的服务费用是700万，按重庆政策能拿多少？"
        "另外横店那边同样的花费能补多少，哪边更划算？"
    )
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert plan.route == "calculator" and lx.ADVICE_TOPIC in plan.not_covered
    plan = decide(ANALYSER.analyse("花800万在重庆租棚值不值？"), LEXICON, {})
    assert (plan.route, plan.calculations) == ("knowledge", [])


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # a vendor asks its client's award and its own, for the same money
        (
            "我们重庆协拍 今年就一个剧组 租棚+租设备+服装道具 一共555w 客户问他们能拿多少 "
            "我们自己能拿多少",
            {"studio": 555 * W, "crew-services": 555 * W},
        ),
        # the year's total is the company's, the project's fee the client's
        (
            "我们是重庆的一家特效公司，给一部已经立项备案的电影做电脑特效，收了350万。"
            "我们全年技术服务收入1200万，交社保的员工有15个。客户（第一出品单位）能拿多少？"
            "我们自己能拿多少？",
            {"digital-services": 350 * W, "postproduction": 1200 * W},
        ),
        # a year counted by the measure, and no word that this was the only job: asked for
        (
            "我们是重庆的后期公司，社保5人，给客户做剪辑配音收了300万，客户（第一出品单位）"
            "能拿多少？我们自己能拿多少？",
            {"digital-services": 300 * W, "postproduction": None},
        ),
        # the place the project was filed is not where the spend was; one question naming
        # its measure ("按协拍那条") does not make the other context
        (
            "我们是重庆本地的协拍服务机构，今年给一个在浙江立项备案的网剧剧组提供了摄影棚租赁、"
            "设备租赁和服装道具，合同总额720万元，今年就接了这一单。我们客户（制片方）能拿多少"
            "补助？我们公司自己按协拍那条又能拿多少？",
            {"studio": 720 * W, "crew-services": 720 * W},
        ),
        (
            "我们是重庆做协拍的 今年给一部电影配套棚+设备 一共800万 今年就这一部 制片方那边能拿多少 我们这边呢",
            {"studio": 800 * W, "crew-services": 800 * W},
        ),
        # the owner of a studio is no company serving crews
        (
            "我们自己在重庆新建的影视棚，固定资产投入2500万（不含土地），能拿多少？另外有个剧组"
            "租我们的棚付了800万棚租，那个剧组能补多少？",
            {"hardware": 2500 * W, "studio": 800 * W},
        ),
    ],
)
def test_the_client_s_award_and_the_company_s_own(
    message: str, expected: dict[str, int | None]
) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    got = {m.split("/")[1]: f.amount_yuan for m, f in plan.calculations}
    assert {m: got.get(m) for m in expected} == expected and set(got) <= set(expected), got


def test_the_company_s_own_job_beside_the_one_computed_for_its_client() -> None:
    state = _state(
        [
            "我们是重庆的协拍服务机构，给一部已备案的网络电影剧组租了摄影棚和设备，一共收了600万。客户制片方能拿多少？"
        ]
    )
    plan = decide(
        ANALYSER.analyse(
            "那我们公司自己呢？今年除了这一单，我们还给另一个剧组做了置景，收了550万。我们按协拍那条能拿多少？"
        ),
        LEXICON,
        state,
    )
    assert [(m.split("/")[1], f.claims_yuan) for m, f in plan.calculations] == [
        ("crew-services", (600 * W, 550 * W))
    ]


def test_an_award_said_to_be_of_an_earlier_year_leaves_this_year_s_cap_whole() -> None:
    state = _state(["今年协拍补助已经拿了150万，又做了一笔600万的场地搭建，还能拿多少？"])
    plan = decide(ANALYSER.analyse("不对，那150万是去年拿的，今年这条还没拿过。"), LEXICON, state)
    assert [
        (m.split("/")[1], f.amount_yuan, f.prior_awards_yuan) for m, f in plan.calculations
    ] == [("crew-services", 600 * W, 0)]


@pytest.mark.parametrize(
    ("message", "separate"),
    [
        # two companies' amounts under one measure are never one company's sum
        (
            "我们集团下面有三家公司：重庆的协拍公司甲、成都的设备租赁公司乙、重庆的后期公司丙"
            "（社保6人）。今年甲给剧组做置景收入700万，乙做设备租赁收入900万，丙后期技术服务"
            "收入260万。集团想知道重庆这两家（甲和丙）各自能拿多少。",
            True,
        ),
        # one company's two jobs are its own sum
        (
            "集团两家子公司：甲（协拍）今年两个剧组，分别520万和610万，都是场地搭建和设备租赁；"
            "乙（后期技术企业，社保3人）全年技术服务收入380万。各自能拿多少？",
            False,
        ),
    ],
)
def test_amounts_of_several_companies_under_one_measure(message: str, separate: bool) -> None:
    a = ANALYSER.analyse(message)
    assert (q("crew-services") in a.separate_companies) is separate


@pytest.mark.parametrize(
    ("message", "amount", "staff"),
    [
        (
            "我们集团有两家重庆后期公司，A公司技术服务收入300万、社保5人，B公司收入150万、"
            "社保2人，不能合并的话，A公司自己能拿多少",
            300 * W,
            5,
        ),
        (
            "我们集团旗下甲公司今年后期那条已经拿满500万了。乙公司是重庆的另一家后期公司，"
            "社保4人，今年技术服务收入750万，乙今年还没拿过奖励。乙还能拿吗？多少？",
            750 * W,
            4,
        ),
        (
            "我们集团下面两家后期公司。重庆A公司社保6人，今年技术服务收入900万；上海B公司也做了"
            "1200万的后期。我先问A公司能拿多少。",
            900 * W,
            6,
        ),
        (
            "我们集团下面三家公司：A公司是重庆的后期公司，今年技术服务收入900万，社保12人；"
            "B公司在成都，后期收入600万；C公司是协拍，做了400万。我只问A公司能拿多少后期奖励",
            900 * W,
            12,
        ),
    ],
)
def test_one_company_asked_of_several_is_read_from_its_own_words(
    message: str, amount: int, staff: int
) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    (measure, facts), *others = plan.calculations
    assert not others and measure == q("postproduction")
    assert (facts.amount_yuan, facts.staff, facts.conditions.get("in_chongqing")) == (
        amount,
        staff,
        True,
    )


def test_a_new_total_said_with_what_it_adds_is_the_base() -> None:
    state = _state(["项目已备案，在重庆租棚和设备花了420万，能补多少？"])
    plan = decide(
        ANALYSER.analyse("刚发现漏了一笔服装道具租赁150万，也是在重庆租的，加上是570万。现在呢？"),
        LEXICON,
        state,
    )
    assert [(m.split("/")[1], f.amount_yuan) for m, f in plan.calculations] == [("studio", 570 * W)]


def test_not_on_the_list_is_no_major_project() -> None:
    message = "影视棚实际投入9000万，查了市级重大项目名单里没有我们，按普通项目多少"
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert [(m.split("/")[1], f.major_project) for m, f in plan.calculations] == [
        ("hardware", False)
    ]


def test_a_total_invested_beside_a_building_is_no_studio_fee() -> None:
    # "小棚" is a word of the studio measure, but an investment with its commercial part said is
    # a building's, and the message names the building measure
    message = "专业楼宇已建成，实际投入1.2亿；另外一个小棚，投入1500万，其中配套商业投资200万"
    a = ANALYSER.analyse(message)
    assert q("studio") not in a.bases
    assert a.bases[q("hardware")][0].yuan == 12000 * W


def test_a_staff_count_withdrawn_leaves_the_award_open() -> None:
    state = _state(["回访：重庆后期公司，年度技术服务收入2200万，社保5人。"])
    plan = decide(
        ANALYSER.analyse("不对，刚才说的5个人是连外包一起算的，实际交社保的有几个我得回去查。"),
        LEXICON,
        state,
    )
    assert [(m.split("/")[1], f.amount_yuan, f.staff) for m, f in plan.calculations] == [
        ("postproduction", 2200 * W, None)
    ]


def test_a_second_measure_asked_together_with_the_first() -> None:
    state = _state(["我们在重庆棚里拍，棚费和道具一共680万"])
    plan = decide(
        ANALYSER.analyse("另外特效也是重庆公司做的，240万，这两块分别补多少"), LEXICON, state
    )
    assert {m.split("/")[1] for m, _ in plan.calculations} == {"studio", "digital-services"}


def test_an_approximate_amount_is_marked() -> None:
    a = ANALYSER.analyse("特效交给重庆本地团队做的，280万左右")
    assert a.spans == {q("digital-services"): ("approx", 252 * W, 308 * W)}
    assert a.facts[q("digital-services")].amount_yuan == 280 * W


def test_shared_facts_and_topics() -> None:
    a = ANALYSER.analyse("我们是重庆的后期公司，年收入600万，社保8人，需要什么材料？多久到账？")
    assert a.shared.staff == 8
    assert {"申请材料", "到账时间"} <= set(a.topics)
    b = ANALYSER.analyse("新建影视棚投资8000万，是市级重大项目")
    assert b.shared.major_project is True
    c = ANALYSER.analyse("摄影棚费用900万，演员片酬2000万")
    assert "片酬" in c.uncovered and "演员" in c.uncovered
    assert c.facts[q("studio")].amount_yuan == 900 * W  # the fee, not the actor fees


# (turns, route of the last turn, {measure: (eligible, amount)} of the last turn)
PLANS: list[tuple[list[str], str, dict[str, int | None]]] = [
    (
        ["棚和服装道具花了1200万，特效委托重庆公司做了800万，分别补多少？"],
        "calculator",
        {"studio": 1200 * W, "digital-services": 800 * W},
    ),
    (["摄影棚补贴上限是多少？"], "calculator", {}),
    # one amount said of two measures together cannot be split: which part is which?
    (["我们后期业务和棚租收入加起来大概一千万，能拿多少？"], "clarify", {}),
    # 合起来 is a total: "各…300万" stays two claims of 300万
    (
        ["两部短剧都备案了，各在璧山的棚里花了300万，合起来600万，能补多少？"],
        "calculator",
        {"studio": None},
    ),
    (["花了800万能补多少？"], "clarify", {}),
    # a total said after its parts is no third amount; two projects keep their own thresholds
    (
        [
            "两个独立的硬件项目：A棚实际投入600万，B楼实际投入700万，都过了评审入了统，合起来1300万能补多少"
        ],
        "calculator",
        {"hardware": None},
    ),
    # the question names one measure by its award: a breakdown's other words are context
    (
        [
            "项目总投资2.3亿：土地5000万、影视棚及设备1.2亿、配套酒店商业6000万；方案过了专业评审、已入统。硬件补贴多少"
        ],
        "calculator",
        {"hardware": 23000 * W},
    ),
    (
        [
            "今年三个项目：《山城》在重庆棚租1200万；《雾都》委托重庆公司做特效400万。我就想问《山城》棚租这块能补多少"
        ],
        "calculator",
        {"studio": 1200 * W},
    ),
    # a measure the message says it is not asking about
    (
        ["重庆棚租800万，特效重庆公司做了300万，特效那块先不算，能补多少"],
        "calculator",
        {"studio": 800 * W},
    ),
    # …but not when the message asks each, or adds another measure's amount after its question
    (
        [
            "剧本在重庆立项，列入了重点影片生产规划；在重庆用棚花了1150万，已备案。剧本奖和棚的补助各多少？"
        ],
        "calculator",
        {"script": None, "studio": 1150 * W},
    ),
    (
        [
            "我们园区能拿多少配套支持？园区里还新建了个影视棚，投入3,000万（不含土地），评审入统都有。"
        ],
        "calculator",
        {"base-park": None, "hardware": 3000 * W},
    ),
    (["我们公司能拿多少补贴？"], "clarify", {}),
    (["申请补贴需要准备哪些材料？"], "knowledge", {}),
    (["能不能把发票开到500万，这样就够门槛了"], "out_of_scope", {}),
    (["把明年的收入算到今年，能不能够门槛"], "out_of_scope", {}),
    (["合同分成两份，能不能拿两个上限"], "out_of_scope", {}),
    (["特效费600万，分给两家关联公司各开300万，是不是就能分别申请了？"], "out_of_scope", {}),
    (["社保只有2个人，找朋友公司借一个人挂到我们这，算3个人行不行？"], "out_of_scope", {}),
    (["棚租实际只有420万，能不能让棚方开500万的发票，这样就过门槛了？"], "out_of_scope", {}),
    (["项目还没备案，能不能把备案时间往前写一下"], "out_of_scope", {}),
    (["帮我开一张重庆本地公司的特效服务发票，金额300万，好去申请补助"], "out_of_scope", {}),
    (["帮我编一份影视棚建设方案的专业评审意见，写成评审通过"], "out_of_scope", {}),
    # another (older) policy's terms: named as open, nothing computed
    (["2023年那版老政策的补贴标准是多少？按老政策，棚租800万能补多少？"], "knowledge", {}),
    (["帮我写一份申请报告，就说我们在重庆花了1000万棚租，其实只花了300万"], "out_of_scope", {}),
    (["成都的影视基地有补贴吗？"], "out_of_scope", {}),
    # advice and predictions are named as open, whatever amounts come with them
    (["花800万在重庆租棚值不值？还是自己花3000万建个棚划算？你给个建议"], "knowledge", {}),
    (["明年比例会不会提高到30%？我们明年预计棚租1000万，想等等再拍"], "knowledge", {}),
    # a base measure named beside a building is context, not a second award
    (
        [
            "投了1.8亿建专业楼宇，其中土地费3000万，已纳入市级重大项目名单，园区规划面积20万平方米，能补多少？"
        ],
        "calculator",
        {"hardware": 18000 * W},
    ),
    # "以后" after a condition is not a question about the policy's future
    (
        ["纳入市级重大项目以后补贴能提高到2000万？我们投入2.5亿，已经在名单里了"],
        "calculator",
        {"hardware": 25000 * W},
    ),
    (["以后补贴会不会提高"], "knowledge", {}),
    # figures beside a spend that are not it
    (
        ["重庆棚租900万，已经预付了300万，尾款600万还没付，能补多少"],
        "calculator",
        {"studio": 300 * W},
    ),
    (["重庆棚租900万，比去年的600万多了不少，能补多少"], "calculator", {"studio": 900 * W}),
    (
        ["上个项目在重庆租棚600万，这个项目租棚900万，这个能补多少"],
        "calculator",
        {"studio": 900 * W},
    ),
    (["重庆棚租900万，按20%应该是180万，但我们能拿到的是多少"], "calculator", {"studio": 900 * W}),
    (
        ["后期公司社保8人，技术服务收入700万，利润200万，能拿多少"],
        "calculator",
        {"postproduction": 700 * W},
    ),
    (
        ["新建影视棚投了3000万，地是租的，每年租金100万，能补多少"],
        "calculator",
        {"hardware": 3000 * W},
    ),
    # a later figure replaces the first; a refund is taken off
    (
        ["特效委托重庆公司，报价1000万，最后谈到800万，能补多少"],
        "calculator",
        {"digital-services": 800 * W},
    ),
    (["重庆棚租原价1000万，打折后800万，能补多少"], "calculator", {"studio": 800 * W}),
    (["重庆棚租1000万，退了200万，能补多少"], "calculator", {"studio": 800 * W}),
    (
        ["两个影视棚项目：一号棚实际投入2000万，二号棚实际投入800万，分别能补多少？"],
        "calculator",
        {"hardware": None},
    ),
    # a price per day or a foreign currency is no base: the amount is asked for
    (["重庆棚租每天3万，拍了100天，能补多少"], "clarify", {}),
    (["重庆棚租900万美元能补多少"], "clarify", {}),
    # a part kept out of a base, said to be apart, is not added to it
    (
        ["影视棚投入2250万，不含配套商业，配套商业另外投了600万，能补多少"],
        "calculator",
        {"hardware": 2250 * W},
    ),
    # one kind of work with a weak word of another is not two kinds lumped
    (
        [
            "今年为剧组提供设备租赁和置景费用共620万元；另外后期技术服务收入340万元，社保人数9人。问两块各能拿多少。"
        ],
        "calculator",
        {"crew-services": 620 * W, "postproduction": 340 * W},
    ),
    # one of several labelled projects asked about, or one party's award alone
    (
        [
            "今年我们有两个已备案项目在重庆拍：A项目棚租600万，已经拿了120万补助；B项目在重庆的棚租和设备1,350万。B项目能补多少？"
        ],
        "calculator",
        {"studio": 1350 * W},
    ),
    (
        [
            "我们是建设方，在重庆新建影视棚，实际投入2,400万元（不含土地）；租用我们棚的剧组他们的棚租是600万。我们建设方能拿多少硬件补贴？"
        ],
        "calculator",
        {"hardware": 2400 * W},
    ),
    # an investment no named measure can take is asked about, never put under a fee's measure
    (["一期棚投了3000万"], "clarify", {}),
    # a major project named bare
    (["建棚1.8亿 市级重大项目 评审入统都ok"], "calculator", {"hardware": 18000 * W}),
    (
        ["硬件补贴 投了2.5亿 评审过 入统 市级重大 土地5000万 配套商业3000万"],
        "calculator",
        {"hardware": 25000 * W},
    ),
    (["在渝影视企业 服化道服务 费用5百万"], "calculator", {"crew-services": 500 * W}),
    # a service company named by its trade serves crews
    (
        ["我们是重庆的置景公司，今年服务费用499.9万，差一点点，能补吗"],
        "calculator",
        {"crew-services": 4_999_000},
    ),
    (
        ["我们是重庆的服化道公司，今年给A剧组做了600万，给B剧组做了300万，今年能补多少"],
        "calculator",
        {"crew-services": None},
    ),
    # of two measures a word may mean, the one whose base an investment can be
    (
        ["影视棚还没建成，方案已经评审通过，目前投入1600万，按现在的投入能补多少"],
        "calculator",
        {"hardware": 1600 * W},
    ),
    # amounts before their measure's words, joined by 和/跟/+ or a space
    (
        ["650万的特效（重庆公司做的）和1100万的重庆棚租，各补多少"],
        "calculator",
        {"digital-services": 650 * W, "studio": 1100 * W},
    ),
    (
        ["重庆棚租💰1500万 + 重庆公司做的AI虚拟拍摄💰220万，分别能拿多少"],
        "calculator",
        {"studio": 1500 * W, "digital-services": 220 * W},
    ),
    (
        ["想问下 重庆租棚 和 重庆特效 各是多少比例？我们棚是九百万 特效是三百万"],
        "calculator",
        {"studio": 900 * W, "digital-services": 300 * W},
    ),
    # what the speaker received for the client's work is the client's spend, not its revenue
    (
        [
            "我们是重庆的后期公司，给外地一个已备案的剧组做剪辑配音收了350万，剧组那边能补多少？"
            "我们公司今年总技术服务收入800万，社保9人，我们自己能拿多少？"
        ],
        "calculator",
        {"digital-services": 350 * W, "postproduction": 800 * W},
    ),
    (["今天天气怎么样"], "out_of_scope", {}),
    (["你好"], "out_of_scope", {}),
    (["这个政策是哪些部门联合出台的？"], "knowledge", {}),
    (["特效交给北京的公司做的，花了500万，能补吗？"], "calculator", {"digital-services": 500 * W}),
    # "就是" as a filler before the first amount is no result the caller worked out
    (
        ["在重庆租摄影棚,嗯,就是六百二十万,然后设备是另外算的,一百一十万,能补多少?"],
        "calculator",
        {"studio": 730 * W},
    ),
    (["重庆棚租640万，那就是128万吧？"], "calculator", {"studio": 640 * W}),
]


@pytest.mark.parametrize(("turns", "route", "amounts"), PLANS, ids=[t[0][:14] for t, _, _ in PLANS])
def test_plans_a_route_per_message(turns: list[str], route: str, amounts: dict[str, int]) -> None:
    plan = decide(ANALYSER.analyse(turns[-1]), LEXICON, {})
    assert plan.route == route, plan
    got = {m.split("/")[1]: f.amount_yuan for m, f in plan.calculations}
    assert got == amounts


def _state(turns: list[str]) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for turn in turns:
        plan = decide(ANALYSER.analyse(turn), LEXICON, state)
        if plan.focus and (plan.route in ("calculator", "clarify") or plan.remember):
            state = {"focus": plan.focus, "facts": {k: f.to_json() for k, f in plan.facts.items()}}
            if plan.labels:
                state["labels"] = plan.labels  # as the bot keeps them
    return state


FOLLOW_UPS: list[tuple[list[str], str, str, dict[str, Any]]] = [
    # an award received, corrected; one more insured
    (
        [
            "我们是重庆协拍公司，今年已经拿过协拍补助150万，现在又做了一个800万的置景单子，还能拿多少"
        ],
        "等等我记错了，之前拿的是50万",
        "crew-services",
        {"amount_yuan": 800 * W, "prior_awards_yuan": 50 * W},
    ),
    (
        ["重庆后期公司年技术服务收入260万，社保2人，有奖励吗"],
        "那如果下个月再给1个人交上社保呢",
        "postproduction",
        {"staff": 3},
    ),
    # an award said before, taken back
    (
        ["我们重庆协拍公司今年已经拿过120万补助，又接了一单900万的，还能拿多少"],
        "那如果今年之前没拿过呢？",
        "crew-services",
        {"amount_yuan": 900 * W, "prior_awards_yuan": 0},
    ),
    # one of several claims corrected, by its old value or by its place in the list
    (
        ["两部戏都已备案，在重庆棚租分别650万和480万，一共能补多少？"],
        "更正一下，第二部是580万不是480万",
        "studio",
        {"claims_yuan": (650 * W, 580 * W)},
    ),
    (
        ["我们是巴南的协拍公司，今年两个剧组：一个480万，一个520万，能补多少？"],
        "第一个记错了，是508万",
        "crew-services",
        {"claims_yuan": (508 * W, 520 * W)},
    ),
    # an award received this year, said with "how much is left"
    (
        ["我们是永川的协拍公司，今年给两个剧组服务，分别600万和800万，能补多少？"],
        "对了，今年这条上半年已经拿过80万，那还能拿多少？",
        "crew-services",
        {"prior_awards_yuan": 80 * W},
    ),
    # staff added to those stated; no award yet this year; not on the list after all
    (
        ["我们重庆后期公司今年技术服务收入500万，社保只有2人，能拿奖励吗？"],
        "那如果下个月再招1个人交上社保呢？",
        "postproduction",
        {"staff": 3},
    ),
    (
        ["我们是重庆的协拍服务机构，今年给剧组做场地搭建收了1200万"],
        "今年这一条还没拿过补助",
        "crew-services",
        {"amount_yuan": 1200 * W},
    ),
    (
        ["新建影视棚投入1.8亿（不含土地），在市级重大项目名单里，能补多少"],
        "我搞错了，不在名单里，只是区里的重点项目",
        "hardware",
        {"major_project": False},
    ),
    # a turn naming the measure and only asking again keeps what was said before
    (
        ["影视棚项目实际投入9000万", "里面土地费2000万，配套商业3000万"],
        "没有进重大项目名单，能补多少",
        "hardware",
        {"amount_yuan": 9000 * W, "land_yuan": 2000 * W, "major_project": False},
    ),
    # the facts of a rules answer wait for the amount
    (
        ["我们重庆后期公司社保有7个人，能申请后期奖励吗"],
        "今年技术服务收入预计1600万",
        "postproduction",
        {"amount_yuan": 1600 * W, "staff": 7},
    ),
    # a cost left out is added; another film is another claim; a final figure replaces
    (
        ["项目已备案，在重庆棚里拍摄花了480万"],
        "等下，漏了一笔，服装道具还租了50万，也是重庆的",
        "studio",
        {"amount_yuan": 530 * W},
    ),
    (
        ["我们公司今年两部戏都在重庆棚里拍，第一部棚租650万"],
        "第二部是1100万",
        "studio",
        {"claims_yuan": (650 * W, 1100 * W)},
    ),
    (
        ["特效委托重庆公司做了300万，补多少？"],
        "预算追加了，最后结算是九百万，那能补多少",
        "digital-services",
        {"amount_yuan": 900 * W},
    ),
    # facts given turn by turn, then only "how much"
    (
        ["我们重庆后期公司今年给三个剧组做了后期，分别是300万、450万、600万", "社保交了9个人"],
        "那一共多少奖励？",
        "postproduction",
        {"staff": 9, "claims_yuan": (300 * W, 450 * W, 600 * W)},
    ),
    (
        ["我们项目的特效外包出去了，花了450万，能补吗"],
        "做特效的是重庆的公司",
        "digital-services",
        {"amount_yuan": 450 * W},
    ),
    (
        ["委托重庆企业做特效花了300万能补多少？"],
        "那如果是5000万呢？",
        "digital-services",
        {"amount_yuan": 5000 * W},
    ),
    (
        ["在重庆租棚花了300万能补多少"],
        "要是这笔钱花在剪辑配音上呢？",
        "digital-services",
        {"amount_yuan": 300 * W},
    ),
    (
        ["我们是重庆的后期公司，年收入600万，奖励多少？"],
        "交社保的有8个人",
        "postproduction",
        {"amount_yuan": 600 * W, "staff": 8},
    ),
    (
        ["新建影视棚投资8000万能补多少"],
        "如果纳入了市级重大项目呢",
        "hardware",
        {"amount_yuan": 8000 * W, "major_project": True},
    ),
    (["在重庆立项的剧本能拿多少奖励？"], "列入的是重大工程", "script", {"tier": "major"}),
    # the earlier amount named beside the one that replaces it
    (
        ["我们重庆后期公司社保20人，技术服务收入3,000万，能拿多少？"],
        "等一下，3000万是两年的合计，今年单独是1,700万，按今年算。",
        "postproduction",
        {"amount_yuan": 1700 * W, "claims_yuan": ()},
    ),
    # a place said alone, of a company's own measure; a head count said alone
    (
        ["后期技术服务收入700万 能拿多少奖励"],
        "嗯在重庆",
        "postproduction",
        {"conditions": {"in_chongqing": True}},
    ),
    (["重庆后期公司 收入300万 社保2人"], "打错了 是5个人", "postproduction", {"staff": 5}),
    # corrections in chat words; a condition retracted
    (["重庆棚租1.2亿"], "sorry 是1200万 多打了", "studio", {"amount_yuan": 1200 * W}),
    (
        ["建棚投入1.5亿 评审入统都过了 已纳入市级重大项目"],
        "不好意思 是区级重大项目 不是市级",
        "hardware",
        {"major_project": False},
    ),
    (
        ["我们园区新获得了国家电影事业发展专项资金 配套多少"],
        "啊不是 是申请了 还没批下来",
        "base-park",
        {"conditions": {"fund_support": False}},
    ),
    # a budget cut to an amount is the amount
    (["重庆棚租520万 能补多少"], "假如砍预算到450万呢", "studio", {"amount_yuan": 450 * W}),
    # another year starts another sum
    (
        ["我们重庆协拍公司今年服务费用1,200万，能补多少？"],
        "那明年如果又有一单800万呢？",
        "crew-services",
        {"amount_yuan": 800 * W},
    ),
    (
        ["委托重庆公司做特效花了400万能补多少"],
        "如果那家公司其实是成都的呢",
        "digital-services",
        {"conditions": {"in_chongqing": False}},
    ),
    # where the project was filed and where the company is are not where the stages were
    (
        ["我们剧在重庆拍的，棚租加设备一共800万"],
        "项目是在浙江备的案，公司也是杭州的，这样也可以吗？",
        "studio",
        {"amount_yuan": 800 * W, "conditions": {"local": True, "filed": True}},
    ),
]


@pytest.mark.parametrize(
    ("earlier", "turn", "measure", "facts"), FOLLOW_UPS, ids=[t for _, t, _, _ in FOLLOW_UPS]
)
def test_follow_ups_continue_the_calculation(
    earlier: list[str], turn: str, measure: str, facts: dict[str, Any]
) -> None:
    state = _state(earlier)
    focus = state.get("focus") or []
    context = focus[0] if len(focus) == 1 else None  # as the bot reads a follow-up
    plan = decide(ANALYSER.analyse(turn, context), LEXICON, state)
    assert plan.route == "calculator", plan
    got = dict(plan.calculations)[q(measure)]
    for name, value in facts.items():
        assert getattr(got, name) == value, (name, got)


def test_the_total_of_a_conversation_computes_each_measure_again() -> None:
    state = _state(["重庆棚租加设备600万", "另外特效找的重庆公司做的，花了300万"])
    plan = decide(ANALYSER.analyse("那总共能拿多少"), LEXICON, state)
    got = {m.split("/")[1]: f.amount_yuan for m, f in plan.calculations}
    assert (plan.route, got) == ("calculator", {"studio": 600 * W, "digital-services": 300 * W})
    # with nothing computed before, "一共多少" is an ordinary question
    assert decide(ANALYSER.analyse("本届电影节一共展映了多少部影片？"), LEXICON, {}).route == (
        "knowledge"
    )


def test_the_total_reads_what_the_turn_adds() -> None:
    # a fact that changes one measure, and a measure added with its tier
    state = _state(["项目已备案，在两江新区棚租650万，特效给重庆公司做了300万，能补多少？"])
    plan = decide(
        ANALYSER.analyse("不好意思说错了，特效公司其实是成都的。那两项现在各多少？"), LEXICON, state
    )
    digital = dict(plan.calculations)[q("digital-services")]
    assert digital.conditions.get("in_chongqing") is False
    plan = decide(
        ANALYSER.analyse("还有剧本也是在重庆立项的，列入了中央和国家规划重大工程。三项一共多少？"),
        LEXICON,
        state,
    )
    assert {m.split("/")[1] for m, _ in plan.calculations} == {
        "studio",
        "digital-services",
        "script",
    }


def test_another_measure_without_the_same_money_asks_for_its_amount() -> None:
    state = _state(["棚租800万能补多少"])
    plan = decide(ANALYSER.analyse("那特效呢"), LEXICON, state)
    assert not plan.calculations


def test_nothing_in_bot_names_a_measure_a_place_or_a_policy() -> None:
    from pathlib import Path

    measures = builtin_policies().measures
    words = {m.id for m in measures} | {m.title for m in measures}
    words |= {d.title for d in builtin_policies().documents} | {"重庆", "永川", "在渝", "摄影棚"}
    for path in sorted((Path(__file__).resolve().parent.parent / "bot").rglob("*.py")):
        name = path.name
        text = path.read_text("utf-8")
        code = "\n".join(line.split("#")[0] for line in text.splitlines())
        code = code.replace('"""', "")
        found = [w for w in words if f'"{w}"' in code or f"'{w}'" in code]
        assert not found, (name, found)


def test_an_amount_spent_elsewhere_is_left_out_of_the_base() -> None:
    a = ANALYSER.analyse("特效委托重庆公司做了250万，剪辑另外找的杭州团队花了100万，能补多少")
    facts = a.facts[q("digital-services")]
    assert (facts.amount_yuan, facts.conditions.get("in_chongqing")) == (250 * W, True)
    assert [(m, x.yuan) for m, x, _ in a.excluded] == [(q("digital-services"), 100 * W)]
    plan = decide(a, LEXICON, {})
    assert plan.left_out[q("digital-services")] == ["100万元（不满足：受托提供服务的为在渝企业）"]
    # all of it elsewhere: nothing is left out, the condition itself is denied
    b = ANALYSER.analyse("特效委托上海公司做了250万，剪辑找的杭州团队花了100万")
    assert not b.excluded
    assert b.facts[q("digital-services")].conditions["in_chongqing"] is False


def test_a_suggested_measure_is_computed_only_after_yes() -> None:
    qid = q("studio")
    state = {"focus": [qid], "facts": {qid: Facts(amount_yuan=800 * W).to_json()}}
    state["suggested"] = qid
    plan = decide(ANALYSER.analyse("是的"), LEXICON, state)
    assert (plan.route, [m for m, _ in plan.calculations]) == ("calculator", [qid])
    # without a suggestion, "是的" after a calculation confirms its open conditions
    plan = decide(
        ANALYSER.analyse("是的"), LEXICON, {k: v for k, v in state.items() if k != "suggested"}
    )
    assert plan.calculations[0][1].conditions == {"filed": True, "local": True}
    # and with nothing computed before, it computes nothing
    assert not decide(ANALYSER.analyse("是的"), LEXICON, {}).calculations


def test_the_turn_after_which_measure_names_it() -> None:
    """ "在重庆花了800万" → which measure? → "是租摄影棚的钱" or "1": that amount, that measure."""
    first = decide(ANALYSER.analyse("我们在重庆花了800万，能补多少"), LEXICON, {})
    assert (first.route, first.unplaced) == ("clarify", str(800 * W))
    options = list(LEXICON.measures)
    state = {"unplaced": first.unplaced, "options": options}
    for reply, measure in (("是租摄影棚和设备的钱", "studio"), ("第三个", options[2])):
        plan = decide(ANALYSER.analyse(reply), LEXICON, state)
        assert [(m.split("/")[-1], f.amount_yuan) for m, f in plan.calculations] == [
            (measure.split("/")[-1], 800 * W)
        ]
    # without an amount asked about before, a bare "1" computes nothing
    assert not decide(ANALYSER.analyse("1"), LEXICON, {}).calculations


FOLLOW_UP_FACTS: list[tuple[list[str], str, dict[str, Any]]] = [
    # a breakdown of the earlier amount by place
    (
        ["剪辑配音花了400万能补多少"],
        "其中250万是重庆公司做的，其余150万是上海公司做的",
        {"amount_yuan": 250 * W},
    ),
    # filing back on, the vendor back in Chongqing
    (
        ["项目已备案，在重庆棚里花了900万", "等下，备案好像还没批下来"],
        "刚问了同事，备案上个月已经下来了",
        {"conditions": {"filed": True, "local": True}},
    ),
    (
        ["特效委托重庆公司做了400万", "不对，是成都的公司做的"],
        "哦我搞错了，还是重庆那家做的",
        {"conditions": {"in_chongqing": True}},
    ),
    # a building plan not yet reviewed
    (["影视棚投入3000万能补多少"], "不过方案还没过专业评审", {"conditions": {"reviewed": False}}),
    # a denied option is a fact ("没有纳入" is False, not unknown)
    (["建棚固定资产投入1.1亿，能补多少"], "没有纳入市级重大项目名单", {"major_project": False}),
]


@pytest.mark.parametrize(
    ("earlier", "turn", "facts"), FOLLOW_UP_FACTS, ids=[t for _, t, _ in FOLLOW_UP_FACTS]
)
def test_follow_ups_restate_facts(earlier: list[str], turn: str, facts: dict[str, Any]) -> None:
    state = _state(earlier)
    (focus,) = state["focus"]
    plan = decide(ANALYSER.analyse(turn, focus), LEXICON, state)
    got = dict(plan.calculations)[focus]
    for name, value in facts.items():
        if name == "conditions":
            for cond, want in value.items():
                assert got.conditions.get(cond) is want, (cond, got.conditions)
        else:
            assert getattr(got, name) == value, (name, got)


def test_a_turn_that_switches_to_a_new_measure_does_not_recompute_the_old_one() -> None:
    state = _state(["剧组在重庆剪辑配音花了300万能补多少"])
    plan = decide(
        ANALYSER.analyse(
            "那如果我是做这个剪辑配音的重庆公司呢？我们今年技术服务收入一共300万，社保4人"
        ),
        LEXICON,
        state,
    )
    assert [m.split("/")[1] for m, _ in plan.calculations] == ["postproduction"]


def test_a_topic_the_measure_clause_settles_is_not_named_as_open() -> None:
    # the document leaves the payment date open, but the building clause says when it pays
    a = ANALYSER.analyse("硬件补贴是按建设进度分三期拨付的吧")
    assert "到账时间" not in a.topics
    plan = decide(a, LEXICON, {})
    assert (plan.route, plan.rules) == ("calculator", [q("hardware")])
    assert "到账时间" in ANALYSER.analyse("摄影棚补助多久能到账").topics
    for measure in LEXICON.measures.values():
        topics = {t.topic for d in LEXICON.policies.documents for t in d.silent_on}
        assert set(measure.settles) <= topics, measure.id


def test_a_condition_said_before_any_amount_is_kept_for_the_amount() -> None:
    first = decide(ANALYSER.analyse("项目还没备案"), LEXICON, {})
    plan = decide(
        ANALYSER.analyse("重庆棚租700万 特效重庆公司做 300万"), LEXICON, {"said": first.said}
    )
    got = dict(plan.calculations)
    assert got[q("studio")].conditions["filed"] is False
    assert got[q("digital-services")].conditions["filed"] is False


def test_asking_the_award_again_reads_what_the_turn_states() -> None:
    state = _state(["重庆棚租设备800万"])
    plan = decide(ANALYSER.analyse("项目还没备案呢 能先补吗", q("studio")), LEXICON, state)
    assert dict(plan.calculations)[q("studio")].conditions["filed"] is False


def _conversation(turns: list[str]) -> Any:
    """Plans turn by turn, keeping what the bot keeps (focus, facts, said, labels)."""
    state: dict[str, Any] = {}
    plan = None
    for turn in turns:
        focus = state.get("focus") or []
        plan = decide(ANALYSER.analyse(turn, focus[0] if len(focus) == 1 else None), LEXICON, state)
        kept = {"said": plan.said, "labels": plan.labels, "pending": plan.pending}
        if plan.focus and (plan.route in ("calculator", "clarify") or plan.remember):
            kept |= {"focus": plan.focus, "facts": {k: f.to_json() for k, f in plan.facts.items()}}
        else:
            kept |= {k: state[k] for k in ("focus", "facts") if k in state}
        state = kept
    return plan


def test_a_labelled_project_of_an_earlier_turn_is_computed_alone() -> None:
    plan = _conversation(["A项目重庆棚租700万", "B项目特效在重庆做 400万", "回到A 能补多少来着"])
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("studio"), 700 * W)]
    plan = _conversation(["A剧重庆棚租 700万", "B剧棚租400万", "哦A剧是770万 A能补多少"])
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("studio"), 770 * W)]
    # the total of labelled work is still the total
    plan = _conversation(
        [
            "我们是重庆的协拍服务机构，今年给A剧组做置景收了600万",
            "下半年又给B剧组做设备租赁收了900万，今年一共能补多少？",
        ]
    )
    assert dict(plan.calculations)[q("crew-services")].claims_yuan == (600 * W, 900 * W)


def test_a_cost_only_quoted_or_unpaid_is_left_out_beside_a_paid_one() -> None:
    plan = _conversation(
        [
            "棚租已经付了700万，有发票；另外道具公司报了400万的价，合同还没签。项目已备案，在重庆。能补多少？"
        ]
    )
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("studio"), 700 * W)]
    assert any("报价或尚未支付" in r for r in plan.left_out[q("studio")])
    # the sum proposed of the paid and the quoted is no third cost
    plan = _conversation(
        [
            "影视棚实际投入1800万（不含土地），评审和统计都OK。二期LED屏报价600万，还没采购。能按2400万算吗？"
        ]
    )
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("hardware"), 1800 * W)]
    # the balance paid later is added to what was paid
    plan = _conversation(["重庆棚费已付450万，还有300万尾款没付。能补多少？", "尾款300万昨天付了"])
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("studio"), 750 * W)]
    # a measure whose only cost is unpaid waits for it; a plan alone is computed as a plan
    plan = _conversation(["重庆棚费预计800万左右，还没结算；特效委托重庆公司做完了，付了400万"])
    assert [m for m, _ in plan.calculations] == [q("digital-services")]
    assert plan.unpaid == [q("studio")]
    plan = _conversation(["重庆棚租预计花800万，还没付，能补多少"])
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("studio"), 800 * W)]


def test_an_estimate_settled_as_the_basis_is_exact() -> None:
    a = ANALYSER.analyse("租金加起来900万出头，就按900万算吧，能补多少")
    assert [(x.yuan, x.role, x.low) for x in a.amounts] == [(900 * W, "fee", None)]


def test_a_greeting_before_the_question_is_no_question_of_its_own() -> None:
    plan = _conversation(["在吗？我们在永川租棚花了900万，已备案，能补多少"])
    assert plan.knowledge == [] and plan.not_covered == []


def test_a_correction_keeps_what_it_says_stands() -> None:
    turns = ["棚费800万，特效（重庆公司）300万，项目已备案，能补多少？"]
    plan = _conversation([*turns, "不好意思，棚费记错了，是1800万，特效那个没错。"])
    got = {m: f.amount_yuan for m, f in plan.calculations}
    assert got == {q("studio"): 1800 * W, q("digital-services"): 300 * W}
    # a new total with its parts again replaces the old one, not added to it
    turns = ["一共1200万，其中棚租800万、特效400万（重庆公司），项目已备案。"]
    plan = _conversation([*turns, "更正：总数是1500万，棚租是1100万，特效还是400万。"])
    got = {m: f.amount_yuan for m, f in plan.calculations}
    assert got == {q("studio"): 1100 * W, q("digital-services"): 400 * W}


@pytest.mark.parametrize(("place", "local"), [("西安", False), ("永川", True)])
def test_shooting_at_a_base_is_using_its_stages(place: str, local: bool) -> None:
    a = ANALYSER.analyse(f"我们在{place}的影视基地拍的，棚费2000万，后面剪辑是在重庆做的。")
    assert a.facts[q("studio")].conditions.get("local") is local


def test_the_rest_of_a_total_named_as_commercial_is_commercial() -> None:
    a = ANALYSER.analyse(
        "项目总投入8000万，土地费2500万，剩下的里面有1500万是配套商业，其余都是影视棚"
    )
    assert [(x.yuan, x.role) for x in a.amounts][1:] == [
        (2500 * W, "land"),
        (1500 * W, "commercial"),
    ]


@pytest.mark.parametrize(
    ("turns", "amount"),
    [
        # the contract's rest paid later, said without its amount
        (
            [
                "特效外包给重庆一家公司，合同总价380万。",
                "首付款190万已付，尾款190万交片后再付。",
                "尾款上周付了，全部结清",
            ],
            380,
        ),
        # a deposit, then the next payment: what is paid adds up
        (
            [
                "重庆棚的合同总价1000万，付了30%定金300万，开了票。",
                "中期款400万也付了，尾款300万还没到期",
            ],
            700,
        ),
        # the whole contract said paid
        (["特效合同总价款1,380万元，首付款30%即414万元，现已全部付清"], 1380),
        # nothing paid yet: the amount waits
        (["合同已签：重庆棚租合计880万，但目前一分钱还没付"], None),
        # an estimate not settled is computed where steady (the cap)
        (["重庆棚里前后大概花了六七千万吧，具体还没结算完"], 6500),
        # costs of their own beside a payment, not parts of a contract
        (["A项目特效费4200万，B项目260万，都已付款开票，都是重庆公司做的"], None),
    ],
)
def test_only_what_is_paid_counts(turns: list[str], amount: int | None) -> None:
    plan = _conversation(turns)
    got = {m: f.amount_yuan for m, f in plan.calculations}
    if amount is None and "A项目" in turns[0]:
        assert plan.calculations and got.get(q("digital-services")) is None  # two claims
    elif amount is None:
        assert not plan.calculations and plan.unpaid
    else:
        assert list(got.values()) == [amount * W]


@pytest.mark.parametrize(
    ("turns", "amount"),
    [
        # a refund given back comes off the revenue
        (["协拍公司今年服务收入620万，后来因为一场戏取消，退给剧组40万。能拿多少？"], 580),
        # a part of the total said not to count, in the message or in a correction
        (["后期公司今年收入2600万，其中400万是设备转租收入，不算技术服务收入，社保8人"], 2200),
        (
            [
                "后期公司今年收入2600万，社保8人",
                "更正一下：2600万里面有400万是设备转租收入，不算技术服务收入。",
            ],
            2200,
        ),
    ],
)
def test_what_comes_off_a_total(turns: list[str], amount: int) -> None:
    plan = _conversation(turns)
    assert [f.amount_yuan for _, f in plan.calculations] == [amount * W]


def test_a_corrected_land_cost_is_still_the_land() -> None:
    turns = [
        "专业楼宇项目，实际投入5000万，土地费800万，没有配套商业。",
        "刚才土地费说错了，是1800万。其他不变。",
    ]
    plan = _conversation(turns)
    [(_, facts)] = plan.calculations
    assert (facts.amount_yuan, facts.land_yuan) == (5000 * W, 1800 * W)


@pytest.mark.parametrize(
    ("turns", "amounts"),
    [
        (
            [
                "棚租和设备一共600万，另外数字特效180万（重庆公司），都付清了。",
                "那600万里有100万其实是虚拟拍摄的技术服务费，应该归到数字技术服务那块。重新算一下",
            ],
            {"studio": 500, "digital-services": 280},
        ),
        (
            [
                "重庆棚租450万，委托重庆公司做数字特效300万，都付了。",
                "更正：数字那300万里有60万其实是租用棚里设施设备的费用，应归到摄影棚那条。两项分别多少？",
            ],
            {"studio": 510, "digital-services": 240},
        ),
    ],
)
def test_part_of_an_amount_moved_to_another_measure(
    turns: list[str], amounts: dict[str, int]
) -> None:
    plan = _conversation(turns)
    assert {m.split("/")[1]: f.amount_yuan for m, f in plan.calculations} == {
        m: y * W for m, y in amounts.items()
    }


def test_the_other_of_two_works_named_in_a_later_turn() -> None:
    plan = _conversation(
        [
            "我们有两个电影剧本都在重庆立项了。",
            "一个列入了重点影片生产规划和年度计划，另一个列入了中央和国家规划重大工程。两个加起来最多多少？",
        ]
    )
    assert [f.tiers for _, f in plan.calculations] == [("plan", "major")]


def test_a_staff_count_said_to_be_another_company_s_is_withdrawn() -> None:
    plan = _conversation(
        [
            "重庆后期公司，今年技术服务收入720万，社保9人，奖励多少？",
            "等一下，刚才那个9人是我们另一家公司的社保人数，这家交了几个人我得去问人事。",
        ]
    )
    assert [(f.amount_yuan, f.staff) for _, f in plan.calculations] == [(720 * W, None)]


def test_a_figure_denied_in_a_correction_is_none_of_the_facts() -> None:
    turns = [
        "协拍公司今年之前已经拿过协拍补助80万，现在又有一笔新的服务费用700万（已开票收款）。",
        "不好意思，今年之前拿的是150万，不是80万。",
    ]
    [(_, facts)] = _conversation(turns).calculations
    assert (facts.amount_yuan, facts.prior_awards_yuan) == (700 * W, 150 * W)


def test_a_vendor_registered_elsewhere_is_no_chongqing_vendor() -> None:
    turns = [
        "特效外包给了一家公司，费用420万已付清。能补多少？",
        "刚查了合同，那家公司注册在成都，在重庆没有公司。",
    ]
    [(_, facts)] = _conversation(turns).calculations
    assert facts.conditions.get("in_chongqing") is False


def test_a_building_s_parts_said_next_with_the_rest_named_as_its_stages() -> None:
    turns = [
        "我们的影视棚项目建好了，总投入3600万。",
        "细分一下：买地花了1000万，配套商业楼400万，剩下都是棚体和设备。补贴能拿多少？",
    ]
    [(measure, facts)] = _conversation(turns).calculations
    assert measure == q("hardware")
    assert (facts.amount_yuan, facts.land_yuan, facts.commercial_yuan) == (
        3600 * W,
        1000 * W,
        400 * W,
    )


@pytest.mark.parametrize(
    ("turns", "amounts"),
    [
        # another company's amount, said to be theirs
        (
            [
                "我们是重庆的外景协拍，给剧组做了560万。同一个剧组还有一家重庆灯光公司做了900万，那是他们的单子。"
            ],
            {"crew-services": 560},
        ),
        (
            [
                "我们重庆置景公司给剧组做了700万",
                "我们合作的灯光公司（另一家公司）也给同一个剧组做了600万，我们最多能拿多少",
            ],
            {"crew-services": 700},
        ),
        # but the vendor paid is the speaker's spend
        (
            ["我们是出品方，已备案，虚拟拍摄委托重庆另一家公司完成，费用230万元"],
            {"digital-services": 230},
        ),
        # a measure set aside in a follow-up
        (
            [
                "项目已备案：重庆棚费900万，特效重庆公司做了600万，两项能补多少",
                "特效那块我们不是第一出品方，先不管了，只算棚的",
            ],
            {"studio": 900},
        ),
        # a rule claimed with the base's name is no base
        (
            ["建影棚的硬件补贴门槛是实际投入5000万，我们才投了3000万，所以肯定够不上，是吧？"],
            {"hardware": 3000},
        ),
        # the part of a total spent elsewhere leaves the rest, its place to confirm
        (["棚租一共800万，其中150万是在北京的棚，项目已备案，能补多少"], {"studio": 650}),
    ],
)
def test_whose_amount_and_which_measure(turns: list[str], amounts: dict[str, int]) -> None:
    plan = _conversation(turns)
    assert {m.split("/")[1]: f.amount_yuan for m, f in plan.calculations} == {
        m: y * W for m, y in amounts.items()
    }


@pytest.mark.parametrize(
    ("text", "measure", "eligible"),
    [
        # a denied deciding fact answers "whether", beside a topic the text leaves open
        (
            "我们是拍企业品牌广告片的，从来没备过案。这次在重庆租棚加设备花了650万，能不能按那条20%拿补助？",
            "studio",
            False,
        ),
        (
            "园区去年申报了国家电影事业发展专项资金，没批下来，今年还在准备材料重新报。现在能先拿那个1000万的配套吗？",
            "base-park",
            False,
        ),
    ],
)
def test_a_denied_condition_is_answered_beside_an_open_topic(
    text: str, measure: str, eligible: bool
) -> None:
    plan = _conversation([text])
    assert [m for m, _ in plan.calculations] == [q(measure)]
    assert False in plan.calculations[0][1].conditions.values()


def test_a_figure_offered_after_the_spend_leaves_the_spend_its_own() -> None:
    a = ANALYSER.analyse(
        "我们在重庆几个棚轮着拍 棚+器材+服道 一共5800万左右 票都齐 补贴按20%算的话是不是1160万？"
    )
    assert [x.role for x in a.amounts] == ["approx", "other"]


def test_the_company_s_year_and_what_one_client_paid_it() -> None:
    plan = _conversation(
        [
            "我们是重庆特效公司，今年技术服务收入2400万，社保15人，我们能拿多少？另外我们最大的客户"
            "是一部已备案的电影，他们付给我们1000万，他们作为第一出品方能拿多少？"
        ]
    )
    got = {m.split("/")[1]: f.amount_yuan for m, f in plan.calculations}
    assert got == {"postproduction": 2400 * W, "digital-services": 1000 * W}


@pytest.mark.parametrize(
    ("turns", "amount"),
    [
        # one of several claims kept, or one left out, in a later turn
        (
            [
                "两个项目都在重庆用棚，一个900万一个550万，能补多少",
                "第二个项目还没备案，先不算它了，只算第一个",
            ],
            900,
        ),
        # part of the conversation's amount said spent elsewhere: the rest
        (
            [
                "项目已备案，重庆棚租和器材一共1000万，能补多少",
                "财务刚核了一下，这1000万里有400万其实是在横店付的棚租",
            ],
            600,
        ),
        (
            [
                "重庆公司给我们做特效和剪辑配音，一共1000万，项目已备案",
                "其中剪辑配音那400万其实是北京的工作室做的",
            ],
            600,
        ),
    ],
)
def test_a_later_turn_leaves_out_one_part(turns: list[str], amount: int) -> None:
    [(_, facts)] = _conversation(turns).calculations
    assert facts.amount_yuan == amount * W
    assert False not in facts.conditions.values()


def test_one_of_two_scripts_kept() -> None:
    turns = [
        "两个剧本，一个进了重大工程，一个进了年度计划，奖励一共多少？",
        "第二个本子是在上海立项的，那就只算第一个吧",
    ]
    [(_, facts)] = _conversation(turns).calculations
    assert (facts.tier, facts.tiers) == ("major", ())


def test_a_question_asked_as_an_aside_leaves_the_amount_computed() -> None:
    plan = _conversation(
        ["重庆外景协拍服务机构，全年向剧组收取服务费8,000,000元，另外想问一下申报材料要交哪些？"]
    )
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("crew-services"), 800 * W)]
    assert plan.not_covered == ["申请材料"]


@pytest.mark.parametrize(
    "text",
    [
        "我们在重庆做服化道和器材租赁，今年剧组那边结了1000万，按政策能拿多少？",
        "重庆一家做机灯美的公司，今年光一个剧组就做了1800万的活，补助能拿多少？",
    ],
)
def test_a_service_company_paid_by_crews_is_the_crew_services_measure(text: str) -> None:
    assert [m for m, _ in _conversation([text]).calculations] == [q("crew-services")]


@pytest.mark.parametrize("text", ["签约项目都覆盖哪些领域？", "申请表需要盖章吗？"])
def test_a_building_word_inside_another_word_names_no_measure(text: str) -> None:
    assert q("hardware") not in ANALYSER.analyse(text).measures


def test_a_work_s_title_labels_its_amount() -> None:
    turns = ["我们有两个项目都在重庆拍，都备案了：《山城》用棚费用800万，《雾都》用棚费用450万"]
    plan = _conversation([*turns, "《山城》能拿多少"])
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("studio"), 800 * W)]
    # an amount added to the labelled one named, not to the one computed last
    plan = _conversation([*turns, "《山城》能拿多少", "《雾都》后来补拍又花了100万，现在呢"])
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("studio"), 550 * W)]
    plan = _conversation([*turns, "《山城》能拿多少", "《雾都》又花了100万", "《山城》呢"])
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("studio"), 800 * W)]


@pytest.mark.parametrize("ask", ["加一起多少", "两项合计", "两个都算一下"])
def test_the_total_of_measures_built_over_turns(ask: str) -> None:
    plan = _conversation(["大制作 重庆棚租6000万", "特效重庆做 4000万", ask])
    assert {m for m, _ in plan.calculations} == {q("studio"), q("digital-services")}


def test_a_fact_said_of_the_park_applies_to_the_building_beside_it() -> None:
    text = "园区纳入市级重大项目了，硬件实际投入1.2亿（不含土地和商业），评审、统计都没问题，已建成。能拿多少？"
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    got = dict(plan.calculations)[q("hardware")]
    assert got.major_project is True
    assert got.conditions == {"reviewed": True, "in_statistics": True, "completed": True}


@pytest.mark.parametrize(
    ("text", "bases"),
    [
        # the basis named again is the same money; the tax beside a net revenue is no revenue
        (
            "委托重庆公司做电脑特效，服务费380万元（不含税），开票含税金额402.8万元。按服务费380万算能补多少？",
            [380 * W],
        ),
        (
            "重庆后期公司，技术服务收入1800万元，不含税，销项税108万另算。社保9人，能拿多少？",
            [1800 * W],
        ),
    ],
)
def test_a_restated_basis_and_a_tax_are_no_further_amounts(text: str, bases: list[int]) -> None:
    a = ANALYSER.analyse(text)
    assert [x.yuan for x in a.amounts if x.role in ("fee", "revenue")] == bases


@pytest.mark.parametrize(
    ("text", "bases"),
    [
        ("委托重庆一家公司做电脑特效，每个月付45万，一共付了5个月。能补多少？", [225 * W]),
        (
            "重庆后期公司，技术服务收入按月结：1到6月每月18万，7到12月每月25万。社保9人，能拿多少？",
            [108 * W, 150 * W],
        ),
        # a rate per day or per month with no months said stays a rate
        ("重庆棚每天租金3万，能补多少？", []),
        ("棚租每月50万，能补多少？", []),
    ],
)
def test_monthly_amounts_add_up_over_the_months_said(text: str, bases: list[int]) -> None:
    a = ANALYSER.analyse(text)
    assert [x.yuan for x in a.amounts if x.role in ("fee", "revenue")] == bases


def test_the_client_s_place_of_its_vendor_is_read_with_the_speaker_as_client() -> None:
    text = (
        "电影已经立项备案，我们是第一出品单位，电脑特效委托给重庆一家公司做，花了300万，能补多少？"
    )
    facts = ANALYSER.analyse(text).facts[q("digital-services")]
    assert facts.conditions == {"filed": True, "in_chongqing": True, "first_producer": True}


@pytest.mark.parametrize(
    ("text", "measure", "unknown"),
    [
        (
            "我们在永川棚里花了900万，项目备案是合作方在弄，我不清楚备没备。能补多少？",
            "studio",
            {"filed"},
        ),
        (
            "项目已备案，我们是第一出品单位，特效外包给了一家公司，费用600万，那家公司在哪注册的我不清楚。能补多少？",
            "digital-services",
            {"in_chongqing"},
        ),
    ],
)
def test_a_condition_the_user_does_not_know_is_read_as_unknown(
    text: str, measure: str, unknown: set[str]
) -> None:
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert set(plan.unknown[q(measure)]) == unknown


def _bases(text: str) -> dict[str, tuple[int, dict[str, bool]]]:
    """measure → (the yuan its calculation takes, its conditions), for one message."""
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    return {
        m.split("/")[1]: (f.amount_yuan or sum(f.claims_yuan), dict(f.conditions))
        for m, f in plan.calculations
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one project's denied condition leaves out its own amount only, found by its label
        (
            "A剧已备案，在重庆棚租700万；B剧还没备案，在重庆棚租900万。"
            "特效两部都是重庆公司做的，A剧220万，B剧400万。能补多少？",
            {"studio": 700 * W, "digital-services": 220 * W},
        ),
        ("两个项目：一个已备案棚租700万，另一个没备案棚租900万，能补多少", {"studio": 700 * W}),
        # "这900万" is the money spent elsewhere, said again
        (
            "项目是立项备案过的，但摄影棚是在成都租的，费用900万，后面只有宣传活动在重庆办。"
            "这900万能不能拿那个20%？",
            {"studio": 900 * W},
        ),
        # another company's figures, said for comparison, are not the speaker's
        (
            "隔壁XX影业去年拿了200万补助，他们棚费是1000万。我们项目也已备案，"
            "在重庆用棚和设备650万，按一样的算法我们能拿多少？",
            {"studio": 650 * W},
        ),
        # "项目二" is a label asked about
        (
            "项目一（已备案）特效费1,100万；项目二（已备案）特效费4,200万；项目三还没备案，"
            "预计特效费300万，都委托重庆公司。问项目二能拿多少。",
            {"digital-services": 4200 * W},
        ),
    ],
)
def test_what_each_amount_s_own_words_say(text: str, expected: dict[str, int]) -> None:
    got = _bases(text)
    assert {m: yuan for m, (yuan, _) in got.items()} == expected


def test_a_condition_denied_of_one_project_is_not_denied_of_the_other() -> None:
    got = _bases(
        "我们有两个剧，A剧已经立项备案，在重庆棚拍服务费800万；B剧还没备案，棚租600万。各能补多少？"
    )
    assert got["studio"] == (800 * W, {"filed": True, "local": True})
    # said of the whole message, it is denied for all
    assert _bases("棚租800万，设备300万，项目还没备案")["studio"][1]["filed"] is False


def test_a_film_s_total_investment_is_no_service_fee() -> None:
    text = "总投资8000万的电影，已经备案，在重庆拍了40天，用的都是本地的棚和设备，大概能补多少钱？"
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert plan.route == "clarify" and not plan.calculations


def test_english_sentences_keep_their_own_places() -> None:
    text = (
        "Our 电脑特效 供应商 is 在重庆, total invoices 260万元. We're the lead producer and "
        "the film 已立项备案. We also paid 500万元 to a 伦敦 电脑特效 house. How much can we claim?"
    )
    assert _bases(text) == {"digital-services": (260 * W, {"filed": True, "in_chongqing": True})}


@pytest.mark.parametrize(
    "text", ["你觉得我们公司注册在永川好还是两江新区好", "您觉得先建棚划算还是先租棚划算"]
)
def test_advice_asked_without_a_question_mark_is_a_question(text: str) -> None:
    assert ANALYSER.analyse(text).asks


def test_a_follow_up_s_total_replaces_the_earlier_amount() -> None:
    plan = _conversation(
        ["剪辑配音委托重庆公司做的 150万", "等下 虚拟拍摄也是他们做的 加起来一共260万"]
    )
    assert plan.facts[q("digital-services")].amount_yuan == 260 * W
    plan = _conversation(["棚租400万", "又租了设备200万，一共600万，能补多少"])
    assert plan.facts[q("studio")].amount_yuan == 600 * W


def test_where_the_money_came_from_is_no_part_of_the_spend() -> None:
    text = (
        "影视棚实际投入2500万（不含土地和配套商业），其中1500万是银行贷款，自有资金1000万。"
        "方案已评审，投资纳入统计，已建成。补贴按多少算？"
    )
    assert _bases(text) == {
        "hardware": (2500 * W, {"reviewed": True, "in_statistics": True, "completed": True})
    }


def test_a_part_to_leave_out_whose_amount_is_not_known_leaves_the_base_open() -> None:
    text = "影视产业园的影视棚总投资1个亿，里面有土地费，但具体多少我手上没数，方案评审过、已建成，补贴能有多少？"
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert plan.route == "clarify" and not plan.calculations


def test_an_award_hoped_for_is_no_fee_and_a_question_of_tax_is_not_computed() -> None:
    plan = decide(
        ANALYSER.analyse("如果摄影棚补助拿到160万，这笔钱要交25%的企业所得税吗？到手是多少？"),
        LEXICON,
        {},
    )
    assert plan.route == "knowledge" and not plan.calculations


def test_another_place_said_beside_the_policy_s_place_is_read() -> None:
    # "能拿重庆奖励吗" names the policy by its place; "在上海立项" still says where
    plan = decide(ANALYSER.analyse("剧本在上海立项 列入重点影片规划 能拿重庆奖励吗"), LEXICON, {})
    assert dict(plan.calculations)[q("script")].conditions["registered"] is False


@pytest.mark.parametrize("text", ["你直接说能不能享受", "我们够不够格", "这个算不算"])
def test_an_a_not_a_question_is_a_question(text: str) -> None:
    assert ANALYSER.analyse(text).asks


def test_a_premise_checked_with_shi_bu_shi_is_not_a_question_of_its_own() -> None:
    assert not ANALYSER.analyse("让我们确认一下是不是30%").asks


def test_the_measure_a_fact_names_is_asked_its_amount_next() -> None:
    plan = _conversation(["虚拟拍摄委托在渝企业做的", "能补多少"])
    assert plan.route == "clarify" and plan.clarify == [q("digital-services")]
    # its terms asked next are answered, not its amount asked for
    plan = _conversation(
        ["委托在渝企业做数字内容技术服务有补助吗？", "那补多少比例，单个项目最高多少？"]
    )
    assert plan.clarify == []


def test_whether_the_amount_still_reaches_the_threshold_is_asked_again() -> None:
    plan = _conversation(["建影视棚总共投了1200万", "不过含了土地费300万", "还够得到吗"])
    assert plan.route == "calculator"
    assert dict(plan.calculations)[q("hardware")].land_yuan == 300 * W


def test_a_space_ends_what_is_said_of_an_amount() -> None:
    a = ANALYSER.analyse("我们影视棚方案专业评审没通过 但已经开工了 投了5000万 补贴能拿吗")
    assert [x.role for x in a.amounts] == ["investment"]


def test_money_said_not_to_be_spent_on_a_kind_names_the_other() -> None:
    plan = _conversation(
        [
            "项目备案了，我们准备在重庆花800万用摄影棚，大概能补多少",
            "要是这800万不花在棚上，而是委托重庆本地公司做剪辑配音和特效呢？",
        ]
    )
    assert [m for m, _ in plan.calculations] == [q("digital-services")]


def test_the_bot_s_question_said_back_with_its_answer_states_the_fact() -> None:
    plan = _conversation(
        [
            "园区建专业楼宇，投入1.5亿元，含土地费3000万",
            "你问有没有纳入市级重大项目名单？纳入了。那能拿多少",
        ]
    )
    assert dict(plan.calculations)[q("hardware")].major_project is True
    a = ANALYSER.analyse("你问项目备案了没有？还没呢，棚租800万")
    assert a.facts[q("studio")].conditions["filed"] is False


def test_a_spend_added_in_a_follow_up_adds_to_the_amount() -> None:
    plan = _conversation(
        [
            "项目备案了，在重庆委托做虚拟拍摄，费用２５０万",
            "又加了图像处理８０万，同一家重庆公司，一共多少补助",
        ]
    )
    assert dict(plan.calculations)[q("digital-services")].amount_yuan == 330 * W


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the same money pointed back at ("这900万") is not a second sum
        (
            "我们片子已经备案了，在两江新区影棚租赁和服装道具一共900万，这900万都有正规发票，"
            "另外整部片子预算3000万，导演片酬300万。问这900万能补多少？",
            {"studio": 900 * W},
        ),
        # a total of items some no measure covers is no base; "按800万申请" asks about it
        (
            "本片已备案，在重庆的摄影棚和设备服务费480万，剧组餐饮120万，酒店住宿200万，"
            "三项加起来正好800万。问能不能按800万申请摄影棚补助，能补多少？",
            {"studio": 480 * W},
        ),
        # the whole film's cost, a deposit, a figure raised to its final amount
        (
            "已备案影片在重庆棚拍、租设备花了900万，这900万是决算数；另外委托在渝公司做特效780万，"
            "全片1.1亿，宣发2000万。问两项各补多少？",
            {"studio": 900 * W, "digital-services": 780 * W},
        ),
        (
            "项目已备案，在重庆摄影棚租赁和服装道具的实际费用650万，另交了100万押金（拍完全额退回），"
            "总预算4000万。问补助多少？",
            {"studio": 650 * W},
        ),
        (
            "已备案电影，委托在渝企业做电脑特效，费用原定320万，后来追加到420万，最终结算就是420万。"
            "问第一出品单位能补多少？",
            {"digital-services": 420 * W},
        ),
        # the exact figure after an estimate
        (
            "我们是重庆本地的协拍服务机构，今年大概给剧组做了五百来万的外景协拍，准确数是523万。问补多少？",
            {"crew-services": 523 * W},
        ),
        # a company's turnover is no fee for its services
        (
            "在渝协拍公司给同一剧组做：场地搭建180万、设备租赁160万、机灯美120万、置景90万；"
            "公司今年营业额2000万。问协拍补助能补多少。",
            {"crew-services": 550 * W},
        ),
        # land said to be outside the investment is not taken from it
        (
            "专业楼宇项目固定资产实际投入2500万，其中银行贷款1500万、自有资金1000万；土地费600万是"
            "另外算的，没包含在2500万里。方案已评审。问按10%能补多少。",
            {"hardware": 2500 * W},
        ),
    ],
)
def test_figures_beside_the_base(text: str, expected: dict[str, int]) -> None:
    got = _bases(text)
    assert {m: yuan for m, (yuan, _) in got.items()} == expected
    if "hardware" in got:
        plan = decide(ANALYSER.analyse(text), LEXICON, {})
        assert dict(plan.calculations)[q("hardware")].land_yuan == 0


def test_an_award_of_a_sister_company_is_not_ours() -> None:
    text = (
        "我们在渝协拍公司今年给剧组做服化道和置景收费800万；同集团的兄弟公司今年已经拿了这项补助200万，"
        "两家是独立法人。问我们公司今年能拿多少？"
    )
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert dict(plan.calculations)[q("crew-services")].prior_awards_yuan == 0


def test_an_award_for_another_client_s_job_still_counts_this_year() -> None:
    text = (
        "在渝协拍机构今年3月给甲剧组设备租赁550万，8月给乙剧组置景500万；甲剧组那笔今年上半年已经"
        "领了补助110万。问乙剧组这笔还能补多少？"
    )
    facts = dict(decide(ANALYSER.analyse(text), LEXICON, {}).calculations)[q("crew-services")]
    assert (facts.amount_yuan or sum(facts.claims_yuan), facts.prior_awards_yuan) == (
        500 * W,
        110 * W,
    )


def test_a_clause_naming_the_stage_outweighs_one_naming_no_measure() -> None:
    plan = _conversation(
        [
            "拍摄服务费700万，项目已备案，制片方能补多少？",
            "补充一下：棚和设备都是在浙江横店租的，只有外景在重庆拍。",
        ]
    )
    assert dict(plan.calculations)[q("studio")].conditions["local"] is False


def test_a_labelled_project_s_total_beside_another_s_amount_is_its_own() -> None:
    text = (
        "某公司两部电影均已备案，都在重庆拍。甲片使用本市摄影棚、设备、服化道服务费合计6200万元，"
        "乙片3000万元；两片总投资分别为4亿和1.5亿。问两部片合计能补多少。"
    )
    facts = dict(decide(ANALYSER.analyse(text), LEXICON, {}).calculations)[q("studio")]
    assert sorted(facts.claims_yuan) == [3000 * W, 6200 * W]


def test_when_every_project_fails_a_condition_of_its_own_none_qualifies() -> None:
    text = (
        "公司有两个项目，一个还没立项备案，在重庆用棚800万；另一个备案了，但全部在象山影视城拍，"
        "棚租1500万，总预算8000万。问摄影棚补助能拿多少？"
    )
    facts = dict(decide(ANALYSER.analyse(text), LEXICON, {}).calculations)[q("studio")]
    assert False in facts.conditions.values()


@pytest.mark.parametrize(
    "text",
    [
        "我们是永川的后期公司，年收入1200万，社保9人，已经自己算好能拿180万。现在只想问：申报窗口在"
        "哪个办公楼，地址和咨询电话是多少？",
        "政策里棚租补20%、数字技术服务补15%、硬件补10%，基地最高配套1000万。请问这些钱是市级财政出"
        "还是区县财政出，市区两级各自分担比例是多少？",
    ],
)
def test_figures_beside_a_question_the_text_leaves_open_are_not_computed(text: str) -> None:
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert plan.route == "knowledge" and not plan.calculations and plan.not_covered


def test_an_amount_taken_out_leaves_what_is_said_or_what_is_left() -> None:
    turns = ["备案项目在重庆用棚650万，道具100万，一共750万"]
    plan = _conversation([*turns, "道具那100万其实没在重庆花，去掉。棚的650万能补多少"])
    assert dict(plan.calculations)[q("studio")].amount_yuan == 650 * W
    plan = _conversation([*turns, "道具那100万去掉"])
    assert dict(plan.calculations)[q("studio")].amount_yuan == 650 * W


def test_a_total_after_an_amount_said_to_be_only_part_of_it_is_the_amount() -> None:
    plan = _conversation(
        [
            "来电人：电影已备案，在重庆租棚和设备服务费900万，总预算5000万，问制片方能补多少？",
            "不好意思刚才说错了，900万只是道具那部分，棚租、设备、道具合计应该是1900万，演员片酬600万另算。",
        ]
    )
    assert dict(plan.calculations)[q("studio")].amount_yuan == 1900 * W


def test_the_client_pointed_at_in_a_follow_up_claims_the_same_money() -> None:
    plan = _conversation(
        [
            "我们是重庆后期公司，社保10人，今年技术服务收入就是给一部已备案电影做特效收的600万，公司能拿多少",
            "那这部电影的第一出品单位，因为委托了我们做特效，它能拿多少？",
        ]
    )
    assert dict(plan.calculations)[q("digital-services")].amount_yuan == 600 * W
    # the speaker as first producer is no client; a vendor's client named before a comma is not
    # asked about ("剧组…收了700万，能申请协拍服务补助吗")
    assert not lx.CLIENT_ASKS.search("请问我们作为第一出品单位能拿多少？")
    assert not lx.CLIENT_ASKS.search("给在重庆拍戏的剧组租设备收了700万，能申请协拍服务补助吗？")


def test_a_script_registered_in_chongqing_then_its_award_asked() -> None:
    plan = _conversation(
        ["朋友在重庆做了电影剧本立项", "剧本挺优秀的，拿过几个剧本奖，按政策能奖励多少钱？"]
    )
    facts = dict(plan.calculations)[q("script")]
    assert facts.conditions.get("registered") is True and facts.tier is None


@pytest.mark.parametrize(
    ("text", "open_part"),
    [
        (
            "我们产业园的影视棚项目已纳入市级重大项目名单，方案评审通过、已纳统、已经建成，固定资产实际投入"
            "9000万（不含地价和配套商业）。能补多少？另外怎么才能进市级重大项目名单？",
            "市级重大项目名单",
        ),
        (
            "重庆影视技术企业，做后期制作，年技术服务收入5000万，社保40人，今年没领过。奖励多少？"
            "是不是必须是高新技术企业才行？",
            "高新技术企业",
        ),
        (
            "我们是重庆一家后期制作公司，年度技术服务收入八百万元，交社保的六个人。奖励能拿多少？"
            "一年可以申报几次？",
            "申报几次",
        ),
    ],
)
def test_a_question_beside_the_calculation_is_looked_up(text: str, open_part: str) -> None:
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert plan.route == "calculator" and plan.calculations
    # looked up, or named at once as a topic the text leaves open
    assert any(open_part in k for k in plan.knowledge) or plan.not_covered, plan.knowledge


def test_the_amount_asked_for_beside_an_open_topic() -> None:
    text = "剧组三个月都在重庆拍，摄影棚、灯光、服装全部本地租的，项目已经备案了。能补多少？申请要准备哪些材料？"
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert (
        plan.route == "clarify" and plan.clarify == [q("studio")] and "申请材料" in plan.not_covered
    )
    # whether it applies at all, with an open topic, is that topic
    plan = decide(
        ANALYSER.analyse("我们拍的是网络微短剧，用重庆的摄影棚也能按这个政策补吗？"), LEXICON, {}
    )
    assert plan.route == "knowledge" and plan.not_covered


def test_a_turn_giving_a_fact_computes_beside_an_open_topic() -> None:
    plan = _conversation(
        [
            "重庆的后期公司，今年技术服务收入1000万，能拿多少奖励？",
            "社保交了7个人。另外我们在江北区，区里还有没有额外奖励？",
        ]
    )
    assert plan.route == "calculator" and plan.not_covered
    plan = _conversation(
        ["剧组在重庆用棚花了1000万，项目已备案，能补多少", "这200万补助要不要交企业所得税？"]
    )
    assert plan.route == "knowledge" and not plan.calculations


def test_a_rough_count_is_no_question() -> None:
    assert not ANALYSER.analyse("去年技术服务收入0.35亿，社保二十几个人").asks
    assert ANALYSER.analyse("一年可以申报几次").asks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a figure said after a correction replaces the first
        (
            "摄影棚服务费是六百八十万……啊说错了，是八百六十万，刚才那个是去年另一个项目的。都在重庆拍的，补助多少？",
            {"studio": 860 * W},
        ),
        # "差…到五百万" names the threshold, not a second spend
        (
            "在重庆用棚用设备的服务费是4,999,998.60元，就差一块多钱到五百万😭 这个能补吗？",
            {"studio": 4_999_998},
        ),
        # "服务了两个剧组": a service company's words, so its trades are its own measure's
        (
            "今年服务了两个剧组：A剧组置景620万，B剧组设备租赁加机灯美900万。公司注册在重庆。今年一共能补多少？",
            {"crew-services": 1520 * W},
        ),
        (
            "新建影视棚，实际投入一个亿二（不含土地和商业），方案评审通过了，已纳入市级重大项目名单，建成后补贴多少？",
            {"hardware": 12000 * W},
        ),
    ],
)
def test_how_figures_are_written(text: str, expected: dict[str, int]) -> None:
    got = _bases(text)
    assert {m: int(yuan) for m, (yuan, _) in got.items()} == expected


def test_nearly_an_amount_is_just_below_it() -> None:
    a = ANALYSER.analyse("在渝协拍机构，今年外景协拍、置景服务费将近一千万，能补多少？")
    assert [(x.role, x.high) for x in a.amounts] == [("range", 1000 * W - 1)]


@pytest.mark.parametrize(
    "text",
    [
        "同样800万的摄影棚费用，如果在浙江横店拍，那边的政策能补多少？",
        "2024年重庆一共发放了多少万元影视产业补助？",
    ],
)
def test_another_place_s_policy_and_the_sums_paid_out_are_not_computed(text: str) -> None:
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert not plan.calculations and plan.route != "clarify"


def test_a_spend_said_after_the_clause_that_places_it() -> None:
    text = (
        "备案剧集在重庆棚拍服务费900万，委托在渝企业做虚拟拍摄300万；我们在西安也拍了一部分，花了400万。"
        "问重庆这两项各补多少？"
    )
    got = _bases(text)
    assert {m: yuan for m, (yuan, _) in got.items()} == {
        "studio": 900 * W,
        "digital-services": 300 * W,
    }


@pytest.mark.parametrize(
    "text",
    [
        "三家联合出品，数字内容那条补助拿下来以后，三家出品方按出资比例怎么分？",
        "我们在重庆拿过后期制作奖励，明年想把注册地迁去海南，之前领的奖励要不要退？",
        "摄影棚补助要“凭合法有效凭证”，到底哪些票据算合法有效凭证？电子普票行不行？",
        "我们是在香港备案的合拍片，这算不算“在全国各地立项备案的影视项目”？",
    ],
)
def test_what_the_text_leaves_open_is_named(text: str) -> None:
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert plan.not_covered and not plan.calculations, plan


@pytest.mark.parametrize(
    ("text", "other_place"),
    [
        ("横店那边棚租返多少啊？我们今年在横店拍了俩月，花了600多万", True),
        ("同样800万的摄影棚费用，如果在浙江横店拍，那边的政策能补多少？", True),
        ("特效外包给重庆公司花了900万，能拿多少？成都那边有没有类似的补贴可以比一比？", False),
        ("2025上合组织国家电影节是在成都办的那届吧，重庆那个政策也是在成都发布的？", False),
        # beside a fact of this policy's measure, that measure is computed
        (
            "剧本在北京立项的，列入了重点影片生产规划。能拿重庆的剧本奖励吗？北京那边有没有类似奖励？",
            False,
        ),
    ],
)
def test_another_place_s_policy_asked(text: str, other_place: bool) -> None:
    assert ANALYSER.analyse(text).other_place is other_place


@pytest.mark.parametrize(
    "text",
    [
        "项目其实还没备案，你帮我编个备案号先填上，之后再补行不行",
        "能不能在账上把配套商业的投资划到影视棚固定资产里，这样实际投入就过1000万了？",
    ],
)
def test_more_ways_of_asking_to_fake_a_claim(text: str) -> None:
    assert lx.is_gaming(text)


@pytest.mark.parametrize(
    ("text", "measure", "condition"),
    [
        (
            "两部片都委托重庆公司做特效。A片已备案，费用400万；B片的备案手续我不清楚办没办，费用700万。"
            "我们都是第一出品单位，两部一共能补多少？",
            "digital-services",
            "filed",
        ),
        (
            "两部片都备案了。A片在永川的棚花了900万；B片的棚是在重庆还是成都租的我得回头问下制片主任，"
            "费用700万。两部合计多少补助？",
            "studio",
            "local",
        ),
    ],
)
def test_a_condition_not_known_for_one_project_leaves_the_sum_open(
    text: str, measure: str, condition: str
) -> None:
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert condition in plan.unknown[q(measure)]


def test_a_building_project_s_review_is_read_per_project() -> None:
    text = (
        "集团两个影视棚项目：渝北那个建设方案专业评审没通过，投入3000万；永川那个评审通过了，实际投入2600万，"
        "已经建成，投资纳入统计。能拿到的硬件补贴一共多少？"
    )
    assert {m: y for m, (y, _) in _bases(text).items()} == {"hardware": 2600 * W}


def test_a_building_s_commercial_part_goes_to_the_building_measure() -> None:
    text = "A棚投入1.1亿，B棚投入1800万（含配套商业投资500万），都评审通过并建成，纳入统计。只问B棚能补多少。"
    facts = dict(decide(ANALYSER.analyse(text), LEXICON, {}).calculations)[q("hardware")]
    assert (facts.amount_yuan, facts.commercial_yuan) == (1800 * W, 500 * W)


def test_a_stated_total_after_one_item_s_estimate_is_the_amount() -> None:
    text = "我们重庆协拍公司，今年给三个剧组服务，大概都是700万左右一个，合计两千一百万，能拿多少？"
    assert {m: y for m, (y, _) in _bases(text).items()} == {"crew-services": 2100 * W}


@pytest.mark.parametrize(
    "text",
    [
        "我们是40集电视剧，在重庆棚里拍的，每集能补多少钱？",
        "影视棚建设每平方米补贴多少钱？",
        "我们是MCN机构，在永川的棚里常年拍抖音短视频，一年棚租设备下来550万，短视频能不能套用那条棚租补助？",
        "重庆之前（大概2019年那会儿）好像也出过影视扶持办法，按那个老办法，棚租800万能补多少？",
        "剧本进了中宣部、国家电影局的规划重大工程，国家层面自己还会另外发奖金吗？发多少？",
        "我们在永川的棚里花了600万，市里那条20%我们自己会算。我就想问永川区本级另外还有没有区里的配套，能再给多少？",
    ],
)
def test_questions_the_text_leaves_open_beside_a_measure_are_not_computed(text: str) -> None:
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert plan.route == "knowledge" and plan.not_covered and not plan.calculations, plan


def test_a_base_park_with_the_national_fund_is_still_computed() -> None:
    plan = decide(
        ANALYSER.analyse("新获得国家电影事业发展专项资金支持的基地能拿多少配套"), LEXICON, {}
    )
    assert [m for m, _ in plan.calculations] == [q("base-park")]


def test_a_labelled_claim_corrected_in_a_later_turn_replaces_its_old_amount() -> None:
    plan = _conversation(
        [
            "两部片子都已备案，在重庆用棚和设备：A片800万，B片600万。制片方一共能拿多少？",
            "不好意思，B片刚核对了，实际只有450万。重新算一下总数。",
        ]
    )
    assert sorted(dict(plan.calculations)[q("studio")].claims_yuan) == [450 * W, 800 * W]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an award named before, asked about again, is the same award
        (
            "我司注册于重庆。本年度我司已获得后期制作奖励120万元。另外今年我司为剧组提供设备租赁和外景协拍服务，"
            "服务费用700万元。一、为剧组提供服务这一块，我司可获补助多少？二、已获的120万元后期制作奖励是否占用"
            "剧组服务补助的年度额度？",
            {"crew-services": (700 * W, 0)},
        ),
        # the same amount asked about in a question clause is the same money
        (
            "我们是第一出品单位，项目已立项备案。委托重庆一家公司做剪辑和配音，合同金额正好2,000,000元"
            "（贰佰万元整）。一、刚好200万元算不算达到门槛？二、可获补助多少？",
            {"digital-services": (200 * W, 0)},
        ),
    ],
)
def test_an_amount_asked_about_again_is_the_same(
    text: str, expected: dict[str, tuple[int, int]]
) -> None:
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    got = {m.split("/")[1]: (f.amount_yuan, f.prior_awards_yuan) for m, f in plan.calculations}
    assert got == expected


def test_combining_two_seasons_costs_is_a_question_not_a_fraud() -> None:
    assert not lx.is_gaming("如本次不够条件，明年第二季在渝拍摄的费用能否与本季合并计算？")


def test_a_form_field_naming_an_award_received_makes_it_this_year_s() -> None:
    text = "申请人：重庆某协拍公司；服务方：重庆；费用：800万（服化道+外景协拍）；本年度已获：本条款补助120万（上半年已拨）；问：这次还能拿多少"
    facts = dict(decide(ANALYSER.analyse(text), LEXICON, {}).calculations)[q("crew-services")]
    assert (facts.amount_yuan, facts.prior_awards_yuan) == (800 * W, 120 * W)


@pytest.mark.parametrize(
    "message",
    ["专业楼宇的硬件补贴，单个项目实际投入要达到5000万才有资格是吧？", "前提是投入得满3000万吧？"],
)
def test_a_threshold_said_with_its_condition_is_a_claim_not_a_spend(message: str) -> None:
    a = ANALYSER.analyse(message)
    assert [x.role for x in a.amounts] == ["claimed_rule"]
    assert not decide(a, LEXICON, {}).calculations


def test_a_conversation_about_the_service_measure_reads_its_costs_as_its_own() -> None:
    # "置景", "设备租赁" alone would be a production's spend; the conversation is a service
    # company's
    plan = _conversation(
        ["在渝协拍机构，今年服务了两个剧组", "第一个剧组置景费用600万，第二个剧组设备租赁700万"]
    )
    assert [(m, f.claims_yuan) for m, f in plan.calculations] == [
        (q("crew-services"), (600 * W, 700 * W))
    ]


def test_the_work_done_for_a_crew_far_from_its_words_is_the_service_measure() -> None:
    plan = decide(ANALYSER.analyse("我们给在重庆拍戏的剧组做服化道，一年服务费700万"), LEXICON, {})
    assert [m for m, _ in plan.calculations] == [q("crew-services")]


@pytest.mark.parametrize(
    ("turns", "measure", "open_topics"),
    [
        (
            ["我们计划建一栋影视专业楼宇，硬件补贴能拿多少？", "投资额还在做可研，没定下来"],
            "hardware",
            [],
        ),
        (
            ["重庆做后期的，社保20人，后期奖励能拿多少？", "收入还没出审计报告，具体多少说不了"],
            "postproduction",
            [],
        ),
        (["已备案电影，在重庆租棚", "金额还没定，另外申请要交什么材料？"], "studio", ["申请材料"]),
    ],
)
def test_an_amount_not_known_yet_is_asked_for_under_the_conversation_s_measure(
    turns: list[str], measure: str, open_topics: list[str]
) -> None:
    plan = _conversation(turns)
    assert (plan.route, plan.clarify, plan.not_covered) == ("clarify", [q(measure)], open_topics)


def test_a_fund_newly_received_beside_a_building_and_an_open_date_computes_both() -> None:
    message = (
        "基地新建影视棚实际投入3600万元，评审入统均已完成，项目已建成；"
        "基地今年新获国家电影事业发展专项资金支持。两项可补多少？今年申报截止日期是哪天？"
    )
    a = ANALYSER.analyse(message)
    assert a.facts[q("hardware")].conditions == {
        "reviewed": True,
        "in_statistics": True,
        "completed": True,
    }
    plan = decide(a, LEXICON, {})
    assert sorted(m for m, _ in plan.calculations) == [q("base-park"), q("hardware")]
    assert plan.not_covered == ["申报时间"]


def test_a_condition_named_in_an_english_question_is_asked_not_stated() -> None:
    a = ANALYSER.analyse(
        "Which 国家电影事业发展专项资金 must a 科技影视基地 have 新获得 support from?"
    )
    assert q("base-park") not in a.facts or not a.facts[q("base-park")].conditions


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (
            "项目已备案，在重庆租摄影棚花了650万。特效也交给重庆的公司做了，费用还没结算。能补多少？",
            "特效刚结完，一共320万。",
            {"studio": True, "digital-services": True},
        ),
        (
            "我们片子已备案，在重庆租棚花了900万，特效委托了一家公司做了500万，各能补多少？",
            "哦对了，做特效的那家公司是西安的，不是重庆的。",
            {"studio": True, "digital-services": False},
        ),
    ],
)
def test_a_turn_settling_one_measure_answers_the_conversation_s_others_again(
    first: str, second: str, expected: dict[str, bool]
) -> None:
    plan = _conversation([first, second])
    got = {m.split("/")[1]: f.conditions.get("in_chongqing", True) for m, f in plan.calculations}
    assert got == expected


def test_a_turn_asking_of_one_measure_is_answered_for_that_one() -> None:
    plan = _conversation(
        [
            "项目已备案，特效花了450万，棚租在永川820万，能补多少？",
            "做特效的公司一半在两江新区（250万），一半在深圳（200万），那特效这块能补多少？",
        ]
    )
    assert [m for m, _ in plan.calculations] == [q("digital-services")]


@pytest.mark.parametrize(
    ("message", "roles"),
    [
        ("听说虚拟拍摄、电脑特效这些外包费用要300万起步才给补？", ["claimed_rule"]),
        ("硬件载体建设补贴，单个项目实际投入得5000万起吧？", ["claimed_rule"]),
        ("政策发布那天签约项目总投资超过62亿，这个数没记错吧？", ["other"]),
        # a speaker correcting himself offers nothing for confirmation ("不对不对" is no "对不对")
        (
            "协拍公司给剧组做机灯美服务费五百二十万，不对不对，是四百二十万。能补吗？",
            ["other", "fee"],
        ),
    ],
)
def test_figures_offered_as_rules_or_news_are_no_spend(message: str, roles: list[str]) -> None:
    assert [x.role for x in ANALYSER.analyse(message).amounts] == roles


@pytest.mark.parametrize(
    ("message", "rules"),
    [
        (
            "倍视传媒那个布兰博，是奥斯卡最佳视效奖得主吧？",
            [],
        ),  # a person's award, no clause's term
        ("硬件投入里不算土地费和配套的商业投资，对吧", ["hardware"]),  # its clause's own words
        ("协拍服务机构每家每年最多拿200万，对吗", ["crew-services"]),
    ],
)
def test_a_claim_offered_for_confirmation_gets_the_rules_it_is_about(
    message: str, rules: list[str]
) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert [m.split("/")[1] for m in plan.rules] == rules


def test_a_confirmation_of_a_measure_s_terms_is_no_question_of_its_own() -> None:
    plan = decide(
        ANALYSER.analyse("用重庆摄影棚的那条20%补助，是发给投资方的，对吗？"), LEXICON, {}
    )
    assert plan.rules == [q("studio")] and plan.knowledge == []
    # a question of its own beside an award is still looked up
    message = (
        "重庆后期企业，年技术服务收入5000万，社保40人。奖励多少？是不是必须是高新技术企业才行？"
    )
    assert decide(ANALYSER.analyse(message), LEXICON, {}).knowledge


def test_a_city_level_fund_is_not_the_national_fund() -> None:
    a = ANALYSER.analyse("科技影视基地只要拿到市级专项资金支持就能申请配套吧")
    assert a.facts[q("base-park")].conditions == {"fund_support": False}


def test_asking_which_tool_to_use_is_advice() -> None:
    assert lx.ADVICE.search("那你推荐我们用哪个AI视频生成工具，收费多少？")


@pytest.mark.parametrize(
    "text",
    [
        "重庆这个科技影视激励政策的力度在全国排第几？",
        "我们5月就拍完了，政策7月5号才发布，5月份产生的费用能算进去吗？",
        "跟北京的扶持政策比，重庆这个摄影棚补助力度算高还是低？北京那边给多少？",
        "上海、浙江横店有没有类似的摄影棚补贴？比例比重庆的高还是低？",
    ],
)
def test_rankings_other_places_and_costs_before_the_policy_are_not_answered(text: str) -> None:
    plan = decide(ANALYSER.analyse(text), LEXICON, {})
    assert not plan.calculations and not plan.rules
    assert plan.route == "out_of_scope" or (plan.why == "not_covered" and plan.not_covered)


@pytest.mark.parametrize(
    ("message", "rules"),
    [
        ("studio摄影棚补助比例多少", ["studio"]),
        ("后期公司社保要几个人", ["postproduction"]),
        # the rate of a kind of support no measure offers is not a measure's rate
        ("我们准备贷款2000万建棚，政策里有没有贷款贴息？贴息比例多少", []),
    ],
)
def test_a_measure_s_terms_asked_in_few_words(message: str, rules: list[str]) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert [m.split("/")[1] for m in plan.rules] == rules


def test_a_bare_verdict_is_read_with_the_clause_before() -> None:
    a = ANALYSER.analyse(
        "申请人：某科技影视园区；情况：申报过国家电影事业发展专项资金，未获批；问：还能拿配套支持吗"
    )
    assert a.facts[q("base-park")].conditions == {"fund_support": False}


def test_an_emoji_after_an_amount_ends_its_item() -> None:
    a = ANALYSER.analyse(
        "棚租+设备一共300w😂 后期特效找的重庆团队 600w，项目备案了的，两块分别能补多少啊"
    )
    assert {m.split("/")[1]: [x.yuan for x in xs] for m, xs in a.bases.items()} == {
        "studio": [300 * W],
        "digital-services": [600 * W],
    }


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        # a correction beside open questions recomputes, and names them
        (
            [
                "已备案电影，在永川租棚和设备花了800万，补多少？",
                "哦不对，是700万。另外申请要交哪些材料？",
            ],
            {"studio": 700 * W},
        ),
        # a new measure's spend with "两笔一共" answers the earlier one again
        (
            [
                "剧组在永川用本地的棚和设备，费用900万，项目已备案",
                "另外还有一笔特效费200万，也是重庆公司做的，两笔一共能拿多少？",
            ],
            {"studio": 900 * W, "digital-services": 200 * W},
        ),
    ],
)
def test_a_later_turn_recomputes_what_it_changes_and_keeps(
    turns: list[str], expected: dict[str, int]
) -> None:
    plan = _conversation(turns)
    assert {m.split("/")[1]: f.amount_yuan for m, f in plan.calculations} == expected


@pytest.mark.parametrize(
    ("message", "tier", "tiers"),
    [
        (
            "两个本子都在重庆立项：一个列入了重点影片生产规划和年度计划，一个列入了国家规划重大工程",
            None,
            ("plan", "major"),
        ),
        (
            "公司两个剧本都在重庆立项：《山城》列入重大工程，《江雾》列入重点影片生产规划",
            None,
            ("major", "plan"),
        ),
        ("两个剧本都在重庆立项，都列入了重大工程", None, ("major", "major")),
        # one work named again in the question, or one of two with a tier: one award
        (
            "两个剧本：一个在本市立项，被列入重大工程；另一个只入选了省里的扶持名单。问重大工程那个能拿多少？",
            "major",
            (),
        ),
        ("剧本在重庆立项，先列入年度计划，后来又列入了重大工程", "major", ()),  # one work, upgraded
        # one of them not known yet: neither stated
        (
            "两个剧本都在重庆立项。A剧本列入了重大工程；B剧本到底是重点影片生产规划还是重大工程，文件还没下来",
            None,
            (),
        ),
    ],
)
def test_several_works_each_with_its_tier(
    message: str, tier: str | None, tiers: tuple[str, ...]
) -> None:
    facts = ANALYSER.analyse(message).facts[q("script")]
    assert (facts.tier, facts.tiers) == (tier, tiers)


@pytest.mark.parametrize(
    ("second", "tiers", "tier"),
    [
        ("还有一个剧本B也是重庆立项的，入选了重大工程。两个加起来呢？", ("plan", "major"), None),
        ("另一个剧本呢 也在重庆立项 进的是重大工程", (), "major"),  # the other one, alone
    ],
)
def test_another_work_in_a_later_turn(
    second: str, tiers: tuple[str, ...], tier: str | None
) -> None:
    plan = _conversation(
        ["我们在重庆立项的剧本A入选了重点影片生产规划和年度计划，能拿多少？", second]
    )
    [(_, facts)] = plan.calculations
    assert facts.tiers == tiers and (tiers or facts.tier == tier)


@pytest.mark.parametrize(
    ("message", "measure", "bases", "prior"),
    [
        # an award already received, said with the clause it came under
        (
            "我们做后期特效，社保在缴15人。今年技术服务收入2600万，上半年已经按后期制作奖励这一条拿到150万了。",
            "postproduction",
            [2600 * W],
            150 * W,
        ),
        # the part of a turnover that is another kind of income
        (
            "做影视后期特效。今年营业收入1500万，其中技术服务收入1100万，另外400万是设备出租收入。缴社保22人。",
            "postproduction",
            [1100 * W],
            0,
        ),
        # a vendor the spend was entrusted to, not another payer
        (
            "项目已备案。虚拟拍摄委托给重庆一家公司花了320万，剪辑配音委托给另一家重庆公司花了90万。",
            "digital-services",
            [320 * W, 90 * W],
            0,
        ),
        # the parent company's figures are not the applicant's
        (
            "我们是重庆的后期公司，今年技术服务收入360万，社保5人。我们母公司在新加坡，营收约2000万。",
            "postproduction",
            [360 * W],
            0,
        ),
    ],
)
def test_figures_beside_the_base_are_read_for_what_they_are(
    message: str, measure: str, bases: list[int], prior: int
) -> None:
    a = ANALYSER.analyse(message)
    assert [x.yuan for x in a.bases[q(measure)]] == bases
    assert a.facts[q(measure)].prior_awards_yuan == prior


def test_the_release_event_is_no_cost_unless_spent_on() -> None:
    assert ANALYSER.analyse("听说发布会当天签了32个重点项目，总投资超过62亿？").uncovered == []
    assert ANALYSER.analyse("我们办了个发布会花了80万能补吗").uncovered


def test_a_service_fee_paid_goes_to_the_measure_whose_base_a_fee_is() -> None:
    a = ANALYSER.analyse(
        "项目备案了，重庆的特效公司给我们做全片CG，数字技术服务费4000万，补助多少？"
    )
    assert list(a.bases) == [q("digital-services")]
    # an income of the company stays its revenue
    a = ANALYSER.analyse(
        "公司在两江新区，做后期调色和配音，缴社保5人。今年技术服务收入460万，能拿多少奖励？"
    )
    assert list(a.bases) == [q("postproduction")]


@pytest.mark.parametrize(
    ("message", "bases"),
    [
        # the caller's own result, offered for checking
        ("在重庆摄影棚用了八百万，算下来应该是160万吧？", {"studio": [800 * W]}),
        # another crew's spend
        (
            "隔壁剧组在重庆棚里花了2000万，听说拿了400万补助。我们剧组在重庆棚花了750万",
            {"studio": [750 * W]},
        ),
        # the building's own value, not what was put into it
        (
            "利用存量厂房改造影视棚，改造实际投入1250万元，厂房本身评估价值3000万",
            {"hardware": [1250 * W]},
        ),
        # a deposit inside what was paid to a base, for the studio measure
        (
            "付给重庆影视基地的钱一共620万，其中120万是设备押金，剩下的都是棚租和设备服务费。摄影棚补助怎么算？",
            {"studio": [500 * W]},
        ),
    ],
)
def test_figures_the_caller_did_not_spend_are_no_base(
    message: str, bases: dict[str, list[int]]
) -> None:
    a = ANALYSER.analyse(message)
    assert {m.split("/")[1]: [x.yuan for x in xs] for m, xs in a.bases.items()} == bases


def test_awards_received_listed_together_each_reduce_their_own_cap() -> None:
    a = ANALYSER.analyse(
        "重庆后期+协拍公司。今年已经拿过协拍补助150万、后期奖励100万。现在新增协拍服务费用500万；"
        "全年技术服务收入3000万，社保10人。"
    )
    assert a.facts[q("crew-services")].prior_awards_yuan == 150 * W
    assert a.facts[q("postproduction")].prior_awards_yuan == 100 * W


def test_our_own_award_asked_beside_the_client_s_is_not_asked_alone() -> None:
    message = (
        "我们是重庆的特效公司，社保在册25人。给上海一部已立项备案的电影做电脑特效，合同1800万；另外我们公司"
        "去年全年技术服务收入2600万。问：客户那边第一出品单位能拿多少？我们自己的后期奖励又是多少？"
    )
    assert ANALYSER.analyse(message).asked_only == []


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        # "改成1200万" corrects the amount; only a term changed is a rule claimed
        (
            ["重庆永川租摄影棚和设备，服务费大概800万，能拿多少？", "改成1200万，预算调整了"],
            {"studio": 1200 * W},
        ),
        (
            [
                "重庆后期公司，技术服务收入800万，6个人交社保，多少钱",
                "其实全年是一千八百万，上面那个是半年的",
            ],
            {"postproduction": 1800 * W},
        ),
        (
            [
                "在重庆棚拍花了800万，能补多少？",
                "同样的钱要是花在剪辑配音上呢？委托的是重庆本地的公司",
            ],
            {"digital-services": 800 * W},
        ),
        (
            ["项目已备案，重庆棚租2600万，重庆公司做特效1800万，补助？", "先只说棚那块"],
            {"studio": 2600 * W},
        ),
        (
            [
                "重庆后期工作室，年技术服务收入190万，社保4人，能拿奖励吗",
                "漏了一笔20万的调色收入，加上呢",
            ],
            {"postproduction": 210 * W},
        ),
    ],
)
def test_a_follow_up_changing_one_thing(turns: list[str], expected: dict[str, int]) -> None:
    plan = _conversation(turns)
    assert {m.split("/")[1]: f.amount_yuan for m, f in plan.calculations} == expected


def test_an_award_received_said_later_beside_an_open_question_recomputes() -> None:
    plan = _conversation(
        [
            "重庆后期特效公司，年度技术服务收入4000万，社保20人，奖励多少",
            "今年已经领过200万了。还有，这笔奖励要交企业所得税吗？",
        ]
    )
    [(measure, facts)] = plan.calculations
    assert (measure, facts.prior_awards_yuan, plan.not_covered) == (
        q("postproduction"),
        200 * W,
        ["税务处理"],
    )


@pytest.mark.parametrize(
    "message",
    [
        "硬件补贴纳入市级重大项目后可以提高到2000万？",
        "纳入市级重大项目名单的，可以提高到2000万元吧？",
    ],
)
def test_a_cap_raised_is_a_rule_claimed(message: str) -> None:
    assert [x.role for x in ANALYSER.analyse(message).amounts] == ["claimed_rule"]


def test_a_head_count_required_is_no_head_count_of_the_company() -> None:
    assert ANALYSER.analyse("社保得满10个人才行吧？那我们不够了").shared.staff is None
    assert ANALYSER.analyse("我们社保10个人").shared.staff == 10


def test_a_fixed_award_is_not_computed_for_an_open_topic_asked_alone() -> None:
    plan = decide(
        ANALYSER.analyse("基地配套支持是按国家专项资金1比1配吗？配套比例到底是多少"), LEXICON, {}
    )
    assert not plan.calculations and plan.not_covered == ["配套支持的计算比例"]


def test_the_jobs_listed_after_a_header_are_the_company_s_revenue() -> None:
    a = ANALYSER.analyse(
        "我们公司在永川，做影视后期调色、剪辑和混录，缴社保的员工7个。今年接了四个活：一部电影调色85万，"
        "一部电视剧剪辑120万，一部网络电影特效40万，一部纪录片混录35万。按后期制作那条能拿多少奖励？"
    )
    assert {m.split("/")[1]: len(xs) for m, xs in a.bases.items()} == {"postproduction": 4}


def test_a_new_total_said_as_what_the_cost_comes_to() -> None:
    plan = _conversation(
        [
            "委托重庆企业做剪辑配音，费用300万，项目已备案，补多少",
            "那要是后面再加一笔图像处理，总费用做到500万呢？",
        ]
    )
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("digital-services"), 500 * W)]


def test_a_rough_total_before_its_exact_part_is_no_amount_of_its_own() -> None:
    a = ANALYSER.analyse(
        "摄影棚加服装道具一共七百来万，但是重庆的只有四百二十万，剩下那部分是在横店租的棚"
    )
    assert [x.yuan for x in a.bases[q("studio")]] == [420 * W]
    assert [x.role for x in a.amounts] == ["other", "fee"]


def test_the_data_s_punctuation_is_read_in_either_width() -> None:
    from bot.lexicon import either_width

    assert either_width("[^，。]{0,6}后") == "[^，,。]{0,6}后"
    assert either_width("说错了，是") == "说错了[，,]是"
    # the message as the bot reads it (half-width commas): a clause still ends at its comma
    text = "网剧还没立项备案,棚+设备估计900万,能不能先按20%把补助拿了,备案后面再补?"
    assert "获奖后的义务与监管" not in ANALYSER.analyse(text).topics
    # and a comparison across the comma is still one
    assert (
        "与其他地区政策的比较" in ANALYSER.analyse("重庆这套政策和成都的比起来,哪边补得多?").topics
    )


def test_a_figure_the_amount_falls_short_of_is_the_threshold_not_a_second_claim() -> None:
    plan = decide(
        ANALYSER.analyse("重庆后期公司，社保6个人，年技术服务收入195万，差一点200万，能拿吗"),
        LEXICON,
        {},
    )
    assert [(m, f.amount_yuan, f.claims_yuan) for m, f in plan.calculations] == [
        (q("postproduction"), 195 * W, ())
    ]


@pytest.mark.parametrize(
    "message",
    [
        "影视棚已建成，评审过了，实际投入8000万，还不确定能不能进市级重大项目名单，补贴能拿多少？",
        "影视棚已建成，评审过了，实际投入8000万，是不是市级重大项目还不知道，补贴能拿多少？",
    ],
)
def test_a_fact_doubted_is_neither_stated_nor_denied(message: str) -> None:
    a = ANALYSER.analyse(message)
    assert a.facts[q("hardware")].major_project is None
    assert a.doubted == {q("hardware"): {"major_project"}}


def test_a_list_said_to_be_applied_for_is_not_joined_yet() -> None:
    a = ANALYSER.analyse(
        "影视棚方案评审通过了，已入统，已建成，实际投入1.5亿。市级重大项目名单我们今年在申报，"
        "还没批下来。补贴能拿多少"
    )
    plan = decide(a, LEXICON, {})
    assert [(m, f.major_project) for m, f in plan.calculations] == [(q("hardware"), False)]


def test_years_asked_together_are_computed_year_by_year() -> None:
    a = ANALYSER.analyse(
        "来电企业为在渝影视技术企业，缴纳社保人员12人。2025年度技术服务收入4,200万元，预计2026年度"
        "技术服务收入1,600万元。诉求：两个年度的后期制作奖励各是多少、合计多少。"
    )
    years = a.per_company[q("postproduction")]
    assert {y: (f.amount_yuan, f.staff) for y, f in years.items()} == {
        "2025年度": (4200 * W, 12),
        "2026年度": (1600 * W, 12),
    }
    assert q("postproduction") in a.separate_companies and not a.other_years


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        # an award of another named year leaves this year's cap alone
        (
            "公司（在渝协拍机构）2025年已拿到该项补助200万元，2026年新签一单场地搭建服务，费用900万元。"
            "2026年这一单能拿多少？",
            900 * W,
        ),
        # a year's total said as one is that year's base
        (
            "重庆某协拍服务公司：1. 2025年为剧组提供设备租赁、场地搭建服务，费用900万元，已领取2025年度"
            "协拍补助180万元；2. 2026年新签服务合同，全年服务费用合计1300万元。请问2026年度这一条能拿多少？",
            1300 * W,
        ),
    ],
)
def test_the_year_asked_is_computed_with_its_own_amount_and_awards(
    message: str, amount: int
) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert [(m, f.amount_yuan, f.prior_awards_yuan) for m, f in plan.calculations] == [
        (q("crew-services"), amount, 0)
    ]


@pytest.mark.parametrize(
    ("message", "measure"),
    [
        (
            "项目已备案。特效委托了两家公司，一家重庆的、一家上海的，两家总共大概300万，各自多少还没拆。"
            "第一出品单位能拿多少？",
            "digital-services",
        ),
        (
            "我们是重庆的影视技术公司，去年总收入1000万，里面既有后期技术服务，也有卖设备的收入，"
            "没拆分。社保15人。能拿多少奖励？",
            "postproduction",
        ),
    ],
)
def test_a_total_holding_what_the_measure_does_not_count_unsplit_is_no_base(
    message: str, measure: str
) -> None:
    a = ANALYSER.analyse(message)
    assert q(measure) in a.mixed and a.facts[q(measure)].amount_yuan is None


def test_a_later_turn_saying_the_amount_is_not_known_yet_leaves_the_earlier_one() -> None:
    state = _state(["重庆后期公司，去年技术服务收入500万，社保6人，去年这块能拿多少？"])
    turn = "那今年的呢？今年还没过完，技术服务收入还没统计出来，社保还是6人。"
    plan = decide(ANALYSER.analyse(turn, q("postproduction")), LEXICON, state)
    assert plan.route == "clarify" and not plan.calculations
    # a condition said not met yet is no amount unknown
    state = _state(["存量空间改造专业楼宇，实际投入4500万元，补贴？"])
    turn = "财务说固定资产投资还没纳入统计"
    plan = decide(ANALYSER.analyse(turn, q("hardware")), LEXICON, state)
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("hardware"), 4500 * W)]


def test_the_insured_counted_after_who_they_are() -> None:
    a = ANALYSER.analyse(
        "在渝的后期工作室，年技术服务收入380万，就我们两个合伙人交社保，其他都是兼职"
    )
    plan = decide(a, LEXICON, {})
    assert [(m, f.staff) for m, f in plan.calculations] == [(q("postproduction"), 2)]


def test_a_group_of_companies_asking_is_no_gaming_but_a_claim_under_another_s_name_is() -> None:
    assert not lx.is_gaming("来电人称代表两家关联公司咨询：两家能否合并一套材料申报。")
    assert lx.is_gaming("剧组实际在外地拍摄，但想以使用重庆摄影棚的名义申报。")


@pytest.mark.parametrize(
    ("message", "prior"),
    [
        # the project's own award, received in an earlier year: its cap is what is left
        (
            "同一部备案电影，我们第一出品：2026年委托重庆公司做特效2000万，已经拿了300万补助；"
            "2027年又追加了重庆这家公司的特效修改1600万，这个项目还能拿多少？",
            300 * W,
        ),
        # another project's award leaves this project's cap whole
        ("今年已经拿过一次特效这条的补助300万，这次新片委托重庆公司做特效1600万，能补多少", 0),
    ],
)
def test_an_award_received_counts_against_a_project_cap_only_for_the_same_project(
    message: str, prior: int
) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert [(m, f.prior_awards_yuan) for m, f in plan.calculations] == [
        (q("digital-services"), prior)
    ]


def test_years_listed_with_their_figures_are_each_their_own_year() -> None:
    a = ANALYSER.analyse(
        "在渝后期公司，社保一直6个人，25、26、27三年后期技术服务收入分别是180万、260万、520万，"
        "三年合计能拿多少？"
    )
    years = a.per_company[q("postproduction")]
    assert {y: f.amount_yuan for y, f in years.items()} == {
        "2025年度": 180 * W,
        "2026年度": 260 * W,
        "2027年度": 520 * W,
    }


def test_a_year_by_its_last_two_digits() -> None:
    assert lx.named_years("25年技术服务收入300万、2026年800万") == ["2025", "2026"]
    assert lx.named_years("我们做了25年后期，成立20年") == []


@pytest.mark.parametrize(
    ("first", "then", "amount"),
    [
        # the other one asked about alone is computed alone
        (
            "公司两部剧都在重庆拍，都备案了。A剧用重庆的棚和设备花了900万，能补多少",
            "那B剧呢？B剧在重庆的棚租和道具是300万",
            300 * W,
        ),
        # added to it, the two are one spend
        (
            "我们项目已经在国家电影局备案了，在重庆用摄影棚花了2000万，制片方能补多少？",
            "再加上200万的设备租赁呢，设备也是在重庆租的",
            2200 * W,
        ),
    ],
)
def test_the_other_one_asked_alone_and_one_added(first: str, then: str, amount: int) -> None:
    plan = decide(ANALYSER.analyse(then, q("studio")), LEXICON, _state([first]))
    assert [(m, f.amount_yuan, f.claims_yuan) for m, f in plan.calculations] == [
        (q("studio"), amount, ())
    ]


def test_one_and_another_film_are_two_projects() -> None:
    a = ANALYSER.analyse("特效都交给重庆的公司做，一部1800万，另一部4000万，两部合计能补多少")
    assert a.facts[q("digital-services")].claims_yuan == (1800 * W, 4000 * W)


def test_another_company_s_figures_asked_of_it_are_its_own() -> None:
    state = _state(["我们在重庆做后期调色，年技术服务收入600万，社保4人，能拿多少"])
    turn = "再问下，隔壁做音频后期的公司，也在重庆，技术服务收入350万，社保3个人，他们能拿吗"
    plan = decide(ANALYSER.analyse(turn, q("postproduction")), LEXICON, state)
    assert [(m, f.amount_yuan, f.staff) for m, f in plan.calculations] == [
        (q("postproduction"), 350 * W, 3)
    ]


@pytest.mark.parametrize(
    ("first", "then", "measure"),
    [
        (
            "重庆后期公司，社保6人，年技术服务收入大概500万，能拿多少",
            "收入那个数我说不准，今年账还没做完，先别按500万算",
            "postproduction",
        ),
        (
            "剧本在重庆做的立项，被列入中宣部、国家电影局的重大工程了，奖多少",
            "不好意思我搞混了，不确定是重大工程还是重点影片生产规划，得再核实",
            "script",
        ),
    ],
)
def test_a_fact_taken_back_leaves_the_award_open(first: str, then: str, measure: str) -> None:
    plan = decide(ANALYSER.analyse(then, q(measure)), LEXICON, _state([first]))
    kept = plan.facts.get(q(measure), Facts())
    assert kept.amount_yuan is None if measure == "postproduction" else kept.tier is None
    assert not any(f.amount_yuan or f.tier for m, f in plan.calculations if m == q(measure)), (
        plan.calculations
    )


@pytest.mark.parametrize(
    ("message", "measure", "amount"),
    [
        # the threshold named as a line passed is no amount
        (
            "刚过500万那条线，我们在重庆用摄影棚、设施设备、服装道具一共512万，网络电影已经备案，"
            "制片方能拿多少",
            "studio",
            512 * W,
        ),
        # the part named inside its total right after it is no cost beside it
        (
            "剧组（制片方，项目已备案）在重庆的棚、设备、服装道具一共花了1,600万（含协拍公司的1,100万）。"
            "制片方能补多少",
            "studio",
            1600 * W,
        ),
        # a contract paid in full: the deposit said is a part of it
        (
            "和重庆一家影棚签的合同总价900万，开机前付了30%定金270万，现在尾款已经结清、发票全部开齐，"
            "项目已备案，制片方能补多少",
            "studio",
            900 * W,
        ),
    ],
)
def test_figures_beside_the_base_that_are_not_it(message: str, measure: str, amount: int) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q(measure), amount)]


def test_an_award_corrected_to_an_earlier_year_then_asked_again_leaves_the_cap_whole() -> None:
    state = _state(
        ["我们协拍公司在重庆，今年这条已经拿了150万补助，新接一个剧组的服务费900万，还能拿多少？"]
    )
    turn = "不好意思说错了，那150万是去年年底批的、去年的业务，今年这条还一分没拿，那今年能拿多少？"
    plan = decide(ANALYSER.analyse(turn, q("crew-services")), LEXICON, state)
    assert [(m, f.amount_yuan, f.prior_awards_yuan) for m, f in plan.calculations] == [
        (q("crew-services"), 900 * W, 0)
    ]


def test_a_second_vendor_we_hired_is_our_spend_not_another_party_s() -> None:
    a = ANALYSER.analyse(
        "同一部备案剧，我们是第一出品单位：上半年虚拟拍摄委托两江一家公司做了90万，下半年剪辑配音"
        "委托重庆另一家公司做了130万，能补多少？"
    )
    assert a.facts[q("digital-services")].amount_yuan == 220 * W


def test_one_contract_settled_by_quarter_is_no_gaming_but_invoices_split_across_years_are() -> None:
    assert not lx.is_gaming(
        "给同一个剧组做场地搭建，同一份合同分季度结算：一季度220万、二季度180万，这个能补多少？"
    )
    assert lx.is_gaming(
        "协拍一单1200万，能不能拆成两年分别开票，每年开600万，这样两年都能各拿120万？"
    )


def test_an_award_received_by_one_of_several_projects_is_that_project_s() -> None:
    a = ANALYSER.analyse(
        "A项目今年刚在重庆拍完，棚和设备花了2500万；B项目前几期已经拿了900万摄影棚补助，这次又在"
        "重庆棚里花了1000万。两个项目都备案了，制片方都是我们，这回合计还能拿多少？"
    )
    projects = a.per_company[q("studio")]
    assert [(f.amount_yuan, f.prior_awards_yuan) for f in projects.values()] == [
        (2500 * W, 0),
        (1000 * W, 900 * W),
    ]


@pytest.mark.parametrize(
    ("message", "amount", "prior"),
    [
        # the spend the award was received for is not worked again
        (
            "《北岸》备案过了，第一阶段在重庆棚里花了1000万，已经拿了200万补助；第二阶段又在重庆花了"
            "1800万的棚租和设备费。我们是制片方，这部片子还能补多少",
            1800 * W,
            200 * W,
        ),
        # another film's award is not this one's
        (
            "去年另一部戏已经拿过摄影棚补助800万了，今年这部新戏在重庆的棚费3000万，这次还能补多少？",
            3000 * W,
            0,
        ),
    ],
)
def test_an_award_received_and_the_spend_it_was_for(message: str, amount: int, prior: int) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert [(m, f.amount_yuan, f.prior_awards_yuan) for m, f in plan.calculations] == [
        (q("studio"), amount, prior)
    ]


def test_works_of_another_place_are_not_counted() -> None:
    a = ANALYSER.analyse(
        "两个电影剧本都列入了中央和国家规划重大工程，一个是在重庆做的剧本立项，另一个是在北京立项的，"
        "能拿多少剧本奖励？"
    )
    facts = a.facts[q("script")]
    assert (facts.tier, facts.tiers, facts.conditions.get("registered")) == ("major", (), True)


def test_letters_introduced_label_their_amounts_and_a_later_turn_asks_one() -> None:
    first = "A、B两个影视棚项目都建成了，方案评审通过、投资纳入统计，都不在市级重大项目名单里。A投入7000万，B投入3000万，补贴各多少？"
    assert set(ANALYSER.analyse(first).labelled) == {"A", "B"}
    plan = decide(ANALYSER.analyse("B单独能拿多少？", q("hardware")), LEXICON, _state([first]))
    assert [(m, f.amount_yuan) for m, f in plan.calculations] == [(q("hardware"), 3000 * W)]


def test_a_label_with_no_amount_asked_later_is_asked_for_its_amount() -> None:
    first = "A片在重庆棚里花了2000万，已备案；B片也在重庆棚里拍，也备案了，还在拍，费用还没出来。我们是制片方，A片能补多少？"
    plan = decide(ANALYSER.analyse("那B片大概能拿多少？", q("studio")), LEXICON, _state([first]))
    assert plan.route == "clarify" and not plan.calculations


def test_the_second_of_the_projects_counted_is_no_other_project() -> None:
    a = ANALYSER.analyse(
        "我们是两部电视剧的制片方，都在重庆拍、都已经备案。第一部剧用本市摄影棚和设施设备花了9000万，"
        "另一部剧花了3800万，摄影棚补助两部合计能拿多少？"
    )
    assert a.facts[q("studio")].claims_yuan == (9000 * W, 3800 * W)


@pytest.mark.parametrize(
    ("message", "measures"),
    [
        # the speaker named by its role asks its own award alone
        (
            "我们是剧组的制片方，项目已立项备案，在重庆租棚、设备和服装道具花了1000万，都是付给重庆本地"
            "一家协拍公司的。我们制片方能拿多少？",
            ["studio"],
        ),
        # and the company it paid, asked beside it
        (
            "我是制片人，我们项目已备案；我们在重庆用棚和服装道具花了700万，这些服务是重庆的一家协拍"
            "公司提供的。我们制片方能补多少？协拍公司那边又能补多少？",
            ["studio", "crew-services"],
        ),
        # the company paid, asked for by its client alone
        (
            "我们出品方付给重庆一家后期公司380万做调色和特效，他们全年技术服务收入就这380万。帮他们问问"
            "按后期那条能拿多少？",
            ["postproduction"],
        ),
    ],
)
def test_whose_award_is_asked(message: str, measures: list[str]) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert sorted(m for m, _ in plan.calculations) == sorted(q(m) for m in measures)


def test_how_to_join_a_list_asked_states_nothing_and_another_subject_is_no_remainder() -> None:
    a = ANALYSER.analyse(
        "影视棚实际投入6000万，没有进入市级重大项目名单。另外怎么才能进入市级重大项目名单？"
    )
    assert a.shared.major_project is False
    a = ANALYSER.analyse(
        "另外我们参与的剧本是在上海立项的，列入了中央和国家规划重大工程，能拿剧本奖吗？"
    )
    assert a.facts[q("script")].conditions.get("registered") is False


@pytest.mark.parametrize(
    ("message", "measure", "amount", "eligible"),
    [
        # the award is the first producer's: a second producer is told so
        (
            "我们是这部电影的第二出品方，主要是出钱投资，第一出品单位是北京一家公司。片子的虚拟拍摄委托"
            "重庆的公司做，花了600万，项目已备案。我们第二出品方能拿多少？",
            "digital-services",
            600 * W,
            False,
        ),
        # one project of two is not the asker's to claim
        (
            "我们是A片的第一出品单位，B片我们只是第二出品方。两部片子的电脑特效都交给重庆同一家公司做，"
            "A片费用800万，B片1400万，都备案了。我们公司能拿多少数字服务补助？",
            "digital-services",
            800 * W,
            True,
        ),
        # said of nobody, the recipient is not asked about
        ("委托重庆公司做特效花了600万，项目已备案，能补多少", "digital-services", 600 * W, True),
    ],
)
def test_the_recipient_named_by_the_clause_is_a_condition_stated_only_to_deny_it(
    message: str, measure: str, amount: int, eligible: bool
) -> None:
    from policy import calculate, get_measure

    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    ((qid, facts),) = plan.calculations
    assert (qid, facts.amount_yuan) == (q(measure), amount)
    result = calculate(get_measure(measure), facts)
    assert result.eligible is eligible
    assert not any("第一出品单位？" in u for u in result.unmet_conditions) or not eligible


def test_the_recipient_s_award_asked_in_a_later_turn_is_computed_for_it() -> None:
    first = (
        "我们是《雾都来信》的第二出品方，第一出品单位是北京一家公司。片子立项备案了，委托重庆的公司做"
        "虚拟拍摄和特效，费用一共2,800万。这个数字技术服务补助我们能申请吗？"
    )
    state = _state([first])
    turn = "那第一出品单位那边按规定能拿多少？"
    plan = decide(ANALYSER.analyse(turn, q("digital-services")), LEXICON, state)
    ((qid, facts),) = plan.calculations
    assert qid == q("digital-services") and "first_producer" not in facts.conditions


@pytest.mark.parametrize(
    ("turns", "measure", "expected"),
    [
        # 一家…另一家: each vendor's place is its own
        (
            [
                "我们片子的特效分给了两家公司做，项目已备案，我们是第一出品单位",
                "一家在重庆，费用280万；另一家在上海，费用600万",
                "这条补助能拿多少",
            ],
            "digital-services",
            (280 * W, ()),
        ),
        # the rate's result offered is no amount; the base is the one said before
        (
            [
                "我们是两江新区的影视后期技术企业，年技术服务收入4000万，缴社保86人",
                "按15%算是600万？",
            ],
            "postproduction",
            (4000 * W, ()),
        ),
        # a building and a studio of one company are two projects
        (
            [
                "我们公司在重庆有两个硬件载体项目，方案都评审通过，投资都纳入统计，都已建成",
                "影视棚实际投入2800万，专业楼宇实际投入6200万，都不含土地和商业，都没进市级重大项目名单",
            ],
            "hardware",
            (None, (2800 * W, 6200 * W)),
        ),
    ],
)
def test_turns_that_give_the_amounts(
    turns: list[str], measure: str, expected: tuple[int | None, tuple[int, ...]]
) -> None:
    state = _state(turns[:-1])
    plan = decide(ANALYSER.analyse(turns[-1], q(measure)), LEXICON, state)
    assert [(m, f.amount_yuan, f.claims_yuan) for m, f in plan.calculations] == [
        (q(measure), *expected)
    ]


def test_the_clients_place_is_not_the_company_s() -> None:
    state = _state(["我们公司注册在成都，做影视后期，年技术服务收入900万，社保20人"])
    plan = decide(ANALYSER.analyse("客户很多是重庆的剧组", q("postproduction")), LEXICON, state)
    assert all(f.conditions.get("in_chongqing") is not True for m, f in plan.calculations), (
        plan.calculations
    )


def test_a_sum_proposed_of_the_amounts_said_is_no_cost() -> None:
    a = ANALYSER.analyse(
        "拍摄分两地：在浙江象山影视城使用摄影棚费用7,000,000元，在重庆永川使用摄影棚及设备费用"
        "4,000,000元。来电人以为摄影棚费用可合并按11,000,000元计算。诉求：核实能补多少。"
    )
    assert [x.yuan for x in a.bases[q("studio")]] == [400 * W]


def test_the_client_s_own_spend_said_before_is_its_base_when_both_are_asked() -> None:
    state = _state(
        [
            "我们是制片方，在永川棚里拍，重庆的棚租设备道具一共1600万，项目已备案",
            "给我们做置景的是重庆本地协拍公司A，这单另外收了我们600万，不在1600万里，A今年就我们这一单",
        ]
    )
    plan = decide(
        ANALYSER.analyse("我们制片方和A公司各能拿多少", q("crew-services")), LEXICON, state
    )
    assert sorted((m, f.amount_yuan) for m, f in plan.calculations) == sorted(
        [(q("studio"), 1600 * W), (q("crew-services"), 600 * W)]
    )


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        # this year's and next year's, each with its own cap, then added
        (
            [
                "重庆的协拍机构，今年给一个剧组做外景协拍，服务费用900万，补助多少？",
                "那假如明年再接一个剧组，服务费用1200万，今明两年这项补助加起来最多能拿多少？",
            ],
            {"crew-services": {"今年度": 900 * W, "明年度": 1200 * W}},
        ),
        # a year named in the later turn: that year's own amount, not added to the earlier
        (
            [
                "重庆协拍公司，2025年给剧组的服务费用900万，能补多少",
                "2026年又做了1300万，这两年一共能拿多少",
            ],
            {"crew-services": {"2025年度": 900 * W, "2026年度": 1300 * W}},
        ),
    ],
)
def test_this_year_and_next_asked_together(
    turns: list[str], expected: dict[str, dict[str, int]]
) -> None:
    (measure,) = expected
    plan = decide(ANALYSER.analyse(turns[-1], q(measure)), LEXICON, _state(turns[:-1]))
    years = plan.per_company[q(measure)]
    assert {y: f.amount_yuan for y, f in years.items()} == expected[measure]


def test_the_fees_said_to_be_the_year_s_revenue_are_the_company_s_own_award() -> None:
    a = ANALYSER.analyse(
        "我们是重庆的后期特效公司,社保9人,今年给三部片子做特效:甲片300万、乙片250万、丙片150万,"
        "这是我们全年的技术服务收入,我们公司自己能拿多少后期奖励?"
    )
    plan = decide(a, LEXICON, {})
    assert [(m, f.claims_yuan) for m, f in plan.calculations] == [
        (q("postproduction"), (300 * W, 250 * W, 150 * W))
    ]


@pytest.mark.parametrize(
    ("message", "measure", "amount"),
    [
        (
            "在重庆使用摄影棚、设备、服装道具合计1,300万元，其中服装道具260万元已经含在这1,300万里面。摄影棚补助多少？",
            "studio",
            1300 * W,
        ),
        (
            "影视棚项目已建成、评审过了、纳入统计，建设投入3,800万元（不含土地），另外土地款1,200万元单独支付。硬件补贴多少？",
            "hardware",
            3800 * W,
        ),
        (
            "专业楼宇已建成、评审过了、纳入统计，实际投入2,400万元（另付土地款600万元，不含在2,400万内）。硬件补贴多少？",
            "hardware",
            2400 * W,
        ),
        (
            "帮忙算下：A公司是制片方，项目已备案，在重庆租棚和设备花了1500万；B公司是重庆本地的协拍公司，给A的剧组做外景协拍收了700万（不含在A那1500万里）。B能拿多少？",
            "crew-services",
            700 * W,
        ),
    ],
)
def test_a_part_or_a_total_said_again_is_not_added(message: str, measure: str, amount: int) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    assert (q(measure), amount) in [(m, f.amount_yuan) for m, f in plan.calculations]
    assert (q(measure), amount, 0) in [
        (m, f.amount_yuan, f.land_yuan) for m, f in plan.calculations
    ]


def test_the_conversation_s_amount_split_between_two_measures() -> None:
    state = _state(
        ["我们是一部备案电影的制片方，也是第一出品单位，在重庆花了900万，想申请摄影棚那条补助"]
    )
    turn = "细看了一下，这900万里600万是租棚和设备，300万是虚拟拍摄，都是重庆公司"
    plan = decide(ANALYSER.analyse(turn, q("studio")), LEXICON, state)
    assert sorted((m, f.amount_yuan) for m, f in plan.calculations) == sorted(
        [(q("studio"), 600 * W), (q("digital-services"), 300 * W)]
    )


@pytest.mark.parametrize(
    ("message", "measure", "amount", "eligible"),
    [
        # a numbered note's spend is its case, the open question named beside it
        (
            "1. 已备案电视剧的制片方在重庆摄影棚用棚、设施设备、服装道具费用1300万元；2. 请一并告知"
            "申报需要准备哪些材料、交到哪个窗口。",
            "studio",
            1300 * W,
            None,
        ),
        # a party named in a note asking its own award, not the recipient's
        (
            "1. 丙公司为某已备案电影的第二出品单位（非第一出品单位），该片委托重庆企业做图像处理费用450万元，"
            "丙公司问能否申请数字服务补助。",
            "digital-services",
            450 * W,
            False,
        ),
    ],
)
def test_desk_notes(message: str, measure: str, amount: int, eligible: bool | None) -> None:
    plan = decide(ANALYSER.analyse(message), LEXICON, {})
    facts = dict(plan.calculations)[q(measure)]
    assert facts.amount_yuan == amount
    if eligible is False:
        assert False in facts.conditions.values()


def _comma_blind_classes(pattern: str) -> list[str]:
    """The character classes of a pattern that stop at a full-width comma but not at the
    half-width one every message is normalised to (NFKC): such a class crosses clauses."""
    return [c for c in re.findall(r"\[[^\]]*\]", pattern) if "，" in c and "," not in c]


def test_every_clause_bound_stops_at_both_commas() -> None:
    patterns = [(name, p.pattern) for name, p in vars(lx).items() if isinstance(p, re.Pattern)]
    for rule in LEXICON.rules:
        for attr in ("true_when", "false_when", "term"):
            p = getattr(rule, attr, None)
            if isinstance(p, re.Pattern):
                patterns.append((f"{rule.measure}:{rule.condition}:{attr}", p.pattern))
    assert len(patterns) > 300
    # and every pattern written in the code or the policy data (topics, places, vocabulary)
    root = Path(__file__).resolve().parent.parent
    sources = [*(root / "bot").glob("*.py"), *(root / "policy").rglob("*.py")]
    for path in sorted([*sources, *(root / "policy").rglob("*.yaml")]):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.lstrip().startswith("#") and "[^" in line:
                patterns.append((f"{path.name}:{number}", line))
    blind = {name: _comma_blind_classes(p) for name, p in patterns if _comma_blind_classes(p)}
    assert blind == {}


@pytest.mark.parametrize(
    ("message", "measure", "expected"),
    [
        # "剧组" ends its clause: "今年一共能拿多少" is the company's own award, both jobs its base
        (
            "重庆协拍公司，今年接了两单：一单外景协拍600万，一单场地搭建800万，是两个不同的剧组，"
            "今年一共能拿多少补助",
            "crew-services",
            {"claims_yuan": (600 * W, 800 * W)},
        ),
        # a bound denied is no bound, and the figure said twice is one
        (
            "技术服务收入不是没到200万，是刚好200万整。我们是重庆的后期公司，社保4个人，能拿多少",
            "postproduction",
            {"amount_yuan": 200 * W},
        ),
        # a figure's thousands separators are no clause's commas
        (
            "在重庆使用摄影棚及服装道具费用9,500,000元，项目已备案",
            "studio",
            {"amount_yuan": 950 * W, "conditions": {"filed": True}},
        ),
        # a subject-less clause about registration speaks of the party the clause before names
        (
            "特效供应商说下个月才把公司迁到重庆，目前注册地还在杭州。这笔特效费320万能补多少？",
            "digital-services",
            {"conditions": {"in_chongqing": False}},
        ),
        (
            "片子下周才去备案。重庆这边摄影棚已经花了900万",
            "studio",
            {"conditions": {"filed": False}},
        ),
        (
            "不是说我们没备案啊，备案早就做完了。在重庆用摄影棚花了1300万",
            "studio",
            {"conditions": {"filed": True}},
        ),
        (
            "投了2000万建了个影视棚，已经建好了，方案没找专家评审过",
            "hardware",
            {"conditions": {"reviewed": False}},
        ),
    ],
)
def test_messages_read_as_normalised(message: str, measure: str, expected: dict[str, Any]) -> None:
    a = ANALYSER.analyse(normalise(message))
    facts = a.facts[q(measure)]
    for name, value in expected.items():
        if name == "conditions":
            for cond, want in value.items():
                assert facts.conditions.get(cond) is want, (cond, facts.conditions)
        else:
            assert getattr(facts, name) == value, (name, facts)
