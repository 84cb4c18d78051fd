package com.shopfront.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

public class TemplateLoader {
    public String load(String name) throws IOException {
        return Files.readString(Path.of("/nonexistent/templates", name + ".html"));
    }
}
