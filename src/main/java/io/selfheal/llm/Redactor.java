package io.selfheal.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets and personal data from text before it may leave Selfheal for an LLM. Pure Java and table-driven:
 * each {@link RedactionRule} is a regular expression (plus a checksum or shape check where lookalikes are common), run
 * in table order so that a broad rule never sees what a precise one already replaced.
 *
 * <p>Hostnames, exception and class names, ordinary ids and numbers are left alone: they are what makes a diagnosis
 * possible. Use {@link #session()} once per prompt so placeholders stay consistent within it.
 */
public final class Redactor {
    private static final String SECRET = "SECRET";
    /** Characters a token value cannot contain (delimiters in logs, JSON, URLs and connection strings). */
    private static final String VALUE = "[^\\s\"'&;,)}{<>\\]\\[]+";
    private static final Set<Character> CARD_PREFIXES = Set.of('2', '3', '4', '5', '6');
    private static final String USER = "USER";
    /** Yes/no values: "using password: YES" says whether there is one, not what it is. */
    private static final Set<String> FLAGS = Set.of("true", "false", "yes", "no", "on", "off");
    /** Java's Object.toString ({@code android.os.BinderProxy@2bd79ce}): a token object printed, not its secret. */
    private static final Pattern OBJECT_STRING = Pattern.compile("[\\w.$]+@[0-9a-f]{4,16}");
    /** A user or account name as logs print it bare: letters, digits and the punctuation of logins and handles. */
    private static final String NAME = "[\\p{L}\\p{N}._@+-]{1,64}";
    /** Characters that end a bare token (whitespace and the delimiters of logs, JSON, URLs, key=value pairs). */
    private static final String TOKEN_END = "\\s\"'`,;()\\[\\]{}<>=&|";

    private final List<RedactionRule> rules;

    public Redactor(RedactionSettings settings) {
        List<RedactionRule> table = new ArrayList<>(builtInSecrets());
        table.addAll(personalData());
        table.add(passwordShaped());
        if (settings.ipAddresses()) {
            table.add(RedactionRule.of("ip_address", "IP", ".",
                    "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?![\\d.])"));
        }
        for (Pattern extra : settings.extraPatterns()) {
            table.add(new RedactionRule("custom", "CUSTOM", null, extra, new int[0], value -> true, match -> true));
        }
        this.rules = List.copyOf(table);
    }

    /** A fresh placeholder mapping for one prompt. */
    public Redaction session() {
        return new Redaction(rules);
    }

    private static List<RedactionRule> builtInSecrets() {
        return List.of(
                // Whole PEM blocks; a block cut off by a log line limit still goes up to the end of its base64 body.
                RedactionRule.of("private_key", SECRET, "PRIVATE KEY",
                        "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----(?:[\\s\\S]*?-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|[A-Za-z0-9+/=\\s\\\\]*)"),
                RedactionRule.of("jwt", SECRET, "eyJ",
                        "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
                // scheme://user:password@host — the host stays, it is usually the clue.
                RedactionRule.of("url_password", SECRET, "://",
                        "\\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\\s:/@'\"<>]*:([^\\s@/'\"<>]+)@", 1),
                RedactionRule.of("authorization_header", SECRET, null,
                        "(?i)\\b(?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?(?:(?:basic|bearer|token|digest|apikey|negotiate)\\s+)?(" + VALUE + ")", 1),
                RedactionRule.of("bearer_token", SECRET, null, "(?i)\\bbearer\\s+([A-Za-z0-9._~+/=-]{8,})", 1)
                        .accepting(Redactor::looksGenerated),
                RedactionRule.of("openai_key", SECRET, "sk-", "\\bsk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}"),
                RedactionRule.of("github_token", SECRET, null,
                        "\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
                RedactionRule.of("slack_token", SECRET, "xox", "\\bxox[abposre]-[A-Za-z0-9-]{10,}"),
                RedactionRule.of("slack_webhook", SECRET, "hooks.slack.com",
                        "https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_-]+"),
                RedactionRule.of("stripe_key", SECRET, "_", "\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}|\\bwhsec_[A-Za-z0-9]{16,}"),
                RedactionRule.of("google_api_key", SECRET, "AIza", "\\bAIza[0-9A-Za-z_-]{35}"),
                RedactionRule.of("aws_access_key", SECRET, null,
                        "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\\b"),
                // key=value, key: value, "key":"value" for any key that names a credential (db.password, X-Api-Key,
                // client_secret, AccountKey in Azure connection strings, Pwd in ADO.NET ones...); a value followed by
                // a brace is an object printed (token=Token{...}), not a credential.
                RedactionRule.of("secret_assignment", SECRET, null,
                        "(?i)(?<![\\w-])[\\w.-]*?(?:password|passwd|passwort|pwd|passphrase|secret|token|api[_-]?key|"
                                + "access[_-]?key|private[_-]?key|account[_-]?key|shared[_-]?access[_-]?key|"
                                + "credentials?|auth[_-]?key|session[_-]?id|cookie)(?![\\w-])[\"']?\\s*[:=]\\s*"
                                + "(?:\"([^\"\\n]{1,256})\"|'([^'\\n]{1,256})'|(" + VALUE + "+)(?!\\s*\\{))", 1, 2, 3)
                        .accepting(value -> !isTrivial(value) && !OBJECT_STRING.matcher(value).matches()),
                // A bare AWS secret access key: 40 base64 characters, random-looking (git SHAs are hex only, paths read as words).
                RedactionRule.of("aws_secret_key", SECRET, null, "(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
                        .accepting(PasswordShape::matches));
    }

    private static List<RedactionRule> personalData() {
        return List.of(
                RedactionRule.of("email", "EMAIL", "@",
                        "(?<![A-Za-z0-9._%+/-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
                // key=value, key: value, "key":"value" for any key that names a person or an account (IdentityKey).
                RedactionRule.of("user_assignment", USER, null,
                        "(?<![\\w.-])([A-Za-z][\\w.-]{0,63})[\"']?(?:=|\\s*:\\s*|\\s+=\\s+)"
                                + "(?:\"([^\"\\n]{1,256})\"|'([^'\\n]{1,256})'|(" + VALUE + "))", 2, 3, 4)
                        .when(match -> IdentityKey.names(match.group(1)))
                        .accepting(Redactor::isPersonalValue),
                // user 'alice', account "acme-corp": a quoted name right after the noun.
                RedactionRule.of("user_in_message", USER, null,
                        "(?i)\\b(?:user|username|login|account|customer|member|principal)(?:\\s*name)?\\s+([\"'])([^\"'\\n<>]{1,64})\\1", 2)
                        .accepting(value -> !isTrivial(value)),
                // for user alice, Invalid user admin from…: a bare name where the sentence names someone and the
                // clause ends after it (so "for user session expired" keeps its words).
                RedactionRule.of("user_in_message", USER, null,
                        "(?i)\\b(?:for|by|of|invalid|illegal|unknown|no such|locked|disabled|deleted|new|existing)\\s+"
                                + "(?:user|login|account|customer|member|principal)\\s+(" + NAME + ")"
                                + "(?=\\s*$|\\s*\\R|[,;:!?)\\]]|\\.(?:\\s|$)|\\s+[\\[(]|\\s+(?:from|on|at|by|via|with|in|to|has|is|was"
                                + "|does|did|not|failed|logged|authenticated)\\b)", 1)
                        .accepting(value -> !isTrivial(value)),
                // sshd: "Failed password for root from", "Accepted publickey for deploy from" (RFC 4252 method names).
                RedactionRule.of("user_in_message", USER, " for ",
                        "(?i)\\b(?:password|publickey|keyboard-interactive(?:/pam)?|hostbased|gssapi-with-mic|none)\\s+for\\s+"
                                + "(?:invalid\\s+user\\s+)?(" + NAME + ")\\s+from\\b", 1),
                RedactionRule.of("iban", "IBAN", null, "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b")
                        .accepting(Checksums::iban),
                // A card number stands alone: not glued to an id (blk_-…, a decimal) nor inside longer digit groups (an IBAN).
                RedactionRule.of("card_number", "CARD", null, "(?<![\\w.-])(?<!\\d[ -])(?:\\d[ -]?){12,18}\\d(?![\\w.-])")
                        .accepting(Redactor::isCardNumber),
                RedactionRule.of("phone", "PHONE", null,
                        "(?i)\\b(?:phone|mobile|tel|telephone|msisdn|cell|fax)[\\w-]*[\"']?\\s*[:=]\\s*[\"']?(\\+?\\d[\\d ().-]{5,18}\\d)", 1),
                RedactionRule.of("phone", "PHONE", "+", "(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?)(?:[ .-]?\\d{2,4}){2,5}(?![\\w])")
                        .accepting(value -> between(Checksums.digitsOnly(value).length(), 8, 15)),
                RedactionRule.of("phone", "PHONE", null, "(?<![\\w.-])(?:\\(\\d{3}\\) ?|\\d{3}[.-])\\d{3}[.-]\\d{4}(?![\\w.-])"),
                RedactionRule.of("phone", "PHONE", null, "(?<![\\w.-])0\\d(?:[ .]\\d{2}){4}(?![\\w.-])"));
    }

    /** Any bare token shaped like a password or a generated secret, with or without a key (PasswordShape). */
    private static RedactionRule passwordShaped() {
        return RedactionRule.of("password_shape", SECRET, null, "(?<![^" + TOKEN_END + "])[^" + TOKEN_END + "]{"
                        + PasswordShape.MIN_LENGTH + "," + PasswordShape.MAX_LENGTH + "}(?![^" + TOKEN_END + "])")
                .accepting(PasswordShape::matches);
    }

    /** A user value that singles someone out: not empty or a placeholder, and not a small system id (user=0, uid 1000). */
    private static boolean isPersonalValue(String value) {
        return !isTrivial(value) && !value.matches("\\d{1,4}");
    }

    /** Opaque tokens carry digits or are long; "Bearer authentication failed" must survive. */
    private static boolean looksGenerated(String value) {
        return value.chars().anyMatch(Character::isDigit) || value.length() >= 24;
    }

    private static boolean isTrivial(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        return v.isEmpty() || v.equals("-") || v.equals("null") || v.equals("none") || FLAGS.contains(v)
                || v.equals("redacted") || v.equals("[redacted]") || v.chars().allMatch(c -> c == '*' || c == 'x');
    }

    private static boolean isCardNumber(String value) {
        String digits = Checksums.digitsOnly(value);
        return between(digits.length(), 13, 19) && CARD_PREFIXES.contains(digits.charAt(0)) && Checksums.luhn(digits);
    }

    private static boolean between(int n, int min, int max) {
        return n >= min && n <= max;
    }
}
