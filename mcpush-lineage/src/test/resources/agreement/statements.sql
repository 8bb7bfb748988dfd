-- Statements whose lineage must not depend on the fast parser (FastParserAgreementTest).
-- Each statement starts with a line "-- dialect: NAME" and ends at the next such line.
-- dialect: snowflake
select current_date, current_timestamp, o.id from raw.orders o
-- dialect: snowflake
create table mart.t as select current_date as d, sysdate() as s, o.id, o.amount * 1.1 as amt from raw.orders o
-- dialect: snowflake
insert into mart.t select id, case when status = 'x' then amount else -amount end, iff(a > 0, b, c) from raw.s
-- dialect: snowflake
insert into mart.t (a, b) select dateadd(day, -1, created_at), datediff('day', created_at, updated_at) from raw.s
-- dialect: snowflake
insert into mart.t select s.id, count(*) over (partition by s.region order by s.ts rows between unbounded preceding and current row) as c from raw.s s
-- dialect: snowflake
insert into mart.t select listagg(name, ',') within group (order by ts) as names, region from raw.s group by region
-- dialect: snowflake
insert into mart.t select id, x::number(38,2) as x, cast(y as varchar) as y, try_cast(z as date) z from raw.s where a is not null and b not in (1, 2) and c between 1 and 10
-- dialect: snowflake
merge into mart.t t using (select id, v from raw.s qualify row_number() over (partition by id order by ts desc) = 1) s on t.id = s.id when matched and s.v is null then delete when matched then update set v = s.v when not matched then insert (id, v) values (s.id, s.v)
-- dialect: snowflake
merge mart.t t using raw.s s on t.id = s.id when not matched then insert values (s.id, s.v)
-- dialect: snowflake
with a as (select id, v from raw.a), b as (select id, w from raw.b) select a.id, b.w from a join b using (id)
-- dialect: snowflake
create or replace view mart.v (x, y) as select a, b from raw.t union all select c, d from raw.u
-- dialect: snowflake
create or replace secure view mart.v2 as select * from raw.t where exists (select 1 from raw.u where u.id = t.id)
-- dialect: snowflake
create temporary table tmp_x as select id from raw.t; insert into mart.y select id from tmp_x
-- dialect: snowflake
select "Mixed", "lower".col, t."Quoted Name" from raw."Tab" t
-- dialect: snowflake
insert into mart.t select * from raw.s
-- dialect: snowflake
insert into mart.t select s.*, u.extra from raw.s s left join raw.u u on u.id = s.id
-- dialect: bigquery
SELECT "x" AS lit, t.a, t.s.f FROM `p.d.t` t
-- dialect: bigquery
INSERT INTO `p.d.out` SELECT id, IF(x > 0, 'a', 'b') AS k, ARRAY_LENGTH(items) AS n FROM `p.d.in` WHERE DATE(ts) >= DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY)
-- dialect: bigquery
CREATE OR REPLACE TABLE `p.d.t2` AS SELECT user_id, item FROM `p.d.events`, UNNEST(items) AS item
-- dialect: bigquery
SELECT * FROM `p.d.a` a FULL OUTER JOIN `p.d.b` b ON a.id = b.id CROSS JOIN `p.d.c`
-- dialect: bigquery
INSERT INTO p.d.t (a) SELECT EXTRACT(YEAR FROM ts) FROM p.d.s
-- dialect: postgres
insert into public.t (a, b) values (1, (select max(x) from public.s)), (2, 3)
-- dialect: postgres
update public.a set x = b.x, y = b.y + 1 from public.b where a.id = b.id
-- dialect: postgres
delete from public.a using public.b where a.id = b.id
-- dialect: postgres
delete from public.a where id in (select id from public.b)
-- dialect: postgres
create temp table t1 as select * from public.a; create table public.c as select x from t1
-- dialect: postgres
with recursive r (n, p) as (select id, parent from public.tree where parent is null union all select t.id, t.parent from public.tree t join r on t.parent = r.n) insert into public.flat select n, p from r
-- dialect: postgres
select count(*) filter (where x > 1) as c, string_agg(name, ',' order by name) from public.t
-- dialect: postgres
insert into public.t select a.x, b.y from (select x, id from public.a) as a (x, id) join public.b b on b.id = a.id
-- dialect: postgres
select 1
-- dialect: tsql
SELECT a.Id, b.Name INTO #tmp FROM dbo.A a JOIN dbo.B b ON a.Id = b.Id; INSERT INTO dbo.C SELECT Id, Name FROM #tmp
-- dialect: tsql
UPDATE t SET t.Name = s.Name FROM dbo.Target t JOIN dbo.Source s ON s.Id = t.Id
-- dialect: tsql
SELECT TOP 5 [Id], [Order Date] FROM [dbo].[Orders] ORDER BY [Order Date] DESC
-- dialect: tsql
INSERT INTO dbo.T (A) SELECT ISNULL(x, 0) FROM dbo.S WHERE y LIKE 'a%' ORDER BY x OFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY
-- dialect: redshift
insert into analytics.t select trunc(created_at), getdate(), amount from public.orders where created_at > dateadd(day, -7, getdate())
-- dialect: redshift
create table analytics.t2 as select distinct user_id, first_value(ts) over (partition by user_id order by ts rows between unbounded preceding and unbounded following) as f from public.events
-- dialect: databricks
insert overwrite gold.t select id, sum(x) as x from silver.s group by id having sum(x) > 0
-- dialect: databricks
create or replace temporary view v as select id from silver.s; insert into gold.t select id from v
-- dialect: hive
INSERT OVERWRITE TABLE dw.t PARTITION (dt = '2024-01-01') SELECT id, amount FROM ods.o WHERE dt = '2024-01-01'
-- dialect: hive
INSERT INTO TABLE dw.t SELECT id FROM ods.o
-- dialect: athena
SELECT id, tag FROM raw.docs CROSS JOIN UNNEST(tags) AS t (tag)
-- dialect: trino
insert into hive.mart.t select id, tag from hive.raw.docs cross join unnest(tags) as t (tag)
-- dialect: mysql
INSERT INTO shop.t SELECT id, `name` FROM shop.s WHERE `name` LIKE '%x%' LIMIT 10
-- dialect: oracle
insert into hr.t select e.id, nvl(e.bonus, 0), d.name from hr.emp e, hr.dept d where e.dept_id = d.id
-- dialect: duckdb
create table t as select * from read_parquet('s3://b/x.parquet')
-- dialect: duckdb
select a, b from t1 natural join t2
-- dialect: ansi
insert into s.t select a from s.u union select b from s.v intersect select c from s.w except select d from s.x
-- dialect: ansi
select (select max(b) from s.v where v.a = u.a) as m, a from s.u where a > any (select c from s.w)
-- dialect: ansi
insert into s.t select a, b from s.u order by a limit 10 offset 5
-- dialect: ansi
insert into s.t (x) select coalesce(a, b) || c from s.u u where not exists (select 1 from s.v v where v.id = u.id)
-- dialect: ansi
create view s.v as select user, current_user, session_user from s.u
-- dialect: snowflake
select e.id, f.value:name::string as name from raw.events e, lateral flatten(input => e.payload:items) f
-- dialect: snowflake
insert into mart.t select id, $1, :2 from raw.s
-- dialect: ansi
select a from s.t t1 left outer join s.u u1 on t1.id = u1.id right join s.w w1 on w1.id = u1.id inner join s.z z on z.id = w1.id
-- dialect: ansi
select x from (select x from (select x from (select x from s.deep) a) b) c
