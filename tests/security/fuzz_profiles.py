"""Hypothesis settings for the hostile-input tests, and the strategies they share.

CI runs a small, deadline-free profile (the machine is a busy 2-core box: a slow example is
not a failure); `bench/fuzz.py` runs the same tests under the bigger one, chosen with
PA_FUZZ_PROFILE=bench. A test that gets a function-scoped fixture (the in-process app)
reuses it for every example on purpose: each example posts new, unique messages.
"""

from __future__ import annotations

import os
import string

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

#: The profile's name and its number of examples per test.
PROFILES = {"ci": 25, "bench": 400}
PROFILE = os.environ.get("PA_FUZZ_PROFILE", "ci")
if PROFILE not in PROFILES:
    raise ValueError(f"PA_FUZZ_PROFILE must be one of {sorted(PROFILES)}, not {PROFILE!r}")
EXAMPLES = PROFILES[PROFILE]

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=PROFILE == "ci",  # CI sees the same inputs every run; the bench explores
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
    print_blob=True,
)
#: The in-process app fixture has a long repr, which hypothesis warns about when it prints a
#: failing example's arguments; the warning would hide the failure itself.
LARGE_REPR = "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"

#: Tests whose examples are expensive (a whole turn each) run a quarter as many.
FUZZ_FEW = settings(FUZZ, max_examples=max(8, EXAMPLES // 4))

#: Text as hostile as unicode allows: controls, NULs, RTL marks, emoji, combining marks,
#: unpaired surrogates excluded (they cannot be encoded to go on the wire at all).
hostile_text = st.text(
    alphabet=st.characters(codec="utf-8"),
    max_size=300,
) | st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "hi\x00there",
        "\u202eetirw\u202c",  # right-to-left override
        "مرحبا، أريد موعدا غدا",
        "שלום",
        "👨‍👩‍👧‍👦" * 50,
        "Z̷̢̛a̵̡l̶g̷o̸" * 20,
        "\r\n\t\x0b\x0c\x1b[31m",
        "\ufeff\u200b\u200d",
        "?!.,;:" * 30,
        "' OR 1=1 --",
        "{{7*7}} ${7*7} %s %n",
        "9" * 5000,
    ]
)

#: Raw bytes, including invalid UTF-8.
hostile_bytes = st.binary(max_size=2000) | st.sampled_from(
    [b"\xff\xfe\x00", b"Body=%FF%FE%00&From=%C0%AF", b"\xed\xa0\x80", b"{" * 5000, b"%" * 100]
)

#: Form field names Twilio sends, and some it does not.
field_names = st.sampled_from(
    ["MessageSid", "From", "To", "Body", "NumMedia", "AccountSid", "ListId", "ButtonPayload"]
) | st.text(alphabet=string.ascii_letters + string.digits + "[]._-", min_size=1, max_size=20)
