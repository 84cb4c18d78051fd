package io.selfheal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.parse.MultilineAssembler;
import io.selfheal.ingest.parse.ParseResult;
import io.selfheal.ingest.parse.SourceContext;
import io.selfheal.ingest.parse.TextLimits;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The front door of {@code direct:ingest}: turns whatever a source route sends into an {@link IngestBatch}, so a
 * new source needs no Java. Accepted bodies: an {@code IngestBatch} (built-in sources), a {@link LogEvent}, text
 * (one or many lines; multi-line stack traces are assembled), bytes (UTF-8 text), a JSON object
 * ({@link JsonNode} or {@link Map}), or a collection of any of these. Whatever comes out is {@link StorableText}.
 */
public final class IngestNormalizer {
    private final LogParser parser;
    private final ObjectMapper json;
    private final Clock clock;
    private final Level minStored;

    /** @param minStored {@code selfheal.ingest.min-level}: events below it are only counted, see {@link StorableText} */
    public IngestNormalizer(LogParser parser, ObjectMapper json, Clock clock, Level minStored) {
        this.parser = parser;
        this.json = json;
        this.clock = clock;
        this.minStored = minStored;
    }

    /**
     * @param body    the message body
     * @param source  the {@code selfheal.source} header: names the source (null → "route")
     * @param service the {@code selfheal.service} header: service of lines that name none (null → "unknown")
     */
    public IngestBatch normalize(Object body, String source, String service) {
        if (body instanceof IngestBatch batch) {
            return StorableText.batch(batch, clock.instant(), minStored);
        }
        String sourceName = source == null || source.isBlank() ? "route" : source;
        SourceContext context = new SourceContext(sourceName,
                service == null || service.isBlank() ? "unknown" : service, Map.of(), clock.instant());
        List<LogEvent> events = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        MultilineAssembler assembler = new MultilineAssembler();
        add(body, context, assembler, events, deadLetters);
        assembler.flush().ifPresent(record -> collect(parsed(record, context), events, deadLetters));
        return StorableText.batch(new IngestBatch(sourceName, events, deadLetters, null), context.receivedAt(),
                minStored);
    }

    private void add(Object body, SourceContext context, MultilineAssembler assembler,
                     List<LogEvent> events, List<DeadLetter> deadLetters) {
        if (body == null) {
            return;
        }
        if (body instanceof LogEvent event) {
            events.add(event);
        } else if (body instanceof CharSequence text) {
            for (String line : text.toString().split("\r?\n", -1)) {
                for (String record : assembler.offer(line)) {
                    collect(parsed(record, context), events, deadLetters);
                }
            }
        } else if (body instanceof byte[] bytes) {
            add(new String(bytes, StandardCharsets.UTF_8), context, assembler, events, deadLetters);
        } else if (body instanceof JsonNode node) {
            collect(IsolatedParse.of(context.source(), node.toString(), () -> parser.fromJson(node, context)),
                    events, deadLetters);
        } else if (body instanceof Map<?, ?> map) {
            add(json.valueToTree(map), context, assembler, events, deadLetters);
        } else if (body instanceof Collection<?> items) {
            for (Object item : items) {
                add(item, context, assembler, events, deadLetters);
            }
        } else {
            String text = String.valueOf(body);
            deadLetters.add(new DeadLetter(context.source(), DeadLetterKind.UNPARSEABLE,
                    "unsupported body type " + body.getClass().getName() + " sent to direct:ingest",
                    TextLimits.cap(text, TextLimits.MAX_RAW_CHARS), TextLimits.utf8Length(text)));
        }
    }

    private ParseResult parsed(String record, SourceContext context) {
        return IsolatedParse.of(context.source(), record, () -> parser.parse(record, context));
    }

    private static void collect(ParseResult result, List<LogEvent> events, List<DeadLetter> deadLetters) {
        if (result instanceof ParseResult.Parsed parsed) {
            events.add(parsed.event());
        } else if (result instanceof ParseResult.Rejected rejected) {
            deadLetters.add(rejected.deadLetter());
        }
    }
}
