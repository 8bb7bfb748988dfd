package io.mcpush.lineage.bench;

import io.mcpush.lineage.Context;
import io.mcpush.lineage.Dialect;
import io.mcpush.lineage.LineageResult;
import io.mcpush.lineage.SqlLineage;
import java.io.PrintWriter;
import java.util.List;

/**
 * Single-threaded throughput of lineage over a realistic mix of warehouse statements (dbt-style
 * CTAS with CTEs, incremental MERGE/INSERT, BI SELECTs with joins and windows, COPY, DDL noise).
 * A benchmark is code, not a test: run it and read the numbers.
 *
 * <pre>java -cp mcpush-cli/target/mcpush.jar io.mcpush.lineage.bench.LineageBenchmark [seconds]</pre>
 */
public final class LineageBenchmark {
    /** One statement of the mix. */
    public record Sample(Dialect dialect, String sql) {
    }

    /** The statement mix. */
    public static final List<Sample> MIX = List.of(
            new Sample(Dialect.SNOWFLAKE, "create or replace transient table analytics.marts.fct_orders as\n"
                    + "with orders as (select id, customer_id, amount, status, created_at from raw.shop.orders),\n"
                    + "payments as (select order_id, sum(amount) as paid from raw.shop.payments group by order_id)\n"
                    + "select o.id as order_id, o.customer_id, o.amount, coalesce(p.paid, 0) as paid,\n"
                    + "  case when o.status = 'done' then 1 else 0 end as is_done, date_trunc('day', o.created_at) as day\n"
                    + "from orders o left join payments p on p.order_id = o.id"),
            new Sample(Dialect.SNOWFLAKE, "merge into analytics.marts.dim_customers t using (select id, email, "
                    + "updated_at from raw.shop.customers where updated_at > dateadd(day, -1, current_timestamp())) s "
                    + "on t.id = s.id when matched then update set t.email = s.email, t.updated_at = s.updated_at "
                    + "when not matched then insert (id, email, updated_at) values (s.id, s.email, s.updated_at)"),
            new Sample(Dialect.SNOWFLAKE, "select c.region, count(distinct o.id) as orders, sum(o.amount) as revenue "
                    + "from analytics.marts.fct_orders o join analytics.marts.dim_customers c on c.id = o.customer_id "
                    + "where o.day >= '2024-01-01' group by 1 order by 3 desc limit 100"),
            new Sample(Dialect.BIGQUERY, "INSERT INTO `proj.mart.sessions` (user_id, session_start, events) "
                    + "SELECT user_id, MIN(ts), COUNT(*) FROM `proj.raw.events` WHERE DATE(ts) = CURRENT_DATE() "
                    + "GROUP BY user_id"),
            new Sample(Dialect.BIGQUERY, "SELECT e.user_id, item.sku FROM `proj.raw.events` e, UNNEST(e.items) AS item "
                    + "WHERE e.type = 'purchase' QUALIFY ROW_NUMBER() OVER (PARTITION BY e.user_id ORDER BY e.ts DESC) = 1"),
            new Sample(Dialect.REDSHIFT, "INSERT INTO analytics.daily_revenue SELECT TRUNC(created_at) AS day, "
                    + "SUM(amount) AS revenue FROM public.orders WHERE created_at >= DATEADD(day, -7, GETDATE()) GROUP BY 1"),
            new Sample(Dialect.REDSHIFT, "COPY public.events FROM 's3://bucket/events/2024/01/' IAM_ROLE "
                    + "'arn:aws:iam::123:role/load' FORMAT AS JSON 'auto'"),
            new Sample(Dialect.POSTGRES, "UPDATE public.accounts a SET balance = a.balance + t.amount FROM "
                    + "public.transfers t WHERE t.account_id = a.id AND t.processed = false"),
            new Sample(Dialect.POSTGRES, "SELECT u.id, u.email, (SELECT max(l.ts) FROM public.logins l WHERE "
                    + "l.user_id = u.id) AS last_login FROM public.users u WHERE u.active"),
            new Sample(Dialect.DATABRICKS, "INSERT OVERWRITE gold.customer_ltv SELECT c.id, sum(o.amount) AS ltv, "
                    + "count(*) AS orders FROM silver.customers c JOIN silver.orders o ON o.customer_id = c.id GROUP BY c.id"),
            new Sample(Dialect.TSQL, "INSERT INTO dbo.FactSales (DateKey, ProductKey, Amount) SELECT d.DateKey, "
                    + "p.ProductKey, s.Amount FROM stg.Sales s JOIN dbo.DimDate d ON d.Date = s.SaleDate JOIN "
                    + "dbo.DimProduct p ON p.Sku = s.Sku"),
            new Sample(Dialect.SNOWFLAKE, "create or replace view analytics.marts.v_active as select id, email from "
                    + "analytics.marts.dim_customers where status = 'active'"),
            new Sample(Dialect.SNOWFLAKE, "alter warehouse transforming set warehouse_size = 'LARGE'"),
            new Sample(Dialect.SNOWFLAKE, "select * from analytics.marts.fct_orders where order_id = 42"),
            new Sample(Dialect.HIVE, "INSERT OVERWRITE TABLE dw.fact_orders PARTITION (dt='2024-01-01') SELECT id, "
                    + "amount, customer_id FROM ods.orders WHERE dt = '2024-01-01'"),
            new Sample(Dialect.POSTGRES, "DROP TABLE IF EXISTS public.tmp_load"));

    private LineageBenchmark() {
    }

    /** Runs each mode for {@code seconds} after a warm-up and prints statements per second. */
    public static void run(double seconds, PrintWriter out) {
        Context context = Context.of("ANALYTICS", "PUBLIC");
        out.printf("lineage benchmark: %d-statement mix, single thread, %.0f s per mode%n", MIX.size(), seconds);
        measureParser(Math.max(1, seconds / 2));
        out.printf("  %-22s %,10.0f statements/s  (JSqlParser alone, for scale)%n", "parser only",
                measureParser(seconds));
        out.flush();
        for (boolean columns : new boolean[] {false, true}) {
            measure(columns, Math.max(1, seconds / 2), context); // warm-up
            double rate = measure(columns, seconds, context);
            out.printf("  %-22s %,10.0f statements/s%n", columns ? "table + column lineage" : "table lineage", rate);
            out.flush();
        }
    }

    private static double measure(boolean columns, double seconds, Context context) {
        SqlLineage lineage = new SqlLineage(SqlLineage.DEFAULT_PARSE_TIMEOUT, SqlLineage.DEFAULT_MAX_STATEMENT_CHARS);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        long sink = 0;
        while (System.nanoTime() < deadline) {
            for (Sample s : MIX) {
                LineageResult r = lineage.analyze(s.sql(), s.dialect(), context, columns);
                sink += r.sources().size() + r.columnEdges().size();
                n++;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (sink < 0) {
            throw new AssertionError();
        }
        return n / elapsed;
    }

    private static double measureParser(double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() < deadline) {
            for (Sample s : MIX) {
                try {
                    new net.sf.jsqlparser.parser.CCJSqlParser(new net.sf.jsqlparser.parser.StringProvider(s.sql()))
                            .withAllowComplexParsing(false).Statement();
                } catch (Exception | Error e) {
                    // statements JSqlParser rejects cost a failed parse, as in real use
                }
                n++;
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Double.parseDouble(args[0]) : 10, new PrintWriter(System.out, true));
    }
}
