package io.mcpush.source.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.source.CollectionReport;
import io.mcpush.source.Source;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IAM path runs through the real driver and AWS SDK as far as it can without AWS: the SDK
 * classes the driver needs are on the class path (a missing one would be a NoClassDefFoundError),
 * and credentials that cannot be had become one connection error naming host and database.
 */
class RedshiftIamTest {
    @Test
    void anIamUrlWithAProfileWithoutCredentialsIsAConnectionError(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[profile other]\nregion = us-east-1\n");
        Path credentials = Files.writeString(dir.resolve("credentials"), "[other]\naws_access_key_id = AKIAEXAMPLE\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        String oldConfig = System.setProperty("aws.configFile", config.toString());
        String oldCredentials = System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try (Source s = new RedshiftSourceFactory().create(SourceOptions.of("redshift", Map.of(
                "jdbc-url", "jdbc:redshift:iam://examplecluster.abc123xyz789.us-east-1.redshift.amazonaws.com:5439/dev",
                "user", "mcpush", "aws-profile", "mcpush-missing-profile")))) {
            assertThatThrownBy(() -> s.metadata(new CollectionReport()).next())
                    .isInstanceOf(SourceConnectionException.class)
                    .hasMessageStartingWith("cannot connect to database dev on examplecluster.abc123xyz789.us-east-1"
                            + ".redshift.amazonaws.com:5439: ")
                    .satisfies(e -> System.out.println("IAM error as users see it: " + e.getMessage()))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("wJalrXUtnFEMI"));
        } finally {
            restore("aws.configFile", oldConfig);
            restore("aws.sharedCredentialsFile", oldCredentials);
        }
    }

    @Test
    void serverlessIamIsRefusedUpFrontWhileTheSdkModuleIsMissing() {
        assertThat(RedshiftConfig.onClassPath("software.amazon.awssdk.services.redshift.RedshiftClient")).isTrue();
        assertThat(RedshiftConfig.onClassPath("software.amazon.awssdk.services.sts.StsClient")).isTrue();
        assertThat(RedshiftConfig.onClassPath(RedshiftConfig.SERVERLESS_CLIENT)).isFalse();
        assertThatThrownBy(() -> new RedshiftSourceFactory().create(SourceOptions.of("redshift", Map.of("jdbc-url",
                "jdbc:redshift:iam://default-wg.123456789012.us-east-1.redshift-serverless.amazonaws.com:5439/dev"))))
                .isInstanceOf(io.mcpush.source.SourceConfigException.class).hasMessageContaining("Serverless");
    }

    private static void restore(String key, String old) {
        if (old == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, old);
        }
    }
}
