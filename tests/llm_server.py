"""A scripted OpenAI-compatible chat-completions server on 127.0.0.1.

Tests start it, point litellm at ``server.url`` with a model named
``openai/<name>``, and choose per test a script: a function from the
request (and how many requests came before it) to a :class:`Reply`. The
server logs every request and records the maximum number of requests that
were in flight at once.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from migrate.config import Config
from migrate.convert.llm import LLMSettings
from migrate.discover import discover
from migrate.model import (
    ConversionRequest,
    EntryPoint,
    JavaSource,
    MemberKind,
    Slice,
    SliceKind,
)
from migrate.preprocess import Preprocessor

SLICE_LINE = re.compile(r"^Slice: (\S+)$", re.MULTILINE)
# One line of the prompt's "Files to write:" list, and the heading of a
# chunk's instructions.
FILE_LINE = re.compile(r"^- (\S+\.java): ", re.MULTILINE)
PART_HEADING = re.compile(r"^## Part (\d+) of (\d+) of class (\w+)$", re.MULTILINE)
# Heading that starts the judge's evidence in a repair prompt.
EVIDENCE_HEADING = "## Evidence from the judge"


@dataclass(frozen=True)
class Reply:
    """What the server sends back for one request.

    ``hang`` delays the reply by that many seconds; ``raw`` replaces the JSON
    body with these bytes (for garbage answers).
    """

    text: str = ""
    status: int = 200
    finish_reason: str = "stop"
    headers: tuple[tuple[str, str], ...] = ()
    hang: float = 0.0
    raw: bytes | None = None


@dataclass(frozen=True)
class ChatRequest:
    """One request the server received."""

    number: int
    body: dict[str, Any]
    started: float

    @property
    def prompt(self) -> str:
        """Return the text of all messages, joined."""
        messages = self.body.get("messages", [])
        assert isinstance(messages, list)
        return "\n".join(str(m.get("content", "")) for m in messages)

    @property
    def slice_id(self) -> str:
        """Return the slice id named in the prompt, or an empty string."""
        found = SLICE_LINE.search(self.prompt)
        return found.group(1) if found else ""

    @property
    def files(self) -> tuple[str, ...]:
        """Return the Java paths the prompt's "Files to write" list names."""
        listed = self.prompt.split("Files to write:", 1)
        if len(listed) < 2:
            return ()
        return tuple(FILE_LINE.findall(listed[1].split("\n\n", 1)[0]))

    @property
    def part(self) -> int:
        """Return the number of the chunk the prompt requests, 0 for a
        prompt of a whole slice."""
        found = PART_HEADING.search(self.prompt)
        return int(found.group(1)) if found else 0

    @property
    def is_repair(self) -> bool:
        """Return whether the prompt carries the judge's evidence."""
        return EVIDENCE_HEADING in self.prompt


Script = Callable[[ChatRequest], Reply]


@dataclass
class ServerLog:
    """Requests received and the concurrency seen, guarded by one lock."""

    requests: list[ChatRequest] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def enter(self, body: dict[str, Any]) -> ChatRequest:
        with self.lock:
            request = ChatRequest(len(self.requests), body, time.monotonic())
            self.requests.append(request)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            return request

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1


class LLMServer:
    """The server: ``start``, set ``script``, read ``log``, ``stop``."""

    def __init__(self, script: Script | None = None) -> None:
        self.script: Script = script or (lambda request: Reply("no script"))
        self.log = ServerLog()
        self.stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever)

    @property
    def url(self) -> str:
        """Return the API base to pass to litellm."""
        return f"http://127.0.0.1:{self._httpd.server_port}/v1"

    @property
    def requests(self) -> list[ChatRequest]:
        """Return a copy of the requests received so far."""
        with self.log.lock:
            return list(self.log.requests)

    def start(self) -> LLMServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


def _handler_for(server: LLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 - name fixed by http.server
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            request = server.log.enter(body)
            try:
                reply = server.script(request)
                if reply.hang:
                    server.stopping.wait(reply.hang)
                self._send(reply, body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                server.log.leave()

        def _send(self, reply: Reply, body: dict[str, Any]) -> None:
            payload = reply.raw if reply.raw is not None else _payload(reply, body)
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def _payload(reply: Reply, body: dict[str, Any]) -> bytes:
    if reply.status >= 400:
        error = {"message": f"scripted HTTP {reply.status}", "type": "server_error"}
        return json.dumps({"error": error}).encode()
    prompt_chars = sum(len(str(m.get("content", ""))) for m in body["messages"])
    usage = {
        "prompt_tokens": prompt_chars // 4,
        "completion_tokens": len(reply.text) // 4,
        "total_tokens": prompt_chars // 4 + len(reply.text) // 4,
    }
    choice = {
        "index": 0,
        "message": {"role": "assistant", "content": reply.text},
        "finish_reason": reply.finish_reason,
    }
    answer = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", ""),
        "choices": [choice],
        "usage": usage,
    }
    return json.dumps(answer).encode()


# Scripts -------------------------------------------------------------------


def java_answer(*files: tuple[str, str]) -> str:
    """Format Java files as the prompt asks: one fenced block per file."""
    blocks = [f"```java\n// File: {path}\n{text.strip()}\n```" for path, text in files]
    return "Here is the conversion.\n\n" + "\n\n".join(blocks) + "\n"


def by_slice(answers: dict[str, str]) -> Script:
    """Answer each request with the text mapped to the slice in its prompt."""
    return lambda request: Reply(answers.get(request.slice_id, "unknown slice"))


def by_files(java: dict[str, dict[str, str]], unknown: list[str]) -> Script:
    """Answer each prompt with the Java of the files it lists, taken from
    ``java`` ({slice id: {path: text}}). Part 1 of a chunked program gets
    the whole class and the later parts an empty class, so the joined class
    is the given one. A path missing from ``java`` is appended to
    ``unknown`` and gets a reply with no Java in it."""
    lock = threading.Lock()

    def script(request: ChatRequest) -> Reply:
        slice_files = java.get(request.slice_id, {})
        missing = [path for path in request.files if path not in slice_files]
        if missing or not request.files:
            with lock:
                unknown.append(f"{request.slice_id}: {missing or 'no files'}")
            return Reply("unknown files")
        if request.part > 1:
            path = request.files[0]
            class_name = PurePosixPath(path).stem
            package = str(PurePosixPath(path).parent).replace("/", ".")
            empty = f"package {package};\n\npublic final class {class_name} {{\n}}\n"
            return Reply(java_answer((path, empty)))
        files = [(path, slice_files[path]) for path in request.files]
        return Reply(java_answer(*files))

    return script


def repair_flow(first: str, repaired: str) -> Script:
    """Answer ``first``, and ``repaired`` once the prompt carries evidence."""
    return lambda request: Reply(repaired if request.is_repair else first)


def sequence(*replies: Reply) -> Script:
    """Answer the n-th request with the n-th reply, then repeat the last."""
    return lambda request: replies[min(request.number, len(replies) - 1)]


def flaky(
    inner: Script, rate: float, seed: int, hang: float, max_faults_per_slice: int = 0
) -> Script:
    """Fail a seeded random ``rate`` of requests with 429, 500, a hang past
    the client's timeout, or a garbage body; answer the rest with ``inner``.
    With ``max_faults_per_slice``, a slice that had that many faults in a
    row gets its answer, so a test with enough retries cannot fail by bad
    luck."""
    rng = random.Random(seed)
    lock = threading.Lock()
    streaks: dict[str, int] = {}
    faults = (
        Reply(status=429, headers=(("Retry-After", "0"),)),
        Reply(status=500),
        Reply(hang=hang),
        Reply(raw=b"{not json"),
    )

    def script(request: ChatRequest) -> Reply:
        with lock:
            roll = rng.random()
            fault = rng.choice(faults)
            streak = streaks.get(request.slice_id, 0)
            capped = max_faults_per_slice and streak >= max_faults_per_slice
            failing = roll < rate and not capped
            streaks[request.slice_id] = streak + 1 if failing else 0
        return fault if failing else inner(request)

    return script


# Requests and converters ------------------------------------------------------

# A one-class runtime for prompts that must not change when the runtime does.
RUNTIME_STUB = (
    JavaSource(
        "migrate/runtime/Area.java",
        """package migrate.runtime;

/** A view of COBOL storage: len bytes of buf from off. */
public class Area {
    /** Allocates storage of length bytes, filled with spaces. */
    public static Area allocate(int length) { return new Area(); }
    /** Returns the bytes as ISO-8859-1 text. */
    public String text() { return ""; }
    int hidden;
}
""",
    ),
)


def program_request(
    root: Path,
    slice_id: str,
    members: dict[str, str],
    *,
    evidence: str = "",
    callees: tuple[EntryPoint, ...] = (),
    dependency_sources: tuple[JavaSource, ...] = (),
) -> ConversionRequest:
    """Write ``members`` ({relpath: fixed-format text}) as an estate under
    ``root`` and return the request for a slice of its one program,
    preprocessed for real."""
    for relpath, text in members.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    estate = discover(root, Config())
    programs = [m for m in estate.of_kind(MemberKind.PROGRAM)]
    assert len(programs) == 1, programs
    source = Preprocessor(estate).expand(programs[0].relpath)
    slice_ = Slice(
        id=slice_id,
        kind=SliceKind.PROGRAM,
        programs=(programs[0].name,),
        copybooks=(),
        members=(programs[0].relpath,),
        depends_on=(),
        size=len(source.source_map),
        level=0,
    )
    return ConversionRequest(
        slice=slice_,
        sources=(source,),
        java_package="migrated",
        callees=callees,
        dependency_sources=dependency_sources,
        repair_evidence=evidence,
    )


def hello_java(
    class_name: str = "Hello", program_id: str = "HELLO", body: str = ""
) -> str:
    """Return a small program class, in the conventions' shape."""
    return f"""package migrated;

import migrate.runtime.Area;

public final class {class_name} {{
    public static final String PROGRAM_ID = "{program_id}";

    public static void call(Area p1) {{
{body}    }}

    public static void main(String[] args) {{
        call(Area.allocate(5));
    }}
}}
"""


def settings_for(
    server: LLMServer, cache: Path | None, **changes: object
) -> LLMSettings:
    """Return settings that reach ``server``, with fast backoff."""
    values: dict[str, object] = {
        "model": "openai/test-model",
        "api_base": server.url,
        "cache_dir": cache,
        "backoff_base": 0.01,
        "request_timeout": 5.0,
    }
    values.update(changes)
    return LLMSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def llm_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LLMServer]:
    """A started server, and a dummy key that litellm reads from the
    environment."""
    monkeypatch.setenv("OPENAI_API_KEY", DUMMY_KEY)
    server = LLMServer().start()
    yield server
    server.stop()


DUMMY_KEY = "sk-test-0123456789abcdefDUMMY"
