package io.tickstore.backends.postgres;

import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.TickstoreException.Problem;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A PostgreSQL JDBC URL split into what the driver needs and what must never be shown. Accepts pgjdbc's forms
 * ({@code jdbc:postgresql://HOST[:PORT][,HOST2...]/DATABASE?user=U}, {@code jdbc:postgresql:DATABASE}) and two ways of
 * carrying a password: a {@code password=} parameter and a {@code USER:PASSWORD@} prefix of the host, which pgjdbc itself
 * does not understand.
 *
 * <p>The password (and any other parameter whose name ends in {@code password}, such as {@code sslpassword}) is held
 * apart: {@link #toString()} is the URL without it, and that is the only URL the pool and the driver are given, so
 * neither can repeat the password in a log line or an exception message (HikariCP's "Failed to get driver instance for
 * jdbcUrl=..." does). The password reaches the driver as a connection property only.
 */
public final class PostgresUrl {
    public static final String PREFIX = "jdbc:postgresql:";
    public static final String DEFAULT_HOST = "localhost";
    public static final String DEFAULT_PORT = "5432";

    private final String shown;
    private final String host;
    private final String port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> secretParameters;

    private PostgresUrl(String shown, String host, String port, String database, String user, String password,
                        Map<String, String> secretParameters) {
        this.shown = shown;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.secretParameters = secretParameters;
    }

    /** Parses {@code jdbcUrl}; throws {@link Problem#INVALID_INPUT}, quoting the URL without its password, when it is not one. */
    public static PostgresUrl parse(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw invalid(jdbcUrl, "is not a PostgreSQL JDBC URL");
        }
        String rest = jdbcUrl.substring(PREFIX.length());
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String authority = null;
        String path = rest;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            path = slash < 0 ? "" : rest.substring(slash + 1);
        } else if (rest.startsWith("/")) {
            path = rest.substring(1);
        }
        String userInfo = null;
        String hosts = authority;
        if (authority != null) {
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                userInfo = authority.substring(0, at);
                hosts = authority.substring(at + 1);
            }
        }
        String host = DEFAULT_HOST;
        String port = DEFAULT_PORT;
        if (hosts != null && !hosts.isEmpty()) {
            String first = hosts.split(",", -1)[0];
            int colon = first.startsWith("[") ? first.indexOf(':', first.indexOf(']')) : first.lastIndexOf(':');
            if (colon >= 0) {
                port = first.substring(colon + 1);
                first = first.substring(0, colon);
            }
            if (!port.matches("[0-9]{1,5}")) {
                throw invalid(jdbcUrl, "has port '" + port + "', which is not a number");
            }
            host = first.isEmpty() ? DEFAULT_HOST : first;
        }

        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), jdbcUrl);
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), jdbcUrl);
        }
        List<String> shownParameters = new ArrayList<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        boolean userParameter = false;
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : decode(parameter.substring(eq + 1), jdbcUrl);
            if (name.equals("password")) {
                password = value;
            } else if (isSecret(name)) {
                secrets.put(name, value);
            } else {
                if (name.equals("user")) {
                    user = value;
                    userParameter = true;
                }
                shownParameters.add(parameter);
            }
        }
        if (user != null && !userParameter) {
            // a user given as USER@HOST moves to the parameter pgjdbc reads
            shownParameters.add(0, "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8));
        }
        String database = decode(path, jdbcUrl);
        StringBuilder shown = new StringBuilder(PREFIX);
        if (authority != null) {
            shown.append("//").append(hosts).append('/');
        } else if (rest.startsWith("/")) {
            shown.append('/');
        }
        shown.append(path);
        if (!shownParameters.isEmpty()) {
            shown.append('?').append(String.join("&", shownParameters));
        }
        return new PostgresUrl(shown.toString(), host, port, database.isEmpty() ? null : database, user,
                password == null || password.isEmpty() ? null : password, Map.copyOf(secrets));
    }

    /** Whether a URL parameter holds a secret: {@code password}, {@code sslpassword} and any other {@code ...password}. */
    static boolean isSecret(String parameterName) {
        return parameterName.toLowerCase(Locale.ROOT).endsWith("password");
    }

    private static String decode(String text, String url) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(url, "has a malformed %-escape");
        }
    }

    private static PersistenceException invalid(String url, String what) {
        return new PersistenceException(Problem.INVALID_INPUT, "'" + BackendSpec.redact(String.valueOf(url)) + "' " + what
                + " (jdbc:postgresql://HOST:PORT/DATABASE?user=USER)");
    }

    /** The first host, as written ({@value #DEFAULT_HOST} when the URL names none). */
    public String host() {
        return host;
    }

    /** The first host's port, as written ({@value #DEFAULT_PORT} when the URL names none). */
    public String port() {
        return port;
    }

    /** The database, when the URL names one (the driver defaults it to the user name). */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** The user, from {@code user=} or {@code USER@HOST}. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password the URL carried, if any; never part of {@link #toString()}. Package-private: only the runtime needs it. */
    Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Secret parameters other than the password ({@code sslpassword}), passed to the driver as properties. */
    Map<String, String> secretParameters() {
        return secretParameters;
    }

    /** The URL without any password: what the driver is given, and what may be shown. */
    @Override
    public String toString() {
        return shown;
    }
}
