"""The outbox sender: takes due replies and delivers them through the channel senders.

Rules every channel shares, in order: nothing but keyword answers reaches an address on the
opt-out list; WhatsApp free-form only inside 24 hours of the patient's last message, else
the approved template; per-sender rate limits; temporary failures retried with exponential
backoff (or exactly when the provider says); permanent failures recorded, 21610 and a
blocked bot adding the address to the opt-out list.

Work is done a batch at a time, not a message at a time (the per-message statements and
round trips were most of a paced sender's CPU): a batch is claimed (leased) in one
statement, its opt-outs read in one, its send slots booked in one rate-limiter call for all
the messages under the same limits (as many as fall within `max_wait`: a wave), and each
wave's outcomes written in one statement once its sends are answered. A sender killed
mid-wave leaves the wave's messages `sending`: when the lease lapses they go again, so at
most a wave (no more than a batch, and only sends booked within `max_wait`) may reach its
patients twice; what it had claimed and not sent was never sent and is simply due again. When one
send of a wave raises, the others' outcomes are still written before the error is. The
lease is short (OUTBOX_LEASE_SECONDS) and renewed while the sender works through what it
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
from typing import TypeVar

from bot.leases import kept
from bot.optout import optout_address
from bot.ports import (
    ChannelSender,
    NeedsTemplate,
    OutboxRecord,
    RateLimit,
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
T = TypeVar("T")
#: A message's outcome when it is finished without being sent (suppressed, failed).
FINISHED = dt.datetime.max


@dataclass(frozen=True)
class Policy:
    #: Messages claimed at once (one statement); a paced sender (`in_flight` > 1) claims the
    #: next batch as soon as it fits within `in_flight`.
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
        async with kept(lambda: self._renew(held), self.policy.lease_seconds):
            outcomes = await self._deliver_batch(claimed, held)
        for retry_at in outcomes:
            _count(done, retry_at)
        return done

    async def _renew(self, held: set[str]) -> None:
        lease_until = self.clock.now() + dt.timedelta(seconds=self.policy.lease_seconds)
        async with self.storage.single_statement() as uow:
            await uow.outbox.renew(list(held), lease_until)

    async def drain(self, max_rounds: int = 100) -> Round:
        """Claims until nothing is due (bounded). With `in_flight` > 1 the next batch is
        claimed as soon as there is room for it, while earlier ones are still being sent,
        so a sender paced by a provider's rate never idles between batches."""
        if self.policy.in_flight <= 1 or not self.senders:
            return await self._drain_rounds(max_rounds)
        total = Round()
        held: set[str] = set()  # claimed and not yet delivered: their leases are kept
        async with kept(lambda: self._renew(held), self.policy.lease_seconds):
            await self._pipeline(total, held, max_rounds)
        return total

    async def _pipeline(self, total: Round, held: set[str], max_rounds: int) -> None:
        """Keep up to `in_flight` messages in flight, claimed a whole batch at a time, until
        nothing is due. A batch is claimed once there is room for all of it (not a message
        each time one is delivered): one claim statement, one opt-out read, one rate
        reservation and one status write a batch instead of one each a message."""
        # At most half of `in_flight`: one batch is claimed while another is being sent.
        size = max(1, min(self.policy.batch, self.policy.in_flight // 2))
        flying: dict[asyncio.Task[list[dt.datetime | None]], int] = {}  # batch -> its size
        claims = 0
        try:
            while True:
                room = self.policy.in_flight - sum(flying.values())
                asked = size if room >= size and claims < max_rounds else 0
                claimed = await self._claim(asked) if asked else []
                claims += 1 if claimed else 0
                total.claimed += len(claimed)
                if claimed:
                    held.update(m.id for m in claimed)
                    flying[asyncio.create_task(self._deliver_batch(claimed, held))] = len(claimed)
                if not flying:
                    break
                if len(claimed) == asked > 0 and room - asked >= size:
                    continue  # more may be due: fill the room first
                # A short claim took everything due but the messages queued behind those in
                # flight (one per stream): claiming again before a batch is delivered would
                # come back empty (a statement for nothing), so wait for a batch first.
                finished, _ = await asyncio.wait(flying, return_when=asyncio.FIRST_COMPLETED)
                for task in finished:
                    del flying[task]
                    if (error := task.exception()) is not None:
                        raise error
                    for retry_at in task.result():
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

    async def _deliver_batch(
        self, claimed: Sequence[OutboxRecord], held: set[str]
    ) -> list[dt.datetime | None]:
        """Deliver a claimed batch; each message's outcome: None once sent, the retry time
        if rescheduled, FINISHED if finished unsent. The batch's opt-outs are read at once,
        its send slots booked a wave at a time (one reservation for every message under the
        same limits) and each wave's outcomes written in one statement."""
        to_send, suppressed = await self._screen(claimed)
        outcomes: list[dt.datetime | None] = []
        if suppressed:
            async with self.storage.single_statement() as uow:
                await uow.outbox.update_many(suppressed)
            held.difference_update(m.id for m in suppressed)
            log.info("outbox: %d suppressed (opted out)", len(suppressed))
            outcomes += [FINISHED] * len(suppressed)
        groups: dict[tuple[str, tuple[RateLimit, ...]], list[tuple[OutboxRecord, bool]]] = {}
        for message, template in to_send:
            limits = tuple(self.senders[message.channel].limits(message))
            groups.setdefault((message.channel, limits), []).append((message, template))
        gate = asyncio.Semaphore(self.policy.in_flight)
        results = await asyncio.gather(
            *(
                self._send_group(self.senders[channel], limits, items, held, gate)
                for (channel, limits), items in groups.items()
            ),
            return_exceptions=True,
        )
        for group in _outcomes(results):
            outcomes += group
        return outcomes

    async def _screen(
        self, claimed: Sequence[OutboxRecord]
    ) -> tuple[list[tuple[OutboxRecord, bool]], list[OutboxRecord]]:
        """(the messages to send, each with whether it must go as the approved template;
        the messages suppressed, their updates): the batch's opt-outs in one read."""
        now = self.clock.now()
        keys = {m.id: optout_address(m.channel, m.address) for m in claimed}
        asked: dict[str, list[str]] = {}
        for m in claimed:
            if m.purpose != COMPLIANCE:  # a keyword's answer goes to an opted-out address too
                asked.setdefault(m.practice_id, []).append(keys[m.id])
        to_send: list[tuple[OutboxRecord, bool]] = []
        suppressed: list[OutboxRecord] = []
        async with self.storage.reading() as uow:  # reads only: no transaction round trips
            out = {
                (practice, address)
                for practice, addresses in asked.items()
                for address in await uow.opt_outs.opted_out_among(practice, addresses)
            }
            for m in claimed:
                if m.purpose != COMPLIANCE and (m.practice_id, keys[m.id]) in out:
                    suppressed.append(
                        dataclasses.replace(m, status="suppressed", error="opted out")
                    )
                    continue
                sender = self.senders[m.channel]
                template = (m.error or "").startswith(NEEDS_TEMPLATE)
                if sender.window is not None and not template:
                    last = await uow.inbox.last_received_at(m.practice_id, m.channel, m.address)
                    template = last is None or now - last > sender.window
                to_send.append((m, template))
        return to_send, suppressed

    async def _send_group(
        self,
        sender: ChannelSender,
        limits: Sequence[RateLimit],
        items: list[tuple[OutboxRecord, bool]],
        held: set[str],
        gate: asyncio.Semaphore,
    ) -> list[dt.datetime | None]:
        """Send messages under the same limits: book as many slots as lie within `max_wait`
        in one reservation, send those at their slots (a wave), write the wave's outcomes,
        and book again for the rest; when the next slot is further away, put the rest off."""
        outcomes: list[dt.datetime | None] = []
        queue = items
        while queue:
            waits, later = await self.limiter.reserve(limits, self.policy.max_wait, len(queue))
            wave, queue = queue[: len(waits)], queue[len(waits) :]
            if not wave:  # no send slot soon: each waits without spending an attempt
                results: list[SendResult | float | BaseException] = [later] * len(queue)
                wave, queue = queue, []
            else:
                results = await asyncio.gather(
                    *(
                        self._send_at(wait, sender, message, template, gate)
                        for wait, (message, template) in zip(waits, wave, strict=True)
                    ),
                    return_exceptions=True,
                )
            # What went out is written even when another send of the wave raised.
            done = [(m, r) for (m, _), r in zip(wave, results, strict=True)]
            outcomes += await self._record(
                sender, [(m, r) for m, r in done if not isinstance(r, BaseException)], held
            )
            _outcomes([r for _, r in done if isinstance(r, BaseException)])
        return outcomes

    async def _send_at(
        self,
        wait: float,
        sender: ChannelSender,
        message: OutboxRecord,
        template: bool,
        gate: asyncio.Semaphore,
    ) -> SendResult | float:
        await asyncio.sleep(wait)  # the booked slot
        async with gate:
            result: SendResult | float = await sender.send(message, template=template)
        if isinstance(result, NeedsTemplate) and not template:
            result = await self._send(sender, message, True)
        return result

    async def _send(
        self, sender: ChannelSender, message: OutboxRecord, template: bool
    ) -> SendResult | float:
        """One message with a slot of its own (the template after a refused free-form)."""
        waits, later = await self.limiter.reserve(sender.limits(message), self.policy.max_wait)
        if not waits:
            return later
        await asyncio.sleep(waits[0])
        return await sender.send(message, template=template)

    async def _record(
        self,
        sender: ChannelSender,
        results: Sequence[tuple[OutboxRecord, SendResult | float]],
        held: set[str],
    ) -> list[dt.datetime | None]:
        """Write a wave's outcomes: every update in one statement; a message whose address
        opted out (21610) with its opt-out, in a unit of work of its own."""
        now = self.clock.now()
        outcomes: list[dt.datetime | None] = []
        updates: list[OutboxRecord] = []
        opting_out: list[OutboxRecord] = []
        for message, result in results:
            update, retry_at = await self._update_for(sender, message, result, now)
            outcomes.append(retry_at)
            opts_out = isinstance(result, Refused) and result.opted_out
            (opting_out if opts_out else updates).append(update)
            if update.status != "sent":  # the unusual outcomes, one line each (no PHI)
                log.info(
                    "outbox=%s channel=%s status=%s attempts=%d",
                    message.id,
                    message.channel,
                    update.status,
                    update.attempts,
                )
        if updates:
            async with self.storage.single_statement() as uow:  # one statement
                await uow.outbox.update_many(updates)
        for update in opting_out:  # two statements that commit together
            async with self.storage.unit_of_work() as uow:
                await uow.outbox.update(update)
                await uow.opt_outs.set_opted_out(
                    update.practice_id,
                    optout_address(update.channel, update.address),
                    update.channel,
                    True,
                    now,
                )
        held.difference_update(m.id for m, _ in results)
        sent = sum(1 for r in outcomes if r is None)
        if sent:
            log.info("outbox: %d sent on %s", sent, sender.channel)  # a wave, one line
        return outcomes

    async def _update_for(
        self,
        sender: ChannelSender,
        message: OutboxRecord,
        result: SendResult | float,
        now: dt.datetime,
    ) -> tuple[OutboxRecord, dt.datetime | None]:
        """The message's delivery fields after `result`, and when it is due again (None once
        sent, FINISHED if finished unsent)."""
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
        return update, retry_at


def _count(done: Round, retry_at: dt.datetime | None) -> None:
    """Add one delivery's outcome to `done`: sent, or the earliest retry it scheduled."""
    if retry_at is None:
        done.sent += 1
    elif retry_at is not FINISHED:
        done.wake_at = retry_at if done.wake_at is None else min(done.wake_at, retry_at)


def _outcomes(results: Sequence[T | BaseException]) -> list[T]:
    """The results of gathered work; the first error raised, if one failed."""
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return [r for r in results if not isinstance(r, BaseException)]
