package io.selfheal.fingerprint;

import io.selfheal.fingerprint.stack.ExceptionInfo;
import io.selfheal.fingerprint.stack.ParsedStack;
import io.selfheal.fingerprint.stack.StackTraceParser;
import io.selfheal.ingest.LogEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static io.selfheal.fingerprint.ErrorType.AUTH;
import static io.selfheal.fingerprint.ErrorType.CONFIGURATION;
import static io.selfheal.fingerprint.ErrorType.DATABASE;
import static io.selfheal.fingerprint.ErrorType.DEPENDENCY;
import static io.selfheal.fingerprint.ErrorType.HTTP_5XX;
import static io.selfheal.fingerprint.ErrorType.NETWORK;
import static io.selfheal.fingerprint.ErrorType.NULL_REFERENCE;
import static io.selfheal.fingerprint.ErrorType.RESOURCE;

/**
 * Assigns an {@link ErrorType} from the exceptions of a stack trace and the log message.
 *
 * <p>Texts are tried root cause first, then each wrapper outwards, then the raw trace when it could not be parsed,
 * then the message; the first text that any rule matches decides, and within a text the first matching rule of
 * the table ({@link #DEFAULT_RULES} unless given) wins. Root causes thus beat wrappers, with one exception: a network failure wrapped in a database
 * exception is a database outage ({@code PSQLException} caused by {@code ConnectException}), since it is the database
 * that is unreachable and database remedies (pool, failover) apply.
 */
public final class ErrorClassifier {

    /**
     * Ordered: exception types of a category come before message phrases that another category could share, e.g.
     * "Too many open files" in a {@code SocketException} is RESOURCE, and a {@code PSQLException} about failed
     * authentication is DATABASE.
     */
    public static final List<ErrorRule> DEFAULT_RULES = List.of(
            ErrorRule.of(DATABASE, "\\b(?:\\w*SQL\\w*Exception|DataAccess\\w*Exception|JDBCException|PersistenceException"
                    + "|CannotAcquireLockException|LockAcquisitionException|Npgsql\\w*|Mongo\\w*(?:Exception|Error)"
                    + "|QueryFailedError|Sequelize\\w*Error)\\b"),
            ErrorRule.of(DATABASE, "\\b(?:psycopg2?|sqlalchemy|pymysql|pymongo|asyncpg|MySQLdb|sqlite3)\\.|\\bpq: "
                    + "|deadlock detected|Deadlock found|was deadlocked|Lock wait timeout exceeded"),
            ErrorRule.of(RESOURCE, "OutOfMemoryError|StackOverflowError|\\bMemoryError\\b|Too many open files|EMFILE"
                    + "|No space left on device|ENOSPC|Cannot allocate memory|heap out of memory|pool \\w* ?exhausted"
                    + "|exhausted \\w* ?pool|RejectedExecutionException|InsufficientExecutionStackException"),
            ErrorRule.of(NULL_REFERENCE, "NullPointerException|NullReferenceException|ArgumentNullException"
                    + "|'NoneType' object|Cannot read propert(?:y|ies) of (?:undefined|null)|(?:undefined|null) is not an object"
                    + "|nil pointer dereference"),
            ErrorRule.of(DEPENDENCY, "ClassNotFoundException|NoClassDefFoundError|NoSuchMethodError|NoSuchFieldError"
                    + "|AbstractMethodError|IncompatibleClassChangeError|UnsatisfiedLinkError|ModuleNotFoundError"
                    + "|\\bImportError\\b|Cannot find module|ERR_MODULE_NOT_FOUND|Could not load file or assembly"
                    + "|TypeLoadException|MissingMethodException|CallNotPermittedException|BrokenCircuitException"
                    + "|circuit ?breaker\\b.{0,40}\\bopen\\b|(?:dependency|upstream|downstream)\\b.{0,60}\\b(?:down|unavailable|unreachable)"),
            ErrorRule.of(AUTH, "AccessDenied\\w*|Authentication\\w*(?:Exception|Error)|BadCredentials\\w*|Authorization\\w*Exception"
                    + "|UnauthorizedAccessException|InvalidToken\\w*|\\w*Jwt\\w*Exception|TokenExpired\\w*"
                    + "|(?:HTTP|status|code)\\D{0,12}\\b40[13]\\b|\\b40[13] (?:Unauthorized|Forbidden)|\\bUnauthorized\\b|\\bForbidden\\b"
                    + "|invalid[_ ]token|token (?:has )?expired|permission denied|access denied|not authorized|EACCES"),
            ErrorRule.of(CONFIGURATION, "BeanCreationException|BeanDefinition\\w*Exception|UnsatisfiedDependencyException"
                    + "|\\w*Config\\w*Exception|ImproperlyConfigured|Could not resolve placeholder|Failed to bind properties"
                    + "|missing (?:required )?(?:property|configuration|config|setting)|(?:property|setting) '[^']+' (?:is )?(?:not set|missing)"
                    + "|(?:environment variable|env var)\\S*\\s+\\S+\\s+(?:is )?not set|is not set in the environment"
                    + "|No such file or directory\\W+\\S*\\.(?:ya?ml|properties|toml|ini|conf|env)\\b"
                    + "|\\S+\\.(?:ya?ml|properties|toml|ini|conf)\\W*\\(?No such file|KeyError: '[A-Z][A-Z0-9_]+'"
                    + "|IllegalArgumentException\\b.*\\b(?:config|property|setting)|Application run failed|Error starting ApplicationContext"),
            ErrorRule.of(NETWORK, "SocketTimeoutException|ConnectException|UnknownHostException|NoRouteToHostException"
                    + "|HttpTimeoutException|HttpConnectTimeoutException|\\bSocketException|SSLHandshakeException|ReadTimeoutException"
                    + "|ConnectTimeoutException|ClosedChannelException|ECONNREFUSED|ETIMEDOUT|ECONNRESET"
                    + "|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|requests\\.exceptions\\.(?:ConnectionError|\\w*Timeout)|urllib3\\.exceptions"
                    + "|ConnectionRefusedError|ConnectionResetError|socket\\.timeout|context deadline exceeded|i/o timeout|\\bdial tcp\\b"
                    + "|connection reset|connection refused|broken pipe|Temporary failure in name resolution|no such host"),
            ErrorRule.of(HTTP_5XX, "(?:HTTP|status|code)\\D{0,12}\\b5\\d\\d\\b|HTTP/\\d(?:\\.\\d)? 5\\d\\d\\b|\\b5\\d\\d (?:Internal Server Error|Bad Gateway"
                    + "|Service Unavailable|Gateway Time-?out)|Internal Server Error|Bad Gateway|Service Unavailable"
                    + "|Gateway Time-?out|HttpServerErrorException"),
            // Last: a bare timeout is most often a slow or unreachable peer, unless a rule above named the cause.
            ErrorRule.of(NETWORK, "\\w*TimeoutException|\\bTimeoutError\\b|\\btimed? ?out\\b|\\btimeout\\b"));

    /** Exception texts remembered; past this the memo starts over (a crude bound that needs no eviction order). */
    private static final int MAX_REMEMBERED = 4096;
    /** Longer exception texts are not remembered, so the memo's size stays bounded whatever the input. */
    private static final int MAX_REMEMBERED_CHARS = 512;

    private final StackTraceParser parser;
    private final List<ErrorRule> rules;
    /**
     * Type of each exception text ("type: value") seen in a trace. The rules are case-insensitive regexes scanned in
     * turn and were the largest cost of ingesting errors (a quarter of the Kafka pipeline's CPU in the benchmark);
     * the same exceptions recur in bursts, so most traces are classified from here. Messages are not remembered:
     * they usually carry ids and would only churn the memo.
     */
    private final Map<String, Optional<ErrorType>> exceptionTypes = new ConcurrentHashMap<>();

    public ErrorClassifier() {
        this(new StackTraceParser(), DEFAULT_RULES);
    }

    /** @param rules the ordered table; to extend the defaults, concatenate own rules before or after them */
    public ErrorClassifier(StackTraceParser parser, List<ErrorRule> rules) {
        this.parser = parser;
        this.rules = List.copyOf(rules);
    }

    public ErrorType classify(LogEvent event) {
        return classify(event.message(), event.stackTrace());
    }

    public ErrorType classify(String message, String stackTrace) {
        Optional<ParsedStack> stack = parser.parse(stackTrace);
        if (stack.isPresent()) {
            return classifyParsed(message, stack.get());
        }
        List<String> texts = new ArrayList<>();
        if (stackTrace != null) {
            texts.add(stackTrace);
        }
        if (message != null) {
            texts.add(message);
        }
        return texts.stream().map(this::typeOf).flatMap(Optional::stream).findFirst().orElse(ErrorType.UNKNOWN);
    }

    /** For callers that already parsed the trace (to group it), so it is not parsed twice. */
    public ErrorType classifyParsed(String message, ParsedStack stack) {
        List<String> texts = rootCauseFirst(stack);
        int chainSize = texts.size();
        if (message != null) {
            texts.add(message);
        }
        for (int i = 0; i < texts.size(); i++) {
            Optional<ErrorType> type = i < chainSize ? exceptionTypeOf(texts.get(i)) : typeOf(texts.get(i));
            if (type.isPresent()) {
                boolean wrappedInDatabase = type.get() == NETWORK && i < chainSize
                        && texts.subList(i + 1, chainSize).stream()
                        .anyMatch(outer -> exceptionTypeOf(outer).orElse(null) == DATABASE);
                return wrappedInDatabase ? DATABASE : type.get();
            }
        }
        return ErrorType.UNKNOWN;
    }

    private static List<String> rootCauseFirst(ParsedStack stack) {
        List<String> texts = new ArrayList<>();
        for (ExceptionInfo exception : stack.chain()) {
            texts.add(0, exception.type() + ": " + exception.value());
        }
        return texts;
    }

    private Optional<ErrorType> exceptionTypeOf(String text) {
        Optional<ErrorType> known = exceptionTypes.get(text);
        if (known != null) {
            return known;
        }
        Optional<ErrorType> type = typeOf(text);
        if (text.length() > MAX_REMEMBERED_CHARS) {
            return type;
        }
        if (exceptionTypes.size() >= MAX_REMEMBERED) {
            exceptionTypes.clear();
        }
        exceptionTypes.put(text, type);
        return type;
    }

    /** Rules see a {@link RegexView} of the text, so a giant word or line costs no more than a short one. */
    private Optional<ErrorType> typeOf(String text) {
        String view = RegexView.of(text);
        return rules.stream().filter(rule -> rule.matches(view)).map(ErrorRule::type).findFirst();
    }
}
