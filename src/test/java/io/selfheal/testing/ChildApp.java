package io.selfheal.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service in a child JVM ({@code io.selfheal.Selfheal}, this JVM's class path, settings as {@code -D} system
 * properties, 512 MB heap) against the test database, so a test can kill it the hard way: {@link #kill()} is a
 * SIGKILL, no shutdown hook, no graceful stop, exactly what a crash or an OOM killer does.
 */
public final class ChildApp implements AutoCloseable {
    private final Process process;
    private final Path output;

    private ChildApp(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts the service with {@link RunningApp#baseProperties} plus {@code extra}; stdout and stderr go to {@code output}. */
    public static ChildApp start(Path logs, Map<String, String> extra, Path output) throws IOException {
        return start(logs, extra, Map.of(), output);
    }

    /**
     * As {@link #start(Path, Map, Path)}, with {@code environment} added to the child's environment variables and
     * {@code args} given to its {@code main} (e.g. {@code --demo}).
     */
    public static ChildApp start(Path logs, Map<String, String> extra, Map<String, String> environment, Path output,
                                 String... args) throws IOException {
        Map<String, String> properties = RunningApp.baseProperties(RunningApp.freePort(), logs);
        properties.putAll(extra);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseParallelGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("io.selfheal.Selfheal");
        command.addAll(List.of(args));
        Files.createDirectories(output.toAbsolutePath().getParent());
        // Its own working directory: nothing in the checkout (a user's ./routes, ./data, ./logs) reaches the child.
        ProcessBuilder builder = new ProcessBuilder(command).directory(Files.createTempDirectory("selfheal-child").toFile());
        builder.environment().putAll(environment);
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        return new ChildApp(process, output);
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the child to end by itself; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child JVM still runs after " + timeout + "; its output is in " + output);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child JVM did not die; its output is in " + output);
        }
    }

    public Path output() {
        return output;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
