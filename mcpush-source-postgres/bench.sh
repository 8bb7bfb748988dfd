#!/bin/sh
# The PostgreSQL metadata benchmark (issue 3, section 5): ./mcpush-source-postgres/bench.sh [N ...]
# e.g. JAVA_OPTS=-Xmx256m mcpush-source-postgres/bench.sh 10000 100000
set -e
cd "$(dirname "$0")/.."
mvn -q -pl mcpush-source-postgres -am install -DskipTests
mvn -q -pl mcpush-source-postgres test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
cd mcpush-source-postgres
exec java $JAVA_OPTS -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.mcpush.source.postgres.PostgresMetadataBench "$@"
