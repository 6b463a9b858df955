using System.Diagnostics.CodeAnalysis;
using SemCache.Core.Requests;

namespace SemCache.Backfill;

public static partial class PollinationsKey
{
    /// <summary>Reasons <see cref="TryDecode"/> gives for keys it will not turn into a request.</summary>
    public const string NotAKey = "not-a-pollinations-key";
    public const string Truncated = "truncated-key";
    public const string Unverified = "unverified-key";
    public const string Ambiguous = "ambiguous-key";

    /// <summary>Bounds the work on a hostile key full of parameter-like words.</summary>
    private const int MaxCandidates = 256;

    private static readonly PathStyle[] Styles = [PathStyle.Component, PathStyle.Strict, PathStyle.Typed];

    /// <summary>
    /// Recovers the prompt and parameters of a key. An <c>_</c> may be a separator or part of the prompt, so every
    /// split along the known parameter names is tried, and a split counts only if re-encoding it gives the same key
    /// and hash. Truncated keys and keys no split reproduces are reported, never guessed.
    /// </summary>
    public static bool TryDecode(
        string key,
        [NotNullWhen(true)] out string? prompt,
        [NotNullWhen(true)] out IReadOnlyList<KeyValuePair<string, string>>? parameters,
        [NotNullWhen(false)] out string? reason)
    {
        prompt = null;
        parameters = null;
        var dash = key.LastIndexOf('-');
        var bodyPrefix = "_prompt_";
        if (dash < 0 || dash > MaxBodyLength || dash + 1 == key.Length || dash + 9 < key.Length
            || key.AsSpan(dash + 1).IndexOfAnyExcept("0123456789abcdef") >= 0 || !key.StartsWith(bodyPrefix, StringComparison.Ordinal))
        {
            reason = NotAKey;
            return false;
        }

        var body = key[..dash];
        var rest = body[bodyPrefix.Length..];
        var found = new List<(string Prompt, List<KeyValuePair<string, string>> Query)>();
        var tried = 0;
        foreach (var split in SplitPoints(rest))
        {
            if (!PercentDecoding.TryDecode(rest.AsSpan(0, split), plusIsSpace: false, out var candidatePrompt) || candidatePrompt.Length == 0)
            {
                continue;
            }

            foreach (var query in ParseParameters(rest, split, null))
            {
                if (++tried > MaxCandidates)
                {
                    break;
                }

                if (Verifies(key, candidatePrompt, query) && !found.Exists(f => f.Prompt == candidatePrompt && SameQuery(f.Query, query)))
                {
                    found.Add((candidatePrompt, query));
                }
            }
        }

        if (found.Count == 1)
        {
            (prompt, var q) = found[0];
            parameters = q;
            reason = null;
            return true;
        }

        reason = found.Count > 1 ? Ambiguous : body.Length == MaxBodyLength ? Truncated : Unverified;
        return false;
    }

    private static bool Verifies(string key, string prompt, List<KeyValuePair<string, string>> query)
    {
        foreach (var style in Styles)
        {
            if (Encode(PathPrefix + PercentEncode(prompt, style), query) == key)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameQuery(List<KeyValuePair<string, string>> a, List<KeyValuePair<string, string>> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Key == p.Second.Key && p.First.Value == p.Second.Value);

    /// <summary>Where the prompt may end: the end of the body, or an <c>_</c> followed by a known name and <c>_</c>.</summary>
    private static IEnumerable<int> SplitPoints(string rest)
    {
        yield return rest.Length;
        for (var i = rest.Length - 1; i > 0; i--)
        {
            if (NameAt(rest, i, null) is not null)
            {
                yield return i;
            }
        }
    }

    /// <summary>Every reading of <c>_name_value_name_value…</c> from <paramref name="start"/> with names in sorted order.</summary>
    private static IEnumerable<List<KeyValuePair<string, string>>> ParseParameters(string rest, int start, string? previous)
    {
        if (start == rest.Length)
        {
            yield return [];
            yield break;
        }

        foreach (var name in NamesAt(rest, start, previous))
        {
            var valueStart = start + name.Length + 2;
            for (var end = rest.Length; end >= valueStart; end--)
            {
                if (end < rest.Length && NameAt(rest, end, name) is null)
                {
                    continue;
                }

                if (!PercentDecoding.TryDecode(rest.AsSpan(valueStart, end - valueStart), plusIsSpace: true, out var value))
                {
                    continue;
                }

                foreach (var tail in ParseParameters(rest, end, name))
                {
                    tail.Insert(0, new(name, value));
                    yield return tail;
                }
            }
        }
    }

    private static string? NameAt(string rest, int i, string? after) => NamesAt(rest, i, after).FirstOrDefault();

    private static IEnumerable<string> NamesAt(string rest, int i, string? after)
    {
        if (i >= rest.Length || rest[i] != '_')
        {
            yield break;
        }

        foreach (var name in KnownParameters)
        {
            if ((after is null || string.CompareOrdinal(name, after) > 0)
                && string.CompareOrdinal(rest, i + 1, name, 0, name.Length) == 0
                && i + 1 + name.Length < rest.Length && rest[i + 1 + name.Length] == '_')
            {
                yield return name;
            }
        }
    }
}
