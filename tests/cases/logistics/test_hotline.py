"""The hotline's rules as data, and the checker of a sentence."""
from pathlib import Path

import pytest

from crm.cases.logistics import case as lg
from crm.cases.logistics.hotline import CHECKS, RULE_IDS, RULES, call_conditions, check_sentence, rules_table, verdict
from crm.cases import load_case
from crm.core.schemas import DataError

SEED_FILE = Path("/work/shared") / lg.SOURCE


def test_every_say_and_never_say_is_quoted_from_the_source():
    if not SEED_FILE.exists():
        pytest.skip("the seeds folder is not on this machine")
    text = SEED_FILE.read_text(encoding="utf-8").replace("\n", "")
    for r in RULES:
        for part in r.say_zh.split("……"):
            assert part.replace("(稍微提高音量)", "") in text.replace("(稍微提高音量)", ""), r.rule_id
        assert r.never_zh in text, r.rule_id


def test_every_rule_has_a_must_check_and_both_languages():
    assert set(RULE_IDS) == {c.rule_id for c in CHECKS}
    musts = {c.rule_id for c in CHECKS if c.kind == "must"}
    assert musts == set(RULE_IDS) - {"dialect_understood"}  # its rule is a never-say only
    assert all(r.say_en and r.never_en for r in RULES) and len(rules_table()) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.rule_id)
def test_the_sources_own_sentence_keeps_its_rule(rule):
    if rule.rule_id == "dialect_understood":
        sentence = "好的,我明白了,请问有什么可以帮助您?"
    else:
        sentence = rule.say_zh.replace("……", "")
    findings = check_sentence(sentence, rule.rule_id)
    assert verdict(findings) == "keeps", findings[findings["verdict"] != "keeps"]


@pytest.mark.parametrize("rule", [r for r in RULES if r.never_zh.startswith("喂")], ids=lambda r: r.rule_id)
def test_the_sources_never_say_breaks_a_rule(rule):
    f = check_sentence(rule.never_zh, rule.rule_id)
    assert verdict(f) == "breaks"
    assert "greeting" in set(f.loc[f["verdict"] == "breaks", "rule_id"])  # the 喂 opening


def test_english_sentences_are_checked_with_english_patterns():
    f = check_sentence("Hey, say something or I'll hang up!", "silent")
    broken = set(f.loc[f["verdict"] == "breaks", "rule_id"])
    assert {"greeting", "silent"} <= broken
    good = check_sentence("Sorry, there is no sound on your line; could you call again from another phone? Goodbye!",
                          "silent")
    assert verdict(good) == "keeps"


def test_which_element_is_missing_is_said():
    f = check_sentence("您好,请问有什么可以帮助您?", "name_known")
    missing = f[f["verdict"] == "missing"]
    assert len(missing) == 1 and "先生" in missing["why_zh"].iloc[0]
    assert verdict(check_sentence("王先生,请问有什么可以帮助您?", "name_known")) == "keeps"
    f = check_sentence("对不起,您的电话杂音太大,我挂了", "noisy")
    assert verdict(f) == "breaks" and "goodbye" in " ".join(f["why_en"])


def test_dialect_words_break_the_keep_mandarin_rule():
    f = check_sentence("你讲咩呀,我听得明白", "dialect_understood")
    assert verdict(f) == "breaks" and f.loc[f["verdict"] == "breaks", "evidence"].iloc[0] == "咩"


def test_bad_input_gets_bilingual_errors():
    for sentence, situation in (("", "greeting"), ("   ", "greeting"), ("您好" * 200, "greeting"), ("您好", "nope")):
        with pytest.raises(DataError) as err:
            check_sentence(sentence, situation)
        assert err.value.message_zh and err.value.message_en


def test_call_conditions_count_the_line(tmp_path):
    calls = load_case("logistics")["calls"]
    table = call_conditions(calls)
    assert table["calls"].sum() == len(calls) and set(table.index) <= {"normal", "silent", "low_voice", "hands_free",
                                                                       "noisy", "dialect"}
    with pytest.raises(DataError):
        call_conditions(calls.drop(columns="condition"))
