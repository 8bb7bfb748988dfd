package io.mcpush.sdk.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatewayAnswerTest {
    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyASuccessWithAStringInvocationIdTookTheRequest() {
        assertThat(GatewayAnswer.invocationId(202, json("{\"invocation_id\": \"abc\"}"))).isEqualTo("abc");
        assertThat(GatewayAnswer.accepted(200, json("{\"invocation_id\": \"abc\", \"x\": 1}"))).isTrue();
    }

    @Test
    void aSuccessWithoutAnInvocationIdIsARejection() {
        for (String body : new String[] {"{\"message\": \"accepted\"}", "", "{\"invocation_id\": null}",
                "{\"invocation_id\": 12}", "{\"invocation_id\": \" \"}", "not json", "[]"}) {
            assertThat(GatewayAnswer.accepted(200, json(body))).as(body).isFalse();
            assertThat(GatewayAnswer.rejectedWithoutInvocationId(202, json(body))).as(body).isTrue();
        }
    }

    @Test
    void aFailedStatusIsNeverAcceptedEvenWithAnId() {
        assertThat(GatewayAnswer.accepted(500, json("{\"invocation_id\": \"abc\"}"))).isFalse();
        assertThat(GatewayAnswer.rejectedWithoutInvocationId(500, json("{}"))).isFalse();
    }
}
