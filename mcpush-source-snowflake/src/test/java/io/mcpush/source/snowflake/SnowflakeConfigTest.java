package io.mcpush.source.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.SourceRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options, URLs and key-pair files: real PEM files written the way openssl pkcs8 -topk8 writes them. */
class SnowflakeConfigTest {
    private static final String PASSPHRASE = "c0rrect-h0rse-battery";
    private static KeyPair keys;

    @TempDir
    static Path dir;
    private static Path plainKey;
    private static Path encryptedKey;

    @BeforeAll
    static void writeKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        plainKey = dir.resolve("rsa_key.p8");
        Files.writeString(plainKey, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        // PBES2 (PBKDF2-HMAC-SHA256 + AES-256-CBC): openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256
        String alg = "PBEWithHmacSHA256AndAES_256";
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(salt);
        new SecureRandom().nextBytes(iv);
        PBEParameterSpec spec = new PBEParameterSpec(salt, 2048, new IvParameterSpec(iv));
        Cipher cipher = Cipher.getInstance(alg);
        cipher.init(Cipher.ENCRYPT_MODE,
                SecretKeyFactory.getInstance(alg).generateSecret(new PBEKeySpec(PASSPHRASE.toCharArray())), spec);
        byte[] encrypted = cipher.doFinal(keys.getPrivate().getEncoded());
        // named PBES2 (its OID), as openssl writes it; the JDK's own name for the scheme has no OID
        AlgorithmParameters params = AlgorithmParameters.getInstance("PBES2");
        params.init(cipher.getParameters().getEncoded());
        encryptedKey = dir.resolve("rsa_key_enc.p8");
        Files.writeString(encryptedKey, pem("ENCRYPTED PRIVATE KEY",
                new EncryptedPrivateKeyInfo(params, encrypted).getEncoded()), StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static SnowflakeConfig config(Map<String, String> values, Map<String, String> env) {
        return SnowflakeConfig.from(new SourceOptions("snowflake", values, env::get));
    }

    private static Map<String, String> options(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void anAccountBecomesTheSnowflakeUrlAndSessionSettingsArePinned() {
        SnowflakeConfig c = config(options("account", "myorg-myaccount", "user", "COLLECTOR", "password-env", "SF_PW",
                "warehouse", "COMPUTE_WH", "role", "\"Collector Role\""), Map.of("SF_PW", "pa55word"));
        assertThat(c.jdbc().url()).isEqualTo("jdbc:snowflake://myorg-myaccount.snowflakecomputing.com/");
        assertThat(c.jdbc().password().reveal()).isEqualTo("pa55word");
        assertThat(c.privateKey()).isNull();
        assertThat(c.jdbc().driverProperties()).containsEntry("warehouse", "COMPUTE_WH")
                .containsEntry("role", "\"Collector Role\"").containsEntry("TIMEZONE", "UTC")
                .containsEntry("JDBC_QUERY_RESULT_FORMAT", "JSON").doesNotContainValue("pa55word");
        assertThat(c.lineageFrom()).isEqualTo(SnowflakeConfig.LineageFrom.AUTO);
        assertThat(c.toString()).doesNotContain("pa55word");
    }

    @Test
    void aFullJdbcUrlIsTakenAsGiven() {
        SnowflakeConfig c = config(options("jdbc-url", "jdbc:snowflake://xy12345.eu-central-1.snowflakecomputing.com/"
                + "?db=SALES", "user", "U", "password-file", write("pw.txt", "s3cret\n").toString()), Map.of());
        assertThat(c.jdbc().url()).endsWith("?db=SALES");
        assertThat(c.jdbc().password().reveal()).isEqualTo("s3cret");
    }

    private static Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void badOptionsNameTheOption() {
        assertConfigError(options("user", "U", "password-env", "P"), "account");
        assertConfigError(options("account", "a", "jdbc-url", "jdbc:snowflake://a/", "user", "U"), "account");
        assertConfigError(options("jdbc-url", "jdbc:postgresql://h/db", "user", "U", "password-env", "P"), "jdbc-url");
        assertConfigError(options("account", "bad account!", "user", "U", "password-env", "P"), "account");
        assertConfigError(options("account", "a", "user", "U"), "private-key-file");
        assertConfigError(options("account", "a", "password-env", "P"), "user");
        assertConfigError(options("account", "a", "user", "U", "password", "hunter2"), "password");
        assertConfigError(options("account", "a", "user", "U", "password-env", "P", "private-key-file",
                plainKey.toString()), "private-key-file");
        assertConfigError(options("account", "a", "user", "U", "password-env", "P", "private-key-passphrase-env", "X"),
                "private-key-passphrase-env");
        assertConfigError(options("account", "a", "user", "U", "password-env", "P", "warehouse", "wh; drop"),
                "warehouse");
        assertConfigError(options("account", "a", "user", "U", "password-env", "P", "lineage-from", "guess"),
                "lineage-from");
    }

    private static void assertConfigError(Map<String, String> values, String option) {
        assertThatThrownBy(() -> config(values, Map.of("P", "pw"))).isInstanceOf(SourceConfigException.class)
                .satisfies(e -> assertThat(((SourceConfigException) e).option()).isEqualTo(option))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anUnencryptedKeyFileIsRead() {
        SnowflakeConfig c = config(options("account", "a", "user", "U", "private-key-file", plainKey.toString()),
                Map.of());
        assertThat(c.privateKey().key().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(c.jdbc().password()).isNull();
        assertThat(c.toString()).doesNotContain(Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded())
                .substring(0, 40)).contains("rsa_key.p8");
    }

    @Test
    void anEncryptedKeyFileIsDecryptedWithThePassphraseFromTheEnvironment() {
        SnowflakeConfig c = config(options("account", "a", "user", "U", "private-key-file", encryptedKey.toString(),
                "private-key-passphrase-env", "SF_KEY_PW"), Map.of("SF_KEY_PW", PASSPHRASE));
        assertThat(c.privateKey().key().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(c.jdbc().driverProperties()).doesNotContainValue(PASSPHRASE);
    }

    @Test
    void keyFileProblemsAreConfigErrorsWithoutTheSecret() {
        Map<String, String> base = options("account", "a", "user", "U", "private-key-file", encryptedKey.toString());
        assertThatThrownBy(() -> config(base, Map.of())).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("is encrypted");
        Map<String, String> wrong = new HashMap<>(base);
        wrong.put("private-key-passphrase-env", "SF_KEY_PW");
        assertThatThrownBy(() -> config(wrong, Map.of("SF_KEY_PW", "not-it"))).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("wrong passphrase").hasMessageNotContaining("not-it");
        assertThatThrownBy(() -> config(wrong, Map.of())).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("SF_KEY_PW").hasMessageContaining("not set");
        Path pkcs1 = write("legacy.pem", "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> config(options("account", "a", "user", "U", "private-key-file", pkcs1.toString()),
                Map.of())).isInstanceOf(SourceConfigException.class).hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> config(options("account", "a", "user", "U", "private-key-file",
                dir.resolve("missing.p8").toString()), Map.of())).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void theFactoryIsRegisteredAndDescribesItself() {
        var f = SourceRegistry.load().get("snowflake");
        assertThat(f).isInstanceOf(SnowflakeSourceFactory.class);
        assertThat(f.defaultLag()).hasMinutes(45);
        assertThat(f.resourceType()).isEqualTo("snowflake");
        assertThat(f.options()).extracting(o -> o.name()).contains("account", "jdbc-url", "user", "password-env",
                "password-file", "private-key-file", "private-key-passphrase-env", "warehouse", "role",
                "include-database", "only-freshness-and-volume", "fetch-size", "lineage-from");
        assertThat(f.grants()).anyMatch(g -> g.contains("IMPORTED PRIVILEGES on the shared database SNOWFLAKE"));
        assertThat(f.notes()).anyMatch(n -> n.contains("Enterprise edition"));
        assertThatThrownBy(() -> f.create(SourceOptions.of("snowflake", Map.of("account", "a", "colour", "red"))))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("--colour");
    }
}
