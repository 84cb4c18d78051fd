package io.selfheal;

import io.selfheal.app.SelfhealApp;
import io.selfheal.cli.GroupCommand;
import io.selfheal.cli.GroupEvalCommand;
import io.selfheal.demo.DemoFleet;
import io.selfheal.demo.DemoLogWriter;
import io.selfheal.store.AnotherInstanceRunningException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar selfheal.jar [--demo] [--config FILE]} runs the service;
 * {@code group ...} and {@code group-eval ...} run the grouping engine from the command line.
 */
public final class Selfheal {
    private static final String USAGE = """
            Usage:
              java -jar selfheal.jar [--demo] [--config FILE]   run the service (embedded PostgreSQL unless SELFHEAL_DB_URL is set)
                  --demo          also write realistic logs of three fake services into the tailed directory
                  --config FILE   a properties file overriding the defaults (environment variables override both)
              java -jar selfheal.jar group --log-format FORMAT --input FILE --output OUT.csv   (group --help: options)
              java -jar selfheal.jar group-eval [--data DIR] [--loo]                           (group-eval --help)
              java -jar selfheal.jar demo-logs DIR   write the demo's logs of three fake services into DIR until stopped
            """;

    private Selfheal() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("group")) {
            System.exit(GroupCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("group-eval")) {
            System.exit(GroupEvalCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("demo-logs")) {
            writeDemoLogs(args);
            return;
        }
        Path config = null;
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> overrides.put("selfheal.demo", "true");
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        fail("--config needs a file");
                    }
                    config = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> fail("unknown argument: " + args[i]);
            }
        }
        try {
            new SelfhealApp(config, overrides).run();
        } catch (Exception e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof AnotherInstanceRunningException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            // Not a failure of this program: a message for the user, no stack trace.
            System.err.println(cause.getMessage());
            System.exit(1);
        }
    }

    /** The compose stack's log generator: the same logs {@code --demo} writes, without the service. */
    private static void writeDemoLogs(String[] args) throws Exception {
        if (args.length != 2) {
            fail("demo-logs needs one directory");
        }
        // No demo receiver here: nothing heals this fleet, its services keep failing as generated.
        DemoFleet fleet = new DemoFleet(Clock.systemUTC(), Duration.ZERO);
        try (DemoLogWriter writer = new DemoLogWriter(Path.of(args[1]), fleet).start()) {
            new CountDownLatch(1).await(); // until the JVM is stopped; the writer's thread is a daemon
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.print(USAGE);
        System.exit(2);
    }
}
