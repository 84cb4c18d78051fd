package io.selfheal.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The API's tokens. The operator token allows everything; the read token allows reads; the ingest token allows
 * pushing logs. With no operator token configured, operations are refused (safe default); with no read or ingest
 * token, reads or pushes are open. A token comes as {@code Authorization: Bearer <token>} or as the password of HTTP
 * Basic (what Promtail, Grafana Alloy and Hawtio's connections send). Tokens are compared in constant time (digests
 * of equal length, {@link MessageDigest#isEqual}) and never logged.
 */
public final class ApiAuth {
    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";
    private final byte[] operatorDigest;
    private final byte[] readDigest;
    private final byte[] ingestDigest;

    public ApiAuth(String operatorToken, String readToken, String ingestToken) {
        this.operatorDigest = digestOf(operatorToken);
        this.readDigest = digestOf(readToken);
        this.ingestDigest = digestOf(ingestToken);
    }

    /** @param authorization the request's {@code Authorization} header, or null */
    public boolean allows(AccessLevel level, String authorization) {
        return switch (level) {
            case OPEN -> true;
            case INGEST -> ingestDigest == null || matches(authorization, ingestDigest);
            case READ -> readDigest == null || matches(authorization, readDigest) || matches(authorization, operatorDigest);
            case OPERATE -> matches(authorization, operatorDigest);
        };
    }

    /** Why a request of this level was refused, for the log (never for the client). */
    public String refusal(AccessLevel level) {
        return switch (level) {
            case OPERATE -> operatorDigest == null
                    ? "operations are disabled: no operator token is configured (selfheal.api.operator-token)"
                    : "the operator token is required";
            case READ -> "the read or operator token is required";
            case INGEST -> "the ingest token is required";
            case OPEN -> "";
        };
    }

    public boolean hasIngestToken() {
        return ingestDigest != null;
    }

    private static boolean matches(String authorization, byte[] expected) {
        String token = presented(authorization);
        // Compared even when nothing is configured, so the time taken never tells which tokens exist.
        boolean equal = MessageDigest.isEqual(digest(token == null ? "" : token), expected == null ? new byte[32] : expected);
        return token != null && expected != null && equal;
    }

    /** The token of a Bearer header, or the password of a Basic one. */
    private static String presented(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        if (authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? null : pair.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static byte[] digestOf(String token) {
        return token == null || token.isBlank() ? null : digest(token.strip());
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
