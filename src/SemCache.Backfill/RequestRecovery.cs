using SemCache.Core.Requests;

namespace SemCache.Backfill;

/// <summary>
/// Turns a listed object into the request that made it, through <see cref="RequestParser"/> so the key and
/// partition are exactly the ones the server computes. A null target comes with the reason it was skipped.
/// </summary>
internal sealed class RequestRecovery(RequestParser parser, KeyFormat format, bool sourceIsStore)
{
    public const string InvalidRequest = "invalid-request";

    /// <summary>True when the item alone (manifest line, cache entry) is enough, so no bytes are read first.</summary>
    public bool NeedsObject => format == KeyFormat.Pollinations;

    public BackfillTarget? Recover(BackfillItem item, SourceObject? source, out string? reason)
    {
        reason = null;
        switch (format)
        {
            case KeyFormat.Semcache:
                return FromEntry(item, out reason);
            case KeyFormat.Manifest:
                if (string.IsNullOrEmpty(item.Prompt))
                {
                    reason = "manifest-line-without-prompt";
                    return null;
                }

                return Parse(item.Prompt, item.Parameters ?? [], null, out reason);
            default:
                if (source?.OriginalUrl is { Length: > 0 } url)
                {
                    return FromOriginalUrl(url, out reason);
                }

                if (!PollinationsKey.TryDecode(item.ObjectKey, out var prompt, out var parameters, out reason))
                {
                    return null;
                }

                return Parse(prompt, parameters, null, out reason);
        }
    }

    private BackfillTarget? FromEntry(BackfillItem item, out string? reason)
    {
        var entry = item.Entry!;
        if (entry.AliasOf is not null)
        {
            reason = "alias";
            return null;
        }

        if (sourceIsStore)
        {
            // The entry is already where the server looks: index it under its own key.
            reason = null;
            return new BackfillTarget(entry.Key, entry.Partition, entry.Prompt, entry.Parameters.ToList());
        }

        entry.Parameters.TryGetValue("@tenant", out var tenant);
        var query = entry.Parameters.Where(p => p.Key != "@tenant").ToList();
        return Parse(entry.Prompt, query, tenant, out reason);
    }

    private BackfillTarget? FromOriginalUrl(string url, out string? reason)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            reason = "invalid-original-url";
            return null;
        }

        // Credentials never reach the parser's output anyway; dropping them here keeps them out of every error too.
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !ParameterNames.IsCredential(Name(pair)));
        var target = uri.AbsolutePath + "?" + string.Join('&', query);
        if (!parser.TryParseTarget(target, PollinationsKey.PathPrefix, null, out var request, out _))
        {
            reason = InvalidRequest;
            return null;
        }

        reason = null;
        return new BackfillTarget(request.Key, request.Partition, request.CanonicalPrompt, request.PixelParameters);
    }

    private static string Name(string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        var raw = eq < 0 ? pair : pair[..eq];
        return PercentDecoding.TryDecode(raw, plusIsSpace: true, out var name) ? name : raw;
    }

    private BackfillTarget? Parse(string prompt, IReadOnlyList<KeyValuePair<string, string>> query, string? tenant, out string? reason)
    {
        if (!parser.TryParse(prompt, query, tenant, out var request, out _))
        {
            reason = InvalidRequest;
            return null;
        }

        reason = null;
        return new BackfillTarget(request.Key, request.Partition, request.CanonicalPrompt, request.PixelParameters);
    }
}
