package io.selfheal.heal.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Keeps credentials out of the audit trail: secret header and JSON field values, and secret URLs' paths. */
public final class SecretMasker {
    public static final String MASK = "***";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretMasker() {
    }

    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("-", "_");
        return n.equals("authorization") || n.contains("token") || n.contains("secret") || n.contains("password")
                || n.contains("routing_key") || n.contains("api_key") || n.contains("apikey");
    }

    /** {@code https://hooks.slack.com/services/T0/B0/xyz} becomes {@code https://hooks.slack.com/***}. */
    public static String maskUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + MASK;
        } catch (RuntimeException e) {
            return MASK;
        }
    }

    /** The JSON text with the values of secret-named fields masked at any depth; non-JSON text is returned as is. */
    public static String maskJson(String body) {
        if (body == null || body.isBlank()) {
            return body;
        }
        try {
            JsonNode root = JSON.readTree(body);
            mask(root);
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            return body;
        }
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (isSecretName(field.getKey()) && field.getValue().isValueNode()) {
                    field.setValue(object.textNode(MASK));
                } else {
                    mask(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(SecretMasker::mask);
        }
    }
}
