using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SemCache.Core.Requests;

/// <summary>
/// Validates a Pollinations-style request and builds its canonical form, exact key and partition.
/// The canonical rules are documented in docs/keys.md; changing them changes every key.
/// </summary>
public sealed partial class RequestParser(RequestLimits limits)
{
    private const string KeyVersion = "semcache-key-v1";
    private const string PartitionVersion = "semcache-partition-v1";

    public RequestLimits Limits { get; } = limits;

    /// <summary>Parses a raw request target such as <c>/prompt/a%20cat?width=512</c>.</summary>
    public bool TryParseTarget(
        string rawTarget,
        string? tenant,
        [NotNullWhen(true)] out ImageRequest? request,
        [NotNullWhen(false)] out RequestError? error) =>
        TryParseTarget(rawTarget, "/prompt/", tenant, out request, out error);

    /// <summary>Parses a raw request target whose path starts with <paramref name="prefix"/> followed by the prompt.</summary>
    public bool TryParseTarget(
        string rawTarget,
        string prefix,
        string? tenant,
        [NotNullWhen(true)] out ImageRequest? request,
        [NotNullWhen(false)] out RequestError? error)
    {
        request = null;
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? rawTarget.AsSpan() : rawTarget.AsSpan(0, q);
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            error = new RequestError($"The path must be {prefix}{{prompt}}.");
            return false;
        }

        if (!PercentDecoding.TryDecode(path[prefix.Length..], plusIsSpace: false, out var prompt))
        {
            error = new RequestError("The prompt is not valid percent-encoded UTF-8.", "prompt");
            return false;
        }

        var query = new List<KeyValuePair<string, string>>();
        if (q >= 0)
        {
            foreach (var part in rawTarget.AsSpan(q + 1).Split('&'))
            {
                var pair = rawTarget.AsSpan(q + 1)[part];
                if (pair.IsEmpty)
                {
                    continue;
                }

                var eq = pair.IndexOf('=');
                var rawName = eq < 0 ? pair : pair[..eq];
                var rawValue = eq < 0 ? ReadOnlySpan<char>.Empty : pair[(eq + 1)..];
                if (!PercentDecoding.TryDecode(rawName, plusIsSpace: true, out var name)
                    || !PercentDecoding.TryDecode(rawValue, plusIsSpace: true, out var value))
                {
                    error = new RequestError("A query parameter is not valid percent-encoded UTF-8.", rawName.ToString());
                    return false;
                }

                query.Add(new(name, value));
            }
        }

        return TryParse(prompt, query, tenant, out request, out error);
    }

    /// <summary>Parses a decoded prompt and decoded query parameters (in the order sent; repeats are errors).</summary>
    public bool TryParse(
        string prompt,
        IReadOnlyList<KeyValuePair<string, string>> query,
        string? tenant,
        [NotNullWhen(true)] out ImageRequest? request,
        [NotNullWhen(false)] out RequestError? error)
    {
        request = null;
        if (PromptText.HasControlCharacters(prompt))
        {
            error = new RequestError("The prompt contains control characters.", "prompt");
            return false;
        }

        var canonicalPrompt = PromptText.Canonicalize(prompt);
        if (canonicalPrompt.Length == 0)
        {
            error = new RequestError("The prompt is empty.", "prompt");
            return false;
        }

        if (canonicalPrompt.Length > Limits.MaxPromptLength)
        {
            error = new RequestError($"The prompt is longer than {Limits.MaxPromptLength} characters.", "prompt");
            return false;
        }

        if (query.Count > Limits.MaxParameters)
        {
            error = new RequestError($"More than {Limits.MaxParameters} query parameters.");
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pixel = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var forward = new List<KeyValuePair<string, string>>(query.Count);
        var isPrivate = false;
        string? explicitSeed = null;
        foreach (var (name, value) in query)
        {
            if (!IsValidName(name))
            {
                error = new RequestError("A query parameter has an invalid name.", Truncate(name));
                return false;
            }

            if (!seen.Add(name))
            {
                error = new RequestError($"The parameter '{name}' is repeated.", name);
                return false;
            }

            if (value.Length > Limits.MaxParameterLength || PromptText.HasControlCharacters(value))
            {
                error = new RequestError($"The parameter '{name}' is too long or contains control characters.", name);
                return false;
            }

            forward.Add(new(name, value));
            if (ParameterNames.IsCredential(name))
            {
                continue;
            }

            if (!TryCanonicalValue(name, value, out var canonical, out error))
            {
                return false;
            }

            if (name == ParameterNames.Private)
            {
                isPrivate = canonical == "true";
            }

            if (name == ParameterNames.Seed)
            {
                explicitSeed = canonical;
            }

            if (canonical is not null && !ParameterNames.NonPixel.Contains(name))
            {
                pixel[name] = canonical;
            }
        }

        pixel.TryAdd(ParameterNames.Model, Limits.DefaultModel);
        pixel.TryAdd(ParameterNames.Width, Limits.DefaultWidth.ToString(CultureInfo.InvariantCulture));
        pixel.TryAdd(ParameterNames.Height, Limits.DefaultHeight.ToString(CultureInfo.InvariantCulture));
        pixel.TryAdd(ParameterNames.Seed, Limits.DefaultSeed);
        pixel.TryAdd(ParameterNames.Quality, "medium");
        foreach (var (name, absent) in ParameterNames.Booleans)
        {
            if (!ParameterNames.NonPixel.Contains(name))
            {
                pixel.TryAdd(name, absent ? "true" : "false");
            }
        }

        if (!string.IsNullOrEmpty(tenant))
        {
            // A tenant's entries live in their own namespace: a different key and partition, never shared.
            pixel["@tenant"] = tenant;
        }

        var pixelList = pixel.ToList();
        var key = Hash(KeyVersion, canonicalPrompt, pixelList, skipSeed: false);
        var partitionDescription = Describe(pixelList, skipSeed: Limits.SeedPolicy == SeedPolicy.Ignore);
        var partition = Hash(PartitionVersion, null, pixelList, skipSeed: Limits.SeedPolicy == SeedPolicy.Ignore);

        request = new ImageRequest(
            prompt,
            canonicalPrompt,
            pixelList,
            forward,
            pixel[ParameterNames.Seed],
            explicitSeed is not null,
            isPrivate,
            key,
            partition,
            partitionDescription);
        error = null;
        return true;
    }

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64];

    private static string Describe(IReadOnlyList<KeyValuePair<string, string>> pixel, bool skipSeed)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in pixel)
        {
            if (skipSeed && k == ParameterNames.Seed)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(k).Append('=').Append(Uri.EscapeDataString(v));
        }

        return sb.ToString();
    }

    private static string Hash(string version, string? prompt, IReadOnlyList<KeyValuePair<string, string>> pixel, bool skipSeed)
    {
        // One field per line: prompts and values cannot hold a line break (white space is folded, controls rejected).
        var sb = new StringBuilder(version).Append('\n');
        if (prompt is not null)
        {
            sb.Append(prompt).Append('\n');
        }

        foreach (var (k, v) in pixel)
        {
            if (skipSeed && k == ParameterNames.Seed)
            {
                continue;
            }

            sb.Append(k).Append('=').Append(v).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
