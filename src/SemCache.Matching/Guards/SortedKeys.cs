using System.Text;

namespace SemCache.Matching;

/// <summary>Comparison of two sorted key arrays (multisets) by a merge walk.</summary>
internal static class SortedKeys
{
    public static bool Equal(string[] a, string[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Contains(string[] sorted, string key) => Array.BinarySearch(sorted, key, StringComparer.Ordinal) >= 0;

    /// <summary>Keys only in <paramref name="query"/> and keys only in <paramref name="candidate"/> (multiset difference).</summary>
    public static void Difference(string[] query, string[] candidate, List<string> onlyQuery, List<string> onlyCandidate)
    {
        int i = 0, j = 0;
        while (i < query.Length || j < candidate.Length)
        {
            var cmp = i == query.Length ? 1 : j == candidate.Length ? -1 : string.CompareOrdinal(query[i], candidate[j]);
            if (cmp == 0)
            {
                i++;
                j++;
            }
            else if (cmp < 0)
            {
                onlyQuery.Add(query[i++]);
            }
            else
            {
                onlyCandidate.Add(candidate[j++]);
            }
        }
    }

    /// <summary>"query only: x, y; candidate only: z" (called on failure only).</summary>
    public static string Describe(string[] query, string[] candidate)
    {
        var onlyQuery = new List<string>();
        var onlyCandidate = new List<string>();
        Difference(query, candidate, onlyQuery, onlyCandidate);
        return $"query only: [{Quoted(onlyQuery)}]; candidate only: [{Quoted(onlyCandidate)}]";
    }

    private static string Quoted(List<string> keys)
    {
        var sb = new StringBuilder();
        foreach (var key in keys)
        {
            Append(sb, key);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string key)
    {
        if (sb.Length > 0)
        {
            sb.Append(", ");
        }

        sb.Append('\'').Append(key).Append('\'');
    }
}
