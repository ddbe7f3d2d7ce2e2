"""Persistent JVMs that compile and run the translated Java for the judge.

Starting ``javac`` and ``java`` costs about half a second each, which is
most of the time a small slice takes to verify. A :class:`JvmPool` keeps
one judge server per core running instead. A server compiles with the
``javax.tools`` compiler in its own JVM, and runs each program's ``main``
in a fresh class loader, in a thread of its own, as if it were a new
process: static state (WORKING-STORAGE, ``RunUnit``) starts anew, stdout,
stderr and stdin are captured per run, and ``System.exit`` becomes the
run's exit code.

What a server does not isolate, unlike a separate process:

* It cannot change its working folder. A run's relative file names
  resolve against ``cwd`` only through the runtime's ``Host`` hook. Without
  the hook, relative ``DD_`` and ``dd_`` values are made absolute, and any
  other relative name opens in the server's scratch folder, where writes
  are denied.
* Memory and CPU time are limited for the server process as a whole, not
  per run. A run's wall-clock timeout is the server's; a program that
  ignores the interrupt after it makes the server exit, and the pool starts
  another.
* File access is limited per run only by the server's security manager:
  writes and deletions outside ``cwd``, sockets and starting processes
  are denied, reads are not limited, and ``doPrivileged`` or symbolic links
  get around it. Security managers are deprecated since Java 17 and were
  removed in Java 24.
* A crashing program's stack trace has the server's frames below
  ``main``. Its stdout, exit code and files are the same as a separate
  process's.
* Output a program writes to ``FileDescriptor.out`` or ``.err`` directly,
  past ``System.out`` and the runtime, goes to the server's log, not to the
  run's captured output.

So the server process itself should run under the same sandbox as a
separate program (``command_prefix`` for a namespace wrapper, and the
``setrlimit`` limits of :class:`ServerLimits`). The judge should use the
pool for the output of the deterministic rules converter, which is our own
code, and keep separate sandboxed processes for LLM output, which is
untrusted: one bad program in a shared JVM can read another run's data or
damage the JVM for every later run.
"""

from __future__ import annotations

from migrate.judge.jvm.pool import JvmPool
from migrate.judge.jvm.protocol import (
    CompileResult,
    Diagnostic,
    JvmServerError,
    RunResult,
)
from migrate.judge.jvm.server import ServerLimits

__all__ = [
    "CompileResult",
    "Diagnostic",
    "JvmPool",
    "JvmServerError",
    "RunResult",
    "ServerLimits",
]
