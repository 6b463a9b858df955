namespace SemCache.Storage.S3;

/// <summary>
/// Settings of <see cref="S3ImageStore"/>. Credentials come from the standard AWS chain (AWS_ACCESS_KEY_ID /
/// AWS_SECRET_ACCESS_KEY, profile, instance role), never from here.
/// </summary>
public sealed record S3StoreOptions
{
    /// <summary>Endpoint of an S3-compatible service (R2: https://&lt;account-id&gt;.r2.cloudflarestorage.com); null for AWS S3.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>Signing region ("auto" for R2).</summary>
    public string Region { get; init; } = "us-east-1";

    public required string Bucket { get; init; }

    /// <summary>Prepended as is to every object key, e.g. "semcache/".</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Bucket in the path rather than the host name (needed by MinIO and most self-hosted servers).</summary>
    public bool ForcePathStyle { get; init; } = true;

    public bool CreateBucketIfMissing { get; init; }

    /// <summary>Keys per ListObjectsV2 page (at most 1000).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>Every invalid setting, each naming the setting; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            errors.Add($"{nameof(Bucket)} is required.");
        }

        if (ServiceUrl is not null && (!ServiceUrl.IsAbsoluteUri || (ServiceUrl.Scheme != Uri.UriSchemeHttp && ServiceUrl.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{nameof(ServiceUrl)} must be an absolute http or https URL, or empty for AWS S3.");
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            errors.Add($"{nameof(Region)} is required (\"auto\" for R2).");
        }

        if (ListPageSize is < 1 or > 1000)
        {
            errors.Add($"{nameof(ListPageSize)} must be from 1 to 1000.");
        }

        return errors;
    }
}
