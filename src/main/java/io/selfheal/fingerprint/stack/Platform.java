package io.selfheal.fingerprint.stack;

/** The runtime whose stack-trace format a trace is written in. */
public enum Platform {
    JAVA, PYTHON, NODE, GO, DOTNET
}
