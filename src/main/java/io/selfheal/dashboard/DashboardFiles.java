package io.selfheal.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The dashboard's own files, read once from the jar's {@code dashboard/} folder: the only static content Selfheal
 * serves. Nothing else of the jar (application.properties, classes) or of the working directory is reachable.
 */
public final class DashboardFiles {
    /** File name to content type: the explicit list. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "detail.js", "text/javascript; charset=utf-8");

    private final Map<String, DashboardFile> files = new LinkedHashMap<>();

    public DashboardFiles() {
        FILES.forEach((name, type) -> files.put(name, new DashboardFile(type, read(name))));
    }

    /** One file with its content type. */
    public record DashboardFile(String contentType, byte[] content) {
    }

    /** @param uri the request URI ({@code /}, {@code /dashboard.js?v=2}...) */
    public DashboardFile file(String uri) {
        String path = uri == null ? "/" : uri;
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        String name = path.equals("/") || path.isEmpty() ? "index.html" : path.substring(path.lastIndexOf('/') + 1);
        DashboardFile file = files.get(name);
        if (file == null) {
            throw new NoSuchElementException("no such file");
        }
        return file;
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/" + name + " is missing from the Selfheal jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
