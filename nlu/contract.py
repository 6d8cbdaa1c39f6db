"""The fixed labels of the NLU contract (docs/nlu-contract.md): intents, entities and datetime grains."""

INTENTS = (
    "greet", "goodbye", "thank", "affirm", "deny", "book_appointment", "reschedule_appointment",
    "cancel_appointment", "check_appointment", "confirm_attendance", "running_late", "register_patient",
    "update_details", "start_intake", "pay_bill", "billing_question", "check_results", "request_human",
    "clinic_info", "emergency", "opt_out", "opt_in", "help", "inform", "out_of_scope",
)
ENTITIES = (
    "datetime", "practitioner", "service", "location", "person_name", "birth_date", "phone_number",
    "email", "choice",
)
GRAINS = ("minute", "hour", "day", "week", "month", "part_of_day")
