package io.mcpush.cli;

import io.mcpush.sdk.model.QueryLogEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's warehouse: an embedded DuckDB file modelled on a small shop — raw tables, staging
 * views, and marts built with CTAS, INSERT … SELECT and MERGE — filled with a few thousand rows.
 * DuckDB keeps no query history, so every statement the demo runs is recorded here as the query
 * history a warehouse would have logged.
 */
final class DemoWarehouse {
    static final String USER = "demo_etl";

    /** The transformations, in order. Plain DuckDB SQL; every name is a constant of this class. */
    private static final List<String> STATEMENTS = List.of(
            "create schema if not exists raw",
            "create schema if not exists staging",
            "create schema if not exists mart",
            "create or replace table shop.raw.customers as select range + 1 as id, "
                    + "['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald'][range % 6 + 1] as first_name, "
                    + "['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth'][(range // 6) % 6 + 1] as last_name, "
                    + "['DE', 'FR', 'US', 'JP', 'BR'][range % 5 + 1] as country from range(500)",
            "comment on table shop.raw.customers is 'customer master data from the shop database'",
            "create or replace table shop.raw.orders as select range + 1 as id, (range * 7) % 500 + 1 as customer_id, "
                    + "['OPEN', 'SHIPPED', 'SHIPPED', 'CANCELLED'][range % 4 + 1] as status, "
                    + "round((range * 37) % 20000 / 100.0, 2)::decimal(12, 2) as total, "
                    + "timestamp '2026-11-01 00:00:00' + to_minutes(range * 7) as created_at from range(3000)",
            "comment on column shop.raw.orders.total is 'gross amount'",
            "create or replace table shop.raw.payments as select range + 1 as id, range + 1 as order_id, "
                    + "['card', 'invoice', 'wallet'][range % 3 + 1] as method from range(2500)",
            "create or replace view shop.staging.stg_orders as select id as order_id, customer_id, status, total, "
                    + "cast(created_at as date) as order_date from shop.raw.orders where status <> 'CANCELLED'",
            "create or replace view shop.staging.stg_customers as select id as customer_id, "
                    + "first_name || ' ' || last_name as customer_name, country from shop.raw.customers",
            "create or replace table shop.mart.customer_orders as select o.order_id, c.customer_name, c.country, o.total, "
                    + "o.order_date, p.method as payment_method from shop.staging.stg_orders o "
                    + "join shop.staging.stg_customers c on c.customer_id = o.customer_id "
                    + "left join shop.raw.payments p on p.order_id = o.order_id",
            "create or replace table shop.mart.daily_revenue (day date, country varchar, revenue decimal(14, 2))",
            "insert into shop.mart.daily_revenue select order_date, country, sum(total) from shop.mart.customer_orders "
                    + "group by order_date, country",
            "create or replace table shop.mart.customer_ltv (customer_id bigint, lifetime_value decimal(14, 2), orders bigint)",
            "merge into shop.mart.customer_ltv t using (select customer_id, sum(total) as lifetime_value, count(*) as orders "
                    + "from shop.staging.stg_orders group by customer_id) s on t.customer_id = s.customer_id "
                    + "when matched then update set lifetime_value = s.lifetime_value, orders = s.orders "
                    + "when not matched then insert (customer_id, lifetime_value, orders) "
                    + "values (s.customer_id, s.lifetime_value, s.orders)",
            "select country, sum(revenue) from shop.mart.daily_revenue group by country order by 2 desc",
            "select count(*) from shop.mart.customer_ltv where lifetime_value > 1000");

    private DemoWarehouse() {
    }

    /** Builds the warehouse in {@code file} and returns the recorded query history. */
    static List<QueryLogEntry> build(Path file) throws SQLException {
        List<QueryLogEntry> history = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
                Statement s = c.createStatement()) {
            int n = 0;
            for (String sql : STATEMENTS) {
                Instant start = Instant.now();
                boolean result = s.execute(sql);
                long rows = result ? drain(s) : Math.max(0, s.getUpdateCount());
                Instant end = Instant.now();
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("database_name", "shop");
                history.add(new QueryLogEntry(start, end, sql, "demo-" + (++n), USER, null, null,
                        result ? rows : null, extra));
            }
        }
        return history;
    }

    private static long drain(Statement s) throws SQLException {
        long rows = 0;
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                rows++;
            }
        }
        return rows;
    }
}
