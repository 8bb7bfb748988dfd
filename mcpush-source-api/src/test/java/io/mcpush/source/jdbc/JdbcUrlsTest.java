package io.mcpush.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
    @Test
    void identityDropsParametersUserInformationAndCredentials() {
        assertThat(JdbcUrls.identity("jdbc:postgresql://db.example:5432/shop?user=a&password=s3cr3t&ssl=true"))
                .isEqualTo("jdbc:postgresql://db.example:5432/shop");
        assertThat(JdbcUrls.identity("jdbc:mysql://bob:s3cr3t@db:3306/shop")).isEqualTo("jdbc:mysql://db:3306/shop");
        assertThat(JdbcUrls.identity("jdbc:sqlserver://db:1433;databaseName=shop;password=s3cr3t"))
                .isEqualTo("jdbc:sqlserver://db:1433;databaseName=shop");
        assertThat(JdbcUrls.identity("jdbc:duckdb:/data/shop.duckdb")).isEqualTo("jdbc:duckdb:/data/shop.duckdb");
    }

    @Test
    void redactedKeepsTheShapeButNotTheSecret() {
        assertThat(JdbcUrls.redacted("jdbc:postgresql://u:s3cr3t@db/shop?ssl=true&password=s3cr3t"))
                .isEqualTo("jdbc:postgresql://db/shop?ssl=true&password=****");
    }

    @Test
    void hostAndDatabaseComeFromHierarchicalUrls() {
        assertThat(JdbcUrls.host("jdbc:postgresql://db.example:5432/shop?x=1")).isEqualTo("db.example:5432");
        assertThat(JdbcUrls.database("jdbc:postgresql://db.example:5432/shop?x=1")).isEqualTo("shop");
        assertThat(JdbcUrls.host("jdbc:h2:/tmp/x")).isEqualTo("localhost");
    }
}
