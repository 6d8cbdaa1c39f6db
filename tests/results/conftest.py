"""Results tests run the whole assistant (tests/channels/rig.py): the FHIR sandbox, the
real NLU, PostgreSQL or SQLite, and the Twilio stand-in reached by the real client."""

from tests.channels.conftest import make_rig  # noqa: F401 - fixtures
from tests.support.standins import telegram_api, twilio_api  # noqa: F401 - fixtures
