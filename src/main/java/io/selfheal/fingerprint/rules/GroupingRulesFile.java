package io.selfheal.fingerprint.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The rules file, reloaded when it changes. {@link #reloadIfChanged()} is called on a short timer: it compares the
 * file's modification time and size with the last load and parses only when they differ. A missing file means no
 * rules; a broken file keeps the rules in force and logs why it was refused.
 */
public final class GroupingRulesFile implements Supplier<GroupingRules> {
    private static final Logger LOG = LoggerFactory.getLogger(GroupingRulesFile.class);

    private final Path path;
    private volatile GroupingRules current = GroupingRules.NONE;
    /** Modification time and size of the file last read (successfully or not); null when it was absent. */
    private String lastVersion;

    public GroupingRulesFile(Path path) {
        this.path = path;
        reloadIfChanged();
    }

    @Override
    public GroupingRules get() {
        return current;
    }

    public Path path() {
        return path;
    }

    /** Reads the file again if it changed since the last call; returns whether the rules in force changed. */
    public synchronized boolean reloadIfChanged() {
        String version;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            version = attributes.lastModifiedTime().toMillis() + "/" + attributes.size();
        } catch (NoSuchFileException e) {
            version = null;
        } catch (IOException e) {
            LOG.error("Cannot read grouping rules file {}; keeping the rules in force: {}", path, e.toString());
            return false;
        }
        if (Objects.equals(version, lastVersion)) {
            return false;
        }
        lastVersion = version;
        if (version == null) {
            LOG.info("No grouping rules file at {}; no grouping rules", path);
            return replace(GroupingRules.NONE);
        }
        try {
            GroupingRules rules = GroupingRulesParser.parse(Files.readString(path, StandardCharsets.UTF_8));
            LOG.info("Loaded {} grouping rules and {} masks from {}", rules.rules().size(), rules.masks().size(), path);
            return replace(rules);
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("Grouping rules file {} refused, keeping the rules in force: {}", path, e.getMessage());
            return false;
        }
    }

    private boolean replace(GroupingRules rules) {
        boolean changed = !rules.equals(current);
        current = rules;
        return changed;
    }
}
