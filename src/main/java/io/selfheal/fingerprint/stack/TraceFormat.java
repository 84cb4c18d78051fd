package io.selfheal.fingerprint.stack;

import java.util.List;

/** How one platform writes stack traces. */
interface TraceFormat {

    Platform platform();

    /** Whether this line can only have been written by this platform (checked in a fixed order across formats). */
    boolean recognizes(String line);

    /** The exception chain, outermost first; empty when the text holds no exception of this format. */
    List<ExceptionInfo> parse(List<String> lines, InAppRules inAppRules);
}
