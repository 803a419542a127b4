"""The words the analysis reads, compiled from the policy data (plus the few that are language).

Everything that names a measure, a place or a topic of a policy comes from `policy.Policies`.
The lists that stay here are ordinary Chinese: how people mark a question, a negation, an
amount already received, a rule they claim, a request to fake a figure. Each says where it
came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from policy import Measure, Policies, find_amounts, find_percents
from policy.money import Yuan

# Ways of asking for an amount or a rule (from the golden set's calculator questions and
# hotline phrasing: 能补多少 / 能拿多少 / 算一下 / 封顶 / 门槛).
# Asking for an amount (not a yes/no "能不能"): only these make a clarifying question about it.
ASKS_AMOUNT = re.compile(
    # not "最少多少平方米", "多少人", "多少天": a size, a count, a time
    r"多少(?!平|人|天|个月|年|部|家|期|次|号|分钟|集|名|位|项|届)|几成|几个点|能补(?!申请|报|交|办)|能拿(?!来|去)|能领|可以拿(?!来|去)|能得|补几|拿几|"
    r"算一下|算算|测算|各补|分别补|补吗|奖吗|"
    # "这种情况摄影棚补助还有吗": whether the award still stands
    r"(补助|补贴|奖励)[^，,。？?]{0,10}还(有|能有|算)(吗|没有|不)|"
    # "咨询：1.可获补助金额": the award's amount, named as what is asked
    r"可获(得)?的?(补助|补贴|奖励)(金额|数额)|(补助|补贴|奖励)(金额|数额)$|"
    # a hotline note's "问两项补助": the awards asked
    r"(^|[，。；;：:,\s])(问|咨询)[^，。？?；;,]{0,6}(补助|补贴|奖励)[，。；;,]|"
    # "问两项金额，并问：…": the amounts of the items said, asked
    r"(^|[，。；;：:,\s])(问|咨询)(一下)?(这|该)?(两|三|四|各|每|几)(项|笔|个|部分)(的)?(补助|补贴|奖励)?(金额|数额)|"
    # "问两项目补贴合计": the sum of the awards asked
    r"(补贴|补助|奖励)(金额)?(合计|总额|总计|共计)|"
    # "…不在市重大项目名单里。补贴？": the award named alone, as the question
    r"(^|[。；;，,])(补贴|补助|奖励)\s*[?？]"
)
HOW_MUCH = re.compile(
    r"多少|几成|几个点|能补|能拿|能领|可以拿|能得|能给|补几|拿几|上限|封顶|最高|最多|门槛|起步|"
    r"算一下|算算|测算|能不能|能否|可不可以|有没有|比例|补吗|奖吗|"
    # "问两项目补贴合计": the sum of the awards asked, in a hotline summary
    r"(补贴|补助|奖励)(金额)?(合计|总额|总计|共计)"
)
WHAT = re.compile(
    r"什么样|哪些|哪类|哪种|什么条件|条件|要求|资格|是谁|给谁|怎么|如何|流程|材料|是什么|有影响"
)
# (not 领域, 领导, 元素, 补充: "长视频领域", "AI元素")
MONEY = re.compile(r"补(?!充)|奖|钱|元(?!素|宇宙)|资金|配套|拿|领(?!域|导|先|军|会)|给")
# Words of a subsidy (not any price): only a question with one is a calculation to clarify.
# How much of something that is not the award: a payment instalment, an investment, a price.
# A question the calculation answers: how much, or whether the spend qualifies ("够不够",
# "能申请吗", "符合吗"). A message stating a spend but asking only something else ("申请表在哪
# 下载？我们棚租花了850万") gets no calculation nobody asked for.
AWARD_ASKED = re.compile(
    # not "最少多少平方米", "多少人": a size, a count
    r"多少(?!平|人|天|个月|年|部|家|期|次|号|分钟|集|名|位|项|届)|几成|几个点|补几|拿几|算一下|算算|测算|怎么算|如何算|怎么计算|如何计算|补吗|奖吗|"
    r"符合|够不够|够格|够得上|够得到|够得着|够不到|够不上|够不着|达到|达标|够[^，,。？?]{0,4}门槛|资格|适用|适不适用|"
    r"(补贴|补助|奖励)(金额)?(合计|总额|总计|共计)|"  # "问两项目补贴合计"
    r"^\s*(补贴|补助|奖励)\s*$|"  # "…不在市重大项目名单里。补贴？": the award named alone
    r"(能|可以|可不可以|能不能|能否|是否)[^，,。？?]{0,6}(申请|申报|报|享受|获得|拿|领|补|奖|得到|批)|"
    # "能不能按后期制作这条拿奖励": a measure named as the way to the award
    r"(能|可以|能不能|能否|是否)按[^，,。？?]{0,8}(这条|那条|这项|那项|条款)[^，,。？?]{0,2}(申请|申报|报|享受|拿|领)|"
    r"有没有[^，,。？?]{0,4}(补|奖|钱|份)|有[^，,。？?]{0,4}(补贴|补助|奖励)吗|"
    r"给不给|补不补|奖不奖|有戏|行不行|可以吗|行吗|能行|没问题吧|划得来|通融|影响|"
    r"够[^，,。？?]{0,4}(补|奖|条件)|(补贴|补助|奖励|奖金|钱)[^，,。？?]{0,4}(有吗|有没有|还有)|"
    r"(补贴|补助|奖励)[^，,。？?]{0,10}还有(吗|没有)|"
    # "按20%算是1160万吗": a result to check
    r"(是|算是|等于|补|拿|给)[\d.,一二两三四五六七八九十百千]+[万亿元]|"
    r"金额|对不对|拿不到|拿得到|能拿到|一分钱|"
    # "两个口径补助有区别吗": whether the award differs
    r"(补助|补贴|奖励|金额)[^，,。？?]{0,4}(有没有|有)?(区别|差别|不一样|差多少)|"
    # a hotline note's "问两项补助": the awards asked
    r"^(来电人?)?(想问|问|咨询|问一下)[^，,。？?]{0,6}(补助|补贴|奖励)(金额)?$|"
    # "4000万…奖励封顶吗": whether this amount's award reaches the cap
    r"(封顶|到顶|顶格|触顶)(了)?吗|会不会(封顶|到顶|超(过)?上限)|(超|到|够|达到|碰到)(了)?上限(了)?吗|"
    # ("Is there any subsidy for that?", the glossary's words in place)
    r"how much|eligible|qualif|amount|calculat|award|subsidy|expect|get|reward|claim|grant|entitle|"
    r"\bany\s+(补助|补贴|奖励)",
    re.IGNORECASE,
)
# An amount not known yet: the measure is asked about, its amount to come.
AMOUNT_PENDING = re.compile(
    r"没出数|还在对账|还没(算|统计|结算|核算|定|出来)|待定|没(算|统计|核)出来|(费用|金额|价格|钱)(还)?没定|"
    r"还不(确定|知道|清楚)(是)?多少|不确定(是)?多少|数还没"
)
OTHER_AMOUNT_ASKED = re.compile(
    # "26亿投资里面哪个项目投得最多": which of them, by someone else's money
    r"(哪个|哪家|哪一个|哪几个)[^，,。？?]{0,8}(最多|最大|最高)|投得最多|"
    # "能把特效成本降低百分之多少": a saving, not the award
    r"(降低|节省|省下|省了|减少|压缩|降)[^，,。？?]{0,4}(百分之)?多少|"
    r"每期|分几期|几期|到手|分担|税后|税前|扣税|投了多少|投资多少|投资最大|花了多少|租金|单价|一天多少|多少钱一|占多少|"
    r"什么标准|按什么|怎么评定|怎么定"
)
SUBSIDY = re.compile(r"补|奖|资助|扶持|配套|能拿|能领|可以拿|拿多少|领多少")
# "第二部", "第一个": which of several claims a turn is about.
ORDINAL = re.compile(r"第([一二两三四五六七八九1-9])(个|部|笔|项|家|剧组|个剧组|部戏)?")
# A part of the amount said before ("这1000万里有400万", "其中剪辑配音那400万").
PART_OF_EARLIER = re.compile(
    r"(这|那)?[\d.一二两三四五六七八九十百千]+万(元)?(里|里面|当中|中)(有)?|其中|里面有|"
    r"(这|那)(笔钱|笔费用|笔|些钱|钱)(里|里面|当中|中)(有)?"
)
# A question said as an aside beside an amount ("…800万元，另外想问一下申报材料要交哪些").
ASIDE_QUESTION = re.compile(
    r"[，,。；;]\s*(另外|此外|顺便|同时)[^，,。；;]{0,4}(想|再|也)?(问|请教|咨询)"
)
# "只算第一个", "第二个先不算它了": one of several claims kept, or one left out.
# "我只想知道后一个能拿多少", "三个项目，只问第三个": one of the message's own items, by its place
NTH_ASKED = re.compile(
    r"(只|就|单)(想)?(问|知道|算|看)(一下)?[^，,。？?]{0,3}(?P<which>第[一二三四1-4]个|前一(个|部)|后一(个|部)|最后一(个|部))"
)
ONLY_NTH = re.compile(
    r"(只算|只要|只问|就算|只报|先算|先只算)第(?P<n>[一二两三四1-4])(个|部|笔|项|本|件|块)"
)
DROP_NTH = re.compile(
    r"第(?P<n>[一二两三四1-4])(个|部|笔|项|本)(本子|剧本|项目|片子)?[^。？?]{0,16}"
    r"(先?不算|不要了|去掉|不报了|不管了)"
)
# A reply that picks one of a numbered list of options ("2", "第二个", "选3").
CHOICE = re.compile(r"^(?:选|是|就是)?第?([1-9一二三四五六七八九])(?:个|项|类|种|条)?[。.！!]?$")
CAP_WORDS = re.compile(r"上限|封顶|最高|最多|顶天|顶格|满额|提高到|提到多少")
# "还够得到吗", "那还达标不": whether the conversation's amount still reaches the threshold.
STILL_ENOUGH = re.compile(r"够得(到|着|上)|够不(够|到|着|上)|达标|过门槛|够门槛|够格")
THRESHOLD_WORDS = re.compile(
    r"门槛|起步|至少|最低|起点|起码|多少(钱)?以上|到多少(才|就)|够资格|够条件|才(能|可以|够)(拿|申请|补|享受)|"
    r"够得上|够得着"
)
# The words for a measure's terms, typed wrong as often as the policy's own ("补贴比列").
TERM_WORDS = ("比例", "门槛", "上限", "封顶", "补贴", "补助", "奖励", "条件", "要求", "资格")
# Asking the rate ("补几成", "百分之几"): answered by the measure's rules, not a calculation.
# A measure's conditions asked about: "对社保人数有要求吗", "需要什么条件", "有什么资格要求".
TERMS_ASKED = re.compile(
    r"(有|什么|哪些)[^，,。？?]{0,4}(要求|条件|资格)|要求(是|有)?(什么|哪些)|人数|"
    # "后期公司社保要几个人"
    r"(要|需要|得|至少)(有)?(几个人|多少人|几人|几个)"
)
# A question about the conversation's measure, not naming it: "这个补贴什么时候给", "哪些服务算在
# 里面", "申请的时候要凭什么", "它有上限吗".
POINTS_BACK = re.compile(
    r"这个(补贴|补助|奖励|条款)|这项|这条|这笔|它|里面|申请的时候|申请时|要凭|凭什么|什么时候给|怎么给"
)
RATE_WORDS = re.compile(
    r"几成|百分之几|百分之多少|多少比例|什么比例|比例是多少|比例多少|比例(是)?几|几个点|按多少|按比例|"
    r"按[^，,。]{1,6}的多少"
)
# A question about the policy's own terms: only such a question is answered by quoting a
# clause ("永川有几个摄影棚" retrieves the studio clause, which does not answer it).
POLICY_ASK = re.compile(
    r"政策|补贴|补助|奖|扶持|资金|支持|申请|享受|条件|要求|门槛|上限|封顶|比例|算不算|"
    r"属不属于|属于|包括|包含|范围|适用|对象|给谁|发给|条款|规定|也算|算是|算进|计入|"
    r"能不能算|算不算|算[^，,。]{1,12}吗|前提|先决|满足|"
    # "数字内容技术服务具体指哪些": what a term of the policy means
    r"(是|具体)?指(的是)?(哪些|什么|啥)"
)
SUPPORT = re.compile(r"政策|补贴|补助|奖励|扶持|优惠|资金|支持|申请|拍摄|拍戏|拍电影|基地|园区|税")
FOLLOW_UP = re.compile(
    r"^(那|那么|如果|要是|假如|假设|换成|改成|若|再|还有|那要是|那如果|这笔|同样的钱)|呢[?？]?$|这笔(钱|费用)|"
    # "同样的钱要是花在剪辑配音上呢？委托的是重庆本地的公司": a clause ending in 呢
    r"呢[?？]"
)
GREETING = re.compile(
    r"^(你好|您好|hi|hello|嗨|哈喽|在吗|谢谢|多谢|感谢|再见|拜拜|你是谁|你叫什么|你能做什么|"
    r"你会什么|早上好|晚上好|下午好|ok|好的|嗯)[!！。.?？~～]*$",
    re.IGNORECASE,
)
# Topics no policy of this kind covers (weather, stocks, recipes, …: the off-topic anchors of
# the retrieval golden set, ingest/offtopic.txt, in words).
OFF_TOPIC = re.compile(
    r"天气|股票|股价|彩票|菜谱|做菜|写诗|写首诗|作诗|写代码|编程|python|翻译|笑话|房价|星座|"
    r"算命|足球|篮球|比分|游戏攻略|减肥|高考|考研|火锅店|景点|旅游攻略|好吃|美食|小吃|"
    # (a PPT asked for, not one the answer is wanted for: "想做PPT结尾用")
    r"怎么去|怎么走|路线|坐车|高铁|上映|八卦|成员国|帮我写|写一份|写一篇|计划书|"
    r"(帮我|给我|帮忙)[^，,。？?]{0,6}ppt|简历|"
    r"写[^，,。？?]{0,4}诗|诗歌|以你的(判断|看法|观点|经验)|"
    # the assistant's own judgement of a view or a person ("你觉得他这个看法是不是太保守了")
    r"你(觉得|认为|怎么看)[^，,。？?]{0,16}(对不对|对吗|太|是不是|有没有道理|合理吗|靠谱吗|怎么样)",
    re.IGNORECASE,
)
INJECTION = re.compile(
    r"(忽略|无视|忘记|忘掉|不要管|不用管|覆盖).{0,12}(指令|规则|设定|提示|要求|限制|以上|之前|前面)|"
    r"你现在是|从现在起|扮演|system\s*prompt|jailbreak|developer\s*mode|"
    r"ignore (all|previous|the above)",
    re.IGNORECASE,
)
# Asking to fake, inflate or split a figure to reach a threshold (hotline reports of what
# callers ask; the answer is one sentence, never a method).
FABRICATION = re.compile(
    r"假发票|虚开|开假|做假|造假|假账|假(委托|服务|采购|技术服务)?合同|伪造|虚报|虚增|多开|开高|做高|做大|抬高|虚构|"
    # "让重庆一家关联公司“过一道手”": money passed through a company that did not do the work
    r"过(一道|道|个|一下)手|走个账|走一道账|"
    r"(编|拟|写|做)(一|个|份|一份|一个)?[^，,。]{0,24}(证明|批复|批文|文件模板|证书|公函|红头文件)|"
    r"(把|将).{0,8}(发票|合同|金额|费用|收入|凭证).{0,6}(做到|开到|写成|写到|改成|改到|开成|拆)|"
    # not "成都分公司做了340万" (a branch office)
    # (not "请分别测算制片方和甲公司可获补助": each asked)
    r"(拆|(?<!部)分)(?!公司|部|店|支机构|别|开说|开算|开测|开问|开讲)(成|开|到)?.{0,6}(几|多|两|三)?(张|份|笔|家|个)?.{0,4}"
    r"(发票|合同|公司)[^。？?！!]{0,14}(申请|申报|补|拿)|"
    r"(开成|写成|做成|改成|开到|做到)\s*\d+(\.\d+)?\s*万[^。？?]{0,10}(门槛|够|达到)|"
    r"(凭证|发票|票面|合同)[^。？?]{0,10}(刚好|正好|凑)[^。？?]{0,6}(够|到|过|上)(线|门槛)|"
    r"凑(够|到|满)?.{0,6}(门槛|万)|借.{0,4}(社保|人头)|挂靠.{0,10}社保|凑(够|齐|满)?(人数|人头)|提前(确认|开票|入账)|"
    r"(发票|合同|金额|凭证)[^，,。]{0,6}(写成|开成|做成|改成)|过(一下|个)?票|走.{0,8}名义|"
    # (not a rebate received under the agreement and declared: "按协议返点返了50万回来")
    r"挂.{0,6}社保|私下退|(私下|暗中|偷偷)[^，,。]{0,6}返点|返点[^，,。]{0,8}(给我们|返给|开票|发票|多开)|"
    r"(能不能|可不可以|可以|帮)[^，,。]{0,8}返点|回扣|阴阳合同|倒签|往前(写|填|签|改|倒)|"
    # "帮我写一段宣传稿，就说…比例已经提高到30%…反正没人细看": a false claim to publish
    r"反正(没人|没有人|不会有人)(细看|看|查|核|知道|发现)|(宣传稿|文案|新闻稿|通稿|海报)[^。？?]{0,8}就说|"
    r"(日期|时间)[^，,。]{0,4}(往前|提前)(写|填|改)|"
    r"(让|叫|请|找)[^，,。]{0,8}开[^，,。]{0,4}\d+[^，,。]{0,4}(的)?(发票|票)|"
    # "补助批下来再把差额退给我们": an invoice above the price, the difference paid back
    r"差额[^，,。？?]{0,6}(退|返)(给|还|回)|"
    r"(写|开|做|出|弄)(一)?(份|个|张)?[^，,。]{0,4}证明[^，,。]{0,8}(就说|写上|说我们|证明我们)|"
    r"(随便|随意|瞎)(编|凑|造)|"
    # (not "他们帮我们做的院线宣发推广，合同…": the work done for us, described)
    r"帮(我|我们)?(开|写|编|做|弄|出|造)(?![了的过])(一|个|一个)?(张|份|个|套)?[^，。,;；]{0,20}"
    r"(发票|说明|证明|意见|合同|材料|凭证|记录|名单|报告)|就说[^。？?]{0,24}其实|"
    r"(编|捏造|杜撰)(一|个)?(份|个|套)?[^，,。]{0,10}(意见|证明|材料|说明|记录)|查不出来|查不到吧|"
    r"(编|捏造|杜撰|虚构)(一|两|几)?(句|段|条)|(口吻|名义)[^，,。]{0,6}(编|写|拟)|"
    r"(包装|伪装|改|记)成[^，,。]{0,8}(设备|服务费|费用|采购|投入)|"
    r"拆成.{0,4}[两几多三]个项目|(拆|分)(成|到)[^，,。]{0,4}[两几多三](年|个年度)[^，,。]{0,8}(开票|开发票|申报|报)|拆(成|为)[^，,。？?]{0,8}(分别|各自)?(备案|立项|申报|报)|补(一份|个).{0,10}(材料|证明)|"
    r"(发票|凭证).{0,4}(改|换)(成|为)|换个名目|改个名目|开成.{0,8}(服务|费)|"
    r"过(一下)?账|走(个|一下)?账|代开|挂名|由它开票|同一(批|张|份)[^，,。]{0,4}(发票|票|合同)[^。]{0,30}(两边|两家|两次|重复|都报|分别报|各报|再报|又报|都申请|(他们|我们)(也)?申请)|两边都报|"
    r"重复(申报|报)|先报[^，,。]{0,10}再[^，,。]{0,4}报|"
    r"(包装|拆|分)成[^，,。]{0,4}(两|上下|几)[^，,。]{0,6}(申报|申请|报)|"
    r"(分给|拆给|分到|拆到)[^，,。]{0,6}(两|几|多|三)(家|个)[^，,。]{0,10}(开|报|申请)|"
    # (not "代表两家关联公司咨询": a group of companies asking)
    r"关联公司[^，,。]{0,8}(开票|过账|走账|代开|开发票|转一手)|(通过|用|找|让)关联公司|"
    r"(挪|转|放|划|拆|签)到[^，,。]{0,12}名下|发票[^，,。]{0,4}怎么拆|(两家|两边)各(报|申报)一次|"
    # "剧组实际在外地拍摄，但想以使用重庆摄影棚的名义申报"
    r"实际[^。]{0,16}(但|却|可)[^。]{0,8}以[^，,。]{0,14}名义(申报|申请|报)|"
    r"借[^，,。]{0,6}(人|员工)[^，,。]{0,8}挂|挂到我们|挂(个|几个|一个)人|"
    # "帮我编个备案号先填上", "把配套商业的投资划到影视棚固定资产里", "这样填是不是问题不大"
    r"编(个|一个)?[^，,。]{0,4}(备案号|编号|合同号|发票号|号码)|"
    r"(划到|划入|挪到|算到)[^。？?]{0,14}(这样|就)[^，,。]{0,8}(过|够|达到)|"
    r"(这样|这么)填[^，,。？?]{0,8}(问题不大|没问题|行不行|可以吗)|会不会(细查|查出来|被查)|"
    # "就写我们有5个人交社保…，其实只有2个人，写得像一点"
    r"写[^。？?]{0,24}其实|写得像|像真的一样|看不出来|不会被发现|发现不了|"
    r"(?i:\b(draft|make|create|forge|fake|write|issue|produce)\b[^.?!]{0,30}\binvoices?\b"
    r"[\s\S]{0,120}?\b(actually|really|so that|so we|qualif|paperwork|adds? up|clear)|"
    r"\bmake\s+up\b[^.?!]{0,30}\b(names?|amounts?|figures?|invoices?|vendors?|receipts?)\b|"
    r"\b(restate|reissue|rewrite|relabel|alter|move)\b[^.?!]{0,30}\binvoices?\b|"
    r"\bappears? as (billed|invoiced)\b|\bforg(e|ed|ing)\b|backdat|"
    r"\binflat(e|ing)\b[^.?!]{0,12}\b(invoice|amount|figure|revenue)|\bsplit\b[^.?!]{0,12}\binvoice|"
    r"\bshell compan|\binvoice through\b|\broute\b[^.?!]{0,12}\binvoices?\b)"
)
# Gaming the rules without the words above: moving, splitting or relabelling a figure, to
# reach a threshold or a higher award, asked as "能不能…".
_DOC = r"(发票|合同|金额|费用|费|收入|营收|社保|人头|凭证|名义|名下|备案|项目|账|票|材料|业务|申报)"
_MOVE = (
    r"(拆|(?<!部)分(?!别|期|钟|之)|挪|转|改|换|写成|开成|算到|算进|记到|挂|借|多报|报高|包装|做成|做到|提前|开(一|两)?张|"
    # (not "合并计算": adding up true costs is a question the text leaves open, not a fraud)
    r"合在|合到|并到|并在|归到)"
)
GAMING_MOVE = re.compile(f"{_MOVE}[^，,。？?！!]{{0,6}}{_DOC}|{_DOC}[^，,。？?！!]{{0,6}}{_MOVE}")
GAMING_GOAL = re.compile(
    r"门槛|上限|多拿|拿满|够|达到|超过|多补|两份|两次|更多|多申请|满额|两个|报补|申请补|标准|"
    r"报上去|一起报|就算|审核|核实|核查|就过|过门槛|多拿"
)
GAMING_ASK = re.compile(
    r"能不能|可不可以|可以吗|行不行|行吗|有没有办法|怎么才能|如何才能|能否|会不会被|查得出|"
    r"会核实|会查|查不查|能过吗|会不会|注意到|发现|看得出|核查|这样就能|就能多|是不是就|吧[?？]?$"
)


# "这笔能不能挪到明年申报": which year a true cost is claimed in, a question the text leaves
# open, not a figure misstated.
NEXT_YEAR_CLAIM = re.compile(
    r"(挪|转|放|留|推|结转)(到)?(明年|下一年|下年度|来年)|(明年|下一年|下年度|来年)再(报|申报|申请)"
)


# A contract changed by both parties ("双方协商把合同改成600万结案，发票也按600万开"): the
# real price, not an invoice written up.
RENEGOTIATED = re.compile(
    r"(双方|两边)[^，,。]{0,4}(协商|商量|同意)|结案|补充协议|解除(了)?(剩余|部分)?合同"
)
CONTRACT_CHANGED = re.compile(r"(把|将)[^，,。]{0,8}合同[^，,。]{0,6}改成")


def _fabricated(text: str) -> bool:
    return any(
        not (CONTRACT_CHANGED.search(m.group(0)) and RENEGOTIATED.search(text))
        for m in FABRICATION.finditer(text)
    )


def is_gaming(text: str) -> bool:
    moved = GAMING_MOVE.search(text) and not NEXT_YEAR_CLAIM.search(text)
    return bool(
        _fabricated(text)
        or (moved and GAMING_GOAL.search(text) and GAMING_ASK.search(text))
        or re.search(
            r"(明年|下一年|以后|后面)[^，,。]{0,8}(算到|算进|记到|挪到|放到|提前到)(今年|本年)",
            text,
        )
    )


# Asking for a recommendation (a vendor, a tool, a project): no policy text gives one.
ADVICE = re.compile(
    r"值不值|划算|给个建议|给点建议|你建议|回报高|回报率|投哪个|"
    # a request to recommend, not a name ("电影金数字荣誉推荐盛典")
    r"推荐(一下|一个|一款|一家|个|几|些|哪|下|吗|呢|[?？]|$)|(帮|给)我推荐|推荐(我们|咱们|你们)?(用|选|找)|有什么推荐|哪家(好|强|靠谱|便宜)|靠谱的|哪个好|哪款|排名|口碑|性价比|哪个软件|什么软件|"
    r"好学校|还是.{1,12}好[?？]?$|效果最好|最好用|好不好用|最便宜|哪家最|"
    r"(?i:\bwould you recommend\b|\bshould we\b|\bworth it\b)"
)
ADVICE_TOPIC = "推荐具体的企业、产品或项目"
# Words a question uses whatever it asks about (from the golden set's questions): they are
# neither evidence that the kb covers the subject nor that it does not.
FUNCTION_WORDS = frozenset(
    [
        "时候",
        "哪里",
        "哪儿",
        "几个",
        "还是",
        "才能",
        "申请",
        "要求",
        "什么样",
        "哪类",
        "哪种",
        "一下",
        "能补",
        "拿到",
        "要交",
        "就够",
        "几张",
        "几家",
        "几只",
        "一张",
        "哪天",
        "真的",
        "听说",
        "关于",
        "这篇",
        "一首",
        "请问",
        "知道",
        "告诉",
        "一般",
        "大概",
        "可能",
        "应该",
        "怎样",
        "为什么",
        "不是",
        "以前",
        "几大",
        "大块",
        "几大块",
        "哪几",
        "适用",
        "也能",
        "方向",
        "好几",
        "好几家",
        "那块",
        "那位",
        "那天",
        "那个",
        "批下",
        "下来",
        "批下来",
        "一家",
        "今年",
        "来着",
        "文章",
        "除了",
        "拿过",
        "具体",
        "一下",
        "以后",
        "之后",
        "或者",
        # how a question points at what it asks ("分别多少", "按他的说法", "哪一块", "轮到谁")
        "分别",
        "各自",
        "说法",
        "一块",
        "哪一块",
        "轮到",
        # what is asked of a measure: its terms, which the clause states
        "条件",
        "前提",
        "提条件",
        "前提条件",
        "先决条件",
        # what is asked of a person: the answer is the title the article gives
        "职务",
        "头衔",
        "职位",
        "身份",
    ]
)
# Question words of any subject: asking words (哪几个, 几号, 多少), pointing words (这套, 那位).
QUESTION_WORD = re.compile(
    r"[哪几啥]+一?[个位家部项种类些块月号年天次届点成样所笔份条]*|什么|多少|怎么|如何|谁|"
    r"[这那此该][个套位篇块次届些笔份项条部样]|"
    # adverbs of time and of stance, and verbs of thinking: they ask, they name no subject
    r"最后|以前|现在|目前|接下来|下来|进去|算进去|觉得|主要|自己|其实|到底|究竟|"
    r"[啥什么哪]*时候"
)


# A numeral said as words ("几百万", "两千万", "上千万"): a figure of the question, no subject.
NUMERAL_WORD = re.compile(
    r"[零〇一二两三四五六七八九十百千万亿几多上数余来]*[十百千万亿][零〇一二两三四五六七八九十百千万亿几多余来]*"
)


# A count ("两个", "三家"): how many, of no subject.
COUNT_WORD = re.compile(r"[一二两三四五六七八九十几]+[个位家部项种类篇条次届名只张份]")


def is_function_word(word: str) -> bool:
    return (
        word in FUNCTION_WORDS
        or bool(QUESTION_WORD.fullmatch(word))
        or bool(NUMERAL_WORD.fullmatch(word))
        or bool(COUNT_WORD.fullmatch(word))
    )


# Words naming the kb's own documents and their parts ("新闻导语里说…", "那篇报道结尾"): they
# say where to look, not what is asked, and are no subject the kb lacks.
# How they speak of someone ("文章里怎么介绍他的") too.
DOCUMENT_WORDS = frozenset(
    {"新闻", "导语", "报道", "文章", "稿子", "原文", "全文", "开头", "结尾", "通稿", "这篇", "那篇"}
    | {"介绍", "提到", "写到"}
)
# Spoken forms of the kb's own verbs ("签下来" for 签约, "投了" for 投资): no subject it lacks.
VERB_FORMS = frozenset(["签了", "签下", "签下来", "签的", "签约了", "投了", "投入了"])
# Words every question about this kind of kb shares with it: no evidence of coverage.
GENERIC_WORDS = frozenset(
    [
        "影视",
        "电影",
        "补贴",
        "补助",
        "奖励",
        "政策",
        "企业",
        "公司",
        "项目",
        "需要",
        "不能",
        "这样",
        "推荐",
        "可以",
        "没有",
        "支持",
        "资金",
        "电影节",
        "上合",
        "本届",
        "这届",
    ]
)
# A question that asks for a date, a count, a title, a venue, a company or an amount is
# answered only by a sentence holding one that the question does not already hold: "几号开幕"
# is not answered by a sentence about the festival without a date, nor "26亿里政府出了多少"
# by the sentence that says 26亿.
_CN = "一二两三四五六七八九十百千"
# A company named ("倍视传媒"): what "哪些公司" asks of a report. Of a policy's clause,
# "补贴给哪些企业" asks which kind, which the clause says.
COMPANY_NAME = re.compile(r"[\u4e00-\u9fff]{2,}(公司|集团|传媒|影业)")
ANSWER_TYPES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        # "来了多少人": people, which "23个项目" does not count
        re.compile(
            r"多少人|多少位|多少名|(?<![哪好这那])几(位|名)|几个人|多少(观众|游客|嘉宾|人次)|"
            r"(?i:\bhow many (employees|people|staff|persons|visitors|guests)\b)"
        ),
        re.compile(f"\\d+(人|名|位)|[{_CN}]+(人|名|位)"),
    ),
    (
        re.compile(
            r"几号|哪天|哪一天|哪一年|哪年|哪几年|哪些年|几月|日期|任期|"
            r"(?i:\b(what|which) (year|day|date)\b|"
            r"\bwhen (was|were) [^.?!]{0,30}\b(founded|established|set up)\b)"
        ),
        re.compile(f"\\d+月|\\d+日|\\d{{4}}年|[{_CN}]+月|[{_CN}]+日"),
    ),
    (
        # not "前几年拿过" (some years ago)
        re.compile(r"几个月|多少个月|(?<![前近这])几年|多少年|几天|多少天"),
        # "分几年给": "一次性" answers it too
        re.compile(f"\\d+个?(月|年|天|日)|[{_CN}]+个?(月|年|天)|一次性"),
    ),
    (
        # "是第几届了": an edition, which "第二届中国(重庆)科技电影周" gives of another event
        re.compile(r"第几届|几届|哪一届"),
        re.compile(f"第[\\d{_CN}]+届"),
    ),
    (
        # "建成后多久能到账": a length of time, which "一次性兑现" is not
        re.compile(r"多久|多长时间"),
        re.compile(f"\\d+个?(月|年|天|日|工作日)|[{_CN}]+个?(月|年|天|工作日)"),
    ),
    (
        re.compile(r"百分之多少|百分之几|几成|多少比例|几个点|增长(了)?多少|涨了多少|多少倍|几倍"),
        re.compile(f"\\d+(\\.\\d+)?%|百分之|\\d+倍|[{_CN}]+倍"),
    ),
    (
        # "具体几点几分开始": a time of day, which "上午" is not
        re.compile(r"几点|几时|具体时间|什么时间开始"),
        re.compile(r"\d{1,2}[:：]\d{2}|\d{1,2}[点时](\d{1,2}分|半|整)?"),
    ),
    (
        # "6G电影什么时候能普及": a date or a year, which "6G时代" is not
        re.compile(
            r"(什么时候|何时|哪一?年)[^，,。？?]{0,4}(普及|实现|到来|上映|开工|落地|建成|开业|投产)"
        ),
        re.compile(f"\\d+月|\\d+日|\\d{{4}}年|[{_CN}]+月|[{_CN}]+日|[明后今]年|年底|年内"),
    ),
    (
        re.compile(r"多少钱|投了多少|投资多少|出了多少|花了多少|多少资金|多少经费|投入多少"),
        re.compile(f"\\d+(\\.\\d+)?(万|亿|元)|[{_CN}]+(万|亿)"),
    ),
    (
        re.compile(
            r"多少个(?!部门|单位|机构)|多少部(?!门)|多少家(?!部门|单位|机构)|多少项|"
            r"(?<![哪好这那])几(个|部|家|项)(?!部门|单位|机构|门)|多少平|多大"
        ),
        re.compile(f"\\d+(个|部|家|项|人|名|位|平)|[{_CN}]+(个|部|家|项|人|名|位|平)"),
    ),
    (
        # "有几个部门参与": a count of bodies, or the bodies listed
        re.compile(r"((?<![哪好这那])几|多少)(个|家)(部门|单位|机构)"),
        re.compile(f"\\d+(个|家)|[{_CN}]+(个|家)|[\u4e00-\u9fff]{{2,}}、[\u4e00-\u9fff]{{2,}}"),
    ),
    (
        re.compile(
            r"哪部作品|什么作品|哪部片|哪部(?![门分])|放的是什么|哪些电影|哪些作品|哪些片子|哪些影片|哪几部|叫什么名字|新片|新作|"
            r"分别叫什么|什么名字|片名"
        ),
        re.compile(r"《[^》]+》"),
    ),
    (  # "那23个项目能发我一份完整名单吗": names, which a count does not give
        re.compile(
            r"完整名单|一份[^，,。？?]{0,2}名单|名单发|清单|具体是哪些项目|分别是哪些|"
            # "那19部影视剧都有哪些": the works themselves (not "都有哪些方向": their fields)
            r"(影视剧|电影|片子|剧集|作品)[^，,。？?]{0,2}(都)?(有|是)哪些(?![^，,。？?]{0,4}(方向|领域|类型|种类))"
        ),
        re.compile(r"《[^》]+》|[\u4e00-\u9fff]{2,}(公司|集团|传媒|影业)"),
    ),
    (
        re.compile(
            r"哪个场馆|什么位置|哪个位置|什么地方|地址|哪个场地|哪个酒店|哪家酒店|哪个园区|落在哪|建在哪|"
            r"哪个会场|什么会场|哪个会议中心|"
            r"在哪儿?(看|开)|在哪里(看|开)"
        ),
        re.compile(r"[\u4e00-\u9fff]{1,8}(馆|剧院|大厦|酒店|宾馆|广场|大道|街道|园区)"),
    ),
    (  # "基地怎么走，轻轨能到吗": the way there, which no sentence naming the place gives
        re.compile(
            r"怎么走|怎么去|怎么过去|怎么到|坐什么车|坐几路|乘车|路线|交通(方式|路线)|"
            r"(轻轨|地铁|公交|高铁|动车|大巴)[^，,。？?]{0,6}(能到|到得了|直达|可以到|到不到|方便)"
        ),
        re.compile(r"轻轨|地铁|公交|高铁|动车|大巴|\d+号线|站|乘坐|驾车|自驾|车程|公里|出口"),
    ),
    (
        re.compile(r"哪个区|哪个城市|在哪儿?(办|举行|举办)|在哪里(办|举行|举办)"),
        re.compile(
            r"[\u4e00-\u9fff]{1,8}(馆|剧院|大厦|酒店|宾馆|广场|大道|街道|园区)|"
            r"(在|于|位于)[^，。；;,]{2,16}?(举行|举办|召开|开幕|落户|开展)|"
            # "重庆永川科技影视产业合作洽谈会举行": the event's name carries its place
            r"[\u4e00-\u9fff]{2,16}(洽谈会|电影节|电影周|发布会|盛典|论坛|展)(举行|举办|召开|开幕)"
        ),
    ),
    (
        # "哪家公司", "有哪些公司参展": names; not "鼓励哪些企业来拍" (a kind of company)
        re.compile(
            r"哪(家|个|几家)(公司|企业)|(有|是)哪些(公司|企业)|谁来建|谁投的|谁投资|"
            r"哪些(公司|企业|单位|机构)(参展|参加|参与|签约|入驻|来了|到场)"
        ),
        COMPANY_NAME,
    ),
    (  # "成果展上具体展出了哪些设备": the items, listed; a sentence naming the event is none
        re.compile(r"具体[^，,。？?]{0,8}(哪些|什么)"),
        re.compile(r"[\u4e00-\u9fffA-Za-z]{2,10}、[\u4e00-\u9fffA-Za-z]{2,10}"),
    ),
    (  # "投资最大的是哪一个": which one, by its name
        re.compile(
            r"(最大|最多|最高|最少|最早|最晚)的(?!不同|区别|差别|特点|优势|问题|变化|影响|挑战|意义)"
            r"[^，,。？?]{0,6}?(是)?(哪|谁|多少)"
        ),
        re.compile(r"《[^》]+》|[\u4e00-\u9fff]{2,}(公司|集团|传媒|影业)"),
    ),
    (  # "按国家专项资金的几比几来配套": a ratio, which "最高1000万元" is not
        re.compile(r"几比几|配套比例|按什么比例|什么比例|按多少比例|多少比例"),
        re.compile(r"\d+(\.\d+)?%|百分之|[一二三四五六七八九十\d]+比[一二三四五六七八九十\d]+"),
    ),
    (  # "政府财政资金占多少": a share of a total
        re.compile(r"占多少|占比|占几成|占了多少|占总"),
        re.compile(r"占|\d+(\.\d+)?%|百分之"),
    ),
    (  # "为什么补20%": a reason, which a rule does not give
        re.compile(r"为什么|为何|什么原因|啥原因|理由是|怎么定出来|依据什么定"),
        re.compile(r"因为|由于|为了|旨在|目的是|以便|之所以|为打造|为推动"),
    ),
    (  # "有哪几个基地已经拿到…", "哪些园区": their names
        re.compile(r"哪(几)?(个|家|些)[\u4e00-\u9fff]{0,6}?(基地|园区|剧组|影视城)"),
        # a name, not the policy's own kind ("…的科技影视基地")
        re.compile(
            r"《[^》]+》|[\u4e00-\u9fff]{2,}(公司|集团|传媒|影业)"
            r"|[\u4e00-\u9fff]{2,8}(?<!科技影视)(?<!的)(基地|园区|影视城)"
        ),
    ),
    (
        re.compile(r"哪个国家|哪国|总部(设)?在哪|总部在哪|设在哪"),
        re.compile(r"总部|[\u4e00-\u9fff]{1,6}国(?!家|际|内|外|产)"),
    ),
    (
        re.compile(
            r"(获得|得了|拿了|拿到|领了|领到|荣获|获)了?(什么|哪些|哪个)(荣誉|奖|称号)|"
            r"(有没有|是否|是不是)[^，,。？?]{0,4}(拿到|获得|荣获|得了|拿了)[^，,。？?]{0,12}(荣誉|奖)"
        ),
        re.compile(r"获得|荣获|得主|授予|获奖"),
    ),
)
# Kinds so specific that a sentence holding one (beyond the question's own words) answers the
# question even when its other words are the kb's paraphrase ("侯克明以前在哪个学校任职" →
# "北京电影学院原副院长侯克明").
NAMED_TYPES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(r"哪(个|所|家)(学校|大学|院校|单位|机构)|什么单位|哪个部门|哪几个部门|哪些部门"),
        re.compile(r"[\u4e00-\u9fff]{2,}(学院|大学|学校|实验室|宣传部|电影局|财政局|总局|委员会)"),
    ),
    (
        re.compile(r"口号|主题是|标语|叫什么主题"),
        re.compile(r"“[^”]{2,20}”"),
    ),
    (  # "政策的全称叫什么": a sentence naming the document by its title (not "写全名" of a
        # person asked about: "出自哪位嘉宾？要写全名")
        re.compile(r"^(?!.*(谁|哪位|嘉宾|人物|专家|导演)).*(全称|全名|正式名称|名称|标题|文件名)"),
        re.compile(r"《[^》]{4,}》"),
    ),
)
# "局长是谁": only a sentence naming that office answers who holds it.
OFFICE_ASKED = re.compile(
    r"(局长|部长|市长|区长|院长|校长|主任|主席|书记|负责人|董事长|总经理|创始人)(是谁|叫什么|是哪位)"
)
# Questions about another year or edition, or about what will happen: the kb reports one
# festival and one policy as they stand, and predicts nothing.
OTHER_TIME = re.compile(
    r"明年|后年|下届|下一届|上届|上一届|往届|历届|今后|将来|未来几年|以后(还|会|能)|下一部|下部戏"
)
# "AI会不会取代电影": a prediction — unless it asks what someone said ("张升觉得AI会不会…").
PREDICTION = re.compile(r"(会不会|还会)[^，,。]{0,10}(取代|继续|再办|延续|改变)")
# Hearsay: "听说成都也出了一模一样的政策", "听说摄影棚补助是开机先发一半": a claim whose own
# words the kb never uses is not confirmed or denied from a loosely related passage.
HEARSAY = re.compile(r"听说|据说|有人说|网上说|传言|听人说|我听|有消息说")
# A figure stated in a question: a date, an amount, a count, a rate.
FIGURE_CLAIMED = re.compile(
    r"\d+月\d+[日号]|\d+(\.\d+)?\s*(万|亿|元|个|部|家|%)|[一二两三四五六七八九十百千]+(万|亿|个|部|家)"
)
# What someone thinks or said, asked ("他对AI怎么看", "她说了什么").
VIEW_ASKED = re.compile(
    r"觉得|认为|看来|眼里|怎么看|观点|看法|如何看待|怎样看待|怎么评价|什么态度|怎么说|(说|讲)了(什么|啥)"
)
# "你觉得AI五年内会不会取代电影摄影师？给个明确判断": the bot's own judgement, which no source
# sentence is.
BOT_VIEW = re.compile(
    r"你(觉得|认为|估计|预测|判断)|给(个|出)?(明确的?|准确的?)?(判断|预测)|你的(看法|判断|观点|预测)"
)
# "张升对AI短视频的发展是怎么看的", "布兰博对重庆的补贴政策有什么看法": someone's view of a
# subject; only a sentence of that person's about that subject answers it.
VIEW_OF = re.compile(
    r"(?P<who>[\u4e00-\u9fff]{2,4})对(?P<topic>[^，,。？?]{2,16}?)"
    r"(是)?(怎么看|有什么看法|的看法|怎么评价|什么态度|持什么态度|是支持还是反对|支持还是反对)"
)
VIEW_OF_AFTER = re.compile(
    r"(?P<who>[\u4e00-\u9fff]{2,4})(怎么看|如何看待|怎样看待|怎么评价)\s*(?P<topic>[^，,。？?]{2,16})"
)
# "那他最后给的办法到底是啥": a way out asked of someone; a sentence of theirs must give one
# (not only pose the question: "该怎么办,是一个值得思考的问题").
SOLUTION_ASKED = re.compile(
    r"(办法|答案|对策|出路|解决方案|解决办法|建议|结论)(到底|究竟)?(是|有)?(啥|什么|哪些|怎样|哪个)"
)
SOLUTION_SAID = re.compile(
    r"办法是|答案是|对策|出路|建议|应该|需要|必须|关键在于|要学会|不妨|可以通过"
)
# "贾樟柯有没有具体讲AI会不会取代导演": whether someone said something; a paragraph of theirs
# must hold most of its words.
DID_SAY = re.compile(
    r"(?P<who>[\u4e00-\u9fff]{2,4})(有没有|是否|有无)(具体|明确)?(说|讲|提到|谈到|提过|说过|讲过|谈过)"
    r"(过)?(?P<topic>[^，,。？?]{2,24})"
)
DAY = re.compile(r"\d{1,2}月\d{1,2}[日号]")
YEAR = re.compile(r"(19|20)\d\d年?")


def answers(pattern: re.Pattern[str], question: str, sentence: str) -> bool:
    """Does the sentence hold an answer of this kind that the question does not hold? (A
    choice, "一次性给还是分几年给", is answered by one of its own options.)"""
    choice = "还是" in question
    said = re.sub(r"(?<=\d)个(?=[亿万])", "", question)  # "26个亿" holds the 26亿 it says
    return any(
        choice
        or (m.group(0) not in said and not _lists_the_subject(m, sentence, said))
        # "因为什么才有电影": a blank after the word, which "因为科技" fills
        or re.search(re.escape(m.group(0)) + r"(什么|啥)", said) is not None
        for m in pattern.finditer(sentence)
    )


def _lists_the_subject(match: re.Match[str], sentence: str, question: str) -> bool:
    """ "成果展上具体展出了哪些设备" is not answered by "在开幕式、电影科技成果展、…等活动现场":
    a list holding the question's own subject lists its siblings, not its contents."""
    if "、" not in match.group(0):
        return False
    start = max(sentence.rfind(c, 0, match.start()) for c in "，。,；;：:") + 1
    stop = re.search(r"[，。,；;]", sentence[match.end() :])
    end = match.end() + (stop.start() if stop else len(sentence) - match.end())
    items = [re.sub(r"^[在于]|[“”\"]|等.*$", "", item) for item in sentence[start:end].split("、")]
    return any(len(item) >= 3 and item in question for item in items)


def office_asked(question: str) -> str | None:
    found = OFFICE_ASKED.search(question)
    return found.group(1) if found else None


# "装修费、软装算不算固定资产实际投入": whether something counts as a term of the policy; its
# subject is what the words before the question name.
INCLUSION_ASKED = re.compile(
    r"(?P<subject>[^，,。？?；;：:！!]{2,16}?)(算不算|算不算是|属不属于|包不包括|包括不包括|能不能算|"
    r"可不可以算|能算进|能不能计入|计不计入|是否(算|属于|包括|计入))"
)
# "19部签约的影视剧里有没有《流浪地球3》", "倍视传媒是不是也在那次签约的23个项目里面": one
# item asked of a set; a sentence must name it.
MEMBER_ASKED = re.compile(
    r"(?P<set>[^，,。？?]{2,14})(里|中|里面|当中|名单上)(有没有|有无|是否有|有)(?P<item>[^，,。？?]{2,12}?)([？?吗]|[，,]\s*(对吗|是吗|对不对|是不是|没错吧|对吧))|"
    r"(?P<item2>[^，,。？?]{2,10}?)(是不是|是否)(也)?在(?P<set2>[^，,。？?]{0,14})(里|中|里面|之列|名单)"
)
# A breakdown of a set the kb only counts: "19部影视剧每部拿了多少", "23个重点项目的名称全部
# 列出来", "签约的都是哪些公司", "电影几部、电视剧几部" (the passage says "23个…项目", no list).
BREAKDOWN_ASKED = re.compile(
    r"每(一)?(部|个|项|家)|平均(每)?|(分别|各)(投|拿)|几个是|几部是|有几个(是|和|跟)|"
    r"哪(几|些)(家)?(公司|企业|单位|影视剧|电影|剧)|(名称|名单|名字|片名|剧名)|列出(来)?|清单|都叫什么|"
    r"(电影|电视剧|网剧)几部"
)
COUNTED_SET = re.compile(r"\d+(个|部|家|项)")
# "几号闭幕的", "开幕式是哪天": when something happened; a sentence must date that deed (the
# date of another event in the passage does not answer it).
WHEN_DID = re.compile(
    r"(几号|哪天|哪一天|几月几[号日]|什么时候|何时)[^，,。？?]{0,2}"
    r"(?P<verb>开幕|闭幕|落幕|举行|举办|办|签约|颁奖)|"
    r"(?P<verb2>开幕|闭幕|落幕|颁奖|结束)(式|典礼)?(是|在)?(几号|哪天|哪一天|什么时候|何时)"
)
DATE_SAID = ANSWER_TYPES[1][1]


def answer_types(question: str) -> list[re.Pattern[str]]:
    """What kinds the question asks for ("哪家公司来建、投资多少": a company and an amount);
    some sentence must hold each."""
    return [answer for asked, answer in ANSWER_TYPES if asked.search(question)]


def named_types(question: str) -> list[re.Pattern[str]]:
    return [answer for asked, answer in NAMED_TYPES if asked.search(question)]


# Negation just before a phrase turns what it states around ("没有立项", "不是重庆的公司").
NEGATIONS = re.compile(r"并非|不是|不算|没有|没|未|非|无|不")
NEGATION_RUN = re.compile(
    r"(?:并非|不是|不算|没有|没|未|非|无|不)+(?:都|也|还|并|曾|曾经|有|在|是|属于|被|进|入|列入|纳入|进入)?$"
)
# A fact asked about or doubted, not denied: "不确定我们有没有备案", "是否已备案".
HEDGED = re.compile(r"(不确定|不知道|不清楚|不记得|是否|是不是|确认下|问一下)[^，。,；;]{0,4}$|有$")
# An amount right after these words is a rule the user claims ("上限是一亿元"), not a base.
RULE_CLAIM = re.compile(
    # (a change said of a term: "封顶改成2000万"; "改成1200万" alone corrects an amount)
    r"(上限|封顶|最高|最多|不超过|比例|门槛|起步|"
    r"(上限|封顶|最高|标准|比例|门槛|补贴|补助|奖励|重大项目|名单)[^，。,]{0,6}"
    r"(提高到|提高至|提到|改成|改为|调到|调整为))"
    # "门槛是费用达到350万元，对吗", "门槛是实际投入5000万"
    r"[是为到至了成能可]{0,3}[^,，。]{0,4}(?:达到|达|满)?$"
)
# "剧本奖是80万吧": a figure of the award itself, offered for confirmation.
AWARD_CLAIM = re.compile(
    r"(奖|补贴|补助|奖励|配套|扶持|上限|封顶)(金额|标准)?"
    r"(是|为|有|就是|给|能到|可达|能拿到|涨到|提到|改到)[^,，。]{0,2}$"
)
CONFIRM = re.compile(
    r"吧|对吧|是吗|是不是|(?<!不)对不对|对吗|对么|是么|没错|没记错|听说|据说|好像|我记得|据我所知|网上说|"
    r"有人说"
)
# An award already received this year ("今年已经拿了100万补贴"): it reduces what is left.
PRIOR_AWARD = re.compile(
    # "上半年已经按后期制作奖励这一条拿到150万了", "这一条已经兑现了450万奖励"
    r"(已经|已|之前|此前|上半年|今年)[^,，。]{0,14}(拿|领|获|得|批|补|给|到账|兑现|拨付|发放)(了|到|过|得)?"
    # "今年已经拿过一次协拍服务这条的补助150万了"
    r"[^,，。]{0,14}$"
)
AWARD_WORD = re.compile(r"补助|补贴|奖励|奖金|配套|资金")
# A form's field label naming an award received ("本年度已获：…", "今年已领：…").
FIELD_RECEIVED = re.compile(r"(已获|已获得|已领|已拿|已拨|已兑现|已到账)\s*$")
# ("400万能补贴多少" asks the award of 400万: that amount is the base)
AWARD_AFTER = re.compile(
    # (not across a space: "投了5000万 补贴能拿吗" is a spend, then a question)
    r"^(?!能|可以|可|能否|能不能|有没有)(的)?[^，。,、和及\s]{0,4}?(补助|补贴|奖励|奖金|配套(?!的?商))"
)
# Verbs that can only mean an award was received ("领过", "拿满了", "获批"); "给了"/"发了"
# may be money paid, so they count only beside an award word.
STRONG_RECEIVED = re.compile(
    r"(拿|领)(了|过|到了|满了|满)|获得|获批|到账|批了|批下来|"
    r"(之前|此前|已经|上次|上半年|今年)(拿|领)的(是|有)?"  # "等等我记错了，之前拿的是50万"
)
# An amount named as an award ("申请了100万补贴", "补贴100万") is never a base.
AWARD_BEFORE = re.compile(
    r"(补助|补贴|奖励|奖金|配套资金)(金额)?(为|是|有|了)?$|(申请|申报)(金额|数额)?[^,，。]{0,3}$|"
    # "如果摄影棚补助拿到160万": the award itself, had or hoped for
    r"(补助|补贴|奖励|奖金)(要是|如果|真的)?(能)?(拿到|领到|批下来|下来|到手|批了)(了)?$|"
    # "We were hoping for an award of RMB 1 million"
    r"(?i:(award|subsidy|grant|reward|补助|补贴|奖励)\s+of\s*(about|around|roughly)?\s*$)"
)
# Words that say an award was received ("领了", "拿满了", "获批"), not hoped for ("想拿").
RECEIVED = re.compile(
    r"(拿|领|获|批|补|发|给)(了|过|到了|满了|满)|获得|获批|到账|已(经)?(拿|领|获|批|补|兑现|拨付)|兑现了|"
    r"(?<![能可想要如果])(拿|领)到$|"  # "…按后期制作奖励这一条拿到150万了"
    # "已经申请过了，拿到摄影棚补助700万"
    r"(?<![能可想要如果还])(拿|领)到(了)?[^，,。；;\d]{0,10}(补助|补贴|奖励)(资金|款)?$"
)
# An award figure the caller expects or wants ("能拿200万", "想要150万"), never a base.
AWARD_VERB_BEFORE = re.compile(
    r"(能拿|能补|可以拿|可以补|能领|想拿|想要|能得|应该拿)[^,，。]{0,2}$|"
    r"(希望|期望|盼着|指望|目标是|预期)(能)?(有|拿|拿到|补|补到|给)?$|"
    r"[万元亿]\s*(就是|等于|即|也就是)$|"  # "640万就是160万了"
    # "那就是180万？", "补贴算下来是180万": the caller's own result
    r"(那|那么|这样|所以)(就)?(是|有|等于|能拿到?)$|(补|奖|拿)[^,，。]{0,4}算(下来|出来)(是|有)?$"
)
# "单个都不到200万": said of the amounts already given, not another amount.
OF_EACH_BEFORE = re.compile(
    r"(单个|每个|每笔|每单|每一单|都|很多|有的|大多|多数|部分|好几个)[^，。,]{0,4}"
    r"(不到|没到|没有|不够|不足|超过|过了|高于|达到)$"
)
# "580万，不对，是850万": an amount the caller corrects right after is superseded.
CORRECTED_AFTER = re.compile(r"^[^。！？!?]{0,3}(不对|哦不|说错|看错|更正|纠正|改一下|写错|打错)")
# "好像是16亿元？": a figure offered for confirmation without any spend around it.
SPEND = re.compile(r"花|付|投入|投了|收了|收入|营收|支出|费|租|成本|合同额|结算|预算|造价")
# "就差一万": a difference, not an amount spent.
DIFF_BEFORE = re.compile(
    # "差一点到500万", "就差一块多钱到五百万"
    r"(差|少了|缺|还差|只差)$|差(一点|一些|点儿?|[^，。,；;]{0,6})?(就)?(到|达到|够|满|过)$|"
    # "是4200万，多写了1000万": the difference of a correction
    r"(多|少)(写|算|报|填|打|记)了$|(写|算|报|填|打|记)(多|少)了$"
)
# "1千万左右", "300万上下": an approximate amount.
INEXACT_AFTER = re.compile(r"^(左右|上下)")
# One-sided amounts, as ranges: "一千万出头" (X to 1.1X), "不到500万" (0.9X to X),
# "超过500万", "500万以上" (X and more), "小两千万" (0.9X to X).
ABOVE_AFTER = re.compile(r"^(出头|多一点|多点)")
# "一千万不到", "500万不到一点": just below the amount.
BELOW_AFTER = re.compile(r"^(不到|不足|还不到|没到|差一点|差点)")
OPEN_AFTER = re.compile(r"^(以上|往上|多(?![了些点打写算报]))")
BELOW_BEFORE = re.compile(
    # (not "不是没到200万，是刚好200万整": the bound denied)
    r"(?<!不是)(?<!并非)(?<!并不是)(不到|不足|不满|没到|小于|低于|小|将近|接近|(?<![最附])近)$"
)
OPEN_BEFORE = re.compile(r"(超过|至少|不少于|起码|不止|大于|高于|多于)$")
# Figures that are not spend on a measure's base: a loan, a stake, capital, a budget, a
# salary, a unit price, a purchase, a sale, money paid to another company.
NOT_SPEND = re.compile(
    r"贷款|借款|贷了|借了|融资|出资|占股|股份|入股|参股|注资|增资|注册资本|注册资金|资本金|估值|票房|预算(?!(砍|降|压|减)?到)|规划投资|"
    # not 固定资产 (the building measure's own base)
    r"原值|净值|市值|总资产|资产总额|评估价|账面价值|(设备|资产|房产|厂房)(价)?值|"
    r"工资|年薪|月薪|薪酬|"
    r"利润|毛利|净利|纳税|缴税|交税|税款|税金|销项税|进项税|增值税|税额|税费|"
    r"(出品方|投资方|股东|老板|合作方|联合出品)[^,，。]{0,4}投了?|"
    # (not a vendor the spend went to: "剪辑配音委托给另一家重庆公司花了90万")
    r"每人每月|单价|押金|保证金|采购了?|购买了?|买了|购置了?|卖|销售|出售|"
    r"(?<!托给)(?<!交给)(?<![托找请交])(另一家|别的公司|其他公司)|"
    r"(?i:registered\s+capital|box\s+office|borrowed|\bloans?\b|budget)"
)
# A cost only quoted or not yet paid ("道具公司报了400万的价，合同还没签", "还有300万尾款没付",
# "LED屏供应商报价600万，还没采购"): the clause counts costs incurred ("产生服务费用", "实际投入")
# and pays against valid vouchers, so beside a cost said to be paid it is left out.
NOT_INCURRED = re.compile(
    r"报价|报了?[^，,。；;]{0,8}的?价|(还|都|也)?(没|未|尚未|还未)(有)?(付|支付|结算|结清|签|采购|确定|开票|"
    r"付款|付钱|发生|到账|到期)|待(付|支付|结算)|(后|再)付|(只)?付了(一)?部分|部分(付款|支付)|"
    r"(还|都|也)?(没|未|尚未|还未)(有)?(开始|开工|动工|开拍|拍)|"  # "二期合同300万还没开始做"
    r"还欠|尚欠|欠着|欠款"  # "剧组只付了600万，还欠300万"
)
# The contract a payment is part of ("合同总价1000万，付了定金300万").
CONTRACT_TOTAL = re.compile(
    r"合同(总价|总额|金额|价|额)|总价|签了[^，,。；;]{0,8}合同|合同(是|为|共|一共)?\s*[\d一二两三四五六七八九十百千]"
)
# A payment of the contract just named ("已付600万", "先付了四百五十万", "付了30%定金300万").
# For the company paid, what it received of it ("合同额600万、实收300万", "已经收到600万").
PAYMENT_OF = re.compile(
    r"预付|首付|定金|订金|尾款|首款|进度款|中期款|(已|先)(经)?付|付了|"
    r"实收|(已|已经|先)收(到|了)?|收到了?|到账|回款|实际收到"
)
# Words that start another cost, not a payment of the one before ("另外", "又", "都已付款").
SEPARATE_COST = re.compile(
    r"另外|另|还有|又|此外|其他|其余|都|[A-Z甲乙丙丁]项目|第[二三四]|[+＋/／]"
)
# The whole of a contract said paid ("首付款30%即414万元，现已全部付清").
FULLY_PAID = re.compile(
    r"全部(付清|结清|付完|支付)|全额(付清|支付|结清)|都(已经?)?(付清|结清|付完)了?|已全部"
)
# A cost asked about as a plan or a supposition ("预计花800万，还没付"), not as a fact.
HYPOTHETICAL = re.compile(r"预计|计划|打算|准备|如果|要是|假如|假设|到时候|将来")
# The rest of a contract said paid, with no amount ("尾款上周付了，全部结清").
PAID_REST = re.compile(
    r"(尾款|余款|剩下的|剩余的?款|其余的?款)[^，,。？?]{0,8}(付了|付清|结清|到账|结了|已付)|"
    r"全部(结清|付清)|都(结清|付清)了"
)
# A cost said to be incurred ("棚租已经付了700万，有发票", "实际投入1800万", "付了400万").
# "补贴能按2400万算吗": a base the caller proposes.
PROPOSED_AFTER = re.compile(r"^(元)?(来)?(算|计算)(吗|么|不|吧|[?？])")
INCURRED = re.compile(
    r"已(经)?(付|支付|结算|结清|花|投入|采购|开票)|付了|付过|实际(支付|投入|花|发生|产生)|有(发)?票|"
    r"预付|首付|定金|订金|首款|"
    r"发票(齐|已开|开了|都有)|花了|结了|结清了|"
    # received, by the company paid ("实收300万", "已经收到600万")
    r"实收|(已|已经)收(到|了)?|收到了?|到账|回款"
)
# "全片1.1亿", "整部片子5000万": the whole film's cost, said right before the amount (not
# "全片特效…合同金额4200万": the effects' scope).
WHOLE_FILM = re.compile(
    r"(全片|整部片子?|整部剧|整部电影|全剧|整个片子|整个项目)(的)?(是|共|总共|一共|花了|投了|约|大概|成本|总成本)?$|"
    # "该剧总投资1.2亿", "这部片子总成本8000万": the work's own budget
    r"(该剧|该片|本剧|本片|这部剧|这部片子?|这部电影|这个剧|那部剧|那部片子?|影片|电影|片子)(的)?"
    r"(总投资|总成本|总预算|投资|成本|制作成本|总投入)(是|为|约|大概|共|达)?(人民币|RMB)?\s*$|"
    r"(单集|每集)(的)?(投资|成本|预算|制作成本)(是|为|约|大概)?$"
)
# "扣掉给成都公司做的150万": an amount taken out of a total.
MINUS_BEFORE = re.compile(
    r"(扣掉|减去|扣除|刨去|除去|去掉|退了|退回|退还|退给|退款|返还|扣回|返了|返点)[^,，。]{0,10}$"
)
# "900万只是道具那部分": an amount said to be only part of what follows.
ONLY_A_PART = re.compile(
    r"[^，。,；;]{0,2}(只是|仅是|仅为|只有|只占)[^，。,；;]{0,8}(部分|一部分|那块|那一块)"
)
# "道具那100万其实没在重庆花，去掉": an amount the sentence then takes out.
REMOVED_AFTER = re.compile(
    r"[^。！!？?；;]{0,14}?[，,]?\s*(就|要)?(去掉|不算了?|扣掉|删掉|拿掉|剔除|别算)(吧|了)?\s*$|"
    # "其中400万是设备转租收入，不算技术服务收入": said not to count as the base
    r"[^。！!？?；;，,\d万亿]{0,14}[，,]\s*(这部分|这笔|这块)?(不算|不计入|不属于|不能算)|"
    # "其中有150万因为剧组砍戏退回去了": given back
    r"[^。！!？?；;，,\d]{0,10}(退回去|退回来|退回给?|退还给?|退给|退掉|退款给|返还给?)[^。！!？?；;，,\d]{0,6}了|"
    # "（其中押金100万已退）", "含一笔20万押金 已经退了", "deposit … refunded"
    r"[^。！!？?；;，,\d]{0,6}(已经?|都)(退了|退还|退回|退)|"
    r"(?i:[^.?!]{0,40}\b(refunded|returned|given back)\b)|"
    # "合同里有50万后来对方取消了没做": not done, so not paid
    r"[^。！!？?；;，,\d]{0,10}(取消|砍掉|撤销|没做|不做了)"
)
# "报价1000万，最后谈到800万", "合同1000万，实际结算800万": the later figure replaces the first.
# The final figure of a contract that changed on the way ("…最终结算850万已付清", "实际只做了
# 650万的活"): what was said of it before is superseded.
FINAL_BEFORE = re.compile(
    r"((最终|最后)(结算|确认|定下来|定|付|支付|花了|付了)|实际(结算|支付|付了|花了|只花了|只做了|做了)|"
    r"结算(下来|价|为|成)|只结了|(变更|调整|砍价|压价|降价|谈价)(后)?(结算)?(为|成|到)|砍到|谈到)"
    r"[^，,。；;]{0,4}$"
)
# What was taken off a contract on the way to its settled figure ("返工扣款60万").
DEDUCTED = re.compile(r"扣款|扣了|扣除|扣掉|罚款|违约金|减免|折让|优惠了?|让利")
SUPERSEDES_BEFORE = re.compile(
    r"(实际(结算|支付|付了|花了|只花了|发生)|最后|最终|结算|谈到|谈成|打折后|折后|优惠后|调整后|变更后|"
    r"改成|变成|降到|降为|砍到|追加到|增加到|涨到|加到)"
    r"[^,，。；;]{0,6}$"
)
# A place named as where the project was filed ("在浙江备的案") or where the company is
# ("杭州的公司", "公司也是杭州的", "我们注册在成都"): not where the money was spent.
PLACE_OF_FILING = re.compile(r"^[^，。,；;？?]{0,3}(备的案|备案|备过案|立项|立的项|报备)")
# ("成都的公司" alone may be the vendor, whose place is the spend's: not read here)
PLACE_OF_COMPANY_AFTER = re.compile(r"^(的)?(注册|出品方|制片方)")
PLACE_OF_COMPANY_BEFORE = re.compile(
    # not "那家公司其实是成都的": that company may be the vendor
    r"(我们|我司|咱们|(?<![家的])公司|(?<![家的])企业|出品方|制片方)[^，。,；;？?]{0,3}"
    r"(是|在|注册在|注册于|位于|属于)$"
)
# Several companies: their annual revenues are not one company's.
COMPANIES = re.compile(
    r"[A-Z甲乙丙丁](公司|企业)|(公司|企业|子公司)[A-Z甲乙丙丁](?![\u4e00-\u9fff]{0,1}项目)|"
    r"[两三四五几多]家(公司|企业|子公司)|各家|几家公司|[两三四五]家[^，,。；;？?]{0,14}(公司|企业|机构)|"
    r"(?<![A-Za-z])[甲A][、和与及跟][乙B](?![A-Za-z])(两家)?"
)
# A company named by its letter: "A公司", "公司甲", "甲（协拍）", "乙做设备租赁".
COMPANY_LETTER = re.compile(
    # (not a project's label: "项目A收入130万", "A片", "甲剧")
    r"(?<![A-Za-z])(?<!项目)(?<!剧本)(?P<letter>[A-D甲乙丙丁])(?=公司|企业|子公司|[（(，,：:]|做|给|的|今年|"
    # "甲150万、乙180万", "甲年收入600万社保4人", "乙为剧组提供…", "甲协拍公司"
    r"\d|年|收入|营收|社保|为|协拍|后期|那边|这边)"
    r"|(?:公司|企业)(?P<letter2>[A-D甲乙丙丁])(?![A-Za-z])"
    # "两家…：一家年度技术服务收入4800万…；另一家1500万": the first and the other
    r"|(?<=[：:；;，,。])(?P<one>一家|另一家|另外一家)(?=[^，,。；;]{0,24}\d|[^，,。；;]{0,8}[（(][^）)]{0,30}\d)"
)
# "乙还能拿吗", "B公司自己能拿多少": a company asked about by its letter.
COMPANY_ASKED = re.compile(
    r"(?<![A-Za-z])(?P<label>[A-D甲乙丙丁])(公司|企业|子公司)?(自己|这边)?(还|又|今年)?"
    r"(能|可以|可)(补|拿|申请|领)"
)
# A client's payment to the speaker ("他们付给我们1000万").
PAID_US = re.compile(r"付给我们|给我们付了|支付给我们|打给我们|付了我们")
# "我只问A公司", "就问乙公司": one company asked about alone.
ONLY_COMPANY_ASKED = re.compile(r"(只|就|单)问(?P<label>[A-D甲乙丙丁])(公司|企业|子公司)")
# "土地费说错了": a figure of it said wrongly, corrected next.
SAID_WRONG = r"(说错了|记错了|写错了|搞错了|算错了|报错了|不对)"
# "不含土地的投资4200万": the cue word is excluded, the amount is the base.
EXCLUDING = re.compile(r"(不算|不含|不包括|除去|扣除|除了|刨去)[^,，。]{0,2}$")
# An award of an earlier year leaves this year's cap untouched ("去年已经批了200万").
EARLIER_YEAR = re.compile(r"去年|前年|上一年|上年度|往年|以前年度|\d{4}年")
# A follow-up that asks about the earlier measure too ("这两块分别补多少").
# "要是这笔钱花在后期上呢": the same money spent on another kind of thing.
MONEY_MOVED = re.compile(r"花在|用在|换成|改成|放在|拿去")
# "这个政策是重庆市科技局发的吧": a place naming who issued the policy, not where money went.
ISSUED_BY = re.compile(
    r"(政策|文件|通知|办法)[^，,。？?]{0,10}(局|委|部|厅|办|政府)[^，,。？?]{0,3}(发|出台|发布|印发|制定|出的)"
)
# "这1200万", "那笔600万": an amount of the conversation named again.
POINTED_BACK_AMOUNT = re.compile(r"(这|那)(笔)?\s*[\d.一二两三四五六七八九十百千]+\s*(万|亿|元)")
BOTH = re.compile(
    r"这两块|两块|这两项|两项|两笔|几笔|都|一起|分别|加上之前|之前那|全部加起来|一共能(拿|补)|总共能(拿|补)"
)
# A follow-up that adds to the amount already stated ("又花了200万，加起来呢").
# "A项目", "乙公司", "二号棚": a label of one of several projects or companies.
# "项目二" too, not "项目一共", "项目2000万".
_NUMBERED = r"项目(?P<label2>[一二三四五1-5])(?![共起般直次样些下点定个千万百十亿0-9.，,])"
# "《山城》用棚800万，《雾都》450万": a work's title labels its amounts too
_TITLE = r"《(?P<title>[^《》\s]{1,12})》"
# "重庆协拍公司甲", "项目B": the letter after the noun
_AFTER = r"(项目|公司|剧组|剧本)(?P<label3>[A-Z甲乙丙丁])(?![A-Za-z])"
# "Series A", "project 2": an English label
_ENGLISH_LABEL = (
    r"(?i:\b(?:series|project|film|movie|show|drama|title|feature)\s+)"
    r"(?P<label4>[A-Z1-9])(?![A-Za-z0-9])"
)
LABEL = re.compile(
    rf"(?P<label>[A-Z甲乙丙丁]|[一二三四1-4]号)(影视|专业|摄影|演播|协拍|后期|特效|制作)?(项目|剧|片|棚|楼|栋|子公司|公司|剧组)|{_NUMBERED}|{_TITLE}|"
    rf"{_AFTER}|{_ENGLISH_LABEL}"
)
# "这次新片", "新项目": a project other than the one an award was received for
NEW_PROJECT = re.compile(r"新(片|戏|剧|项目|电影|网剧|作品)|另一(部|个)|别的(项目|片|戏)")
# "两部电视剧", "两个项目都…": several projects counted before their amounts
PROJECTS_COUNTED = re.compile(r"(两|三|俩|几)(部|个)(电视剧|网剧|剧|电影|片子?|项目|戏)")
# "A、B两个项目", "甲和乙两部片": letters introduced as the labels of projects or companies
LETTERS_INTRODUCED = re.compile(
    r"(?P<letters>(?<![A-Za-z])[A-Z甲乙丙丁](?:[、和与及,，]\s*[A-Z甲乙丙丁](?![A-Za-z])){1,3})"
    r"\s*(两|三|四)?(个|部|家|座)?(影视棚)?(项目|片|剧|电影|影视棚|棚|楼|公司|企业)"
)
# "二号棚1800万", "B棚900万", "C棚6000万": a clause of a label and its amount alone
LABELLED_AMOUNT_ALONE = re.compile(
    r"(?:[A-Z甲乙丙丁]|[一二三四1-4]号)(棚|楼|项目|片|剧)?[^，。,；;\d]{0,3}"
    r"[\d.,，一二两三四五六七八九十百千]+\s*(万|亿)(元)?"
)
ASKED_LABEL = re.compile(
    rf"(?:(?P<label>[A-Z甲乙丙丁]|[一二三四1-4]号)(影视|专业|摄影|演播|协拍|后期|特效|制作)?(项目|剧|片|棚|楼|栋|子公司|公司|剧组)|{_NUMBERED}|"
    rf"{_TITLE})"
    r"[^，,。？?]{0,6}(能|可以|可)?(补|拿|申请|领)"
)
# "我就想问乙片那部分制片方能补多少", "只问二号楼", "Just tell me the subsidy for Series B": one
# label asked alone
ONLY_LABEL_ASKED = re.compile(
    r"(?:(只|就|单独|仅|单|先)(想)?(问|算|说|看)(一下)?|"
    r"(?i:\b(?:just|only)\b[^.?!]{0,40}\b(?:for|of|about|on)\s+))"
    rf"(?:{LABEL.pattern})"
)


# "《嘉陵》的不用算", "一号棚先不说", "A的不用说": one labelled project set aside
LABEL_SET_ASIDE = re.compile(
    rf"(?:{LABEL.pattern}|(?<![A-Za-z])(?P<letter>[A-D甲乙丙丁])(?=的))(的|那个|那部|那边|那块)?"
    r"[^，。？?,]{0,2}(不用算|先不算|不算了?|不用管|先不管|先不说|不用说|不问|不用问)"
)
# "本次只问乙的奖励金额", "只算乙": one company asked alone by its letter alone
ONLY_LETTER_ASKED = re.compile(
    r"(只|就|单独|仅|单)(想)?(问|算|说|看)(一下)?[^，。？?,]{0,2}(?<![A-Za-z])(?P<label>[A-D甲乙丙丁])"
    r"(?![A-Za-z方])"
)


def label(match: re.Match[str]) -> str:
    """The label of a LABEL, ASKED_LABEL or LABEL_TURN match ("B项目": B, "项目二": 二,
    "《山城》": 山城)."""
    groups = match.groupdict()
    return (
        groups.get("label")
        or groups.get("label2")
        or groups.get("label3")
        or groups.get("label4")
        or groups.get("letter")
        or groups.get("hao")
        or groups["title"]
    )


# A label named in a later turn ("回到A", "A剧呢", "A能补多少"), a letter standing alone.
LABEL_TURN = re.compile(
    r"(?<![A-Za-z])(?P<label>[A-Z甲乙丙丁])(?![A-Za-z])(项目|剧|片|棚|楼|栋|子公司|公司|剧组)?|"
    r"(?P<hao>[一二三四1-4]号)(?=(影视|专业|摄影|演播)?(项目|剧|片|棚|楼))|" + _TITLE
)
# "我只问我们协拍公司自己能拿多少", "我们建设方能拿多少": one party's award alone.
# "能补多少我已经算过了": the amount is not what is asked.
# "对，就是这些，您就按这个算": compute with what was said.
RECOMPUTE = re.compile(
    r"(按|照)(这个|这些|这样|上面的?|刚才的?)(数|数字|金额)?(来)?(算|测算|计算)|"
    # "那特效那块呢，单独说一下", "先只说棚那块"
    r"单独(说|算|讲)|只(说|算|讲|看)|先(说|算|讲)[^，,。]{0,4}那块|"
    # "另外补助金额再确认一下", "金额是多少来着": the award asked again
    r"(金额|补助|补贴|奖励|钱)[^，,。？?]{0,6}(再|重新)(确认|核对|说|算|报)一?(下|遍)|多少来着|"
    # "具体是哪个名单我得回去查文件，你先大概说说": what the clause gives with it still open
    r"(先|就)?大概(说|讲|算)(说|讲|算|一下)|你先说说|"
    # "你先按收入给我算算": computed with what is said so far
    r"先(按|照)[^，,。？?]{0,6}(算|测算)|先(给我|帮我)?(算算|算一下|测算一下)|"
    # "我们是不是直接封顶了", "我们超了没有": whether the award reaches the cap
    r"(是不是|有没有|会不会|能不能)[^，,。？?]{0,4}(封顶|到顶|超过?上限)|(封顶|到顶)了(吗|没有?)|超了(没有?|吗)"
)
ALREADY_COMPUTED = re.compile(
    r"已经算过|算过了|我(自己)?算(好|出来)了|不用(帮我)?算|(已经|已)(自己)?算(好|出来|过)|自己算(好|过)了?|"
    r"(我们)?自己会算|不用你算"
)
# "开幕式是谁主持的", "哪位领导宣读的": who did what; some sentence must say that deed.
WHO_DID = re.compile(
    # "哪位嘉宾", "哪位专家": who, not what they did
    r"(?:谁|哪位(?P<role>嘉宾|专家|导演|领导|人士|老师|人物|学者|演员)?)(?:来|给|在)?"
    r"(?P<verb>(?!嘉宾|专家|导演|领导|人士|老师|人物|学者|演员)[\u4e00-\u9fff]{2})"
)
# "不问重庆配套", "配套就不用算了": a measure named to be left out of the question.
NOT_ASKED = re.compile(
    r"不问|不是问|不用算|不用管|不必算|不需要算|先不算|不考虑|先不管|不管了|不用算了|先别管|先别算"
)
# The words alone, of the clause before ("特效那块…，先不管了"; not "利息先不管").
NOT_ASKED_ALONE = re.compile(r"(那|就|那就)?(先)?(不管|不用管|不算|不用算|不考虑)(了)?[。.!！]?")
ONLY_ASKED = re.compile(r"只问|只想|就问|就想问|光问|单问|自己|我们[^，。,？?]{0,4}(方|公司|机构)")
# The applicant of a production's measures ("甲方是北京的出品公司"): its place is not the
# place the money went (the vendor's, the stage's).
APPLICANT = re.compile(r"出品方|出品公司|出品单位|影业|制片方|制片公司|甲方|片方")
# "广告片做了120万（那个不是影视剧组）": an amount its own words put outside the measure.
NOT_ELIGIBLE_AFTER = re.compile(
    r"^[^。？?！!]{0,6}(?:不是|并非|不算)(?:影视|电影)?(?:剧组|项目|影视项目)"
)
# "（这80万是山城数字付的，不是我们付的）": an amount someone else paid.
NOT_OURS_AFTER = re.compile(r"^[^。？?！!；;]{0,18}不是我们(自己)?(付|出|花|给|承担|支付)")
# "我们给剧组做了750万，他们做了1100万": what another company itself earned (not what a
# client paid us: "剧组那边他们付了750万" stays ours).
THEIRS_BEFORE = re.compile(
    r"(?<![委托让请给找])(?:他们|她们|对方|合作方|人家|另一家|那家)(?:公司)?(?:也|则|今年|那边)?"
    r"(?:做了|做|收了|接了|干了|赚了|营收|收入)(?!我们)[^，。,；;]{0,4}$"
)
THEIR_ASK = re.compile(r"他们|她们|对方|合作方|人家|那家")
# "我们是这部剧的第二出品方", "我司只是投资方之一": the speaker's own role in the project
SPEAKER_ROLE = re.compile(
    r"(我们|我司|本公司|我们公司|来电(企业|单位|方|公司))(只|仅)?(是|为|作为|算是)[^，,。？?]{0,10}"
    r"(出品方|出品单位|制片方|投资方|出资方|联合出品)"
)
# A clause naming the party the speaker served ("给重庆甲影业（第一出品单位…）做调色剪辑")
CLIENT_SERVED = re.compile(
    r"\s*(我们)?(今年|去年|刚|刚刚|最近)?(给|为|帮|替)[^，,。；;]{0,10}"
    r"(公司|影业|影视|传媒|文化|剧组|片方|出品方|制片方)"
)
# "没有被列入任何国家规划或者重大工程", "没入选": a work said to be listed in none.
NOT_LISTED = re.compile(
    r"(没有|没|未|并未|没能|从未)(被)?(列入|入选|选上|进入|进)[^，,。；;？?]{0,12}$"
)
# "二号棚", "3号楼": a numbered building of several, named as the conversation's projects
NUMBERED_BUILDING = re.compile(r"[一二三四五1-5]号(影视|摄影|演播)?(棚|楼)")
# A clause whose subject is the party the speaker served ("对方是这部片的第一出品单位").
CLIENT_SUBJECT = re.compile(
    r"\s*(而|但)?(对方|客户|甲方|委托方|片方|出品方|制片方)(公司)?(是|在|为|注册在|属于)"
)
NEXT_YEAR = re.compile(r"明年|下一年|下年度|来年|后年")
# "加起来一共260万": a follow-up's amount that is the new sum, the earlier one included.
NEW_TOTAL_BEFORE = re.compile(
    r"(加起来|加上|算上|合起来|总共|一共|合计|总计|共计|全年(合计|一共|累计)?)[^，。,；;\d]{0,3}$|"
    # "全年技术服务收入到220万"
    r"(全年|年度)[^，。,；;\d]{0,8}(到|达到|变成|涨到)$|"
    # "总费用做到500万", "总额变成600万"
    r"总(费用|金额|额|价|投入|收入)?[^，。,；;\d]{0,2}(做到|达到|变成|到了|是)$|"
    # "加上补拍的配音费，正好200万了": the sum, said after what is added
    r"(正好|刚好|一共是|总共是|合计是)$|"
    # "特效那块后来追加到1200万了": raised to a new whole
    r"(追加|增加|涨|提高|加|调整|调|改)到$"
)
ADD_UP = re.compile(
    r"加起来|加上|一起算|合起来|又花了|又付了|又有|再加|又加了?|新增了?|又多了|多了一笔|又接|又做了|全年|累计|"
    # "年底又签了一单50万，也是今年的收入": another sum of the same year
    r"又(签|来|收|进|结|拿下|谈成|成交|赚|给|帮|替|为|开|补开|补)了?|也是(今年|本年度?|同一年|当年)|"
    r"也(交给|给|包给|委托给?)(了)?我们|"
    # "服装道具另外140万…这下够500万了吧", "I forgot… another RMB 1.3 million"
    r"这下[^，。,]{0,4}(够|到|过|满)|"
    r"(?i:\banother\s+\d|\bi\s+forgot\b|\bin addition\b|\bon top of\b)|"
    r"漏了|漏掉|还有|还租了|还花了|又追加|追加了?[^，。,]{0,3}\d|同一个项目|同一部|另外还|"
    # "尾款300万昨天付了": the rest of the same cost, paid
    r"尾款[^，。,]{0,2}[\d一二两三四五六七八九十百千][^，。,]{0,10}(付了|已付|结了|结清|付清|到账)|"
    r"(中期款|进度款|二期款|第二笔)[^，。,]{0,8}(也)?(付了|已付)|也付了|也已付"
)
# "特效那个没错", "道具那笔不变": an amount of the conversation said to stand as it was.
UNCHANGED = re.compile(r"没错|没变|不变|照旧|照常|没问题|是对的|没改")
# "那600万里有100万其实是…，应该归到数字技术服务那块": part of one measure's amount moved to
# another.
MOVED_TO = re.compile(r"(应该|应|要)?(归到|归入|算到|算进|划到|划入|挪到|放到|计入)")
# "得有几个人交社保": asking the staff minimum.
STAFF_ASK = re.compile(r"(几个|多少|几)人|人数")
# "再招1个人": staff added to those stated before.
MORE_STAFF = re.compile(
    r"(再|多|新)(招|加|雇|请|进)(了)?[^，。,]{0,3}\d*[一二两三四五六七八九十]*个?人|"
    r"(再|多|新)(给|帮)?[^，。,]{0,3}\d*[一二两三四五六七八九十]*个?人(交|缴|上)(上|了)?社保"
)
# "今年这一条还没拿过补助": no award received this year, said in a later turn.
NO_PRIOR = re.compile(r"(还|都|从来)?(没|没有|未)(拿|领|获得|申请)过")
# "不对，是780万": the earlier amount is replaced, whatever else the turn adds.
CORRECTION = re.compile(
    r"不对|(?<!是)不是|说错|搞错|看错|记错|搞混|弄混|记混|弄错|更正|纠正|改一下|写错|打错|其实[^，。,]{0,4}是|最后|最终|结算|实际是|"
    # "双方协商把合同改成600万结案": the amount changed to a new figure
    r"(改成|改为|变成|变更为)\s*[\d一二两三四五六七八九]|"
    r"多打了|打多了|少打了|打少了|多写了|写多了|写少了|输错|手滑|"
    r"(?i:\btypo\b|\bcorrection\b|\bi meant\b|\bsorry\b[^.?!]{0,12}\bit'?s\b)"
)
# "那总共能拿多少", "两项加起来": every measure computed in the conversation, again.
TOTAL_ASK = re.compile(
    r"(总共|一共|加起来|加一起|加在一起|合计|总计|合起来|都算上|全部)[^，。,]{0,6}(多少|几)|"
    r"(两|三|四|这几|几)(项|个|笔|条)[^，。,]{0,8}(多少|还能|能不能|能补|能拿|都算|算一下|合计|加起来)|"
    r"(这俩|这两个|这两项|俩)[^，。,]{0,6}(多少|能补|能拿|都算|算一下)|"
    r"^(那)?(两项|两个|这俩|这两项)?(合计|总计|加起来|加一起)(呢|吧)?[?？。！!]?$"
)
# "是的" / "对": confirming the measure the bot suggested.
YES = re.compile(
    # "是的", "嗯对", "对的对的", "嗯嗯 没错": one or a few words of assent
    r"^(?:(?:是|是的|对|对的|没错|嗯|好|可以|确认|就是|对啊|是啊)[。!！,，~～\s]*){1,3}"
    r"(就是这(个|项|类))?[。!！]?$"
)
# Offering a figure for confirmation, not hedging ("两千万吧" is an estimate).
CONFIRM_STRICT = re.compile(
    r"对吧|是吧|是吗|是不是|(?<!不)对不对|对吗|对么|是么|没错|没记错|听说|据说|好像|我记得|据我所知|"
    r"网上说|有人说"
)
# A tag at a question's end offering what it says for confirmation ("是发给投资方的，对吗").
CONFIRM_TAG = re.compile(
    r"(对吧|是吧|对吗|对么|(?<!不)对不对|没错吧|没记错吧|是吗|没错)[？?。！!\s]*$"
)
# The clause after an amount offering it for confirmation ("…62亿，这个数没记错吧？").
CONFIRMED_NEXT = re.compile(
    r"[^，,。？?！!；;]{0,6}[，,]\s*(这个数|这个数字|这个|这)?(字)?"
    r"(对吧|是吧|对吗|对么|(?<!不)对不对|没错吧|没记错吧|是不是|没错)"
)
# "…240万对吧？": a figure offered for confirmation is a claim, not a base.
# "满300万就能补", "满100万元及以上就能申请": a threshold the caller claims.
CLAIM_AFTER = re.compile(
    # "总共980万，超过500万了吧": a comparison offered for confirmation
    r"^(元)?(了吧|了吗|了没|对吧|是吧|是吗|是不是|对不对|没错吧|没错|的?(线|门槛|标准|上限)|"
    r"(及)?(以上)?就(能|可以|够|算|给|补|有)|即可|(及)?(以上)?才(能|可以|给|补|够|算|行|有资格|符合|达标)|"
    # "要300万起步才给补", "得5000万起吧"
    r"起步|起(吧|才|就|[?？]))"
)
# "投入要达到5000万吧", "前提是得满1000万才行": a threshold the caller claims, not a spend.
THRESHOLD_CLAIM = re.compile(r"(要|得|需|需要|必须|至少|起码)(达到|达|满|超过|过)[^,，。]{0,2}$")
# A head count claimed as the rule ("交社保的得满5个人才行吧").
STAFF_RULE_CLAIM = re.compile(
    r"(得|要|需要|必须|至少|起码)(满|达到|有)?\s*[\d一二两三四五六七八九十]+\s*(个|名)?人"
)
# After a head count required ("得满10个人才行吧"): a rule claimed.
STAFF_RULE_AFTER = re.compile(r"(个)?(人)?(以上)?((才|就)(行|可以|能|够|算)|吧|对吗|是吧)")
# "可以提高到2000万元吧？": a change offered for confirmation is a rule claimed.
CHANGE_CLAIM = re.compile(r"(提高到|提高至|提到|改成了|改为|调到|调整为|涨到)[^，。,\d]{0,2}$")
THRESHOLD_CLAIM_AFTER = re.compile(r"^(元)?(及以上|以上)?(吧|才|对吧|是吧|是吗|对吗|对不对)")
# A follow-up that moves the same money to another measure ("要是这笔钱花在剪辑配音上呢"):
# without such words "那特效呢" asks about another measure, not about this money.
# "上海对影视特效的补贴是多少": another place's own policy is asked about.
# "那边的政策能补多少": the policy of the other place just named.
THAT_PLACE_POLICY = (
    r"[^。？?]{0,6}?(那边|那里|当地|那儿)[^，,。？?]{0,12}?(政策|补贴|补助|扶持|奖励|返多少|补多少|返几成|给多少|"
    r"能给多少)|"
    r"[^，,。？?]{0,3}(有没有|有)类似的[^，,。？?]{0,4}(补贴|补助|政策|扶持|奖励)|"
    # "does Shanghai offer something similar?"
    r"(?i:\s*(offers?|has|have|gives?|provides?)\s+(something|anything|a\s+policy|one)?\s*"
    r"(similar|like\s+(this|that|it)|comparable|the\s+same))"
)
# "另外听说西安对协拍机构也有补贴": whether another place has such a policy, asked (after
# the place's name).
PLACE_HAS_POLICY = (
    r"[^，,。？?]{0,4}(对|那边|那里|也)[^，,。？?]{0,10}?(也)?(有没有|有)[^，,。？?]{0,6}"
    r"(补贴|补助|政策|扶持|奖励)"
)
OTHER_POLICY = (
    r"[^，。,]{0,4}(对|的|有没有|有)[^，。,]{0,8}"
    r"(补贴|补助|政策|扶持|奖励|补多少|返多少|补几成|返几成|怎么补)"
)
# "这个政策是在上海国际电影节期间发布的吧", "政策是在成都的洽谈会上发布的吗": where this
# policy was released, claimed (a premise to correct), not another place's policy asked about.
THIS_POLICY_PLACE = re.compile(
    r"(?:这个|这项|这份|该|此|^)政策[^，,。？?]{0,3}在(?!什么|哪|何)[^，,。？?]{1,20}"
    r"(发布|出台|公布|颁布|推出)"
)
# Such a claim is answered as the question it stands for: when, and at what event.
RELEASE_ASKED = "政策是哪天在什么活动期间发布的"
# "那租给我们棚的这家重庆公司自己能拿补助吗？", "那这家后期公司呢": the company that was paid.
PAID_COMPANY = re.compile(
    r"(?:这家|那家|该|这个|那个)[^，,。？?]{0,10}(?:公司|企业|机构|工作室|团队)|租给我们|"
    r"给我们(?:做|提供|干)|收(?:了)?我们|接(?:了)?我们|我们付给|付给他们|"
    r"(?i:\b(billed|charged|invoiced)\s+us\b)"
)
# "它今年就接了我们这一单，560万": the money the company paid received, it the subject
IT_RECEIVED = re.compile(
    r"(它|他们|她们|它们|对方|人家|那家|这家)[^，,。？?]{0,8}(接了|收了|赚了|挣了)[^，,。？?]{0,3}(我们|咱们)|"
    r"(?i:\b(billed|charged|invoiced)\s+us\b)"
)
# "…这家公司自己能拿补助吗", "那这家后期公司呢": its own award asked.
ITS_OWN_ASKED = re.compile(
    r"补助|补贴|奖励|能拿|能补|能申请|能领|"
    r"(?i:\b(what|how much)\b[^.?!]{0,20}\b(they|them|it)\b[^.?!]{0,10}\b(get|receive|claim)\b)"
)
# Its own award asked, by the company that served the client (or of it): "我们公司自己按协拍
# 那条又能拿多少", "我们这边呢", "其单位自身可获多少", "子公司能拿多少", "how much can we get".
OWN_ASKED = re.compile(
    r"(我们|我司|本公司|子公司|自身|本身|(来电人|來電人)(的)?(公司|单位|自己))[^，,。？?]{0,12}(能|可以|可|还能|又能|再)[^，,。？?]{0,6}"
    r"(补|拿|领|申请|获)|我们(这边|自己|公司)?呢|"
    # a numbered question of its own ("2. 我们自己作为协拍服务机构，这600万收入能拿多少")
    r"(^|[:：；;。\s])[1-9一二三][.、．)）]\s*(我们|我司|本公司)"
    r"(?:(?!剧组|客户|对方|他们|制片方|出品方|甲方)[^。；;？?]){0,20}(能|可以|可)(补|拿|领|申请|获)|"
    r"(?i:\b(we|us|ourselves)\b[^.?!]{0,30}\b(get|receive|claim)\b)"
)
# A list headed as revenue ("收入明细：", "今年营收构成："): its items are revenue.
REVENUE_HEADER = re.compile(
    r"((收入|营收|营业收入|营业额)(明细|构成|情况|如下|清单)?|"
    # "收入来自三个项目："
    r"(收入|营收|营业收入|营业额)(来自|来源于|来源是|出自|分别来自)[^，,。：:]{0,8}|"
    # "全年后期技术服务收入就三笔：…"
    r"(收入|营收|营业收入|营业额)(就|共|一共|总共|主要)?(是)?[一二两三四五六七八九十\d]+(笔|单|项|部分)|"
    r"接了[^，,。：:]{0,6}(活|单|单子|项目))\s*[：:]\s*$"  # "今年接了四个活：…"
)
# "那150万是去年拿的": an amount said to be an award of an earlier year.
AWARD_OF_EARLIER_YEAR_AFTER = re.compile(
    r"[^，,。？?]{0,3}?(是|其实是)?(去年|前年|上一?年|往年|之前|以前)[^，,。？?]{0,4}"
    r"(拿|领|获得|发|批|批下来|到账|兑现|给)的|"
    # "那600万是公司另一个项目拿的": another project's award, no part of this one's cap
    r"[^，,。？?]{0,3}?(是|其实是)[^，,。？?]{0,4}(另一个|另外一个|别的|上一个|上一部|另一部|其他)"
    r"(项目|片子?|戏|剧|电影)[^，,。？?]{0,2}(拿|领|获得|批)的"
)
# A yes-or-no question said as "A不A" ("算不算", "能不能"; not "不对不对").
A_NOT_A = re.compile(r"(?<!不)(.)不\1")
# A fact guessed, not stated ("我们应该在名单里吧", "好像已经备案了").
GUESSED_BEFORE = re.compile(r"(应该|好像|可能|估计|大概|也许|或许|似乎)[^，,。？?]{0,6}$")
# A clause that says the user does not know something yet, with no question to the bot
# ("还不确定能不能进名单", "是不是重大项目还不知道"): what is still open is asked in the reply.
DOUBT_SAID = re.compile(
    r"(不确定|不知道|不清楚|说不准|拿不准)[^，,。？?]{0,3}(能不能|会不会|能否|是否|有没有)"
    r"|(是不是|有没有|能不能|会不会|进没进)[^，,。？?]{0,14}(还|也|暂时)?(不知道|不确定|不清楚|说不准)"
)
# A fact the user does not know yet, said as a doubt about it ("还不确定能不能进市级重大项目名单",
# "不知道会不会被列入"): neither stated nor denied.
DOUBTED_BEFORE = re.compile(
    r"(不确定|不知道|不清楚|说不准|不好说|没把握|拿不准)[^，,。？?]{0,3}"
    r"(能不能|会不会|能否|是否|有没有|可不可以|可以不|进没进|批没批)[^，,。？?]{0,3}$"
)
# "今年除了这一单，我们还…": this turn's money beside the conversation's.
BESIDES_EARLIER = re.compile(r"除了(这|那)一?(单|笔|个|部)|(这|那)一?(单|笔)(之外|以外)|除此之外")
# "他们今年就我们这一单": the paid company's year is this money alone.
ONLY_CLIENT = re.compile(r"就我们这一?单|只有我们这一?单|就这一单|只接了我们|只做了我们|只给我们")
# "今年就接了这一单", "本年度无其他业务": the speaker's year holds this money alone.
ONE_JOB_YEAR = re.compile(
    r"(今年|全年|本年度?|这一年)[^，,。？?]{0,6}(就|只|仅|唯一)[^，,。？?]{0,6}(这|一)[一个]?(单|部|个剧组|个项目|笔)|"
    r"唯一一?单|(今年|全年|本年度?)[^，,。？?]{0,4}(没|无)(有)?(别的|其他|其它)|就这一?单|只有这一?单|"
    r"(今年|全年|本年度?)[^，,。？?]{0,12}(就|只有|仅|只)(这|那)[两三四五六几](单|笔|个项目|部)|"
    r"(今年|去年|全年|本年度?)[^，,。？?]{0,4}(就|只)接了(这)?一(个|单)(单子|项目|活)?|"
    # "这也是我们今年唯一的技术服务收入", "that's our whole 2025 technical service revenue"
    r"唯一的[^，,。？?]{0,6}收入|(就是|也就是|就)这(笔|一笔)?[^，,。？?]{0,2}收入|"
    # "甲片300万、乙片250万、丙片150万，这是我们全年的技术服务收入"
    r"(这|这些|以上)(就)?(是|为)(我们|我司|公司)?(全年|今年|本年度?|一年)(全部|所有)?的?[^，,。？?]{0,6}收入|"
    r"(?i:(our )?(whole|entire|only|total)[^.?!]{0,16}revenue)"
)
# An amount said as the year's total ("全年技术服务收入1200万"), beside a project's fee.
YEAR_TOTAL_BEFORE = re.compile(
    r"(全年|年度|一年|今年总|今年一共|今年全部|全年的)[^，,。；;？?]{0,10}$"
)
# Months of a year ("1-9月", "前三季度", "上半年"): part of the year's total said beside it.
MONTHS_OF_YEAR_BEFORE = re.compile(
    r"(\d{1,2}\s*[-—~到至]\s*\d{1,2}\s*月|前[一二三两]季度|前\d{1,2}个月|上半年|截至\d{1,2}月|"
    r"[一二三四1-4]季度)[^，,。；;？?]{0,12}$"
)
SAME_MONEY = re.compile(
    r"这笔|这些钱|这钱|这个钱|同样|一样的|换成|改成|花在|用在|算在|放在|用于|拿去"
)
REVENUE = re.compile(r"收入|营收|营业额|收了|进账|产值|流水|挣了|赚了")
# "投5000万建个棚": 投 right before the figure invests it
INVESTMENT = re.compile(r"投入|投资|投了|造价|总投|建设费|建设资金|(?<![总再])投$")
# "分别/各自" alone: several claims of one measure, or (with several measures) one per measure.
EACH = re.compile(r"分别|各自")
# Each of several awards asked: "分别能补多少", "两项各多少", "What would each subsidy be?".
EACH_ASKED = re.compile(
    r"分别|各自|各(能|可以)?(补|拿|是|有)?多少|(两|几)(项|个)都|(两|几)(项|个)一起[^，,。？?]{0,4}算|"
    r"(?i:\beach\b|\bboth\b)"
)
SEVERAL = re.compile(
    r"各[花投收在]|两笔|[两三四五几多]单|一单[^，,。]{0,12}一单|几笔|多笔|每笔|每部|每个项目|[两三四五几多]个[^，。,]{0,4}(项目|剧组|片子)|"
    r"(影视棚|摄影棚|棚)[^，,。；;]{0,10}\d[^。；;]{0,10}[，,；;]\s*(专业)?楼宇[^，,。；;]{0,10}\d|"
    r"(专业)?楼宇[^，,。；;]{0,10}\d[^。；;]{0,10}[，,；;]\s*(影视棚|摄影棚)[^，,。；;]{0,10}\d|"
    r"那(一)?部[^。]{2,30}那(一)?部|"
    r"第[一二两三四五2-5]单|[两三四五几多]部|一部(片|戏|电影|剧).{0,12}另一部|一部[^，,。；;]{0,12}[，,；;]\s*(另)?一部|第[一二两三四五]个?(项目|部|个剧组)|"
    r"另一(个|部)(项目|片|戏|剧|网剧|电影|剧组)|剧组[A-Z甲乙丙]|[一二两三四五六七八九1-9]号(棚|项目)|"
    r"《[^》]+》[^《]{0,40}《[^》]+》|[A-Z甲乙丙](影视)?(片|剧|组|项目|棚|楼|专业楼宇)|"
    r"两(部|个)(戏|片|剧)|俩(项目|片子?|部|个项目|剧)|(还有|又|另外)一部|(还有|又有|另外还有)(一)?个项目|"
    r"一个[^，,。；;\d]{0,8}\d+[^，,。；;]{0,4}[，,]\s*(另)?一个[^，,。；;\d]{0,8}\d|[两三四]家(片方|制片方|出品方|影业|制片公司)|"
    r"(?i:\b(two|three|four|several)\s+(projects|films|series|shows|movies|dramas|productions|features)\b|"
    r"\b(project|series|film|movie)\s+[2-9B-D]\b|"
    r"\b(project|series|film|movie|show)\s+(?-i:[A-Z])\b.{1,200}\b(project|series|film|movie|show)\s+(?-i:[A-Z])\b)"
)
# "那乙公司呢？乙今年给另一个剧组做了700万": another company's own amount, not added to ours.
# "…他们能拿吗", "那家公司能不能申请": the award of the company the figures are of, asked
THEIR_AWARD_ASKED = re.compile(
    r"(他们|它们?|他家|她们|对方|那家|这家|人家)[^，,。？?]{0,6}(能|可以|可|能否|能不能)"
    r"(拿|申请|补|领|享受|获得)"
)
# "入选了国家的一个规划": listed, in which list not said
LISTED_SOMEWHERE = re.compile(r"(列入|入选|进了|选上|上了)[^，,。？?]{0,10}(规划|工程|计划|名单)")
# "先别按500万算", "500万那个数不算数": the figure named, not to be worked with
NOT_BY_IT = re.compile(
    r"(先)?(别|不要|不能|先不)按[^，,。？?]{0,10}(算|计算|测算)|那个数不算数|不作数"
)
# "那B剧呢？B剧…300万", "那我们另一部片子呢…190万": the other one asked about alone, not
# added to the one before (not "那一共呢", "两部加起来呢")
OTHER_ONE_ALONE = re.compile(r"^(那|那么|那如果)?[^，,。？?]{0,14}呢\s*[？?，,。！!]")
ANOTHER_COMPANY = re.compile(
    r"[乙丙丁BCD](公司|企业|子公司)呢|(另一家|另外一家)[^，,。？?]{0,4}(公司|企业|子公司|机构)"
)
# "同一个项目又花了350万，两笔加起来": the same project's money, one claim however counted.
SAME_PROJECT = re.compile(
    r"同一(个)?(项目|部|片子|剧组|部戏|部片)|同个(项目|剧组)|(还|也|都)是这(个|一)?(项目|部片子?|部剧|部戏|部电影)"
)
# The project the award received was for is this one ("同一部片子…这个项目还能再拿多少").
THIS_PROJECT = re.compile(
    SAME_PROJECT.pattern
    + r"|这个项目|该项目|本项目|这部(片|电影|剧|戏)(?!新)|这个片子|这一部|再拿|还能拿|再补"
)
# "两部片子各花了550万", "每个150万": one amount for each of several projects.
EACH_BEFORE = re.compile(r"(各|每部|每个项目|每个|每家|每笔)[^,，。]{0,10}$")
COUNT = re.compile(
    r"([两二三四五六七八九十2-9])(部|个(?!月)|家|笔)(片|戏|电影|剧|项目|剧组|影片|片子)?"
)
# "去年…1500万，今年…260万": with a current-year amount, an earlier year's is not the base.
# Several years asked together: "两个年度的奖励各是多少、合计多少", "两年各能拿多少"
YEARS_TOGETHER = re.compile(
    r"(两|三|几|这两|这几|各)个?(年度|年)[^，。,；;]{0,12}(各|分别|合计|一共|总共|加起来|共)|"
    r"(各|每)(个)?(年|年度)[^，。,；;]{0,6}(各)?(能|可以|可)?(拿|补|奖|获)|分年度|逐年"
)
THIS_YEAR = re.compile(r"今年|本年|本年度|当年")
# "今明两年…加起来", "今年和明年的协拍补助加起来": this year's and next year's asked together
THIS_AND_NEXT_TOGETHER = re.compile(
    r"(今明两年|今年和明年|今年跟明年|今年与明年|今年加明年)[^。？?]{0,12}(加起来|合计|一共|总共|共|各|分别)"
)
# A year by its number ("2024年度", "2025年"): the four digits.
NAMED_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
# "25年技术服务收入300万、26年800万": a year of this century by its last two digits (not a
# span of years: "做了25年", "成立20年")
SHORT_YEAR = re.compile(
    r"(?<![\d.了干做有近满第共立营业过历达])(2\d)\s*年(?!代|多|来|以上|左右|里|间|内|了|前|后)"
)
# "25、26、27三年…分别是180万、260万、520万": years listed, their figures said after in order
YEARS_LISTED = re.compile(
    r"(?P<list>(?:(?:20)?2\d年?\s*[、，,和及与]\s*){1,3}(?:20)?2\d)\s*"
    r"(?:年度?|这?[两三四]个?年)"
)


def asked_of_others(pattern: re.Pattern[str], text: str) -> bool:
    """Does the text ask of another party by the pattern, not of the speaker named by its role
    ("我们制片方能拿多少": the speaker)?"""
    return any(
        not (
            re.match(r"(制片方|片方|出品方|出品单位|制片公司)", m.group(0))
            and re.search(r"(我们|我司|咱们|我方)(这个|这边的?|作为)?$", text[: m.start()])
        )
        for m in pattern.finditer(text)
    )


def named_years(text: str) -> list[str]:
    """The years a text names, as four digits ("2025年", "25年" → "2025"), in order."""
    found = [(m.start(), m.group(1)) for m in NAMED_YEAR.finditer(text)]
    found += [(m.start(), "20" + m.group(1)) for m in SHORT_YEAR.finditer(text)]
    return [year for _, year in sorted(found)]


# "300到400万", "300-400万": a range is not an amount to compute with.
RANGE_BEFORE = re.compile(
    r"[\d零一二两三四五六七八九十百千万多]+(\.\d+)?\s*(万|千)?\s*(到|至|-|~|～|—)\s*$"
)
# "总预算3000万，其中…": a total whose parts follow; "其余/剩下…": the part that is not.
WHOLE = re.compile(
    r"一共|总共|合计|共计|总计|总额|总数|总金额|总预算|总投资|总投入|总花费|总费用|总开销|总营收|总成本|总收入|"
    r"加起来|合起来|加(在)?一起|合在一起|全部|"
    # "就这两单共800万", "三笔共计…": the items counted, then 共
    r"[这那两三四五六几][单笔项部个家样]共"
)
# What starts the breakdown of a total: "总共1500万，其中…", "合计1200万（含…）".
BREAKDOWN = re.compile(r"其中|里面|里头|当中|包括|包含|含|[：:]|(?i:\bof which\b|\bincluding\b)")
# A clause that starts a total's breakdown: "其中…", "of which 1.5 million…".
BREAKDOWN_START = re.compile(r"\s*(其中|(?i:of which|out of which|of that|of this)\b)")
# One amount said of two kinds of spend together ("A和B加起来一千万").
LUMPED = re.compile(r"(和|加|及|跟|与)[^，。,]{0,10}(加起来|合起来|一共|总共|合计|共)")
# ("另外的是上海一家公司做的"; not "另外我们参与的剧本是在上海立项的": a new subject)
REMAINDER = re.compile(
    r"^(其余|剩下|剩余|余下|其他|另有|另外(?!我们|我司|咱们|我|还有|问)(?=[^，。,]{0,8}[是为属]))"
)
# The speaker's company did the work for the applicant ("委托我们的剧组", "我们给重庆一个剧组
# 做特效"), from dev-compound's messages of vendors: the vendor's place is the speaker's.
SPEAKER_SERVES = re.compile(
    r"(委托|找|交给|外包给|包给|请)(了)?我们|(付|支付|打款|转账)给(了)?我们|"
    # not "我们是第一出品单位，电脑特效委托给重庆一家公司做" (we are the client there)
    r"我们[^。；;？?!！]{0,16}?(?<![交包转送发付卖借托])(给|为|帮|替)[^，。；;？?,]{0,12}"
    r"(做|制作|提供|承接|承制|租|出租|搭建)|"
    # "我们是…做电脑特效的公司（乙方），刚给北京一家影视公司的电影做完特效": the vendor speaking
    r"我们[^。；;？?!！]{0,24}[（(]乙方[）)]|"
    # "我们是成都的后期公司，给重庆甲影业（第一出品单位，项目已备案）做调色剪辑"
    r"我们[^。；;？?!！]{0,16}?(?<![交包转送发付卖借托])(给|为|帮|替)[^，,。；;？?]{0,10}"
    r"[（(][^）)]{0,30}[）)]\s*(做|制作|提供|承接|承制)|"
    r"(?<![交包转送发付卖借托委])(刚|刚刚|已经|今年|去年|最近)给(?!我们|我司)[^，。；;？?,]{0,12}(做完|做了)|"
    # "今年给重庆一个剧组租设备收了650万": the speaker serving a crew, its subject unsaid
    r"(?<![交包转送发付卖借托])给[^，。；;？?,]{0,8}剧组[^，。；;？?,]{0,4}(做|提供|租|出租|搭建)[^，。；;？?,]{0,8}收|"
    # "我们是重庆的特效公司，社保25人。给上海一部电影做电脑特效": the next sentence's 给…做
    r"我们是[^。；;？?]{0,12}(公司|机构|工作室|团队)[^？?]{0,30}?[。；;]\s*"
    r"(给|为|帮|替)[^，。；;？?,]{0,12}(做|制作|提供|承接|承制)|"
    # "同一个剧组的设备租赁费是按月收的": a crew's fee the speaker collects
    r"剧组的[^，。；;？?,]{0,10}(按月|按集|按天|分期)收"
)
# The applicant asked about is the speaker's client ("剧组那边能补多少"): an amount the speaker
# received ("收了350万") in that sentence is what the client spent.
# (the first producer only pointed at — "那这部电影的第一出品单位" — the speaker is often one)
CLIENT = (
    r"(剧组|片方|制片方|出品方|委托方|甲方|客户|对方|他们|(那|这)[^，,。？?]{0,6}的?(第一)?出品单位)"
    r"(那边|那里|那方)?"
)
# Whose award is set aside or asked alone, in a message about a company and its client:
# "我们的不用算" / "我们公司自己的先不算" (the speaker's not asked), "客户的事不用管" / "客户那边的
# 回头再说" (the client's not asked), "先问我们自己这块" / "来电人只问本公司" (the speaker's alone).
PARTY_SET_ASIDE = (
    r"[^，,。？?；;]{0,6}(不用算|先不算|不算|不用管|先不管|不用问|回头再说|以后再说|再说)"
)
OURS_SET_ASIDE = re.compile(
    r"(我们|我司|本公司)(的|自己的|公司自己的|这边的|这块)" + PARTY_SET_ASIDE + "|"
    # "我们自己的奖励我已经知道了，只关心客户那边的"
    r"(我们|我司|本公司)(自己)?的[^，,。？?]{0,6}(已经知道|知道了|算过了|已经算过)|只关心(客户|片方|对方)"
)
THEIRS_SET_ASIDE = re.compile(CLIENT + r"(的事|的)?" + PARTY_SET_ASIDE)
OURS_ALONE = re.compile(r"(先|只|就)问(我们|本公司|我司)|只问本公司|(先|只)算(我们|本公司)")
# The speaker is the service company ("我们是重庆一家做后期特效的公司", "来电人为重庆某后期制作
# 公司"), not its client.
SPEAKER_IS_COMPANY = re.compile(
    # (not "我们出品方付给重庆一家后期公司": the company paid)
    r"((我们|我們|来电人|來電人)(是|為|为|[:：])|^)(?:(?!付给|委托|交给|外包|找了|请了)[^，。,；;]){0,14}"
    r"(协拍|協拍|后期|後期|特效|视效|視效|置景|技术|技術|服务|服務)"
    r"[^，。,；;]{0,8}(公司|机构|機構|企业|企業|工作室)"
)
# "7月8日在永川发布的那个政策", "市文旅委发布的那个科技影视激励政策": a claim of when or by
# whom the policy was issued, said on the way to a question (checked against the kb).
ORIGIN_CLAIM = re.compile(
    r"(\d{1,2}月\d{1,2}[日号]|[\u4e00-\u9fff]{1,6}(委|局|部|厅|办|政府))[^，,。？?]{0,10}"
    r"(发布|出台|印发|发的|出的)的?(那个|这个)?[^，,。？?]{0,10}政策"
)
# An event named in a question ("上海国际电影节"): the kb covers it only if it names it.
EVENT_NAME = re.compile(
    r"(?P<name>(?:(?![的了在和与届年是个这那次篇期间])[\u4e00-\u9fff]){2,8}?)(?:国际)?"
    r"(?:电影节|电影周|电视节|艺术节|论坛|博览会|展会)"
)
EVENT_NAME_FILLER = re.compile(r"^(今年|去年|明年|本届|上届|下届|那场|这场|参加|举办|召开)+")
# A title of a person ("现任院长", "所长", "最佳视效奖得主", "头衔").
# A person's biography, which the articles do not give (from the development sets' questions
# about the people quoted): their films, staff, age, nationality, schooling, revenue.
BIOGRAPHY_ASKED = re.compile(
    r"拍过|新片|票房|员工|多少人|年龄|多大|几岁|岁数|国籍|哪国|哪里人|英国人|美国人|毕业|学历|"
    r"研究生|实习生|招聘|招不招|招人|在招|总部|营收|年收入|出生|家乡|身价|"
    # how to reach them, where they are, what they have done ("实验室在哪、对外开放参观吗")
    r"邮箱|微信|电话|手机|联系方式|住址|地址|参观|对外开放|做过哪些|做过什么|代表作|英文名|怎么拼|"
    r"(?i:linkedin)|领英|"
    # an award of theirs ("是不是领了奖？领的是什么奖"): only a paragraph naming one says
    r"(?<=领了|获了|得了|什么|拿过|拿了|领过|获过)奖"
)
TITLE_WORD = re.compile(
    r"院长|校长|所长|主任|得主|创始人|局长|部长|教授|总裁|董事长|头衔|职务|职位"
)
# Who someone is, asked: "克里斯·布兰博是哪家公司的", "张升是什么身份".
IDENTITY_ASKED = re.compile(
    r"哪家公司|什么公司|哪个公司|哪个单位|什么单位|哪家单位|什么身份|什么人|什么来头|什么背景|"
    r"哪个机构|什么机构|在哪(里|儿)?(工作|任职|上班)|是做什么的|是干什么的|是谁[？?]?$|"
    r"(?i:\bwho(?: i|')s\b)"
)
# Words the question quotes as someone's ("贾樟柯说“因为资本，才有电影”").
QUOTED = re.compile(
    r"(?:说|讲|称|表示|说道|提到|那句话?)[：:，,]?\s*[“\"「『]([^”\"」』]{4,40})[”\"」』]"
)
# The rest of a line asked for ("后半句是啥来着", "原话是什么").
QUOTE_ASKED = re.compile(r"后半句|下半句|前半句|上半句|下一句|上一句|原话|原句|怎么说的来着")
# A name asked for ("北影那位原来的副院长叫啥名字").
NAME_ASKED = re.compile(r"叫(啥|什么)(名字)?|(什么|啥)名字|姓(啥|什么)|是哪位")
# Where someone is now, which a former title ("原副院长") does not say ("侯克明现在在哪个单位
# 任职", "退休了吗"; not "现在还是副院长吗", which the former title answers).
NOW_ASKED = re.compile(
    r"(现在|目前|如今|还在)[^，,。？?]{0,6}(在哪|哪个单位|哪家单位|哪里|做什么|干什么|任职|上班|工作)|"
    r"退休"
)
# An article's authors or outlet asked ("哪两位记者写的", "哪家媒体发的").
BYLINE_ASKED = re.compile(
    r"(哪|几)(两|几)?(位|个)记者|记者(是谁|叫什么|是哪)|谁写的|(?<!创)作者(是谁|叫什么|是哪)|哪家媒体|"
    r"什么媒体|哪个媒体|哪家报纸|哪家报社|出处|(媒体|报纸|报社)[^，,。？?]{0,4}(发|刊)|"
    # "…的稿子是人民日报记者写的吧": a byline claimed
    r"记者[^，,。？?]{0,4}(写|采写|发)的|(日报|晚报|报社|新华社|通讯社|电视台)[^，,。？?]{0,6}(写|采写|发|刊发)的"
)
# A person pointed at by what they said or did, not by name ("那个说…的外国嘉宾").
DESCRIBED_PERSON = re.compile(r"嘉宾|那位|那个(人|外国人|老外|专家|导演|老师)|外国(人|朋友)|老外")
# A byline ("新重庆-重庆日报记者 兰世秋 周双双").
BYLINE = re.compile(r"记者\s*[\u4e00-\u9fff]{2,3}(\s+[\u4e00-\u9fff]{2,3})*\s*$")
# The policy's own name asked for ("政策的全称叫什么"), and a title that gives it.
POLICY_NAME_ASKED = re.compile(r"(政策|文件)[^，,。？?]{0,4}(全称|全名|正式名称|名称|标题|文件名)")
DOCUMENT_TITLE = re.compile(r"《[^》]{6,}》")
# Who issued the policy, claimed or asked ("这个政策是市文旅委单独发的？", "政策由哪些部门出台"):
# the news names the issuers, whatever body the question names.
ISSUER_ASKED = re.compile(
    r"政策[^，,。？?]{0,3}(是|由)[^，,。？?]{0,16}(发布|出台|印发|发的|出的|联合)"
    r"|(哪|什么)(个|些|几个)?(部门|单位|机关)[^，,。？?]{0,6}(发|出台|发布|印发|联合)"
    r"|(几|多少)(个|家)(部门|单位|机关)[^，,。？?]{0,4}(参与|联合|发布|出台|发|印发)"
    r"|(?i:\bwhich\s+(government\s+)?(bodies|departments|agencies|authorities|offices)\b"
    r"|\bwho\s+(jointly\s+)?(issued|released|published)\b)"
)
# "客户和我们各能拿多少", "我们自己呢": our own claim asked beside the client's.
OWN_TOO = re.compile(
    r"和我们|跟我们|我们(自己|公司自己)?(也|各|又)|我们自己|各能|各自|我们(能|可以)(补|拿|领|申请)"
)
# The client named as the one asking for ("我们客户（第一出品单位）能拿多少"), by the company
# that served it; and the speaker who is the client itself ("我们是出品方").
FOR_THE_CLIENT = re.compile(
    r"(客户|剧组|片方|制片方|出品方|第一出品单位|甲方)(那边|那里|的制片方)?[^，,。？?]{0,6}"
    r"(能|可以|可)?(补|拿|申请|享受|领)|"
    # a numbered question of its own ("1. 剧组的制片方用了我们这些本市的设备道具，能拿多少")
    r"(^|[:：；;。\s])[1-9一二三][.、．)）]\s*(剧组|客户|片方|制片方|出品方|第一出品单位|甲方)"
    r"(?:(?!我们自己|我司自己)[^。；;？?]){0,20}(能|可以|可)(补|拿|申请|享受|领)"
)
# A service company's own award asked beside its client's ("2）协拍公司能补多少", "这家后期公司
# 自己能拿多少"): both parties are asked.
COMPANY_AWARD_ASKED = re.compile(
    r"(协拍|后期|特效|置景|服务|技术)[^，,。？?；;]{0,6}(公司|机构|企业)[^，,。？?；;]{0,10}?"
    r"(自己)?(能|可以|可)?(补|拿|奖|申请|获得)[^，,。？?；;]{0,4}(多少|吗|几)|"
    # "那家后期公司年度技术服务收入1,100万元，它能拿多少"
    r"(协拍|后期|特效|置景|技术)[^，,。？?；;]{0,6}(公司|机构|企业)[^？?。]{0,30}[，,]\s*(它|他们|该公司)"
    r"(自己)?(能|可以|可)?(补|拿|奖|申请|获得)"
)
SPEAKER_IS_CLIENT = re.compile(
    r"我们(是|这边是|作为)?[^，,。？?]{0,8}?(出品方|出品公司|出品单位|制片方|制片公司|剧组|片方)"
    r"|我们剧组|我们(是|作为)甲方"
)
# (past a comma, not past the speaker: "那这部电影的第一出品单位，因为委托了我们做特效，它能拿
# 多少", not "剧组付了我们600万，我们能拿多少")
CLIENT_ASKS = re.compile(
    CLIENT
    + r"(?:(?!(我们|我司|咱们)(自己|公司|这边)?(能|可以|可|还能))[^。？?]){0,20}?(它|他们)"
    # ("他们那边按摄影棚设备那条能拿多少")
    + r"((那边|那里)[^，,。？?]{0,10}?)?(能|可以|可)(补|拿|申请|享受|领)"
    "|" + CLIENT + r"[^，,。？?]{0,6}(补|拿|申请|享受|领)"
)
# "我们是北京的后期公司", "我们公司在两江新区": the speaker's own place (its {place} is filled in).
SPEAKER_AT = r"我们(公司|这边|团队|工作室)?(是|在|注册在|位于)[^，。；;？?,]{{0,6}}?({place})"
# "花了750", "特效费用260": a number of a spend without its unit; "单位是万": the unit said next.
BARE_NUMBER = re.compile(
    r"(花了|花费|费用|收入|营收|投入|投了|投资|租金|棚租|合同额?|金额|收了|一共|总共|合计|共计)"
    r"(是|为|了|约|大概|共)?\s*"
    r"(?P<n>\d+(?:\.\d+)?)(?![\d.%％万亿元千百wW块个人年月日号天集部])"
)
# A number with no unit at all ("不是800是880"), not a count, a date, an ordinal or a rate.
BARE_ANY = re.compile(
    r"(?<![\d.第])\d+(?:\.\d+)?(?![\d.%％万亿元千百wW块个人名位年月日号天集部期])"
)
UNIT_ONLY = re.compile(
    r"^(?:(?:金额)?单位|是|都是)?(?:是|为|用的是)?\s*(?P<unit>万元|万|元|亿元|亿|块)(?:哈|的|啊|呀|哦|吧)?"
    # (what follows the unit is said too: "单位是万，重庆的棚。能补多少")
    r"(?:[。.！!]?$|[，,；;。.]\s*(?P<rest>.+)$)"
)


def with_unit(text: str, unit: str) -> str | None:
    """The earlier message with its bare number given the unit said now."""
    bare = BARE_NUMBER.search(text)
    if bare is None:
        return None
    return text[: bare.end("n")] + unit + text[bare.end("n") :]


# Figures beside a spend that are not it, from dev-money and probing: a price per day or
# month ("每天3万", "150万一个月"), a comparison ("比去年的600万"), another project's
# ("上个项目…600万"), a foreign currency, a result the user computed ("算出来是200万").
PER_PERIOD_BEFORE = re.compile(
    # not "第一个月150万" (that month's payment)
    r"(?<!第)(每天|每日|一天|日租|每月|每个月|一个月|月租|每周|一周|每集|一集|每场|(每年|一年|年)(的)?租金)"
    r"(的)?(租金|费用|价格)?"
    r"[是为要约得花]{0,2}$"
)
# An amount said per month, and how many months it was paid for.
PER_MONTH_BEFORE = re.compile(r"(每个?月|按月)[^，。,；;\d]{0,4}$")
# "日租金8万元，一共租了75天": an amount per day, and the days counted after it
# "每平方米造价4500元", with "新建影视棚6000平方米": a price per square metre, and the area
PER_AREA_BEFORE = re.compile(r"(每|单)(平方米|平米|㎡|平)[^，。,；;\d]{0,4}$")
AREA = re.compile(r"(?P<n>\d[\d,]*)\s*(平方米|平米|㎡)(?![^，。,；;]{0,3}\d)")
PER_DAY_BEFORE = re.compile(r"(日租金?|每天|每日|一天|按天)[^，。,；;\d]{0,4}$")
DAY_COUNT = re.compile(
    # (the days rented or paid; the days shot, "拍了100天", may not all be rented)
    r"^[^。？?！!]{0,12}?(一共|共|总共|连续|合计)?(租|用|付|计)了?[^，。,；;\d拍]{0,2}"
    r"(?P<n>\d{1,3}|[一二两三四五六七八九十百]+)\s*天"
)
# "每集…18万元", with "一共36集" said in the message: an amount per episode, and their count.
PER_EPISODE = re.compile(r"(每|一|单)集")
EPISODE_COUNT = re.compile(r"(?P<n>\d{1,3}|[一二两三四五六七八九十百]+)\s*集(?![数里中])")
PER_MONTH_AFTER = re.compile(r"^(元)?\s*(/|每|一)(个)?月")
MONTH_SPAN = re.compile(
    r"(?P<a>\d{1,2})\s*月?\s*(到|至|-|~|—|－)\s*(?P<b>\d{1,2})\s*月(份)?[^，。,；;\d]{0,6}$"
)
MONTH_COUNT = re.compile(
    r"^[^。？?！!]{0,12}?(一共|共|总共|连续|合计|付了|干了|做了|租了|拍了)[^，。,；;\d]{0,3}"
    r"(?P<n>\d{1,2}|[一二两三四五六七八九十]+)\s*个月|"
    # "每月45万，12个月都收到了"
    r"^[^。？?！!\d]{0,4}(?P<m>\d{1,2}|[一二两三四五六七八九十]+)\s*个月(都|全)?(收到|付|结|到账)"
)
PER_PERIOD_AFTER = re.compile(r"^(元)?\s*(/|每|一)(天|日|月|个月|周|集|场)")
COMPARED_BEFORE = re.compile(r"比[^，。,；;]{0,8}$")
OTHER_PROJECT = re.compile(
    r"(上个|上一个|上一部|上部|之前的|之前那个|前一个|另一个|另外一个|另一部|另外一部|别的)(项目|片子|戏|剧(?!组)|电影)"
)
# Another company's figures, said for comparison ("隔壁XX影业…他们棚费是1000万"), unless the
# sentence turns back to the speaker after naming it ("朋友公司帮我们做的特效300万").
OTHER_PARTY = re.compile(
    # not "别的剧组", "别家棚" (a vendor's clients, a studio rented), nor a sister company
    # asked about ("那我们兄弟公司呢")
    r"隔壁(?!棚|的棚|剧组)|(?<!别)人家(?=公司|影业|那边|的)|同行|友商|(其他|别的|另外的)(公司|企业|单位)|"
    # "隔壁剧组在重庆棚里花了2000万" (not a client: "给隔壁剧组做了置景300万")
    r"(?<![给为帮替])隔壁剧组|"
    # "我们合作的灯光公司（另一家公司）也给同一个剧组做了600万"
    # (not the vendor paid: "虚拟拍摄委托重庆另一家公司完成")
    r"(?<!委托)(?<!交给)另一家公司(?=[）)]?\s*(也|还)|[^，,。]{0,3}(做了|收了))|"
    r"合作的[^，,。]{0,6}(公司|企业)"
)
# "委托重庆另一家公司", "交给北京另一家": the company named after it is the one paid
HIRED_BEFORE = re.compile(r"(委托|交给|外包给|找了|请了|包给)[^，,。；;]{0,6}$")
# "帮他们问问按后期那条能拿多少": the award of the company the speaker paid, asked alone
THEIRS_ALONE = re.compile(
    r"(帮|替|代)(他们|它|乙方|对方|供应商|那家公司|他家|这家公司)[^，,。？?]{0,4}(问|咨询|算|查)"
)
OWN_PARTY = re.compile(r"我们|我司|咱们|我方|本公司|我家|我这边|我公司")
# "…还有一家重庆灯光公司做了900万，那是他们的单子": the amount said is another party's.
THEIRS_AFTER = re.compile(r"^[^。？?！!；;]{0,18}(那|这)?(是|算)(他们|人家|对方)(的|自己的)")
# The speaker introduced as a company by what it does: "我们是重庆做配音剪辑的小工作室".
SPEAKER_COMPANY = re.compile(
    r"\s*我们(是|这边是|家是)[^，。,；;]{0,16}(公司|工作室|团队|机构|企业)\s*"
)
# What the speaker's company does ("主要做调色和特效合成"): its own line of business.
BUSINESS_LINE = re.compile(
    r"主要(做|从事|负责|搞)|专(门)?(做|搞)|主营|(业务|活儿?)(是|主要是|包括)"
)
# A company named by what it does, alone in a clause ("后期公司，在永川，…").
BARE_COMPANY = re.compile(
    r"\s*(我们|我司|本公司)?(是)?[^，。,；;\d]{0,8}(公司|工作室|团队|机构|企业)\s*"
)
# The client's award asked, or who receives it: "那我们的客户呢", "这笔补助给谁".
CLIENT_TURN = re.compile(
    r"(客户|片方|剧组|出品方|第一出品单位|制片方)(那边)?呢|给谁|谁(能|来|可以)?(拿|申请|领)"
)
# What a service company earned: "收了650万", "再接一单30万的调色".
EARNED = re.compile(
    r"收了|收入|营收|接(了)?(一|这)单|接了|结给我们|付给我们|进账|(按月|按集|按天)?收的|收款"
)
# The client of a service company, named: "剧组那边", "客户", "片方".
CLIENT_SIDE = re.compile(r"剧组|客户|片方|制片方|出品方|甲方")
# "这150万应该按投资比例分他们60万": an award being shared out, not a spend.
SPLIT_BEFORE = re.compile(r"分(给)?(他们|她们|对方|我们|人家)\s*$")
SPLIT_AFTER = re.compile(
    r"^[^，。,；;]{0,3}(应该|要|得)?(按[^，。,；;]{0,8})?分(给|他们|她们|成|一部分|出)"
)
# "剧组那边自己算过能拿满1000万，这个不用管", "他们的事我们不管": another party's figures,
# set aside by the speaker.
SET_ASIDE = re.compile(
    r"(这个|这些|这|那个|他们的事|他们那边|人家的事|跟我们)[^，。,；;]{0,4}"
    r"(不用管|不管|没关系|无关|不关我们|不用算|先不算|不需要算)"
)
FOREIGN_CURRENCY_AFTER = re.compile(r"^\s*(美元|美金|港币|港元|欧元|日元|英镑|卢布|韩元|新台币)")
# A head count claimed as the rule ("要求交社保的人不少于5人", "社保人数要求不是5人以上吗"),
# not one stated ("社保4人"): corrected from the clause when it is not the clause's.
STAFF_CLAIM = re.compile(
    r"(要求|规定|门槛|必须|需要|得)[^，,。？?\d]{0,6}(不少于|不低于|至少|最少|满|达到)?\s*"
    r"(?P<n>\d+|[一二两三四五六七八九十])\s*(个)?人(以上|及以上|或以上)?|"
    r"(不少于|不低于|至少|最少)\s*(?P<m>\d+|[一二两三四五六七八九十])\s*(个)?人"
)
# Whether the award is lost or capped, asked beside a calculation ("我们只有4个是不是没戏了",
# "是不是每部都封顶"): the calculation's conclusion and steps answer it.
VERDICT_ASKED = re.compile(
    r"没戏|没资格|不够格|够不上|够不着|申请不了|拿不到|拿不了|不能拿|不行了|泡汤|封顶|到顶|顶格"
)
# A result offered for confirmation ("按20%算是不是1100万？", "15%是540万吧？"): the award asked.
RESULT_ASKED = re.compile(
    r"(\d+(\.\d+)?\s*[%％]|补助|补贴|奖励|能拿|能补|可以拿|可以补)[^，,。？?]{0,6}"
    r"(是不是|是|就是|有)[\d一二两三四五六七八九十百千.]+\s*(万|亿)(元)?(吧|吗|啊|呀|哈)?\s*[？?]"
)
# "丙公司问能否申请数字服务补助", "丁公司问能否以自己名义申请": a party named in a note,
# asking its own award
PARTY_ASKS_OWN = re.compile(
    r"(公司|单位|机构|来电人|来电企业)[^，,。？?]{0,4}(问|咨询|想知道)[^，,。？?]{0,6}"
    r"(能否|能不能|可否|是否可以|可不可以|是否能)[^，,。？?]{0,8}(申请|拿|获得|享受)|以自己(的)?名义申请"
)
# A numbered note ("1. …1300万元；2. 请一并告知…"): its items are the case, each answered
NUMBERED_NOTE = re.compile(r"(^|[\s。；;：:])1\s*[.、．)）]\s*[^。；;]+[。；;]\s*2\s*[.、．)）]")
# "客户很多是重庆的剧组", "业务主要来自重庆": where the clients are, not the company
CLIENTS_PLACE = re.compile(
    r"(客户|甲方|合作方|业务|订单)(很多|大多|大部分|主要|基本|都)?(都)?"
    r"(是|在|来自)"
)
# "按15%算是600万？": the result of a rate, whatever came before it in the message
RATE_RESULT_BEFORE = re.compile(
    r"按\d+(\.\d+)?%[^,，。\d]{0,4}(算|计算|来算)?(的话)?(是|就是|得|等于|能拿|能补)$"
)
RESULT_CLAIM = re.compile(
    r"((应该能拿|能拿到|可以拿到|能补到|应该补)[是有]?|按\d+(\.\d+)?%[^,，。]{0,4})"
    r"[^,，。\d]{0,2}$|"
    # "…，应该是180万吧？", "…，补240万？": a result the caller offers
    r"(?:^|[，,。；;\s])(?:那|所以)?(?:应该是|应该有|就是|补|奖|拿|领)$|"
    # "在重庆摄影棚用了八百万，算下来应该是160万吧？"
    r"(?:算下来|算出来|这么算|这样算|按这个算)(?:的话)?(?:应该|大概)?(?:是|有|能拿|能补)?$|"
    # "合同结算3600万。15%是540万吧？": the rate, then the result the caller offers
    r"\d+(\.\d+)?\s*[%％](算)?(的话)?(是不是|是|就是|应该是)$"
)
# "已经预付了300万，尾款600万": a payment of a contract, a part of its total.
PAYMENT_PART = re.compile(
    r"预付|首付|定金|订金|尾款|首款|已付|付了|还欠|欠款|分期|第[一二三四五六七八九\d]期"
)
# "900万（含税），不含税850万": one spend said with and without tax.
TAX_RESTATED = re.compile(r"含税|不含税|税前|税后|未税|净额")
# "A号棚 2,150,000 B号棚 1,870,500 小计 4,020,500": a table's subtotal of the lines above.
SUBTOTAL = re.compile(r"小计|合计|总计|共计")
# "1月30万…6月40万，下半年一共250万": the sum of another period or item, not of the ones before.
# Money spent beside what was said ("后来还在另一家棚拍了一段", "另外还付了…"): more of it
MORE_SPENT = re.compile(
    r"(后来|另外|此外)?还[^，,。？?]{0,4}(在|找|用|付|花|租)|另一家|别家|其他(家|地方)"
)
# A part of the year named ("四季度", "12月", "下半年", "Q4"): its amount is one of the year's
PART_OF_YEAR = re.compile(
    r"[一二三四1-4]季度|(?i:\bQ[1-4]\b)|(?<!\d)\d{1,2}月(份)?(?!\d)|[上下]半年"
)
ANOTHER_PERIOD = re.compile(r"下半年|下季度|[二三四]季度|后[两三四五六]个月")
# "不过明年预计能到500万": a figure of a year to come, not this year's
NEXT_YEAR_BEFORE = re.compile(
    r"(明年|下一年|下个年度|下年度|后年|(?i:next\s+year))[^。；;\d]{0,14}$"
)
# "…600万和700万，另外还有一笔1300万": a new item after the ones before, not their total.
NEW_ITEM = re.compile(r"另外|还有|此外|又|再加|第[二三四五](个|部|家)?|另一(个|部|家)|后一(个|部)")
# A sentence or clause that starts a question beside what came before ("…各补多少？另外成都
# 那边有没有类似的政策").
ASIDE_START = re.compile(r"[。？?！!；;,，]\s*(另外|此外|顺便|还有|同时|再问)")
# A clause that starts a question of its own ("…还没定，另外申请要交什么材料？").
NEW_QUESTION_START = re.compile(r"另外|还有|此外|同时|顺便|再问|对了|请问|那|我想问|想问")
# "六百八十万，对六百八十万", "一千九百万，一千九百万": an amount said again to be sure, with
# nothing but a spoken filler between (voice-transcribed WeChat and hotline speech).
# Spoken fillers (voice-transcribed messages): they say nothing.
FILLER = r"就是说|就是|那个|这个嘛|嗯|呃|啊|哈|呀|吧|我想问|想问|问一下|问下"
SAID_AGAIN = re.compile(
    rf"[\s，,。.、：:！!]*(?:(?:对|对的|没错|是|{FILLER}|我再说一遍|再说一遍|重复一下)"
    r"[\s，,。.、：:！!]*)*"
)
# A step not taken yet, said around what a condition is about ("还没报专业评审", "备案要等明年
# 初才报", "立项还在走流程", "打算下个月去备案"): from the dev sets' hotline and WeChat speech.
NOT_YET_BEFORE = re.compile(
    r"(?:(?:还|尚|都|也)?(?:没|未|没有)|(?:准备|打算|计划|等着)[^，。,；;？?]{0,4})[^，。,；;？?]{0,3}$"
    # "片子下周才去备案": a time to come, then 才
    r"|(?:下周|下个?月|下星期|明年|年底|年后|以后|过段时间|过两天|月底)[^，。,；;？?]{0,3}才"
    r"(?:去|能|会|要|可以|开始|正式)?$"
)
NOT_YET_AFTER = re.compile(
    r"^[^，。,；;？?]{0,8}?(?:要等|等到|得等|下个?月|下周|明年|年底|年后|以后|过段时间)"
    r"[^，。,；;？?]{0,8}才"
    r"|^[^，。,；;？?]{0,3}(?:还没|还未|尚未|没有?)(?:报|办|做|批|下来|开始|提交|申请|弄)"
    r"|^[^，。,；;？?]{0,4}(?:还在|正在)(?:筹备|准备|走|办|审|排队|弄)"
)
# A clause that is a yes/no question ("…拿到国家专项资金了吗"): it states nothing.
# "怎么才能进入市级重大项目名单", "如何纳入": how to meet a condition, asked
HOW_TO_ASKED = re.compile(
    r"(怎么|如何|怎样|咋)(才能|才可以|能|可以)?(进|纳入|列入|进入|入选|申请进)"
)
# "备案了吗", "备案了没有" (not "备案还没有": not yet)
YES_NO_ASKED = re.compile(r"了吗[？?]?$|没有[？?]$|了没有$|了没[？?]?$")
# "有哪几个基地已经拿到了国家专项资金": which others meet the condition, not ours.
WHICH_ASKED = re.compile(r"哪(几)?(个|家|些|几)[\u4e00-\u9fff]{0,6}(已经|已|都)")
ASKED = re.compile(r"[？?]|吗|是否|有没有|是不是|要不要|需不需要|能不能")
# "备案号有的", "评审都过了", "入统办好了": a step taken, said after its term.
DONE_AFTER = re.compile(
    r"^[号证书的]{0,2}(?:也|都|早就|早|已经|已)?(?:有的|有了|都有|齐了|办好了|办了|办完了|拿到了|做完了|弄完了|搞定了|完成了|"
    r"下来了|过了|通过了|没问题|ok|OK|好了)"
)
# "评审、统计、建成都没问题": the other steps of a list said done together.
LISTED_AFTER = re.compile(r"^(?:[、和及与跟][^，。,；;？?、和及与跟]{1,6}?)+(?=[也都早已])")
# "不到500万，大概四百七八十万": the second estimate restates the first.
RESTATED = re.compile(r"大概|大约|约|差不多|估计|可能|也就|应该是|具体是|准确说")
# "六百八十万……啊说错了，是八百六十万": the figure said after a correction replaces the first.
CORRECTED_BETWEEN = re.compile(
    r"(说错了|记错了|讲错了|打错了|写错了|搞错了|不对不对|不对)[^。？?！!]{0,6}$"
)
# "五百来万的外景协拍，准确数是523万": the exact figure after the estimate replaces it.
RESTATED_EXACT = re.compile(r"(准确|确切|精确|具体)(的)?(数|数字|金额)?(是|为)$")
# A company's whole turnover, not a fee for a service ("公司今年营业额2000万", "年产值5亿").
TURNOVER = re.compile(r"营业额|营业收入|营收|总收入|年产值|产值|流水")
# Another company of the group: its award is its own ("同集团的兄弟公司今年已经拿了…200万").
PARENT_COMPANY = re.compile(r"母公司|总公司|集团总部")
SPEAKER_IS = re.compile(r"(我们|我司|本公司|咱们)(是|为|属于)|(?i:\bwe are\b)")
SISTER_COMPANY = re.compile(r"兄弟公司|关联公司|同集团|母公司|子公司|集团(另一家|其他|旗下另)")
# "参保名单：", "社保缴纳人员：": a list of the insured follows.
INSURED_LIST = re.compile(
    r"(?:参保|社保|缴纳社保|交社保)[^，,。；;:：]{0,6}(?:名单|人员|人)\s*[:：]\s*"
)
# "老板和两个合伙人交社保", "交社保的就我和我老婆": the insured, person by person.
INSURED_PEOPLE = re.compile(
    r"(?:^|[，。,；;：:])(?:公司)?(?:就|只有|只)?(?P<who>[^，。,；;：:]{1,14}?)(?:都)?(?:交|缴纳?|上)了?社保"
    r"|(?:交|缴纳?)社保的(?:就|只有|只)?(?:是)?(?P<who2>[^，。,；;：:]{1,14})"
)
# Who may be named as one insured person (a pronoun, a role, a relative).
# (Not 员工, 合伙人 or 股东 alone: they may be several.)
PERSON = re.compile(
    r"(?:我|你|他|她|我自己|自己|老板|老板娘|老婆|老公|爱人|媳妇|会计|出纳|法人|"
    r"我老婆|我老公|我爱人|我媳妇|夫妻俩|我们俩|两口子)"
)
# "我不清楚备没备", "那家公司在哪注册的我不知道": a condition the user does not know.
# "但我不记得是哪一个", "具体是哪个名单我得回去查文件": the caller's own gap, no question.
UNKNOWN_TO_ME = re.compile(
    r"(我|我们)(还真|真|还|也|暂时|确实)?(不记得|记不清|不确定|不清楚|忘了|得回去查|要回去查|得查|要查|回去查)"
)
NOT_KNOWN = re.compile(
    r"不清楚|不知道|不确定|不了解|搞不清|说不准|说不清|没问过|没数|没底|不记得|还在确认|待确认|"
    r"没(说|讲)(清楚|明白|清)|(还|尚)(没|未)(有)?(确认|核实|核对)|"
    r"(还|尚)(没|未)(有)?(最后|最终)?(定|确定)(下来)?|"
    r"没(分|拆|算|核)出来|没拆分|没算清|没理清|回头问|得问|要问一下|忘了是|还得确认|待核实|"
    # "专业评审结果还没出来", "结果还没公布": a decision still pending
    r"结果还没(出来|公布|下来)|还没(出|公布)结果|还在(评审|审核|审批)|"
    # "评审结果下个月才公布": not decided yet
    r"(结果|名单|批复)[^，,。；;]{0,6}(下个月|下月|月底|年底|明年|过几天|近期|过段时间|年后)才"
    r"(公布|出来|出|下来)"
)
# A question in English ("Which fund must a base have newly received support from…?"): the
# facts it names are asked, not stated.
ENGLISH_QUESTION = re.compile(
    r"\s*(which|what|who|when|where|why|how|does|do|did|is|are|can|could|must|should|would|"
    r"will|has|have)\b[^?？]*[?？]?\s*$",
    re.I,
)
# A figure of the news, not of the caller's spending: "签约项目总投资超过62亿".
# A clause's own figure pointed at, not spent: "“使用本市摄影棚…等”那个500万里面" (quoted),
# "超过200万的那部分" (the part above it); only for a figure some clause states.
RULE_FIGURE_BEFORE = re.compile(r"[”\"」』]\s*(那个|这个|的那个|里的|里那个)\s*$")
# "我记得是服务费用达到500万、每家每年最高300万，对吧": the clause's terms recalled, not a spend
RULE_TALK = re.compile(r"我记得|记得是|听说|据说|政策(规定|说|写)|条款(规定|说|写)|规定(是|的是)")
# "收入195万，差一点200万", "离500万还差一点": the threshold the user's figure falls short of
NEAR_MISS_BEFORE = re.compile(
    r"(差一点|差点|差一些|差那么一点|就差|差一丢丢|离|没够|够不上|没达到|达不到|没到)(到|上|够)?$"
)
THRESHOLD_SAID = re.compile(r"(要|需要|得|须)?(达到|满|超过)$")
RULE_FIGURE_AFTER = re.compile(
    # ("刚过500万那条线", "500万的门槛": the threshold itself)
    r"^(的)?(那|这)?(条|道|个)?(线|门槛|标准|红线|坎)|"
    r"^(的)?(那部分|那一部分|以上的?(那)?部分|之外的?(那)?部分|多出来的?)"
)
# "建成后多久能拿到钱": how long after an event, which a clause naming the event leaves open.
HOW_LONG_AFTER = re.compile(
    r"后[^，。,；;？?]{0,4}(多久|多长时间|几个月|几天|几周|多少天|多少个?工作日)"
)
# "那600万", "这笔600万": an amount said before, pointed back at.
POINTED_BACK = re.compile(r"(那|这|那笔|这笔|那个|这个)$")
# "里面有一笔设备押金45万": a part inside the total said before.
INSIDE_BEFORE = re.compile(r"(里面|其中|这里面|当中)(有|还有)?(一笔)?[^，。,；;\d]{0,8}$")
# "900万，里面有摄影棚、设备，也有酒店住宿…", "两千万，一部分是…，还有一部分是婚庆": what a
# total holds, said after it
MIXED_IN = re.compile(
    # (not "主演片酬另算不在里面": kept out of it)
    r"(?<!不在)(?<!没在)(?<!不算在)(?<!没算在)(?<!没包含在)(?<!不包含在)(里面|里头)|其中|"
    r"(?<![不没未])(包括|包含|含)|一部分|既有|有的是|混在|"
    # "棚租、设备、演员、酒店、餐饮都在里面，财务没有单独拆开"
    r"(?<![不没未])(都)?(在|算在)(里面|里头|内)|没(有)?(单独|分别)?(拆开|分开|拆分|细分|分)"
)
# "各自多少还没拆", "没分开统计": a total whose parts are not known apart
NOT_SPLIT = re.compile(
    r"没(有)?(单独|分别)?(拆开|分开|拆分|细分|拆|区分)|未(拆分|区分|分开)|分不开|混在一起|"
    r"(各自|分别|各)(是)?多少[^，。,；;]{0,4}(还)?(没|不)(拆|分|清楚|知道|确定)"
)
# "（其中一块LED屏就800万，已经算在2300万里面）": a figure said to be inside a total
CONTAINED_IN = re.compile(
    r"(算在|含在|包括在|包含在|计在|包在|算进|含进|包含进)(了)?\s*(这|那)?\s*"
    r"(?P<n>[\d.,，一二两三四五六七八九十百千万亿]+\s*(万|亿)?元?)\s*(里面|里头|之内|当中|以内|里|内)"
)
# "1,600万（含我们这1,100万）", "1200万，其中包括设备的300万": what stands between a total and
# a part of it named right after it
PART_NAMED_INSIDE = re.compile(
    r"\s*(元)?\s*[（(]?\s*(其中)?(含|包含|包括)(了)?[^）)，。；;,\d]{0,8}"
)
# "打了八五折", "按8折结算": a discount on the price said.
DISCOUNT = re.compile(r"(?P<r>[一二三四五六七八九]{1,2}|\d(\.\d)?|\d\d)\s*折(?!叠|旧|腾|扣率)")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}


# A discounted price said paid ("按折后价结清", "钱也付清了").
PAID_AFTER_DISCOUNT = re.compile(r"付清|结清|已付|付了|已支付|折后价[^，,。；;]{0,6}(签|付|结)")
# A price quoted ("报价700万", "原价400万").
QUOTED_BEFORE = re.compile(r"(报价|原价|标价|报了?[^，,。；;]{0,4}的?价)[^，,。；;\d]{0,6}$")


def discount_rate(text: str) -> Decimal | None:
    """The share of the price paid after a discount ("八五折" → 0.85, "8折" → 0.8), or None."""
    found = DISCOUNT.search(text)
    if found is None:
        return None
    said = found["r"]
    digits = "".join(str(_CN_DIGIT[c]) if c in _CN_DIGIT else c for c in said)
    rate = Decimal(digits) / (10 if "." in digits or len(digits) == 1 else 100)
    return rate if Decimal("0.1") <= rate < 1 else None


# "实际结算下来…花了650万": the actual spend, beside a plan or budget said before it.
ACTUAL_SPEND = re.compile(r"实际|结算下来|最后花|最终花|决算")
# "计划投资5000万…实际只投了2600万": a planned figure, beside the actual one.
# The actual figure said after a planned one ("…实际只投了2600万"), not "实际能拿多少".
ACTUAL_AMOUNT = re.compile(
    f"(?:{ACTUAL_SPEND.pattern})[^，,。？?]{{0,8}}[\\d一二两三四五六七八九十百千]"
)
PLANNED_BEFORE = re.compile(
    r"(原计划|计划|预计|原定|规划|拟)(投资|投入|花|花费|总投资|建设)?[^，。,\d]{0,2}$"
)
# "租棚预算600万": a budget said of a kind of spend (not 总预算, a whole project's).
OWN_BUDGET = re.compile(r"(?<![总整全])预算(是|为|有|大概|大约|约|定了|定在)?[^，。,\d]{0,2}$")
# "前提是要新获得…", "条件是必须…": a measure's condition named as asked, not stated.
CONDITION_ASKED = re.compile(
    # (and the clause's own words pointed at: "剧本奖励里说的重点影片生产规划，是哪个部门的")
    r"(前提|条件|要求)(是)?(要|得|必须|需要)?$|(里|中|上|条文|文件|政策)(说|写|提|讲)的$"
)
# The award's amount asked ("问这笔今年还能补多少", "我们这笔在重庆能拿多少"), not a time
# ("多少天内能拿到钱") nor another place's scheme.
AWARD_AMOUNT_ASKED = re.compile(r"(补|拿|领|奖)(多少|几成|几个点)(?!天|个月|年|次)")
# A line quoted to ask who said it ("“我个人非常兴奋…”这句话是哪位嘉宾说的"): its words are
# someone's, not the question's.
QUOTED_SPAN = re.compile(
    r"(“[^”]{2,60}”|「[^」]{2,60}」|『[^』]{2,60}』)(?=\s*(这句|这话|那句|是谁|是哪位|哪位|谁说|出自))"
)
# "③那家重庆特效公司自己也问：…": another party asks too, beside what came before.
ALSO_ASKS = re.compile(r"(也|还|同时)(在)?(问|想问|想知道|咨询)")
# "咨询：1.可获补助金额；2.…": a list of what the caller asks, item by item.
ASKED_LIST = re.compile(
    r"(咨询|询问|问题|想问|请教|来电问|诉求|需求|(^|[；;，,。\s])问)(内容|事项)?\s*[:：]"
)
# "记录：…收入250万元…。来电人还问：“…”": a note's case (its spend's award) with a question
# asked beside it (from the dev sets' hotline notes)
ALSO_ASKED = re.compile(r"(来电人|来电方|对方|客户)?(还|另外|另|同时|并)(问|咨询)[:：]")
# An award-asking word right after what a note says is asked ("问：奖励金额").
AWARD_NAMED = re.compile(r"^\s*(补助|补贴|奖励|补助金额|补贴金额|奖励金额|可获补助|金额)")
LIST_ITEM = re.compile(r"\s*[（(]?[\d一二三四五六七八九]{1,2}\s*[.、)）]")
# "按300万做预算": a figure planned by, not spent.
PLANNED_BY = re.compile(r"按(照)?\s*$")
PLANNED_BY_AFTER = re.compile(
    r"^[^，。,]{0,2}(做|编|报|来|作|排)?(预算|计划|安排|打算)|^(来|去)?(报|申报|申请|算)(吧|了|呢|吗)?([？?。，,]|$)"
)
NEWS_FIGURE_BEFORE = re.compile(r"签约(的)?(项目)?[^，。,]{0,4}(总)?投资(额|总额)?[^，。,\d]{0,4}$")
# A clause that is only a verdict on the one before ("…专项资金，未获批", "…，没批下来").
BARE_VERDICT = re.compile(
    r"(但是?|可是|结果|最后|不过)?(还)?(未|没|没有)(获批|批|批下来|通过|拿到|申请到|中|成功)(了|下来)?"
    r"|(但是?|结果|最后)?落选了?|(已经|已)?(获批|批下来|通过)了?"
)
# Several works of one applicant: "两个剧本", "俩本子", "A剧本…B剧本", "《山城》…《江雾》",
# "一个列入…，一个列入…", "还有一个剧本".
WORKS_COUNTED = re.compile(r"(?P<n>两|俩|2|三|3)(个|部|本)[^，。,；;]{0,3}(剧本|本子|作品)")
WORK_LABEL = re.compile(
    r"(?P<label>[A-Z甲乙丙]|《[^》]{1,12}》)(剧本|本子)?[^，。,；;]{0,8}(列入|入选|进了)|"
    r"(剧本|本子)(?P<n>[一二三四A-D甲乙丙])(?![\u4e00-\u9fff]{0,1}万)"  # "剧本一、剧本二都…列入"
)
ANOTHER_WORK = re.compile(
    r"(另|还有|又)(一|外一)?(个|部|本)(剧本|本子)|一个[^，,。；;]{0,12}[，,；;]\s*(另)?一个|"
    r"另一个[^，,。；;]{0,4}(列入|入选|进了)|"
    r"(?<![A-Za-z])[B-D乙丙](剧本|本子)|(剧本|本子)[B-D乙丙二三]"  # "B剧本进了重大工程"
)
ALL_OF_THEM = re.compile(r"都|均|全部|全都")
# Words adding a work to the earlier ones ("还有一个剧本…两个加起来呢").
WORKS_ADDED = re.compile(r"还有|又有|加起来|两个|一共|合计|总共|都算")
# Not decided yet: "文件还没下来", "结果还没出来".
NOT_DECIDED = re.compile(r"还没(有)?(下来|出来|定|确定|公布|批)|尚未(确定|公布|下达)")
# A total said before its part ("一共七百来万，但是重庆的只有四百二十万").
TOTAL_BEFORE = re.compile(r"(一共|总共|合计|总计|共计|加起来|全部)[^，。,\d]{0,3}$")
PART_OF_TOTAL = re.compile(r"其中|只有|但是|但|不过|里面|里头")
# Money paid to someone ("付给重庆影视基地的钱一共620万").
PAID_TO = re.compile(r"(付|交|支付|转|打)给|付了|交了")
# A fee paid for a service, named as one ("数字技术服务费4000万"), not an income.
FEE_PAID = re.compile(r"(服务|制作|技术|特效|后期)费(?!用?收入)")
# The amount not known yet: "费用现在还说不准", "金额回头再报给你", "投资额还在做可研，没定下来".
AMOUNT_NOT_KNOWN = re.compile(
    r"(费用|金额|钱|收入|营收|投资|投入|账|数|多少|数字|总额|预算)[^，。,；;]{0,10}"
    r"(还没|没(有)?(定|出|结|算|统计|确定)|说不准|说不了|说不好|不好说|不确定|不清楚|不知道|待定|"
    r"回头|还在|得等|要等|没法|定不下)|"
    r"(还没|没)(定|出|结|算|统计)[^，。,]{0,4}(费用|金额|账|数)"
)
# Where the money came from, not what it was spent on ("其中1500万是银行贷款，自有资金1000万").
FUNDING = re.compile(r"贷款|借款|融资|自有资金|自筹|自有|银行|贴息|股东投|出资")
# "上半年已经拿过一笔这个协拍补助了，具体多少我得找财务查": an award received this year whose
# amount is not known (what is left under the yearly cap is not known either)
PRIOR_AMOUNT_UNKNOWN = re.compile(
    r"(拿过|领过|获得过|批过|拿了|领了|批了)[^。？?]{0,14}(补助|补贴|奖励)[^。？?]{0,12}"
    r"(具体)?(多少|金额|数额|数)[^。？?]{0,10}"
    r"(不清楚|不知道|不记得|记不清|忘了|得查|要查|得找|要找|得问|回头|还得|没数)"
)
# "700万左右，还没最终结算", "具体数财务还在对": an inexact amount that is not final yet
NOT_FINAL = re.compile(
    r"还没(有)?(最终|最后)?(结算|结账|对账|对完|定下来|定)|还在(对账|对|结算|核对|统计)|尚在结算|"
    r"结算中|没(有)?结算|账还没对|具体数[^，,。；;]{0,6}(还在|没)|"
    # "合同额500万…还没做完，最后按镜头数结算": the contract's figure, not the final one
    r"(最后|最终|最后再|到时)按[^，,。；;]{0,8}结算"
)
# "它全年一共接了多少活、技术服务收入多少我不知道": the year's whole is not known (a clause
# with no figure; an award asked, "一共能补多少", is no amount of money spent or earned)
YEAR_WHOLE_NOT_KNOWN = re.compile(
    r"(全年|一年|年度|整年|今年)[^，,。；;]{0,6}(一共|总共|总|合计|加起来)?[^，,。；;补奖]{0,8}"
    r"(收入|营收|接了?多少|流水|业务量|活)"
)
# "里面有土地费，但具体多少我手上没数": a part of the total the base leaves out, amount unknown
PART_INCLUDED = r"(?<![不没未])(里面|其中|包括|包含|含|连|算上)(有|了|着)?[^，。,；;]{0,3}"
PLACE_NOT_KNOWN = re.compile(
    r"在哪(里|儿)?(注册|的|办)|哪里的|哪儿的|哪个地方|哪里注册|注册在哪|哪个(城市|省|地区)|"
    r"是不是[^，,。？?]{0,8}(注册|的公司|的企业)"  # "不知道这个供应商是不是重庆注册的"
)
# "是注册在重庆还是四川的": two places offered, neither stated
EITHER_PLACE = re.compile(r"是[^，,。？?]{0,8}还是|是不是")
# "社保的情况我不清楚": how many are insured is not known.
STAFF_UNKNOWN = re.compile(
    r"社保[^，。,；;]{0,8}(不清楚|不知道|不确定|不了解|要问|得问|得回去查|要回去查|得查|说不准|说不清)"
    r"|(不清楚|不知道|不确定)[^，。,；;]{0,6}社保"
    # "这家交了几个人我得去问人事"
    r"|(交|缴)(了)?(几个|多少)(人)?[^，。,；;]{0,4}(得|要|还得|需要)(去|回去)?(问|查|核)"
    # "我们自己这家公司交了几个人我还不确定"
    r"|(交|缴)(了)?(几个|多少)(个)?人?[^，。,；;]{0,3}(还|也)?(不确定|不清楚|不知道|说不准|没数)"
    # "这8个人里有几个是劳务派遣的…具体几个人还得再确认"
    r"|具体(是)?(几个|多少)(个)?人[^，。,；;]{0,3}(还|也)?(得|要|需要|有待)(再)?(确认|核实|核对|查|问)"
    # "社保人数我记错了…具体几个人现在不确定"
    r"|具体(是)?(几个|多少)(个)?人[^，。,；;]{0,4}(还|也|现在|目前)?(不确定|不清楚|不知道|说不准|没数)"
    r"|社保人数[^。；;]{0,6}记错"
)
# "它家有几个人我不清楚": the head count of the company the award is asked for (not the
# speaker's) is not known; the speaker's own count said beside it is not that company's
OTHERS_STAFF_UNKNOWN = re.compile(
    r"(它|它家|他家|他们家|那家|对方|人家|这家|该公司)[^，,。；;]{0,6}(有|交了?|缴了?)?(几个|多少)个?人"
    r"[^，,。；;]{0,4}(不清楚|不知道|不确定|不了解|说不准|没数|没问)"
)
# "另外4个人都是兼职不交社保": counted people who are not insured.
NOT_INSURED_AFTER = re.compile(
    r"^[^，。,；;]{0,3}(兼职|外包|临时|实习|劳务|不交|没交|未交|没有交|不缴|没缴)"
)
# "一个交社保的都没有", "没有人交社保", "社保人数为零": no insured staff at all.
NO_STAFF = re.compile(
    r"(一个|一人|一名)?(交|缴|缴纳|参保)?(社保|五险)的?(人)?(都|也)?(没有|没)(一个)?|"
    r"(没有|没)(一个)?人(交|缴|缴纳)(社保|五险)|(社保|参保)(人数|人员)?(是|为)?(零|0)(人|个)?(?![\d.])"
)
STAFF = re.compile(
    # "8个人里只有2个交社保": the count said of those insured
    r"(?:现在|目前|只有|就|仅|才|刚好|正好)?(?P<k>\d+|[一二两三四五六七八九十百千俩仨]+)(?:多|来|余)?\s*(?:个|名|位)?\s*人?\s*(?:在)?(?:交|缴|上)(?:了|着)?(?:社保|五险)"
    r"|(?P<n>\d+|[一二两三四五六七八九十百千俩仨]+)(?:多|来|余)?\s*(?:个|名|位)?\s*(?:人|员工|职工|社保)"
    # in a conversation about a count of staff: "现在就2个", "我们刚好3个"
    r"|(?:现在|目前|只有|就|刚好|正好|一共|总共)(?P<c>\d+|[一二两三四五六七八九十百千俩仨]+)(?:多|来|余)?\s*(?:个|名|位)(?![^，。,；;\s]{0,3}(?:项目|剧组|片|部|单|笔|棚|公司))"
    r"|(?:社保|五险|参保)[^，。,\d一二两三四五六七八九十俩仨]{0,10}?(?P<m>\d+|[一二两三四五六七八九十百千俩仨]+)(?:多|来|余)?"
    r"\s*(?:个|名|位|人)?"
)


@dataclass(frozen=True)
class ConditionRule:
    measure: str  # qualified id
    condition: str
    true_when: re.Pattern[str] | None
    false_when: re.Pattern[str] | None
    about_place: bool  # its patterns name other places (a match means another place was read)
    subject: str | None = None  # "spend", "project" or "applicant" (policy.Condition.subject)
    party: str | None = None  # "vendor" (policy.Condition.party)
    term: re.Pattern[str] | None = None  # what it is about (policy.Condition.term)


class Lexicon:
    """The policies' vocabulary, conditions and places, compiled once."""

    def __init__(self, policies: Policies) -> None:
        self.policies = policies
        self.measures = {m.qualified_id: m for m in policies.measures}
        # the amounts and rates each clause states (500万元 → 5000000, 20% → 20): a figure a
        # message claims is a false premise only if no clause states it
        self.figures = {qid: _stated_figures(m) for qid, m in self.measures.items()}
        self.any_figure = frozenset().union(*self.figures.values())
        here = sorted({n for d in policies.documents for n in d.here}, key=len, reverse=True)
        self.here_names = tuple(here)
        elsewhere = {n for d in policies.documents for n in d.elsewhere} - set(here)
        self.elsewhere_names = tuple(sorted(elsewhere, key=len, reverse=True))
        self.here = _alternation(self.here_names)
        self.elsewhere = _alternation(self.elsewhere_names)
        # "能拿重庆这个租棚补助吗": a question naming the policy by its place, not the spend's
        self.policy_by_place = re.compile(
            # ("能申请重庆的数字技术服务补助吗": the measure's name between)
            rf"(?:{self.here})(?:的|这个|这边的|那个)?[^，。,；;？?]{{0,10}}(?:补助|补贴|奖励|政策)"
            r"[^，。,；;]{0,6}(?:吗|[？?]|能不能|可不可以|有没有)"
        )
        self.rules = tuple(self._rules())
        self.topics = tuple(
            (t.topic, self._expand(t.when) or re.compile("(?!)"))
            for d in policies.documents
            for t in d.silent_on
        )
        self.alone_topics = frozenset(
            t.topic for d in policies.documents for t in d.silent_on if t.alone
        )
        costs = [d.uncovered_costs for d in policies.documents if d.uncovered_costs]
        joined = "|".join(f"(?:{c})" for c in costs)
        self.uncovered = re.compile(either_width(joined)) if costs else None

    def _expand(self, pattern: str | None) -> re.Pattern[str] | None:
        if not pattern:
            return None
        text = pattern.replace("{here}", f"(?:{self.here})").replace(
            "{elsewhere}", f"(?:{self.elsewhere})"
        )
        return re.compile(either_width(text), re.IGNORECASE)

    def _rules(self) -> list[ConditionRule]:
        rules = []
        for qid, m in self.measures.items():
            for c in m.conditions:
                if c.true_when or c.false_when:
                    rules.append(
                        ConditionRule(
                            qid,
                            c.id,
                            self._expand(c.true_when),
                            self._expand(c.false_when),
                            "{elsewhere}" in (c.false_when or ""),
                            c.subject,
                            c.party,
                            self._expand(c.term),
                        )
                    )
        return rules

    @cached_property
    def option_rules(self) -> list[tuple[str, str, re.Pattern[str], re.Pattern[str]]]:
        return [
            (
                qid,
                o.field,
                re.compile(either_width(o.true_when)),
                re.compile(either_width(o.false_when)),
            )
            for qid, m in self.measures.items()
            for o in m.options
        ]

    @cached_property
    def place_words(self) -> str:
        """Any place named, this policy's own or another, as a pattern."""
        return f"{self.here}|{self.elsewhere}"

    @cached_property
    def names_elsewhere(self) -> re.Pattern[str]:
        """Another place named ("成都", "外地")."""
        return re.compile(f"(?:{self.elsewhere})")

    @cached_property
    def other_place_policy(self) -> re.Pattern[str]:
        """Another place's policy asked ("成都那边有没有类似的补助", "西安对协拍机构也有补贴")."""
        return re.compile(f"(?:{self.elsewhere})(?:{THAT_PLACE_POLICY}|{PLACE_HAS_POLICY})")

    @cached_property
    def head_office_elsewhere(self) -> re.Pattern[str]:
        """A vendor's head office elsewhere ("总部在北京")."""
        return re.compile(f"总部[^，。,]{{0,3}}(?:{self.elsewhere})")

    @cached_property
    def branch_here(self) -> re.Pattern[str]:
        """Its subsidiary or branch in the policy's place ("在重庆的子公司")."""
        return re.compile(f"(?:{self.here})[^，。,]{{0,4}}(子公司|分公司)")

    @cached_property
    def company_of(self) -> dict[str, str]:
        """Each client measure's company measure (the data's `paid_to`): the studio's rent is
        the service company's fee, the effects fee the post house's revenue."""
        return {
            qid: f"{m.document}/{m.paid_to}"
            for qid, m in self.measures.items()
            if m.paid_to is not None
        }

    @cached_property
    def client_of(self) -> dict[str, str]:
        """Each company measure's client measure: `company_of` the other way round."""
        return {company: client for client, company in self.company_of.items()}

    @cached_property
    def tier_rules(self) -> list[tuple[str, str, re.Pattern[str]]]:
        return [
            (qid, t.id, re.compile(either_width(t.when)))
            for qid, m in self.measures.items()
            for t in m.tiers
            if t.when
        ]

    @cached_property
    def triggers(self) -> frozenset[str]:
        """Every measure's trigger words."""
        return frozenset(w for m in self.measures.values() for w in m.vocabulary.triggers)

    @cached_property
    def words(self) -> frozenset[str]:
        """Words the policy data itself uses (trigger words, place names): a question using
        them is about the policy even where the kb's text words it differently."""
        return self.triggers | set(self.here_names) | set(self.elsewhere_names)

    def gated(self, text: str) -> set[str]:
        """Measures whose required context is absent from the message (the service-company
        measure needs a service company's words: "给剧组", "协拍", "收入")."""
        return {qid for qid, pattern in self._requires.items() if not pattern.search(text)}

    @cached_property
    def _requires(self) -> dict[str, re.Pattern[str]]:
        return {
            qid: re.compile(m.vocabulary.requires)
            for qid, m in self.measures.items()
            if m.vocabulary.requires
        }

    def measure(self, qid: str) -> Measure:
        return self.measures[qid]

    def scores(self, text: str, role: str | None = None) -> dict[str, float]:
        """Trigger-word score of each measure for one part of a message."""
        lowered = text.lower()
        scores: dict[str, float] = {}
        for qid, m in self.measures.items():
            probe = lowered
            for shadow in m.vocabulary.shadows:
                probe = probe.replace(shadow, "")
            score: float = sum(w for word, w in m.vocabulary.triggers.items() if word in probe)
            fits = role in m.base_roles and (role != "fee" or len(m.base_roles) == 1)
            if score and role and fits:
                score += 0.5  # the amount's role fits this measure's base: breaks ties only
            if score:
                scores[qid] = score
        for qid, m in self.measures.items():
            if scores.get(qid, 0) >= 3:
                for other, penalty in m.vocabulary.outranks.items():
                    key = f"{m.document}/{other}"
                    if key in scores:
                        scores[key] -= penalty
        return {q: s for q, s in scores.items() if s > 0}


# Messages reach the lexicon with full-width punctuation folded to half-width ("，" → ",",
# "？" → "?"; `bot.normalize`), while the data's expressions are written with the full-width
# marks: each mark is read in both widths.
_WIDTHS = {"，": ",", "？": "?", "！": "!", "；": ";", "：": ":", "（": "(", "）": ")"}


def either_width(pattern: str) -> str:
    """The expression with each full-width punctuation mark also matching its half-width
    form: added inside a character class, made a class of the two outside one."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
            continue
        if char == "\\":
            out.append(char)
            escaped = True
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        half = _WIDTHS.get(char)
        if half is None or char in "（）":
            out.append(char if half is None or in_class else f"[{char}{re.escape(half)}]")
            if half is not None and in_class:
                out.append(re.escape(half))
            continue
        out.append(f"{char}{re.escape(half)}" if in_class else f"[{char}{re.escape(half)}]")
    return "".join(out)


def _alternation(names: tuple[str, ...]) -> str:
    return "|".join(re.escape(n) for n in names) or "(?!)"


def _stated_figures(measure: Measure) -> frozenset[Yuan]:
    out: set[Yuan] = set()
    for figure in measure.figures:
        out |= {x.yuan for x in find_amounts(figure)} | set(find_percents(figure))
    if measure.min_staff is not None:
        out.add(measure.min_staff)  # (a head count, never mistaken for a yuan figure)
    return frozenset(out)
