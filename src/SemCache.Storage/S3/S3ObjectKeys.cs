using System.Text.RegularExpressions;

namespace SemCache.Storage.S3;

/// <summary>Object names of the store: <c>{prefix}blobs/{sha256}</c> and <c>{prefix}entries/{key}.json</c>.</summary>
internal sealed partial class S3ObjectKeys(string prefix)
{
    private const string EntrySuffix = ".json";

    public string BlobsPrefix { get; } = prefix + "blobs/";

    public string EntriesPrefix { get; } = prefix + "entries/";

    public string Blob(string sha256) => BlobsPrefix + Checked(sha256, nameof(sha256));

    public string Entry(string key) => EntriesPrefix + Checked(key, nameof(key)) + EntrySuffix;

    /// <summary>The digest named by a listed blob object, or null for an object that is not one of ours.</summary>
    public string? BlobName(string objectKey)
    {
        var name = objectKey[BlobsPrefix.Length..];
        return Hex64().IsMatch(name) ? name : null;
    }

    /// <summary>The cache key named by a listed entry object, or null for an object that is not one of ours.</summary>
    public string? EntryName(string objectKey)
    {
        if (!objectKey.EndsWith(EntrySuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = objectKey[EntriesPrefix.Length..^EntrySuffix.Length];
        return Hex64().IsMatch(name) ? name : null;
    }

    public static string Checked(string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        return Hex64().IsMatch(value)
            ? value
            : throw new ArgumentException("Expected 64 lowercase hexadecimal characters (a SHA-256).", parameterName);
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Hex64();
}
