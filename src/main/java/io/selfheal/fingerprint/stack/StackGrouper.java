package io.selfheal.fingerprint.stack;

import io.selfheal.fingerprint.StableIds;
import io.selfheal.fingerprint.mask.Masker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Computes the grouping key of a parsed stack: the <em>crash site of the root cause</em>.
 *
 * <p>One bug is one exception type thrown at one place in the application's code, whichever entry point led there
 * (controller, other HTTP verb, scheduled job, listener), whichever caller logged it with whichever message and
 * whichever wrapper exceptions carry it. So the key is the root cause's type plus the first application frame of its
 * stack, counted from the throw: the function that threw, or, when the JDK or a library threw (parsing a number,
 * dividing, connecting), the application function that called it. Generated frames (proxies, reflection accessors,
 * lambda classes, CGLIB/ByteBuddy subclasses) are never a crash site. When the root cause has no application frame
 * (an I/O error raised on an event loop), the nearest exception wrapping it that has one gives the site; when no
 * exception has one, the root cause's own first frame does (Sentry's "system" variant). Frames take part as
 * module/class plus function, never line, column, offset or generated numbering. Only a trace without any frame falls
 * back to the root cause's message, with variable parts masked like any message.
 */
public final class StackGrouper {
    private final FrameNormalizer normalizer = new FrameNormalizer();

    public StackKey key(ParsedStack stack) {
        Platform platform = stack.platform();
        ExceptionInfo root = stack.rootCause();
        List<String> lines = new ArrayList<>();
        List<String> site = crashSite(platform, stack.chain(), true);
        boolean app = !site.isEmpty();
        if (!app) {
            site = crashSite(platform, stack.chain(), false);
        }
        lines.add(platform.name().toLowerCase(Locale.ROOT) + (app ? " app" : " system"));
        lines.add("root " + root.type());
        if (site.isEmpty()) {
            lines.add("  message " + Masker.mask(root.value()));
        }
        site.forEach(frame -> lines.add("  " + frame));
        String signature = String.join("\n", lines);
        return new StackKey(root.type(), stack.outermost().type(), signature, StableIds.of(signature));
    }

    /**
     * The crash site, searched from the root cause outwards: the first exception that has a candidate frame gives its
     * innermost one. An anonymous function (a JavaScript arrow, a Python lambda or comprehension) says little by
     * itself, so the next named frame of the same kind is added.
     */
    private List<String> crashSite(Platform platform, List<ExceptionInfo> outermostFirst, boolean inAppOnly) {
        for (int i = outermostFirst.size() - 1; i >= 0; i--) {
            List<String> site = new ArrayList<>(2);
            for (StackFrame frame : outermostFirst.get(i).frames()) {
                if ((inAppOnly && !frame.inApp()) || normalizer.isGenerated(platform, frame)) {
                    continue;
                }
                String component = normalizer.normalize(platform, frame);
                if (component.isEmpty()) {
                    continue;
                }
                boolean anonymous = normalizer.isAnonymous(platform, frame);
                if (site.isEmpty() || !anonymous) {
                    site.add(component);
                }
                if (!anonymous) {
                    return site;
                }
            }
            if (!site.isEmpty()) {
                return site;
            }
        }
        return List.of();
    }
}
