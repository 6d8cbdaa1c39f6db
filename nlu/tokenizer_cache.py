"""Seeding spaCy's tokenizer cache with the words patients use, so a contraction does not disable it.

spaCy's tokenizer keeps each space-separated chunk it has split ("appointment", "week,") in a
cache and reuses the split next time. But once a message has hit one of its special cases ("I've",
"don't", "it's": the contractions patients type all the time), nothing later in that message is
saved to the cache (spaCy's guard for special cases is per message, not per chunk), so the words
after a contraction are split from scratch in every message, forever. Chunks looked up in the
cache are still found, though; so the frequent words of the training texts are tokenized once,
alone, when the model is loaded.

The cache only ever holds what the tokenizer would have produced anyway, so this changes no token.
"""

from __future__ import annotations

from typing import Any

#: How many of the most frequent training words are seeded (about 0.2 s at load for both pipelines).
SEED_WORDS = 1500


def seed(recogniser: Any, classifier: Any, counts: Any, n: int = SEED_WORDS) -> int:
    """Tokenize the ``n`` most frequent words of ``counts`` alone, with both pipelines' tokenizers.

    The recogniser reads the message as typed, so it also gets each word capitalised; the
    classifier reads lower-cased text. Returns how many chunks were tokenized.
    """
    done = 0
    for word, _count in counts.most_common(n):
        for tokenizer, text in (
            (classifier.tokenizer, word),
            (recogniser.tokenizer, word),
            (recogniser.tokenizer, word.capitalize()),
        ):
            tokenizer(text)
            done += 1
    return done
