package io.mcpush.source.bigquery;

import static java.util.Objects.requireNonNull;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcOptions;
import io.mcpush.source.jdbc.NameFilter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a BigQuery source needs: the project that runs the queries, the projects and locations to
 * read, the credentials (never printed: {@link #toString()} names the key file, not its content),
 * the REST root and the name filters. {@code maxAttempts} bounds the client's retries of
 * transient errors. Immutable.
 */
public record BigQueryConfig(String billingProject, List<String> projects, List<String> regions,
        Credentials credentials, String credentialsSource, String apiEndpoint, NameFilter filter,
        boolean onlyFreshnessAndVolume, int maxAttempts) {
    public static final String DEFAULT_REGION = "region-us";
    public static final String DEFAULT_ENDPOINT = "https://bigquery.googleapis.com";

    public BigQueryConfig {
        requireNonNull(billingProject, "billingProject is null");
        projects = List.copyOf(projects);
        regions = List.copyOf(regions);
        requireNonNull(credentials, "credentials is null");
        requireNonNull(credentialsSource, "credentialsSource is null");
        requireNonNull(filter, "filter is null");
        if (projects.isEmpty() || regions.isEmpty() || maxAttempts < 1) {
            throw new IllegalArgumentException("projects and regions must not be empty, maxAttempts positive");
        }
    }

    /** Reads the shared options; the credentials are loaded here (a missing or bad key file is exit 2). */
    public static BigQueryConfig from(SourceOptions o) {
        String file = o.get(BigQueryOptionKeys.CREDENTIALS_FILE.name());
        Credentials credentials;
        String credentialsSource;
        String keyProject = null;
        if (file != null) {
            ServiceAccountCredentials sa = serviceAccount(file);
            credentials = sa;
            keyProject = sa.getProjectId();
            credentialsSource = "service-account key file " + file;
        } else {
            try {
                credentials = GoogleCredentials.getApplicationDefault();
            } catch (IOException e) {
                throw new SourceConfigException(BigQueryOptionKeys.CREDENTIALS_FILE.name(),
                        "no Google application-default credentials: set GOOGLE_APPLICATION_CREDENTIALS, run "
                                + "'gcloud auth application-default login', or give --credentials-file FILE");
            }
            credentialsSource = "application-default credentials";
        }
        String project = o.get(BigQueryOptionKeys.PROJECT.name());
        if (project == null) {
            project = keyProject;
        }
        if (project == null) {
            throw new SourceConfigException(BigQueryOptionKeys.PROJECT.name(),
                    "source " + o.sourceType() + " needs --project (the project that runs the queries)");
        }
        project = BigQueryNames.project(BigQueryOptionKeys.PROJECT.name(), project);
        List<String> projects = new ArrayList<>();
        for (String p : list(o.get(BigQueryOptionKeys.PROJECTS.name(), project))) {
            projects.add(BigQueryNames.project(BigQueryOptionKeys.PROJECTS.name(), p));
        }
        List<String> regions = new ArrayList<>();
        for (String r : list(o.get(BigQueryOptionKeys.REGION.name(), DEFAULT_REGION))) {
            regions.add(BigQueryNames.region(BigQueryOptionKeys.REGION.name(), r));
        }
        return new BigQueryConfig(project, projects, regions, credentials, credentialsSource,
                endpoint(o.get(BigQueryOptionKeys.BIGQUERY_ENDPOINT.name())), NameFilter.from(o),
                o.flag(JdbcOptions.ONLY_FRESHNESS_AND_VOLUME.name()), 6);
    }

    /** The REST root without a trailing slash; null means the default. */
    public String endpoint() {
        return apiEndpoint != null ? apiEndpoint : DEFAULT_ENDPOINT;
    }

    /** The host name for messages. */
    public String host() {
        try {
            String h = new URI(endpoint()).getHost();
            return h != null ? h : endpoint();
        } catch (URISyntaxException e) {
            return endpoint();
        }
    }

    private static ServiceAccountCredentials serviceAccount(String file) {
        String option = BigQueryOptionKeys.CREDENTIALS_FILE.name();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return ServiceAccountCredentials.fromStream(in);
        } catch (NoSuchFileException e) {
            throw new SourceConfigException(option, "--credentials-file " + file + " does not exist");
        } catch (IOException | RuntimeException e) {
            // the library's message may quote the file; only its kind is shown
            throw new SourceConfigException(option, "--credentials-file " + file
                    + " is not a readable service-account key file (JSON with type service_account)");
        }
    }

    private static String endpoint(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI u = new URI(value);
            if (u.getScheme() == null || u.getHost() == null
                    || !(u.getScheme().equals("https") || u.getScheme().equals("http"))) {
                throw new URISyntaxException(value, "not an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new SourceConfigException(BigQueryOptionKeys.BIGQUERY_ENDPOINT.name(),
                    "--bigquery-endpoint '" + value + "' is not an http(s) URL");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static List<String> list(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "bigquery project " + billingProject + " projects " + projects + " regions " + regions + " with "
                + credentialsSource;
    }
}
