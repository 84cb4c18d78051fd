package com.shopfront.app;

import com.shopfront.messaging.ListenerContainer;
import com.shopfront.messaging.OrderEventsListener;
import com.shopfront.scheduling.JobRunner;
import com.shopfront.web.Dispatcher;
import com.shopfront.web.OrderController;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Provokes every bug of {@link Operations#BUGS} through several entry points and writes each failure as the
 * application would log it: a message and the stack trace exactly as {@code printStackTrace} prints it.
 * Arguments: build label, output file.
 */
public final class CorpusMain {
    private static final List<String> PATHS = List.of(
            "http-get", "http-post", "listener", "http-put", "job", "http-delete", "async", "uncaught");

    private final StringBuilder out = new StringBuilder();
    private final String build;
    private int events;

    private CorpusMain(String build) {
        this.build = build;
    }

    public static void main(String[] args) throws Exception {
        CorpusMain main = new CorpusMain(args[0]);
        main.generate();
        Files.writeString(Path.of(args[1]), main.out, StandardCharsets.UTF_8);
    }

    private void generate() throws Exception {
        boolean buildB = build.equals("b");
        Operations operations = new Operations(closedPort(), buildB);
        Dispatcher dispatcher = new Dispatcher(new OrderController(operations));
        ListenerContainer container = new ListenerContainer(new OrderEventsListener(operations));
        JobRunner jobs = new JobRunner(operations);
        // Enough reflective calls that the JVM inflates Method.invoke into generated accessors midway (build a);
        // build b runs with -Dsun.reflect.noInflation=true.
        int n = buildB ? 500 : 1;
        for (int bug = 0; bug < Operations.BUGS.size(); bug++) {
            String op = Operations.BUGS.get(bug);
            int paths = op.equals("category-cycle") ? 2 : 4;
            for (int k = 0; k < paths; k++) {
                String path = PATHS.get((bug + k + (buildB ? 3 : 0)) % PATHS.size());
                int repeats = (bug + k) % 3 == 0 && paths == 4 ? 2 : 1;
                for (int r = 0; r < repeats; r++) {
                    n++;
                    provoke(op, path, n, dispatcher, container, jobs, operations);
                }
            }
        }
    }

    private void provoke(String op, String path, int n, Dispatcher dispatcher, ListenerContainer container,
                         JobRunner jobs, Operations operations) throws Exception {
        try {
            switch (path) {
                case "http-get", "http-post", "http-put", "http-delete" -> {
                    String verb = path.substring(5).toUpperCase();
                    dispatcher.dispatch(verb, "/api/orders/" + n, Map.of("op", op, "n", n));
                }
                case "listener" -> container.deliver(op, n, 1 + n % 3);
                case "job" -> jobs.runNow(op, n);
                case "async" -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return operations.run(op, n);
                    } catch (Exception e) {
                        throw new IllegalStateException("async step failed", e);
                    }
                }).join();
                case "uncaught" -> {
                    uncaught(op, n, operations);
                    return;
                }
                default -> throw new IllegalArgumentException(path);
            }
        } catch (Throwable t) {
            emit(op, path, messageFor(path, n), stackTraceOf(t));
            return;
        }
        throw new AssertionError(op + " via " + path + " did not fail");
    }

    private void uncaught(String op, int n, Operations operations) throws InterruptedException {
        AtomicReference<String> printed = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                operations.run(op, n);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "worker-" + n);
        // The JDK's default handler prints exactly this to System.err.
        worker.setUncaughtExceptionHandler((thread, e) ->
                printed.set("Exception in thread \"" + thread.getName() + "\" " + stackTraceOf(e)));
        worker.start();
        worker.join();
        String trace = printed.get();
        if (trace == null) {
            throw new AssertionError(op + " did not fail in a thread");
        }
        emit(op, "uncaught", trace.lines().findFirst().orElseThrow(), trace);
    }

    private static String messageFor(String path, int n) {
        return switch (path) {
            case "http-get", "http-post", "http-put", "http-delete" ->
                    "Servlet.service() for servlet [dispatcher] threw exception (" + path.substring(5).toUpperCase()
                            + " /api/orders/" + n + ")";
            case "listener" -> "Error handler threw an exception for record orders-" + n % 3 + "@" + (4000 + n);
            case "job" -> "Unexpected error occurred in scheduled task reconcile (run " + n + ")";
            default -> "async order step " + n + " failed";
        };
    }

    private void emit(String op, String path, String message, String trace) {
        events++;
        out.append("### event java-").append(build).append('-').append(events)
                .append(" bug=jv-").append(op).append(" path=").append(path).append(" build=").append(build).append('\n')
                .append("message: ").append(message).append('\n')
                .append(trace);
        if (!trace.endsWith("\n")) {
            out.append('\n');
        }
    }

    private static String stackTraceOf(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
