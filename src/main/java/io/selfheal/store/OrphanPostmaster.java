package io.selfheal.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server left running on a data directory by a Selfheal that died without stopping it ({@code kill -9},
 * OOM killer). The embedded server is a daemon of its own, so it outlives its JVM and keeps {@code postmaster.pid};
 * the next start must stop it or PostgreSQL refuses to start on that directory.
 *
 * <p>Only a process that is provably that directory's postmaster is signalled: its executable is {@code postgres}
 * and its working directory (PostgreSQL changes into its data directory) is the data directory. A pid file naming a
 * dead or unrelated process is left alone; PostgreSQL itself replaces a stale pid file.
 */
final class OrphanPostmaster {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanPostmaster.class);
    private static final Duration CLEAN_STOP = Duration.ofSeconds(30);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private OrphanPostmaster() {
    }

    /** Stops the postmaster of {@code dataDir} if one is running; returns whether there was one. */
    static boolean stopIfRunning(Path dataDir) throws IOException {
        Optional<ProcessHandle> orphan = find(dataDir);
        if (orphan.isEmpty()) {
            return false;
        }
        ProcessHandle postmaster = orphan.get();
        LOG.warn("PostgreSQL (pid {}) is still running in {} after an unclean stop of Selfheal: stopping it",
                postmaster.pid(), dataDir.toAbsolutePath());
        // SIGTERM: a clean shutdown with a checkpoint; the dead JVM's sessions are already gone.
        postmaster.destroy();
        if (!exited(postmaster, CLEAN_STOP)) {
            LOG.warn("PostgreSQL (pid {}) ignored SIGTERM for {} s: killing it", postmaster.pid(), CLEAN_STOP.toSeconds());
            postmaster.destroyForcibly();
            if (!exited(postmaster, KILL_WAIT)) {
                throw new IOException("Cannot stop the PostgreSQL (pid " + postmaster.pid() + ") running in " + dataDir);
            }
        }
        return true;
    }

    /** The live postmaster of {@code dataDir}, according to its {@code postmaster.pid}. */
    static Optional<ProcessHandle> find(Path dataDir) throws IOException {
        Optional<Long> pid = pidFromFile(dataDir);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive)
                .filter(process -> isPostmasterOf(process.pid(), dataDir));
    }

    private static Optional<Long> pidFromFile(Path dataDir) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostmasterOf(long pid, Path dataDir) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String[] command = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8).split("\0");
            boolean postgres = command.length > 0 && Path.of(command[0]).getFileName().toString().equals("postgres");
            return postgres && proc.resolve("cwd").toRealPath().equals(dataDir.toRealPath());
        } catch (IOException | RuntimeException e) {
            // Gone meanwhile, or not ours to inspect: then it is not ours to stop either.
            return false;
        }
    }

    private static boolean exited(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
