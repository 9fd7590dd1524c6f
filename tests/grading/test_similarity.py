"""Similarity groups and near-copy flags: a flag for review, for Chinese and English alike."""
from crm.grading.similarity import COPY_AT, jaccard, shingles, similarity_groups

BASE_ZH = "没有对照组，不能证明会员日提高了忠诚度；需要随机分组，比较会员日前后同一批客户的回访次数和消费额。"
BASE_EN = "Without a control group the data cannot show that the member day raises loyalty; split members at random."


def test_case_spacing_and_punctuation_do_not_hide_a_copy():
    assert jaccard(shingles(BASE_EN), shingles("  " + BASE_EN.upper().replace(";", " ,") + "!!")) == 1.0


def test_copies_are_flagged_both_ways_and_different_answers_are_not():
    texts = {"a": BASE_ZH, "b": BASE_ZH.replace("回访次数", "回访的次数"), "c": "门店负担不起一对一服务，先服务消费最高的十位客户，再看是否扩大。",
             "d": BASE_EN, "e": "短"}
    groups, copies = similarity_groups(texts, ["a", "c", "d", "b", "e"])
    assert copies == {"a": ["b"], "b": ["a"]}
    assert groups[0] == ["a", "b"] and ["c"] in groups and ["d"] in groups and ["e"] in groups


def test_short_answers_are_never_called_copies():
    groups, copies = similarity_groups({"a": "同意。", "b": "同意。"}, ["a", "b"])
    assert copies == {} and groups == [["a", "b"]]


def test_the_threshold_is_a_review_flag_not_equality():
    edited = BASE_ZH.replace("消费额", "消费金额")  # a copy with a word changed is still flagged
    assert COPY_AT <= jaccard(shingles(BASE_ZH), shingles(edited)) < 1
    assert similarity_groups({"a": BASE_ZH, "b": edited}, ["a", "b"])[1] == {"a": ["b"], "b": ["a"]}
