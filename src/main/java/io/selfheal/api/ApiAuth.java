package io.selfheal.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Bearer tokens of the healing API. The operator token allows everything; the read token allows GETs. With no
 * operator token configured, mutating calls are refused (safe default); with no read token, reads are open.
 * Tokens are compared in constant time (digests of equal length, {@link MessageDigest#isEqual}) and never logged.
 */
public final class ApiAuth {
    private static final String BEARER = "Bearer ";
    private final byte[] operatorDigest;
    private final byte[] readDigest;

    public ApiAuth(String operatorToken, String readToken) {
        this.operatorDigest = operatorToken == null ? null : digest(operatorToken);
        this.readDigest = readToken == null ? null : digest(readToken);
    }

    /** @return the actor recorded in the audit trail */
    public String requireOperator(String authorization) {
        if (operatorDigest == null) {
            throw new UnauthorizedException("mutating calls are disabled: no operator token is configured (selfheal.api.operator-token)");
        }
        if (!matches(authorization, operatorDigest)) {
            throw new UnauthorizedException("a valid operator bearer token is required");
        }
        return "operator";
    }

    public void requireReader(String authorization) {
        if (readDigest == null) {
            return;
        }
        if (!matches(authorization, readDigest) && (operatorDigest == null || !matches(authorization, operatorDigest))) {
            throw new UnauthorizedException("a valid read or operator bearer token is required");
        }
    }

    private static boolean matches(String authorization, byte[] expected) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest(authorization.substring(BEARER.length()).trim()), expected);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
