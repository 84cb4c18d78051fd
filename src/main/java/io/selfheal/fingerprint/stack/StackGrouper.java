package io.selfheal.fingerprint.stack;

import io.selfheal.fingerprint.StableIds;
import io.selfheal.fingerprint.mask.Masker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes the grouping key of a parsed stack, after Sentry's "newstyle" strategy.
 *
 * <p>Which parts take part: the root cause (what actually failed) and the outermost exception (where it surfaced);
 * wrappers in between are left out because they come and go with framework layers and retries. Each contributes its
 * type and its normalized frames. Frames are the in-app ones (the "app" variant) when the two exceptions have any
 * in-app frame; otherwise all frames (the "system" variant). Line numbers, columns and messages never take part, so
 * the same bug reported with other messages or from other lines groups as one, while a different root-cause type or
 * a different crash path gives a different key. Only a trace without any frame falls back to its messages, with
 * variable parts masked like any message.
 */
public final class StackGrouper {
    private final FrameNormalizer normalizer = new FrameNormalizer();
    private final int maxFramesPerException;

    /** Every frame of the variant counts (Sentry's default). */
    public StackGrouper() {
        this(0);
    }

    /**
     * @param maxFramesPerException only the innermost N frames of each exception count (Sentry's {@code max-frames});
     *                              0 means all. With 1, the same bug reached through different callers groups as one.
     */
    public StackGrouper(int maxFramesPerException) {
        if (maxFramesPerException < 0) {
            throw new IllegalArgumentException("maxFramesPerException must be >= 0");
        }
        this.maxFramesPerException = maxFramesPerException;
    }

    public StackKey key(ParsedStack stack) {
        ExceptionInfo root = stack.rootCause();
        ExceptionInfo top = stack.outermost();
        List<ExceptionInfo> parts = root == top ? List.of(root) : List.of(root, top);
        boolean appVariant = parts.stream().anyMatch(ExceptionInfo::hasInAppFrames);
        boolean anyFrames = parts.stream().anyMatch(e -> !e.frames().isEmpty());

        List<String> lines = new ArrayList<>();
        lines.add(stack.platform().name().toLowerCase(Locale.ROOT) + (appVariant ? " app" : " system"));
        for (ExceptionInfo exception : parts) {
            lines.add((exception == root ? "root " : "top ") + exception.type());
            for (String frame : frames(stack.platform(), exception, appVariant)) {
                lines.add("  " + frame);
            }
            if (!anyFrames) {
                lines.add("  message " + Masker.mask(exception.value()));
            }
        }
        String signature = String.join("\n", lines);
        return new StackKey(root.type(), top.type(), signature, StableIds.of(signature));
    }

    private List<String> frames(Platform platform, ExceptionInfo exception, boolean appVariant) {
        List<String> normalized = new ArrayList<>();
        StackFrame previous = null;
        for (StackFrame frame : exception.frames()) {
            if (appVariant && !frame.inApp()) {
                continue;
            }
            // Deep recursion repeats the same frame hundreds of times: normalize it once.
            if (previous != null && sameCode(previous, frame)) {
                continue;
            }
            previous = frame;
            Optional<String> component = normalizer.normalize(platform, frame);
            // Recursion: consecutive identical frames count once.
            if (component.isPresent() && !Objects.equals(last(normalized), component.get())) {
                normalized.add(component.get());
            }
        }
        return maxFramesPerException == 0 || normalized.size() <= maxFramesPerException
                ? normalized : normalized.subList(0, maxFramesPerException);
    }

    private static boolean sameCode(StackFrame a, StackFrame b) {
        return Objects.equals(a.module(), b.module()) && Objects.equals(a.function(), b.function())
                && Objects.equals(a.file(), b.file());
    }

    private static String last(List<String> list) {
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }
}
