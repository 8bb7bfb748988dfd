package io.mcpush.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A small DuckDB file with awkward names, made for the source tests. */
final class ShopWarehouse {
    /** Every relation the file holds, as {@code schema.name} (names unquoted). */
    static final List<String> RELATIONS = List.of("main.orders", "main.customers", "main.order totals",
            "staging.Stg \"Orders\"", "staging.select", "staging.v.dotted");

    private ShopWarehouse() {
    }

    static Path create(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INTEGER, customer_id INTEGER, amount DECIMAL(10,2))");
            s.execute("INSERT INTO orders VALUES (1, 1, 9.50), (2, 1, 20), (3, 2, 5)");
            s.execute("CREATE TABLE customers (id INTEGER, name VARCHAR)");
            s.execute("INSERT INTO customers VALUES (1, 'ann'), (2, 'bob')");
            s.execute("COMMENT ON TABLE orders IS 'one row per order'");
            s.execute("CREATE VIEW \"order totals\" AS SELECT customer_id, sum(amount) AS total FROM orders GROUP BY 1");
            s.execute("CREATE SCHEMA staging");
            s.execute("CREATE TABLE staging.\"Stg \"\"Orders\"\"\" (\"Id\" INTEGER, \"ünï code\" VARCHAR)");
            s.execute("CREATE TABLE staging.\"select\" (\"from\" INTEGER)");
            s.execute("CREATE VIEW staging.\"v.dotted\" AS SELECT * FROM staging.\"select\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test warehouse: " + e.getMessage(), e);
        }
        return file;
    }
}
