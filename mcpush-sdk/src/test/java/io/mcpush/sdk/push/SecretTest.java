package io.mcpush.sdk.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void aLongSecretIsMaskedWhereverItAppears() {
        Secret s = new Secret("hunter2-long");
        assertThat(s.redact("auth failed for pwdhunter2-longx and 'hunter2-long'"))
                .isEqualTo("auth failed for pwd****x and '****'");
        assertThat(s.toString()).isEqualTo("****");
    }

    @Test
    void aShortSecretIsMaskedAsATokenButNotInsideWords() {
        Secret s = new Secret("x");
        assertThat(s.redact("ConnectException: password=x; user x refused (x)"))
                .isEqualTo("ConnectException: password=****; user **** refused (****)");
        assertThat(s.redact("x")).isEqualTo("****");
        assertThat(s.redact("xx x")).isEqualTo("xx ****");
        assertThat(new Secret("ab1").redact("ab1ab1 ab1")).isEqualTo("ab1ab1 ****");
        assertThat(s.redact(null)).isNull();
    }
}
