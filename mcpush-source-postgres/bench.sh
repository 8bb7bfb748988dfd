#!/bin/sh
# The PostgreSQL metadata benchmark (issue 3, section 5): mcpush-source-postgres/bench.sh [N ...]
# e.g. JAVA_OPTS=-Xmx256m mcpush-source-postgres/bench.sh 10000 100000
# Compiles this module and the modules it depends on inside one reactor (nothing is installed into
# ~/.m2: the sibling modules come from their target/classes) and runs the benchmark class with the
# test class path. JAVA_OPTS may add -Dbench.datadir=DIR (keep and reuse the created databases),
# -Dbench.fetchSize=N, -Dbench.options=k=v,... and -Dbench.explain=true; see PostgresMetadataBench.
set -e
cd "$(dirname "$0")/.."
mvn -q -B -pl mcpush-source-postgres -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
cd mcpush-source-postgres
exec java $JAVA_OPTS -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.mcpush.source.postgres.PostgresMetadataBench "$@"
