"""The embedded default's turns in a child process, so webhooks never wait for a turn's CPU.

A TurnThread (patient_assistant/turn_thread.py) takes turns off the webhooks' event loop, but
not off the interpreter's lock: while a turn parses a message or maps FHIR resources, an
arriving webhook waits for the lock, and on a busy laptop its acknowledgement waited seconds.
Here the turns, the outbox sender and the due work run in a process of their own (spawned:
a fresh interpreter with its own runtime and its own copy of the NLU model, on the same SQLite
file, which WAL mode shares between processes), and the API process only records messages and
says which conversation has news, over a pipe. So on two cores the webhooks have a core and an
interpreter to themselves.

The child is told, over the pipe: `process` a conversation; `wake` its sender (replies the API
process wrote, e.g. a staff member's); run a round of `due` work; report when `idle` (tests,
shutdown); `stop`. It tells the API process when it is `built` (or `failed`, with the reason),
answers requests by number, and forwards staff-event `nudge`s, so an open console hears of a
turn's escalation at once rather than at its next poll.

What a crash of the child costs: nothing recorded is lost. A message is recorded before it is
handed over, so the API process starts a new child, whose first due round processes what the
dead one left pending. The API's clock is reproduced in the child only when it is the system
clock or a FixedClock (`serve --now`); any other clock keeps the thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import logging
import multiprocessing
import signal
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any

from bot.logs import bind
from bot.staff_events import LOCAL_NUDGES
from domain.clock import FixedClock, SystemClock
from domain.ports import Clock
from patient_assistant.jobs import DueWork
from patient_assistant.settings import Settings

log = logging.getLogger(__name__)

#: How long a child that died waits before it is started again (a crash loop stays slow).
RESTART_DELAY_SECONDS = 1.0
#: Conversations the child processes at once. A reminder batch's replies arrive by the
#: hundred; past a handful, more at once only queue for the database's connection pool (whose
#: 30 s wait then fails turns, to be retried) and for the one core, while each waits longer.
TURNS_AT_ONCE = 8
#: How long `stop()` waits for the child to finish its turns before it is killed.
STOP_TIMEOUT_SECONDS = 20.0
# The child keeps the API process's CPU priority. A lower one (os.nice(10)) was measured:
# on SQLite, a descheduled child holding the write lock made acknowledgements wait for it,
# up to 1.3 s (p99 249 ms against 84 ms), and on a shared machine turns/s halved.


def reproducible(clock: Clock | None) -> bool:
    """Whether a child process can keep the same time as `clock`."""
    return clock is None or isinstance(clock, SystemClock | FixedClock)


class TurnProcess:
    """The API process's side: starts the child, talks to it, starts a new one if it dies.

    The same methods as a TurnThread, so serve's dispatcher, sender and due work use either."""

    def __init__(self, settings: Settings, fhir_base_url: str, clock: Clock | None = None) -> None:
        if not reproducible(clock):
            raise ValueError("a turn process can only keep the system clock or a FixedClock")
        self.settings, self.fhir_base_url, self.clock = settings, fhir_base_url, clock
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None  # multiprocessing's SpawnProcess (untyped in typeshed)
        self._conn: Connection | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._built: asyncio.Future[None] | None = None
        self._answers: dict[int, asyncio.Future[Any]] = {}
        self._numbers = itertools.count(1)
        self._stopping = False
        self._restart: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start the child and wait until its runtime is built (raises if building failed)."""
        self._loop = asyncio.get_running_loop()
        await self._start_child()

    async def _start_child(self) -> None:
        assert self._loop is not None
        ours, theirs = self._context.Pipe(duplex=True)
        start = self.clock.now() if isinstance(self.clock, FixedClock) else None
        self._process = self._context.Process(
            target=child_main,
            args=(theirs, self.settings, self.fhir_base_url, start),
            name="patient-assistant-turns",
            daemon=True,
        )
        # Building the child's runtime loads the NLU model: seconds, off the event loop.
        await asyncio.to_thread(self._process.start)
        theirs.close()
        self._conn = ours
        self._built = self._loop.create_future()
        threading.Thread(
            target=self._read, args=(ours, self._loop), name="turns-pipe", daemon=True
        ).start()
        await self._built

    def _read(self, conn: Connection, loop: asyncio.AbstractEventLoop) -> None:
        """The reader thread: hands each message from the child to the event loop."""
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                with contextlib.suppress(RuntimeError):  # the loop has closed
                    loop.call_soon_threadsafe(self._child_gone, conn)
                return
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._received, message)

    def _received(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "nudge":
            LOCAL_NUDGES.nudge()
        elif kind == "built" and self._built is not None and not self._built.done():
            self._built.set_result(None)
        elif kind == "failed" and self._built is not None and not self._built.done():
            self._built.set_exception(RuntimeError(f"the turn process did not start: {message[1]}"))
        elif kind == "answer":
            future = self._answers.pop(message[1], None)
            if future is not None and not future.done():
                future.set_result(message[2])

    def _child_gone(self, conn: Connection) -> None:
        if conn is not self._conn:
            return  # an earlier child's pipe
        error = RuntimeError("the turn process stopped")
        for future in self._answers.values():
            if not future.done():
                future.set_exception(error)
        self._answers.clear()
        if self._built is not None and not self._built.done():
            self._built.set_exception(error)
            return
        if self._stopping:
            return
        code = self._process.exitcode if self._process is not None else None
        bind(log, exit_code=code).error("the turn process died; starting another")
        self._restart = asyncio.create_task(self._start_again(), name="turn-process-restart")

    async def _start_again(self) -> None:
        while not self._stopping:
            await asyncio.sleep(RESTART_DELAY_SECONDS)
            if self._process is not None:
                await asyncio.to_thread(self._process.join, 5)
            try:
                await self._start_child()
                return
            except Exception as e:  # noqa: BLE001 - tried again after the delay
                bind(log).failure("the turn process did not start again", e)

    def _send(self, *message: Any) -> None:
        if self._conn is None:
            return
        # A child that is gone is started again, and processes what is pending.
        with contextlib.suppress(OSError):
            self._conn.send(message)

    async def _ask(self, kind: str) -> Any:
        assert self._loop is not None, "start() first"
        number = next(self._numbers)
        future: asyncio.Future[Any] = self._loop.create_future()
        self._answers[number] = future
        self._send(kind, number)
        return await future

    def conversation_received(self, conversation_id: str) -> None:
        """Have the conversation processed by the child (returns at once)."""
        self._send("process", conversation_id)

    def wake_sender(self) -> None:
        """Wake the child's sender (replies written here, e.g. by a staff member)."""
        self._send("wake")

    async def run_due(self) -> DueWork:
        """One round of due work, run in the child."""
        done: DueWork = await self._ask("due")
        return done

    async def idle(self) -> None:
        """Wait for the conversations handed over so far."""
        await self._ask("idle")

    async def stop(self) -> None:
        """Stop: unfinished conversations stay pending and are processed after a restart."""
        self._stopping = True
        if self._restart is not None:
            self._restart.cancel()
        process = self._process
        if process is None:
            return
        self._send("stop")
        await asyncio.to_thread(process.join, STOP_TIMEOUT_SECONDS)
        if process.is_alive():
            process.kill()
            await asyncio.to_thread(process.join, 5)
        if self._conn is not None:
            self._conn.close()


# --- the child ------------------------------------------------------------------------------


def child_main(
    conn: Connection, settings: Settings, fhir_base_url: str, start: dt.datetime | None
) -> None:
    """The child process: its own runtime, serving the API process's requests until `stop`."""
    # Ctrl-C and a stop of the process group reach this process too; the API process decides
    # when the turns stop (it says so, and they finish), and if it dies the pipe closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    from patient_assistant.serve_loop import fast_loop_factory

    # As the CLI configures the API process (patient_assistant/cli.py).
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    factory = fast_loop_factory() or asyncio.new_event_loop
    with asyncio.Runner(loop_factory=factory) as runner:
        runner.run(_Child(conn, settings, fhir_base_url, start).run())


class _Child:
    def __init__(
        self,
        conn: Connection,
        settings: Settings,
        fhir_base_url: str,
        start: dt.datetime | None,
    ) -> None:
        self.conn, self.settings, self.fhir_base_url, self.start = (
            conn,
            settings,
            fhir_base_url,
            start,
        )
        self.tasks: set[asyncio.Task[None]] = set()
        self.waiters: set[asyncio.Task[None]] = set()
        self.stopped = asyncio.Event()
        self.turn_slots = asyncio.Semaphore(TURNS_AT_ONCE)
        self.send_lock = threading.Lock()

    def send(self, *message: Any) -> None:
        with self.send_lock, contextlib.suppress(OSError):  # the API process is gone
            self.conn.send(message)

    async def run(self) -> None:
        from patient_assistant.bootstrap import build, load_nlu

        clock: Clock = FixedClock(self.start) if self.start else SystemClock()
        try:
            nlu = await asyncio.to_thread(load_nlu)
            self.runtime = await build(
                self.settings, fhir_base_url=self.fhir_base_url, clock=clock, nlu=nlu
            )
        except BaseException as e:  # noqa: BLE001 - told to the API process, which raises it
            self.send("failed", f"{type(e).__name__}: {e}")
            return
        channels = self.runtime.channels
        assert channels is not None and channels.loop is not None, "the embedded default sends"
        self.sender = channels.loop
        self.sender.start()
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._read, args=(loop,), name="turns-pipe", daemon=True).start()
        nudges = asyncio.create_task(self._forward_nudges())
        self.send("built")
        # What a previous child left pending (a crash, a stop) is processed now, not at the
        # next round of due work.
        self._spawn(self._due(None))
        try:
            await self.stopped.wait()
        finally:
            nudges.cancel()
            for task in list(self.tasks):
                task.cancel()
            await asyncio.gather(nudges, *self.tasks, return_exceptions=True)
            await self.runtime.aclose()

    def _read(self, loop: asyncio.AbstractEventLoop) -> None:
        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError):  # the API process is gone: stop
                message = ("stop",)
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._received, message)
            if message[0] == "stop":
                return

    def _received(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "process":
            self._spawn(self._process(message[1]))
        elif kind == "wake":
            self.sender.wake()
        elif kind == "due":
            self._spawn(self._due(message[1]))
        elif kind == "idle":  # not among the tasks it waits for (two would wait on each other)
            waiter = asyncio.create_task(self._idle(message[1]))
            self.waiters.add(waiter)
            waiter.add_done_callback(self.waiters.discard)
        elif kind == "stop":
            self.stopped.set()

    def _spawn(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _process(self, conversation_id: str) -> None:
        try:
            async with self.turn_slots:
                await self.runtime.assistant.process(
                    conversation_id, self._replies_written, hand_over=True
                )
        except Exception as e:  # noqa: BLE001 - the message stays pending; the due work retries it
            bind(log, conversation=conversation_id).failure("processing failed; left for retry", e)
        finally:
            self.sender.wake()

    async def _replies_written(self, _: object) -> None:
        self.sender.wake()

    async def _due(self, number: int | None) -> None:
        from patient_assistant.jobs import run_due

        done: DueWork | None = None
        try:
            done = await run_due(self.runtime)
        except Exception as e:  # noqa: BLE001 - a failed round must not stop the next
            bind(log, job="in-process-jobs").failure("a round failed", e)
        if done is not None and (done.replies or done.invited or done.results):
            self.sender.wake()
        if number is not None:
            self.send("answer", number, done or DueWork(replies=0, invited=0))

    async def _idle(self, number: int) -> None:
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)
        self.send("answer", number, None)

    async def _forward_nudges(self) -> None:
        wake = asyncio.Event()
        unregister = LOCAL_NUDGES.register(wake)
        try:
            while True:
                await wake.wait()
                wake.clear()
                self.send("nudge")
        finally:
            unregister()
