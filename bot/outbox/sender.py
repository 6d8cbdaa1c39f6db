"""The outbox sender: takes due replies and delivers them through the channel senders.

Rules every channel shares, in order: nothing but keyword answers reaches an address on the
opt-out list; WhatsApp free-form only inside 24 hours of the patient's last message, else
the approved template; per-sender rate limits; temporary failures retried with exponential
backoff (or exactly when the provider says); permanent failures recorded, 21610 and a
blocked bot adding the address to the opt-out list.

A message is claimed (leased) before it is sent and marked after, each in its own unit of
work: a sender killed mid-send leaves only the message in flight to be sent again
when its lease lapses; the others of its batch were never sent and are simply due again.
The lease is short (OUTBOX_LEASE_SECONDS) and renewed while the sender works through what it
claimed (bot/leases.py), so a dead sender's messages go out again within seconds.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from bot.leases import kept
from bot.optout import optout_address
from bot.ports import (
    ChannelSender,
    NeedsTemplate,
    OutboxRecord,
    RateLimiter,
    Refused,
    RetryLater,
    SendResult,
    Sent,
    Storage,
)
from bot.preflight import COMPLIANCE
from domain.ports import Clock

log = logging.getLogger(__name__)
NEEDS_TEMPLATE = "needs template"
WAITING_FOR_SEND_SLOT = "waiting for a send slot"
#: What `_deliver` returns for a message that is finished without being sent (suppressed, failed).
FINISHED = dt.datetime.max


@dataclass(frozen=True)
class Policy:
    batch: int = 10
    max_wait: float = 2.0  # seconds a sender sleeps for a send slot before rescheduling
    max_attempts: int = 8
    backoff_base: float = 2.0
    backoff_cap: float = 600.0
    lease_seconds: float = 20.0  # a claimed message is another sender's again after this
    #: Messages a sender has in flight at once (each of another stream: the claim gives at
    #: most one per stream, so a conversation's order holds). 1 sends one after another; at
    #: a provider's 100 messages/s, one at a time would leave the rate unused while each
    #: send waits for its answer (see `in_flight_for`).
    in_flight: int = 1

    def backoff(self, attempts: int) -> float:
        """Exponential, with jitter so a provider outage does not end in a thundering herd."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2 ** max(attempts - 1, 0))
        return ceiling / 2 + random.uniform(0, ceiling / 2)


def in_flight_for(per_second: float, round_trip: float = 0.2, most: int = 32) -> int:
    """Sends to keep in flight so that a provider answering in `round_trip` seconds still
    gets `per_second`: 1 for a long code (1/s), 20 for a short code's 100/s."""
    return max(1, min(most, math.ceil(per_second * round_trip)))


@dataclass
class Round:
    claimed: int = 0
    sent: int = 0
    wake_at: dt.datetime | None = None  # the earliest retry this round scheduled
    #: A drain stopped at its bound with messages maybe still due: drain again at once.
    more: bool = False


class OutboxSender:
    def __init__(
        self,
        storage: Storage,
        senders: Sequence[ChannelSender],
        limiter: RateLimiter,
        clock: Clock,
        policy: Policy | None = None,
        practice_id: str | None = None,
    ) -> None:
        self.storage, self.limiter, self.clock = storage, limiter, clock
        #: Only this practice's messages: its senders send from its own numbers and bot.
        self.practice_id = practice_id
        self.senders = {s.channel: s for s in senders}
        self.policy = policy or Policy()

    async def _claim(self, limit: int) -> list[OutboxRecord]:
        async with self.storage.single_statement() as uow:  # the claim is one statement
            return await uow.outbox.claim(
                self.clock.now(),
                limit,
                list(self.senders),
                dt.timedelta(seconds=self.policy.lease_seconds),
                practice_id=self.practice_id,
            )

    async def run_once(self) -> Round:
        """Claim one batch of due messages and deliver them (`in_flight` at a time)."""
        if not self.senders:  # no channel configured (the demo): nothing of the outbox is ours
            return Round()
        claimed = await self._claim(self.policy.batch)
        done = Round(claimed=len(claimed))
        if not claimed:
            return done
        held = {m.id for m in claimed}  # what this sender still has to deliver
        gate = asyncio.Semaphore(self.policy.in_flight)

        async def deliver(message: OutboxRecord) -> dt.datetime | None:
            async with gate:
                try:
                    return await self._deliver(message)
                finally:
                    held.discard(message.id)

        async with kept(lambda: self._renew(held), self.policy.lease_seconds):
            if self.policy.in_flight <= 1:
                for message in claimed:
                    _count(done, await deliver(message))
                return done
            results = await asyncio.gather(*(deliver(m) for m in claimed), return_exceptions=True)
        for retry_at in _outcomes(results):
            _count(done, retry_at)
        return done

    async def _renew(self, held: set[str]) -> None:
        lease_until = self.clock.now() + dt.timedelta(seconds=self.policy.lease_seconds)
        async with self.storage.single_statement() as uow:
            await uow.outbox.renew(list(held), lease_until)

    async def drain(self, max_rounds: int = 100) -> Round:
        """Claims until nothing is due (bounded). With `in_flight` > 1 the next messages are
        claimed as soon as there is room, while earlier ones are still being sent, so a
        sender paced by a provider's rate never idles between batches."""
        if self.policy.in_flight <= 1 or not self.senders:
            return await self._drain_rounds(max_rounds)
        total = Round()
        held: set[str] = set()  # claimed and not yet delivered: their leases are kept
        async with kept(lambda: self._renew(held), self.policy.lease_seconds):
            await self._pipeline(total, held, max_rounds)
        return total

    async def _pipeline(self, total: Round, held: set[str], max_rounds: int) -> None:
        """Keep `in_flight` deliveries going, claiming as room frees, until nothing is due."""

        async def deliver(message: OutboxRecord) -> dt.datetime | None:
            try:
                return await self._deliver(message)
            finally:
                held.discard(message.id)

        flying: set[asyncio.Task[dt.datetime | None]] = set()
        claims = 0
        try:
            while True:
                room = self.policy.in_flight - len(flying)
                asked = min(self.policy.batch, room) if room > 0 and claims < max_rounds else 0
                claimed = await self._claim(asked) if asked else []
                claims += 1 if claimed else 0
                total.claimed += len(claimed)
                held.update(m.id for m in claimed)
                flying |= {asyncio.create_task(deliver(m)) for m in claimed}
                if not flying:
                    break
                if claimed and len(claimed) == asked and len(flying) < self.policy.in_flight:
                    continue  # more may be due: fill the room first
                # A short claim took everything due but the messages queued behind those in
                # flight (one per stream): claiming again before one is delivered would come
                # back empty (a statement per turn for nothing), so wait for a delivery first.
                finished, flying = await asyncio.wait(flying, return_when=asyncio.FIRST_COMPLETED)
                for retry_at in _outcomes([t.exception() or t.result() for t in finished]):
                    _count(total, retry_at)
        finally:
            if flying:  # an error ends the drain: what is in flight still finishes
                await asyncio.gather(*flying, return_exceptions=True)
        total.more = claims >= max_rounds

    async def _drain_rounds(self, max_rounds: int) -> Round:
        total = Round()
        for _ in range(max_rounds):
            one = await self.run_once()
            total.claimed, total.sent = total.claimed + one.claimed, total.sent + one.sent
            if one.wake_at and (total.wake_at is None or one.wake_at < total.wake_at):
                total.wake_at = one.wake_at
            if one.claimed == 0:
                break
        else:
            total.more = True
        return total

    async def _deliver(self, message: OutboxRecord) -> dt.datetime | None:
        """None once sent; the retry time if rescheduled; FINISHED if finished unsent."""
        sender = self.senders[message.channel]
        now = self.clock.now()
        template = (message.error or "").startswith(NEEDS_TEMPLATE)
        async with self.storage.reading() as uow:  # reads only: no transaction round trips
            key = optout_address(message.channel, message.address)
            opted_out = message.purpose != COMPLIANCE and await uow.opt_outs.is_opted_out(
                message.practice_id, key
            )
            if not opted_out and sender.window is not None and not template:
                last = await uow.inbox.last_received_at(
                    message.practice_id, message.channel, message.address
                )
                template = last is None or now - last > sender.window
        if opted_out:
            async with self.storage.unit_of_work() as uow:
                await uow.outbox.update(
                    dataclasses.replace(message, status="suppressed", error="opted out")
                )
            log.info("outbox=%s suppressed: opted out", message.id)
            return FINISHED
        result = await self._send(sender, message, template)
        if isinstance(result, NeedsTemplate) and not template:
            result = await self._send(sender, message, True)
        return await self._record(sender, message, result)

    async def _send(
        self, sender: ChannelSender, message: OutboxRecord, template: bool
    ) -> SendResult | float:
        booked, wait = await self.limiter.reserve(sender.limits(message), self.policy.max_wait)
        if not booked:
            return wait
        await asyncio.sleep(wait)
        return await sender.send(message, template=template)

    async def _record(
        self, sender: ChannelSender, message: OutboxRecord, result: SendResult | float
    ) -> dt.datetime | None:
        now = self.clock.now()
        retry_at: dt.datetime | None = FINISHED
        attempts = message.attempts + 1
        if isinstance(result, float):  # no send slot soon: wait without spending an attempt
            retry_at = now + dt.timedelta(seconds=result)
            # The reason marks it as put off by a sender, so the later messages of its stream
            # wait for it (a message merely scheduled for later does not hold them).
            update = dataclasses.replace(
                message,
                status="pending",
                next_attempt_at=retry_at,
                error=message.error or WAITING_FOR_SEND_SLOT,
            )
        elif isinstance(result, Sent):
            retry_at = None
            update = dataclasses.replace(
                message,
                status="sent",
                attempts=attempts,
                next_attempt_at=None,
                provider_message_id=result.provider_message_id,
                error=None,
            )
        elif isinstance(result, RetryLater) and attempts < self.policy.max_attempts:
            delay = result.after if result.after is not None else self.policy.backoff(attempts)
            if result.after is not None:
                for limit in sender.limits(message):
                    await self.limiter.hold_off(limit, result.after)
            retry_at = now + dt.timedelta(seconds=delay)
            update = dataclasses.replace(
                message,
                status="pending",
                attempts=attempts,
                next_attempt_at=retry_at,
                error=result.reason,
            )
        elif isinstance(result, NeedsTemplate):
            retry_at = now + dt.timedelta(seconds=self.policy.backoff(attempts))
            update = dataclasses.replace(
                message,
                status="pending",
                attempts=attempts,
                next_attempt_at=retry_at,
                error=f"{NEEDS_TEMPLATE}: {result.reason}",
            )
        else:
            update = dataclasses.replace(
                message,
                status="failed",
                attempts=attempts,
                next_attempt_at=None,
                error=result.reason,
            )
        opts_out = isinstance(result, Refused) and result.opted_out
        # The update alone is one statement; with the opt-out, two that commit together.
        async with (
            self.storage.unit_of_work() if opts_out else self.storage.single_statement()
        ) as uow:
            await uow.outbox.update(update)
            if opts_out:
                await uow.opt_outs.set_opted_out(
                    message.practice_id,
                    optout_address(message.channel, message.address),
                    message.channel,
                    True,
                    now,
                )
        log.info(
            "outbox=%s channel=%s status=%s attempts=%d",
            message.id,
            message.channel,
            update.status,
            update.attempts,
        )
        return retry_at


def _count(done: Round, retry_at: dt.datetime | None) -> None:
    """Add one delivery's outcome to `done`: sent, or the earliest retry it scheduled."""
    if retry_at is None:
        done.sent += 1
    elif retry_at is not FINISHED:
        done.wake_at = retry_at if done.wake_at is None else min(done.wake_at, retry_at)


def _outcomes(
    results: Sequence[dt.datetime | BaseException | None],
) -> list[dt.datetime | None]:
    """The deliveries' outcomes; the first delivery's error raised, if one failed."""
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return [r for r in results if not isinstance(r, BaseException)]
