package com.shopfront.app;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/** Runs {@link CorpusMain} in a named class loader, so frames carry a loader prefix such as {@code app-context-3//}. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        String[] entries = System.getProperty("corpus.classpath").split(java.io.File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = Path.of(entries[i]).toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader("app-context-3", urls, ClassLoader.getPlatformClassLoader())) {
            loader.loadClass("com.shopfront.app.CorpusMain").getMethod("main", String[].class).invoke(null, (Object) args);
        }
    }
}
