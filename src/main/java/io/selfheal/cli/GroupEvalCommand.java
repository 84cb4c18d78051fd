package io.selfheal.cli;

import io.selfheal.grouping.eval.QualityBenchmark;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * {@code group-eval [--data DIR] [--loo] [--shuffles N]}: the command-line front of {@link QualityBenchmark}. Without the Loghub data it says
 * what to pass instead of failing with a stack trace.
 */
public final class GroupEvalCommand {
    static final String USAGE = """
            Usage: java -jar selfheal.jar group-eval [--data DIR] [--loo] [--shuffles N]

            Scores the template miner (grouping accuracy GA and F1 FGA) on Loghub-2k datasets with known templates.

              --data DIR   a folder holding formats.tsv (dataset<TAB>log format) and, for each dataset NAME,
                           NAME/NAME_2k.log and NAME/NAME_2k.log_structured_corrected.csv; the repository ships
                           them in src/test/resources/loghub-2k (the default, when run from a clone's root)
              --loo        also report leave-one-dataset-out figures: each setting chosen on the other datasets
              --shuffles N also score every dataset with its lines in N random orders (1-1000): the miner learns
                           online, so its groups can depend on which message comes first
            Systems in a folder loghub-unseen beside DIR (the repository ships eight) are scored after, apart: the
            held-out figure, never used to choose a setting.
              -h, --help   this help
            """;

    private GroupEvalCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-h") || args[i].equals("--help")) {
                out.print(USAGE);
                return 0;
            }
            if (args[i].equals("--loo")) {
                continue;
            }
            if (args[i].equals("--shuffles")) {
                if (++i >= args.length || !QualityBenchmark.isCount(args[i])) {
                    err.println("group-eval: --shuffles needs a number of orders from 1 to 1000");
                    return 2;
                }
                continue;
            }
            if (!args[i].equals("--data")) {
                err.println("group-eval: " + (args[i].startsWith("-") ? "unknown option " : "unexpected argument ")
                        + args[i]);
                err.println("Try 'group-eval --help'.");
                return 2;
            }
            if (++i >= args.length) {
                err.println("group-eval: --data needs a directory");
                return 2;
            }
        }
        try {
            return QualityBenchmark.run(args);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException missing) {
                err.println("group-eval: no evaluation data: " + missing.getFile() + " does not exist.");
                err.println("Pass --data DIR, a folder with formats.tsv and the Loghub-2k datasets, such as"
                        + " src/test/resources/loghub-2k of a clone of the repository (see --help).");
                return 2;
            }
            err.println("group-eval: cannot read the evaluation data: " + e.getCause().getMessage());
            return 1;
        }
    }
}
