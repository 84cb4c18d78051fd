/**
 * PostgreSQL persistence of Selfheal, in plain JDBC.
 *
 * <pre>{@code
 * Database db = Database.start(DatabaseSettings.embedded(DatabaseSettings.DEFAULT_EMBEDDED_DATA_DIR)); // migrated
 * EventStore events = new EventStore(db.dataSource());
 * StoreResult r = events.store(groupedEvents, deadLetters, new SourceCheckpoint("file:app.log", "offset=42"));
 * Optional<String> resumeAt = new CheckpointStore(db.dataSource()).load("file:app.log");
 * }</pre>
 *
 * The schema lives in the top-level {@code sql/} directory (Flyway, shipped as {@code classpath:db/migration}).
 * Read models: view {@code healing_overview}, view {@code recent_healing_activity}, function
 * {@code get_healing_stats()}; retention: function {@code cleanup_old_healing_data(interval)}.
 */
package io.selfheal.store;
