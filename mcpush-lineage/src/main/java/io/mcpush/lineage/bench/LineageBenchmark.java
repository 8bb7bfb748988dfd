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

    /**
     * The statement mix: mostly the shapes warehouses log every day, plus a few the fast reader
     * leaves to JSqlParser (MySQL UPDATE ... JOIN, BigQuery SELECT * EXCEPT) at their real cost.
     */
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
            new Sample(Dialect.POSTGRES, "DROP TABLE IF EXISTS public.tmp_load"),
            new Sample(Dialect.SNOWFLAKE, "create or replace table analytics.marts.customer_360 as\n"
                    + "with customers as (select id, email, region, created_at from raw.shop.customers),\n"
                    + "orders as (select customer_id, count(*) as n_orders, sum(amount) as revenue, max(created_at) "
                    + "as last_order from raw.shop.orders where status <> 'cancelled' group by customer_id),\n"
                    + "tickets as (select customer_id, count(*) as n_tickets from raw.support.tickets group by 1),\n"
                    + "ranked as (select c.*, row_number() over (partition by c.region order by o.revenue desc) as rk "
                    + "from customers c left join orders o on o.customer_id = c.id)\n"
                    + "select r.id, r.email, r.region, coalesce(o.n_orders, 0) as n_orders, coalesce(o.revenue, 0) "
                    + "as revenue, o.last_order, coalesce(t.n_tickets, 0) as n_tickets, r.rk as region_rank,\n"
                    + "  case when o.revenue > 1000 then 'gold' when o.revenue > 100 then 'silver' else 'bronze' end "
                    + "as tier, datediff('day', r.created_at, current_date()) as tenure_days\n"
                    + "from ranked r left join orders o on o.customer_id = r.id left join tickets t on "
                    + "t.customer_id = r.id"),
            new Sample(Dialect.SNOWFLAKE, "insert into analytics.marts.order_items (order_id, sku, qty) select "
                    + "o.id, f.value:sku::string, f.value:qty::number from raw.shop.orders_json o, "
                    + "lateral flatten(input => o.payload:items) f where o.payload:status::string = 'paid'"),
            new Sample(Dialect.SPARKSQL, "INSERT INTO mart.tags SELECT d.id, tag FROM raw.docs d "
                    + "LATERAL VIEW explode(d.tags) t AS tag WHERE d.dt = '2024-01-01'"),
            new Sample(Dialect.TSQL, "SELECT o.Id, o.Amount INTO #big FROM dbo.Orders o WITH (NOLOCK) WHERE "
                    + "o.Amount > 100; INSERT INTO rpt.BigOrders (OrderId, Amount) SELECT Id, Amount FROM #big; "
                    + "DROP TABLE #big;"),
            new Sample(Dialect.MYSQL, "UPDATE shop.orders o JOIN shop.customers c ON o.cid = c.id "
                    + "SET o.region = c.region WHERE o.region IS NULL"),
            new Sample(Dialect.BIGQUERY, "SELECT * EXCEPT (raw_payload) FROM `proj.raw.events` WHERE "
                    + "DATE(ts) = CURRENT_DATE()"));

    private LineageBenchmark() {
    }

    /** Runs each mode for {@code seconds} after a warm-up and prints statements per second. */
    public static void run(double seconds, PrintWriter out) {
        Context context = Context.of("ANALYTICS", "PUBLIC");
        int rounds = 5;
        double perRound = Math.max(0.2, seconds / rounds);
        out.printf("lineage benchmark: %d-statement mix, single thread, %d rounds of %.1f s per mode; "
                + "rates per wall-clock second and per second of this thread's CPU time (min / median / max)%n",
                MIX.size(), rounds, perRound);
        // warm-up: the JIT compiles the parser and the analysis before anything is measured
        for (int i = 0; i < 3; i++) {
            measureParser(perRound);
            measure(false, perRound, context);
            measure(true, perRound, context);
        }
        report(out, "parser only (JSqlParser)", rounds, () -> measureParser(perRound));
        report(out, "table lineage", rounds, () -> measure(false, perRound, context));
        report(out, "table + column lineage", rounds, () -> measure(true, perRound, context));
    }

    private static void report(PrintWriter out, String mode, int rounds, java.util.function.Supplier<double[]> round) {
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            double[] r = round.get();
            wall[i] = r[0];
            cpu[i] = r[1];
        }
        java.util.Arrays.sort(wall);
        java.util.Arrays.sort(cpu);
        out.printf("  %-26s wall %,8.0f / %,8.0f / %,8.0f stmts/s   cpu %,8.0f / %,8.0f / %,8.0f stmts/s%n", mode,
                wall[0], wall[rounds / 2], wall[rounds - 1], cpu[0], cpu[rounds / 2], cpu[rounds - 1]);
        out.flush();
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** {statements per wall second, statements per CPU second} of one timed round. */
    private static double[] measure(boolean columns, double seconds, Context context) {
        SqlLineage lineage = new SqlLineage(SqlLineage.DEFAULT_PARSE_TIMEOUT, SqlLineage.DEFAULT_MAX_STATEMENT_CHARS);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long cpu = cpuNanos();
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
        double cpuElapsed = (cpuNanos() - cpu) / 1e9;
        if (sink < 0) {
            throw new AssertionError();
        }
        return new double[] {n / elapsed, n / cpuElapsed};
    }

    private static double[] measureParser(double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long cpu = cpuNanos();
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
        return new double[] {n / ((System.nanoTime() - start) / 1e9), n / ((cpuNanos() - cpu) / 1e9)};
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Double.parseDouble(args[0]) : 10, new PrintWriter(System.out, true));
    }
}
