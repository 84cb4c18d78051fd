package io.selfheal.fingerprint.stack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StackTraceParserTest {

    private final StackTraceParser parser = new StackTraceParser();

    @Test
    void javaChainIsOutermostFirstWithTheLogLineIgnored() {
        ParsedStack stack = parse(JavaTraceSamples.capture(() -> JavaTraceSamples.OrderProcessor.process(true)));

        assertThat(stack.platform()).isEqualTo(Platform.JAVA);
        assertThat(types(stack)).containsExactly(
                "io.selfheal.fingerprint.stack.JavaTraceSamples$OrderProcessingException", "java.sql.SQLException");
        assertThat(stack.rootCause().value()).isEqualTo("FATAL: terminating connection due to administrator command");
        StackFrame crash = stack.rootCause().frames().get(0);
        assertThat(crash.module()).isEqualTo("io.selfheal.fingerprint.stack.JavaTraceSamples$OrderProcessor");
        assertThat(crash.function()).isEqualTo("process");
        assertThat(crash.file()).isEqualTo("JavaTraceSamples.java");
        assertThat(crash.line()).isPositive();
        assertThat(crash.inApp()).isTrue();
    }

    @Test
    void javaThreadHeaderModulePrefixesHiddenClassesSuppressedAndLogbackSuffixes() {
        ParsedStack stack = parse("""
                12:00:01.003 ERROR [main] c.a.Job - job failed
                Exception in thread "main" java.lang.IllegalStateException: outer
                second line of the message
                \tat java.base/java.util.ArrayList.forEach(ArrayList.java:1511) ~[na:na]
                \tat com.acme.Job$$Lambda$14/0x0000000800c03000.accept(Unknown Source)
                \tat app//com.acme.Job.run(Job.java:12)
                \tSuppressed: java.io.IOException: close failed
                \t\tat com.acme.Res.close(Res.java:3)
                \tCaused by: java.io.EOFException: inside suppressed
                \t\t... 2 more
                Caused by: java.lang.NullPointerException
                \tat com.acme.Job.load(Job.java:30)
                \t... 3 more
                """);

        assertThat(types(stack)).containsExactly("java.lang.IllegalStateException", "java.lang.NullPointerException");
        assertThat(stack.outermost().value()).isEqualTo("outer\nsecond line of the message");
        assertThat(stack.outermost().frames()).extracting(StackFrame::module)
                .containsExactly("java.util.ArrayList", "com.acme.Job$$Lambda$14", "com.acme.Job");
        assertThat(stack.outermost().frames()).extracting(StackFrame::inApp).containsExactly(false, true, true);
        // "... 3 more": the cause shares the enclosing exception's last three frames, which are restored.
        assertThat(stack.rootCause().frames()).extracting(StackFrame::module, StackFrame::function).containsExactly(
                tuple("com.acme.Job", "load"), tuple("java.util.ArrayList", "forEach"),
                tuple("com.acme.Job$$Lambda$14", "accept"), tuple("com.acme.Job", "run"));
    }

    @Test
    void pythonChainIsReorderedOutermostFirstWithFramesInnermostFirst() {
        ParsedStack stack = parse(TraceCorpus.read("python/db-connect-a.txt"));

        assertThat(stack.platform()).isEqualTo(Platform.PYTHON);
        assertThat(types(stack)).containsExactly("sqlalchemy.exc.OperationalError", "psycopg2.OperationalError");
        assertThat(stack.outermost().frames()).extracting(StackFrame::module, StackFrame::function, StackFrame::inApp)
                .containsExactly(
                        tuple("sqlalchemy.engine.base", "__init__", false),
                        tuple("sqlalchemy.orm.session", "execute", false),
                        tuple(null, "get_order", true),
                        tuple(null, "place_order", true));
        assertThat(stack.rootCause().value()).startsWith("connection to server at \"10.0.3.17\"");
    }

    @Test
    void pythonDuringHandlingChainsToo() {
        ParsedStack stack = parse(TraceCorpus.read("python/settings-keyerror.txt"));

        assertThat(types(stack)).containsExactly("app.settings.SettingsError", "KeyError");
        assertThat(stack.rootCause().value()).isEqualTo("'DATABASE_URL'");
    }

    @Test
    void nodeFramesAsyncAnonymousAndCause() {
        ParsedStack plain = parse(TraceCorpus.read("node/undefined-a.txt"));
        assertThat(plain.platform()).isEqualTo(Platform.NODE);
        assertThat(types(plain)).containsExactly("TypeError");
        assertThat(plain.rootCause().frames()).extracting(StackFrame::function)
                .containsExactly("getUser", "handleGetUser", "Layer.handle", "next", "process.processTicksAndRejections");
        assertThat(plain.rootCause().frames()).extracting(StackFrame::inApp).containsExactly(true, true, false, false, false);

        ParsedStack caused = parse(TraceCorpus.read("node/missing-module-a.txt"));
        assertThat(types(caused)).containsExactly("Error", "Error");
        assertThat(caused.rootCause().value()).startsWith("Cannot find module './plugins/pdf'");
        assertThat(caused.outermost().frames()).extracting(StackFrame::function)
                .containsExactly("startWorker", "Object.<anonymous>", "Module._compile", null);
    }

    @Test
    void goTakesThePanickingGoroutineOnly() {
        ParsedStack stack = parse(TraceCorpus.read("go/nil-pointer-a.txt"));

        assertThat(stack.platform()).isEqualTo(Platform.GO);
        assertThat(types(stack)).containsExactly("runtime.Error");
        assertThat(stack.rootCause().frames()).extracting(StackFrame::module, StackFrame::function)
                .containsExactly(
                        tuple("github.com/acme/orders/internal/store", "(*Repo).Get"),
                        tuple("github.com/acme/orders/internal/api", "(*Handler).GetOrder"),
                        tuple("net/http", "HandlerFunc.ServeHTTP"),
                        tuple("net/http", "serverHandler.ServeHTTP"),
                        tuple("net/http", "(*Server).Serve"));
        assertThat(stack.rootCause().frames()).extracting(StackFrame::inApp).containsExactly(true, true, false, false, false);
    }

    @Test
    void goRepanicKeepsTheLastPanicAndFatalErrorsAreTheirOwnKind() {
        ParsedStack repanic = parse("""
                panic: first failure [recovered]
                \tpanic: close of closed channel

                goroutine 12 [running]:
                main.(*Worker).stop(...)
                \t/src/worker/worker.go:88
                main.main()
                \t/src/worker/main.go:14 +0x1d
                """);
        assertThat(repanic.rootCause().value()).isEqualTo("close of closed channel");
        assertThat(repanic.rootCause().frames()).extracting(StackFrame::function).containsExactly("(*Worker).stop", "main");

        ParsedStack deadlock = parse("""
                fatal error: all goroutines are asleep - deadlock!

                goroutine 1 [chan receive]:
                main.main()
                \t/src/worker/main.go:20 +0x2f
                """);
        assertThat(types(deadlock)).containsExactly("fatal error");
    }

    @Test
    void dotNetInnerExceptionsGetTheirOwnFrames() {
        ParsedStack stack = parse(TraceCorpus.read("dotnet/npgsql-a.txt"));

        assertThat(stack.platform()).isEqualTo(Platform.DOTNET);
        assertThat(types(stack)).containsExactly(
                "System.InvalidOperationException", "Npgsql.NpgsqlException", "System.Net.Sockets.SocketException");
        assertThat(stack.rootCause().frames()).extracting(StackFrame::function).containsExactly("Connect", "ConnectAsync");
        assertThat(stack.chain().get(1).frames()).hasSize(3);
        assertThat(stack.outermost().frames()).extracting(StackFrame::module).containsExactly(
                "Acme.Orders.OrderRepository.<GetAsync>d__4", "Acme.Orders.OrderService.<PlaceAsync>d__12",
                "Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.TaskOfIActionResultExecutor");
        StackFrame repository = stack.outermost().frames().get(0);
        assertThat(repository.file()).isEqualTo("/src/Acme.Orders/OrderRepository.cs");
        assertThat(repository.line()).isEqualTo(47);
        assertThat(stack.outermost().value()).isEqualTo("Could not load order 4711");
    }

    @Test
    void textWithoutAStackTraceIsNotParsed() {
        assertThat(parser.parse(null)).isEmpty();
        assertThat(parser.parse("  ")).isEmpty();
        assertThat(parser.parse("ERROR order 42 failed: connection refused")).isEmpty();
    }

    private ParsedStack parse(String trace) {
        return parser.parse(trace).orElseThrow(() -> new AssertionError("not parsed:\n" + trace));
    }

    private static List<String> types(ParsedStack stack) {
        return stack.chain().stream().map(ExceptionInfo::type).toList();
    }
}
