"""The hotline's say / never-say rules (seeds/003, 2.3 客服行业的主要术语) as data, and a checker for a sentence.

Each :class:`Rule` is one situation of the source with the sentence an agent says (quoted) and what
he must never say or do (quoted); the English is a translation. :data:`CHECKS` states, per rule,
what a sentence must hold (``must``) and what it must not (``never``), as regular expressions in
Chinese and English, each with the reason. :func:`check_sentence` applies the checks of the
situation a student picks, and the ``never`` checks of every rule (a 「喂」 opening is wrong in any
situation), and says which fired and why.

The checks are patterns, not understanding: they know the source's phrases and a few close
variants (listed here), and say so; the dialect check knows a handful of dialect words only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from crm.core.schemas import DataError

MAX_CHARS = 300


@dataclass(frozen=True)
class Rule:
    """One situation of the hotline rules: what to say, what never to say (source section ``section``)."""

    rule_id: str
    section: str
    situation_zh: str
    situation_en: str
    say_zh: str
    say_en: str
    never_zh: str
    never_en: str


RULES: tuple[Rule, ...] = (
    Rule("greeting", "2.3.1 (1)", "接起电话时的问候", "Answering a call",
         "您好,欢迎致电XX客户服务热线,客服代表YYY很高兴为您服务,请问有什么可以帮助您!",
         "Hello, welcome to the XX customer-service hotline, agent YYY is glad to serve you, how may I help you?",
         "喂,说话呀!", "\"Hey, say something!\""),
    Rule("greeted", "2.3.1 (2)", "客户先问候“小姐(先生),您好”", "The client greets first (\"Miss / Sir, hello\")",
         "您好,请问有什么可以帮助您?", "Hello, how may I help you?", "喂,说吧!", "\"Hey, go ahead!\""),
    Rule("name_known", "2.3.1 (3)", "已经知道客户的姓名", "The client's name is known",
         "某先生/小姐,请问有什么可以帮助您?", "Mr / Ms So-and-so, how may I help you?",
         "不可以无动于衷,无视客户的姓名", "Never stay indifferent and ignore the client's name"),
    Rule("silent", "2.3.1 (4)", "无声电话", "A silent call",
         "您好!请问有什么可以帮助您?……对不起,您的电话没有声音,请您换一部电话再次打来,好吗?再见!",
         "Hello, how may I help you? … Sorry, there is no sound on your line; could you call again from another "
         "phone? Goodbye! (5 seconds between each, then hang up)",
         "喂,说话呀!再不说话我就挂了啊!", "\"Hey, say something! Say nothing more and I'll hang up!\""),
    Rule("hands_free", "2.3.2", "用户使用免提而无法听清", "The client is on hands-free and cannot be heard",
         "对不起,您的声音太小,请您拿起话筒说话好吗?", "Sorry, your voice is too low; could you pick up the handset, please?",
         "喂,大声一点儿!", "\"Hey, louder!\""),
    Rule("low_voice", "2.3.2", "客户音小听不清楚（保持自己的音量）", "The client's voice is too low (keep your own volume)",
         "对不起!请您大声一点,好吗?……对不起!您的电话声音太小,请您换一部电话打来,好吗?",
         "Sorry, could you speak a little louder, please? … Sorry, your line is too quiet; could you call from "
         "another phone? (then hang up after 5 seconds)", "不可以先行挂机", "Never hang up first"),
    Rule("noisy", "2.3.3", "电话杂音太大听不清楚", "Too much noise on the line",
         "对不起,您的电话杂音太大,听不清,请您换一部电话再次打来好吗?再见!",
         "Sorry, there is too much noise on your line and I cannot hear you; could you call again from another "
         "phone? Goodbye! (5 seconds, then hang up)", "不可以直接挂机", "Never just hang up"),
    Rule("dialect", "2.3.3", "客户讲方言，客户代表听不懂", "The client speaks a dialect the agent does not understand",
         "对不起,请您讲普通话,好吗?谢谢!……对不起,请您找一个可以讲普通话的人来,好吗?谢谢!",
         "Sorry, could you speak Mandarin, please? Thank you! … Sorry, could you find someone who speaks Mandarin? "
         "Thank you!", "不可以直接挂机", "Never just hang up"),
    Rule("dialect_understood", "2.3.4", "客户讲方言，能听懂客户代表的普通话", "The client speaks a dialect and understands "
         "the agent's Mandarin", "在听懂客户所用方言的基础上,继续保持普通话的表达",
         "Understand the dialect, and keep speaking Mandarin", "不可以转换成客户的方言",
         "Never switch to the client's dialect"),
    Rule("complains_volume", "2.3.5", "客户抱怨客户代表声音小或听不清楚", "The client complains the agent is too quiet",
         "对不起,(稍微提高音量),请问有什么可以帮助您?", "Sorry (a little louder), how may I help you?",
         "不可以直接挂机", "Never just hang up"),
)
RULE_IDS = tuple(r.rule_id for r in RULES)


@dataclass(frozen=True)
class Check:
    """One thing a sentence must hold (``kind="must"``) or must not (``kind="never"``) under a rule."""

    rule_id: str
    kind: str
    zh: str  # regular expression for Chinese sentences
    en: str  # regular expression for English sentences (matched without case)
    why_zh: str
    why_en: str


_HELP_ZH, _HELP_EN = r"(请问)?有什么(可以)?(帮助|帮|为)您", r"how (may|can) i help|what can i do for you"
_SORRY_ZH, _SORRY_EN = r"对不起|抱歉|不好意思", r"\b(sorry|apologi[sz]e|excuse me)\b"
_PLEASE_ZH, _PLEASE_EN = r"请您?|好吗|可以吗|麻烦您", r"\b(please|could you|would you|can you)\b"
_BYE_ZH, _BYE_EN = r"再见", r"\b(goodbye|good-bye|bye)\b"
_OTHER_PHONE_ZH, _OTHER_PHONE_EN = r"换一?部?电话|换个电话|再次?打来|重新打来", r"(another|other|different) (phone|line)|call (us )?again"
_HANG_ZH, _HANG_EN = r"挂(了|机|断|电话)", r"hang(ing)? up|put the phone down"

CHECKS: tuple[Check, ...] = (
    # never, in any situation
    Check("greeting", "never", r"^\s*喂", r"^\s*(hey|oi|yo)\b", "以“喂”开口：来源里每一句“不可以说”都以“喂”开头，客户代表先说“您好”。",
          "Opens with \"hey\": every never-say line of the source starts so; an agent opens with \"hello\"."),
    Check("greeting", "never", r"说话呀|快说|说啊", r"\b(say something|speak!|talk to me|well\?)",
          "催促客户说话（“说话呀”）：来源的问候规则明令不可以说。", "Hurries the client to speak (\"say something!\"): the greeting rule forbids it."),
    Check("greeted", "never", r"说吧", r"\bgo ahead\b|\bspit it out\b", "“说吧”是命令，不是回应问候：应回“您好，请问有什么可以帮助您？”",
          "\"Go ahead!\" is an order, not a reply to a greeting: say \"Hello, how may I help you?\""),
    Check("silent", "never", r"不说话.*挂|再不.*挂|就挂了", r"(or|else) i('ll| will) hang up|i('m| am) (going to )?hang(ing)? up",
          "以挂机威胁客户：无声电话要问候两次、说明原因、道别，再挂机。",
          "Threatens to hang up: on a silent call, greet twice, explain, say goodbye, then hang up."),
    Check("hands_free", "never", r"大声(一)?点儿?[!！。]?$|大点声", r"\b(speak up|louder!|talk louder)\b",
          "命令客户大声（“大声一点儿”）：应先道歉，再请客户拿起话筒或大声一点。",
          "Orders the client to be louder: apologise first, then ask him to pick up the handset or speak up, please."),
    Check("dialect_understood", "never", r"[唔咩嘅係佢冇俺咋啥]|嘛子|晓得不", r"\b(y'all|innit|ain't)\b",
          "出现方言词：听得懂方言也要继续讲普通话（只认得几个常见方言词）。",
          "A dialect word: understand the dialect but keep to Mandarin (this check knows a few dialect words only)."),
    # must, in the situation picked
    Check("greeting", "must", r"您好", r"\bhello\b|\bgood (morning|afternoon|evening)\b", "问候要以“您好”开始。",
          "The greeting starts with \"hello\"."),
    Check("greeting", "must", r"欢迎致电|客服代表|很高兴为您服务", r"welcome|agent|glad to (serve|help)",
          "报出热线与客服代表（“欢迎致电……客服代表……很高兴为您服务”）。", "Name the hotline and yourself (\"welcome to … agent … glad to serve you\")."),
    Check("greeting", "must", _HELP_ZH, _HELP_EN, "以“请问有什么可以帮助您”结束。", "End with \"how may I help you?\""),
    Check("greeted", "must", r"您好", r"\bhello\b", "回应问候：“您好”。", "Answer the greeting: \"hello\"."),
    Check("greeted", "must", _HELP_ZH, _HELP_EN, "接着问“请问有什么可以帮助您？”", "Then ask \"how may I help you?\""),
    Check("name_known", "must", r"[\u4e00-\u9fff](先生|小姐|女士)", r"\b(mr|ms|mrs|miss)\.? [a-z]+",
          "用客户的姓加“先生/小姐”称呼客户。", "Address the client by surname with Mr / Ms."),
    Check("name_known", "must", _HELP_ZH, _HELP_EN, "再问“请问有什么可以帮助您？”", "Then ask \"how may I help you?\""),
    Check("silent", "must", _SORRY_ZH, _SORRY_EN, "先道歉（“对不起”）。", "Apologise first (\"sorry\")."),
    Check("silent", "must", r"没有声音|听不到|无声", r"no sound|can(no|')t hear|silent",
          "说明原因：电话没有声音。", "Say why: there is no sound on the line."),
    Check("silent", "must", _OTHER_PHONE_ZH, _OTHER_PHONE_EN, "请客户换一部电话再打来。", "Ask the client to call again from another phone."),
    Check("silent", "must", _BYE_ZH, _BYE_EN, "挂机前道别（“再见”）。", "Say goodbye before hanging up."),
    Check("hands_free", "must", _SORRY_ZH, _SORRY_EN, "先道歉。", "Apologise first."),
    Check("hands_free", "must", r"拿起话筒|拿起电话|关闭免提|关掉免提", r"pick up the (handset|receiver|phone)|(turn|switch) off (the )?speaker",
          "请客户拿起话筒说话。", "Ask the client to pick up the handset."),
    Check("hands_free", "must", _PLEASE_ZH, _PLEASE_EN, "用请求（“请您……好吗？”），不用命令。", "Ask (\"could you … please?\"), do not order."),
    Check("low_voice", "must", _SORRY_ZH, _SORRY_EN, "先道歉。", "Apologise first."),
    Check("low_voice", "must", r"大声一点|大点声|声音太小", r"louder|speak up|too (quiet|low)",
          "请客户大声一点（自己的音量不变）。", "Ask the client to speak louder (keep your own volume)."),
    Check("low_voice", "must", _PLEASE_ZH, _PLEASE_EN, "用请求（“请您……好吗？”）。", "Ask, do not order (\"could you … please?\")."),
    Check("noisy", "must", _SORRY_ZH, _SORRY_EN, "先道歉。", "Apologise first."),
    Check("noisy", "must", r"杂音|噪音|听不清", r"nois|can(no|')t hear|unclear", "说明原因：杂音太大，听不清。",
          "Say why: too much noise, you cannot hear."),
    Check("noisy", "must", _OTHER_PHONE_ZH, _OTHER_PHONE_EN, "请客户换一部电话再打来。", "Ask the client to call again from another phone."),
    Check("noisy", "must", _BYE_ZH, _BYE_EN, "挂机前道别（“再见”），不可以直接挂机。", "Say goodbye before hanging up: never just hang up."),
    Check("dialect", "must", _SORRY_ZH, _SORRY_EN, "先道歉。", "Apologise first."),
    Check("dialect", "must", r"普通话", r"mandarin|putonghua", "请客户讲普通话（或找一位讲普通话的人）。",
          "Ask for Mandarin (or for someone who speaks it)."),
    Check("dialect", "must", r"谢谢", r"thank", "以“谢谢”结束。", "End with \"thank you\"."),
    Check("complains_volume", "must", _SORRY_ZH, _SORRY_EN, "先道歉（并稍微提高音量）。", "Apologise first (and speak a little louder)."),
    Check("complains_volume", "must", _HELP_ZH, _HELP_EN, "再问“请问有什么可以帮助您？”", "Then ask \"how may I help you?\""),
)
#: Situations where hanging up is never right without first saying goodbye (不可以先行挂机 / 直接挂机).
_NO_BARE_HANG_UP = ("low_voice", "noisy", "dialect", "complains_volume", "greeting", "greeted", "name_known",
                    "hands_free", "dialect_understood")


def rules_table() -> pd.DataFrame:
    """The rules as a table, one row per situation (index ``rule_id``)."""
    return pd.DataFrame([r.__dict__ for r in RULES]).set_index("rule_id")


def _language(sentence: str) -> str:
    return "zh" if re.search(r"[\u4e00-\u9fff]", sentence) else "en"


def check_sentence(sentence: str, situation: str) -> pd.DataFrame:
    """Which rules a sentence keeps or breaks in a situation, and why.

    Parameters
    ----------
    sentence : str
        What the agent says (Chinese or English; the language is told from the text).
    situation : str
        One of :data:`RULE_IDS`.

    Returns
    -------
    pd.DataFrame
        One row per check that applies: ``rule_id``, ``kind`` (``never`` or ``must``), ``verdict``
        (``breaks``: a never-say check matched; ``missing``: a must-say check found nothing;
        ``keeps``), ``evidence`` (the text matched, if any), ``why_zh``, ``why_en``. Never-say checks
        of every rule come first, then the must-say checks of ``situation``.

    Raises
    ------
    DataError
        For an empty or overlong sentence, or an unknown situation.

    Examples
    --------
    >>> check_sentence("喂,说话呀!", "greeting").query("verdict == 'breaks'")["rule_id"].tolist()
    ['greeting', 'greeting']
    """
    if situation not in RULE_IDS:
        raise DataError(f"未知的情境“{situation}”，可选：{'、'.join(RULE_IDS)}。",
                        f"Unknown situation '{situation}'; choose one of {', '.join(RULE_IDS)}.")
    text = (sentence or "").strip()
    if not text:
        raise DataError("请先输入一句话。", "Type a sentence first.")
    if len(text) > MAX_CHARS:
        raise DataError(f"句子太长（{len(text)} 个字符，最多 {MAX_CHARS} 个）：一次检查一句话。",
                        f"The sentence is too long ({len(text)} characters, at most {MAX_CHARS}): check one sentence at a time.")
    lang = _language(text)
    rows = []
    for c in CHECKS:
        if c.kind == "must" and c.rule_id != situation:
            continue
        pattern = c.zh if lang == "zh" else c.en
        m = re.search(pattern, text, flags=0 if lang == "zh" else re.IGNORECASE)
        if c.kind == "never":
            verdict = "breaks" if m else "keeps"
        else:
            verdict = "keeps" if m else "missing"
        rows.append((c.rule_id, c.kind, verdict, m.group(0) if m else "", c.why_zh, c.why_en))
    hang = re.search(_HANG_ZH if lang == "zh" else _HANG_EN, text, flags=0 if lang == "zh" else re.IGNORECASE)
    bye = re.search(_BYE_ZH if lang == "zh" else _BYE_EN, text, flags=0 if lang == "zh" else re.IGNORECASE)
    if situation in _NO_BARE_HANG_UP or hang:
        verdict = "breaks" if hang and not bye else "keeps"
        rule = situation if situation in ("low_voice", "noisy", "dialect", "complains_volume") else "low_voice"
        rows.append((rule, "never", verdict, hang.group(0) if hang else "",
                     "说要挂机却没有道别：不可以先行挂机、不可以直接挂机。",
                     "Speaks of hanging up without a goodbye: never hang up first, never just hang up."))
    out = pd.DataFrame(rows, columns=["rule_id", "kind", "verdict", "evidence", "why_zh", "why_en"])
    order = out["kind"].map({"never": 0, "must": 1})
    return out.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def verdict(findings: pd.DataFrame) -> str:
    """``breaks`` if any never-say check fired, else ``missing`` if a must-say element is absent, else ``keeps``."""
    if (findings["verdict"] == "breaks").any():
        return "breaks"
    return "missing" if (findings["verdict"] == "missing").any() else "keeps"


def call_conditions(calls: pd.DataFrame) -> pd.DataFrame:
    """How often each situation of the rules occurs on the line: calls and share per ``condition``."""
    if "condition" not in calls.columns:
        raise DataError("通话记录缺少 condition 列。", "The call log lacks the condition column.", column="condition")
    counts = calls["condition"].astype(str).value_counts()
    return pd.DataFrame({"calls": counts.astype(int), "share": counts / max(len(calls), 1)})
