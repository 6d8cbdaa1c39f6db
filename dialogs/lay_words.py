"""Words people use for the things a form or the practice names more formally.

`RELATIONSHIPS`: how patients name a relative or friend, by the option it means. An option
of a choice question takes these words when one of its own words is the key's word
("Spouse or partner" has "spouse" and "partner"; "Parent"; "Child"; ...), so a form
written with other labels for the same relationships still gets them.

`NOT_DESCRIPTIVE`: words of a booking request that say nothing about what the visit is for
("I need to see a doctor about ... next week"); they never match a service's description.
"""

from __future__ import annotations

RELATIONSHIPS: dict[str, tuple[str, ...]] = {
    "spouse": ("husband", "wife", "partner", "hubby", "missus", "missis", "mrs", "spouse", "bf", "gf",
               "boyfriend", "girlfriend", "fiance", "fiancee", "fiancé", "fiancée", "other half",
               "better half", "significant other", "common law", "de facto", "civil partner"),
    "parent": ("mum", "mom", "mommy", "mummy", "mother", "mama", "ma", "dad", "daddy", "father", "papa",
               "pa", "stepmother", "stepfather", "stepmom", "stepmum", "stepdad", "mam"),
    "child": ("son", "daughter", "kid", "stepson", "stepdaughter"),
    "sibling": ("brother", "sister", "bro", "sis", "twin", "half brother", "half sister",
                "stepbrother", "stepsister"),
    "friend": ("friend", "mate", "pal", "buddy", "bestie", "best friend", "bff", "flatmate", "roommate"),
    "other": ("neighbour", "neighbor", "carer", "caregiver", "aunt", "auntie", "uncle", "cousin", "niece",
              "nephew", "grandmother", "grandfather", "grandma", "grandpa", "granny", "nan", "nana",
              "grandson", "granddaughter", "in law", "mother in law", "father in law", "brother in law",
              "sister in law", "son in law", "daughter in law", "colleague", "coworker", "landlord",
              "guardian", "godmother", "godfather"),
}
#: The words of an option's label that make it one of RELATIONSHIPS' keys.
RELATIONSHIP_KEYS: dict[str, str] = {
    "spouse": "spouse", "partner": "spouse", "husband": "spouse", "wife": "spouse",
    "parent": "parent", "mother": "parent", "father": "parent",
    "child": "child", "children": "child", "son": "child", "daughter": "child",
    "sibling": "sibling", "brother": "sibling", "sister": "sibling",
    "friend": "friend", "other": "other", "relative": "other",
}

#: Words too common in option labels to pick an option on their own ("None *of* these").
FILLER = frozenset({
    "a", "an", "and", "any", "are", "as", "at", "be", "by", "for", "from", "i", "im", "in", "is", "it", "its",
    "me", "my", "of", "on", "or", "our", "so", "that", "the", "their", "them", "these", "they", "this", "to",
    "was", "we", "with", "you", "your", "something", "else", "thing", "things", "yes", "no", "not", "none",
})

NOT_DESCRIPTIVE = FILLER | frozenset({
    "appointment", "appointments", "appt", "book", "booking", "see", "seeing", "doctor", "doctors", "doc",
    "dr", "gp", "nurse", "need", "needs", "want", "wanted", "would", "like", "visit", "visits", "come",
    "coming", "get", "got", "have", "has", "had", "about", "because", "cause", "cos", "can", "could",
    "please", "pls", "plz", "thanks", "thank", "hi", "hello", "hey", "some", "someone", "somebody",
    "time", "times", "day", "days", "week", "weeks", "month", "next", "this", "today", "tomorrow",
    "morning", "afternoon", "evening", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "asap", "soon", "possible", "make", "set", "up", "go", "do", "will", "am",
    "pm", "been", "having", "really", "very", "bit", "little", "lot", "new", "also", "just", "still",
    "what", "when", "which", "who", "how", "there", "here", "one", "all", "more", "help", "looked", "look",
    "check", "checked", "sort", "out", "into", "over", "after", "before", "since", "ago", "last",
    "first", "second", "third", "option", "number", "other", "another", "that", "same", "either",
})
