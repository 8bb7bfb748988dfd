package io.mcpush.sdk.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The one decision whether the gateway took a request: only a 2xx whose JSON body carries a
 * string {@code invocation_id}. A 2xx without one (for example {@code 200 {"message": "accepted"}})
 * means the batch was not taken (push-api spec, section 10: "no 202 / no invocation id: gateway
 * rejected it"); it is never recorded as acknowledged, never resumed from the ledger, and never
 * lets a watermark or log position advance. {@code push}, {@code run} and {@code doctor} all
 * decide through here. Stateless.
 */
public final class GatewayAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayAnswer() {
    }

    /** The invocation id when the answer took the request, else null. */
    public static String invocationId(int status, byte[] body) {
        if (status < 200 || status >= 300 || body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode id = node == null ? null : node.get("invocation_id");
            return id != null && id.isTextual() && !id.textValue().isBlank() ? id.textValue() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** True when the answer took the request. */
    public static boolean accepted(int status, byte[] body) {
        return invocationId(status, body) != null;
    }

    /** True for a 2xx that did not take the request: no invocation id. */
    public static boolean rejectedWithoutInvocationId(int status, byte[] body) {
        return status >= 200 && status < 300 && invocationId(status, body) == null;
    }
}
