"""Count targets as Japanese, Korean and Chinese briefs write them: the outcome noun, then the number and its
counter ('予約2,000件', '예약 1,200건', '注册5000人', '신규 회원 3,000명'), or the number and counter first
('2,000件の予約', '1,200건의 예약'). What is counted decides the KPI, as for the other languages' nouns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.models.offline.kpi_facts import reported_figure
from graph.models.offline.money import to_number

_NOUNS: dict[str, tuple[str, ...]] = {
    "signups": (
        "会員登録",
        "新規登録",
        "登録",
        "会員",
        "無料体験",
        "体験",
        "申込み",
        "회원\\s?가입",
        "가입",
        "등록",
        "회원",
        "구독",
        "무료\\s?체험",
        "注册",
        "註冊",
        "会员",
        "會員",
        "订阅",
        "訂閱",
        "试用",
        "試用",
        "报名",
        "報名",
    ),
    "leads": (
        "資料請求",
        "問い合わせ",
        "お問い合わせ",
        "見積(?:もり)?依頼",
        "相談",
        "문의",
        "상담(?:\\s?신청)?",
        "견적\\s?요청",
        "咨询",
        "諮詢",
        "询盘",
        "詢價",
        "留资",
    ),
    "conversions": (
        "予約",
        "注文",
        "購入",
        "販売",
        "成約",
        "ダウンロード",
        "インストール",
        "예약",
        "주문",
        "구매",
        "판매",
        "다운로드",
        "설치",
        "预约",
        "預約",
        "预订",
        "預訂",
        "订单",
        "訂單",
        "购买",
        "購買",
        "销售",
        "銷售",
        "下载",
        "下載",
        "安装",
        "安裝",
    ),
}
_KIND_OF = {noun: kind for kind, nouns in _NOUNS.items() for noun in nouns}
_NOUN = "|".join(sorted((n for ns in _NOUNS.values() for n in ns), key=len, reverse=True))
_NUM = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<mult>万|만|萬|千|천)?"
_COUNTER = r"(?:件|건|名|명|人|個|个|개|単|单|單|笔|筆|回|次|本|部)"
_NOUN_FIRST = re.compile(
    rf"(?P<noun>{_NOUN})(?:\s?(?:数|수|数量|數量))?\s?[:：]?\s?{_NUM}\s?{_COUNTER}?(?![\d,.])"
)
_NUMBER_FIRST = re.compile(rf"{_NUM}\s?{_COUNTER}\s?(?:の|의)?\s?(?P<noun>{_NOUN})")
_MULT = {"万": 10_000, "만": 10_000, "萬": 10_000, "千": 1_000, "천": 1_000}


_HELD = re.compile(
    r"(?:有|已|现有|現有|現在|既に|すでに|累計|累计|昨年|去年|작년|지난|이미|보유|実績)[^。．.!?！？\n]{0,12}$"
)
_HELD_AFTER = re.compile(r"^[^。．.!?！？\n]{0,6}?(?:います|おります|있습니다|있어요|보유|达成|達成|突破)")
"""'我们有5000名会员', '会員が5,000人います', '이미 회원 3,000명': what the company has, not a target."""


@dataclass(frozen=True)
class CjkCount:
    """A counted outcome written the CJK way: its KPI, the count and where its words are."""

    name: str
    target: float
    start: int
    end: int


def _kind(noun: str) -> str:
    for pattern, kind in _KIND_OF.items():
        if re.fullmatch(pattern, noun):
            return kind
    return "conversions"


def cjk_counts(text: str) -> list[CjkCount]:
    """Counted outcomes written the CJK way, in order; a figure the brief reports ('we have ...') is no target."""
    out: list[CjkCount] = []
    for rx in (_NOUN_FIRST, _NUMBER_FIRST):
        for m in rx.finditer(text):
            n = to_number(m["n"]) * _MULT.get(m["mult"] or "", 1)
            held = _HELD.search(text[max(0, m.start() - 14) : m.start()]) or _HELD_AFTER.match(
                text[m.end() :]
            )
            if n <= 0 or held or reported_figure(text, m.start("n"), m.end("n")):
                continue
            if any(k.start < m.end() and m.start() < k.end for k in out):
                continue
            out.append(CjkCount(_kind(m["noun"]), n, m.start(), m.end()))
    return sorted(out, key=lambda k: k.start)
