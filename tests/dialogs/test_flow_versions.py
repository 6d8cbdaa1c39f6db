"""The pure engine on versioned flow sets: a flow records the version it started on and
finishes on it while a later one is live; the next flow starts on the live version."""

from __future__ import annotations

import dataclasses

from bot.flow_versions import flow_set, shipped_files
from dialogs.context import FlowSet, TurnContext
from dialogs.engine import UserSaid, advance
from patient_assistant.bootstrap import DATA
from tests.dialogs.driver import Conversation, said
from tests.dialogs.test_booking_flows import book_request

SHIPPED = shipped_files(DATA)
OLD = "You're booked: {service} with {practitioner}"
BOOK = "flows/book_appointment.yaml"
V1 = flow_set(1, SHIPPED)
V2 = flow_set(2, {**SHIPPED, BOOK: SHIPPED[BOOK].replace(OLD, "All set! Your {service}")})


@dataclasses.dataclass
class VersionedConversation(Conversation):
    """The conversation's context as the pipeline makes it (bot/assistant.py `_flow_sets`)."""

    live: FlowSet = V1

    def context(self) -> TurnContext:
        base = super().context()
        started_on = {1: V1, 2: V2}.get(self.state.flow_version or 0)
        if self.state.flow and started_on is not None and started_on is not self.live:
            return dataclasses.replace(
                base,
                flows=started_on.flows,
                texts=started_on.texts,
                flow_version=started_on.version,
                live=self.live,
            )
        return dataclasses.replace(
            base, flows=self.live.flows, texts=self.live.texts, flow_version=self.live.version
        )


async def test_a_booking_started_before_a_publish_finishes_on_its_version() -> None:
    chat = VersionedConversation()
    await chat.send(book_request())
    await chat.send(said("1", choice=("1", {"index": 1})))
    assert chat.state.flow_version == 1
    chat.live = V2  # published while Maria reads the time back
    done = Conversation.text(await chat.send(said("yes", "affirm")))
    assert "You're booked" in done and "All set!" not in done
    assert (chat.state.flow, chat.state.flow_version) == (None, None)

    await chat.send(book_request())
    assert chat.state.flow_version == 2  # a new flow starts on the live version
    await chat.send(said("1", choice=("1", {"index": 1})))
    assert "All set! Your check-up" in Conversation.text(await chat.send(said("yes", "affirm")))


async def test_a_conversation_outside_any_flow_is_on_the_live_version() -> None:
    chat = VersionedConversation(live=V1)
    await chat.send(book_request())
    chat.state.end_flow()
    ctx = dataclasses.replace(
        chat.context(), flows=V1.flows, texts=V1.texts, flow_version=1, live=V2
    )
    turn = advance(chat.state, UserSaid(book_request()), ctx)  # type: ignore[arg-type]
    assert turn.state.flow == "book_appointment" and turn.state.flow_version == 2
