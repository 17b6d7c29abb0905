package io.tickstore.columns.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The end of a message about a misspelt name: {@code "; did you mean energy?"} when some known names are close to
 * the one given, nothing otherwise. Close means few edits apart (insertions, deletions, substitutions and swaps of
 * neighbours, ignoring case) for the name's length, fewer than either name has letters, or one name containing the other.
 */
public final class DidYouMean {
    private static final int MAX_SUGGESTIONS = 3;

    private DidYouMean() {
    }

    /** {@code "; did you mean a?"}, {@code "; did you mean a or b?"}, or {@code ""} when nothing is close. */
    public static String suffix(String given, Collection<String> known) {
        List<String> close = closest(given, known);
        return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
    }

    /** The known names close to {@code given}, closest first, at most three. */
    public static List<String> closest(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, g.length() / 3);
        List<String> close = new ArrayList<>();
        for (String name : known) {
            String n = name.toLowerCase(Locale.ROOT);
            int d = distance(g, n);
            // a one-letter name is a single edit from every other: a suggestion must keep part of what was typed
            if (!name.equals(given) && (d <= allowed && d < Math.min(g.length(), n.length())
                    || g.length() >= 3 && (n.contains(g) || g.contains(n)))) {
                close.add(name);
            }
        }
        close.sort(Comparator.comparingInt((String name) -> distance(g, name.toLowerCase(Locale.ROOT))).thenComparing(name -> name));
        return close.size() > MAX_SUGGESTIONS ? close.subList(0, MAX_SUGGESTIONS) : close;
    }

    /** Edits between two strings (optimal string alignment: a swap of neighbours counts as one). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
