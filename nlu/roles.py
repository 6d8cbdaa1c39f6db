"""Entity roles: which datetimes name an appointment the patient already has.

As in Rasa's entity roles, a ``datetime`` that identifies a booked visit ("my *friday*
appointment", "cancel *Thursday's*", "the one *on the 5th*") gets ``role="existing"``;
a wanted time gets no role.

Decision: rules over the words around the span plus the intent, not a learned role
classifier. The cues are few and grammatical (a possessive, "appointment on <dt>",
"from <dt> to <dt>", "instead of <dt>"), the training data has no role labels to learn
from, and a rule that fires wrongly can be read and fixed; a model's guess cannot. The
rules, in order:

1. A cue in the text marks the datetime existing, whatever the intent:
   - it is possessive, owned or modifies the appointment word: "thursday's", "my 3pm",
     "my friday appt", "the thursday one", "my friday 3pm appointment";
   - it follows the appointment word owned by someone: "my appointment on thursday",
     "our appt for the 5th", "the one at 10", "my appointment is tomorrow", or follows it
     at once: "my appt tmr"; patients call a visit by its service too ("my physio on
     saturday", "is my telehealth on wed"), so service words count as appointment words;
   - "instead of <dt>", "can't make <dt>" (also "cannae make", "won't be able to make my
     blood test <dt>"), "I have an appointment on <dt>", "I'm (definitely) booked in for <dt>",
     "I booked the flu shot for <dt>";
   - in a reschedule, "from <dt> to <dt>" and "move <dt> to <dt>" name the old one first
     (so does "<dt> to <dt>" anywhere in a move: "my appointment tomorrow to monday"; a range
     written "March 5 to March 10" is first cut in two by ``nlu.extract.split_move_ranges``),
     and "it's on <dt>" says what "it" is;
   - what is said of it after it: "<dt> I can't (make)", "<dt> needs to be later",
     "the <dt> is too early", "can <dt> be moved", "<dt> I'm booked for";
   - "a new time for <dt>", and outside a booking "the <dt> with <clinician>";
   - a refusal after it: "<dt> is no good", "<dt> not possible", "<dt> I busy", "<dt> moved to ...";
   - in a move, "not <dt>", "than <dt>", "instead of <dt>";
   - in a reschedule that names two times with no cue at all ("I have work thursday, friday ok?"),
     the first, unless the two are alternatives ("monday or tuesday") or another is refused.
   A time already past ("last tuesday", "yesterday", "two weeks ago") is never a booked visit: the
   role picks an appointment still to come, and results "from last week" name no appointment.
2. In a cancel, check or attendance message every datetime names the booked visit
   ("cancel my appointment tomorrow") unless it is a destination ("to friday"); a message
   with "cancel" in it counts as a cancel whatever the classifier said.
3. A time put forward ("how about <dt>", "maybe <dt>", "could we do <dt>") is wanted (checked first),
   whatever the intent. Anything else is a wanted time too: a reschedule's lone "can we move my appt to friday"
   is the new time, and so is any time followed by "instead" ("for tomorrow instead").
   A running-late message's time is when the patient will arrive ("in 10 minutes"), so
   it names the appointment only by a cue ("late for my 3pm").

A determiner is required for 1's appointment-word cues ("*my* appointment on friday"),
because "can I get an appointment on friday" is a request for a new one; in a booking
only a possessive counts ("book tuesday instead of my thursday appointment").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import cached_property

from nlu.types import Entity

EXISTING = "existing"

#: Intents whose datetimes name a visit already booked.
_NAMES_A_BOOKED_VISIT = frozenset({"cancel_appointment", "check_appointment", "confirm_attendance"})

# Appointment words, with the usual misspellings ("apointment", "appoinment", "appt").
_APPT = (
    r"(?:appointments?|appts?|apts?|ap+o\w*nt?m\w*|visits?|bookings?|sessions?|slots?|"
    r"consult(?:ation)?s?|check[- ]?ups?|checkups?|one|"
    # What patients call the visit by its service: "my physio on saturday", "is my telehealth on wed".
    r"physio(?:therapy)?|telehealth|(?:flu\s+)?(?:shots?|jabs?|jags?)|blood\s*tests?|bloods|scans?|"
    r"smears?|vaccin\w+|dental|cleaning|review|follow[- ]?up|"
    # "resched my sched on the 5th", "before my date on thursday": what some patients call the visit.
    r"scheds?|dates?|"
    # Spanish "cita" ("mi cita de mañana", "la cita del martes"), kept by Spanish speakers in English.
    r"citas?)"
)
_NOT_OWNERS = r"(?!(?:it|that|what|there|here|let|who|he|she|where|when)'s\b)"
_OWNER = _NOT_OWNERS + r"(?:my|ma|our|his|her|their|your|the|this|that|[a-z]+'s|mi|mis|su|la)"
_NOT_DESTINATION = r"(?!to\b|till?\b|until\b|into\b|instead\b)"


def _appt_then_preposition(owner: str) -> re.Pattern[str]:
    """ "<owner> [words] appointment [words] (on|for|at|of|is) [the] " ending just before the span."""
    return re.compile(
        r"(?<!to )(?<!into )\b"
        + owner
        + r"\s+(?:"
        + _NOT_DESTINATION
        + r"[\w'-]+\s+){0,3}?"
        + _APPT
        + r"(?:'s)?(?:\s+"
        + _NOT_DESTINATION
        + r"[\w.'-]+){0,4}?\s+(?:on|for|at|of|from|is|was|de|del|es)\s+(?:the\s+|el\s+)?$"
    )


_LEFT_OF_APPT = _appt_then_preposition(_OWNER)
# "my appt |tmr|", "ma physio |saturday|": an owned visit named right before its time, no preposition.
#: The same without a comma between: in a move, "change the day of my physio, |saturday morning| please"
#: names the new day after a pause, unless another time follows as the destination.
_OWNED_APPT_RIGHT_BEFORE = re.compile(
    r"(?<!to )(?<!into )\b(?:my|ma|our|his|her|their|[a-z]+'s|mi|su)\s+(?:[\w'-]+\s+)?"
    + _APPT
    + r"\s+$"
)
_OWNED_APPT_JUST_BEFORE = re.compile(
    r"(?<!to )(?<!into )\b(?:my|ma|our|his|her|their|[a-z]+'s|mi|su)\s+(?:[\w'-]+\s+)?"
    + _APPT
    + r"\s*[,-]?\s+$"
)
# "<owner> [word] |<dt>| appointment"
_OWNER_BEFORE = re.compile(r"(?<!to )(?<!into )\b" + _OWNER + r"\s+(?:[\w'-]+\s+)?$")
_APPT_AFTER = re.compile(r"^\s*(?:'s\s+|s'\s+)?" + _APPT + r"\b")
_POSSESSIVE = re.compile(r"'s$")
# "thursday's fine" is "thursday is fine": a wanted time, not a possessive.
_IS_FINE = re.compile(
    r"^\s*(?:good|fine|better|best|ok|okay|great|perfect|free|open|works?|not|no|"
    r"better|easier|preferred|ideal|alright|all right)\b"
)
# "can't make *thursday*, ...", "*tmr* cannot make it", "*Thursday 10:30* I cannot": said of a booked time.
_CANT_AFTER = re.compile(
    r"^(?:'s)?\s*,?(?:\s+(?:i|i'm|im|we|he|she|they|it|really|just))*\s+(?:can'?t|cannot|can\s+not|"
    r"won'?t\s+be\s+able|not\s+able|unable|couldn'?t|no\s+longer|won'?t\s+work|doesn'?t\s+work|"
    r"don'?t\s+work|isn'?t\s+(?:good|possible|going\s+to\s+work)|"
    # "FRIDAY IS NO GOOD", "Thursday is not possible", "thursday i busy", "doesn't suit"
    r"(?:is\s+|'s\s+)?(?:no|not)\s+(?:good|possible|ok|okay|convenient|suitable)|(?:is\s+)?impossible|"
    r"(?:'m|m|am|is|are)?\s*(?:too\s+)?busy|(?:doesn'?t|does\s+not|won'?t)\s+suit|clash(?:es)?|"
    # "tomorrow 10h I am working", "Tuesday I'm on call"
    r"(?:'m|m|am)?\s*(?:working|at\s+work|on\s+call|away|travell?ing|out\s+of\s+town)(?=\s*(?:[,.;!?]|$)))\b"
)
# "*tomorrow morning* needs to be later", "the *8am* is too early", "can the physio on *Tuesday* be moved".
_NEEDS_MOVING = re.compile(
    r"^(?:'s)?(?:\s+(?!to\b|for\b)[\w'-]+){0,4}?\s+(?:(?:needs?|has|have)\s+(?:to\s+be\s+)?"
    r"(?:moved|moving|changed|changing|later|earlier|rescheduled|shifted|pushed|switched|swapped)|"
    r"(?:is|'s|are)\s+(?:now\s+|just\s+)?(?:too|way\s+too)\s+(?:early|late|soon)|"
    r"(?:be|get|gets|been)\s+(?:moved|changed|shifted|pushed|swapped|switched|rescheduled|"
    r"put\s+back|brought\s+forward)|"
    # "need march 5th moved to march 12th"
    r"(?:moved|changed|shifted|pushed|swapped|switched|rescheduled)\s+(?:to|till|until|for|back|forward))\b"
)
# "a new time for *the 12th*", "a different day than *friday*".
_NEW_TIME_FOR = re.compile(
    r"\b(?:new|different|another|other|later|earlier)\s+(?:time|date|day|slot|appointment|appt)s?"
    r"\s+(?:for|than|instead\s+of)\s+(?:my\s+|the\s+|our\s+)?$"
)
# "the *10:15* with Sofia", "my *3pm* with Dr Patel": a visit named by its time and clinician.
_WITH_CLINICIAN = re.compile(r"^(?:'s)?\s+(?:appt\s+|appointment\s+|one\s+)?with\s+")
_DETERMINER = re.compile(r"\b(?:my|the|our|his|her)\s+$")
# "is it Thursday or *Friday* I'm booked for", "what day am I in".
_BOOKED_AFTER = re.compile(
    r"^(?:'s)?\s*,?\s+(?:that\s+)?(?:i'?m|i\s+am|am\s+i|we'?re|are\s+we|is\s+(?:he|she)|"
    r"(?:he|she)'?s)\s+(?:booked|scheduled|down|in)\b"
)
# "move my appointment *tomorrow* to next Monday": in a move, the time just before "to <time>" is the old one.
_JUST_TO = re.compile(
    r"^(?:'s)?\s*(?:back\s+|forward\s+|over\s+)?(?:to|till|until|into|->|\u2192)\s+(?:the\s+|a\s+)?$"
)
# "how about *monday*", "maybe *friday* instead", "could we do *tuesday*": a time put forward.
_PUT_FORWARD = re.compile(
    r"\b(?:how|what)\s+about\s+(?:the\s+)?$|\b(?:maybe|perhaps|possibly)\s+(?:the\s+|on\s+)?$|"
    r"\b(?:can|could)\s+(?:i|we|you)\s+(?:do|come|have|try|go\s+for)\s+(?:the\s+|on\s+)?$|"
    # the new booking of a cancel-and-rebook: "cancel my thursday and book me in friday"
    r"\b(?:re)?book\s+(?:me|us|him|her|them)?\s*(?:in\s+)?(?:for\s+|on\s+|at\s+)?(?:the\s+)?$"
)
# "see you thursday", "cya tmrw": the patient will see the practice at the visit booked.
_SEE_YOU = re.compile(
    r"\b(?:see\s+(?:you|ya|u|yous)|cya|c\s+u|catch\s+(?:you|ya)(?:\s+on)?)\s+(?:on\s+)?$"
)
_INSTEAD_OF = re.compile(r"\b(?:instead\s+of|in\s+place\s+of)\s+(?:my\s+|the\s+|our\s+)?$")
_CANT_MAKE = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|cannae|canny|cant|won'?t|wont|unable\s+to|not\s+able\s+to|couldn'?t|"
    r"won'?t\s+be\s+able\s+to|(?:won'?t|wont|will\s+not|not)\s+be)\s+"
    r"(?:make|do|come|attend|go|get\s+there|attending|coming|there|in|able\s+to\s+(?:make|come|attend))"
    # "won't be able to make my blood test this afternoon": the visit may be named between.
    r"(?:\s+it|\s+(?:my|ma|the|our|his|her)\s+(?:[\w'-]+\s+){0,2}?" + _APPT + r")?"
    r"(?:\s+(?:on|at|for))?\s+(?:the\s+)?$"
)
# "I have an appointment on thursday", "we've got an appt at 3" (not "can I have an appointment...").
_HAVE_APPT = re.compile(
    r"(?<!can )(?<!could )(?<!may )(?<!would )(?<!will )(?<!to )(?<!do )(?<!does )\b(?:i|ah|we|he|she|they|you)"
    # "I have appointment Thursday", "i got a check up thurs": the article is often left out.
    r"(?:\s+(?:already\s+)?(?:have|has|had|ve|got)|'ve|ve)\s+(?:already\s+)?(?:got\s+)?(?:(?:an?|one|my|the)\s+)?(?:[\w'-]+\s+){0,2}?"
    + _APPT
    + r"(?:\s+"
    + _NOT_DESTINATION
    + r"[\w.'-]+){0,3}?(?:\s+(?:on|for|at))?\s+(?:the\s+)?$"
)
# "I'm booked in for thursday", "she's scheduled on the 5th", "currently booked for friday".
_BOOKED_FOR = re.compile(
    r"\b(?:i'?m|i\s+am|i\s+was|we'?re|we\s+are|we\s+were|(?:he|she)'?s|(?:he|she|it)\s+(?:is|was)|currently|"
    r"originally|already)\s+(?:already\s+|currently\s+|definitely\s+|still\s+|actually\s+)?"
    r"(?:(?:booked|scheduled|down|set)\s+(?:in\s+)?(?:for|on|at)|"
    # "I'm booked tomorrow 2pm", "I'm booked with Jonas on Saturday"
    r"(?:booked|scheduled)(?:\s+in)?(?:\s+with(?:\s+[\w.'-]+){1,3}?)?(?:\s+(?:for|on|at))?)\s+(?:the\s+)?$"
    # "I booked the flu shot for friday", "we already scheduled his check-up on the 5th".
    r"|\b(?:i|we|he|she|they)\s+(?:already\s+|had\s+)?(?:booked|scheduled)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:for|on|at)\s+(?:the\s+)?$"
)
# "can you move it? it's on thursday": what "it" is, in a reschedule.
_IT_IS_ON = re.compile(
    r"\b(?:(?:it'?s|it\s+is|it\s+was|which\s+is|that'?s|that\s+is)\s+(?:currently\s+|now\s+)?"
    r"(?:on|for|at)|it\s+(?:was|is\s+currently))\s+(?:the\s+)?$"
)
_ALTERNATIVES = re.compile(r"^(?:'s)?\s*(?:,\s*)?(?:or|and|/|-|&|\+|through|thru)\b")
_FROM = re.compile(r"\bfrom\s+(?:my\s+|the\s+|our\s+)?$")
_RATHER_THAN = re.compile(r"\b(?:rather\s+)?than\s+(?:my\s+|the\s+|this\s+)?$")
# "make mine the 10th, not the 5th", "instead of Tuesday": in a move, the time refused is the booked one.
_NOT_THIS = re.compile(
    r"(?:\bnot|\binstead\s+of|\bin\s+place\s+of|\bthan)\s+(?:my\s+|the\s+|this\s+)?$"
)
_MOVE_VERB = re.compile(
    r"\b(?:move|moving|change|changing|switch|switching|shift|swap|reschedule|resched|"
    r"push|bring|put)\s+(?:my\s+|the\s+|our\s+)?$"
)
# What joins an old time to the new one: "thursday |to| friday", "friday appt |back to| monday".
_TO_NEXT = re.compile(
    r"^(?:'s)?(?:\s+[\w'-]+){0,3}?\s+(?:back\s+|forward\s+|over\s+)?(?:to|till|until|into|for)\s+"
    r"(?:the\s+|a\s+)?$"
)
_MOVE_VERB_ANYWHERE = re.compile(
    r"\b(?:move|change|switch|shift|swap|reschedul\w*|resched|rebook|push\s+back|"
    # Spanish "cambiar"/"mover" (change, move), as in "puedo cambiar mi cita de mañana"
    r"cambiar|mover)\b"
)
# "❌ friday appointment": a cross put before a visit strikes it out, as "cancel" does.
_CANCEL_VERB = re.compile(r"\b(?:cancel\w*|call\s+off)\b|[\u274c\u2716\U0001f6ab]")
# "my 3pm", "Tom's 10:30": a time owned is a booked one ("running late for my 3pm").
_POSSESSED = re.compile(
    r"\b(?:my|our|his|her|their|(?!(?:it|that|what|there|here|let)'s)[a-z]+'s)\s+$"
)
# "for tomorrow instead": whatever came before, the time after it is the one wanted.
# "bloods taken last Wednesday", "results from my appointment yesterday": a visit that is over is
# not one the patient has; the role picks an appointment still to come.
_PAST = re.compile(r"^(?:last|yesterday|this\s+past|the\s+other\s+day)\b|\bago$")
_INSTEAD_AFTER = re.compile(r"^\s*,?\s*instead\b")
# "10:30 is better for me", "saturday would suit better": a time preferred is a time wanted.
_PREFERRED_AFTER = re.compile(
    r"^\s*(?:is|'s|would\s+be|'d\s+be|will\s+be|works?|suits?(?:\s+me)?)\s+(?:much\s+|a\s+lot\s+|way\s+)?"
    r"(?:better|best|easier|preferable|ideal)\b"
)
_BOOK_VERB = re.compile(r"\b(?:book|schedule|sched)\b")
_DESTINATION = re.compile(r"\b(?:to|into|till|until)\s+(?:the\s+)?$")
# The grammar sometimes keeps "one" of "the one on thursday" / "the thursday one" in the span.
_ONE_PREFIX = re.compile(r"^one\s+(?:on|at|for)\s+(?:the\s+)?")
_ONE_SUFFIX = re.compile(r"\s+one$")


class RoleCues:
    """What the words around each datetime span of one message say, whatever the intent.

    A parse reads roles twice, with the same spans: for the classifier's text (no intent yet) and
    for its answer (with the intent). Most of the reading is the same both times, regular
    expressions over the words before and after the span, so it is done once per span, on first
    need, and kept here for the message's second reading. Made for one message and dropped with it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = text.lower().replace("\u2019", "'")
        self._spans: dict[tuple[int, int], _SpanCues] = {}

    def of(self, e: Entity) -> _SpanCues:
        """The cues around ``e``'s span."""
        key = (e.start, e.end)
        cues = self._spans.get(key)
        if cues is None:
            cues = self._spans[key] = _SpanCues(self.low, e)
        return cues


class _SpanCues:
    """The intent-free tests of :func:`_is_existing` for one span, each run when first asked."""

    def __init__(self, low: str, e: Entity) -> None:
        self.left, self.span, self.right = _core(low, e)

    @cached_property
    def ruled_out(self) -> bool:
        """Followed by "instead" or "is better", put forward, or already past."""
        return bool(
            _INSTEAD_AFTER.match(self.right)
            or _PREFERRED_AFTER.match(self.right)
            or _PUT_FORWARD.search(self.left)
            or _PAST.search(self.span)
        )

    @cached_property
    def named_before(self) -> bool:
        """ "instead of <dt>", "can't make <dt>", "I have an appointment on <dt>", "my <dt>"..."""
        return any(
            p.search(self.left)
            for p in (
                _INSTEAD_OF,
                _CANT_MAKE,
                _HAVE_APPT,
                _BOOKED_FOR,
                _POSSESSED,
                _NEW_TIME_FOR,
                _SEE_YOU,
            )
        )

    @cached_property
    def named_after(self) -> bool:
        """ "<dt> I'm booked for", "<dt> needs to be later"."""
        return bool(_BOOKED_AFTER.match(self.right) or _NEEDS_MOVING.match(self.right))

    @cached_property
    def refused_after(self) -> bool:
        return bool(_CANT_AFTER.match(self.right))

    @cached_property
    def with_a_clinician(self) -> bool:
        """ "the <dt> with <clinician>"."""
        return bool(_DETERMINER.search(self.left) and _WITH_CLINICIAN.match(self.right))

    @cached_property
    def names_the_appointment(self) -> bool:
        return _names_the_appointment(self.left, self.span, self.right)

    @cached_property
    def names_the_appointment_last_in_move(self) -> bool:
        """The same for the last time of a move (see :func:`_names_the_appointment`)."""
        return _names_the_appointment(self.left, self.span, self.right, last_in_move=True)

    @cached_property
    def destination(self) -> bool:
        """ "to <dt>", "until <dt>"."""
        return bool(_DESTINATION.search(self.left))


class _MessageCues:
    """The tests of a message and an intent that every span of it asks, each run once."""

    def __init__(self, low: str, intent: str) -> None:
        self.low, self.intent = low, intent

    @cached_property
    def books(self) -> bool:
        return _books(self.low, self.intent)

    @cached_property
    def about_an_appointment(self) -> bool:
        return _about_an_appointment(self.low, self.intent)

    @cached_property
    def about_a_booked_visit(self) -> bool:
        return _about_a_booked_visit(self.low, self.intent)

    @cached_property
    def moves_an_appointment(self) -> bool:
        return moves_an_appointment(self.low, self.intent)

    @cached_property
    def moving(self) -> bool:
        return self.intent == "reschedule_appointment" or bool(_MOVE_VERB_ANYWHERE.search(self.low))


def assign_roles(
    text: str, intent: str, entities: Sequence[Entity], cues: RoleCues | None = None
) -> tuple[Entity, ...]:
    """``entities`` with ``role="existing"`` on each datetime that names a booked appointment.

    ``cues``: the message's :class:`RoleCues`, when another reading of the same text made them.
    """
    if cues is None or cues.text != text:
        cues = RoleCues(text)
    message = _MessageCues(cues.low, intent)
    dts = [e for e in entities if e.entity == "datetime"]
    out = []
    for e in entities:
        if e.entity == "datetime" and _is_existing(cues.of(e), message, e, dts):
            out.append(dataclasses.replace(e, role=EXISTING))
        else:
            out.append(e)
    return tuple(out)


def _core(low: str, e: Entity) -> tuple[str, str, str]:
    """(left context, span, right context), with a stray "one" moved out of the span."""
    left, span, right = low[: e.start], low[e.start : e.end], low[e.end :]
    if (m := _ONE_PREFIX.match(span)) and left.endswith("the "):
        left, span = left + span[: m.end()], span[m.end() :]
    if (m := _ONE_SUFFIX.search(span)) and m.start() > 0:
        span, right = span[: m.start()], span[m.start() :] + right
    return left, span, right


def _is_existing(c: _SpanCues, m: _MessageCues, e: Entity, dts: list[Entity]) -> bool:
    if c.ruled_out:
        return False
    if c.named_before or c.named_after:
        return True
    last_in_move = m.moves_an_appointment and e is dts[-1]
    if not m.books and (
        (c.refused_after and m.about_an_appointment)
        or c.with_a_clinician
        or (c.names_the_appointment_last_in_move if last_in_move else c.names_the_appointment)
    ):
        return True
    if _names_the_old_one(m, c.left, c.right, e, dts):
        return True
    return m.about_a_booked_visit and not c.destination


def _about_a_booked_visit(low: str, intent: str) -> bool:
    """A cancel, check or attendance message, or a cancel the classifier missed ("cancel the 10am")."""
    if intent in _NAMES_A_BOOKED_VISIT:
        return True
    return (
        bool(_CANCEL_VERB.search(low))
        and not _MOVE_VERB_ANYWHERE.search(low)
        and not _BOOK_VERB.search(low)
    )


def moves_an_appointment(text: str, intent: str) -> bool:
    """A reschedule, however it was classified ("change my 3pm to 4")."""
    return intent == "reschedule_appointment" or bool(_MOVE_VERB_ANYWHERE.search(text.lower()))


def _about_an_appointment(low: str, intent: str) -> bool:
    """A message about a visit the patient has: a move, a cancel, a check or an appointment word."""
    return (
        moves_an_appointment(low, intent)
        or _about_a_booked_visit(low, intent)
        or bool(re.search(r"\b" + _APPT + r"\b", low))
    )


def _books(low: str, intent: str) -> bool:
    """A request for a new appointment ("book my check-up for friday"), however it was classified."""
    if (
        intent == "book_appointment"
    ):  # unless it plainly moves one: "could we shift our appt for the 5th"
        return bool(_BOOK_VERB.search(low)) or not _MOVE_VERB_ANYWHERE.search(low)
    return (
        bool(_BOOK_VERB.search(low))
        and not _MOVE_VERB_ANYWHERE.search(low)
        and intent not in _NAMES_A_BOOKED_VISIT
    )


def _names_the_appointment(left: str, span: str, right: str, last_in_move: bool = False) -> bool:
    """ "Thursday's", "my friday appt", "the thursday one", "my appointment on the 5th".

    ``last_in_move``: the last time of a move, where "my physio, <dt>" is the new time said after
    a pause (the comma), and only "my appt <dt>" with nothing between names the booked one."""
    if _POSSESSIVE.search(span) or right.startswith("'s"):
        return not _IS_FINE.match(right.removeprefix("'s"))
    if _OWNER_BEFORE.search(left) and _APPT_AFTER.match(right):
        return True
    owned = _OWNED_APPT_RIGHT_BEFORE if last_in_move else _OWNED_APPT_JUST_BEFORE
    return bool(_LEFT_OF_APPT.search(left) or owned.search(left))


def _names_the_old_one(
    message: _MessageCues, left: str, right: str, e: Entity, dts: list[Entity]
) -> bool:
    """ "move <dt> to <dt>"; in a reschedule also "from <dt> to <dt>" and "rather than <dt>"."""
    low, intent, moving = message.low, message.intent, message.moving
    if moving and (_RATHER_THAN.search(left) or _IT_IS_ON.search(left) or _NOT_THIS.search(left)):
        return True
    later = [d for d in dts if d.start >= e.end]
    if not later:
        return False
    between = right[: later[0].start - e.end]
    if moving and _JUST_TO.match(between) and not _DESTINATION.search(left):
        return True
    starts_move = _MOVE_VERB.search(left) or (moving and _FROM.search(left))
    if starts_move and _TO_NEXT.match(between):
        return True
    # A reschedule that names two times without a cue ("I have work thursday, can change to friday?",
    # "today 2pm no good, wednesday evening?"): the first is the booked one, unless the two are
    # alternatives ("monday or tuesday") or the first is already where it should go ("to friday").
    return (
        intent == "reschedule_appointment"
        and e is dts[0]
        and not _DESTINATION.search(left)
        and not _ALTERNATIVES.match(between)
        and not any(_NOT_THIS.search(low[: d.start]) for d in later)
    )
