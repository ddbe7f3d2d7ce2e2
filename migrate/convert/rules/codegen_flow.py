"""Generate Java for statement blocks and control flow: IF, EVALUATE,
PERFORM, CALL, GOBACK, STOP RUN and EXIT."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from migrate.convert.rules import codegen_stmt as simple
from migrate.convert.rules.codegen_expr import ExprGenerator
from migrate.convert.rules.context import Context, MethodState, ProcedureError
from migrate.convert.rules.javatext import block, indent, java_string
from migrate.convert.rules.names import java_class_name
from migrate.convert.rules.nodes import (
    Call,
    Control,
    Evaluate,
    Flow,
    Handlers,
    If,
    Lit,
    PassMode,
    Perform,
    Ref,
    Stmt,
    Subject,
    Unparsed,
    Varying,
    When,
    WhenKind,
    WhenObject,
)
from migrate.convert.rules.stream import UnsupportedConstruct
from migrate.convert.rules.symbols import ResolveError
from migrate.parse.data import LiteralKind

_JUMPS = {
    Flow.GOBACK,
    Flow.STOP_RUN,
    Flow.EXIT_PARAGRAPH,
    Flow.EXIT_PERFORM,
    Flow.EXIT_PERFORM_CYCLE,
}


class StatementGenerator:
    """Turns statement nodes into Java lines, reporting what it cannot."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.expr = ExprGenerator(context)
        self._rules: dict[type, Callable[[Any, MethodState], list[str]]] = {
            If: self._if,
            Evaluate: self._evaluate,
            Perform: self._perform,
            Call: self._call,
            Control: self._control,
            Unparsed: self._unparsed,
        }
        for node, rule in simple.RULES.items():
            self._rules[node] = partial(rule, self)

    def block(self, statements: tuple[Stmt, ...], state: MethodState) -> list[str]:
        """Return the Java of a statement list."""
        lines: list[str] = []
        for index, stmt in enumerate(statements):
            generated = self.statement(stmt, state)
            if is_terminal(stmt) and index < len(statements) - 1:
                # javac rejects statements after a jump; COBOL allows them.
                generated = block("if (true)", generated)
            lines.extend(generated)
        return lines

    def statement(self, stmt: Stmt, state: MethodState) -> list[str]:
        """Return the Java of one statement, or a comment when unsupported."""
        try:
            return self._rules[type(stmt)](stmt, state)
        except UnsupportedConstruct as problem:
            return [self.context.report(problem.line or stmt.line, problem.construct)]

    def handlers(self, flag: str, handlers: Handlers, state: MethodState) -> list[str]:
        """Return the conditional phrases run when ``flag`` is true (ON) or
        false (NOT ON)."""
        on_block = self.block(handlers.on or (), state)
        not_block = self.block(handlers.not_on or (), state)
        return simple.handler_lines(flag, handlers, on_block, not_block)

    def file(self, name: str, line: int) -> str:
        found = self.context.files.get(name)
        if found is None:
            raise ResolveError(f"file {name} has no SELECT entry", line)
        return found.java

    # IF and EVALUATE -----------------------------------------------------

    def _if(self, stmt: If, state: MethodState) -> list[str]:
        cond = self.expr.cond(stmt.cond)
        then = self.block(stmt.then, state)
        if stmt.otherwise is None:
            return block(f"if ({cond})", then)
        otherwise = self.block(stmt.otherwise, state)
        return block(f"if ({cond})", then, "} else {") + simple.not_block_tail(
            otherwise
        )

    def _evaluate(self, stmt: Evaluate, state: MethodState) -> list[str]:
        lines: list[str] = []
        for index, when in enumerate(stmt.whens):
            test = self._when_test(stmt.subjects, when)
            body = self.block(when.body, state)
            header = f"if ({test})" if index == 0 else f"}} else if ({test})"
            lines.extend([header + " {"] + indent(body))
        if stmt.other is not None:
            other = self.block(stmt.other, state)
            if not stmt.whens:
                return other
            lines.extend(["} else {"] + indent(other))
        return lines + (["}"] if stmt.whens else [])

    def _when_test(self, subjects: tuple[Subject, ...], when: When) -> str:
        alternatives = []
        for objects in when.alternatives:
            tests = [
                self._object_test(subject, obj)
                for subject, obj in zip(subjects, objects, strict=False)
            ]
            tests = [t for t in tests if t != "true"] or ["true"]
            alternatives.append(" && ".join(tests))
        if len(alternatives) == 1:
            return alternatives[0]
        return " || ".join(f"({a})" for a in alternatives)

    def _object_test(self, subject: Subject, obj: WhenObject) -> str:
        if obj.kind is WhenKind.ANY:
            return "true"
        if subject.expr is None:
            truth = subject.truth if subject.truth is not None else True
            if obj.kind is WhenKind.COND and obj.cond is not None:
                cond = self.expr.cond(obj.cond)
            else:
                cond = "true" if obj.kind is WhenKind.TRUE else "false"
            if subject.cond is not None:
                cond = f"({self.expr.cond(subject.cond)}) == ({cond})"
            return cond if truth else f"!({cond})"
        if obj.kind in (WhenKind.TRUE, WhenKind.FALSE, WhenKind.COND):
            raise UnsupportedConstruct(
                "WHEN TRUE or FALSE for a value subject",
                getattr(subject.expr, "line", 0),
            )
        assert obj.value is not None
        if obj.kind is WhenKind.RANGE:
            assert obj.high is not None
            low = self.expr.compare(subject.expr, obj.value)
            high = self.expr.compare(subject.expr, obj.high)
            test = f"{low} >= 0 && {high} <= 0"
            return f"!({test})" if obj.negated else f"({test})"
        test = f"{self.expr.compare(subject.expr, obj.value)} == 0"
        return f"!({test})" if obj.negated else test

    # PERFORM -------------------------------------------------------------

    def _perform(self, stmt: Perform, state: MethodState) -> list[str]:
        labels = (state.local("perform"), state.local("cycle"))
        if stmt.body is not None:
            state.loops.append(labels)
            try:
                body = self.block(stmt.body, state)
            finally:
                state.loops.pop()
        else:
            body = self._calls(stmt, state)
        exit_used, cycle_used = _labels_used(body, labels)
        if cycle_used:
            body = block(f"{labels[1]}:", body)
        elif stmt.varying and stmt.body and _ends_terminal(stmt.body):
            # The VARYING increment follows the body, so it must stay reachable.
            body = block("if (true)", body)
        lines = self._loop(stmt, body, state)
        if exit_used:
            lines = block(f"{labels[0]}:", lines)
        return lines

    def _calls(self, stmt: Perform, state: MethodState) -> list[str]:
        assert stmt.first is not None
        try:
            indexes = self.context.procedures.span(
                stmt.first, stmt.last, state.section, stmt.line
            )
        except ProcedureError as error:
            raise ResolveError(error.message, error.line) from error
        return [f"{self.context.procedures.methods[i]}();" for i in indexes]

    def _loop(self, stmt: Perform, body: list[str], state: MethodState) -> list[str]:
        if stmt.times is not None:
            count = self.expr.int_expr(stmt.times)
            index, limit = state.local("i"), state.local("n")
            return block(
                f"for (int {index} = 0, {limit} = {count}; "
                f"{index} < {limit}; {index}++)",
                body,
            )
        if stmt.until is not None:
            cond = self.expr.cond(stmt.until)
            if stmt.test_after:
                return block("do", body, f"}} while (!({cond}));")
            return block(f"while (!({cond}))", body)
        if stmt.varying:
            return self._varying(stmt.varying, body, stmt.test_after)
        return body

    def _varying(
        self, varying: tuple[Varying, ...], body: list[str], test_after: bool
    ) -> list[str]:
        lines = body
        for level in reversed(varying):
            var = self.expr.ref(level.var)
            step = self.expr.num(level.step)
            increment = (
                f"Arith.store({var}, Arith.add({self.expr.num(level.var)}, "
                f"{step}), false, false);"
            )
            cond = self.expr.cond(level.until)
            start = self._start_value(level)
            loop_body = lines + [increment]
            if test_after:
                loop = block("do", loop_body, f"}} while (!({cond}));")
            else:
                loop = block(f"while (!({cond}))", loop_body)
            lines = [f"Move.move({start}, {var});"] + loop
        return lines

    def _start_value(self, level: Varying) -> str:
        if isinstance(level.start, (Lit, Ref)):
            return self.expr.operand(level.start)
        return self.expr.num(level.start)

    # CALL and control ----------------------------------------------------

    def _call(self, stmt: Call, state: MethodState) -> list[str]:
        args = [self._argument(mode, arg) for mode, arg in stmt.args]
        call = self._call_expression(stmt, args)
        not_on = self.block(stmt.handlers.not_on or (), state)
        if stmt.handlers.on is None:
            # Without ON EXCEPTION a missing program ends the run unit.
            return [f"{call};"] + not_on
        on = self.block(stmt.handlers.on, state)
        # GnuCOBOL 3.1.2 runs NOT ON EXCEPTION only after ON EXCEPTION, when
        # the program is missing, and never after a CALL that succeeds.
        # NOTE: a missing program called by the callee is caught here too.
        return block(
            "try", [f"{call};"], "} catch (ProgramNotFound notFound) {"
        ) + simple.not_block_tail(on + not_on)

    def _argument(self, mode: PassMode, arg: object) -> str:
        if isinstance(arg, Ref):
            text = self.expr.ref(arg)
            return f"{text}.copy()" if mode is PassMode.CONTENT else text
        if isinstance(arg, Lit) and arg.literal.kind is not LiteralKind.FIGURATIVE:
            return f"Area.literal({self.expr.operand(arg)})"
        raise UnsupportedConstruct(
            "CALL argument that is not a data item or literal", getattr(arg, "line", 0)
        )

    def _call_expression(self, stmt: Call, args: list[str]) -> str:
        program = stmt.program
        joined = ", ".join(args)
        package = java_string(self.context.java_package)
        if isinstance(program, Ref):
            target = self.expr.ref(program)
            return f"Programs.call({package}, {target}{', ' if args else ''}{joined})"
        if (
            not isinstance(program, Lit)
            or program.literal.kind is not LiteralKind.STRING
        ):
            raise UnsupportedConstruct(
                "CALL of a program that is not named by a literal or data item",
                stmt.line,
            )
        name = program.literal.text.strip().upper()
        callee = self.context.callees.get(name)
        if callee is not None and len(callee.params) >= len(args):
            padded = args + ["null"] * (len(callee.params) - len(args))
            java_class = callee.java_class or java_class_name(name)
            return f"{java_class}.call({', '.join(padded)})"
        return (
            f"Programs.call({package}, {java_string(name)}"
            f"{', ' if args else ''}{joined})"
        )

    def _control(self, stmt: Control, state: MethodState) -> list[str]:
        flow = stmt.flow
        if flow is Flow.GOBACK:
            return ["throw Goback.INSTANCE;"]
        if flow is Flow.STOP_RUN:
            return ["throw RunUnit.stopRun();"]
        if flow is Flow.EXIT_PROGRAM:
            self.context.uses_main_flag = True
            return block("if (!mainProgram)", ["throw Goback.INSTANCE;"])
        if flow is Flow.EXIT_PARAGRAPH:
            return ["return;"]
        if flow in (Flow.EXIT_PERFORM, Flow.EXIT_PERFORM_CYCLE):
            if not state.loops:
                raise UnsupportedConstruct(
                    f"{flow.value} outside an inline PERFORM", stmt.line
                )
            exit_label, cycle_label = state.loops[-1]
            label = exit_label if flow is Flow.EXIT_PERFORM else cycle_label
            return [f"break {label};"]
        return [f"// {flow.value}"]

    def _unparsed(self, stmt: Unparsed, state: MethodState) -> list[str]:
        return [self.context.report(stmt.line, stmt.construct)]


def is_terminal(stmt: Stmt) -> bool:
    """Tell whether control never continues after ``stmt`` by the
    reachability rules of the Java language."""
    if isinstance(stmt, Control):
        return stmt.flow in _JUMPS
    if isinstance(stmt, If) and stmt.otherwise is not None:
        return _ends_terminal(stmt.then) and _ends_terminal(stmt.otherwise)
    if isinstance(stmt, Evaluate) and stmt.other is not None:
        return _ends_terminal(stmt.other) and all(
            _ends_terminal(when.body) for when in stmt.whens
        )
    return False


def _ends_terminal(statements: tuple[Stmt, ...]) -> bool:
    return bool(statements) and is_terminal(statements[-1])


def _labels_used(lines: list[str], labels: tuple[str, str]) -> tuple[bool, bool]:
    text = "\n".join(lines)
    return f"break {labels[0]};" in text, f"break {labels[1]};" in text
