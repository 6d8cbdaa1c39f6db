"""The emergency sets through the full parse: what the product does with each message.

Every emergency set is scored: real-world-style emergencies by triage category
and hard non-emergencies. The development sets (``data/nlu/dev/``, read while the
screen was built) must meet the targets below. The blind sets
(``data/nlu/blind/``, never read) are held to the floor of what they first
measured, less a margin, and this keeps a change from losing ground there. On failure the message shows recall per category with
counts; message texts are shown only for development sets, so a blind set's
lines never reach a log.
"""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.emergency_eval import (
    SET_NOW,
    SET_TZ,
    Item,
    category_table,
    emergency_sets,
    is_dev_set,
    load_set,
    parse_predictor,
    score,
)

#: Targets: an emergency missed is far worse than a false alarm.
MIN_RECALL = 0.99
MIN_PRECISION = 0.90
MIN_CATEGORY_RECALL = 0.95
#: What the blind sets must keep: their first measurement, less a margin for a message or two.
#: blind/emergency-15 (writer 22, 20 categories of 19 emergencies each) measured recall 0.976 /
#: precision 0.937 when written (commit 99a1948, round twelve's NLU), lowest category 0.789
#: (15 of 19). (Earlier floors: emergency-8's 0.93 / 0.92 / 0.85, emergency-12's the same.)
BLIND_FLOOR = {"recall": 0.96, "precision": 0.92, "category_recall": 0.73}

#: A development set that does not meet the targets yet, held to what it measured when it
#: was read, so that it can only climb. Remove its entry once it meets them.
DEV_FLOOR: dict[str, tuple[float, float, float]] = {
    # (emergency-6 held here at 0.96 / 0.95 / 0.88 until round seven brought it to the targets;
    # emergency-8 at 0.96 / 0.92 / 0.90 until round nine did: 1.000 / 0.944, every category 1.0)
}

SETS = emergency_sets()


def test_the_known_sets_are_found() -> None:
    assert {
        "dev/emergency-1-dev",
        "dev/emergency-1",
        "dev/emergency-2",
        "dev/emergency-3",
        "dev/emergency-4",
        "dev/emergency-5",
        # round eight's sets, written for the scored screen in the voices the lexicon missed
        "dev/emergency-9-dev",
        "dev/emergency-10-dev",
        "dev/emergency-11-dev",
        # round eleven's and twelve's, written for the categories the blind sets found weakest
        "dev/emergency-13-dev",
        "dev/emergency-14-dev",
        # round thirteen's: writer 20's set moved from blind, and one written before the screen was read
        "dev/emergency-12",
        "dev/emergency-16-dev",
    } <= set(SETS)
    assert is_dev_set("dev/emergency-5")


@pytest.mark.parametrize("name", sorted(SETS))
def test_emergency_set_meets_its_targets(name: str, nlu_model: NLU) -> None:
    items = load_set(SETS[name])
    assert any(it.emergency for it in items) and any(not it.emergency for it in items)
    report = score(items, parse_predictor(nlu_model))
    summary = f"{name}: " + category_table(report)
    if is_dev_set(name):
        summary += "\n" + "\n".join(
            f"{m['kind']}: [{m['category']}] {m['text']}" for m in report["misses"]
        )
        recall, precision, category_recall = DEV_FLOOR.get(
            name, (MIN_RECALL, MIN_PRECISION, MIN_CATEGORY_RECALL)
        )
    else:
        recall, precision, category_recall = (
            BLIND_FLOOR[k] for k in ("recall", "precision", "category_recall")
        )
    weak = {
        cat: f"{c['caught']}/{c['emergencies']}"
        for cat, c in report["categories"].items()
        if c["emergencies"] and c["recall"] < category_recall
    }
    assert report["recall"] >= recall, summary
    assert report["precision"] >= precision, summary
    assert not weak, f"categories under {category_recall}: {weak}\n{summary}"


@pytest.mark.parametrize(
    ("text", "emergency"),
    [
        ("hi can I book an appointment for my dad, he's got a crushing pain in his chest", True),
        ("my 5 week old has a temperature of 38.3", True),
        ("I don't trust myself to stay safe tonight", True),
        ("honestly not safe with myself at the moment", True),
        ("we've chosen tonight, I'm sorry, I have everything ready", True),
        ("my brother keeps saying he wants to die and he's been giving his stuff away", True),
        ("I wish to finish my life, I am very tired of everything", True),
        ("can I cancel, my baby has a fever so we're staying home", False),
        ("please update my emergency contact to my sister", False),
        ("I'd like to end my appointment early", False),
        ("I need to finish my forms", False),
        ("need a follow-up for my chest infection", False),
        ("is the flu shot safe in pregnancy", False),
        (
            "my dad felt shaky with a low sugar this morning, he had a biscuit and was fine, should he cut his insulin",
            False,
        ),
        # round nine: families the last blind set showed missing, in the project's own words
        ("my uncle slipped in the kitchen and now he no respond to me", True),
        ("grandma sitting in chair, eyes open but not answering anything", True),
        ("she is 38 weeks and I can see the head, we are still at home", True),
        ("my little sister pulled the kettle down, the skin on her arm is peeling off", True),
        (
            "dressing change please, well actually the burn covers most of his back and looks white",
            True,
        ),
        ("my wife has fever and shivers, blood pressure very low and hardly any wee today", True),
        ("my boy drank some oil from the heater and now he keeps coughing", True),
        ("the carbon monoxide alarm keeps going off and we all feel dizzy and sick", True),
        ("my dad consumed lot of sleeping meds, he is very drowsy now", True),
        ("my daughter cut her arm on purpose and won't stop crying", True),
        ("my son took a blade and made cuts on his legs, he locked himself in his room", True),
        ("not safe", True),
        (
            "just want to say goodbye, thank you for everything, won't need my appointments any more",
            True,
        ),
        (
            "just want to say goodbye and thanks for everything, we are moving to Denver next month",
            False,
        ),
        ("my little brother needs a check up, he cut his knee last week", False),
        ("the smoke alarm went off while I was cooking, all fine, can I book a flu shot", False),
        ("his chest is grand now, can we cancel Tuesday", False),
        ("is it not safe to take ibuprofen with my blood pressure tablets", False),
        # words that only look like a red flag: a "flew shot", "shot" for thanks, a blood draw on a
        # date written like a pain score, "by accident", print too small to read
        ("can I get my flew shot friday at the downtown clinic", False),
        ("grand, shot, see you thursday", False),
        ("please book a blood draw for 4/10 at 9:30", False),
        ("I deleted the reminder by accident, when is my appointment", False),
        ("I can't see the options on your website, can someone call me", False),
        ("my neighbour has been shot in the leg, there's blood everywhere", True),
        # turning the practice's texts off is not a crisis, however it is worded
        ("no more text reminders please, I don't want them, my daughter signed me up", False),
        ("I don't want to be here anymore, stop texting me", True),
    ],
)
def test_the_parse_calls_emergencies_and_nothing_else(
    nlu_model: NLU, text: str, emergency: bool
) -> None:
    parse = nlu_model.parse(text, now=SET_NOW, tz=SET_TZ)
    assert (parse.intent == "emergency") is emergency, parse.intent_ranking[:3]


def test_scorer_reports_recall_precision_and_categories() -> None:
    items = [
        Item("msg-a", True, "stroke", "lay"),
        Item("msg-b", True, "stroke", "sms"),
        Item("msg-c", False, "stroke", "lay"),
        Item("msg-d", True, "diabetic", "typo"),
        Item("msg-e", False, "diabetic", "lay"),
    ]
    fired = {"msg-a", "msg-c", "msg-d"}
    report = score(items, lambda text: text in fired)
    assert (report["tp"], report["fp"], report["fn"]) == (2, 1, 1)
    assert report["recall"] == round(2 / 3, 4) and report["precision"] == round(2 / 3, 4)
    assert report["categories"]["stroke"] == {
        "emergencies": 2,
        "caught": 1,
        "non_emergencies": 1,
        "false_alarms": 1,
        "recall": 0.5,
    }
    assert report["categories"]["diabetic"]["recall"] == 1.0
    assert [m["text"] for m in report["misses"]] == ["msg-b", "msg-c"]
    assert "msg-b" not in category_table(report)
