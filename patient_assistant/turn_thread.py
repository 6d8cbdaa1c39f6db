"""The embedded default's turns, on a thread of their own, away from the webhooks' event loop.

Without Redis there is no Celery worker: conversations are processed in the API process.
On the API's event loop, a turn's NLU parse and FHIR calls held up every webhook behind them
(acknowledgement p99 above a second while turns ran). Here they run on a thread with its own
event loop and its own runtime (database engine, FHIR clients, conversation locks; the NLU
model is shared, only this thread parses); the webhook only records the message and leaves
its conversation id here, without waiting. The outbox sender runs here too (the runtime's
`SenderLoop`, woken after each message's replies are written): its claims, provider requests
and delivery updates are a turn's work as well, and on the webhooks' loop they queued ahead
of acknowledgements.

The thread still shares the interpreter's lock with the webhooks. Each time the API's loop
comes back from waiting on a socket it must win that lock back from a computing turn thread,
which Python forces only every switch interval (5 ms by default): a webhook's handful of
wake-ups could each wait that long. While a TurnThread runs the interval is SWITCH_INTERVAL.
Delivery is as before: a message is recorded before it is handed over, and one the thread
never finished (a crash, a stop) stays pending for the due work, which runs here too.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import sys
import threading
from collections.abc import Coroutine
from typing import Any, Protocol, TypeVar

from bot.assistant import Parser
from bot.logs import bind
from bot.messages import Outbound
from bot.outbox.loop import Sending
from domain.ports import Clock
from patient_assistant.bootstrap import Runtime, build
from patient_assistant.jobs import DueWork, run_due
from patient_assistant.serve_loop import fast_loop_factory
from patient_assistant.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
#: Seconds a thread computes before Python hands the interpreter lock to another that waits.
SWITCH_INTERVAL = 0.001


class TurnThread:
    """A thread with an event loop and a runtime of its own, processing conversations."""

    def __init__(
        self,
        settings: Settings,
        fhir_base_url: str,
        nlu: Parser,
        clock: Clock | None = None,
    ) -> None:
        self.settings, self.fhir_base_url = settings, fhir_base_url
        self.nlu, self.clock = nlu, clock  # the API's model, and its clock (demo: --now)
        self.runtime: Runtime | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._built: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._tasks: set[asyncio.Task[None]] = set()
        self._thread = threading.Thread(target=self._main, name="turns", daemon=True)

    async def start(self) -> None:
        """Start the thread and wait until its runtime is built (raises what building raised)."""
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        self._thread.start()
        await asyncio.wrap_future(self._built)

    def _main(self) -> None:
        factory = fast_loop_factory() or asyncio.new_event_loop
        loop = self._loop = factory()
        asyncio.set_event_loop(loop)
        try:
            self.runtime = loop.run_until_complete(
                build(
                    self.settings, fhir_base_url=self.fhir_base_url, clock=self.clock, nlu=self.nlu
                )
            )
        except BaseException as e:  # noqa: BLE001 - handed to start(), which raises it
            self._built.set_exception(e)
            loop.close()
            return
        sender = self._sender()
        loop.call_soon(sender.start)
        self._built.set_result(None)
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._shut_down())
            loop.close()

    def _sender(self) -> Sending:
        assert self.runtime is not None and self.runtime.channels is not None
        assert self.runtime.channels.loop is not None, "the embedded default has a sender loop"
        return self.runtime.channels.loop

    def replies_ready(self) -> None:
        """Wake the sender (on this thread)."""
        self._sender().wake()

    def wake_sender(self) -> None:
        """Wake the sender, from any thread (e.g. a results notification on the API's loop)."""
        assert self._loop is not None, "start() first"
        with contextlib.suppress(RuntimeError):  # the thread's loop has closed: nothing to send
            self._loop.call_soon_threadsafe(self.replies_ready)

    def conversation_received(self, conversation_id: str) -> None:
        """Have the conversation processed on the thread (returns at once, from any thread)."""
        assert self._loop is not None, "start() first"
        self._loop.call_soon_threadsafe(self._spawn, conversation_id)

    def _spawn(self, conversation_id: str) -> None:
        task = asyncio.create_task(self._process(conversation_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _process(self, conversation_id: str) -> None:
        assert self.runtime is not None
        try:
            # The sender is woken after each message, so a burst's first answers go out
            # while its later messages are still processed.
            await self.runtime.assistant.process(
                conversation_id, self._replies_written, hand_over=True
            )
        except Exception as e:  # noqa: BLE001 - the message stays pending; the due work retries it
            bind(log, conversation=conversation_id).failure("processing failed; left for retry", e)
        finally:
            self.replies_ready()

    async def _replies_written(self, _: list[Outbound]) -> None:
        self.replies_ready()

    async def run_due(self) -> DueWork:
        """One round of due work (retries, leftovers, intake invitations), run on the thread."""
        assert self.runtime is not None
        done = await self._call(run_due(self.runtime))
        if done.replies or done.invited or done.results:
            self.wake_sender()
        return done

    async def idle(self) -> None:
        """Wait for the conversations handed over so far (tests, shutdown)."""
        await self._call(self._idle())

    async def _idle(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _call(self, coro: Coroutine[Any, Any, T]) -> T:
        assert self._loop is not None, "start() first"
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self._loop))

    async def stop(self) -> None:
        """Stop: unfinished conversations stay pending and are processed after a restart."""
        if self._loop is None or not self._thread.is_alive():
            return
        with contextlib.suppress(RuntimeError):  # the loop already stopped
            self._loop.call_soon_threadsafe(self._loop.stop)
        await asyncio.to_thread(self._thread.join)

    async def _shut_down(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)
        if self.runtime is not None:
            await self.runtime.aclose()  # stops the sender loop too (Channels.aclose)


class Turns(Protocol):
    """Where the embedded default's turns run: a TurnThread, or a TurnProcess
    (patient_assistant/turn_process.py)."""

    def wake_sender(self) -> None: ...

    def conversation_received(self, conversation_id: str) -> None: ...

    async def idle(self) -> None: ...

    async def stop(self) -> None: ...


class ThreadSender:
    """Stands for the TurnThread's (or TurnProcess's) sender on the API's loop (`Channels.loop`
    of its runtime): waking it wakes theirs; they start and stop their own."""

    def __init__(self, turns: Turns) -> None:
        self.turns = turns

    def wake(self) -> None:
        self.turns.wake_sender()

    def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass


class ThreadDispatcher:
    """`bot.dispatch.Dispatcher` of the embedded default: hands conversations to a TurnThread
    (or a TurnProcess)."""

    def __init__(self, turns: Turns) -> None:
        self.turns = turns

    async def conversation_received(self, conversation_id: str) -> None:
        self.turns.conversation_received(conversation_id)

    async def idle(self) -> None:
        await self.turns.idle()

    async def aclose(self) -> None:
        await self.turns.stop()
