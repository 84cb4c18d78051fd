package io.selfheal.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The three prompt templates: {@code system.txt}, {@code diagnosis.txt} (the user message) and {@code retry.txt}
 * (sent after a rejected answer). Each is read from {@code selfheal.llm.prompt-dir} when that directory has the file,
 * else from the packaged defaults under {@code prompts/}.
 */
record PromptTemplates(PromptTemplate system, PromptTemplate diagnosis, PromptTemplate retry) {

    static final Set<String> SYSTEM_KEYS = Set.of("fence_open", "fence_close");
    static final Set<String> DIAGNOSIS_KEYS = Set.of("fence_open", "fence_close", "incident_id", "error_type",
            "severity", "occurrences", "rate_per_minute", "baseline_rate", "detected_at", "strategies", "service",
            "template", "exception_type", "labels", "stack_excerpt", "recent_lines");
    static final Set<String> RETRY_KEYS = Set.of("problem", "strategy_names");

    static PromptTemplates load(String promptDir) {
        Path dir = promptDir == null ? null : Path.of(promptDir);
        return new PromptTemplates(
                read(dir, "system.txt").checkedAgainst(SYSTEM_KEYS),
                read(dir, "diagnosis.txt").checkedAgainst(DIAGNOSIS_KEYS),
                read(dir, "retry.txt").checkedAgainst(RETRY_KEYS));
    }

    private static PromptTemplate read(Path dir, String file) {
        try {
            if (dir != null && Files.isRegularFile(dir.resolve(file))) {
                return new PromptTemplate(dir.resolve(file).toString(), Files.readString(dir.resolve(file)));
            }
            try (InputStream in = PromptTemplates.class.getResourceAsStream("/prompts/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("Packaged prompt template prompts/" + file + " is missing");
                }
                return new PromptTemplate("prompts/" + file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read prompt template " + file, e);
        }
    }
}
